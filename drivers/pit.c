// SPDX-License-Identifier: GPL-2.0
/*
 * 8254 PIT, channel 2. Its gate and output are wired to port 0x61, so it
 * can count down without an interrupt: the kernel uses it as a reference
 * clock to calibrate the TSC and the local APIC timer.
 */
#include <pit.h>
#include <kernel.h>
#include <asm/io.h>

#define PIT_CH2		0x42
#define PIT_CMD		0x43
#define PORT_B		0x61
#define PORT_B_GATE2	0x01
#define PORT_B_SPEAKER	0x02
#define PORT_B_OUT2	0x20

void pit_start_oneshot(u32 us)
{
	u32 ticks = (u32)((u64)PIT_HZ * us / 1000000);
	u8 b;

	if (ticks > 0xFFFF)
		ticks = 0xFFFF;
	/* Gate high, speaker off. */
	b = inb(PORT_B);
	outb(PORT_B, (b & ~PORT_B_SPEAKER) & ~PORT_B_GATE2);
	outb(PIT_CMD, 0xB0);	/* channel 2, lo/hi, mode 0, binary */
	outb(PIT_CH2, ticks & 0xFF);
	outb(PIT_CH2, ticks >> 8);
	/* A rising gate edge starts the count. */
	outb(PORT_B, (b & ~PORT_B_SPEAKER) | PORT_B_GATE2);
}

bool pit_expired(void)
{
	return inb(PORT_B) & PORT_B_OUT2;
}

void pit_delay_us(u32 us)
{
	pit_start_oneshot(us);
	while (!pit_expired())
		;
}
