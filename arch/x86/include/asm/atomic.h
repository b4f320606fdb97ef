/* SPDX-License-Identifier: GPL-2.0 */
/* x86 atomic integers: lock-prefixed instructions. Use <atomic.h>. */
#ifndef _ASM_X86_ATOMIC_H
#define _ASM_X86_ATOMIC_H

#include <types.h>

#define ATOMIC_INIT(i)	{ (i) }

static inline int atomic_read(const atomic_t *v)
{
	return READ_ONCE(v->counter);
}

static inline void atomic_set(atomic_t *v, int i)
{
	WRITE_ONCE(v->counter, i);
}

static inline void atomic_add(int i, atomic_t *v)
{
	__asm__ __volatile__("lock addl %1, %0" : "+m"(v->counter) : "ir"(i)
			     : "memory");
}

static inline void atomic_sub(int i, atomic_t *v)
{
	__asm__ __volatile__("lock subl %1, %0" : "+m"(v->counter) : "ir"(i)
			     : "memory");
}

#define atomic_inc(v)	atomic_add(1, v)
#define atomic_dec(v)	atomic_sub(1, v)

/* Add i and return the value from before the addition. */
static inline int atomic_fetch_add(int i, atomic_t *v)
{
	__asm__ __volatile__("lock xaddl %0, %1" : "+r"(i), "+m"(v->counter)
			     : : "memory");
	return i;
}

static inline int atomic_add_return(int i, atomic_t *v)
{
	return atomic_fetch_add(i, v) + i;
}

static inline bool atomic_dec_and_test(atomic_t *v)
{
	return atomic_add_return(-1, v) == 0;
}

static inline int atomic_cmpxchg(atomic_t *v, int old, int new)
{
	__asm__ __volatile__("lock cmpxchgl %2, %1"
			     : "+a"(old), "+m"(v->counter)
			     : "r"(new) : "memory");
	return old;
}

static inline int atomic_xchg(atomic_t *v, int new)
{
	__asm__ __volatile__("xchgl %0, %1" : "+r"(new), "+m"(v->counter)
			     : : "memory");
	return new;
}

/* Full memory barrier (orders stores against later loads too). */
static inline void smp_mb(void)
{
	__asm__ __volatile__("lock addl $0, (%%esp)" ::: "memory", "cc");
}

/* x86 keeps loads and stores in order otherwise: compiler barriers do. */
#define smp_rmb()	barrier()
#define smp_wmb()	barrier()

#endif
