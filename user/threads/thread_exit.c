// SPDX-License-Identifier: GPL-2.0
/*
 * thread_exit: a thread's exit gives back what it had. musl maps a
 * thread's stack and TLS in one region; pthread_join unmaps it for a
 * joinable thread, the thread itself does for a detached one. Afterwards
 * the address is gone (a write(2) from it into a pipe fails with EFAULT,
 * a probe that does not crash the test), and after many threads the
 * kernel's free-page counts are back where they were: the kernel's side
 * of a thread (kernel stack, TLS descriptor) is freed too. Both counts
 * are taken with no thread still on its way out (sysinfo's task count).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <string.h>
#include <sys/sysinfo.h>
#include <time.h>
#include <unistd.h>

#include "ktap.h"
#include "util.h"

#define THREADS		1000
#define DETACHED	200

static int probe_pipe[2];

/* Is addr still mapped? A one-byte write from it into a pipe tells. */
static bool mapped(const void *addr)
{
	char c;

	if (write(probe_pipe[1], addr, 1) == 1) {
		/* Keep the pipe empty for the next probe. */
		if (read(probe_pipe[0], &c, 1) != 1)
			ktap_diag("probe pipe: %s", strerror(errno));
		return true;
	}
	return errno != EFAULT;
}

static __thread char tls_marker[128];

static void *report_addresses(void *arg)
{
	volatile char local = 1;
	const void **out = arg;

	out[0] = (const void *)&local;
	out[1] = tls_marker;
	return NULL;
}

static void joined_thread_stack_and_tls_unmapped(void)
{
	const void *addr[2];
	pthread_t t;

	KT_ASSERT_EQ(pthread_create(&t, NULL, report_addresses, addr), 0);
	KT_ASSERT_EQ(pthread_join(t, NULL), 0);
	KT_EXPECT(!mapped(addr[0]));
	KT_EXPECT(!mapped(addr[1]));
	KT_EXPECT(mapped(&t));		/* the probe itself works */
}

static const void *detached_addr[DETACHED];
static int detached_started;

static void *detached_thread(void *arg)
{
	volatile char local = 1;
	int i = (int)(long)arg;

	detached_addr[i] = (const void *)&local;
	__atomic_add_fetch(&detached_started, 1, __ATOMIC_RELEASE);
	return NULL;
}

/* Detached threads unmap their own stacks; wait for all to be gone. */
static int run_detached(int n)
{
	struct timespec tick = { 0, 5 * 1000 * 1000 };
	pthread_attr_t attr;
	int left = n;

	detached_started = 0;
	memset(detached_addr, 0, sizeof(detached_addr));
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	for (int i = 0; i < n; i++) {
		pthread_t t;

		if (pthread_create(&t, &attr, detached_thread, (void *)(long)i))
			return -1;
	}
	for (int waited = 0; waited < 10000 && left; waited += 5) {
		left = n - __atomic_load_n(&detached_started, __ATOMIC_ACQUIRE);
		for (int i = 0; i < n; i++)
			left += detached_addr[i] && mapped(detached_addr[i]);
		if (left)
			nanosleep(&tick, NULL);
	}
	return left;
}

static void detached_thread_frees_its_stack(void)
{
	KT_EXPECT_EQ(run_detached(DETACHED), 0);
}

static void *nothing(void *arg)
{
	return arg;
}

static int run_joined(int n)
{
	int wave = online_cpus() * 2, bad = 0;
	pthread_t t[64];

	if (wave > 64)
		wave = 64;
	for (int base = 0; base < n; base += wave) {
		int k = n - base < wave ? n - base : wave;

		for (int i = 0; i < k; i++)
			bad += pthread_create(&t[i], NULL, nothing, NULL) != 0;
		for (int i = 0; i < k; i++)
			bad += pthread_join(t[i], NULL) != 0;
	}
	return bad;
}

/* sysinfo's procs: the kernel's task count, threads included. */
static int nr_tasks(void)
{
	struct sysinfo si;

	return sysinfo(&si) ? -1 : si.procs;
}

/*
 * A detached thread has unmapped its stack some time before its kernel
 * stack and task are freed (after its last switch away): wait until the
 * task count is back to `want`, so no exiting thread is in a page count.
 */
static int tasks_at_start;	/* before this program made any thread */

static bool tasks_settle(int want, int ms)
{
	struct timespec tick = { 0, 10 * 1000 * 1000 };

	for (int waited = 0; nr_tasks() != want; waited += 10) {
		if (waited >= ms)
			return false;
		nanosleep(&tick, NULL);
	}
	return true;
}

static void threads_leave_free_pages_unchanged(void)
{
	unsigned long low0, high0;

	KT_ASSERT_EQ(run_joined(64), 0);		/* warm-up */
	KT_ASSERT_EQ(run_detached(32), 0);
	if (!on_linux())
		KT_ASSERT(tasks_settle(tasks_at_start, 20000));
	KT_ASSERT_EQ(free_pages(&low0, &high0), 0);
	KT_EXPECT_EQ(run_joined(THREADS), 0);
	KT_EXPECT_EQ(run_detached(DETACHED), 0);
	expect_free_pages_back(low0, high0);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(joined_thread_stack_and_tls_unmapped),
	KTAP_CASE(detached_thread_frees_its_stack),
	KTAP_CASE(threads_leave_free_pages_unchanged),
	{ 0 }
};

int main(void)
{
	/* The previous test program's last task may still be switching out. */
	for (int i = 0, n = -1; i < 100 && n != tasks_at_start; i++) {
		struct timespec tick = { 0, 10 * 1000 * 1000 };

		n = tasks_at_start;
		nanosleep(&tick, NULL);
		tasks_at_start = nr_tasks();
	}
	if (pipe(probe_pipe)) {
		ktap_line("# thread_exit: pipe: %s (needed to probe mappings)",
			  strerror(errno));
		return KTAP_EXIT_FAIL;
	}
	return ktap_main("thread_exit", cases);
}
