// SPDX-License-Identifier: GPL-2.0
/*
 * abi: the Linux i386 system-call ABI as a static program sees it.
 *
 * Numbers and error codes are checked with raw int $0x80 (user/lib/sys.h)
 * where musl could hide them; behaviour (memory, processes, time) is
 * checked through musl, as ordinary programs use it. Anything that should
 * kill a process runs in a forked child whose wait status is checked.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ktap.h"
#include "sys.h"
#include "util.h"

static void expect_signal(int status, int sig, const char *what)
{
	char why[64];

	if (!WIFSIGNALED(status) || WTERMSIG(status) != sig)
		ktap_fail_at(__FILE__, __LINE__, "%s: child %s, expected signal %d",
			     what, describe_status(status, why, sizeof(why)),
			     sig);
}

static void unknown_syscall_enosys(void)
{
	KT_EXPECT_EQ(raw_syscall0(999), -ENOSYS);
	KT_EXPECT_EQ(raw_syscall0(0x7fffffff), -ENOSYS);
	KT_EXPECT_EQ(raw_syscall0(-1), -ENOSYS);
	/* 17 is the old "break" call: unimplemented on Linux too. */
	KT_EXPECT_EQ(raw_syscall0(17), -ENOSYS);
	/* Still alive and served afterwards. */
	KT_EXPECT_EQ(raw_syscall0(SYS_getpid), getpid());
}

static bool nul_terminated(const char *s, size_t size)
{
	return memchr(s, '\0', size) != NULL;
}

static void uname_fields(void)
{
	struct utsname u;

	memset(&u, 0xff, sizeof(u));
	KT_ASSERT_EQ(raw_syscall3(SYS_uname, (long)&u, 0, 0), 0);
	KT_EXPECT(nul_terminated(u.sysname, sizeof(u.sysname)));
	KT_EXPECT(nul_terminated(u.nodename, sizeof(u.nodename)));
	KT_EXPECT(nul_terminated(u.release, sizeof(u.release)));
	KT_EXPECT(nul_terminated(u.version, sizeof(u.version)));
	KT_EXPECT(nul_terminated(u.machine, sizeof(u.machine)));
	KT_EXPECT(u.sysname[0] != '\0');
	KT_EXPECT(u.release[0] != '\0');
	KT_EXPECT(!strcmp(u.machine, "i686") || !strcmp(u.machine, "i386") ||
		  !strcmp(u.machine, "x86_64"));
	ktap_diag("%s %s %s %s", u.sysname, u.release, u.version, u.machine);
	KT_EXPECT_EQ(raw_syscall3(SYS_uname, 0xE0000000, 0, 0), -EFAULT);
	KT_EXPECT_EQ(raw_syscall3(SYS_uname, 0, 0, 0), -EFAULT);
}

static void report_pid(void *parent_pid)
{
	pid_t me = raw_syscall0(SYS_getpid);

	/* The parent compares our exit code with what fork() returned. */
	KT_EXPECT_NE(me, (pid_t)(long)parent_pid);
	_exit(me & 0x7f);
}

static void getpid_matches_fork(void)
{
	pid_t me = getpid(), child;
	int status;

	KT_EXPECT_GT(me, 0);
	KT_EXPECT_EQ(raw_syscall0(SYS_getpid), me);
	child = spawn(report_pid, (void *)(long)me);
	KT_ASSERT(child > 0);
	status = wait_status(child);
	KT_ASSERT(WIFEXITED(status));
	KT_EXPECT_EQ(WEXITSTATUS(status), child & 0x7f);
}

static long long ns_of(const struct timespec *ts)
{
	return ts->tv_sec * 1000000000LL + ts->tv_nsec;
}

/* The 32-bit-time clock_gettime (265, musl: SYS_clock_gettime32), as an i386 program may call it. */
struct timespec32 {
	int32_t tv_sec;
	int32_t tv_nsec;
};

