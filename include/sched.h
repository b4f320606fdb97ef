/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The scheduler's interface to the rest of the kernel (kernel/sched/).
 */
#ifndef _SCHED_H
#define _SCHED_H

#include <types.h>

/* Called from each CPU's periodic timer interrupt. */
void scheduler_tick(void);
/* Called from the reschedule IPI. */
void scheduler_ipi(void);
/* A CPU with nothing else to do: run the idle loop forever. */
__noreturn void cpu_idle(void);

/* Timer ticks per second on every CPU. */
#define HZ	100
/* Ticks since boot, counted by the boot CPU. */
extern volatile unsigned long jiffies;

#endif
