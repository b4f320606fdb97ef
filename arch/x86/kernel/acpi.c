// SPDX-License-Identifier: GPL-2.0
/*
 * ACPI table discovery, just enough for SMP: RSDP -> RSDT (or XSDT) ->
 * MADT ("APIC"), whose entries list the local APICs, the IOAPICs and the
 * ISA interrupt overrides.
 *
 * The RSDP lies in the BIOS area below 1 MiB (always direct-mapped). The
 * other tables usually sit at the top of RAM, which may be highmem, so
 * they are reached through short-lived ioremap_cache() windows.
 *
 * `acpi=off` skips all of this; the MP tables are used instead.
 */
#include <asm/mpspec.h>
#include <asm/ioremap.h>
#include <asm/apic.h>
#include <cmdline.h>
#include <memlayout.h>
#include <kernel.h>
#include <string.h>
#include <errno.h>

struct acpi_rsdp {
	char signature[8];		/* "RSD PTR " */
	u8 checksum;			/* over the first 20 bytes */
	char oem_id[6];
	u8 revision;			/* 2 and up: the fields below */
	u32 rsdt_phys;
	u32 length;
	u64 xsdt_phys;
	u8 ext_checksum;		/* over `length` bytes */
	u8 reserved[3];
} __packed;

struct acpi_table_header {
	char signature[4];
	u32 length;			/* including this header */
	u8 revision;
	u8 checksum;			/* all bytes sum to 0 */
	char oem_id[6];
	char oem_table_id[8];
	u32 oem_revision;
	u32 creator_id;
	u32 creator_revision;
} __packed;

struct acpi_madt {
	struct acpi_table_header header;
	u32 lapic_phys;
	u32 flags;			/* bit 0: legacy 8259 PICs present */
} __packed;

enum {
	MADT_LOCAL_APIC = 0,
	MADT_IO_APIC = 1,
	MADT_INT_OVERRIDE = 2,
	MADT_LAPIC_ADDR_OVERRIDE = 5,
};

struct madt_entry {
	u8 type;
	u8 length;
} __packed;

struct madt_local_apic {
	struct madt_entry h;
	u8 processor_id;
	u8 apic_id;
	u32 flags;			/* bit 0: enabled */
} __packed;

struct madt_io_apic {
	struct madt_entry h;
	u8 id;
	u8 reserved;
	u32 phys;
	u32 gsi_base;
} __packed;

struct madt_int_override {
	struct madt_entry h;
	u8 bus;				/* 0: ISA */
	u8 source_irq;
	u32 gsi;
	u16 flags;			/* MP_IRQPOL_* | MP_IRQTRIG_* */
} __packed;

struct madt_lapic_addr_override {
	struct madt_entry h;
	u16 reserved;
	u64 phys;
} __packed;

static bool acpi_disabled;

static int acpi_off_setup(const char *val)
{
	if (strcmp(val, "off"))
		return -1;
	acpi_disabled = true;
	return 0;
}
__setup("acpi", acpi_off_setup);

static const struct acpi_rsdp *scan_rsdp(phys_addr_t start, size_t len)
{
	for (phys_addr_t pa = start; pa + 20 <= start + len; pa += 16) {
		const struct acpi_rsdp *r = __va(pa);

		if (memcmp(r->signature, "RSD PTR ", 8) || firmware_checksum(r, 20))
			continue;
		if (r->revision >= 2 &&
		    (r->length < sizeof(*r) || firmware_checksum(r, r->length)))
			continue;
		return r;
	}
	return NULL;
}

/* The RSDP is in the first KiB of the EBDA or in the BIOS ROM area. */
static const struct acpi_rsdp *find_rsdp(void)
{
	phys_addr_t ebda = (phys_addr_t)*(u16 *)__va(0x40E) << 4;
	const struct acpi_rsdp *r = NULL;

	if (ebda >= 0x80000 && ebda < 0xA0000)
		r = scan_rsdp(ebda, 1024);
	return r ? r : scan_rsdp(0xE0000, 0x20000);
}

