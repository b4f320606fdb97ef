// SPDX-License-Identifier: GPL-2.0
/*
 * Signal delivery on x86, the Linux i386 way (Documentation/signals.md):
 * the handler's stack frame (rt_sigframe for SA_SIGINFO, the old
 * sigframe otherwise), sigreturn/rt_sigreturn, and what happens to a
 * system call a signal interrupted (-EINTR or a restart: eip back over
 * the two-byte `int $0x80`, eax = the call number again).
 *
 * Every byte of a frame goes through copy_to_user/copy_from_user: a bad
 * user stack is a SIGSEGV for the process, never a kernel fault. What
 * sigreturn takes from user memory is checked before it reaches the
 * saved registers: only the arithmetic/direction/trap flags of EFLAGS
 * (never IOPL, VM, NT, IF), and only the user code and stack segments.
 */
#include <signal.h>
#include <task.h>
#include <syscalls.h>
#include <uaccess.h>
#include <kernel.h>
#include <string.h>
#include <errno.h>
#include <asm/ptrace.h>
#include <asm/processor.h>
#include <asm/segment.h>
#include <asm/traps.h>
#include <asm/fpu.h>

/* The EFLAGS bits user space may set through sigreturn (Linux's). */
#define FIX_EFLAGS							\
	(X86_EFLAGS_AC | X86_EFLAGS_OF | X86_EFLAGS_DF | X86_EFLAGS_TF |	\
	 X86_EFLAGS_SF | X86_EFLAGS_ZF | X86_EFLAGS_AF | X86_EFLAGS_PF |	\
	 X86_EFLAGS_CF | X86_EFLAGS_RF)

/* struct sigcontext, i386 (88 bytes). */
struct sigcontext_32 {
	u16 gs, __gsh, fs, __fsh, es, __esh, ds, __dsh;
	u32 edi, esi, ebp, esp, ebx, edx, ecx, eax;
	u32 trapno, err, eip;
	u16 cs, __csh;
	u32 eflags, esp_at_signal;
	u16 ss, __ssh;
	u32 fpstate;		/* user address of the FPU area */
	u32 oldmask, cr2;
};

struct stack_32 {
	u32 ss_sp;
	s32 ss_flags;
	u32 ss_size;
};

/* struct ucontext as the kernel writes it: sigset_t of 8 bytes. */
struct ucontext_32 {
	u32 uc_flags;
	u32 uc_link;
	struct stack_32 uc_stack;
	struct sigcontext_32 uc_mcontext;
	u32 uc_sigmask[2];
};

/* siginfo_t: 128 bytes; the union starts at offset 12. */
struct siginfo_32 {
	s32 si_signo, si_errno, si_code;
	u32 fields[29];
};

struct rt_sigframe {
	u32 pretcode;		/* the handler returns here: sa_restorer */
	s32 sig;		/* the handler's three arguments */
	u32 pinfo;
	u32 puc;
	struct siginfo_32 info;
	struct ucontext_32 uc;
	u8 retcode[8];		/* used if there is no SA_RESTORER */
};

struct sigframe {
	u32 pretcode;
	s32 sig;
	struct sigcontext_32 sc;
	u8 fpstate_unused[624];	/* keeps extramask where Linux has it */
	u32 extramask[1];
	u8 retcode[8];
};

_Static_assert(sizeof(struct sigcontext_32) == 88, "i386 sigcontext");
_Static_assert(sizeof(struct ucontext_32) == 116, "i386 ucontext");
_Static_assert(sizeof(struct siginfo_32) == 128, "i386 siginfo_t");
_Static_assert(sizeof(struct rt_sigframe) == 268, "i386 rt_sigframe");
_Static_assert(sizeof(struct sigframe) == 732, "i386 sigframe");

/* movl $__NR_rt_sigreturn, %eax; int $0x80 */
static const u8 rt_retcode[8] = { 0xb8, __NR_rt_sigreturn, 0, 0, 0,
				  0xcd, 0x80, 0 };
/* popl %eax; movl $__NR_sigreturn, %eax; int $0x80 */
static const u8 old_retcode[8] = { 0x58, 0xb8, __NR_sigreturn, 0, 0, 0,
				   0xcd, 0x80 };

