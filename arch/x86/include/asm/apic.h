/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The local APIC (xAPIC, memory-mapped): one per CPU, it receives
 * interrupts for its CPU (from the IOAPIC, other CPUs and its own timer)
 * and sends inter-processor interrupts. arch/x86/kernel/apic.c.
 *
 * Every CPU sees its own LAPIC at the same physical address; the kernel
 * maps that page 1:1 and uncached in the MMIO area.
 */
#ifndef _ASM_X86_APIC_H
#define _ASM_X86_APIC_H

#include <types.h>
#include <config.h>

#define APIC_DEFAULT_PHYS	0xFEE00000UL

/* Register offsets in the LAPIC page (Intel SDM vol. 3, table 11-1). */
#define APIC_ID		0x020	/* bits 31:24 */
#define APIC_LVR	0x030	/* version; max LVT entry in bits 23:16 */
#define APIC_TPR	0x080
#define APIC_EOI	0x0B0
#define APIC_LDR	0x0D0
#define APIC_DFR	0x0E0
#define APIC_SPIV	0x0F0
#define  APIC_SPIV_ENABLE	(1u << 8)
#define APIC_ESR	0x280
#define APIC_ICR	0x300	/* low half: vector, mode, status */
#define APIC_ICR2	0x310	/* high half: destination in bits 31:24 */
#define APIC_LVTT	0x320	/* timer */
#define APIC_LVT0	0x350	/* LINT0 */
#define APIC_LVT1	0x360	/* LINT1 */
#define APIC_LVTERR	0x370
#define APIC_TMICT	0x380	/* timer initial count */
#define APIC_TMCCT	0x390	/* timer current count */
#define APIC_TDCR	0x3E0	/* timer divide configuration */

/* ICR low bits. */
#define APIC_DM_FIXED		0x00000
#define APIC_DM_NMI		0x00400
#define APIC_DM_INIT		0x00500
#define APIC_DM_STARTUP		0x00600
#define APIC_ICR_BUSY		0x01000	/* delivery status: pending */
#define APIC_INT_ASSERT		0x04000
#define APIC_INT_LEVELTRIG	0x08000

/* LVT bits. */
#define APIC_LVT_MASKED		(1u << 16)
#define APIC_LVT_TIMER_PERIODIC	(1u << 17)
#define APIC_LVT_DM_NMI		0x00400
#define APIC_LVT_DM_EXTINT	0x00700
#define APIC_TDR_DIV_16		0x3

/* Logical CPU number -> APIC id, filled as CPUs are enumerated. */
extern int cpu_to_apicid[NR_CPUS];
/* Virtual address of the LAPIC page (the same on every CPU). */
extern volatile u8 *lapic_base;

static inline u32 apic_read(u32 reg)
{
	return *(volatile u32 *)(lapic_base + reg);
}

static inline void apic_write(u32 reg, u32 v)
{
	*(volatile u32 *)(lapic_base + reg) = v;
}

/* Signal end of interrupt for the vector being serviced. */
static inline void apic_eoi(void)
{
	apic_write(APIC_EOI, 0);
}

/* The APIC id of the CPU executing this. */
static inline int read_apic_id(void)
{
	return apic_read(APIC_ID) >> 24;
}

/* Map the LAPIC page (at `phys`) and enable the boot CPU's LAPIC. */
void lapic_init(unsigned long phys);
/* Program this CPU's LAPIC: spurious vector, LVTs, task priority. */
void lapic_setup_this_cpu(bool boot_cpu);
/* Measure the LAPIC timer rate against the PIT (boot CPU, once). */
void lapic_timer_calibrate(void);
/* Start this CPU's periodic tick (HZ per second). */
void lapic_timer_start(void);
/* Timer interrupts taken so far on `cpu`. */
unsigned long lapic_timer_ticks(int cpu);
/* LAPIC timer counts per tick, as calibrated. */
u32 lapic_timer_period(void);

/* Send `vector` to one CPU (fixed delivery, physical destination). */
void apic_send_ipi(int cpu, int vector);
/* Send an NMI to one CPU. */
void apic_send_nmi(int cpu);
/* INIT-SIPI-SIPI: start the CPU with `apicid` at physical `start_eip`
 * (below 1 MiB, page aligned). Returns 0 or -EIO if the ICR is stuck. */
int apic_wakeup_secondary(int apicid, unsigned long start_eip);

#endif
