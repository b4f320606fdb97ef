/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Preemption control and execution context. preempt_count is per CPU:
 * while it is nonzero the scheduler will not switch away from the current
 * task on this CPU, so per-CPU state (kmap_local slots, this_cpu_ptr()
 * pointers) stays valid.
 *
 * It is split in two fields, as in Linux:
 *
 *   bits  0-7   PREEMPT   preempt_disable() nesting (spinlocks, kmap_local)
 *   bits 16-19  HARDIRQ   interrupt handlers running on this CPU, nested
 *                         (irq_enter()/irq_exit(), include/hardirq.h)
 *
 * so "am I in an interrupt handler?" is one read, and an interrupt
 * handler is never preemptible whatever the interrupted code did.
 */
#ifndef _PREEMPT_H
#define _PREEMPT_H

#include <percpu.h>
#include <asm/irqflags.h>

DECLARE_PER_CPU(int, preempt_count);

#define PREEMPT_BITS	8
#define HARDIRQ_BITS	4
#define PREEMPT_SHIFT	0
#define HARDIRQ_SHIFT	16

#define PREEMPT_OFFSET	(1 << PREEMPT_SHIFT)
#define HARDIRQ_OFFSET	(1 << HARDIRQ_SHIFT)
#define PREEMPT_MASK	(((1 << PREEMPT_BITS) - 1) << PREEMPT_SHIFT)
#define HARDIRQ_MASK	(((1 << HARDIRQ_BITS) - 1) << HARDIRQ_SHIFT)

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

/* One instruction each: safe against an interrupt on this CPU. */
static inline void preempt_count_add(int val)
{
	this_cpu_add(preempt_count, val);
	barrier();
}

static inline void preempt_count_sub(int val)
{
	barrier();
	this_cpu_add(preempt_count, -val);
}

#define hardirq_count()	(preempt_count_read() & HARDIRQ_MASK)
/* Nesting of interrupt handlers on this CPU (0 in task context). */
#define hardirq_depth()	(hardirq_count() >> HARDIRQ_SHIFT)
/* In a hardware interrupt handler (device, timer, IPI). */
#define in_irq()	(hardirq_count() != 0)
#define in_hardirq()	in_irq()
/* In any interrupt context (this kernel has no softirqs). */
#define in_interrupt()	in_irq()
/* May not schedule: preemption disabled or in an interrupt handler. */
#define in_atomic()	(preempt_count_read() != 0)
#define in_task()	(!in_interrupt())

#define preemptible()	(preempt_count_read() == 0 && !irqs_disabled())

/*
 * might_sleep(): the caller is about to do something that may sleep
 * (wait for a lock, a wait queue, a free kmap entry). That is a bug in
 * atomic context even on the runs where it happens not to sleep, so it is
 * checked every time: panic naming the caller (the return address of the
 * function that uses might_sleep()) and the file and line, if preemption
 * or interrupts are disabled or this is an interrupt handler. Boot code
 * before the scheduler runs and the idle tasks spin instead of sleeping
 * and are not checked (interrupt handlers that interrupted them are).
 */
void __might_sleep(const char *file, int line, unsigned long caller);
#define might_sleep()							\
	__might_sleep(__FILE__, __LINE__,				\
		      (unsigned long)__builtin_return_address(0))

#endif