/* The call number saved at entry, or -1 if there is nothing to restart. */
static long syscall_nr(const struct pt_regs *regs)
{
	return regs->vector == SYSCALL_VECTOR ? (long)regs->error_code : -1;
}

static void forget_syscall(struct pt_regs *regs)
{
	if (regs->vector == SYSCALL_VECTOR)
		regs->error_code = (u32)-1;
}

static bool is_restart_code(long ret)
{
	return ret == -ERESTARTSYS || ret == -ERESTARTNOINTR ||
	       ret == -ERESTARTNOHAND || ret == -ERESTART_RESTARTBLOCK;
}

bool syscall_restart_pending(const struct pt_regs *regs)
{
	return syscall_nr(regs) >= 0 && is_restart_code((long)regs->eax);
}

/* Go back over `int $0x80` so the call is made again. */
static void restart_syscall_insn(struct pt_regs *regs, u32 nr)
{
	regs->eax = nr;
	regs->eip -= 2;
}

/*
 * Where the frame goes: below the interrupted stack (or at the top of
 * the alternate stack), the FPU area first, then the frame, aligned so
 * that the handler sees ((esp + 4) & 15) == 0 at entry, as the i386 ABI
 * promises a function. 0 if the alternate stack would overflow.
 */
static unsigned long get_sigframe(const struct ksignal *ksig,
				  const struct pt_regs *regs,
				  size_t frame_size, unsigned long *fpstate)
{
	unsigned long sp = sigsp(regs->esp, ksig);
	bool onstack = on_sig_stack(sp);

	sp = fpu_sigframe_alloc(sp, fpstate);
	sp -= frame_size;
	sp = ((sp + 4) & ~15UL) - 4;
	if (onstack && !on_sig_stack(sp))
		return 0;
	return sp;
}

static void fill_sigcontext(struct sigcontext_32 *sc,
			    const struct pt_regs *regs, unsigned long fpstate,
			    sigset_t mask, const struct ksignal *ksig)
{
	/*
	 * cr2 is the fault address only for the signal the fault raised
	 * (si_code > 0: sent by the kernel); another signal delivered on
	 * the way out of a handled fault carries a pid in fields[0].
	 */
	bool pf = regs->vector == X86_TRAP_PF &&
		  (ksig->sig == SIGSEGV || ksig->sig == SIGBUS) &&
		  ksig->info.code > 0;

	*sc = (struct sigcontext_32){
		.gs = regs->gs, .fs = regs->fs, .es = regs->es, .ds = regs->ds,
		.edi = regs->edi, .esi = regs->esi, .ebp = regs->ebp,
		.esp = regs->esp, .ebx = regs->ebx, .edx = regs->edx,
		.ecx = regs->ecx, .eax = regs->eax,
		.trapno = regs->vector,
		.err = regs->vector == SYSCALL_VECTOR ? 0 : regs->error_code,
		.eip = regs->eip, .cs = regs->cs, .eflags = regs->eflags,
		.esp_at_signal = regs->esp, .ss = regs->ss,
		.fpstate = fpstate, .oldmask = (u32)mask,
		.cr2 = pf ? ksig->info.fields[0] : 0,
	};
}

/* The handler runs with these registers; its arguments per the ABI. */
static void enter_handler(struct pt_regs *regs, unsigned long frame,
			  const struct ksignal *ksig, u32 edx, u32 ecx)
{
	regs->esp = frame;
	regs->eip = ksig->ka.handler;
	regs->eax = ksig->sig;
	regs->edx = edx;	/* regparm(3) handlers see all three */
	regs->ecx = ecx;
	regs->ds = regs->es = regs->ss = __USER_DS;
	regs->cs = __USER_CS;
	regs->eflags &= ~(X86_EFLAGS_DF | X86_EFLAGS_RF | X86_EFLAGS_TF);
	fpu_reset_for_handler();
}

static u32 frame_restorer(const struct ksignal *ksig, unsigned long frame,
			  size_t retcode_offset)
{
	if (ksig->ka.flags & SA_RESTORER)
		return ksig->ka.restorer;
	return frame + retcode_offset;
}

