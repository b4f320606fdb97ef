// SPDX-License-Identifier: GPL-2.0
/*
 * Tests of the x87/SSE set-up (suite "fpu"): the control-register bits on
 * every CPU, the initial image, and a save/restore round trip through
 * switch_fpu(). The user-visible behaviour is tested by user/threads/fpu.c.
 *
 * The tests run in a kernel thread, whose x87/SSE registers belong to
 * nobody: a switch to a user task loads that task's registers whatever
 * was left in them, so the round trip may load its own images.
 */
#include <ktest.h>
#include <kernel.h>
#include <cpumask.h>
#include <smp.h>
#include <mm.h>
#include <string.h>
#include <task.h>
#include <asm/fpu.h>
#include <asm/processor.h>
#include <asm/irqflags.h>

static unsigned long cpu_cr0[NR_CPUS], cpu_cr4[NR_CPUS];

static void read_control_regs(void *info)
{
	int cpu = smp_processor_id();

	cpu_cr0[cpu] = read_cr0();
	cpu_cr4[cpu] = read_cr4();
}

static void fpu_enabled_on_every_cpu(struct ktest *t)
{
	int cpu;

	memset(cpu_cr0, 0, sizeof(cpu_cr0));
	memset(cpu_cr4, 0, sizeof(cpu_cr4));
	on_each_cpu_mask(&cpu_online_mask, read_control_regs, NULL, true);
	for_each_online_cpu(cpu) {
		unsigned long cr0 = cpu_cr0[cpu], cr4 = cpu_cr4[cpu];

		ktest_log(t, "CPU %d: CR0 %08lx CR4 %08lx", cpu, cr0, cr4);
		KTEST_EXPECT_EQ(t, cr0 & (X86_CR0_EM | X86_CR0_TS), 0);
		KTEST_EXPECT_EQ(t, cr0 & (X86_CR0_MP | X86_CR0_NE),
				X86_CR0_MP | X86_CR0_NE);
		KTEST_EXPECT_EQ(t, !!(cr4 & X86_CR4_OSFXSR), fpu_has_fxsr());
		KTEST_EXPECT_EQ(t, !!(cr4 & X86_CR4_OSXMMEXCPT), fpu_has_sse());
	}
}

/* Two stand-in user tasks: switch_fpu() looks only at mm and thread.fpu. */
struct fake_tasks {
	struct task_struct *a, *b;
};

static bool fake_tasks_alloc(struct fake_tasks *f)
{
	f->a = kzalloc(sizeof(*f->a), GFP_KERNEL);
	f->b = kzalloc(sizeof(*f->b), GFP_KERNEL);
	/* Never dereferenced: any non-NULL mm marks a user task. */
	if (f->a)
		f->a->mm = (struct mm_struct *)f->a;
	if (f->b)
		f->b->mm = (struct mm_struct *)f->b;
	return f->a && f->b;
}

static void fake_tasks_free(struct fake_tasks *f)
{
	kfree(f->a);
	kfree(f->b);
}

static void fpu_kthread_gets_init_state(struct ktest *t)
{
	struct fake_tasks f;

	KTEST_ASSERT_TRUE(t, fake_tasks_alloc(&f));
	memset(&f.a->thread.fpu, 0xa5, sizeof(f.a->thread.fpu));
	fpu_clone(f.a, true);
	if (fpu_has_fxsr()) {
		struct fxregs_state *fx = &f.a->thread.fpu.state.fxsave;

		KTEST_EXPECT_EQ(t, fx->cwd, X87_FCW_DEFAULT);
		KTEST_EXPECT_EQ(t, fx->swd, 0);
		KTEST_EXPECT_EQ(t, fx->twd, 0);		/* abridged: empty */
		if (fpu_has_sse())
			KTEST_EXPECT_EQ(t, fx->mxcsr, MXCSR_DEFAULT);
		KTEST_EXPECT_EQ(t, fx->xmm_space[0] | fx->xmm_space[31], 0);
	} else {
		struct fregs_state *fs = &f.a->thread.fpu.state.fsave;

		KTEST_EXPECT_EQ(t, fs->cwd & 0xffff, X87_FCW_DEFAULT);
		KTEST_EXPECT_EQ(t, fs->twd & 0xffff, 0xffff);	/* empty */
	}
	fake_tasks_free(&f);
}

