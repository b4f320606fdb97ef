// SPDX-License-Identifier: GPL-2.0
/*
 * Tests for execution-context accounting (include/preempt.h,
 * include/hardirq.h): the hardirq count the interrupt entry keeps, and
 * might_sleep() catching sleeping calls from atomic context.
 */
#include <ktest.h>
#include <ktest_smp.h>
#include <preempt.h>
#include <hardirq.h>
#include <smp.h>
#include <wait.h>
#include <sched.h>
#include <atomic.h>
#include <kernel.h>
#include <asm/irqflags.h>
#include <asm/processor.h>

static void task_context_is_not_interrupt(struct ktest *t)
{
	KTEST_EXPECT_FALSE(t, in_interrupt());
	KTEST_EXPECT_FALSE(t, in_irq());
	KTEST_EXPECT_TRUE(t, in_task());
	KTEST_EXPECT_EQ(t, hardirq_depth(), 0);
	/* The suite runs with interrupts on: this task may sleep. */
	KTEST_EXPECT_TRUE(t, preemptible());
	might_sleep();
	preempt_disable();
	KTEST_EXPECT_TRUE(t, in_atomic());
	KTEST_EXPECT_FALSE(t, in_interrupt());
	preempt_enable();
}

struct irq_probe {
	int in_irq, depth, preempt, nested_depth;
	atomic_t done;
};

static void probe_from_interrupt(void *arg)
{
	struct irq_probe *p = arg;

	p->in_irq = in_interrupt();
	p->depth = hardirq_depth();
	p->preempt = preempt_count_read();
	/* What a nested handler (or irq_enter on top) would see. */
	irq_enter();
	p->nested_depth = hardirq_depth();
	irq_exit();
	atomic_set(&p->done, 1);
}

/*
 * Run fn(arg) in an interrupt handler on another CPU and wait for it;
 * false (and the case skipped) with one CPU. Preemption stays off so that
 * this task cannot move to the target, where fn would run directly.
 */
static bool call_in_interrupt(struct ktest *t, smp_call_func_t fn, void *arg)
{
	int cpu;

	preempt_disable();
	cpu = ktest_other_cpu();
	if (cpu >= 0)
		smp_call_function_single(cpu, fn, arg, true);
	preempt_enable();
	if (cpu < 0)
		ktest_skip(t, "needs a second CPU to interrupt");
	return cpu >= 0;
}

/* The call-function IPI runs its handler between irq_enter/irq_exit. */
static void ipi_handler_counts_as_hardirq(struct ktest *t)
{
	struct irq_probe p = { .in_irq = -1 };

	if (!call_in_interrupt(t, probe_from_interrupt, &p))
		return;
	KTEST_EXPECT_EQ(t, atomic_read(&p.done), 1);
	KTEST_EXPECT_EQ(t, p.in_irq, 1);
	KTEST_EXPECT_EQ(t, p.depth, 1);
	KTEST_EXPECT_EQ(t, p.preempt & HARDIRQ_MASK, HARDIRQ_OFFSET);
	KTEST_EXPECT_EQ(t, p.nested_depth, 2);
}

static void sleep_check(void *unused)
{
	might_sleep();
}

static void sleep_check_preempt_off(void *unused)
{
	preempt_disable();
	might_sleep();
}

static void sleep_check_irqs_off(void *unused)
{
	local_irq_disable();
	might_sleep();
}

static DECLARE_WAIT_QUEUE_HEAD(never_woken);

/* A wait whose condition already holds still may not be in atomic. */
static void wait_event_preempt_off(void *unused)
{
	preempt_disable();
	wait_event(never_woken, true);
}

static void msleep_irqs_off(void *unused)
{
	local_irq_disable();
	msleep(1);
}

static void might_sleep_catches_atomic_callers(struct ktest *t)
{
	ktest_expect_panic(t, sleep_check_preempt_off, NULL,
			   "at kernel/preempt_test.c:");
	ktest_expect_panic(t, sleep_check_preempt_off, NULL,
			   "might sleep with preemption disabled");
	ktest_expect_panic(t, sleep_check_irqs_off, NULL,
			   "might sleep with interrupts disabled");
	ktest_expect_panic(t, wait_event_preempt_off, NULL,
			   "BUG: might sleep");
	ktest_expect_panic(t, msleep_irqs_off, NULL,
			   "BUG: might sleep");
	/* Everything restored: a task may sleep again. */
	KTEST_EXPECT_TRUE(t, preemptible());
	sleep_check(NULL);
}

struct irq_sleep {
	struct ktest *t;
	bool caught;
};

static void sleep_check_in_interrupt(void *arg)
{
	struct irq_sleep *s = arg;

	s->caught = ktest_expect_panic(s->t, sleep_check, NULL,
				       "might sleep in an interrupt handler");
}

static void might_sleep_catches_interrupt_handler(struct ktest *t)
{
	struct irq_sleep s = { .t = t };

	if (call_in_interrupt(t, sleep_check_in_interrupt, &s))
		KTEST_EXPECT_TRUE(t, s.caught);
}

static struct ktest_case preempt_cases[] = {
	KTEST_CASE(task_context_is_not_interrupt),
	KTEST_CASE(ipi_handler_counts_as_hardirq),
	KTEST_CASE(might_sleep_catches_atomic_callers),
	KTEST_CASE(might_sleep_catches_interrupt_handler),
	{}
};

static unsigned long suite_irq_flags;

/* Run as a task normally does, with interrupts on. */
static int preempt_suite_init(void)
{
	suite_irq_flags = arch_local_save_flags();
	local_irq_enable();
	return 0;
}

static void preempt_suite_exit(void)
{
	if (arch_irqs_disabled_flags(suite_irq_flags))
		local_irq_disable();
}

static struct ktest_suite preempt_suite = {
	.name = "preempt",
	.cases = preempt_cases,
	.suite_init = preempt_suite_init,
	.suite_exit = preempt_suite_exit,
};
ktest_register_suite(preempt_suite);
