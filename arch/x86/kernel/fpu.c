// SPDX-License-Identifier: GPL-2.0
/*
 * The x87 FPU and SSE state of user tasks (Documentation/arch/x86-fpu.md).
 *
 * Each CPU enables the FPU and, when CPUID has them, FXSAVE/FXRSTOR and
 * SSE (CR4.OSFXSR, CR4.OSXMMEXCPT): without OSFXSR every SSE instruction
 * raises #UD, which kills any ordinary glibc program at its first string
 * function.
 *
 * Switching is eager: switch_to() saves the outgoing user task's registers
 * and loads the incoming one's on every context switch. Lazy switching
 * (CR0.TS and a #NM handler) saves work only for tasks that never touch
 * the FPU, but every libc string routine uses SSE, so nearly all tasks do;
 * eager switching has no extra trap, no "who owns the registers on which
 * CPU" bookkeeping, and no state left behind on a CPU a thread migrated
 * away from. Linux dropped lazy switching for the same reasons.
 */
#include <asm/fpu.h>
#include <asm/processor.h>
#include <asm/irqflags.h>
#include <task.h>
#include <signal.h>
#include <uaccess.h>
#include <kernel.h>
#include <string.h>
#include <errno.h>

/* CPUID leaf 1, EDX. */
#define X86_FEATURE_FPU		(1u << 0)
#define X86_FEATURE_FXSR	(1u << 24)
#define X86_FEATURE_SSE		(1u << 25)
#define X86_FEATURE_SSE2	(1u << 26)

static bool have_fxsr, have_sse;
/* MXCSR bits this CPU implements; others make FXRSTOR fault. */
static u32 mxcsr_feature_mask = 0xffbf;

/* The state every new program starts with (execve) and kernel threads get. */
static struct fpu init_fpu;

bool fpu_has_fxsr(void)
{
	return have_fxsr;
}

bool fpu_has_sse(void)
{
	return have_sse;
}

static inline void fxsave(struct fxregs_state *fx)
{
	__asm__ __volatile__("fxsave %0" : "=m"(*fx));
}

static inline void fxrstor(const struct fxregs_state *fx)
{
	__asm__ __volatile__("fxrstor %0" : : "m"(*fx));
}

/* FNSAVE also reinitialises the FPU, as FNINIT would. */
static inline void fnsave(struct fregs_state *fs)
{
	__asm__ __volatile__("fnsave %0" : "=m"(*fs));
}

static inline void frstor(const struct fregs_state *fs)
{
	__asm__ __volatile__("frstor %0" : : "m"(*fs));
}

/* The CPU's registers into the save area. */
static void save_fpregs(struct fpu *fpu)
{
	if (have_fxsr) {
		fxsave(&fpu->state.fxsave);
	} else {
		fnsave(&fpu->state.fsave);
		frstor(&fpu->state.fsave);	/* undo FNSAVE's FNINIT */
	}
}

/* The save area into the CPU's registers. */
static void restore_fpregs(const struct fpu *fpu)
{
	if (have_fxsr)
		fxrstor(&fpu->state.fxsave);
	else
		frstor(&fpu->state.fsave);
}

/*
 * The image FNINIT (plus, with SSE, the default MXCSR) produces, written
 * out field by field so it does not depend on what the registers held.
 * The FNSAVE format keeps unused upper halves all ones.
 */
static void fpstate_init(union fpregs_state *st)
{
	memset(st, 0, sizeof(*st));
	if (have_fxsr) {
		st->fxsave.cwd = X87_FCW_DEFAULT;
		st->fxsave.twd = 0;		/* abridged: all empty */
		if (have_sse)
			st->fxsave.mxcsr = MXCSR_DEFAULT;
	} else {
		st->fsave.cwd = 0xffff0000u | X87_FCW_DEFAULT;
		st->fsave.swd = 0xffff0000u;
		st->fsave.twd = 0xffffffffu;	/* all empty */
		st->fsave.fos = 0xffff0000u;
	}
}

void fpu__init_cpu(void)
{
	unsigned long cr0 = read_cr0(), cr4 = read_cr4();

	/*
	 * EM off: execute x87 instructions instead of trapping to an
	 * emulator. MP: WAIT/FWAIT obey TS like the others. NE: report x87
	 * errors as #MF (vector 16), not through the legacy FERR#/IRQ 13
	 * line. TS stays clear: no lazy switching.
	 */
	cr0 &= ~(X86_CR0_EM | X86_CR0_TS);
	cr0 |= X86_CR0_MP | X86_CR0_NE;
	write_cr0(cr0);
	if (have_fxsr)
		cr4 |= X86_CR4_OSFXSR;		/* FXSAVE saves XMM; SSE on */
	if (have_sse)
		cr4 |= X86_CR4_OSXMMEXCPT;	/* SIMD errors raise #XM */
	write_cr4(cr4);
	__asm__ __volatile__("fninit");
	restore_fpregs(&init_fpu);
}

