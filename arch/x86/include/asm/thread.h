/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The x86 part of a task: the saved kernel stack pointer that the context
 * switch (arch/x86/kernel/switch_to.asm) works with, the top of the kernel
 * stack that the TSS hands the CPU on entry from ring 3, and the task's TLS
 * descriptors (set_thread_area) that are copied into the per-CPU GDT when
 * the task is switched in, and its saved x87/SSE registers (asm/fpu.h).
 *
 * Kernel stack of a task (THREAD_SIZE bytes, lowmem):
 *
 *   stack + THREAD_SIZE  +---------------------------+  thread.sp0 (TSS esp0)
 *                        | struct pt_regs            |  user registers, saved
 *                        | (ss esp eflags cs eip ... |  by the entry stub
 *                        |  ... gs)                  |
 *                        +---------------------------+  task_pt_regs(t)
 *                        | kernel call frames        |
 *                        |            |              |
 *                        |            v              |
 *                        | switch frame: ebp ebx esi |  thread.sp while the
 *                        | edi + return address      |  task is switched out
 *                        |                           |
 *   stack                +---------------------------+
 */
#ifndef _ASM_X86_THREAD_H
#define _ASM_X86_THREAD_H

#include <types.h>
#include <asm/desc.h>
#include <asm/ptrace.h>
#include <asm/fpu.h>

#define THREAD_SIZE_ORDER	2
#define THREAD_SIZE		(4096UL << THREAD_SIZE_ORDER)	/* 16 KiB */

struct thread_struct {
	unsigned long sp;	/* saved esp; MUST stay at offset 0 */
	unsigned long sp0;	/* top of the kernel stack */
	/* set_thread_area() descriptors, loaded into GDT entries 6-8. */
	struct desc_struct tls_array[GDT_ENTRY_TLS_ENTRIES];
	/* x87/SSE registers while switched out (asm/fpu.h); 16-aligned. */
	struct fpu fpu;
};

/* The user register frame at the top of a task's kernel stack. */
#define task_pt_regs_at(sp0)	((struct pt_regs *)(sp0) - 1)

#endif