static int setup_rt_frame(const struct ksignal *ksig, struct pt_regs *regs)
{
	unsigned long fpstate, frame = get_sigframe(ksig, regs,
						    sizeof(struct rt_sigframe),
						    &fpstate);
	sigset_t mask = sigmask_to_save();
	struct rt_sigframe f;

	if (!frame)
		return -EFAULT;
	memset(&f, 0, sizeof(f));
	f.pretcode = frame_restorer(ksig, frame,
				    offsetof(struct rt_sigframe, retcode));
	f.sig = ksig->sig;
	f.pinfo = frame + offsetof(struct rt_sigframe, info);
	f.puc = frame + offsetof(struct rt_sigframe, uc);
	f.info.si_signo = ksig->sig;
	f.info.si_code = ksig->info.code;
	memcpy(f.info.fields, ksig->info.fields, sizeof(ksig->info.fields));
	fill_sigcontext(&f.uc.uc_mcontext, regs, fpstate, mask, ksig);
	f.uc.uc_sigmask[0] = (u32)mask;
	f.uc.uc_sigmask[1] = (u32)(mask >> 32);
	memcpy(f.retcode, rt_retcode, sizeof(f.retcode));
	if (copy_to_user((void __user *)frame, &f, sizeof(f)) ||
	    save_altstack((void __user *)(frame + offsetof(struct rt_sigframe,
							   uc.uc_stack)),
			  regs->esp) ||
	    fpu_save_sigframe(fpstate))
		return -EFAULT;
	enter_handler(regs, frame, ksig, f.pinfo, f.puc);
	return 0;
}

/* The old frame is written in three pieces around its unused middle. */
struct sigframe_head {
	u32 pretcode;
	s32 sig;
	struct sigcontext_32 sc;
};

struct sigframe_tail {
	u32 extramask[1];
	u8 retcode[8];
};

_Static_assert(offsetof(struct sigframe, fpstate_unused) ==
	       sizeof(struct sigframe_head), "sigframe head");
_Static_assert(sizeof(struct sigframe) - offsetof(struct sigframe, extramask)
	       == sizeof(struct sigframe_tail), "sigframe tail");

static int setup_frame(const struct ksignal *ksig, struct pt_regs *regs)
{
	unsigned long fpstate, frame = get_sigframe(ksig, regs,
						    sizeof(struct sigframe),
						    &fpstate);
	sigset_t mask = sigmask_to_save();
	struct sigframe_head h;
	struct sigframe_tail t;

	if (!frame)
		return -EFAULT;
	h.pretcode = frame_restorer(ksig, frame,
				    offsetof(struct sigframe, retcode));
	h.sig = ksig->sig;
	fill_sigcontext(&h.sc, regs, fpstate, mask, ksig);
	t.extramask[0] = (u32)(mask >> 32);
	memcpy(t.retcode, old_retcode, sizeof(t.retcode));
	if (copy_to_user((void __user *)frame, &h, sizeof(h)) ||
	    clear_user((void __user *)(frame + sizeof(h)),
		       sizeof(((struct sigframe *)0)->fpstate_unused)) ||
	    copy_to_user((void __user *)(frame + offsetof(struct sigframe,
							  extramask)),
			 &t, sizeof(t)) ||
	    fpu_save_sigframe(fpstate))
		return -EFAULT;
	enter_handler(regs, frame, ksig, 0, 0);
	return 0;
}

/*
 * A system call a signal interrupted (Linux i386 rules). With a handler
 * about to run it returns -EINTR, unless it may be made again: always for
 * -ERESTARTNOINTR, with SA_RESTART for -ERESTARTSYS. With no handler
 * (ksig NULL) every such call is made again as if nothing had happened;
 * -ERESTART_RESTARTBLOCK through restart_syscall, which resumes it with
 * what is left (a sleep's remaining time).
 */
static void syscall_restart(struct pt_regs *regs, const struct ksignal *ksig)
{
	long nr = syscall_nr(regs);

	if (nr < 0)
		return;
	switch ((long)regs->eax) {
	case -ERESTART_RESTARTBLOCK:
		if (ksig)
			regs->eax = -EINTR;
		else
			restart_syscall_insn(regs, __NR_restart_syscall);
		break;
	case -ERESTARTNOHAND:
		if (ksig)
			regs->eax = -EINTR;
		else
			restart_syscall_insn(regs, nr);
		break;
	case -ERESTARTSYS:
		if (ksig && !(ksig->ka.flags & SA_RESTART))
			regs->eax = -EINTR;
		else
			restart_syscall_insn(regs, nr);
		break;
	case -ERESTARTNOINTR:
		restart_syscall_insn(regs, nr);
		break;
	}
	forget_syscall(regs);
}

