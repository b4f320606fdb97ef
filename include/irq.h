/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Device interrupts. A driver asks for its line with request_irq(); the
 * architecture routes the line (through the IOAPIC on x86) to a vector on
 * the boot CPU and calls the handler for every interrupt, with interrupts
 * disabled, then acknowledges it.
 *
 * IRQ numbers: 0-15 are the ISA IRQs (COM1 is 4), translated through the
 * firmware's interrupt overrides (the PIT's IRQ 0 is often input 2); larger
 * numbers are global system interrupts (IOAPIC inputs) as they are.
 */
#ifndef _IRQ_H
#define _IRQ_H

#include <types.h>

typedef void (*irq_handler_t)(unsigned int irq, void *dev_id);

/*
 * Install `handler` for `irq` and unmask the line. Returns 0, -EINVAL for
 * a line no interrupt controller serves, or -EBUSY if it is taken.
 */
int request_irq(unsigned int irq, irq_handler_t handler, const char *name,
		void *dev_id);
/* Mask the line and remove its handler; when this returns, no CPU is
 * still running the handler. Must be called with interrupts enabled. */
void free_irq(unsigned int irq, void *dev_id);
/* How many interrupts `irq` has delivered to its handler. */
unsigned long irq_count(unsigned int irq);

#endif
