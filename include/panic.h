/* SPDX-License-Identifier: GPL-2.0 */
/* panic(), BUG() and WARN(): how the kernel reports its own bugs. */
#ifndef _PANIC_H
#define _PANIC_H

#include <compiler.h>

struct pt_regs;

/* Print the message, registers, CPU id and a backtrace; stop the machine. */
__printf(1, 2) __noreturn void panic(const char *fmt, ...);
/* As panic(), with the registers of a trap frame instead of the caller's. */
__printf(2, 3) __noreturn void panic_regs(struct pt_regs *regs,
					  const char *fmt, ...);

#define BUG() panic("BUG at %s:%d (%s)", __FILE__, __LINE__, __func__)
#define BUG_ON(cond)							\
	do {								\
		if (unlikely(cond))					\
			panic("BUG_ON(%s) at %s:%d (%s)", #cond,	\
			      __FILE__, __LINE__, __func__);		\
	} while (0)

void warn_slowpath(const char *file, int line, const char *fmt, ...);
#define WARN_ON(cond)							\
	({								\
		int __c = !!(cond);					\
		if (unlikely(__c))					\
			warn_slowpath(__FILE__, __LINE__, "%s", #cond);	\
		unlikely(__c);						\
	})

/* Nonzero once a panic has started on any CPU. */
extern volatile int panic_in_progress;

/* Architecture dump helpers (arch/x86/kernel/dumpstack.c). */
void show_regs(const struct pt_regs *regs);
/* Backtrace starting from a frame pointer; 0 means the caller's frame. */
void show_backtrace(unsigned long frame);
void dump_stack(void);
/* Snapshot of the caller's registers, for panics outside a trap. */
void capture_regs(struct pt_regs *regs);

/*
 * Stop every other CPU (NMI) and have each print its state. Called once by
 * the panicking CPU (arch/x86/kernel/nmi.c).
 */
void smp_send_stop(void);

#endif
