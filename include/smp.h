/* SPDX-License-Identifier: GPL-2.0 */
/* CPU numbering and the cross-CPU call interface. */
#ifndef _SMP_H
#define _SMP_H

#include <types.h>
#include <config.h>

/* The calling CPU's logical number (0 = boot CPU). */
#define smp_processor_id()	this_cpu_read(cpu_number)

unsigned int num_online_cpus(void);

struct cpumask;
typedef void (*smp_call_func_t)(void *info);

/* Discover the CPUs and bring every application processor online. */
void smp_init(void);

/*
 * Run fn(info) on every online CPU in `mask` except the caller, from the
 * call-function IPI (interrupts off on the target; fn must not sleep).
 * With `wait`, return only after every target has finished; without, fn
 * and info must stay valid until it has run. Queueing takes no global
 * lock: each CPU has its own call queue.
 *
 * May be called with interrupts disabled, even from an IPI handler: a
 * CPU that waits serves its own queue meanwhile, so two CPUs calling each
 * other cannot deadlock. The caller must not, however, hold a spinlock
 * that a target might be spinning on with interrupts disabled: that
 * target would never get to fn (Documentation/smp.md, "Locking rules").
 */
void smp_call_function_many(const struct cpumask *mask, smp_call_func_t fn,
			    void *info, bool wait);
/*
 * Run fn(info) on every online CPU in `mask`, the caller included if it is
 * in `mask` (there with interrupts off, while the others run it too).
 */
void on_each_cpu_mask(const struct cpumask *mask, smp_call_func_t fn,
		      void *info, bool wait);
/* Same as smp_call_function_many for one CPU; runs fn directly (with
 * interrupts off) if `cpu` is the caller. 0, or -ENXIO if it is offline. */
int smp_call_function_single(int cpu, smp_call_func_t fn, void *info,
			     bool wait);
/* Ask `cpu` to run its scheduler soon (the reschedule IPI). */
void smp_send_reschedule(int cpu);

#include <percpu.h>

#endif
