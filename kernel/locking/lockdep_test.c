// SPDX-License-Identifier: GPL-2.0
/*
 * Tests for the lock validator (include/lockdep.h): each kind of bug it
 * exists to find is committed once, on purpose, in a caught panic, and
 * the report must name both locks. Every lock here is initialised in its
 * own place, so each test has classes of its own and the graph the rest
 * of the kernel built is not disturbed.
 */
#include <ktest.h>
#include <lockdep.h>
#include <spinlock.h>
#include <mutex.h>
#include <hardirq.h>
#include <asm/irqflags.h>

static spinlock_t la, lb, lc;
static struct mutex lm;

static bool need_lockdep(struct ktest *t)
{
	if (lockdep_enabled())
		return true;
	ktest_skip(t, "the lock validator is off (lockdep=0)");
	return false;
}

/* Take `first` then `second` and drop both: records first -> second. */
static void take_in_order(spinlock_t *first, spinlock_t *second)
{
	spin_lock(first);
	spin_lock(second);
	spin_unlock(second);
	spin_unlock(first);
}

/* What a caught panic leaves: `held` locked and on the held stack, the
 * preemption count already restored by the catcher. */
static void drop_after_panic(spinlock_t *held)
{
	__spin_unlock(held);
}

static void take_b_then_a(void *unused)
{
	spin_lock(&lb);
	spin_lock(&la);		/* not reached: reported before waiting */
}

static void lockdep_catches_abba(struct ktest *t)
{
	if (!need_lockdep(t))
		return;
	spin_lock_init(&la, "ld_abba_a");
	spin_lock_init(&lb, "ld_abba_b");
	take_in_order(&la, &lb);
	take_in_order(&la, &lb);	/* a known order: no report */
	KTEST_EXPECT_TRUE(t, ktest_expect_panic(t, take_b_then_a, NULL,
		"ld_abba_b then ld_abba_a, but ld_abba_a then ld_abba_b"));
	drop_after_panic(&lb);
}

static void take_c_then_a(void *unused)
{
	spin_lock(&lc);
	spin_lock(&la);
}

static void lockdep_catches_three_lock_cycle(struct ktest *t)
{
	if (!need_lockdep(t))
		return;
	spin_lock_init(&la, "ld_cyc_a");
	spin_lock_init(&lb, "ld_cyc_b");
	spin_lock_init(&lc, "ld_cyc_c");
	take_in_order(&la, &lb);
	take_in_order(&lb, &lc);
	/* c -> a closes a -> b -> c -> a; the report names the edge out
	 * of a, the lock wanted. */
	KTEST_EXPECT_TRUE(t, ktest_expect_panic(t, take_c_then_a, NULL,
		"but ld_cyc_a then ld_cyc_b"));
	drop_after_panic(&lc);
}

/* Take `lock` as a hard interrupt handler would. */
static void take_in_fake_irq(spinlock_t *lock)
{
	unsigned long flags;

	local_irq_save(flags);
	irq_enter();
	spin_lock(lock);
	spin_unlock(lock);
	irq_exit();
	local_irq_restore(flags);
}

static void take_a_in_irq(void *unused)
{
	take_in_fake_irq(&la);
}

static void lockdep_catches_irq_unsafe_use(struct ktest *t)
{
	if (!need_lockdep(t))
		return;
	spin_lock_init(&la, "ld_irq_direct");
	local_irq_enable();
	spin_lock(&la);		/* interrupts on: an interrupt could come */
	spin_unlock(&la);
	KTEST_EXPECT_TRUE(t, ktest_expect_panic(t, take_a_in_irq, NULL,
		"ld_irq_direct taken in an interrupt handler"));
	/* The catcher restored interrupts; the handler's lock was taken
	 * after the report, so nothing is held. */
	KTEST_EXPECT_EQ(t, lockdep_spin_depth(), 0);
}

