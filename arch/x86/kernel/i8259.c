// SPDX-License-Identifier: GPL-2.0
/*
 * The legacy 8259A PIC pair. The kernel routes interrupts through the
 * IOAPIC and local APICs; the PICs are only remapped (so a stray IRQ does
 * not land on an exception vector) and masked.
 */
#include <asm/io.h>
#include <asm/irq_vectors.h>
#include <asm/i8259.h>

#define PIC1_CMD	0x20
#define PIC1_DATA	0x21
#define PIC2_CMD	0xA0
#define PIC2_DATA	0xA1

void pic_disable(void)
{
	outb(PIC1_CMD, 0x11);		/* ICW1: init, expect ICW4 */
	outb(PIC2_CMD, 0x11);
	outb(PIC1_DATA, IRQ0_VECTOR);	/* ICW2: vector offsets */
	outb(PIC2_DATA, IRQ0_VECTOR + 8);
	outb(PIC1_DATA, 4);		/* ICW3: slave on IRQ2 */
	outb(PIC2_DATA, 2);
	outb(PIC1_DATA, 1);		/* ICW4: 8086 mode */
	outb(PIC2_DATA, 1);
	outb(PIC1_DATA, 0xFF);		/* mask everything */
	outb(PIC2_DATA, 0xFF);
}
