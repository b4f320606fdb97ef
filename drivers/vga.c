// SPDX-License-Identifier: GPL-2.0
/*
 * VGA text mode console: 80x25 cells at physical 0xB8000, reached through
 * the direct map. Scrolls when full; the hardware cursor is not moved.
 */
#include <console.h>
#include <memlayout.h>
#include <string.h>

#define VGA_COLS	80
#define VGA_ROWS	25
#define VGA_ATTR	0x0700	/* light grey on black */

static u16 *const vga_buf = (u16 *)__va(0xB8000);
static int vga_row, vga_col;

void vga_init(void)
{
	for (int i = 0; i < VGA_COLS * VGA_ROWS; i++)
		vga_buf[i] = VGA_ATTR | ' ';
	vga_row = vga_col = 0;
}

static void vga_scroll(void)
{
	memmove(vga_buf, vga_buf + VGA_COLS,
		(VGA_ROWS - 1) * VGA_COLS * sizeof(u16));
	for (int i = 0; i < VGA_COLS; i++)
		vga_buf[(VGA_ROWS - 1) * VGA_COLS + i] = VGA_ATTR | ' ';
	vga_row = VGA_ROWS - 1;
}

static void vga_putc(char c)
{
	if (c == '\n') {
		vga_col = 0;
		vga_row++;
	} else if (c == '\r') {
		vga_col = 0;
	} else {
		vga_buf[vga_row * VGA_COLS + vga_col] = VGA_ATTR | (u8)c;
		if (++vga_col == VGA_COLS) {
			vga_col = 0;
			vga_row++;
		}
	}
	if (vga_row == VGA_ROWS)
		vga_scroll();
}

void vga_write(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		vga_putc(s[i]);
}