static void find_mxcsr_mask(void)
{
	static struct fxregs_state fx;

	memset(&fx, 0, sizeof(fx));
	fxsave(&fx);
	/* 0 means the CPU predates the field: the SDM's default applies. */
	if (fx.mxcsr_mask)
		mxcsr_feature_mask = fx.mxcsr_mask;
}

void fpu__init_system(void)
{
	u32 a, b, c, d;

	cpuid(1, &a, &b, &c, &d);
	if (!(d & X86_FEATURE_FPU))
		panic("fpu: this CPU has no x87 FPU (CPUID.1:EDX = %#x)", d);
	have_fxsr = d & X86_FEATURE_FXSR;
	have_sse = have_fxsr && (d & X86_FEATURE_SSE);
	fpstate_init(&init_fpu.state);
	fpu__init_cpu();
	if (have_fxsr)
		find_mxcsr_mask();
	pr_info("fpu: x87%s%s%s, %s state of %u bytes per task, switched "
		"eagerly\n", have_fxsr ? ", FXSAVE/FXRSTOR" : "",
		have_sse ? ", SSE" : "",
		have_sse && (d & X86_FEATURE_SSE2) ? ", SSE2" : "",
		have_fxsr ? "FXSAVE" : "FNSAVE",
		have_fxsr ? (unsigned)sizeof(struct fxregs_state)
			  : (unsigned)sizeof(struct fregs_state));
}

/* Only user tasks have FPU state; kernel code never uses the registers. */
static inline bool has_user_fpu(const struct task_struct *t)
{
	return t->mm != NULL;
}

void switch_fpu(struct task_struct *prev, struct task_struct *next)
{
	if (has_user_fpu(prev))
		save_fpregs(&prev->thread.fpu);
	if (has_user_fpu(next))
		restore_fpregs(&next->thread.fpu);
}

void fpu_clone(struct task_struct *dst, bool kthread)
{
	unsigned long flags;

	BUG_ON((unsigned long)&dst->thread.fpu & 15);
	if (kthread || !has_user_fpu(current)) {
		dst->thread.fpu = init_fpu;
		return;
	}
	/* The caller's live registers are its state: it is running. */
	local_irq_save(flags);
	save_fpregs(&dst->thread.fpu);
	local_irq_restore(flags);
}

/*
 * execve, after the new mm is installed: from here on a context switch
 * saves and restores these registers, so loading them is enough; the
 * save area gets the same image for whoever reads it first.
 */
void fpu_flush_thread(void)
{
	struct task_struct *t = current;
	unsigned long flags;

	local_irq_save(flags);
	t->thread.fpu = init_fpu;
	restore_fpregs(&t->thread.fpu);
	local_irq_restore(flags);
}

/* ---- signal frames ------------------------------------------------------ */

/*
 * The i386 signal frame's FPU area (Linux's struct _fpstate_32): an
 * FNSAVE-format header, then, with FXSR, the full FXSAVE image, which
 * must be 16-byte aligned (Linux aligns it to 64 for XSAVE; so do we).
 * magic tells user space which: 0xffff = header only, 0 = FXSAVE follows.
 */
struct fpstate_hdr {
	u32 cw, sw, tag, ipoff, cssel, dataoff, datasel;
	u8 st[80];		/* 8 registers x 10 bytes */
	u16 status;
	u16 magic;
};

_Static_assert(sizeof(struct fpstate_hdr) == 112, "i386 _fpstate header");

#define FP_MAGIC_FSAVE	0xffff
#define FP_MAGIC_FXSR	0x0000

unsigned long fpu_sigframe_alloc(unsigned long sp, unsigned long *fpstate)
{
	if (have_fxsr) {
		sp = (sp - sizeof(struct fxregs_state)) & ~63UL;
		sp -= sizeof(struct fpstate_hdr);
	} else {
		sp = (sp - sizeof(struct fpstate_hdr)) & ~15UL;
	}
	*fpstate = sp;
	return sp;
}

