/* SPDX-License-Identifier: GPL-2.0 */
/* Segment descriptors, the per-CPU GDT and TSS, and the IDT. */
#ifndef _ASM_X86_DESC_H
#define _ASM_X86_DESC_H

#include <types.h>
#include <asm/segment.h>

struct desc_struct {
	u16 limit0;
	u16 base0;
	u8 base1;
	u8 access;
	u8 limit1_flags;
	u8 base2;
} __packed;

/* The 32-bit hardware task state segment; only SS0:ESP0 and the I/O map
 * base are used (for the ring 3 -> ring 0 stack switch). */
struct tss_struct {
	u32 prev, esp0, ss0, esp1, ss1, esp2, ss2;
	u32 cr3, eip, eflags, eax, ecx, edx, ebx, esp, ebp, esi, edi;
	u32 es, cs, ss, ds, fs, gs, ldt;
	u16 trap, iomap_base;
} __packed;

/* Build this CPU's GDT (with its per-CPU segment at `percpu_base`) and
 * TSS, and load them together with the IDT. */
void cpu_init_descriptors(int cpu, unsigned long percpu_base);
/* Kernel stack used on entry from user mode on this CPU. */
void tss_set_kernel_stack(unsigned long esp0);
/* Install a user TLS descriptor in this CPU's GDT (set_thread_area). */
void gdt_set_tls(int entry, const struct desc_struct *d);
struct desc_struct *cpu_gdt(int cpu);

struct task_struct;
/* Set TLS descriptor `entry` of t, and of this CPU's GDT if t is current. */
void set_tls_desc(struct task_struct *t, int entry,
		  const struct desc_struct *d);

void idt_init(void);
void idt_load(void);

#endif
