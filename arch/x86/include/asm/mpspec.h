/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the firmware says about the machine's interrupt hardware: the
 * local APICs (one per CPU), the IOAPICs and how ISA IRQs are wired to
 * IOAPIC inputs. Read from the ACPI MADT (arch/x86/kernel/acpi.c) or, when
 * there is no ACPI, from the Intel MP tables (arch/x86/kernel/mpparse.c).
 * Both fill the same struct, so the rest of the kernel does not care which
 * one answered.
 */
#ifndef _ASM_X86_MPSPEC_H
#define _ASM_X86_MPSPEC_H

#include <types.h>

#define MAX_LOCAL_APIC		256	/* 8-bit xAPIC ids */
#define MAX_IO_APICS		8
#define NR_ISA_IRQS		16

/* Polarity and trigger of an interrupt line (MADT/MPS flag encoding). */
#define MP_IRQPOL_MASK		0x3
#define MP_IRQPOL_DEFAULT	0x0	/* as the bus says: high for ISA */
#define MP_IRQPOL_ACTIVE_HIGH	0x1
#define MP_IRQPOL_ACTIVE_LOW	0x3
#define MP_IRQTRIG_MASK		0xC
#define MP_IRQTRIG_DEFAULT	0x0	/* as the bus says: edge for ISA */
#define MP_IRQTRIG_EDGE		0x4
#define MP_IRQTRIG_LEVEL	0xC

struct mp_ioapic {
	u8 id;
	u32 phys;		/* MMIO base */
	u32 gsi_base;		/* first global system interrupt it serves */
};

struct mp_isa_irq {
	u32 gsi;		/* IOAPIC input (global numbering) */
	u16 flags;		/* MP_IRQPOL_* | MP_IRQTRIG_* */
};

struct mp_config {
	const char *source;		/* "ACPI MADT" or "MP table" */
	u32 lapic_phys;
	/* Enabled processors in firmware order; the boot CPU is among them. */
	int nr_cpus;
	u8 apic_ids[MAX_LOCAL_APIC];
	int nr_disabled_cpus;		/* listed but marked unusable */
	int nr_ioapics;
	struct mp_ioapic ioapics[MAX_IO_APICS];
	struct mp_isa_irq isa_irqs[NR_ISA_IRQS];
};

/* Identity ISA wiring, default LAPIC address, nothing else. */
void mp_config_init(struct mp_config *cfg, const char *source);
/* Helpers for the parsers. */
void mp_config_add_cpu(struct mp_config *cfg, u32 apic_id, bool enabled);
void mp_config_add_ioapic(struct mp_config *cfg, u8 id, u32 phys,
			  u32 gsi_base);

/* Fill cfg from the ACPI MADT; 0, or -ENODEV if there is none. */
int acpi_parse_madt(struct mp_config *cfg);
/* Fill cfg from the MP floating pointer's table; 0, or -ENODEV. */
int mpparse_read_config(struct mp_config *cfg);

/* The configuration the kernel booted with (arch/x86/kernel/smpboot.c). */
extern struct mp_config boot_mp_config;

/*
 * Firmware tables (ACPI RSDP and tables, MP floating pointer and config
 * table) are valid when all their bytes sum to 0 modulo 256.
 */
static inline u8 firmware_checksum(const void *p, size_t len)
{
	const u8 *b = p;
	u8 sum = 0;

	while (len--)
		sum += *b++;
	return sum;
}

#endif
