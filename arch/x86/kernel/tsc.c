// SPDX-License-Identifier: GPL-2.0
/*
 * Time stamp counter: calibrated once against the PIT, then the source of
 * ktime_get_ns(), udelay() and benchmark cycle counts.
 */
#include <time.h>
#include <pit.h>
#include <kernel.h>
#include <asm/processor.h>
#include <asm/irqflags.h>

#define CALIBRATE_US	20000	/* 20 ms window */

u32 tsc_khz;
static u64 tsc_boot;

void tsc_init(void)
{
	unsigned long flags;
	u64 t0, t1;

	local_irq_save(flags);
	pit_start_oneshot(CALIBRATE_US);
	t0 = rdtsc();
	while (!pit_expired())
		;
	t1 = rdtsc();
	local_irq_restore(flags);

	tsc_khz = (u32)((t1 - t0) * 1000 / CALIBRATE_US);
	if (!tsc_khz)
		tsc_khz = 1;
	tsc_boot = t0;
	pr_info("tsc: %u.%03u MHz (calibrated against the PIT)\n",
		tsc_khz / 1000, tsc_khz % 1000);
}

u64 get_cycles(void)
{
	return rdtsc();
}

u64 ktime_get_ns(void)
{
	u64 delta;

	if (!tsc_khz)
		return 0;
	delta = rdtsc() - tsc_boot;
	/* Split to avoid overflowing 64 bits for long uptimes. */
	return delta / tsc_khz * 1000000ULL +
	       (delta % tsc_khz) * 1000000ULL / tsc_khz;
}

void udelay(u32 us)
{
	u64 end;

	if (!tsc_khz) {
		while (us > 50000) {
			pit_delay_us(50000);
			us -= 50000;
		}
		pit_delay_us(us);
		return;
	}
	end = rdtsc() + (u64)us * tsc_khz / 1000;
	while (rdtsc() < end)
		cpu_relax();
}

void mdelay(u32 ms)
{
	while (ms--)
		udelay(1000);
}
