/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel timers (kernel/sched/timer.c): call fn(timer) once, from the
 * timer tick of the CPU that armed it, at or after `expires` (nanoseconds
 * of ktime_get_ns()). Resolution is one tick (1/HZ s). The function runs
 * with interrupts off and must not sleep.
 */
#ifndef _TIMER_H
#define _TIMER_H

#include <types.h>
#include <list.h>
#include <compiler.h>

struct timer_list {
	struct list_head entry;
	u64 expires;
	void (*fn)(struct timer_list *t);
	int cpu;			/* base it is queued on, -1 if none */
};

void timer_setup(struct timer_list *t, void (*fn)(struct timer_list *t));
/* Arm on this CPU (re-arms if pending). */
void add_timer(struct timer_list *t, u64 expires);
/* Disarm without waiting for a running fn; true if it was pending. */
bool del_timer(struct timer_list *t);
/* Is t queued (armed and not yet run)? */
static inline bool timer_pending(const struct timer_list *t)
{
	return READ_ONCE(t->cpu) >= 0;
}
/* Disarm; returns only once fn is not running anywhere. True if it was
 * pending. */
bool del_timer_sync(struct timer_list *t);
/* Run expired timers of this CPU; called by scheduler_tick(). */
void run_local_timers(void);
void timers_init(void);

#endif
