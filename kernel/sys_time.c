// SPDX-License-Identifier: GPL-2.0
/*
 * Time system calls. CLOCK_MONOTONIC is ktime_get_ns() (the TSC, counted
 * from boot); CLOCK_REALTIME is the wall-clock time read from the RTC at
 * boot plus the same TSC count; the CPU-time clocks read the scheduler's
 * accounting (include/cputime.h). Sleeps use the scheduler's timers (tick
 * resolution, 1/HZ s); a signal ends them early, and they continue through
 * restart_syscall if no handler ran (Documentation/signals.md).
 */
#include <task.h>
#include <cputime.h>
#include <sched.h>
#include <time.h>
#include <uaccess.h>
#include <syscalls.h>
#include <kernel.h>
#include <mm.h>
#include <errno.h>
#include <capability.h>

#define CLOCK_REALTIME		0
#define CLOCK_MONOTONIC		1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID	3
#define CLOCK_MONOTONIC_RAW	4
#define CLOCK_REALTIME_COARSE	5
#define CLOCK_MONOTONIC_COARSE	6
#define CLOCK_BOOTTIME		7
#define TIMER_ABSTIME		1

/* Seconds since 1970 at ktime 0 (arch/x86/kernel/rtc.c). */
u64 read_persistent_clock(void);
/*
 * CLOCK_REALTIME is ktime plus this offset: the RTC's time at boot, moved
 * by clock_settime and settimeofday. A u64 is two loads on i386: the lock
 * keeps a reader from seeing half of a change.
 */
static DEFINE_SPINLOCK(realtime_lock);
static u64 boot_realtime_ns;
static bool realtime_set;

static u64 realtime_now(void)
{
	unsigned long flags;
	u64 ns;

	spin_lock_irqsave(&realtime_lock, flags);
	if (!realtime_set) {
		boot_realtime_ns = read_persistent_clock() * NSEC_PER_SEC -
				   ktime_get_ns();
		realtime_set = true;
	}
	ns = boot_realtime_ns + ktime_get_ns();
	spin_unlock_irqrestore(&realtime_lock, flags);
	return ns;
}

/* Make CLOCK_REALTIME read ns now. */
static void realtime_settime(u64 ns)
{
	unsigned long flags;

	spin_lock_irqsave(&realtime_lock, flags);
	boot_realtime_ns = ns - ktime_get_ns();
	realtime_set = true;
	spin_unlock_irqrestore(&realtime_lock, flags);
}

struct timespec32 {
	s32 tv_sec;
	s32 tv_nsec;
};

struct timespec64 {
	s64 tv_sec;
	s32 tv_nsec;
	s32 pad;
};

int clock_now(int clk, u64 *ns)
{
	switch (clk) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
		*ns = realtime_now();
		return 0;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
	/*
	 * As sleep clocks the CPU-time clocks run with wall time: a sleep
	 * on one's own CPU time would otherwise never end in a process
	 * with one thread. Reading them gives CPU time (clock_read()).
	 */
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID:
		*ns = ktime_get_ns();
		return 0;
	default:
		return -EINVAL;
	}
}

/* What clock_gettime() reads: clock_now(), but CPU time for CPU clocks. */
static int clock_read(int clk, u64 *ns)
{
	struct cputime_sum sum;

	switch (clk) {
	case CLOCK_PROCESS_CPUTIME_ID:
		cputime_process(current, &sum);
		*ns = sum.runtime_ns;
		return 0;
	case CLOCK_THREAD_CPUTIME_ID:
		*ns = task_runtime_ns(current);
		return 0;
	default:
		return clock_now(clk, ns);
	}
}

/* clock_read() as a zero-padded timespec64. */
static int clock_now_ts64(int clk, struct timespec64 *ts)
{
	u64 ns;
	int err = clock_read(clk, &ns);

	if (err)
		return err;
	*ts = (struct timespec64){ .tv_sec = ns / NSEC_PER_SEC,
				   .tv_nsec = ns % NSEC_PER_SEC };
	return 0;
}

