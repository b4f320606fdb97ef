// SPDX-License-Identifier: GPL-2.0
/* Preemption control and the might_sleep() check (see include/preempt.h). */
#include <preempt.h>
#include <task.h>
#include <lockdep.h>
#include <kernel.h>
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

/* Why this context may not sleep, for the report; NULL if it may. */
static const char *atomic_context_reason(void)
{
	if (in_irq())
		return "in an interrupt handler";
	if (irqs_disabled())
		return "with interrupts disabled";
	if (preempt_count_read())
		return "with preemption disabled";
	return NULL;
}

void __might_sleep(const char *file, int line, unsigned long caller)
{
	struct task_struct *task = current;
	const char *why = atomic_context_reason();

	if (likely(!why))
		return;
	/* Boot context and idle loops never sleep, they spin; but an
	 * interrupt handler that interrupted them may not sleep either. */
	if (!in_irq() && (!task || (task->flags & PF_IDLE)))
		return;
	/* Name the spinlock, if that is why. */
	lockdep_might_sleep("might_sleep", caller);
	/* Most telling first: a caught panic keeps only the start. */
	panic("BUG: might sleep %s: %pS at %s:%d; preempt_count %#x in %s/%d",
	      why, (void *)caller, file, line, preempt_count_read(),
	      task ? task->comm : "boot", task ? task->pid : 0);
}
