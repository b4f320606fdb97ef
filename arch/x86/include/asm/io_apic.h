/* SPDX-License-Identifier: GPL-2.0 */
/*
 * IOAPICs: route device interrupt lines (global system interrupts, GSIs)
 * to a vector on a chosen CPU. arch/x86/kernel/ioapic.c. Drivers do not
 * call this directly; they use request_irq() (include/irq.h).
 */
#ifndef _ASM_X86_IO_APIC_H
#define _ASM_X86_IO_APIC_H

#include <types.h>

struct mp_config;

/* Map every IOAPIC the firmware listed and mask all their inputs. */
void ioapic_init(const struct mp_config *cfg);
/* Number of GSIs served by the IOAPICs (0 if there is none). */
unsigned int ioapic_nr_gsis(void);
/*
 * Point `gsi` at `vector` on `cpu` with the MP_IRQPOL_*|MP_IRQTRIG_* line
 * flags (defaults mean ISA: edge, active high), and unmask it. Returns 0,
 * or -EINVAL if no IOAPIC serves `gsi`.
 */
int ioapic_route(u32 gsi, int vector, int cpu, u16 flags);
void ioapic_mask(u32 gsi);

#endif
