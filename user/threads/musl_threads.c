// SPDX-License-Identifier: GPL-2.0
/*
 * musl_threads: what an ordinary static musl program expects to work:
 * printf and malloc, pthread_create/join, one pthread per CPU pinned by
 * affinity reporting the CPU it runs on (getcpu) with every CPU seen, and
 * per-thread TLS (__thread, i.e. set_thread_area per thread).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ktap.h"
#include "util.h"

#define MAX_THREADS	32

static void printf_and_malloc(void)
{
	size_t sizes[] = { 1, 24, 4000, 70000, 300000, 2 << 20 };
	void *p[6];

	for (int i = 0; i < 6; i++) {
		p[i] = malloc(sizes[i]);
		KT_ASSERT(p[i] != NULL);
		fill_pattern(p[i], sizes[i], i);
	}
	for (int i = 0; i < 6; i++) {
		KT_EXPECT_EQ(check_pattern(p[i], sizes[i], i), sizes[i]);
		free(p[i]);
	}
	/* printf through stdio: a diagnostic line at our depth. */
	KT_EXPECT_GT(printf("%*s# printf_and_malloc: printf %s %d %.2f\n",
			    4 * ktap_depth(), "", "works:", 42, 3.25), 0);
	KT_EXPECT_EQ(fflush(stdout), 0);
}

struct pinned {
	int cpu;
	int ran_on;
	int moved;	/* times getcpu said another CPU */
	int pin_err;
};

static void *pinned_thread(void *arg)
{
	struct pinned *p = arg;

	p->pin_err = pin_to_cpu(p->cpu);
	for (int i = 0; i < 200; i++) {
		int cpu = sched_getcpu();

		p->moved += cpu != p->cpu;
		p->ran_on = cpu;
		if (i % 20 == 0)
			sched_yield();
	}
	return NULL;
}

static void one_pinned_thread_per_cpu(void)
{
	int n = online_cpus(), seen = 0;
	static struct pinned p[MAX_THREADS];
	pthread_t t[MAX_THREADS];

	if (n > MAX_THREADS)
		n = MAX_THREADS;
	for (int i = 0; i < n; i++) {
		p[i] = (struct pinned){ .cpu = i, .ran_on = -1 };
		KT_ASSERT_EQ(pthread_create(&t[i], NULL, pinned_thread, &p[i]), 0);
	}
	for (int i = 0; i < n; i++)
		KT_EXPECT_EQ(pthread_join(t[i], NULL), 0);
	for (int i = 0; i < n; i++) {
		KT_EXPECT_EQ(p[i].pin_err, 0);
		KT_EXPECT_EQ(p[i].ran_on, i);
		KT_EXPECT_EQ(p[i].moved, 0);
		if (p[i].ran_on >= 0 && p[i].ran_on < 32)
			seen |= 1 << p[i].ran_on;
	}
	KT_EXPECT_EQ(seen, (int)((1ull << n) - 1));
	ktap_diag("%d threads, CPUs seen %#x", n, seen);
}

static void affinity_bad_arguments(void)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	/* An empty set, and a set with only CPUs that don't exist. */
	KT_EXPECT_EQ(sched_setaffinity(0, sizeof(set), &set), -1);
	KT_EXPECT_EQ(errno, EINVAL);
	CPU_SET(CPU_SETSIZE - 1, &set);
	KT_EXPECT_EQ(sched_setaffinity(0, sizeof(set), &set), -1);
	KT_EXPECT_EQ(errno, EINVAL);
	KT_EXPECT_EQ(sched_getaffinity(0, sizeof(set), &set), 0);
	KT_EXPECT_EQ(CPU_COUNT(&set), online_cpus());
}

static __thread int tls_value = 7;
static __thread char tls_buf[64];

static void *tls_thread(void *arg)
{
	int id = (int)(long)arg;

	/* A new thread sees the initial values, not another thread's. */
	if (tls_value != 7 || tls_buf[0] != 0)
		return (void *)1;
	tls_value = 1000 + id;
	snprintf(tls_buf, sizeof(tls_buf), "thread %d", id);
	for (int i = 0; i < 1000; i++) {
		sched_yield();
		if (tls_value != 1000 + id)
			return (void *)2;
	}
	return (void *)(long)(strcmp(tls_buf, "thread") == 0 ? 3 : 0);
}

static void tls_is_per_thread(void)
{
	pthread_t t[8];
	void *ret;

	tls_value = 1;
	for (int i = 0; i < 8; i++)
		KT_ASSERT_EQ(pthread_create(&t[i], NULL, tls_thread,
					    (void *)(long)i), 0);
	for (int i = 0; i < 8; i++) {
		KT_EXPECT_EQ(pthread_join(t[i], &ret), 0);
		KT_EXPECT_EQ((long)ret, 0);
	}
	KT_EXPECT_EQ(tls_value, 1);
	KT_EXPECT_EQ(gettid(), getpid());
}

static void *return_tid(void *arg)
{
	(void)arg;
	return (void *)(long)gettid();
}

static void threads_share_pid_have_own_tid(void)
{
	pthread_t t;
	void *tid;

	KT_ASSERT_EQ(pthread_create(&t, NULL, return_tid, NULL), 0);
	KT_ASSERT_EQ(pthread_join(t, &tid), 0);
	KT_EXPECT_NE((long)tid, (long)getpid());
	KT_EXPECT_GT((long)tid, 0);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(printf_and_malloc),
	KTAP_CASE(one_pinned_thread_per_cpu),
	KTAP_CASE(affinity_bad_arguments),
	KTAP_CASE(tls_is_per_thread),
	KTAP_CASE(threads_share_pid_have_own_tid),
	{ 0 }
};

int main(void)
{
	return ktap_main("musl_threads", cases);
}
