/* SPDX-License-Identifier: GPL-2.0 */
/* Exception numbers, page-fault error bits and interrupt handler hooks. */
#ifndef _ASM_X86_TRAPS_H
#define _ASM_X86_TRAPS_H

#include <asm/ptrace.h>
#include <asm/irq_vectors.h>

enum {
	X86_TRAP_DE = 0, X86_TRAP_DB, X86_TRAP_NMI, X86_TRAP_BP, X86_TRAP_OF,
	X86_TRAP_BR, X86_TRAP_UD, X86_TRAP_NM, X86_TRAP_DF, X86_TRAP_OLD_MF,
	X86_TRAP_TS, X86_TRAP_NP, X86_TRAP_SS, X86_TRAP_GP, X86_TRAP_PF,
	X86_TRAP_SPURIOUS, X86_TRAP_MF, X86_TRAP_AC, X86_TRAP_MC,
	X86_TRAP_XF, X86_TRAP_VE, X86_TRAP_CP,
};

#define X86_PF_PROT	(1 << 0)	/* 0: not present, 1: protection */
#define X86_PF_WRITE	(1 << 1)
#define X86_PF_USER	(1 << 2)
#define X86_PF_RSVD	(1 << 3)
#define X86_PF_INSTR	(1 << 4)

typedef void (*intr_handler_t)(struct pt_regs *regs);

/* Route `vector` to `handler` (device IRQs, IPIs, the local timer). */
void set_intr_handler(int vector, intr_handler_t handler);
/* Make `vector` callable from ring 3 (int $0x80). */
void set_user_gate(int vector);

/*
 * An exception in user mode: the process layer turns it into a signal.
 * Returns true if handled (the task is signalled); false makes the
 * kernel panic with the trap report.
 */
bool user_exception(struct pt_regs *regs, int signo);

/*
 * Signals on the way out (arch/x86/kernel/signal.c): deliver one, or
 * restart the interrupted system call; and is there such a call to
 * restart even though no signal is pending any more?
 */
void arch_do_signal_or_restart(struct pt_regs *regs);
bool syscall_restart_pending(const struct pt_regs *regs);

/* Called on every return to user mode, before the iret. */
void prepare_exit_to_usermode(struct pt_regs *regs);
/* Called on every return from an interrupt to kernel mode (preemption). */
void irqentry_exit_to_kernel(struct pt_regs *regs);

#endif