/* Map a whole table (header first, to learn its length) and check it. */
static struct acpi_table_header *map_table(phys_addr_t phys)
{
	struct acpi_table_header *h = ioremap_cache(phys, sizeof(*h));
	u32 len;

	if (!h)
		return NULL;
	len = h->length;
	iounmap(h);
	if (len < sizeof(*h) || len > 1024 * 1024)
		return NULL;
	h = ioremap_cache(phys, len);
	if (h && firmware_checksum(h, len)) {
		pr_warn("acpi: table at %#x has a bad checksum\n", phys);
		iounmap(h);
		return NULL;
	}
	return h;
}

/* Find the table with `sig` through the RSDT or XSDT; caller iounmaps. */
static struct acpi_table_header *find_table(const struct acpi_rsdp *rsdp,
					    const char *sig)
{
	bool xsdt = rsdp->revision >= 2 && rsdp->xsdt_phys &&
		    rsdp->xsdt_phys < 0x100000000ULL;
	struct acpi_table_header *root, *t = NULL;
	unsigned int entry_size = xsdt ? 8 : 4, n;

	root = map_table(xsdt ? (phys_addr_t)rsdp->xsdt_phys : rsdp->rsdt_phys);
	if (!root)
		return NULL;
	n = (root->length - sizeof(*root)) / entry_size;
	for (unsigned int i = 0; i < n && !t; i++) {
		const u8 *e = (const u8 *)(root + 1) + i * entry_size;
		u64 phys = xsdt ? *(const u64 *)e : *(const u32 *)e;

		if (phys >= 0x100000000ULL)	/* out of reach without PAE */
			continue;
		t = map_table((phys_addr_t)phys);
		if (t && memcmp(t->signature, sig, 4)) {
			iounmap(t);
			t = NULL;
		}
	}
	iounmap(root);
	return t;
}

static void madt_entry(struct mp_config *cfg, const struct madt_entry *e)
{
	const struct madt_local_apic *la = (const void *)e;
	const struct madt_io_apic *io = (const void *)e;
	const struct madt_int_override *ov = (const void *)e;
	const struct madt_lapic_addr_override *ao = (const void *)e;

	switch (e->type) {
	case MADT_LOCAL_APIC:
		if (e->length >= sizeof(*la))
			mp_config_add_cpu(cfg, la->apic_id, la->flags & 1);
		break;
	case MADT_IO_APIC:
		if (e->length >= sizeof(*io))
			mp_config_add_ioapic(cfg, io->id, io->phys,
					     io->gsi_base);
		break;
	case MADT_INT_OVERRIDE:
		if (e->length >= sizeof(*ov) && ov->bus == 0 &&
		    ov->source_irq < NR_ISA_IRQS) {
			cfg->isa_irqs[ov->source_irq].gsi = ov->gsi;
			cfg->isa_irqs[ov->source_irq].flags = ov->flags;
		}
		break;
	case MADT_LAPIC_ADDR_OVERRIDE:
		if (e->length >= sizeof(*ao) && ao->phys < 0x100000000ULL)
			cfg->lapic_phys = (u32)ao->phys;
		break;
	}
}

int acpi_parse_madt(struct mp_config *cfg)
{
	const struct acpi_rsdp *rsdp;
	struct acpi_madt *madt;
	const u8 *p, *end;

	if (acpi_disabled)
		return -ENODEV;
	rsdp = find_rsdp();
	if (!rsdp)
		return -ENODEV;
	madt = (struct acpi_madt *)find_table(rsdp, "APIC");
	if (!madt)
		return -ENODEV;
	mp_config_init(cfg, "ACPI MADT");
	cfg->lapic_phys = madt->lapic_phys;
	p = (const u8 *)(madt + 1);
	end = (const u8 *)madt + madt->header.length;
	while (p + sizeof(struct madt_entry) <= end) {
		const struct madt_entry *e = (const void *)p;

		if (e->length < sizeof(*e) || p + e->length > end)
			break;
		madt_entry(cfg, e);
		p += e->length;
	}
	iounmap(madt);
	return cfg->nr_cpus ? 0 : -ENODEV;
}
