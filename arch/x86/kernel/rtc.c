// SPDX-License-Identifier: GPL-2.0
/*
 * The CMOS real-time clock (MC146818 at ports 0x70/0x71): read once to
 * give CLOCK_REALTIME its starting point. Values may be BCD and 12-hour;
 * status register B says which. The read is repeated until two agree, so
 * an update in the middle is not seen.
 */
#include <time.h>
#include <kernel.h>
#include <asm/io.h>

#define CMOS_INDEX	0x70
#define CMOS_DATA	0x71
#define RTC_SECONDS	0x00
#define RTC_MINUTES	0x02
#define RTC_HOURS	0x04
#define RTC_DAY		0x07
#define RTC_MONTH	0x08
#define RTC_YEAR	0x09
#define RTC_STATUS_A	0x0A
#define RTC_STATUS_B	0x0B
#define RTC_UIP		0x80	/* update in progress */
#define RTC_24H		0x02
#define RTC_BINARY	0x04

struct rtc_time {
	unsigned int sec, min, hour, day, mon, year;
};

static u8 cmos_read(u8 reg)
{
	outb(CMOS_INDEX, reg);
	return inb(CMOS_DATA);
}

static void rtc_read_raw(struct rtc_time *t)
{
	while (cmos_read(RTC_STATUS_A) & RTC_UIP)
		;
	t->sec = cmos_read(RTC_SECONDS);
	t->min = cmos_read(RTC_MINUTES);
	t->hour = cmos_read(RTC_HOURS);
	t->day = cmos_read(RTC_DAY);
	t->mon = cmos_read(RTC_MONTH);
	t->year = cmos_read(RTC_YEAR);
}

static unsigned int bcd2bin(unsigned int v)
{
	return (v & 0x0F) + (v >> 4) * 10;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static u64 days_from_civil(int y, unsigned int m, unsigned int d)
{
	unsigned int yoe, doy, doe;
	int era;

	y -= m <= 2;
	era = y / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (u64)(era * 146097 + (int)doe - 719468);
}

u64 read_persistent_clock(void)
{
	struct rtc_time a, b;
	bool pm;
	u8 status;

	do {
		rtc_read_raw(&a);
		rtc_read_raw(&b);
	} while (a.sec != b.sec || a.min != b.min || a.hour != b.hour ||
		 a.day != b.day || a.mon != b.mon || a.year != b.year);
	status = cmos_read(RTC_STATUS_B);
	pm = a.hour & 0x80;
	a.hour &= 0x7F;
	if (!(status & RTC_BINARY)) {
		a.sec = bcd2bin(a.sec);
		a.min = bcd2bin(a.min);
		a.hour = bcd2bin(a.hour);
		a.day = bcd2bin(a.day);
		a.mon = bcd2bin(a.mon);
		a.year = bcd2bin(a.year);
	}
	if (!(status & RTC_24H))
		a.hour = a.hour % 12 + (pm ? 12 : 0);
	a.year += a.year < 70 ? 2000 : 1900;
	return days_from_civil(a.year, a.mon, a.day) * 86400ULL +
	       a.hour * 3600 + a.min * 60 + a.sec;
}
