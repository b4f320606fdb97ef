// SPDX-License-Identifier: GPL-2.0
/*
 * Per-CPU GDT and TSS. Every CPU has its own GDT so that the per-CPU
 * segment (%fs in the kernel) and the user TLS entries can differ between
 * CPUs, and its own TSS for its own kernel entry stack.
 */
#include <asm/desc.h>
#include <asm/segment.h>
#include <kernel.h>
#include <smp.h>
#include <string.h>

#define ACC_PRESENT	0x80
#define ACC_DPL3	0x60
#define ACC_CODE	0x1A	/* code, readable, non-system */
#define ACC_DATA	0x12	/* data, writable, non-system */
#define ACC_TSS		0x09	/* 32-bit available TSS */
#define FLAGS_4K_32	0xC0	/* granularity 4 KiB, 32-bit */

static struct desc_struct gdt_tables[NR_CPUS][GDT_ENTRIES] __aligned(16);
static struct tss_struct cpu_tss[NR_CPUS] __aligned(128);

static void set_desc(struct desc_struct *d, u32 base, u32 limit, u8 access,
		     u8 flags)
{
	d->limit0 = limit & 0xFFFF;
	d->base0 = base & 0xFFFF;
	d->base1 = (base >> 16) & 0xFF;
	d->access = access;
	d->limit1_flags = ((limit >> 16) & 0x0F) | flags;
	d->base2 = base >> 24;
}

struct desc_struct *cpu_gdt(int cpu)
{
	return gdt_tables[cpu];
}

static void load_gdt(struct desc_struct *gdt)
{
	struct {
		u16 limit;
		u32 base;
	} __packed gdtr = { GDT_ENTRIES * sizeof(*gdt) - 1, (u32)gdt };

	__asm__ __volatile__("lgdt %0" : : "m"(gdtr));
	/* Reload every segment register from the new table. */
	__asm__ __volatile__(
		"ljmp %0, $1f\n1:\n\t"
		"movw %w1, %%ds\n\tmovw %w1, %%es\n\tmovw %w1, %%ss\n\t"
		"movw %w2, %%fs\n\tmovw %w3, %%gs"
		: : "i"(__KERNEL_CS), "r"(__KERNEL_DS), "r"(__KERNEL_PERCPU),
		    "r"(0) : "memory");
}

void cpu_init_descriptors(int cpu, unsigned long percpu_base)
{
	struct desc_struct *gdt = gdt_tables[cpu];
	struct tss_struct *tss = &cpu_tss[cpu];

	memset(gdt, 0, sizeof(gdt_tables[cpu]));
	set_desc(&gdt[GDT_ENTRY_KERNEL_CS], 0, 0xFFFFF,
		 ACC_PRESENT | ACC_CODE, FLAGS_4K_32);
	set_desc(&gdt[GDT_ENTRY_KERNEL_DS], 0, 0xFFFFF,
		 ACC_PRESENT | ACC_DATA, FLAGS_4K_32);
	set_desc(&gdt[GDT_ENTRY_USER_CS], 0, 0xFFFFF,
		 ACC_PRESENT | ACC_DPL3 | ACC_CODE, FLAGS_4K_32);
	set_desc(&gdt[GDT_ENTRY_USER_DS], 0, 0xFFFFF,
		 ACC_PRESENT | ACC_DPL3 | ACC_DATA, FLAGS_4K_32);
	set_desc(&gdt[GDT_ENTRY_PERCPU], percpu_base, 0xFFFFF,
		 ACC_PRESENT | ACC_DATA, FLAGS_4K_32);

	memset(tss, 0, sizeof(*tss));
	tss->ss0 = __KERNEL_DS;
	tss->iomap_base = sizeof(*tss);	/* no I/O bitmap: all ports trap */
	set_desc(&gdt[GDT_ENTRY_TSS], (u32)tss, sizeof(*tss) - 1,
		 ACC_PRESENT | ACC_TSS, 0);

	load_gdt(gdt);
	__asm__ __volatile__("ltr %w0" : : "r"(__TSS_SEL));
	idt_load();
}

void tss_set_kernel_stack(unsigned long esp0)
{
	cpu_tss[smp_processor_id()].esp0 = esp0;
}

void gdt_set_tls(int entry, const struct desc_struct *d)
{
	gdt_tables[smp_processor_id()][entry] = *d;
}