static void handle_signal(struct ksignal *ksig, struct pt_regs *regs)
{
	int err;

	syscall_restart(regs, ksig);
	if (ksig->ka.flags & SA_SIGINFO)
		err = setup_rt_frame(ksig, regs);
	else
		err = setup_frame(ksig, regs);
	signal_setup_done(err != 0, ksig);
}

void arch_do_signal_or_restart(struct pt_regs *regs)
{
	struct ksignal ksig;

	if (get_signal(&ksig)) {
		handle_signal(&ksig, regs);
		return;
	}
	/* No handler ran: the call goes on as if nothing had happened. */
	syscall_restart(regs, NULL);
	restore_saved_sigmask();
}

/* ---- sigreturn ---------------------------------------------------------- */

/*
 * The saved registers from a frame, checked: selectors must name the
 * user code/stack segments (anything else would fault in iret, or worse),
 * data selectors are sanitised on the way out (fixup_user_segments).
 */
static int restore_sigcontext(struct pt_regs *regs,
			      const struct sigcontext_32 *sc)
{
	if ((sc->cs | 3) != __USER_CS || (sc->ss | 3) != __USER_DS)
		return -EFAULT;
	if (fpu_restore_sigframe(sc->fpstate))
		return -EFAULT;
	regs->gs = sc->gs;
	regs->fs = sc->fs;
	regs->es = sc->es;
	regs->ds = sc->ds;
	regs->edi = sc->edi;
	regs->esi = sc->esi;
	regs->ebp = sc->ebp;
	regs->esp = sc->esp;
	regs->ebx = sc->ebx;
	regs->edx = sc->edx;
	regs->ecx = sc->ecx;
	regs->eax = sc->eax;
	regs->eip = sc->eip;
	regs->cs = __USER_CS;
	regs->ss = __USER_DS;
	regs->eflags = (regs->eflags & ~FIX_EFLAGS) | (sc->eflags & FIX_EFLAGS);
	/* Whatever eax holds now is a result, not a call to restart. */
	forget_syscall(regs);
	return 0;
}

/* A frame that cannot be used: SIGSEGV, as Linux. */
static long bad_frame(struct pt_regs *regs, const char *what)
{
	struct task_struct *t = current;

	pr_info("%s[%d]: bad %s frame at sp %08x ip %08x\n", t->comm, t->pid,
		what, regs->esp, regs->eip);
	force_sig_fault(SIGSEGV, SI_KERNEL, 0);
	forget_syscall(regs);
	return 0;
}

SYSCALL_DEFINE0(rt_sigreturn)
{
	/* The handler's `ret` popped pretcode: esp is at frame->sig. */
	unsigned long frame = regs->esp - 4;
	struct ucontext_32 uc;

	if (copy_from_user(&uc, (void __user *)(frame +
			   offsetof(struct rt_sigframe, uc)), sizeof(uc)))
		return bad_frame(regs, "rt_sigreturn");
	if (restore_sigcontext(regs, &uc.uc_mcontext))
		return bad_frame(regs, "rt_sigreturn");
	set_current_blocked(uc.uc_sigmask[0] | (u64)uc.uc_sigmask[1] << 32);
	restore_altstack((void __user *)(frame + offsetof(struct rt_sigframe,
							  uc.uc_stack)));
	current->restart_block.fn = do_no_restart_syscall;
	return regs->eax;
}

SYSCALL_DEFINE0(sigreturn)
{
	/* The restorer popped pretcode and sig: esp is at frame->sc. */
	unsigned long frame = regs->esp - 8;
	struct sigcontext_32 sc;
	u32 extramask;

	if (copy_from_user(&sc, (void __user *)(frame +
			   offsetof(struct sigframe, sc)), sizeof(sc)) ||
	    copy_from_user(&extramask, (void __user *)(frame +
			   offsetof(struct sigframe, extramask)),
			   sizeof(extramask)))
		return bad_frame(regs, "sigreturn");
	if (restore_sigcontext(regs, &sc))
		return bad_frame(regs, "sigreturn");
	set_current_blocked(sc.oldmask | (u64)extramask << 32);
	current->restart_block.fn = do_no_restart_syscall;
	return regs->eax;
}
