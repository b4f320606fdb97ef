// SPDX-License-Identifier: GPL-2.0
/*
 * proc_leak: 1000 processes started and reaped leave the free-page counts
 * exactly as they were, and munmap gives back page tables as well as
 * frames.
 *
 * Free pages come from sysinfo(2): freeram - freehigh is lowmem (page
 * tables, kernel stacks, kernel objects), freehigh is highmem (user
 * pages). The children do a mix of things that allocate in the kernel:
 * exit at once, grow the heap, map and unmap, die of a fault, execve,
 * fork a grandchild, write multi-page buffers. They run in waves of
 * 2 x CPUs at a time. One warm-up round of the same waves runs first, so
 * that caches the kernel keeps for good (slab pages) exist before the
 * first count; the counts taken after the warm-up and after the 1000 must
 * then be equal, page for page.
 *
 * On a Linux host the free memory belongs to the whole machine and moves
 * all the time: the counts are printed, and the exactness check is
 * skipped there (the statuses are still checked).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ktap.h"
#include "util.h"

#define PROCESSES	1000
#define KINDS		8
#define MAX_WAVE	16

static const char *self_path;

/* What child number i does; the wait status it must end with. */
static void child_body(int i)
{
	switch (i % KINDS) {
	case 0:		/* exit at once with a code */
		_exit(i & 0x3f);
	case 1: {	/* heap: malloc'd pages, touched */
		char *p = malloc(64 * 1024);

		if (p)
			memset(p, i, 64 * 1024);
		_exit(p ? 0 : 1);
	}
	case 2: {	/* mmap 16 pages, touch, unmap half */
		char *p = map_pages(16);

		if (p)
			munmap(p + 4 * PAGE_SIZE, 8 * PAGE_SIZE);
		_exit(p ? 0 : 1);
	}
	case 3:		/* die of a fault with pages mapped */
		map_pages(4);
		(void)*(volatile char *)0xE0000000;
		_exit(1);
	case 4: {	/* replace the image */
		char *argv[] = { (char *)self_path, "--child-exit", NULL };
		char *envp[] = { NULL };

		execve(self_path, argv, envp);
		_exit(1);
	}
	case 5: {	/* a grandchild, reaped here */
		pid_t pid = fork();
		int status;

		if (pid == 0)
			_exit(0);
		_exit(pid > 0 && waitpid(pid, &status, 0) == pid &&
		      WIFEXITED(status) ? 0 : 1);
	}
	case 6: {	/* multi-page writes */
		char *p = map_pages(3);
		int fd = open("/dev/null", O_WRONLY);

		_exit(p && fd >= 0 &&
		      write(fd, p + 100, 2 * PAGE_SIZE) == 2 * PAGE_SIZE ? 0 : 1);
	}
	default:	/* grow the stack a little */
	{
		volatile char big[32 * 1024];

		big[0] = 1;
		big[sizeof(big) - 1] = big[0];
		_exit(0);
	}
	}
}

static bool status_as_expected(int i, int status)
{
	switch (i % KINDS) {
	case 0:
		return WIFEXITED(status) && WEXITSTATUS(status) == (i & 0x3f);
	case 3:
		return WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV;
	case 4:
		return WIFEXITED(status) && WEXITSTATUS(status) == 3;
	default:
		return WIFEXITED(status) && WEXITSTATUS(status) == 0;
	}
}

/* Start and reap `count` children in waves; returns how many misbehaved. */
static int run_processes(int count)
{
	int wave = 2 * online_cpus(), bad = 0;
	pid_t pids[MAX_WAVE];
	char why[64];

	if (wave > MAX_WAVE)
		wave = MAX_WAVE;
	for (int base = 0; base < count; base += wave) {
		int n = count - base < wave ? count - base : wave;

		for (int k = 0; k < n; k++) {
			pids[k] = fork();
			if (pids[k] == 0)
				child_body(base + k);
		}
		for (int k = 0; k < n; k++) {
			int status;

			if (pids[k] < 0 || waitpid(pids[k], &status, 0) != pids[k]) {
				bad++;
				continue;
			}
			if (!status_as_expected(base + k, status) && bad++ < 5)
				ktap_diag("child %d (kind %d) %s", base + k,
					  (base + k) % KINDS,
					  describe_status(status, why,
							  sizeof(why)));
		}
	}
	return bad;
}

