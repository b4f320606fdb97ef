// SPDX-License-Identifier: GPL-2.0
/*
 * oom: a process that touches more memory than the machine has is the
 * one the OOM killer ends (SIGKILL), and nobody else suffers.
 *
 *   parent --fork--> small: map 16 pages, fill, verify, unmap, again...
 *      |   <--"ready"--'     (until the parent closes the stop pipe)
 *      +----fork--> hog: map totalram + 64 MiB, touch every page by
 *      |                 writing (or half of it, then read() the rest
 *      |                 from /dev/zero: the kernel's copy faults it in)
 *   wait4(hog): killed by SIGKILL
 *   close stop pipe; wait4(small): exited 0
 *   free pages: back to the counts before the two children
 *
 * Without the OOM killer, whoever faulted first once memory was full
 * died of SIGSEGV: the hog or, as often, the small process.
 *
 * On a Linux host this would push the whole machine into its OOM killer:
 * skipped there.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ktap.h"
#include "util.h"

#define SMALL_PAGES	16
#define HOG_EXTRA	(64UL << 20)	/* beyond totalram */
#define MAX_RAM		(2UL << 30)	/* more RAM than a hog can map */

/* Exit codes of the small process: what went wrong. */
enum { SMALL_OK, SMALL_MMAP, SMALL_CORRUPT, SMALL_PIPE };

static const char *const small_errors[] = {
	"ok", "mmap failed", "a page read back wrong", "pipe error",
};

static unsigned long long total_ram(void)
{
	struct sysinfo si;

	if (sysinfo(&si))
		return 0;
	return (unsigned long long)si.totalram * (si.mem_unit ? si.mem_unit : 1);
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* One round: fresh pages faulted in, filled, checked, given back. */
static int small_round(uint32_t round)
{
	size_t len = SMALL_PAGES * PAGE_SIZE;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int ret = SMALL_OK;

	if (p == MAP_FAILED)
		return SMALL_MMAP;
	for (int i = 0; i < SMALL_PAGES; i++)
		fill_pattern(p + i * PAGE_SIZE, PAGE_SIZE, round * SMALL_PAGES + i);
	for (int i = 0; i < SMALL_PAGES && ret == SMALL_OK; i++)
		if (check_pattern(p + i * PAGE_SIZE, PAGE_SIZE,
				  round * SMALL_PAGES + i) != PAGE_SIZE)
			ret = SMALL_CORRUPT;
	munmap(p, len);
	return ret;
}

/*
 * Rounds until the stop pipe reads end of file (it is non-blocking). No
 * time limit of its own: however slow the host, the parent's close, or
 * its death (which closes the pipe too), is what ends it.
 */
static __attribute__((noreturn)) void small(int ready_fd, int stop_fd)
{
	for (uint32_t round = 0;; round++) {
		int ret = small_round(round);
		ssize_t n;
		char c;

		if (ret != SMALL_OK)
			_exit(ret);
		if (round == 0 && write(ready_fd, "r", 1) != 1)
			_exit(SMALL_PIPE);
		n = read(stop_fd, &c, 1);
		if (n == 0)
			_exit(SMALL_OK);
		if (n > 0 || errno != EAGAIN)
			_exit(SMALL_PIPE);
	}
}

/* Touch totalram + 64 MiB; returning at all means it was not killed. */
static __attribute__((noreturn)) void hog(bool by_read)
{
	size_t len = total_ram() + HOG_EXTRA;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	size_t half = by_read ? len / 2 : len;

	if (p == MAP_FAILED)
		_exit(2);
	for (size_t off = 0; off < half; off += PAGE_SIZE)
		p[off] = 1;
	if (by_read) {
		/* The rest is faulted in by the kernel, in clear_user(). */
		int fd = open("/dev/zero", O_RDONLY);

		if (fd < 0)
			_exit(3);
		(void)!read(fd, p + half, len - half);
		_exit(4);
	}
	_exit(0);
}

/*
 * Warm-up, so that the count before is the count after: slab caches the
 * two children need exist, and this process's stack has grown as deep as
 * printing a double (musl's printf keeps a big array there) takes it.
 */
static void warm_up(void)
{
	char buf[32];
	int fds[2];

	snprintf(buf, sizeof(buf), "%.1f", now_s());

	if (pipe2(fds, O_NONBLOCK) == 0) {
		close(fds[0]);
		close(fds[1]);
	}
	for (int i = 0; i < 2; i++) {
		pid_t pid = fork();

		if (pid == 0)
			_exit(small_round(0));
		wait_status(pid);
	}
}

static bool oom_test_applies(void)
{
	if (on_linux()) {
		ktap_skip("Linux host: the whole machine would run out of memory");
		return false;
	}
	if (total_ram() == 0 || total_ram() > MAX_RAM) {
		ktap_skip("%llu bytes of RAM: more than a process can map",
			  total_ram());
		return false;
	}
	return true;
}

static void run_hog_with_bystander(bool by_read)
{
	unsigned long low0, high0, low1, high1;
	int ready[2], stop[2], hog_status, small_status;
	pid_t small_pid, hog_pid;
	char why[64], c;
	double t0;

	if (!oom_test_applies())
		return;
	warm_up();
	KT_ASSERT_EQ(free_pages(&low0, &high0), 0);
	KT_ASSERT_EQ(pipe(ready), 0);
	KT_ASSERT_EQ(pipe2(stop, O_NONBLOCK), 0);

	small_pid = fork();
	KT_ASSERT(small_pid >= 0);
	if (small_pid == 0) {
		close(ready[0]);
		close(stop[1]);
		small(ready[1], stop[0]);
	}
	close(ready[1]);
	close(stop[0]);
	/* The small process runs before the hog starts filling memory. */
	KT_EXPECT_EQ(read(ready[0], &c, 1), 1);

	t0 = now_s();
	hog_pid = fork();
	KT_ASSERT(hog_pid >= 0);
	if (hog_pid == 0)
		hog(by_read);
	hog_status = wait_status(hog_pid);
	ktap_diag("hog (%llu MiB mapped) %s after %.1f s",
		  (total_ram() + HOG_EXTRA) >> 20,
		  describe_status(hog_status, why, sizeof(why)), now_s() - t0);
	KT_EXPECT(hog_status != -1 && WIFSIGNALED(hog_status) &&
		  WTERMSIG(hog_status) == SIGKILL);

	close(stop[1]);
	small_status = wait_status(small_pid);
	close(ready[0]);
	ktap_diag("small process %s (%s)",
		  describe_status(small_status, why, sizeof(why)),
		  small_status != -1 && WIFEXITED(small_status) &&
		  WEXITSTATUS(small_status) <= SMALL_PIPE ?
		  small_errors[WEXITSTATUS(small_status)] : "?");
	KT_EXPECT(small_status != -1 && WIFEXITED(small_status) &&
		  WEXITSTATUS(small_status) == SMALL_OK);

	/* Every frame of the hog is back (a last kernel stack may lag). */
	KT_EXPECT(free_pages_settle(low0, high0, &low1, &high1, 20000));
	ktap_diag("free pages before: lowmem %lu highmem %lu; after: lowmem "
		  "%lu highmem %lu", low0, high0, low1, high1);
}

static void hog_touching_its_pages_is_killed(void)
{
	run_hog_with_bystander(false);
}

static void hog_filling_memory_in_read_is_killed(void)
{
	run_hog_with_bystander(true);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(hog_touching_its_pages_is_killed),
	KTAP_CASE(hog_filling_memory_in_read_is_killed),
	{ 0 }
};

int main(void)
{
	return ktap_main("oom", cases);
}
