/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers for tests that need several CPUs at once (kernel/ktest_smp.c).
 */
#ifndef _KTEST_SMP_H
#define _KTEST_SMP_H

#include <types.h>
#include <time.h>
#include <asm/processor.h>

/*
 * Run fn(info) on every online CPU at the same time (they wait for each
 * other at a start line) and return when all have finished. Everywhere fn
 * runs with interrupts enabled and preemption disabled (the other CPUs
 * run it from their call-function IPI handler).
 * A CPU still busy after 60 s is reported as a kernel bug (panic).
 */
void ktest_run_on_all_cpus(void (*fn)(void *info), void *info);

/*
 * Run fn(info) on `n` online CPUs at once (this one and then others, at
 * least 1, at most all), each in its own kernel thread pinned to its CPU:
 * task context, preemptible, so fn may sleep, kmap() and shoot down TLBs.
 * They start together; returns when all have finished. The caller must
 * be a task that may sleep. A thread still busy after 60 s is a kernel
 * bug (panic). smp_processor_id() is stable in fn (the thread is pinned).
 */
void ktest_run_on_cpus(int n, void (*fn)(void *info), void *info);

/*
 * Spin until `cond` holds or `ms` milliseconds pass; evaluates to whether
 * it held. For waiting on other CPUs; a timeout is a hang, not slowness,
 * so pick generous limits.
 */
#define ktest_wait_until(cond, ms)					\
	({								\
		u64 __end = get_cycles() + (u64)tsc_khz * (ms);		\
		bool __ok;						\
		while (!(__ok = (cond)) && get_cycles() < __end)	\
			cpu_relax();					\
		__ok;							\
	})

/* xorshift32: a small, seedable generator for randomised tests. */
static inline u32 ktest_rand(u32 *state)
{
	u32 x = *state ? *state : 0x9E3779B9;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*state = x;
	return x;
}

/* Some online CPU other than this one, or -1 (the caller stays on this
 * CPU: pinned, or preemption off). */
int ktest_other_cpu(void);

/* A random permutation of the online CPUs; returns how many there are. */
int ktest_shuffled_cpus(int *cpus, u32 *rand_state);

/* Benchmark samples in TSC cycles, summarised (sorts `samples`). */
struct ktest_cycles {
	u32 min, median, max;
	u64 mean;
};
void ktest_cycles_summarise(u32 *samples, int n, struct ktest_cycles *out);

#endif
