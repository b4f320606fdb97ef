// SPDX-License-Identifier: GPL-2.0
/*
 * 16550 UART on COM1: 115200 baud, 8N1, polled output. Serial is the
 * console the test harness reads, so output never depends on interrupts.
 */
#include <console.h>
#include <asm/io.h>

#define COM1		0x3F8
#define UART_DATA	0	/* DLAB=0: rx/tx buffer */
#define UART_IER	1	/* DLAB=0: interrupt enable */
#define UART_DLL	0	/* DLAB=1: divisor low */
#define UART_DLM	1	/* DLAB=1: divisor high */
#define UART_FCR	2
#define UART_LCR	3
#define UART_MCR	4
#define UART_LSR	5
#define LSR_DATA_READY	0x01
#define LSR_THR_EMPTY	0x20
#define LCR_DLAB	0x80
#define LCR_8N1		0x03
#define MCR_DTR_RTS_OUT2 0x0B	/* OUT2 gates the IRQ line on PCs */
#define IER_RX		0x01

static bool serial_present;

void serial_init(void)
{
	outb(COM1 + UART_IER, 0);
	outb(COM1 + UART_LCR, LCR_DLAB);
	outb(COM1 + UART_DLL, 1);	/* 115200 / 1 */
	outb(COM1 + UART_DLM, 0);
	outb(COM1 + UART_LCR, LCR_8N1);
	outb(COM1 + UART_FCR, 0xC7);	/* enable and clear FIFOs */
	outb(COM1 + UART_MCR, MCR_DTR_RTS_OUT2);
	/* No UART answers 0xFF on LSR. */
	serial_present = inb(COM1 + UART_LSR) != 0xFF;
}

static void serial_putc(char c)
{
	int spins = 100000;

	while (!(inb(COM1 + UART_LSR) & LSR_THR_EMPTY) && --spins)
		;
	outb(COM1 + UART_DATA, c);
}

void serial_write(const char *s, size_t len)
{
	if (!serial_present)
		return;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n')
			serial_putc('\r');
		serial_putc(s[i]);
	}
}

int serial_getc(void)
{
	if (!serial_present || !(inb(COM1 + UART_LSR) & LSR_DATA_READY))
		return -1;
	return inb(COM1 + UART_DATA);
}

void serial_enable_rx_interrupt(void)
{
	outb(COM1 + UART_IER, IER_RX);
}
