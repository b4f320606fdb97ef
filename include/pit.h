/* SPDX-License-Identifier: GPL-2.0 */
/* The 8253/8254 programmable interval timer, used as a reference clock. */
#ifndef _PIT_H
#define _PIT_H

#include <types.h>

#define PIT_HZ	1193182

/* Busy-wait for about `us` microseconds (at most 54925) using channel 2. */
void pit_delay_us(u32 us);

/*
 * Start channel 2 counting down `us` microseconds; pit_expired() becomes
 * true when it reaches zero. Used to calibrate the TSC and LAPIC timer.
 */
void pit_start_oneshot(u32 us);
bool pit_expired(void);

#endif
