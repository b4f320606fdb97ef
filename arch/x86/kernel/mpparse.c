// SPDX-License-Identifier: GPL-2.0
/*
 * The Intel MultiProcessor Specification (1.4) tables: the fallback when
 * there is no ACPI MADT (or `acpi=off`). A 16-byte "floating pointer"
 * somewhere in the BIOS areas points to a configuration table whose
 * entries list processors, buses, IOAPICs and interrupt wiring.
 *
 * Also the small helpers that both parsers use to fill struct mp_config.
 */
#include <asm/mpspec.h>
#include <asm/ioremap.h>
#include <asm/apic.h>
#include <kernel.h>
#include <string.h>
#include <memlayout.h>
#include <errno.h>

struct mpf_intel {
	char signature[4];		/* "_MP_" */
	u32 config_phys;		/* 0: a default configuration */
	u8 length;			/* in 16-byte units: 1 */
	u8 spec_rev;
	u8 checksum;
	u8 feature1;			/* nonzero: a default config */
	u8 feature2;
	u8 feature3[3];
} __packed;

struct mpc_table {
	char signature[4];		/* "PCMP" */
	u16 length;			/* base table, header included */
	u8 spec_rev;
	u8 checksum;
	char oem[8];
	char product[12];
	u32 oem_ptr;
	u16 oem_size;
	u16 entry_count;
	u32 lapic_phys;
	u16 ext_length;
	u8 ext_checksum;
	u8 reserved;
} __packed;

enum { MPC_PROCESSOR, MPC_BUS, MPC_IOAPIC, MPC_INTSRC, MPC_LINTSRC };

struct mpc_cpu {
	u8 type;
	u8 apic_id;
	u8 apic_ver;
	u8 cpu_flags;			/* bit 0: enabled, bit 1: boot CPU */
	u32 signature;
	u32 feature_flags;
	u32 reserved[2];
} __packed;

struct mpc_bus {
	u8 type;
	u8 bus_id;
	char bus_type[6];		/* "ISA   ", "PCI   " */
} __packed;

struct mpc_ioapic {
	u8 type;
	u8 apic_id;
	u8 apic_ver;
	u8 flags;			/* bit 0: enabled */
	u32 phys;
} __packed;

struct mpc_intsrc {
	u8 type;
	u8 irq_type;			/* 0: vectored interrupt */
	u16 irq_flags;			/* MP_IRQPOL_* | MP_IRQTRIG_* */
	u8 src_bus;
	u8 src_bus_irq;
	u8 dst_apic;			/* 0xFF: every IOAPIC */
	u8 dst_irq;			/* IOAPIC input pin */
} __packed;

/* MP tables do not say how many inputs an IOAPIC has; the 82093AA and
 * QEMU's IOAPIC have 24, so global numbers are assigned in steps of 24. */
#define MP_IOAPIC_PINS	24
#define NO_ISA_BUS	0x100

void mp_config_init(struct mp_config *cfg, const char *source)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->source = source;
	cfg->lapic_phys = APIC_DEFAULT_PHYS;
	for (int i = 0; i < NR_ISA_IRQS; i++)
		cfg->isa_irqs[i].gsi = i;
}

void mp_config_add_cpu(struct mp_config *cfg, u32 apic_id, bool enabled)
{
	if (!enabled) {
		cfg->nr_disabled_cpus++;
		return;
	}
	for (int i = 0; i < cfg->nr_cpus; i++) {
		if (cfg->apic_ids[i] == apic_id) {
			pr_warn("smp: %s lists APIC id %u twice\n", cfg->source,
				apic_id);
			return;
		}
	}
	if (apic_id >= MAX_LOCAL_APIC || cfg->nr_cpus >= MAX_LOCAL_APIC)
		return;
	cfg->apic_ids[cfg->nr_cpus++] = apic_id;
}

void mp_config_add_ioapic(struct mp_config *cfg, u8 id, u32 phys,
			  u32 gsi_base)
{
	if (cfg->nr_ioapics >= MAX_IO_APICS) {
		pr_warn("smp: more than %d IOAPICs; ignoring id %u\n",
			MAX_IO_APICS, id);
		return;
	}
	cfg->ioapics[cfg->nr_ioapics++] =
		(struct mp_ioapic){ .id = id, .phys = phys,
				    .gsi_base = gsi_base };
}

static const struct mpf_intel *scan_mpf(phys_addr_t start, size_t len)
{
	for (phys_addr_t pa = start; pa + 16 <= start + len; pa += 16) {
		const struct mpf_intel *f = __va(pa);

		if (!memcmp(f->signature, "_MP_", 4) && f->length == 1 &&
		    !firmware_checksum(f, 16))
			return f;
	}
	return NULL;
}

