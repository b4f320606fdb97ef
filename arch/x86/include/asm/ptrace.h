/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The register frame built by the common interrupt entry
 * (arch/x86/kernel/entry.asm). Lowest address first: the order is fixed by
 * the pushes in the entry stub.
 */
#ifndef _ASM_X86_PTRACE_H
#define _ASM_X86_PTRACE_H

#include <types.h>
#include <asm/processor.h>

/*
 * For int $0x80, error_code holds the system-call number (Linux's
 * orig_ax): syscall_interrupt() stores it before eax is overwritten with
 * the result, so that an interrupted call can be restarted. -1 there
 * means "no call to restart" (sigreturn, or restart already handled).
 */
struct pt_regs {
	u32 gs, fs, es, ds;
	u32 edi, esi, ebp, esp_kernel, ebx, edx, ecx, eax;	/* pusha */
	u32 vector;
	u32 error_code;		/* or orig_eax, see above */
	u32 eip, cs, eflags;
	u32 esp, ss;		/* valid only when the trap came from ring 3 */
};

static inline unsigned long user_stack_pointer(const struct pt_regs *regs)
{
	return regs->esp;
}

static inline bool user_mode(const struct pt_regs *regs)
{
	return (regs->cs & 3) == 3;
}

/* Were interrupts off in the interrupted context? */
static inline bool regs_irqs_disabled(const struct pt_regs *regs)
{
	return !(regs->eflags & X86_EFLAGS_IF);
}

#endif
