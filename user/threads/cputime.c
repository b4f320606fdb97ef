// SPDX-License-Identifier: GPL-2.0
/*
 * cputime: times(), getrusage(), wait4()'s rusage and the CPU-time clocks
 * count CPU time, not wall time. A process that spins in user mode gains
 * user ticks; one that sleeps gains (almost) nothing; a thread's time is
 * part of its process's; a reaped child's time shows up in the parent's
 * children totals, and in wait4()'s rusage. Spins run until the counters
 * say enough time was used, with a generous hang guard, so nothing
 * depends on how fast the machine is.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ktap.h"
#include "util.h"

#define SPIN_TICKS	5		/* 50 ms of user time at 100 Hz */
#define GUARD_SEC	120		/* hang guard, wall time */

static long long ns_of(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static long long tv_us(struct timeval tv)
{
	return tv.tv_sec * 1000000LL + tv.tv_usec;
}

static clock_t user_ticks(void)
{
	struct tms t;

	times(&t);
	return t.tms_utime;
}

/* Burn user time until times() has seen `ticks` more; false on timeout. */
static bool spin_user_ticks(clock_t ticks)
{
	clock_t start = user_ticks();
	time_t guard = time(NULL) + GUARD_SEC;
	volatile unsigned long x = 0;

	while (user_ticks() - start < ticks) {
		for (int i = 0; i < 100000; i++)
			x += i;
		if (time(NULL) > guard)
			return false;
	}
	return true;
}

static void times_counts_user_time(void)
{
	struct tms t0, t1;
	clock_t r0, r1;

	r0 = times(&t0);
	KT_ASSERT(spin_user_ticks(SPIN_TICKS));
	r1 = times(&t1);
	KT_EXPECT_GE(t1.tms_utime - t0.tms_utime, SPIN_TICKS);
	KT_EXPECT_GE(t1.tms_stime, t0.tms_stime);
	/* The return value is a clock in the same ticks: it moved at least
	 * as far as the CPU time did. */
	KT_EXPECT_GE(r1 - r0, t1.tms_utime - t0.tms_utime - 1);
	KT_EXPECT_EQ(sysconf(_SC_CLK_TCK), 100);
	/* No buffer is fine. */
	KT_EXPECT_NE(times(NULL), (clock_t)-1);
	errno = 0;
	KT_EXPECT_EQ(syscall(SYS_times, (void *)0xDEAD0000), -1);
	KT_EXPECT_EQ(errno, EFAULT);
}

static void getrusage_matches_times(void)
{
	struct rusage ru;
	struct tms t;

	KT_ASSERT(spin_user_ticks(1));
	KT_ASSERT_EQ(getrusage(RUSAGE_SELF, &ru), 0);
	times(&t);
	/* Same source: rusage (µs) is within a tick or so of times(). */
	KT_EXPECT_LE(tv_us(ru.ru_utime), (t.tms_utime + 1) * 10000LL);
	KT_EXPECT_GE(tv_us(ru.ru_utime), (t.tms_utime - 2) * 10000LL);
	KT_EXPECT_GT(ru.ru_maxrss, 0);
	KT_ASSERT_EQ(getrusage(RUSAGE_THREAD, &ru), 0);
	KT_EXPECT_GT(tv_us(ru.ru_utime), 0);
	errno = 0;
	KT_EXPECT_EQ(getrusage(5, &ru), -1);
	KT_EXPECT_EQ(errno, EINVAL);
	errno = 0;
	/* RUSAGE_BOTH (-2) is for the kernel only. */
	KT_EXPECT_EQ(getrusage(-2, &ru), -1);
	KT_EXPECT_EQ(errno, EINVAL);
	errno = 0;
	KT_EXPECT_EQ(getrusage(RUSAGE_SELF, (void *)0xDEAD0000), -1);
	KT_EXPECT_EQ(errno, EFAULT);
}

static void sleeping_uses_no_cpu(void)
{
	long long cpu0 = ns_of(CLOCK_PROCESS_CPUTIME_ID), cpu1;
	long long wall0 = ns_of(CLOCK_MONOTONIC), wall1;

	usleep(300 * 1000);
	cpu1 = ns_of(CLOCK_PROCESS_CPUTIME_ID);
	wall1 = ns_of(CLOCK_MONOTONIC);
	KT_EXPECT_GE(wall1 - wall0, 300 * 1000000LL);
	/* Some CPU for the calls themselves, never the whole sleep. */
	KT_EXPECT_LT(cpu1 - cpu0, (wall1 - wall0) / 2);
	KT_EXPECT_GE(cpu1, cpu0);
}

static void cpu_clocks_follow_spinning(void)
{
	long long p0 = ns_of(CLOCK_PROCESS_CPUTIME_ID);
	long long t0 = ns_of(CLOCK_THREAD_CPUTIME_ID), p1, t1;

	KT_ASSERT(spin_user_ticks(SPIN_TICKS));
	t1 = ns_of(CLOCK_THREAD_CPUTIME_ID);
	p1 = ns_of(CLOCK_PROCESS_CPUTIME_ID);
	/* At least most of the ticks' worth (a tick is a sample). */
	KT_EXPECT_GE(t1 - t0, (SPIN_TICKS - 2) * 10000000LL);
	KT_EXPECT_GE(p1 - p0, t1 - t0 - 10000000LL);
	KT_EXPECT_LE(t1, p1);
}

static void *spinner(void *arg)
{
	long long start = ns_of(CLOCK_THREAD_CPUTIME_ID);
	time_t guard = time(NULL) + GUARD_SEC;
	volatile unsigned long x = 0;

	while (ns_of(CLOCK_THREAD_CPUTIME_ID) - start < 100 * 1000000LL &&
	       time(NULL) < guard)
		for (int i = 0; i < 100000; i++)
			x += i;
	*(long long *)arg = ns_of(CLOCK_THREAD_CPUTIME_ID);
	return NULL;
}

static long long ru_total_us(const struct rusage *ru)
{
	return tv_us(ru->ru_utime) + tv_us(ru->ru_stime);
}

/* A thread's CPU time is its process's too, also after it exited. */
static void threads_add_to_process(void)
{
	long long before = ns_of(CLOCK_PROCESS_CPUTIME_ID), used = 0;
	long long mine = ns_of(CLOCK_THREAD_CPUTIME_ID);
	struct rusage self, thread;
	pthread_t t;

	KT_ASSERT_EQ(getrusage(RUSAGE_THREAD, &thread), 0);
	KT_ASSERT_EQ(pthread_create(&t, NULL, spinner, &used), 0);
	KT_ASSERT_EQ(pthread_join(t, NULL), 0);
	KT_EXPECT_GE(used, 100 * 1000000LL);
	KT_EXPECT_GE(ns_of(CLOCK_PROCESS_CPUTIME_ID) - before, used);
	KT_EXPECT_GE(ns_of(CLOCK_THREAD_CPUTIME_ID), mine);
	/*
	 * The main thread slept in join meanwhile: the spinner's user time
	 * is in the process's, not in the main thread's. (Its exact CPU
	 * time is not compared: under a loaded host a virtual CPU that is
	 * not running still counts as busy for the task it was running.)
	 */
	KT_ASSERT_EQ(getrusage(RUSAGE_SELF, &self), 0);
	/*
	 * User and system time together: ticks are samples, and on a
	 * loaded host the spinner's may all land in its clock_gettime
	 * calls (system time) rather than in its loop.
	 */
	KT_EXPECT_GE(ru_total_us(&self) - ru_total_us(&thread), 10000);
	KT_ASSERT_EQ(getrusage(RUSAGE_THREAD, &thread), 0);
	KT_EXPECT_GT(ru_total_us(&self), ru_total_us(&thread));
}

static void spin_child(void *arg)
{
	(void)arg;
	_exit(spin_user_ticks(SPIN_TICKS) ? 0 : 1);
}

/* A reaped child's time: wait4's rusage and the children totals. */
static void children_time_after_wait(void)
{
	struct rusage before, after, ru;
	struct tms t0, t1;
	int status;
	pid_t pid;

	KT_ASSERT_EQ(getrusage(RUSAGE_CHILDREN, &before), 0);
	times(&t0);
	pid = spawn(spin_child, NULL);
	KT_ASSERT(pid > 0);
	KT_ASSERT_EQ(wait4(pid, &status, 0, &ru), pid);
	KT_EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	KT_EXPECT_GE(tv_us(ru.ru_utime), SPIN_TICKS * 10000LL);
	KT_ASSERT_EQ(getrusage(RUSAGE_CHILDREN, &after), 0);
	times(&t1);
	KT_EXPECT_GE(tv_us(after.ru_utime) - tv_us(before.ru_utime),
		     tv_us(ru.ru_utime));
	KT_EXPECT_GE(t1.tms_cutime - t0.tms_cutime, SPIN_TICKS);
	/* The child's time is not the parent's own. */
	KT_EXPECT_LT(t1.tms_utime - t0.tms_utime,
		     t1.tms_cutime - t0.tms_cutime);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(times_counts_user_time),
	KTAP_CASE(getrusage_matches_times),
	KTAP_CASE(sleeping_uses_no_cpu),
	KTAP_CASE(cpu_clocks_follow_spinning),
	KTAP_CASE(threads_add_to_process),
	KTAP_CASE(children_time_after_wait),
	{ 0 }
};

int main(void)
{
	return ktap_main("cputime", cases);
}