/* Where the MP spec says to look: the first KiB of the EBDA, the last KiB
 * of base memory, and the BIOS ROM. */
static const struct mpf_intel *find_mpf(void)
{
	phys_addr_t ebda = (phys_addr_t)*(u16 *)__va(0x40E) << 4;
	phys_addr_t base_end = (phys_addr_t)*(u16 *)__va(0x413) * 1024;
	const struct mpf_intel *f = NULL;

	if (ebda >= 0x80000 && ebda < 0xA0000)
		f = scan_mpf(ebda, 1024);
	if (!f && base_end >= 0x80000 && base_end <= 0xA0000)
		f = scan_mpf(base_end - 1024, 1024);
	return f ? f : scan_mpf(0xF0000, 0x10000);
}

static u32 ioapic_gsi_base(const struct mp_config *cfg, u8 apic_id)
{
	for (int i = 0; i < cfg->nr_ioapics; i++)
		if (cfg->ioapics[i].id == apic_id)
			return cfg->ioapics[i].gsi_base;
	return 0;
}

/* Two passes: buses and IOAPICs first, since interrupt entries refer to
 * them by id and may come before them. */
static void parse_entries(struct mp_config *cfg, const u8 *p, const u8 *end,
			  int pass, unsigned int *isa_bus)
{
	static const u8 entry_len[] = { 20, 8, 8, 8, 8 };

	while (p < end && *p < ARRAY_SIZE(entry_len) &&
	       p + entry_len[*p] <= end) {
		const struct mpc_cpu *cpu = (const void *)p;
		const struct mpc_bus *bus = (const void *)p;
		const struct mpc_ioapic *io = (const void *)p;
		const struct mpc_intsrc *src = (const void *)p;

		if (pass == 0 && *p == MPC_BUS &&
		    !memcmp(bus->bus_type, "ISA", 3))
			*isa_bus = bus->bus_id;
		else if (pass == 0 && *p == MPC_IOAPIC && (io->flags & 1))
			mp_config_add_ioapic(cfg, io->apic_id, io->phys,
					     cfg->nr_ioapics * MP_IOAPIC_PINS);
		else if (pass == 1 && *p == MPC_PROCESSOR)
			mp_config_add_cpu(cfg, cpu->apic_id, cpu->cpu_flags & 1);
		else if (pass == 1 && *p == MPC_INTSRC && src->irq_type == 0 &&
			 src->src_bus == *isa_bus &&
			 src->src_bus_irq < NR_ISA_IRQS) {
			struct mp_isa_irq *irq = &cfg->isa_irqs[src->src_bus_irq];

			irq->gsi = ioapic_gsi_base(cfg, src->dst_apic) +
				   src->dst_irq;
			irq->flags = src->irq_flags;
		}
		p += entry_len[*p];
	}
}

int mpparse_read_config(struct mp_config *cfg)
{
	const struct mpf_intel *mpf = find_mpf();
	struct mpc_table *mpc;
	unsigned int isa_bus = NO_ISA_BUS;
	u16 len;

	if (!mpf)
		return -ENODEV;
	mp_config_init(cfg, "MP table");
	if (mpf->feature1 || !mpf->config_phys) {
		/* A default configuration (MP spec chapter 5): two CPUs
		 * with APIC ids 0 and 1 and one IOAPIC, identity wired. */
		mp_config_add_cpu(cfg, 0, true);
		mp_config_add_cpu(cfg, 1, true);
		mp_config_add_ioapic(cfg, 2, 0xFEC00000, 0);
		return 0;
	}
	mpc = ioremap_cache(mpf->config_phys, sizeof(*mpc));
	if (!mpc)
		return -ENODEV;
	len = mpc->length;
	iounmap(mpc);
	mpc = ioremap_cache(mpf->config_phys, len);
	if (!mpc)
		return -ENODEV;
	if (len < sizeof(*mpc) || memcmp(mpc->signature, "PCMP", 4) ||
	    firmware_checksum(mpc, len)) {
		pr_warn("smp: MP configuration table at %#x is corrupt\n",
			mpf->config_phys);
		iounmap(mpc);
		return -ENODEV;
	}
	cfg->lapic_phys = mpc->lapic_phys;
	for (int pass = 0; pass < 2; pass++)
		parse_entries(cfg, (const u8 *)(mpc + 1), (const u8 *)mpc + len,
			      pass, &isa_bus);
	iounmap(mpc);
	return cfg->nr_cpus ? 0 : -ENODEV;
}