static void clock_gettime_monotonic_increases(void)
{
	struct timespec prev, now;
	struct timespec32 t32;
	int backwards = 0;

	KT_ASSERT_EQ(clock_gettime(CLOCK_MONOTONIC, &prev), 0);
	for (int i = 0; i < 2000; i++) {
		KT_ASSERT_EQ(clock_gettime(CLOCK_MONOTONIC, &now), 0);
		KT_ASSERT(now.tv_nsec >= 0 && now.tv_nsec < 1000000000);
		backwards += ns_of(&now) < ns_of(&prev);
		prev = now;
	}
	KT_EXPECT_EQ(backwards, 0);
	KT_EXPECT_EQ(raw_syscall3(SYS_clock_gettime32, CLOCK_MONOTONIC,
				  (long)&t32, 0), 0);
	KT_EXPECT(t32.tv_nsec >= 0 && t32.tv_nsec < 1000000000);
	KT_EXPECT_EQ(raw_syscall3(SYS_clock_gettime32, CLOCK_REALTIME,
				  (long)&t32, 0), 0);
	KT_EXPECT_EQ(raw_syscall3(SYS_clock_gettime32, 1234, (long)&t32, 0),
		     -EINVAL);
	KT_EXPECT_EQ(raw_syscall3(SYS_clock_gettime32, CLOCK_MONOTONIC,
				  0xE0000000, 0), -EFAULT);
}

/* The process sleeps at least as long as asked (never a timing limit). */
static void nanosleep_sleeps_long_enough(void)
{
	struct timespec a, b, req = { 0, 30 * 1000 * 1000 };
	struct timespec32 bad = { 0, 1000000000 };

	KT_ASSERT_EQ(clock_gettime(CLOCK_MONOTONIC, &a), 0);
	KT_EXPECT_EQ(nanosleep(&req, NULL), 0);
	KT_ASSERT_EQ(clock_gettime(CLOCK_MONOTONIC, &b), 0);
	KT_EXPECT_GE(ns_of(&b) - ns_of(&a), 30 * 1000 * 1000);
	ktap_diag("asked 30 ms, slept %lld us", (ns_of(&b) - ns_of(&a)) / 1000);
	KT_EXPECT_EQ(raw_syscall3(SYS_nanosleep, (long)&bad, 0, 0), -EINVAL);
	KT_EXPECT_EQ(raw_syscall3(SYS_nanosleep, 0xE0000000, 0, 0), -EFAULT);
}

static void sched_yield_and_getcpu(void)
{
	unsigned int cpu = ~0u, node = ~0u;

	KT_EXPECT_EQ(raw_syscall0(SYS_sched_yield), 0);
	KT_EXPECT_EQ(raw_syscall3(SYS_getcpu, (long)&cpu, (long)&node, 0), 0);
	KT_EXPECT_LT(cpu, (unsigned int)online_cpus());
	KT_EXPECT_EQ(node, 0u);
	KT_EXPECT_EQ(raw_syscall3(SYS_getcpu, (long)&cpu, 0, 0), 0);
	ktap_diag("%d CPUs online, running on CPU %u", online_cpus(), cpu);
}

static void touch_byte(void *addr)
{
	*(volatile char *)addr = 1;
	ktap_diag("write to %p did not fault", addr);
}

static void read_byte(void *addr)
{
	(void)*(volatile char *)addr;
	ktap_diag("read of %p did not fault", addr);
}

/* brk: grow, use, shrink; a shrunk-away page is gone. */
static void brk_grows_and_shrinks(void)
{
	unsigned long start = raw_syscall3(SYS_brk, 0, 0, 0), cur;
	char *p;

	KT_ASSERT_NE(start, 0ul);
	cur = raw_syscall3(SYS_brk, start + 5 * PAGE_SIZE, 0, 0);
	KT_ASSERT_EQ(cur, start + 5 * PAGE_SIZE);
	p = (char *)start;
	memset(p, 0x5a, 5 * PAGE_SIZE);
	KT_EXPECT_EQ(p[5 * PAGE_SIZE - 1], 0x5a);
	/* Page-aligned top of the shrunk heap; beyond it must fault. */
	cur = raw_syscall3(SYS_brk, (start + PAGE_SIZE) & ~(PAGE_SIZE - 1), 0,
			   0);
	KT_EXPECT_EQ(cur, (start + PAGE_SIZE) & ~(PAGE_SIZE - 1));
	expect_signal(child_status(touch_byte, (void *)(cur + 2 * PAGE_SIZE)),
		      SIGSEGV, "touch above shrunk brk");
	/* Below the start of the heap: refused, the break stays. */
	KT_EXPECT_EQ(raw_syscall3(SYS_brk, 0x1000, 0, 0), (long)cur);
	/* Into the kernel: refused (a 64-bit host has no kernel there). */
	if (!on_linux_compat())
		KT_EXPECT_EQ(raw_syscall3(SYS_brk, 0xC0001000, 0, 0),
			     (long)cur);
	/* Grown again: the pages come back zeroed. */
	KT_EXPECT_EQ(raw_syscall3(SYS_brk, start + 5 * PAGE_SIZE, 0, 0),
		     (long)(start + 5 * PAGE_SIZE));
	KT_EXPECT_EQ(p[4 * PAGE_SIZE], 0);
	raw_syscall3(SYS_brk, start, 0, 0);
}