SYSCALL_DEFINE2(clock_gettime, int, clk, struct timespec32 __user *, uts)
{
	struct timespec64 t;
	struct timespec32 ts;
	int err = clock_now_ts64(clk, &t);

	if (err)
		return err;
	ts.tv_sec = t.tv_sec;
	ts.tv_nsec = t.tv_nsec;
	return copy_to_user(uts, &ts, sizeof(ts)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(clock_gettime64, int, clk, struct timespec64 __user *, uts)
{
	struct timespec64 ts;
	int err = clock_now_ts64(clk, &ts);

	if (err)
		return err;
	return copy_to_user(uts, &ts, sizeof(ts)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(clock_getres, int, clk, struct timespec32 __user *, uts)
{
	struct timespec32 ts = { 0, 1 };
	u64 ns;
	int err = clock_now(clk, &ns);

	if (err)
		return err;
	if (uts && copy_to_user(uts, &ts, sizeof(ts)))
		return -EFAULT;
	return 0;
}

struct timeval32 {
	s32 tv_sec, tv_usec;
};

/* Linux refuses times past 2232 (KTIME_SEC_MAX less a margin). */
#define MAX_SETTIME_SEC	(8000000000LL)

/* struct timezone: kept for settimeofday and gettimeofday, unused. */
struct timezone {
	s32 tz_minuteswest, tz_dsttime;
};

static DEFINE_SPINLOCK(sys_tz_lock);
static struct timezone sys_tz;

SYSCALL_DEFINE2(gettimeofday, struct timeval32 __user *, utv,
		struct timezone __user *, utz)
{
	struct timeval32 tv;
	struct timezone tz;
	u64 ns;

	clock_now(CLOCK_REALTIME, &ns);
	tv.tv_sec = ns / NSEC_PER_SEC;
	tv.tv_usec = ns % NSEC_PER_SEC / 1000;
	if (utv && copy_to_user(utv, &tv, sizeof(tv)))
		return -EFAULT;
	if (utz) {
		spin_lock(&sys_tz_lock);
		tz = sys_tz;
		spin_unlock(&sys_tz_lock);
		if (copy_to_user(utz, &tz, sizeof(tz)))
			return -EFAULT;
	}
	return 0;
}

/* A time CLOCK_REALTIME may be set to: -EINVAL as Linux for the rest. */
static int check_settime(s64 sec, s64 nsec)
{
	if (sec < 0 || nsec < 0 || nsec >= (s64)NSEC_PER_SEC)
		return -EINVAL;
	if (sec > MAX_SETTIME_SEC)
		return -EINVAL;
	return 0;
}

SYSCALL_DEFINE2(settimeofday, const struct timeval32 __user *, utv,
		const struct timezone __user *, utz)
{
	struct timeval32 tv;
	struct timezone tz;
	int err;

	if (utv && copy_from_user(&tv, utv, sizeof(tv)))
		return -EFAULT;
	if (utz && copy_from_user(&tz, utz, sizeof(tz)))
		return -EFAULT;
	if (utv && (tv.tv_usec < 0 || tv.tv_usec >= 1000000))
		return -EINVAL;
	if (!capable(CAP_SYS_TIME))
		return -EPERM;
	if (utz) {
		if (tz.tz_minuteswest > 15 * 60 || tz.tz_minuteswest < -15 * 60)
			return -EINVAL;
		spin_lock(&sys_tz_lock);
		sys_tz = tz;
		spin_unlock(&sys_tz_lock);
	}
	if (!utv)
		return 0;
	err = check_settime(tv.tv_sec, (s64)tv.tv_usec * 1000);
	if (err)
		return err;
	realtime_settime((u64)tv.tv_sec * NSEC_PER_SEC + tv.tv_usec * 1000ULL);
	return 0;
}

/* Only CLOCK_REALTIME is settable, by root; others are -EINVAL. */
static long do_clock_settime(int clk, s64 sec, s64 nsec)
{
	u64 ns;

	if (clock_now(clk, &ns))
		return -EINVAL;
	if (clk != CLOCK_REALTIME)
		return -EINVAL;
	if (!capable(CAP_SYS_TIME))
		return -EPERM;
	if (check_settime(sec, nsec))
		return -EINVAL;
	realtime_settime((u64)sec * NSEC_PER_SEC + nsec);
	return 0;
}

SYSCALL_DEFINE2(clock_settime, int, clk, const struct timespec32 __user *, uts)
{
	struct timespec32 ts;

	if (copy_from_user(&ts, uts, sizeof(ts)))
		return -EFAULT;
	return do_clock_settime(clk, ts.tv_sec, ts.tv_nsec);
}

SYSCALL_DEFINE2(clock_settime64, int, clk,
		const struct timespec64 __user *, uts)
{
	struct timespec64 ts;

	if (copy_from_user(&ts, uts, sizeof(ts)))
		return -EFAULT;
	return do_clock_settime(clk, ts.tv_sec, ts.tv_nsec);
}

SYSCALL_DEFINE1(time, s32 __user *, tloc)
{
	u64 ns;
	s32 t;

	clock_now(CLOCK_REALTIME, &ns);
	t = ns / NSEC_PER_SEC;
	if (tloc && put_user(t, tloc))
		return -EFAULT;
	return t;
}

/*
 * Sleep until the clock reads `target` ns (absolute); on a signal, return
 * -EINTR with the time left in *left.
 */
static long sleep_until(int clk, u64 target, u64 *left)
{
	u64 now = 0;

	for (;;) {
		clock_now(clk, &now);
		if (now >= target) {
			*left = 0;
			return 0;
		}
		if (signal_pending(current)) {
			*left = target - now;
			return -EINTR;
		}
		schedule_timeout_interruptible(target - now);
	}
}

#define MAX_SLEEP_SEC	10000000000LL

/*
 * The absolute deadline of a sleep request; -EINVAL for a bad one.
 * Beyond ~300 years is "for ever"; the cap keeps the sum from wrapping.
 */
static long sleep_target(int clk, int flags, s64 sec, s64 nsec, u64 *target)
{
	u64 now;

	if (sec < 0 || nsec < 0 || nsec >= (s64)NSEC_PER_SEC)
		return -EINVAL;
	if (clock_now(clk, &now))
		return -EINVAL;
	if (clk == CLOCK_THREAD_CPUTIME_ID)
		return -EINVAL;
	if (sec > MAX_SLEEP_SEC)
		sec = MAX_SLEEP_SEC;
	*target = (u64)sec * NSEC_PER_SEC + nsec;
	if (!(flags & TIMER_ABSTIME))
		*target += now;
	return 0;
}

/* The time left of an interrupted relative sleep, in the caller's format. */
static long put_remaining(void __user *urem, bool time64, u64 left)
{
	struct timespec32 ts = { left / NSEC_PER_SEC, left % NSEC_PER_SEC };
	struct timespec64 ts64 = { left / NSEC_PER_SEC,
				   left % NSEC_PER_SEC, 0 };

	if (!urem)
		return 0;
	if (time64)
		return copy_to_user(urem, &ts64, sizeof(ts64)) ? -EFAULT : 0;
	return copy_to_user(urem, &ts, sizeof(ts)) ? -EFAULT : 0;
}

static long nanosleep_restart(struct restart_block *rb);

/*
 * Sleep until `target`. An interrupted relative sleep reports the time
 * left and leaves a restart block: with a handler the call ends with
 * -EINTR, without one it goes on (restart_syscall) to the same deadline.
 * An absolute sleep is simply made again (-ERESTARTNOHAND).
 */
static long do_nanosleep(int clk, int flags, u64 target, void __user *urem,
			 bool time64)
{
	struct restart_block *rb = &current->restart_block;
	u64 left;
	long ret = sleep_until(clk, target, &left);

	if (ret != -EINTR)
		return ret;
	if (flags & TIMER_ABSTIME)
		return -ERESTARTNOHAND;
	if (put_remaining(urem, time64, left))
		return -EFAULT;
	rb->fn = nanosleep_restart;
	rb->nanosleep.clk = clk;
	rb->nanosleep.expires = target;
	rb->nanosleep.rmtp = urem;
	rb->nanosleep.time64 = time64;
	return -ERESTART_RESTARTBLOCK;
}

static long nanosleep_restart(struct restart_block *rb)
{
	return do_nanosleep(rb->nanosleep.clk, 0, rb->nanosleep.expires,
			    rb->nanosleep.rmtp, rb->nanosleep.time64);
}

SYSCALL_DEFINE2(nanosleep, const struct timespec32 __user *, ureq,
		struct timespec32 __user *, urem)
{
	struct timespec32 ts;
	u64 target;
	long ret;

	if (copy_from_user(&ts, ureq, sizeof(ts)))
		return -EFAULT;
	ret = sleep_target(CLOCK_MONOTONIC, 0, ts.tv_sec, ts.tv_nsec, &target);
	if (ret)
		return ret;
	return do_nanosleep(CLOCK_MONOTONIC, 0, target, urem, false);
}

SYSCALL_DEFINE4(clock_nanosleep, int, clk, int, flags,
		const struct timespec32 __user *, ureq,
		struct timespec32 __user *, urem)
{
	struct timespec32 ts;
	u64 target;
	long ret;

	if (copy_from_user(&ts, ureq, sizeof(ts)))
		return -EFAULT;
	ret = sleep_target(clk, flags, ts.tv_sec, ts.tv_nsec, &target);
	if (ret)
		return ret;
	return do_nanosleep(clk, flags, target, urem, false);
}

SYSCALL_DEFINE4(clock_nanosleep_time64, int, clk, int, flags,
		const struct timespec64 __user *, ureq,
		struct timespec64 __user *, urem)
{
	struct timespec64 ts;
	u64 target;
	long ret;

	if (copy_from_user(&ts, ureq, sizeof(ts)))
		return -EFAULT;
	ret = sleep_target(clk, flags, ts.tv_sec, ts.tv_nsec, &target);
	if (ret)
		return ret;
	return do_nanosleep(clk, flags, target, urem, true);
}
