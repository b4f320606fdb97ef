// SPDX-License-Identifier: GPL-2.0
/*
 * printk: formats a message, prefixes it with the time since boot, and
 * writes it to every console (serial and VGA) under console_lock, so lines
 * from different CPUs never interleave.
 *
 * Levels: a message without KERN_<LEVEL> has LOGLEVEL_DEFAULT; it is shown
 * if its level is below console_loglevel (the `loglevel=` parameter).
 *
 * Every message, shown or not, also goes into the kernel log: a 64 KiB
 * ring of text that syslog(2) reads (kernel/syslog.c, busybox dmesg).
 * Each line is stored as "<level>[seconds.micros] text\n", the format
 * Linux's SYSLOG_ACTION_READ_ALL returns; when the ring is full the
 * oldest bytes are overwritten.
 *
 *   log_buf:  | ... oldest kept ... | newest |  (index = position % size)
 *   position: 0 ......... log_next - LOG_BUF_LEN ......... log_next
 */
#include <kernel.h>
#include <console.h>
#include <spinlock.h>
#include <string.h>
#include <time.h>
#include <cmdline.h>

int console_loglevel = 7;	/* show everything but KERN_DEBUG */
static DEFINE_SPINLOCK(console_lock);
static bool line_open;		/* last message did not end in '\n' */
static bool line_shown;		/* ... and went to the console */

static char log_buf[LOG_BUF_LEN];	/* console_lock */
static u64 log_next;			/* bytes ever stored */

/*
 * Take the console lock. During a panic another CPU may have died holding
 * it: give up waiting after a while rather than lose the panic report.
 */
static unsigned long console_lock_irqsave(bool *locked)
{
	unsigned long flags;

	local_irq_save(flags);
	preempt_disable();
	*locked = true;
	if (!panic_in_progress) {
		arch_spin_lock(&console_lock, _THIS_IP_);
		return flags;
	}
	for (int i = 0; i < 1000000; i++) {
		if (arch_spin_trylock(&console_lock, _THIS_IP_))
			return flags;
		cpu_relax();
	}
	*locked = false;
	return flags;
}

static void console_unlock_irqrestore(unsigned long flags, bool locked)
{
	if (locked)
		arch_spin_unlock(&console_lock);
	local_irq_restore(flags);
	preempt_enable_no_resched();
}

static void emit(const char *s, size_t len)
{
	serial_write(s, len);
	vga_write(s, len);
}

void console_write(const char *s, size_t len)
{
	bool locked;
	unsigned long flags = console_lock_irqsave(&locked);

	emit(s, len);
	console_unlock_irqrestore(flags, locked);
}

/* console_lock held. */
static void log_store(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		log_buf[(log_next + i) % LOG_BUF_LEN] = s[i];
	log_next += len;
}

u64 log_end(void)
{
	bool locked;
	unsigned long flags = console_lock_irqsave(&locked);
	u64 end = log_next;

	console_unlock_irqrestore(flags, locked);
	return end;
}

size_t log_copy(u64 *pos, char *dst, size_t len)
{
	bool locked;
	unsigned long flags = console_lock_irqsave(&locked);
	u64 oldest = log_next > LOG_BUF_LEN ? log_next - LOG_BUF_LEN : 0;
	size_t n;

	if (*pos < oldest)
		*pos = oldest;		/* overwritten meanwhile */
	n = min((u64)len, log_next - *pos);
	for (size_t i = 0; i < n; i++)
		dst[i] = log_buf[(*pos + i) % LOG_BUF_LEN];
	*pos += n;
	console_unlock_irqrestore(flags, locked);
	return n;
}

/* Strip a KERN_<LEVEL> prefix; returns the level or -1 for KERN_CONT. */
static int parse_level(const char **fmt)
{
	const char *f = *fmt;

	if (f[0] != KERN_SOH[0] || !f[1])
		return LOGLEVEL_DEFAULT;
	*fmt = f + 2;
	if (f[1] == 'c')
		return -1;
	if (f[1] >= '0' && f[1] <= '7')
		return f[1] - '0';
	return LOGLEVEL_DEFAULT;
}

/* Start a line: end an open one, then "[time] " (and "<level>" in the log). */
static void start_line(int level, bool shown)
{
	char stamp[24], tag[4] = { '<', '0' + level, '>', 0 };
	u64 ns = ktime_get_ns();

	if (line_open) {
		if (line_shown)
			emit("\n", 1);
		log_store("\n", 1);
	}
	snprintf(stamp, sizeof(stamp), "[%5u.%06u] ",
		 (u32)(ns / 1000000000ULL), (u32)(ns % 1000000000ULL / 1000));
	if (shown)
		emit(stamp, strlen(stamp));
	log_store(tag, 3);
	log_store(stamp, strlen(stamp));
	line_shown = shown;
}

int vprintk(const char *fmt, va_list ap)
{
	static char buf[1024];	/* protected by console_lock */
	int level = parse_level(&fmt);
	bool locked, shown;
	unsigned long flags;
	int n;

	flags = console_lock_irqsave(&locked);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	n = min(n, (int)sizeof(buf) - 1);
	if (level >= 0 || !line_open) {
		if (level < 0)
			level = LOGLEVEL_DEFAULT;
		shown = level < console_loglevel;
		start_line(level, shown);
	} else {
		shown = line_shown;	/* KERN_CONT: as the line it continues */
	}
	if (shown)
		emit(buf, n);
	log_store(buf, n);
	line_open = n > 0 && buf[n - 1] != '\n';
	console_unlock_irqrestore(flags, locked);
	return shown ? n : 0;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

static int __init_param loglevel_setup(const char *val)
{
	int level;

	if (kstrtoint(val, &level) || level < 0 || level > 8)
		return -1;
	console_loglevel = level;
	return 0;
}
__setup("loglevel", loglevel_setup);

static int __init_param quiet_setup(const char *val)
{
	console_loglevel = 5;	/* errors and warnings only */
	return 0;
}
__setup("quiet", quiet_setup);