static void mmap_anonymous_zeroed(void)
{
	size_t n = 32, nonzero = 0;
	char *p = mmap(NULL, n * PAGE_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	KT_ASSERT(p != MAP_FAILED);
	KT_EXPECT_EQ((uintptr_t)p & (PAGE_SIZE - 1), 0);
	if (!on_linux_compat())
		KT_EXPECT_LE((uintptr_t)p + n * PAGE_SIZE, 0xC0000000ull);
	for (size_t i = 0; i < n * PAGE_SIZE; i++)
		nonzero += p[i] != 0;
	KT_EXPECT_EQ(nonzero, 0);
	fill_pattern(p, n * PAGE_SIZE, 7);
	KT_EXPECT_EQ(check_pattern(p, n * PAGE_SIZE, 7), n * PAGE_SIZE);
	KT_EXPECT_EQ(munmap(p, n * PAGE_SIZE), 0);
}

static void mmap_hint_and_fixed(void)
{
	char *hint = (char *)0x30000000, *p, *q;

	p = mmap(hint, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	KT_ASSERT(p != MAP_FAILED);
	/* A free hint is honoured (Linux does it, programs rely on it). */
	KT_EXPECT_EQ((uintptr_t)p, (uintptr_t)hint);
	memset(p, 0x33, 2 * PAGE_SIZE);
	/* MAP_FIXED over the second page replaces it with a zero page. */
	q = mmap(p + PAGE_SIZE, PAGE_SIZE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	KT_ASSERT(q == p + PAGE_SIZE);
	KT_EXPECT_EQ(p[0], 0x33);
	KT_EXPECT_EQ(q[0], 0);
	KT_EXPECT_EQ(q[PAGE_SIZE - 1], 0);
	KT_EXPECT_EQ(munmap(p, 2 * PAGE_SIZE), 0);
}

static void mmap_bad_arguments(void)
{
	/* Through syscall(): musl's mmap() checks some of these itself. */
	KT_EXPECT_EQ(raw_syscall5(SYS_mmap2, 0, 0, PROT_READ,
				  MAP_PRIVATE | MAP_ANONYMOUS, -1), -EINVAL);
	KT_EXPECT_EQ(raw_syscall5(SYS_mmap2, 0x30000123, PAGE_SIZE, PROT_READ,
				  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1),
		     -EINVAL);
	/* Neither MAP_PRIVATE nor MAP_SHARED. */
	KT_EXPECT_EQ(raw_syscall5(SYS_mmap2, 0, PAGE_SIZE, PROT_READ,
				  MAP_ANONYMOUS, -1), -EINVAL);
	/* munmap of an unaligned address. */
	KT_EXPECT_EQ(raw_syscall3(SYS_munmap, 0x30000123, PAGE_SIZE, 0),
		     -EINVAL);
	/* A fixed mapping over the kernel is refused. */
	if (!on_linux_compat())
		KT_EXPECT_LT(raw_syscall5(SYS_mmap2, 0xC0000000, PAGE_SIZE,
					  PROT_READ, MAP_PRIVATE |
					  MAP_ANONYMOUS | MAP_FIXED, -1), 0);
}

static void munmap_then_access_segfaults(void)
{
	char *p = map_pages(3);

	KT_ASSERT(p != NULL);
	KT_ASSERT_EQ(munmap(p + PAGE_SIZE, PAGE_SIZE), 0);
	p[0] = 1;
	p[2 * PAGE_SIZE] = 2;
	expect_signal(child_status(read_byte, p + PAGE_SIZE), SIGSEGV,
		      "read unmapped middle page");
	/* The neighbours are untouched. */
	KT_EXPECT_EQ(p[0], 1);
	KT_EXPECT_EQ(p[2 * PAGE_SIZE], 2);
	munmap(p, 3 * PAGE_SIZE);
	/* munmap of something never mapped is fine. */
	KT_EXPECT_EQ(munmap(p, 3 * PAGE_SIZE), 0);
}

static void mprotect_read_only_write_segfaults(void)
{
	char *p = map_pages(2);

	KT_ASSERT(p != NULL);
	p[0] = 42;
	KT_ASSERT_EQ(mprotect(p, PAGE_SIZE, PROT_READ), 0);
	KT_EXPECT_EQ(p[0], 42);		/* still readable */
	expect_signal(child_status(touch_byte, p), SIGSEGV,
		      "write to PROT_READ page");
	p[PAGE_SIZE] = 1;		/* the other page is still writable */
	KT_ASSERT_EQ(mprotect(p, 2 * PAGE_SIZE, PROT_NONE), 0);
	expect_signal(child_status(read_byte, p + PAGE_SIZE), SIGSEGV,
		      "read PROT_NONE page");
	KT_ASSERT_EQ(mprotect(p, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE), 0);
	p[0]++;
	KT_EXPECT_EQ(p[0], 43);
	KT_EXPECT_EQ(raw_syscall3(SYS_mprotect, (long)p + 1, PAGE_SIZE,
				  PROT_READ), -EINVAL);
	munmap(p, 2 * PAGE_SIZE);
}

/* A length that wraps to 0 when rounded up to pages is an error, not "nothing". */
static void mprotect_madvise_wrapping_length(void)
{
	char *p = map_pages(1);

	KT_ASSERT(p != NULL);
	if (on_linux_compat()) {
		/* A 64-bit kernel rounds without wrapping: madvise would zap
		 * everything above p, our stack included. */
		ktap_skip("64-bit Linux host: lengths do not wrap");
		munmap(p, PAGE_SIZE);
		return;
	}
	KT_EXPECT_EQ(raw_syscall3(SYS_mprotect, (long)p, 0xFFFFFFFFL, PROT_READ),
		     -ENOMEM);
	KT_EXPECT_EQ(raw_syscall3(SYS_madvise, (long)p, 0xFFFFFFFFL,
				  MADV_DONTNEED), -EINVAL);
	p[0] = 1;			/* still writable: nothing changed */
	munmap(p, PAGE_SIZE);
}

/* Sleep until 2^62 s: must stay asleep (the kernel once wrapped to "now"). */
static void sleep_for_ever(void *arg)
{
	struct timespec ts = { .tv_sec = (time_t)1 << 62, .tv_nsec = 0 };

	(void)arg;
	clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
	_exit(3);
}

static void nanosleep_huge_time_sleeps(void)
{
	struct timespec pause = { 0, 300 * 1000 * 1000 };
	int status;
	pid_t pid = fork();

	KT_ASSERT(pid >= 0);
	if (pid == 0)
		sleep_for_ever(NULL);
	nanosleep(&pause, NULL);
	KT_EXPECT_EQ(waitpid(pid, &status, WNOHANG), 0);	/* still asleep */
	kill(pid, SIGKILL);
	KT_ASSERT_EQ(waitpid(pid, &status, 0), pid);
	KT_EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
}

static int forked_value = 1;

static void child_sees_copy(void *arg)
{
	char *p = arg;

	KT_EXPECT_EQ(forked_value, 1);
	KT_EXPECT_EQ(p[PAGE_SIZE], 'b');
	forked_value = 3;
	p[0] = 'c';
}

/* After fork each side has its own copy of every page. */
static void fork_copies_memory(void)
{
	char *p = map_pages(2);
	pid_t pid;
	int status;

	KT_ASSERT(p != NULL);
	p[0] = 'a';
	p[PAGE_SIZE] = 'b';
	forked_value = 1;
	pid = spawn(child_sees_copy, p);
	/* The parent writes after the fork; the child must not see it... */
	p[0] = 'p';
	status = wait_status(pid);
	KT_EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	/* ...and the child's writes stay in the child. */
	KT_EXPECT_EQ(forked_value, 1);
	KT_EXPECT_EQ(p[0], 'p');
	munmap(p, 2 * PAGE_SIZE);
}

static void exit_with(void *code)
{
	_exit((int)(long)code);
}

static void wait4_status_encoding(void)
{
	int status;
	pid_t pid;
	long ret;

	pid = spawn(exit_with, (void *)42);
	KT_ASSERT(pid > 0);
	KT_EXPECT_EQ(raw_syscall5(SYS_wait4, pid, (long)&status, 0, 0, 0), pid);
	KT_EXPECT_EQ(status, 42 << 8);
	KT_EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 42);

	pid = spawn(exit_with, (void *)0);
	KT_EXPECT_EQ(raw_syscall5(SYS_wait4, -1, (long)&status, 0, 0, 0), pid);
	KT_EXPECT_EQ(status, 0);

	pid = spawn(touch_byte, NULL);
	KT_EXPECT_EQ(raw_syscall5(SYS_wait4, pid, (long)&status, 0, 0, 0), pid);
	KT_EXPECT_EQ(status & 0x7f, SIGSEGV);
	KT_EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);

	/* No children left. */
	KT_EXPECT_EQ(raw_syscall5(SYS_wait4, -1, (long)&status, 0, 0, 0),
		     -ECHILD);
	KT_EXPECT_EQ(raw_syscall5(SYS_wait4, -1, (long)&status, WNOHANG, 0, 0),
		     -ECHILD);
	/*
	 * A status pointer the kernel cannot write. Linux reaps the child
	 * before it fails to store the status; a kernel that checks first and
	 * keeps the zombie is fine too: either way, nothing is left after.
	 */
	pid = spawn(exit_with, (void *)1);
	KT_EXPECT_EQ(raw_syscall5(SYS_wait4, pid, 0xE0000000, 0, 0, 0),
		     -EFAULT);
	ret = raw_syscall5(SYS_wait4, pid, (long)&status, 0, 0, 0);
	KT_EXPECT(ret == pid || ret == -ECHILD);
	KT_EXPECT_EQ(raw_syscall5(SYS_wait4, -1, (long)&status, WNOHANG, 0, 0),
		     -ECHILD);
}

static void sleep_then_exit(void *ms)
{
	struct timespec ts = { 0, (long)ms * 1000 * 1000 };

	nanosleep(&ts, NULL);
	_exit(5);
}

static void wait4_wnohang(void)
{
	pid_t pid = spawn(sleep_then_exit, (void *)200);
	int status = -1;

	KT_ASSERT(pid > 0);
	KT_EXPECT_EQ(raw_syscall5(SYS_wait4, pid, (long)&status, WNOHANG, 0,
				  0), 0);
	status = wait_status(pid);
	KT_EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 5);
}

