// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel timers (include/timer.h): one sorted list per CPU, run from that
 * CPU's tick. A timer runs on the CPU that armed it, so the common case
 * (sleep and wake on one CPU) never touches another CPU's lock.
 */
#include <timer.h>
#include <sched.h>
#include <task.h>
#include <time.h>
#include <smp.h>
#include <kernel.h>
#include <preempt.h>

struct timer_base {
	spinlock_t lock;
	struct list_head list;		/* sorted by expires */
	struct timer_list *running;	/* fn being called now */
} __aligned(64);

static struct timer_base timer_bases[NR_CPUS];

void timers_init(void)
{
	for (int cpu = 0; cpu < NR_CPUS; cpu++) {
		spin_lock_init(&timer_bases[cpu].lock, "timer_base");
		INIT_LIST_HEAD(&timer_bases[cpu].list);
	}
}

void timer_setup(struct timer_list *t, void (*fn)(struct timer_list *t))
{
	INIT_LIST_HEAD(&t->entry);
	t->fn = fn;
	t->cpu = -1;
	t->expires = 0;
}

/* Remove t from its base if it is queued there; true if it was. */
static bool detach_timer(struct timer_list *t)
{
	for (;;) {
		int cpu = READ_ONCE(t->cpu);
		struct timer_base *base;
		unsigned long flags;

		if (cpu < 0)
			return false;
		base = &timer_bases[cpu];
		spin_lock_irqsave(&base->lock, flags);
		if (t->cpu == cpu) {
			list_del_init(&t->entry);
			t->cpu = -1;
			spin_unlock_irqrestore(&base->lock, flags);
			return true;
		}
		spin_unlock_irqrestore(&base->lock, flags);
	}
}

void add_timer(struct timer_list *t, u64 expires)
{
	struct timer_base *base;
	struct timer_list *pos;
	unsigned long flags;

	detach_timer(t);
	local_irq_save(flags);
	base = &timer_bases[smp_processor_id()];
	spin_lock(&base->lock);
	t->expires = expires;
	list_for_each_entry(pos, &base->list, entry)
		if (pos->expires > expires)
			break;
	list_add_tail(&t->entry, &pos->entry);	/* before pos */
	t->cpu = smp_processor_id();
	spin_unlock(&base->lock);
	local_irq_restore(flags);
}

bool del_timer(struct timer_list *t)
{
	return detach_timer(t);
}

bool del_timer_sync(struct timer_list *t)
{
	bool was_pending = detach_timer(t);

	/* It may be running right now on some CPU: wait for it. */
	for (int cpu = 0; cpu < NR_CPUS; cpu++) {
		struct timer_base *base = &timer_bases[cpu];

		while (READ_ONCE(base->running) == t)
			cpu_relax();
	}
	return was_pending;
}

void run_local_timers(void)
{
	struct timer_base *base = &timer_bases[smp_processor_id()];
	u64 now = ktime_get_ns();
	unsigned long flags;

	spin_lock_irqsave(&base->lock, flags);
	while (!list_empty(&base->list)) {
		struct timer_list *t = list_first_entry(&base->list,
							struct timer_list,
							entry);

		if (t->expires > now)
			break;
		list_del_init(&t->entry);
		WRITE_ONCE(base->running, t);
		t->cpu = -1;
		spin_unlock_irqrestore(&base->lock, flags);
		t->fn(t);
		spin_lock_irqsave(&base->lock, flags);
		WRITE_ONCE(base->running, NULL);
	}
	spin_unlock_irqrestore(&base->lock, flags);
}

/* ---- sleeping for a time ---------------------------------------------------- */

struct process_timer {
	struct timer_list timer;
	struct task_struct *task;
};

static void process_timeout(struct timer_list *t)
{
	struct process_timer *pt = container_of(t, struct process_timer, timer);

	wake_up_process(pt->task);
}

u64 schedule_timeout(u64 ns)
{
	struct process_timer pt;
	u64 expires, now;

	might_sleep();
	if (ns == ~0ULL) {
		schedule();
		return ns;
	}
	expires = ktime_get_ns() + ns;
	pt.task = current;
	timer_setup(&pt.timer, process_timeout);
	add_timer(&pt.timer, expires);
	schedule();
	del_timer_sync(&pt.timer);
	now = ktime_get_ns();
	return now < expires ? expires - now : 0;
}

u64 schedule_timeout_interruptible(u64 ns)
{
	__set_current_state(TASK_INTERRUPTIBLE);
	return schedule_timeout(ns);
}

u64 schedule_timeout_uninterruptible(u64 ns)
{
	__set_current_state(TASK_UNINTERRUPTIBLE);
	return schedule_timeout(ns);
}

void msleep(unsigned int ms)
{
	u64 left = (u64)ms * 1000000ULL;

	while (left)
		left = schedule_timeout_uninterruptible(left);
}