static void take_safe_then_unsafe(void *unused)
{
	unsigned long flags;

	spin_lock_irqsave(&la, flags);
	spin_lock(&lb);		/* reported: never returns */
	(void)flags;
}

/*
 * The shape of the cwd hang (tasklist_lock taken by the timer interrupt,
 * fs->lock elsewhere with interrupts on, and the two nested): no lock is
 * both taken in an interrupt and with interrupts on, but holding the
 * interrupt-safe one while taking the other deadlocks.
 */
static void lockdep_catches_irq_safe_to_unsafe_dependency(struct ktest *t)
{
	if (!need_lockdep(t))
		return;
	spin_lock_init(&la, "ld_irq_safe");
	spin_lock_init(&lb, "ld_irq_unsafe");
	take_in_fake_irq(&la);
	local_irq_enable();
	spin_lock(&lb);
	spin_unlock(&lb);
	KTEST_EXPECT_TRUE(t, ktest_expect_panic(t, take_safe_then_unsafe,
		NULL, "ld_irq_unsafe taken with interrupts enabled"));
	/* The report came before lb was taken; la is still held. */
	drop_after_panic(&la);
	local_irq_enable();
}

static void sleep_under_spinlock(void *unused)
{
	spin_lock(&la);
	mutex_lock(&lm);
}

static void lockdep_catches_sleep_under_spinlock(struct ktest *t)
{
	if (!need_lockdep(t))
		return;
	spin_lock_init(&la, "ld_sleep_spin");
	mutex_init(&lm, "ld_sleep_mutex");
	local_irq_enable();
	KTEST_EXPECT_TRUE(t, ktest_expect_panic(t, sleep_under_spinlock, NULL,
		"while holding spinlock ld_sleep_spin"));
	drop_after_panic(&la);
}

static void lock_mutexes_backwards(void *arg)
{
	struct mutex *m = arg;

	mutex_lock(&m[1]);
	mutex_lock(&m[0]);
}

static void lockdep_catches_mutex_abba(struct ktest *t)
{
	static struct mutex m[2];

	if (!need_lockdep(t))
		return;
	mutex_init(&m[0], "ld_mutex_a");
	mutex_init(&m[1], "ld_mutex_b");
	mutex_lock(&m[0]);
	mutex_lock(&m[1]);
	mutex_unlock(&m[1]);
	mutex_unlock(&m[0]);
	KTEST_EXPECT_TRUE(t, ktest_expect_panic(t, lock_mutexes_backwards, m,
		"ld_mutex_b then ld_mutex_a"));
	mutex_unlock(&m[1]);
}

static void lockdep_allows_annotated_nesting(struct ktest *t)
{
	static spinlock_t pair[2];
	int i;

	if (!need_lockdep(t))
		return;
	for (i = 0; i < 2; i++)
		spin_lock_init(&pair[i], "ld_pair");	/* one class */
	/* Both orders, each time the inner one marked as nested. */
	for (i = 0; i < 2; i++) {
		spin_lock(&pair[i]);
		spin_lock_nested(&pair[!i], 1);
		spin_unlock(&pair[!i]);
		spin_unlock(&pair[i]);
	}
	KTEST_EXPECT_EQ(t, lockdep_spin_depth(), 0);
}

static struct ktest_case lockdep_cases[] = {
	KTEST_CASE(lockdep_catches_abba),
	KTEST_CASE(lockdep_catches_three_lock_cycle),
	KTEST_CASE(lockdep_catches_irq_unsafe_use),
	KTEST_CASE(lockdep_catches_irq_safe_to_unsafe_dependency),
	KTEST_CASE(lockdep_catches_sleep_under_spinlock),
	KTEST_CASE(lockdep_catches_mutex_abba),
	KTEST_CASE(lockdep_allows_annotated_nesting),
	{}
};

static struct ktest_suite lockdep_suite = {
	.name = "lockdep",
	.cases = lockdep_cases,
};
ktest_register_suite(lockdep_suite);
