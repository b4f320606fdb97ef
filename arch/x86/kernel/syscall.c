// SPDX-License-Identifier: GPL-2.0
/*
 * The user/kernel boundary on x86: int $0x80 system-call entry, the work
 * done on every return to user mode, and CPU exceptions raised by user
 * code, which become signals for the process instead of kernel panics.
 *
 *   ring 3  --int $0x80-->  entry.asm stub  --> x86_handle_interrupt()
 *                                                 syscall_interrupt()
 *                                                   do_syscall(regs)
 *                                                 prepare_exit_to_usermode()
 *   ring 3  <---------------------- iret ------- ret_from_interrupt
 *
 * The gate is an interrupt gate (interrupts off on entry); the handler
 * turns them on, so a system call can sleep and be preempted.
 */
#include <task.h>
#include <sched.h>
#include <signal.h>
#include <syscalls.h>
#include <mman.h>
#include <highmem.h>
#include <kernel.h>
#include <errno.h>
#include <asm/traps.h>
#include <asm/processor.h>
#include <asm/irqflags.h>
#include <asm/fpu.h>

bool fixup_user_segments(struct pt_regs *regs);

static void syscall_interrupt(struct pt_regs *regs)
{
	local_irq_enable();
	/* Linux's orig_ax: the number, for restarting after a signal. */
	regs->error_code = regs->eax;
	regs->eax = do_syscall(regs);
}

void syscall_init(void)
{
	set_intr_handler(SYSCALL_VECTOR, syscall_interrupt);
	set_user_gate(SYSCALL_VECTOR);
}

/*
 * Last stop before iret to user mode, interrupts off on return. Pending
 * work is done with interrupts on, then re-checked: a wake-up or signal
 * may arrive meanwhile.
 */
void prepare_exit_to_usermode(struct pt_regs *regs)
{
	struct task_struct *t = current;

	for (;;) {
		local_irq_disable();
		if (need_resched()) {
			local_irq_enable();
			schedule();
			continue;
		}
		if (signal_pending(t) || syscall_restart_pending(regs)) {
			local_irq_enable();
			arch_do_signal_or_restart(regs);
			continue;
		}
		if (!fixup_user_segments(regs)) {
			/* iret would fault in the kernel: the process dies. */
			local_irq_enable();
			pr_info("%s[%d]: unusable CS %#x or SS %#x at return to "
				"user mode\n", t->comm, t->pid, regs->cs & 0xFFFF,
				regs->ss & 0xFFFF);
			force_sigsegv(SIGSEGV);
			continue;
		}
		break;
	}
	kmap_local_assert_none_held("return to user");
}

/* Kernel thread function returned (ret_from_fork). */
void ret_from_kernel_thread(int ret)
{
	/* A kernel thread that exec'd a program goes to user mode now. */
	if (current->mm)
		return;
	do_exit(W_EXITED(ret));
}

static const char *const trap_names[32] = {
	[X86_TRAP_DE] = "divide error", [X86_TRAP_DB] = "debug",
	[X86_TRAP_BP] = "int3", [X86_TRAP_OF] = "overflow",
	[X86_TRAP_BR] = "bounds", [X86_TRAP_UD] = "invalid opcode",
	[X86_TRAP_NM] = "device not available",
	[X86_TRAP_TS] = "invalid TSS", [X86_TRAP_NP] = "segment not present",
	[X86_TRAP_SS] = "stack segment", [X86_TRAP_GP] = "general protection",
	[X86_TRAP_MF] = "coprocessor error", [X86_TRAP_AC] = "alignment check",
	[X86_TRAP_XF] = "simd exception",
};

/*
 * si_code and si_addr of a fault, as Linux i386 reports them: the
 * faulting address for page faults, the instruction for divide errors,
 * invalid opcodes and FPU errors, SI_KERNEL for the rest (int3, #GP...).
 */
static int fault_si_code(const struct pt_regs *regs, unsigned long cr2,
			 unsigned long *addr)
{
	*addr = regs->eip;
	switch (regs->vector) {
	case X86_TRAP_PF:
		*addr = cr2;
		return mm_addr_in_region(current->mm, cr2) ? SEGV_ACCERR
							   : SEGV_MAPERR;
	case X86_TRAP_DE:
		return FPE_INTDIV;
	case X86_TRAP_UD:
		return ILL_ILLOPN;
	case X86_TRAP_MF:
		return fpu_fault_si_code(false);
	case X86_TRAP_XF:
		return fpu_fault_si_code(true);
	case X86_TRAP_AC:
		*addr = 0;
		return BUS_ADRALN;
	default:
		*addr = 0;
		return SI_KERNEL;
	}
}

/*
 * A CPU exception in user mode (traps.c calls this with interrupts off).
 * Page faults inside a region are demand paging; anything else becomes
 * the signal Linux would send. If no handler will take it, the process
 * dies of it after a Linux-like line.
 */
bool user_exception(struct pt_regs *regs, int signo)
{
	struct task_struct *t = current;
	unsigned long addr = read_cr2();	/* before anything can fault */
	unsigned long si_addr;
	bool sigbus = false;
	int code;

	if (!t->mm)
		return false;
	local_irq_enable();
	if (regs->vector == X86_TRAP_PF) {
		bool write = regs->error_code & X86_PF_WRITE;
		/* A protection fault too: the PTE may allow the access by
		 * now (mprotect on another CPU); then it is retried. */
		int err = handle_mm_fault(t->mm, addr, write);

		/* No frame, and the OOM killer picked us (or a signal came
		 * meanwhile): die of that signal, not of a segfault. */
		if (!err || (err == -ENOMEM && signal_pending(t)))
			return true;
		/* A file page past the end of the file, or no room for
		 * it in the file system: SIGBUS, as Linux. */
		sigbus = err == -EIO || err == -ENOSPC;
	}
	if (sigbus) {
		signo = SIGBUS;
		code = BUS_ADRERR;
		si_addr = addr;
	} else {
		code = fault_si_code(regs, addr, &si_addr);
	}
	if (force_sig_fault(signo, code, si_addr))
		return true;	/* the handler runs; nothing to report */
	if (sigbus)
		pr_info("%s[%d]: bus error at %lx ip %08x sp %08x error %x\n",
			t->comm, t->pid, addr, regs->eip, regs->esp,
			regs->error_code);
	else if (regs->vector == X86_TRAP_PF)
		pr_info("%s[%d]: segfault at %lx ip %08x sp %08x error %x\n",
			t->comm, t->pid, addr, regs->eip, regs->esp,
			regs->error_code);
	else
		pr_info("traps: %s[%d] %s ip:%x sp:%x error:%x\n", t->comm,
			t->pid, trap_names[regs->vector] ?
			trap_names[regs->vector] : "trap",
			regs->eip, regs->esp, regs->error_code);
	return true;
}
