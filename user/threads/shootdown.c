// SPDX-License-Identifier: GPL-2.0
/*
 * shootdown: after munmap (or mprotect) returns in one thread, another
 * thread of the same process on another CPU can no longer use the old
 * translation: its next access faults and the process dies of SIGSEGV.
 * Without a TLB shootdown the other CPU keeps a stale entry and reads the
 * freed frame (or writes a read-only page) as if nothing had happened.
 *
 * Each round runs in a forked child: thread B, pinned to CPU 1, touches
 * the page in a loop (so its CPU caches the translation); thread A, pinned
 * to CPU 0, waits for B's first accesses, changes the mapping, then raises
 * a flag. B reads the flag before each access: an access that succeeds
 * after B saw the flag is a stale TLB entry, and B exits with code 2. The
 * parent expects SIGSEGV every time.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ktap.h"
#include "util.h"

#define ROUNDS	40
#define STALE	2

enum change { UNMAP, PROTECT_READ_ONLY };

static struct {
	volatile char *page;
	enum change change;
	int changed;		/* set by A after munmap/mprotect returned */
	long touches;
} s;

static void *toucher(void *arg)
{
	(void)arg;
	pin_to_cpu(1 % online_cpus());
	for (;;) {
		int after = __atomic_load_n(&s.changed, __ATOMIC_ACQUIRE);

		if (s.change == UNMAP)
			(void)s.page[0];
		else
			s.page[0]++;
		__atomic_add_fetch(&s.touches, 1, __ATOMIC_RELEASE);
		if (after)
			_exit(STALE);	/* the access should have faulted */
	}
	return NULL;
}

static void one_round(void *how)
{
	pthread_t t;

	pin_to_cpu(0);
	s.change = (enum change)(long)how;
	s.page = map_pages(1);
	if (!s.page || pthread_create(&t, NULL, toucher, NULL))
		_exit(3);
	while (__atomic_load_n(&s.touches, __ATOMIC_ACQUIRE) < 1000)
		sched_yield();
	if (s.change == UNMAP)
		munmap((void *)s.page, PAGE_SIZE);
	else
		mprotect((void *)s.page, PAGE_SIZE, PROT_READ);
	__atomic_store_n(&s.changed, 1, __ATOMIC_RELEASE);
	pthread_join(t, NULL);	/* never returns: B faults or exits */
	_exit(4);
}

static void run_rounds(enum change how)
{
	int stale = 0, other = 0;
	char why[64];

	for (int r = 0; r < ROUNDS; r++) {
		int status = child_status(one_round, (void *)(long)how);

		if (WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV)
			continue;
		if (WIFEXITED(status) && WEXITSTATUS(status) == STALE)
			stale++;
		else if (other++ < 3)
			ktap_diag("round %d: %s", r,
				  describe_status(status, why, sizeof(why)));
	}
	KT_EXPECT_EQ(stale, 0);
	KT_EXPECT_EQ(other, 0);
	ktap_diag("%d rounds, %d stale accesses, CPUs %d", ROUNDS, stale,
		  online_cpus());
}

static void munmap_reaches_other_cpu(void)
{
	run_rounds(UNMAP);
}

static void mprotect_reaches_other_cpu(void)
{
	run_rounds(PROTECT_READ_ONLY);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(munmap_reaches_other_cpu),
	KTAP_CASE(mprotect_reaches_other_cpu),
	{ 0 }
};

int main(void)
{
	return ktap_main("shootdown", cases);
}
