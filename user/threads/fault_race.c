// SPDX-License-Identifier: GPL-2.0
/*
 * fault_race: two threads of one process, on two CPUs, touch the same
 * not-yet-present page at the same moment. Both take a not-present page
 * fault; the first maps a frame, the second must find the page present
 * and simply return to retry the access (Linux treats it as a spurious
 * fault). It must never be killed with SIGSEGV.
 *
 * Each round runs in a forked child: the child maps PAGES fresh pages,
 * releases both threads at once, and each thread writes every page in
 * the same order, both meeting at a barrier before each page. The parent
 * expects a normal exit every time (5: the second thread did not run on
 * CPU 1, so the round tested nothing).
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ktap.h"
#include "util.h"

#define ROUNDS	20
#define PAGES	64

static struct {
	volatile char *mem;
	int go;
	int ready;
	int arrived;
	int bcpu;	/* where the second thread ran */
} s;

/* Both threads meet before each page, then touch it at once. */
static void touch_all(void)
{
	__atomic_add_fetch(&s.ready, 1, __ATOMIC_ACQ_REL);
	while (!__atomic_load_n(&s.go, __ATOMIC_ACQUIRE))
		;
	for (int i = 0; i < PAGES; i++) {
		__atomic_add_fetch(&s.arrived, 1, __ATOMIC_ACQ_REL);
		while (__atomic_load_n(&s.arrived, __ATOMIC_ACQUIRE) < 2 * (i + 1))
			;
		__atomic_add_fetch((char *)&s.mem[i * PAGE_SIZE + 1], 1,
				   __ATOMIC_RELAXED);
	}
}

static void *second(void *arg)
{
	(void)arg;
	pin_to_cpu(1);
	s.bcpu = sched_getcpu();
	touch_all();
	return NULL;
}

static void one_round(void *arg)
{
	pthread_t t;

	(void)arg;
	pin_to_cpu(0);
	/* Not map_pages(): that touches every page. */
	s.mem = mmap(NULL, PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (s.mem == MAP_FAILED || pthread_create(&t, NULL, second, NULL))
		_exit(3);
	while (__atomic_load_n(&s.ready, __ATOMIC_ACQUIRE) < 1)
		;
	__atomic_store_n(&s.go, 1, __ATOMIC_RELEASE);
	touch_all();
	pthread_join(t, NULL);
	for (int i = 0; i < PAGES; i++)
		if (s.mem[i * PAGE_SIZE + 1] != 2)
			_exit(4);
	_exit(s.bcpu == 1 ? 0 : 5);
}

static void concurrent_first_touch(void)
{
	int segv = 0, other = 0;
	char why[64];

	if (online_cpus() < 2) {
		ktap_skip("needs 2 CPUs");
		return;
	}
	for (int r = 0; r < ROUNDS; r++) {
		int status = child_status(one_round, NULL);

		if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
			continue;
		if (WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV)
			segv++;
		else
			other++;
		if (segv + other <= 3)
			ktap_diag("round %d: %s", r,
				  describe_status(status, why, sizeof(why)));
	}
	ktap_diag("%d rounds of %d pages: %d SIGSEGV, %d other failures",
		  ROUNDS, PAGES, segv, other);
	KT_EXPECT_EQ(segv, 0);
	KT_EXPECT_EQ(other, 0);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(concurrent_first_touch),
	{ 0 }
};

int main(void)
{
	return ktap_main("fault_race", cases);
}
