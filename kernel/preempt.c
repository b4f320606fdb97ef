// SPDX-License-Identifier: GPL-2.0
/* Preemption control (see include/preempt.h). */
#include <preempt.h>
#include <task.h>
#include <asm/irqflags.h>

void preempt_schedule(void);

void preempt_enable(void)
{
	barrier();
	this_cpu_dec(preempt_count);
	/* Leaving the last critical section with a switch pending. */
	if (unlikely(!this_cpu_read(preempt_count) && need_resched() &&
		     !irqs_disabled()))
		preempt_schedule();
}
