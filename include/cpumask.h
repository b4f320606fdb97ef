/* SPDX-License-Identifier: GPL-2.0 */
/* Sets of CPUs: a bitmap of NR_CPUS bits with set/clear/test/iterate. */
#ifndef _CPUMASK_H
#define _CPUMASK_H

#include <types.h>
#include <smp.h>

#define BITS_PER_LONG	32
#define CPUMASK_LONGS	((NR_CPUS + BITS_PER_LONG - 1) / BITS_PER_LONG)

typedef struct cpumask {
	unsigned long bits[CPUMASK_LONGS];
} cpumask_t;

static inline void cpumask_clear(cpumask_t *m)
{
	for (int i = 0; i < CPUMASK_LONGS; i++)
		m->bits[i] = 0;
}

/* Atomic: several CPUs may update one mask (an mm's cpumask). */
static inline void cpumask_set_cpu(int cpu, cpumask_t *m)
{
	__atomic_fetch_or(&m->bits[cpu / BITS_PER_LONG],
			  1UL << (cpu % BITS_PER_LONG), __ATOMIC_SEQ_CST);
}

static inline void cpumask_clear_cpu(int cpu, cpumask_t *m)
{
	__atomic_fetch_and(&m->bits[cpu / BITS_PER_LONG],
			   ~(1UL << (cpu % BITS_PER_LONG)), __ATOMIC_SEQ_CST);
}

static inline bool cpumask_test_cpu(int cpu, const cpumask_t *m)
{
	return (READ_ONCE(m->bits[cpu / BITS_PER_LONG]) >>
		(cpu % BITS_PER_LONG)) & 1;
}

static inline int cpumask_weight(const cpumask_t *m)
{
	int n = 0;

	for (int i = 0; i < CPUMASK_LONGS; i++)
		n += __builtin_popcountl(READ_ONCE(m->bits[i]));
	return n;
}

static inline bool cpumask_empty(const cpumask_t *m)
{
	return cpumask_weight(m) == 0;
}

/* Next set CPU after `cpu` (pass -1 to start), or NR_CPUS if none. */
static inline int cpumask_next(int cpu, const cpumask_t *m)
{
	for (cpu++; cpu < NR_CPUS; cpu++)
		if (cpumask_test_cpu(cpu, m))
			return cpu;
	return NR_CPUS;
}

static inline void cpumask_copy(cpumask_t *dst, const cpumask_t *src)
{
	for (int i = 0; i < CPUMASK_LONGS; i++)
		dst->bits[i] = READ_ONCE(src->bits[i]);
}

static inline void cpumask_and(cpumask_t *dst, const cpumask_t *a,
			       const cpumask_t *b)
{
	for (int i = 0; i < CPUMASK_LONGS; i++)
		dst->bits[i] = a->bits[i] & b->bits[i];
}

#define for_each_cpu(cpu, mask)					\
	for ((cpu) = cpumask_next(-1, mask); (cpu) < NR_CPUS;	\
	     (cpu) = cpumask_next(cpu, mask))

extern cpumask_t cpu_online_mask;
extern cpumask_t cpu_possible_mask;

#define for_each_online_cpu(cpu)	for_each_cpu(cpu, &cpu_online_mask)
#define for_each_possible_cpu(cpu)	for_each_cpu(cpu, &cpu_possible_mask)

static inline bool cpu_online(int cpu)
{
	return cpumask_test_cpu(cpu, &cpu_online_mask);
}

#endif