/* The full i387 tag word (2 bits per physical register) from FXSAVE's. */
static u32 twd_fxsr_to_i387(const struct fxregs_state *fx)
{
	unsigned int top = (fx->swd >> 11) & 7;
	u32 twd = 0xffff0000u;

	for (unsigned int i = 0; i < 8; i++) {
		const u16 *st = (const u16 *)&fx->st_space[((i - top) & 7) * 4];
		unsigned int exp = st[4] & 0x7fff, tag = 3;	/* empty */

		if (fx->twd & (1u << i)) {
			if (exp == 0x7fff)
				tag = 2;	/* infinity or NaN: special */
			else if (exp == 0)
				tag = (st[0] | st[1] | st[2] | st[3]) ? 2 : 1;
			else
				/* integer bit set: valid, else special */
				tag = (st[3] & 0x8000) ? 0 : 2;
		}
		twd |= tag << (2 * i);
	}
	return twd;
}

static void fxsr_to_hdr(const struct fxregs_state *fx, struct fpstate_hdr *h)
{
	h->cw = 0xffff0000u | fx->cwd;
	h->sw = 0xffff0000u | fx->swd;
	h->tag = twd_fxsr_to_i387(fx);
	h->ipoff = fx->fip;
	h->cssel = (fx->fcs & 0xffff) | ((u32)fx->fop << 16);
	h->dataoff = fx->foo;
	h->datasel = 0xffff0000u | fx->fos;
	for (int i = 0; i < 8; i++)
		memcpy(h->st + 10 * i, &fx->st_space[4 * i], 10);
	h->status = fx->swd;
	h->magic = FP_MAGIC_FXSR;
}

int fpu_save_sigframe(unsigned long ufp)
{
	struct fpu *fpu = &current->thread.fpu;
	struct fpstate_hdr h;
	unsigned long flags;

	/* The live registers are the task's state while it runs. */
	local_irq_save(flags);
	save_fpregs(fpu);
	local_irq_restore(flags);
	if (have_fxsr) {
		fxsr_to_hdr(&fpu->state.fxsave, &h);
		if (copy_to_user((void __user *)(ufp + sizeof(h)),
				 &fpu->state.fxsave, sizeof(fpu->state.fxsave)))
			return -EFAULT;
	} else {
		memcpy(&h, &fpu->state.fsave, sizeof(fpu->state.fsave));
		h.status = fpu->state.fsave.swd;
		h.magic = FP_MAGIC_FSAVE;
	}
	return copy_to_user((void __user *)ufp, &h, sizeof(h)) ? -EFAULT : 0;
}

/*
 * sigreturn: the registers from the frame. With FXSR the FXSAVE image is
 * what counts (the FNSAVE-format header is for reading only). An MXCSR
 * with bits the CPU does not have would make FXRSTOR fault in the
 * kernel: such a frame is refused (the caller sends SIGSEGV). A NULL
 * pointer gives the initial state, as on Linux.
 */
int fpu_restore_sigframe(unsigned long ufp)
{
	struct fpu *fpu = &current->thread.fpu;
	union fpregs_state st __aligned(16);
	unsigned long flags;

	if (!ufp) {
		fpu_flush_thread();
		return 0;
	}
	if (have_fxsr) {
		unsigned long ufx = ufp + sizeof(struct fpstate_hdr);

		if (copy_from_user(&st.fxsave, (void __user *)ufx,
				   sizeof(st.fxsave)))
			return -EFAULT;
		/* Linux refuses such a frame too (its FXRSTOR faults). */
		if (st.fxsave.mxcsr & ~mxcsr_feature_mask)
			return -EINVAL;
	} else if (copy_from_user(&st.fsave, (void __user *)ufp,
				  sizeof(st.fsave))) {
		return -EFAULT;
	}
	local_irq_save(flags);
	fpu->state = st;
	restore_fpregs(fpu);
	local_irq_restore(flags);
	return 0;
}

/* A handler starts with the initial x87/SSE state, as on Linux. */
void fpu_reset_for_handler(void)
{
	fpu_flush_thread();
}

int fpu_fault_si_code(bool simd)
{
	u32 err;

	if (simd) {
		u32 mxcsr;

		__asm__ __volatile__("stmxcsr %0" : "=m"(mxcsr));
		err = ~(mxcsr >> 7) & mxcsr;	/* raised and unmasked */
	} else {
		u16 cw, sw;

		__asm__ __volatile__("fnstcw %0; fnstsw %1"
				     : "=m"(cw), "=m"(sw));
		err = sw & ~cw;
	}
	if (err & 0x01)
		return FPE_FLTINV;
	if (err & 0x04)
		return FPE_FLTDIV;
	if (err & 0x08)
		return FPE_FLTOVF;
	if (err & 0x12)
		return FPE_FLTUND;
	if (err & 0x20)
		return FPE_FLTRES;
	return SI_KERNEL;
}
