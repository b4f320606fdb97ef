// SPDX-License-Identifier: GPL-2.0
/*
 * ITIMER_REAL: alarm() and setitimer()/getitimer() (Documentation/
 * signals.md). Each process has one real-time interval timer, a kernel
 * timer (kernel/sched/timer.c) in its group leader's task_struct: when it
 * expires it sends SIGALRM to the process and, with an interval, arms
 * itself again. Resolution is the tick (1/HZ s).
 *
 * itimer_lock orders the timer's own re-arming against setitimer(): the
 * callback re-arms only if nobody armed or disarmed the timer while it
 * was running, and never once the process has died (exit_itimers()).
 * Lock order: itimer_lock -> the timer base lock.
 */
#include <task.h>
#include <signal.h>
#include <timer.h>
#include <time.h>
#include <uaccess.h>
#include <syscalls.h>
#include <kernel.h>
#include <errno.h>

#define ITIMER_REAL	0
#define ITIMER_VIRTUAL	1
#define ITIMER_PROF	2

#define NSEC_PER_USEC	1000ULL

struct timeval32 {
	s32 tv_sec;
	s32 tv_usec;
};

struct itimerval32 {
	struct timeval32 it_interval;
	struct timeval32 it_value;
};

/*
 * The next expiry of an interval timer. Expiries already in the past are
 * skipped, not replayed: SIGALRM is not queued anyway, and replaying a
 * 1 us interval would run ten thousand callbacks per tick, a livelock
 * any process could cause with setitimer().
 */
static u64 next_expiry(u64 expires, u64 incr)
{
	u64 now = ktime_get_ns(), next = expires + incr;

	return next > now ? next : now + incr;
}

static void it_real_fn(struct timer_list *timer)
{
	struct task_struct *leader = container_of(timer, struct task_struct,
						  real_timer);
	struct ksiginfo info = { .code = SI_KERNEL };
	unsigned long flags;

	spin_lock_irqsave(&leader->itimer_lock, flags);
	if (!leader->itimer_dead && leader->it_real_incr &&
	    !timer_pending(timer))
		add_timer(timer, next_expiry(timer->expires,
					     leader->it_real_incr));
	spin_unlock_irqrestore(&leader->itimer_lock, flags);
	send_sig_info(leader, SIGALRM, &info, true);
}

void itimer_init(struct task_struct *p)
{
	spin_lock_init(&p->itimer_lock, "itimer_lock");
	timer_setup(&p->real_timer, it_real_fn);
	p->it_real_incr = 0;
	p->itimer_dead = false;
}

void exit_itimers(struct task_struct *leader)
{
	unsigned long flags;

	spin_lock_irqsave(&leader->itimer_lock, flags);
	leader->itimer_dead = true;
	spin_unlock_irqrestore(&leader->itimer_lock, flags);
	del_timer_sync(&leader->real_timer);
}

void itimer_take_over(struct task_struct *t, struct task_struct *old)
{
	unsigned long flags;
	u64 expires = 0, incr;

	spin_lock_irqsave(&old->itimer_lock, flags);
	old->itimer_dead = true;	/* its callback re-arms no more */
	incr = old->it_real_incr;
	if (timer_pending(&old->real_timer))
		expires = old->real_timer.expires;
	else if (incr)	/* the callback runs now: where it would re-arm */
		expires = next_expiry(old->real_timer.expires, incr);
	spin_unlock_irqrestore(&old->itimer_lock, flags);
	del_timer_sync(&old->real_timer);

	spin_lock_irqsave(&t->itimer_lock, flags);
	t->it_real_incr = incr;
	if (expires)
		add_timer(&t->real_timer, expires);
	spin_unlock_irqrestore(&t->itimer_lock, flags);
}

static u64 timeval_to_ns(const struct timeval32 *tv)
{
	return (u64)tv->tv_sec * NSEC_PER_SEC + tv->tv_usec * NSEC_PER_USEC;
}

