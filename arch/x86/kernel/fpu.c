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
#include <kernel.h>
#include <string.h>

/* CPUID leaf 1, EDX. */
#define X86_FEATURE_FPU		(1u << 0)
#define X86_FEATURE_FXSR	(1u << 24)
#define X86_FEATURE_SSE		(1u << 25)
#define X86_FEATURE_SSE2	(1u << 26)

static bool have_fxsr, have_sse;

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
