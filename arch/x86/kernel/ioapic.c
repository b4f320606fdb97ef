// SPDX-License-Identifier: GPL-2.0
/*
 * IOAPIC driver. Each IOAPIC has a redirection table with one 64-bit
 * entry per input pin; an entry names the vector, the destination APIC id,
 * the line's polarity and trigger mode, and a mask bit. The registers are
 * reached indirectly: write the register number to IOREGSEL, then
 * read/write IOWIN. That pair of accesses is what ioapic_lock protects.
 */
#include <asm/io_apic.h>
#include <asm/mpspec.h>
#include <asm/apic.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include <kernel.h>
#include <spinlock.h>
#include <errno.h>

#define IOREGSEL	0x00
#define IOWIN		0x10

#define IOAPIC_REG_ID	0x00
#define IOAPIC_REG_VER	0x01	/* last redirection entry: 23:16 */
#define IOAPIC_REDTBL(n) (0x10 + 2 * (n))

#define RTE_POLARITY_LOW	(1u << 13)
#define RTE_TRIGGER_LEVEL	(1u << 15)
#define RTE_MASKED		(1u << 16)

struct ioapic {
	volatile u8 *base;
	u32 gsi_base;
	unsigned int nr_pins;
};

static struct ioapic ioapics[MAX_IO_APICS];
static int nr_ioapics;
static DEFINE_SPINLOCK(ioapic_lock);

static u32 io_read(struct ioapic *io, u32 reg)
{
	*(volatile u32 *)(io->base + IOREGSEL) = reg;
	return *(volatile u32 *)(io->base + IOWIN);
}

static void io_write(struct ioapic *io, u32 reg, u32 v)
{
	*(volatile u32 *)(io->base + IOREGSEL) = reg;
	*(volatile u32 *)(io->base + IOWIN) = v;
}

static struct ioapic *gsi_to_ioapic(u32 gsi, unsigned int *pin)
{
	for (int i = 0; i < nr_ioapics; i++) {
		struct ioapic *io = &ioapics[i];

		if (gsi >= io->gsi_base && gsi < io->gsi_base + io->nr_pins) {
			*pin = gsi - io->gsi_base;
			return io;
		}
	}
	return NULL;
}

static void map_ioapic(const struct mp_ioapic *m)
{
	phys_addr_t page = m->phys & PAGE_MASK;
	struct ioapic *io = &ioapics[nr_ioapics];

	if (page < MMIO_BASE || page >= MMIO_END) {
		pr_warn("ioapic: id %u at %#x is outside the MMIO area; "
			"ignored\n", m->id, m->phys);
		return;
	}
	/* Several IOAPICs may share a page; mapping it again is harmless. */
	BUG_ON(map_page(kernel_directory, page, page, PAGE_KERNEL_NOCACHE));
	local_flush_tlb_page(page);
	io->base = (volatile u8 *)m->phys;
	io->gsi_base = m->gsi_base;
	io->nr_pins = ((io_read(io, IOAPIC_REG_VER) >> 16) & 0xFF) + 1;
	for (unsigned int pin = 0; pin < io->nr_pins; pin++) {
		io_write(io, IOAPIC_REDTBL(pin) + 1, 0);
		io_write(io, IOAPIC_REDTBL(pin), RTE_MASKED);
	}
	pr_info("ioapic: id %u at %#x, GSI %u-%u, all inputs masked\n", m->id,
		m->phys, io->gsi_base, io->gsi_base + io->nr_pins - 1);
	nr_ioapics++;
}

void ioapic_init(const struct mp_config *cfg)
{
	for (int i = 0; i < cfg->nr_ioapics; i++)
		map_ioapic(&cfg->ioapics[i]);
	if (!nr_ioapics)
		pr_warn("ioapic: none found; device interrupts unavailable\n");
}

unsigned int ioapic_nr_gsis(void)
{
	unsigned int n = 0;

	for (int i = 0; i < nr_ioapics; i++)
		n = max(n, ioapics[i].gsi_base + ioapics[i].nr_pins);
	return n;
}

int ioapic_route(u32 gsi, int vector, int cpu, u16 flags)
{
	unsigned int pin;
	struct ioapic *io = gsi_to_ioapic(gsi, &pin);
	unsigned long irqflags;
	u32 low = vector;	/* fixed delivery, physical destination */

	if (!io)
		return -EINVAL;
	if ((flags & MP_IRQPOL_MASK) == MP_IRQPOL_ACTIVE_LOW)
		low |= RTE_POLARITY_LOW;
	if ((flags & MP_IRQTRIG_MASK) == MP_IRQTRIG_LEVEL)
		low |= RTE_TRIGGER_LEVEL;
	spin_lock_irqsave(&ioapic_lock, irqflags);
	/* Destination first, so the entry is never live with a stale one. */
	io_write(io, IOAPIC_REDTBL(pin), RTE_MASKED);
	io_write(io, IOAPIC_REDTBL(pin) + 1, (u32)cpu_to_apicid[cpu] << 24);
	io_write(io, IOAPIC_REDTBL(pin), low);
	spin_unlock_irqrestore(&ioapic_lock, irqflags);
	return 0;
}

void ioapic_mask(u32 gsi)
{
	unsigned int pin;
	struct ioapic *io = gsi_to_ioapic(gsi, &pin);
	unsigned long irqflags;

	if (!io)
		return;
	spin_lock_irqsave(&ioapic_lock, irqflags);
	io_write(io, IOAPIC_REDTBL(pin),
		 io_read(io, IOAPIC_REDTBL(pin)) | RTE_MASKED);
	spin_unlock_irqrestore(&ioapic_lock, irqflags);
}
