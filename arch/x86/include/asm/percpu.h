/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86 this_cpu operations: %fs holds a segment whose base is this CPU's
 * __per_cpu_offset, so "%fs:var" is this CPU's copy of var.
 */
#ifndef _ASM_X86_PERCPU_H
#define _ASM_X86_PERCPU_H

#define __pcpu_check4(var) \
	_Static_assert(sizeof(var) == 4, "this_cpu ops take 4-byte variables")

#define this_cpu_read(var)						\
	({								\
		__typeof__(var) __v;					\
		__pcpu_check4(var);					\
		__asm__ __volatile__("movl %%fs:%1, %0"			\
				     : "=r"(__v) : "m"(var));		\
		__v;							\
	})

#define this_cpu_write(var, val)					\
	do {								\
		__typeof__(var) __v = (val);				\
		__pcpu_check4(var);					\
		__asm__ __volatile__("movl %1, %%fs:%0"			\
				     : "=m"(var) : "ri"(__v));		\
	} while (0)

#define this_cpu_add(var, val)						\
	do {								\
		__pcpu_check4(var);					\
		__asm__ __volatile__("addl %1, %%fs:%0"			\
				     : "+m"(var) : "ri"((u32)(val)));	\
	} while (0)

#define this_cpu_inc(var)	this_cpu_add(var, 1)
#define this_cpu_dec(var)	this_cpu_add(var, -1)

#endif
