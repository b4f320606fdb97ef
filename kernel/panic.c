// SPDX-License-Identifier: GPL-2.0
/*
 * panic(): the kernel found a bug in itself. Print the message, the CPU,
 * the registers and a backtrace, stop the other CPUs, and halt (or, in test
 * mode, make QEMU exit with a failure status so the harness sees it).
 *
 * In-kernel tests that check a debug assertion fires arm a catcher first
 * (ktest_expect_panic); a caught panic returns to the test instead.
 */
#include <kernel.h>
#include <ktest.h>
#include <reboot.h>
#include <string.h>
#include <smp.h>
#include <asm/irqflags.h>
#include <asm/ptrace.h>

volatile int panic_in_progress;

static __noreturn void panic_common(struct pt_regs *regs, const char *fmt,
				    va_list ap)
{
	static char msg[256];
	struct pt_regs here;
	char buf[256];
	int first;

	vsnprintf(buf, sizeof(buf), fmt, ap);
	ktest_catch_panic(buf);		/* returns only if no catcher */

	local_irq_disable();
	first = !__atomic_exchange_n(&panic_in_progress, 1, __ATOMIC_SEQ_CST);
	if (!first) {
		/* Another CPU is already reporting; just stop here. */
		machine_halt();
	}
	memcpy(msg, buf, sizeof(msg));
	printk(KERN_EMERG "Kernel panic on CPU %d: %s\n", smp_processor_id(),
	       msg);
	if (!regs) {
		regs = &here;
		capture_regs(regs);
	}
	show_regs(regs);
	smp_send_stop();
	printk(KERN_EMERG "---[ end Kernel panic: %s ]---\n", msg);
	if (ktest_mode)
		qemu_exit(QEMU_EXIT_FAILURE);
	machine_halt();
}

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	panic_common(NULL, fmt, ap);
}

void panic_regs(struct pt_regs *regs, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	panic_common(regs, fmt, ap);
}

void warn_slowpath(const char *file, int line, const char *fmt, ...)
{
	char buf[128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printk(KERN_WARNING "WARNING: CPU %d at %s:%d: %s\n",
	       smp_processor_id(), file, line, buf);
	dump_stack();
}