static void sysinfo_is_sane(void)
{
	struct sysinfo si;

	KT_ASSERT_EQ(sysinfo(&si), 0);
	KT_EXPECT_GE(si.mem_unit, 1u);
	KT_EXPECT_GT(si.totalram, 0ul);
	KT_EXPECT_GT(si.freeram, 0ul);
	KT_EXPECT_LE(si.freeram, si.totalram);
	KT_EXPECT_LE(si.freehigh, si.totalhigh);
	KT_EXPECT_LE(si.totalhigh, si.totalram);
	KT_EXPECT_GE(si.procs, 1);
	ktap_diag("total %lu free %lu (high: total %lu free %lu) x %u bytes, "
		  "%u processes", si.totalram, si.freeram, si.totalhigh,
		  si.freehigh, si.mem_unit, si.procs);
}

static void processes_1000_leave_free_pages_unchanged(void)
{
	unsigned long low0, high0, low1, high1;
	int bad;

	KT_ASSERT_EQ(run_processes(2 * MAX_WAVE), 0);	/* warm-up */
	KT_ASSERT_EQ(free_pages(&low0, &high0), 0);
	bad = run_processes(PROCESSES);
	KT_EXPECT_EQ(bad, 0);
	if (on_linux()) {
		KT_ASSERT_EQ(free_pages(&low1, &high1), 0);
		ktap_diag("free pages before: %lu + %lu, after: %lu + %lu", low0,
			  high0, low1, high1);
		ktap_skip("Linux host: free memory is shared with the system");
		return;
	}
	/* Exact, but give deferred frees (a last kernel stack) a moment. */
	KT_EXPECT(free_pages_settle(low0, high0, &low1, &high1, 20000));
	ktap_diag("free pages before: lowmem %lu highmem %lu; after %d "
		  "processes: lowmem %lu highmem %lu", low0, high0, PROCESSES,
		  low1, high1);
	KT_EXPECT_EQ(low1, low0);
	KT_EXPECT_EQ(high1, high0);
}

/*
 * A page table maps 4 MiB. Touching one byte in each of three 4 MiB
 * blocks that lie wholly inside a fresh mapping creates three tables;
 * munmap must give back the tables as well as the frames, or a process
 * that maps at ever new addresses (thread stacks) would grow for good.
 */
#define TABLE_SPAN	(4UL << 20)

static void munmap_frees_page_tables(void)
{
	unsigned long low0, high0, low1, high1, low2, high2;
	size_t len = 5 * TABLE_SPAN;
	char *p, *block;

	KT_ASSERT_EQ(free_pages(&low0, &high0), 0);
	p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	KT_ASSERT(p != MAP_FAILED);
	block = (char *)(((unsigned long)p + TABLE_SPAN - 1) & ~(TABLE_SPAN - 1));
	for (int i = 0; i < 3; i++)
		block[i * TABLE_SPAN] = 1;
	KT_ASSERT_EQ(free_pages(&low1, &high1), 0);
	KT_EXPECT_EQ(munmap(p, len), 0);
	if (on_linux()) {
		ktap_skip("Linux host: free memory is shared with the system");
		return;
	}
	/* Three tables and three frames, from lowmem and highmem. */
	KT_EXPECT_GE(low0 + high0 - low1 - high1, 6);
	KT_EXPECT(free_pages_settle(low0, high0, &low2, &high2, 5000));
	ktap_diag("free pages before: %lu + %lu, mapped: %lu + %lu, "
		  "unmapped: %lu + %lu", low0, high0, low1, high1, low2, high2);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(sysinfo_is_sane),
	KTAP_CASE(munmap_frees_page_tables),
	KTAP_CASE(processes_1000_leave_free_pages_unchanged),
	{ 0 }
};

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--child-exit"))
		return 3;
	self_path = argv[0];
	return ktap_main("proc_leak", cases);
}