/* Distinct images for the two tasks: seed and the arguments differ. */
static void make_image(struct fpu *fpu, u16 fcw, u32 mxcsr, u32 seed)
{
	fpu->state = (union fpregs_state){ 0 };
	if (fpu_has_fxsr()) {
		struct fxregs_state *fx = &fpu->state.fxsave;

		fx->cwd = fcw;
		fx->swd = 7 << 11;		/* TOP = 7: st0 is register 7 */
		fx->twd = 1 << 7;		/* abridged: register 7 in use */
		if (fpu_has_sse())
			fx->mxcsr = mxcsr;
		/* st0 (stored in stack order) = 1.x, an 80-bit normal. */
		fx->st_space[0] = seed;
		fx->st_space[1] = 0x80000000u;	/* explicit integer bit */
		fx->st_space[2] = 0x3fff;	/* sign 0, exponent bias */
		for (int i = 0; i < 32; i++)	/* xmm0-7 */
			fx->xmm_space[i] = seed * 31 + i;
	} else {
		struct fregs_state *fs = &fpu->state.fsave;

		fs->cwd = 0xffff0000u | fcw;
		fs->swd = 0xffff0000u;
		fs->twd = 0xffffffffu;
		fs->fos = 0xffff0000u;
	}
}

static bool same_image(const struct fpu *x, const struct fpu *y)
{
	if (fpu_has_fxsr()) {
		const struct fxregs_state *a = &x->state.fxsave;
		const struct fxregs_state *b = &y->state.fxsave;

		return a->cwd == b->cwd && a->swd == b->swd &&
		       a->twd == b->twd && a->mxcsr == b->mxcsr &&
		       !memcmp(a->st_space, b->st_space, sizeof(a->st_space)) &&
		       !memcmp(a->xmm_space, b->xmm_space, 8 * 16);
	}
	return (x->state.fsave.cwd & 0xffff) == (y->state.fsave.cwd & 0xffff);
}

static void fpu_switch_saves_and_restores(struct ktest *t)
{
	struct fake_tasks f;
	struct fpu *want_a, *want_b;
	unsigned long flags;

	KTEST_ASSERT_TRUE(t, fake_tasks_alloc(&f));
	want_a = kmalloc(2 * sizeof(*want_a), GFP_KERNEL);
	if (!want_a) {
		fake_tasks_free(&f);
		KTEST_ASSERT_NOT_NULL(t, want_a);
	}
	want_b = want_a + 1;
	make_image(want_a, 0x027f, MXCSR_DEFAULT | (1 << 13), 0x1234);
	make_image(want_b, 0x0c7f, MXCSR_DEFAULT | (3 << 13), 0x5678);
	f.a->thread.fpu = *want_a;
	f.b->thread.fpu = *want_b;

	/* kthread -> a -> b -> a -> kthread, with scribbles in between. */
	local_irq_save(flags);
	switch_fpu(current, f.a);
	memset(&f.a->thread.fpu, 0, sizeof(f.a->thread.fpu));
	switch_fpu(f.a, f.b);		/* a's registers saved, b's loaded */
	memset(&f.b->thread.fpu, 0, sizeof(f.b->thread.fpu));
	switch_fpu(f.b, f.a);
	switch_fpu(f.a, current);	/* saves a again */
	local_irq_restore(flags);

	KTEST_EXPECT_TRUE(t, same_image(&f.a->thread.fpu, want_a));
	KTEST_EXPECT_TRUE(t, same_image(&f.b->thread.fpu, want_b));
	kfree(want_a);
	fake_tasks_free(&f);
}

static struct ktest_case fpu_cases[] = {
	KTEST_CASE(fpu_enabled_on_every_cpu),
	KTEST_CASE(fpu_kthread_gets_init_state),
	KTEST_CASE(fpu_switch_saves_and_restores),
	{}
};

static struct ktest_suite fpu_suite = {
	.name = "fpu",
	.cases = fpu_cases,
};
ktest_register_suite(fpu_suite);
