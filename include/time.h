/* SPDX-License-Identifier: GPL-2.0 */
/* Kernel time keeping: a monotonic nanosecond clock from the TSC. */
#ifndef _TIME_H
#define _TIME_H

#include <types.h>

#define NSEC_PER_SEC	1000000000ULL
#define NSEC_PER_MSEC	1000000ULL
#define NSEC_PER_USEC	1000ULL

/* TSC frequency in kHz, 0 until tsc_init() has calibrated it. */
extern u32 tsc_khz;

void tsc_init(void);
/* Nanoseconds since tsc_init() (0 before it). */
u64 ktime_get_ns(void);
/* Raw cycle counter, for benchmarks. */
u64 get_cycles(void);
/* Busy-wait, once the TSC is calibrated. */
void udelay(u32 us);
void mdelay(u32 ms);

#define CLOCK_REALTIME		0
#define CLOCK_MONOTONIC		1
/* The time on a user-visible clock (kernel/sys_time.c): 0 or -EINVAL. */
int clock_now(int clk, u64 *ns);

#endif
