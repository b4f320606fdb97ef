/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Entering and leaving a hardware interrupt handler. The architecture's
 * interrupt entry (arch/x86/kernel/traps.c) brackets every device, timer
 * and IPI handler with these; exceptions and system calls run in the
 * context they interrupted and are not bracketed.
 *
 *   task context          preempt_count = P
 *     interrupt           irq_enter(): P + HARDIRQ_OFFSET   in_irq()
 *       nested interrupt    P + 2 * HARDIRQ_OFFSET            (handler
 *                                                              re-enabled
 *                                                              interrupts)
 *     irq_exit()          back to P
 *
 * Because the count is nonzero inside a handler, neither preempt_enable()
 * nor the preemption check on interrupt exit can switch tasks there, and
 * might_sleep() catches a handler that calls something that sleeps.
 */
#ifndef _HARDIRQ_H
#define _HARDIRQ_H

#include <preempt.h>
#include <panic.h>

static inline void irq_enter(void)
{
	preempt_count_add(HARDIRQ_OFFSET);
	if (unlikely(!hardirq_count()))
		panic("irq_enter: interrupt nesting overflows preempt_count "
		      "(%#x)", preempt_count_read());
}

static inline void irq_exit(void)
{
	if (unlikely(!in_irq()))
		panic("irq_exit outside an interrupt handler (preempt_count "
		      "%#x)", preempt_count_read());
	preempt_count_sub(HARDIRQ_OFFSET);
}

#endif
