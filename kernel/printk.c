// SPDX-License-Identifier: GPL-2.0
/*
 * printk: formats a message, prefixes it with the time since boot, and
 * writes it to every console (serial and VGA) under console_lock, so lines
 * from different CPUs never interleave.
 *
 * Levels: a message without KERN_<LEVEL> has LOGLEVEL_DEFAULT; it is shown
 * if its level is below console_loglevel (the `loglevel=` parameter).
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

int vprintk(const char *fmt, va_list ap)
{
	static char buf[1024];	/* protected by console_lock */
	char stamp[24];
	int level = parse_level(&fmt);
	bool locked;
	unsigned long flags;
	int n;

	if (level >= console_loglevel)
		return 0;
	flags = console_lock_irqsave(&locked);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	n = min(n, (int)sizeof(buf) - 1);
	if (level >= 0 || !line_open) {
		u64 ns = ktime_get_ns();

		if (line_open)
			emit("\n", 1);
		snprintf(stamp, sizeof(stamp), "[%5u.%06u] ",
			 (u32)(ns / 1000000000ULL),
			 (u32)(ns % 1000000000ULL / 1000));
		emit(stamp, strlen(stamp));
	}
	emit(buf, n);
	line_open = n > 0 && buf[n - 1] != '\n';
	console_unlock_irqrestore(flags, locked);
	return n;
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
