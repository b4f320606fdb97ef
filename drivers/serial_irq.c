// SPDX-License-Identifier: GPL-2.0
/*
 * COM1's interrupt: IRQ 4, routed through the IOAPIC with request_irq().
 * Output stays polled (drivers/serial.c): the console must work from any
 * context, panics included. Input is interrupt driven: each received
 * byte is handed to the handler the console input layer installs with
 * serial_set_rx_handler(), or dropped (and counted) while none is.
 *
 * `serial_irq=off` leaves the interrupt unrouted (to debug input on a
 * machine whose routing misbehaves); console input is then polled.
 *
 * The UART names its reason for interrupting in IIR; the handler serves
 * reasons until IIR says none is left, since an edge-triggered ISA line
 * would not interrupt again while one is still pending.
 */
#include <console.h>
#include <cmdline.h>
#include <irq.h>
#include <errno.h>
#include <string.h>
#include <kernel.h>
#include <asm/io.h>
#include <asm/irqflags.h>

#define COM1_IRQ	4
#define COM1		0x3F8
#define UART_IER	1
#define UART_IIR	2	/* read: interrupt identification */
#define UART_LSR	5
#define UART_MSR	6
#define IER_RX		0x01	/* received data available */
#define IER_THRI	0x02	/* transmitter holding register empty */
#define IIR_NO_INT	0x01
#define IIR_ID_MASK	0x0E
#define IIR_MSI		0x00	/* modem status: read MSR */
#define IIR_THRI	0x02	/* THR empty: cleared by reading IIR */
#define IIR_RDI		0x04	/* data available */
#define IIR_RLSI	0x06	/* line status: read LSR */
#define IIR_TIMEOUT	0x0C	/* data waiting below the FIFO level */

static void (*rx_handler)(char c);
static bool rx_irq_routed;
static bool rx_irq_disabled;
static unsigned long rx_dropped;
static volatile unsigned long tx_empty_irqs;

static void drain_rx(void)
{
	void (*fn)(char c) = READ_ONCE(rx_handler);
	int c;

	while ((c = serial_getc()) >= 0) {
		if (fn)
			fn((char)c);
		else
			rx_dropped++;
	}
}

static void com1_interrupt(unsigned int irq, void *dev_id)
{
	u8 iir;

	for (int i = 0; i < 16; i++) {
		iir = inb(COM1 + UART_IIR);
		if (iir & IIR_NO_INT)
			return;
		switch (iir & IIR_ID_MASK) {
		case IIR_RDI:
		case IIR_TIMEOUT:
			drain_rx();
			break;
		case IIR_THRI:
			/* Only raised on purpose (serial_raise_tx_interrupt). */
			outb(COM1 + UART_IER, IER_RX);
			tx_empty_irqs++;
			break;
		case IIR_RLSI:
			inb(COM1 + UART_LSR);
			break;
		default:
			inb(COM1 + UART_MSR);
			break;
		}
	}
}

static int serial_irq_setup(const char *val)
{
	if (strcmp(val, "off"))
		return -1;
	rx_irq_disabled = true;
	return 0;
}
__setup("serial_irq", serial_irq_setup);

int serial_irq_init(void)
{
	unsigned long flags;
	int ret;

	if (rx_irq_disabled) {
		pr_info("serial: serial_irq=off: input is polled only\n");
		return -ENODEV;
	}
	ret = request_irq(COM1_IRQ, com1_interrupt, "COM1", NULL);
	if (ret) {
		pr_warn("serial: cannot route COM1's IRQ %d (%d); input is "
			"polled only\n", COM1_IRQ, ret);
		return ret;
	}
	serial_enable_rx_interrupt();
	/* Bytes that arrived before the IRQ was routed raised no edge. The
	 * handler runs on the boot CPU with interrupts off: do the same. */
	local_irq_save(flags);
	drain_rx();
	local_irq_restore(flags);
	WRITE_ONCE(rx_irq_routed, true);
	return 0;
}

bool serial_rx_irq_routed(void)
{
	return READ_ONCE(rx_irq_routed);
}

void serial_set_rx_handler(void (*fn)(char c))
{
	WRITE_ONCE(rx_handler, fn);
}

void serial_raise_tx_interrupt(void)
{
	/* Enabling THRI while the THR is empty interrupts at once. */
	outb(COM1 + UART_IER, IER_RX | IER_THRI);
}

unsigned long serial_tx_interrupts(void)
{
	return tx_empty_irqs;
}
