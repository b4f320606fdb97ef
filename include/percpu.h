/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-CPU variables.
 *
 * DEFINE_PER_CPU() places a variable in the .data..percpu section, which is
 * only a template: at boot setup_per_cpu_areas() gives every possible CPU
 * its own copy, and __per_cpu_offset[cpu] is the distance from the template
 * to that copy. Each CPU's %fs segment base is its own offset, so
 * "%fs:var" addresses this CPU's copy of var in one instruction, from any
 * context (Linux i386 does the same).
 *
 * this_cpu_read()/this_cpu_write()/this_cpu_add()/this_cpu_inc() (from
 * <asm/percpu.h>) work on 4-byte variables and are single instructions,
 * hence safe against preemption and interrupts on this CPU. For larger
 * objects use this_cpu_ptr() with preemption disabled.
 */
#ifndef _PERCPU_H
#define _PERCPU_H

#include <types.h>
#include <config.h>

#define DEFINE_PER_CPU(type, name) \
	__section(".data..percpu") __typeof__(type) name
#define DECLARE_PER_CPU(type, name) \
	extern __section(".data..percpu") __typeof__(type) name

extern unsigned long __per_cpu_offset[NR_CPUS];
extern char __per_cpu_start[], __per_cpu_end[];

#define per_cpu_ptr(ptr, cpu) \
	((__typeof__(ptr))((unsigned long)(ptr) + __per_cpu_offset[cpu]))
#define per_cpu(var, cpu)	(*per_cpu_ptr(&(var), cpu))

#include <asm/percpu.h>

/* Offset of this CPU's area; kept in the area itself. */
DECLARE_PER_CPU(unsigned long, this_cpu_off);

#define this_cpu_ptr(ptr) \
	((__typeof__(ptr))((unsigned long)(ptr) + this_cpu_read(this_cpu_off)))

DECLARE_PER_CPU(int, cpu_number);

/* Give every possible CPU its per-CPU area; called once, early. */
void setup_per_cpu_areas(void);

#endif
