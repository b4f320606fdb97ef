/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86 SMP internals: AP bring-up (arch/x86/kernel/smpboot.c and
 * arch/x86/boot/trampoline.asm), the IPI handlers (smp.c) and NMIs
 * (nmi.c). The portable interface is include/smp.h.
 */
#ifndef _ASM_X86_SMP_H
#define _ASM_X86_SMP_H

/* The page below 1 MiB where APs start in real mode (reserved at boot).
 * arch/x86/include/asm/smp.inc repeats it for the trampoline. */
#define TRAMPOLINE_PHYS	0x8000

#ifndef __ASSEMBLER__
#include <types.h>

/* "TRMP": the trampoline's header starts with it. */
#define TRAMPOLINE_MAGIC	0x504D5254

/*
 * The data block at the start of the trampoline (after an 8-byte jump),
 * filled by the boot CPU before each start-up IPI. The layout must match
 * trampoline.asm.
 */
struct trampoline_header {
	u8 jump[8];
	u32 magic;		/* TRAMPOLINE_MAGIC */
	u32 phys;		/* address it was assembled for */
	u32 cr3;		/* page directory with the low identity map */
	u32 cr4;
	u32 entry;		/* start_secondary() */
	u32 stack;		/* top of the AP's boot stack */
	u32 cpu;		/* logical number, passed to entry */
	u32 apic_id;		/* only this APIC may use the block */
} __packed;

/* CPUs the kernel may start (nosmp: 1, maxcpus=N: N, else NR_CPUS). */
extern unsigned int smp_max_cpus;

/* C entry point of an application processor, from the trampoline. */
__noreturn void start_secondary(int cpu);

/* Install the IPI vector handlers (smp.c) and the NMI handler (nmi.c). */
void smp_ipi_init(void);
void nmi_init(void);

/* Run the requests queued for this CPU; interrupts must be off. */
void flush_smp_call_queue(void);

/* Per-CPU IPI counters (for tests and benchmarks). */
struct smp_ipi_stats {
	u32 calls_sent;			/* requests queued to other CPUs */
	u32 call_ipis_sent;		/* CALL_FUNCTION IPIs sent for them */
	u32 call_ipis_received;
	u32 calls_handled;		/* requests run from the queue */
	u32 resched_ipis_sent;
	u32 resched_ipis_received;
};
void smp_ipi_stats_get(int cpu, struct smp_ipi_stats *out);

/*
 * Send `cpu` an NMI that it only counts (no stop, no report): tests the
 * NMI delivery path without stopping anything.
 */
void nmi_send_test(int cpu);
/* NMIs `cpu` has taken. */
unsigned long nmi_count(int cpu);

#endif
#endif
