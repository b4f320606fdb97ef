/* SPDX-License-Identifier: GPL-2.0 */
/* Console devices: the 16550 UART (COM1) and the VGA text screen. */
#ifndef _CONSOLE_H
#define _CONSOLE_H

#include <types.h>

void serial_init(void);
void serial_write(const char *s, size_t len);
/* Next received byte, or -1 if none is waiting. */
int serial_getc(void);
/* Ask the UART to interrupt on received data (IRQ 4 once routed). */
void serial_enable_rx_interrupt(void);
/*
 * drivers/serial_irq.c: route COM1's IRQ 4 (request_irq) and enable the
 * receive interrupt; each received byte goes to the handler set with
 * serial_set_rx_handler() (called with interrupts off), or is dropped
 * while none is set. 0 or a negative errno.
 */
int serial_irq_init(void);
/* Does the receive interrupt deliver input (else someone must poll)? */
bool serial_rx_irq_routed(void);
void serial_set_rx_handler(void (*fn)(char c));
/* For tests: make the UART raise one transmitter-empty interrupt, and
 * count how many it has raised. */
void serial_raise_tx_interrupt(void);
unsigned long serial_tx_interrupts(void);

void vga_init(void);
void vga_write(const char *s, size_t len);

#endif
