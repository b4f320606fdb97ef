// SPDX-License-Identifier: GPL-2.0
/*
 * syslog: the kernel log through klogctl(), as busybox dmesg reads it.
 * Every printk line is kept as "<level>[seconds.micros] text"; the boot
 * banner is in it whether or not the console showed it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>

#include "ktap.h"
#include "util.h"

#define SYSLOG_ACTION_READ		2
#define SYSLOG_ACTION_READ_ALL		3
#define SYSLOG_ACTION_CLEAR		5
#define SYSLOG_ACTION_CONSOLE_LEVEL	8
#define SYSLOG_ACTION_SIZE_UNREAD	9
#define SYSLOG_ACTION_SIZE_BUFFER	10

static char buf[1 << 17];

static void buffer_size(void)
{
	int size = klogctl(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0);

	ktap_diag("log buffer %d bytes", size);
	KT_EXPECT_GT(size, 0);
	if (!on_linux())
		KT_EXPECT_EQ(size, 65536);
}

/* Lines of "<digit>[": the format Linux's READ_ALL returns. */
static void read_all_format(void)
{
	int n = klogctl(SYSLOG_ACTION_READ_ALL, buf, sizeof(buf) - 1);

	KT_ASSERT(n > 0);
	buf[n] = '\0';
	KT_EXPECT(buf[0] == '<' && buf[1] >= '0' && buf[1] <= '7' &&
		  buf[2] == '>');
	KT_EXPECT_EQ(buf[n - 1], '\n');
	if (on_linux())
		return;
	KT_EXPECT(buf[3] == '[');
	KT_EXPECT(strstr(buf, "kmapos") != NULL);
	/* A small buffer gets the newest whole lines only. */
	n = klogctl(SYSLOG_ACTION_READ_ALL, buf, 200);
	KT_ASSERT(n > 0);
	KT_EXPECT_LE(n, 200);
	KT_EXPECT(buf[0] == '<');
	KT_EXPECT_EQ(buf[n - 1], '\n');
}

static void bad_arguments(void)
{
	errno = 0;
	KT_EXPECT_EQ(klogctl(SYSLOG_ACTION_READ_ALL, NULL, 10), -1);
	KT_EXPECT_EQ(errno, EINVAL);
	errno = 0;
	KT_EXPECT_EQ(klogctl(SYSLOG_ACTION_READ_ALL, buf, -1), -1);
	KT_EXPECT_EQ(errno, EINVAL);
	if (!on_linux()) {	/* the host here answers 0 (nothing copied) */
		errno = 0;
		KT_EXPECT_EQ(klogctl(SYSLOG_ACTION_READ_ALL, (char *)8, 100),
			     -1);
		KT_EXPECT_EQ(errno, EFAULT);
	}
	errno = 0;
	KT_EXPECT_EQ(klogctl(SYSLOG_ACTION_CONSOLE_LEVEL, NULL, 9), -1);
	KT_EXPECT_EQ(errno, EINVAL);
	errno = 0;
	KT_EXPECT_EQ(klogctl(99, buf, 10), -1);
	KT_EXPECT_EQ(errno, EINVAL);
	KT_EXPECT_EQ(klogctl(SYSLOG_ACTION_READ_ALL, buf, 0), 0);
}

/* READ takes unread bytes (waiting only when there are none). */
static void read_unread(void)
{
	int unread = klogctl(SYSLOG_ACTION_SIZE_UNREAD, NULL, 0);
	int n;

	KT_ASSERT(unread >= 0);
	if (!unread || on_linux()) {
		ktap_skip("nothing unread to take without waiting");
		return;
	}
	n = klogctl(SYSLOG_ACTION_READ, buf, 100);
	KT_EXPECT_GT(n, 0);
	KT_EXPECT_LE(n, 100);
	KT_EXPECT_EQ(klogctl(SYSLOG_ACTION_SIZE_UNREAD, NULL, 0), unread - n);
}

/* After CLEAR, READ_ALL no longer returns the boot messages. */
static void clear_hides_old_lines(void)
{
	int n;

	if (on_linux()) {
		ktap_skip("Linux host: would clear the host's log");
		return;
	}
	KT_ASSERT_EQ(klogctl(SYSLOG_ACTION_CLEAR, NULL, 0), 0);
	n = klogctl(SYSLOG_ACTION_READ_ALL, buf, sizeof(buf) - 1);
	KT_ASSERT(n >= 0);
	buf[n] = '\0';
	KT_EXPECT(strstr(buf, "booting") == NULL);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(buffer_size),
	KTAP_CASE(read_all_format),
	KTAP_CASE(bad_arguments),
	KTAP_CASE(read_unread),
	KTAP_CASE(clear_hides_old_lines),
	{ 0 }
};

int main(void)
{
	return ktap_main("syslog", cases);
}
