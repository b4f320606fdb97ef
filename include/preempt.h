/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Preemption control. preempt_count is per CPU: while it is nonzero the
 * scheduler will not switch away from the current task on this CPU, so
 * per-CPU state (kmap_local slots, this_cpu_ptr() pointers) stays valid.
 */
#ifndef _PREEMPT_H
#define _PREEMPT_H

#include <percpu.h>

DECLARE_PER_CPU(int, preempt_count);

static inline void preempt_disable(void)
{
	this_cpu_inc(preempt_count);
	barrier();
}

static inline void preempt_enable_no_resched(void)
{
	barrier();
	this_cpu_dec(preempt_count);
}

/* Re-enable preemption and run the scheduler if a switch is pending. */
void preempt_enable(void);

static inline int preempt_count_read(void)
{
	return this_cpu_read(preempt_count);
}

#define preemptible()	(preempt_count_read() == 0 && !irqs_disabled())

#endif
