/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Atomic integers: atomic_read/set/add/sub/inc/dec, atomic_fetch_add,
 * atomic_add_return, atomic_dec_and_test, atomic_cmpxchg, atomic_xchg, and
 * the barriers smp_mb/smp_rmb/smp_wmb. The architecture implements them.
 */
#ifndef _ATOMIC_H
#define _ATOMIC_H

#include <types.h>
#include <asm/atomic.h>

#endif
