// SPDX-License-Identifier: GPL-2.0
/*
 * syslog(2) (glibc's klogctl): reading and clearing the kernel log that
 * printk keeps (kernel/printk.c), and setting the console's log level.
 * busybox dmesg calls SIZE_BUFFER then READ_ALL; klogd calls READ, which
 * waits for new messages.
 *
 * Two positions into the log: syslog_pos, where READ carries on (shared
 * by all readers, as Linux's), and clear_pos, where READ_ALL starts after
 * a CLEAR.
 */
#include <printk.h>
#include <sched.h>
#include <task.h>
#include <spinlock.h>
#include <uaccess.h>
#include <syscalls.h>
#include <kernel.h>
#include <errno.h>

enum {
	SYSLOG_ACTION_CLOSE, SYSLOG_ACTION_OPEN, SYSLOG_ACTION_READ,
	SYSLOG_ACTION_READ_ALL, SYSLOG_ACTION_READ_CLEAR, SYSLOG_ACTION_CLEAR,
	SYSLOG_ACTION_CONSOLE_OFF, SYSLOG_ACTION_CONSOLE_ON,
	SYSLOG_ACTION_CONSOLE_LEVEL, SYSLOG_ACTION_SIZE_UNREAD,
	SYSLOG_ACTION_SIZE_BUFFER,
};

#define CONSOLE_LOGLEVEL_MIN	1	/* emergencies always shown */
#define CONSOLE_LOGLEVEL_DEFAULT 7

static DEFINE_SPINLOCK(syslog_lock);
static u64 syslog_pos;		/* next byte for SYSLOG_ACTION_READ */
static u64 clear_pos;		/* READ_ALL starts here */
static int saved_console_loglevel = -1;	/* CONSOLE_OFF..CONSOLE_ON */

/* 64-bit positions: read and written under syslog_lock (no torn loads). */
static u64 get_pos(const u64 *p)
{
	unsigned long flags;
	u64 v;

	spin_lock_irqsave(&syslog_lock, flags);
	v = *p;
	spin_unlock_irqrestore(&syslog_lock, flags);
	return v;
}

/* Move *p forward to v (another reader may have gone further). */
static void advance_pos(u64 *p, u64 v)
{
	unsigned long flags;

	spin_lock_irqsave(&syslog_lock, flags);
	if (v > *p)
		*p = v;
	spin_unlock_irqrestore(&syslog_lock, flags);
}

/* Copy log bytes from *pos to the user, a small piece at a time. */
static long copy_log_to_user(u64 *pos, char __user *buf, size_t len)
{
	char piece[256];
	size_t done = 0;

	while (done < len) {
		size_t n = log_copy(pos, piece, min(len - done, sizeof(piece)));

		if (!n)
			break;
		if (copy_to_user(buf + done, piece, n))
			return -EFAULT;
		done += n;
	}
	return done;
}

/* Wait for bytes past syslog_pos, then take up to len of them. */
static long syslog_read(char __user *buf, size_t len)
{
	u64 pos;
	long n;

	while (log_end() <= get_pos(&syslog_pos)) {
		if (signal_pending(current))
			return -ERESTARTSYS;
		/* printk may run under any lock, so it wakes nobody: poll. */
		schedule_timeout_interruptible(TICK_NSEC);
	}
	pos = get_pos(&syslog_pos);
	n = copy_log_to_user(&pos, buf, len);
	if (n > 0)
		advance_pos(&syslog_pos, pos);
	return n;
}

/* Bytes READ would return now: no more than the ring still holds. */
static long syslog_unread(void)
{
	u64 end = log_end(), pos = get_pos(&syslog_pos);

	if (end - pos > LOG_BUF_LEN)
		return LOG_BUF_LEN;
	return end - pos;
}

/* If start cuts a line, the position after that line's '\n'. */
static u64 skip_partial_line(u64 start, u64 end)
{
	u64 pos = start - 1;
	char c;

	if (!start || log_copy(&pos, &c, 1) != 1 || c == '\n')
		return start;
	while (pos < end && log_copy(&pos, &c, 1) == 1)
		if (c == '\n')
			return pos;
	return end;
}

/*
 * The newest len bytes after clear_pos, from the start of a line: a line
 * cut at the front is dropped, as Linux drops whole records.
 */
static long syslog_read_all(char __user *buf, size_t len, bool clear)
{
	u64 end = log_end(), start = get_pos(&clear_pos);
	long n;

	if (end - start > len)
		start = skip_partial_line(end - len, end);
	n = copy_log_to_user(&start, buf, end - start);
	if (n >= 0 && clear)
		advance_pos(&clear_pos, end);
	return n;
}

static long set_console_level(int level)
{
	if (level < 1 || level > 8)
		return -EINVAL;
	console_loglevel = level;
	saved_console_loglevel = -1;
	return 0;
}

SYSCALL_DEFINE3(syslog, int, type, char __user *, buf, int, len)
{
	switch (type) {
	case SYSLOG_ACTION_CLOSE:
	case SYSLOG_ACTION_OPEN:
		return 0;
	case SYSLOG_ACTION_READ:
	case SYSLOG_ACTION_READ_ALL:
	case SYSLOG_ACTION_READ_CLEAR:
		if (!buf || len < 0)
			return -EINVAL;
		if (!len)
			return 0;
		if (!access_ok(buf, len))
			return -EFAULT;
		len = min(len, LOG_BUF_LEN);
		if (type == SYSLOG_ACTION_READ)
			return syslog_read(buf, len);
		return syslog_read_all(buf, len,
				       type == SYSLOG_ACTION_READ_CLEAR);
	case SYSLOG_ACTION_CLEAR:
		advance_pos(&clear_pos, log_end());
		return 0;
	case SYSLOG_ACTION_CONSOLE_OFF:
		if (saved_console_loglevel < 0)
			saved_console_loglevel = console_loglevel;
		console_loglevel = CONSOLE_LOGLEVEL_MIN;
		return 0;
	case SYSLOG_ACTION_CONSOLE_ON:
		if (saved_console_loglevel >= 0) {
			console_loglevel = saved_console_loglevel;
			saved_console_loglevel = -1;
		}
		return 0;
	case SYSLOG_ACTION_CONSOLE_LEVEL:
		return set_console_level(len);
	case SYSLOG_ACTION_SIZE_UNREAD:
		return syslog_unread();
	case SYSLOG_ACTION_SIZE_BUFFER:
		return LOG_BUF_LEN;
	default:
		return -EINVAL;
	}
}
