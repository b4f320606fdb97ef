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

void vga_init(void);
void vga_write(const char *s, size_t len);

#endif
