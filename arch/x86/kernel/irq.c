// SPDX-License-Identifier: GPL-2.0
/*
 * request_irq() on x86: IRQ n uses vector IRQ_TO_VECTOR(n) and is routed
 * by the IOAPIC to the boot CPU. Every device vector enters
 * handle_device_irq(), which calls the driver's handler and then sends the
 * LAPIC its end-of-interrupt.
 */
#include <irq.h>
#include <asm/io_apic.h>
#include <asm/mpspec.h>
#include <asm/apic.h>
#include <asm/traps.h>
#include <asm/irqflags.h>
#include <kernel.h>
#include <spinlock.h>
#include <smp.h>
#include <errno.h>

/* Device interrupts go to the boot CPU, which is always online. */
#define IRQ_TARGET_CPU	0

struct irq_desc {
	irq_handler_t handler;
	void *dev_id;
	const char *name;
	u32 gsi;
	unsigned long count;
};

static struct irq_desc irq_descs[NR_DEVICE_IRQS];
static DEFINE_SPINLOCK(irq_desc_lock);	/* request_irq()/free_irq() */

static void handle_device_irq(struct pt_regs *regs)
{
	unsigned int irq = regs->vector - IRQ0_VECTOR;
	struct irq_desc *d = &irq_descs[irq];
	irq_handler_t handler = READ_ONCE(d->handler);

	if (handler) {
		d->count++;	/* only the target CPU writes it */
		handler(irq, d->dev_id);
	}
	apic_eoi();
}

/* ISA IRQs may be wired to another IOAPIC input, with non-ISA flags. */
static u32 irq_to_gsi(unsigned int irq, u16 *flags)
{
	*flags = 0;
	if (irq < NR_ISA_IRQS) {
		*flags = boot_mp_config.isa_irqs[irq].flags;
		return boot_mp_config.isa_irqs[irq].gsi;
	}
	return irq;
}

static bool gsi_taken(u32 gsi)
{
	for (unsigned int i = 0; i < NR_DEVICE_IRQS; i++)
		if (irq_descs[i].handler && irq_descs[i].gsi == gsi)
			return true;
	return false;
}

int request_irq(unsigned int irq, irq_handler_t handler, const char *name,
		void *dev_id)
{
	struct irq_desc *d;
	unsigned long flags;
	u16 line_flags;
	u32 gsi;
	int ret = 0;

	if (irq >= NR_DEVICE_IRQS || !handler)
		return -EINVAL;
	d = &irq_descs[irq];
	gsi = irq_to_gsi(irq, &line_flags);
	if (gsi >= ioapic_nr_gsis())
		return -EINVAL;
	spin_lock_irqsave(&irq_desc_lock, flags);
	if (gsi_taken(gsi)) {
		ret = -EBUSY;
	} else {
		d->dev_id = dev_id;
		d->name = name;
		d->gsi = gsi;
		set_intr_handler(IRQ_TO_VECTOR(irq), handle_device_irq);
		WRITE_ONCE(d->handler, handler);
		ret = ioapic_route(gsi, IRQ_TO_VECTOR(irq), IRQ_TARGET_CPU,
				   line_flags);
		if (ret)
			WRITE_ONCE(d->handler, NULL);
	}
	spin_unlock_irqrestore(&irq_desc_lock, flags);
	if (!ret)
		pr_info("irq: IRQ %u (%s) -> GSI %u, vector %#x, CPU %d\n", irq,
			name, gsi, IRQ_TO_VECTOR(irq), IRQ_TARGET_CPU);
	return ret;
}

static void nop(void *info)
{
}

void free_irq(unsigned int irq, void *dev_id)
{
	struct irq_desc *d;
	unsigned long flags;

	BUG_ON(irq >= NR_DEVICE_IRQS);
	d = &irq_descs[irq];
	spin_lock_irqsave(&irq_desc_lock, flags);
	if (!d->handler || d->dev_id != dev_id) {
		spin_unlock_irqrestore(&irq_desc_lock, flags);
		WARN_ON(1);
		return;
	}
	ioapic_mask(d->gsi);
	WRITE_ONCE(d->handler, NULL);
	spin_unlock_irqrestore(&irq_desc_lock, flags);
	/*
	 * Handlers run with interrupts off, so once the target CPU has run
	 * a cross call, any handler it was in has returned.
	 */
	smp_call_function_single(IRQ_TARGET_CPU, nop, NULL, true);
}

unsigned long irq_count(unsigned int irq)
{
	return irq < NR_DEVICE_IRQS ? READ_ONCE(irq_descs[irq].count) : 0;
}
