// SPDX-License-Identifier: GPL-2.0
/*
 * The scheduler.
 *
 * INTERIM (foundation stage): no tasks yet. Ticks are counted and an idle
 * CPU halts until the next interrupt. The user-mode issue replaces this
 * with per-CPU run queues.
 */
#include <sched.h>
#include <smp.h>
#include <asm/irqflags.h>

volatile unsigned long jiffies;

void scheduler_tick(void)
{
	if (smp_processor_id() == 0)
		jiffies++;
}

void scheduler_ipi(void)
{
}

void cpu_idle(void)
{
	for (;;)
		safe_halt();
}