static struct timeval32 ns_to_timeval(u64 ns)
{
	/* Round up: a pending timer never reads as 0 (disarmed). */
	u64 us = (ns + NSEC_PER_USEC - 1) / NSEC_PER_USEC;

	return (struct timeval32){ us / 1000000, us % 1000000 };
}

static bool timeval_valid(const struct timeval32 *tv)
{
	return tv->tv_sec >= 0 && tv->tv_usec >= 0 && tv->tv_usec < 1000000;
}

/* itimer_lock held. */
static void itimer_read_locked(struct task_struct *leader,
			       struct itimerval32 *out)
{
	u64 now = ktime_get_ns(), left = 0;

	if (timer_pending(&leader->real_timer))
		left = leader->real_timer.expires > now ?
		       leader->real_timer.expires - now : 1;
	out->it_value = ns_to_timeval(left);
	out->it_interval = ns_to_timeval(leader->it_real_incr);
}

static long do_getitimer(int which, struct itimerval32 *out)
{
	struct task_struct *leader = task_group_leader(current);
	unsigned long flags;

	switch (which) {
	case ITIMER_REAL:
		spin_lock_irqsave(&leader->itimer_lock, flags);
		itimer_read_locked(leader, out);
		spin_unlock_irqrestore(&leader->itimer_lock, flags);
		return 0;
	case ITIMER_VIRTUAL:
	case ITIMER_PROF:
		/* No CPU-time accounting: never armed. */
		*out = (struct itimerval32){ { 0, 0 }, { 0, 0 } };
		return 0;
	default:
		return -EINVAL;
	}
}

static long do_setitimer(int which, const struct itimerval32 *new,
			 struct itimerval32 *old)
{
	struct task_struct *leader = task_group_leader(current);
	unsigned long flags;
	u64 value;

	if (which != ITIMER_REAL)
		return -EINVAL;	/* VIRTUAL/PROF: no CPU-time accounting */
	if (!timeval_valid(&new->it_value) || !timeval_valid(&new->it_interval))
		return -EINVAL;
	value = timeval_to_ns(&new->it_value);
	spin_lock_irqsave(&leader->itimer_lock, flags);
	itimer_read_locked(leader, old);
	del_timer(&leader->real_timer);
	leader->it_real_incr = value ? timeval_to_ns(&new->it_interval) : 0;
	if (value)
		add_timer(&leader->real_timer, ktime_get_ns() + value);
	spin_unlock_irqrestore(&leader->itimer_lock, flags);
	return 0;
}

SYSCALL_DEFINE2(getitimer, int, which, struct itimerval32 __user *, uval)
{
	struct itimerval32 val;
	long err = do_getitimer(which, &val);

	if (err)
		return err;
	return copy_to_user(uval, &val, sizeof(val)) ? -EFAULT : 0;
}

SYSCALL_DEFINE3(setitimer, int, which, const struct itimerval32 __user *, unew,
		struct itimerval32 __user *, uold)
{
	struct itimerval32 new = { { 0, 0 }, { 0, 0 } }, old;
	long err;

	/* As Linux: a NULL new value disarms. */
	if (unew && copy_from_user(&new, unew, sizeof(new)))
		return -EFAULT;
	err = do_setitimer(which, &new, &old);
	if (err)
		return err;
	if (uold && copy_to_user(uold, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE1(alarm, unsigned int, seconds)
{
	struct itimerval32 new = { { 0, 0 }, { (s32)seconds, 0 } }, old;

	/* Beyond INT_MAX seconds is "for ever"; keep the value positive. */
	if ((s32)seconds < 0)
		new.it_value.tv_sec = 0x7fffffff;
	do_setitimer(ITIMER_REAL, &new, &old);
	/* Seconds left, rounded to nearest, and never 0 while armed. */
	if ((!old.it_value.tv_sec && old.it_value.tv_usec) ||
	    old.it_value.tv_usec >= 500000)
		old.it_value.tv_sec++;
	return old.it_value.tv_sec;
}