static void vfork_then_exit(void)
{
	int status;
	pid_t pid = vfork();

	if (pid == 0)
		_exit(7);
	KT_ASSERT(pid > 0);
	status = wait_status(pid);
	KT_EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 7);
}

static void kill_bad_arguments(void)
{
	KT_EXPECT_EQ(raw_syscall3(SYS_kill, 0x7ffffff0, SIGKILL, 0), -ESRCH);
	KT_EXPECT_EQ(raw_syscall3(SYS_kill, getpid(), 1000, 0), -EINVAL);
	/* Signal 0 only checks that the process exists. */
	KT_EXPECT_EQ(raw_syscall3(SYS_kill, getpid(), 0, 0), 0);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(unknown_syscall_enosys),
	KTAP_CASE(uname_fields),
	KTAP_CASE(getpid_matches_fork),
	KTAP_CASE(clock_gettime_monotonic_increases),
	KTAP_CASE(nanosleep_sleeps_long_enough),
	KTAP_CASE(sched_yield_and_getcpu),
	KTAP_CASE(brk_grows_and_shrinks),
	KTAP_CASE(mmap_anonymous_zeroed),
	KTAP_CASE(mmap_hint_and_fixed),
	KTAP_CASE(mmap_bad_arguments),
	KTAP_CASE(munmap_then_access_segfaults),
	KTAP_CASE(mprotect_read_only_write_segfaults),
	KTAP_CASE(mprotect_madvise_wrapping_length),
	KTAP_CASE(nanosleep_huge_time_sleeps),
	KTAP_CASE(fork_copies_memory),
	KTAP_CASE(wait4_status_encoding),
	KTAP_CASE(wait4_wnohang),
	KTAP_CASE(vfork_then_exit),
	KTAP_CASE(kill_bad_arguments),
	{ 0 }
};

int main(void)
{
	return ktap_main("abi", cases);
}
