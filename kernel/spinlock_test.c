// SPDX-License-Identifier: GPL-2.0
/*
 * Spinlock tests (suite "spinlock"): mutual exclusion under real
 * contention from every CPU, ticket and trylock behaviour, and the debug
 * checks firing on purpose-built misuse. Suite "spinlock_bench" prints
 * acquisition costs.
 *
 * The misuse cases run the offending call under ktest_expect_panic(); the
 * debug checks panic before changing the lock, except a lockup, whose
 * waiter already holds a ticket: those cases reinitialise their lock.
 */
#include <ktest.h>
#include <ktest_smp.h>
#include <kernel.h>
#include <atomic.h>
#include <cpumask.h>
#include <spinlock.h>
#include <smp.h>
#include <time.h>
#include <asm/irqflags.h>

#define COUNTER_TOTAL	1000000	/* increments in all, at least */

static DEFINE_SPINLOCK(counter_lock);
/* The queueing test's lock: taken with interrupts on (so waiters halt)
 * both from a task and from IPI handlers, which the lock validator
 * rightly forbids; safe only because nothing but that test takes it.
 * So the test takes it raw (arch_spin_lock: not validated). */
static DEFINE_SPINLOCK(queue_lock);
static unsigned long counter;	/* protected by counter_lock or queue_lock */
static atomic_t saw_busy;	/* polite CPUs that found it taken */

struct counter_run {
	unsigned int per_cpu;	/* increments each CPU makes */
	bool polite;		/* wait for a free lock before queueing */
};

/* A few dozen instructions of work outside the lock, of random length,
 * so the CPUs do not march in lockstep. */
static void outside_work(u32 *rnd)
{
	u32 n = ktest_rand(rnd) % 64;

	for (u32 i = 0; i < n; i++)
		barrier();
}

static void increment_many(void *info)
{
	const struct counter_run *run = info;
	u32 rnd = (u32)get_cycles() ^ (smp_processor_id() << 24);
	unsigned long flags, outer;

	/*
	 * The other CPUs run this in their IPI handler: a lock taken in an
	 * interrupt must never be taken with interrupts on (an interrupt
	 * on the holder's CPU would spin on it forever; the lock validator
	 * enforces it). So the CPU that joins in from a task closes them.
	 */
	local_irq_save(outer);
	for (unsigned int i = 0; i < run->per_cpu; i++) {
		if (run->polite && spin_is_locked(&counter_lock)) {
			atomic_inc(&saw_busy);
			while (spin_is_locked(&counter_lock))
				cpu_relax();
		}
		/* Both entry points, so both paths are exercised. */
		if (i & 1) {
			spin_lock_irqsave(&counter_lock, flags);
			counter++;
			spin_unlock_irqrestore(&counter_lock, flags);
		} else {
			spin_lock(&counter_lock);
			counter++;
			spin_unlock(&counter_lock);
		}
		outside_work(&rnd);
	}
	local_irq_restore(outer);
}

/* Run increment_many on every CPU at once; check and report the total. */
static void count_on_all_cpus(struct ktest *t, struct counter_run *run)
{
	unsigned int cpus = num_online_cpus();
	u32 contended = counter_lock.contended;
	u64 spun = counter_lock.spin_cycles, t0 = get_cycles();

	counter = 0;
	atomic_set(&saw_busy, 0);
	ktest_run_on_all_cpus(increment_many, run);
	contended = counter_lock.contended - contended;
	ktest_log(t, "%u CPUs x %u = %lu increments in %llu ms; %u found the "
		  "lock taken, %u queued behind a holder for %llu TSC cycles "
		  "on average", cpus, run->per_cpu, counter,
		  (get_cycles() - t0) / tsc_khz, atomic_read(&saw_busy),
		  contended,
		  contended ? (counter_lock.spin_cycles - spun) / contended : 0);
	KTEST_EXPECT_EQ(t, counter, (unsigned long)cpus * run->per_cpu);
	KTEST_EXPECT_FALSE(t, spin_is_locked(&counter_lock));
}

/*
 * Every CPU increments one counter under one lock at the same time, a
 * million times in all. A plain `counter++` is a load and a store, so any
 * lapse in mutual exclusion loses increments and the total comes out
 * short.
 *
 * "Polite" CPUs take a ticket only once the lock looks free; they still
 * collide whenever two see it free at once, which is what this checks.
 * Queueing all-out instead would make it a test of the host scheduler:
 * with more vCPUs than host cores, a ticket lock forms a convoy in which
 * nearly every hand-over waits for a descheduled vCPU to be woken (tens
 * of microseconds each). The next case measures exactly that, briefly.
 */
static void spinlock_counter_all_cpus(struct ktest *t)
{
	unsigned int cpus = num_online_cpus();
	struct counter_run run = {
		.per_cpu = DIV_ROUND_UP(COUNTER_TOTAL * ktest_scale, cpus),
		.polite = true,
	};

	count_on_all_cpus(t, &run);
	KTEST_EXPECT_GE(t, (unsigned long)cpus * run.per_cpu, COUNTER_TOTAL);
}

#define QUEUE_MS	200

static atomic_t queued_total;

/* Lock, increment, unlock back to back for QUEUE_MS; add up our count. */
static void increment_queued(void *info)
{
	u64 end = get_cycles() + (u64)tsc_khz * QUEUE_MS * ktest_scale;
	unsigned long flags;
	int n = 0;

	while (get_cycles() < end) {
		if (n & 1) {
			local_irq_save(flags);
			arch_spin_lock(&queue_lock, _THIS_IP_);
			counter++;
			arch_spin_unlock(&queue_lock);
			local_irq_restore(flags);
		} else {
			arch_spin_lock(&queue_lock, _THIS_IP_);	/* preemption is off */
			counter++;
			arch_spin_unlock(&queue_lock);
		}
		n++;
	}
	atomic_add(n, &queued_total);
}

/*
 * Every CPU queues back to back for a fixed time: deep ticket queues,
 * halted waiters and kicks. Each CPU counts its own increments; their sum
 * must equal the shared counter.
 */
static void spinlock_counter_queued(struct ktest *t)
{
	u32 contended = queue_lock.contended, halts = 0, kicks = 0, h, k;
	u64 spun = queue_lock.spin_cycles;
	int cpu;

	for_each_online_cpu(cpu) {
		spin_halt_counts(cpu, &h, &k);
		halts -= h;
		kicks -= k;
	}
	counter = 0;
	atomic_set(&queued_total, 0);
	ktest_run_on_all_cpus(increment_queued, NULL);
	for_each_online_cpu(cpu) {
		spin_halt_counts(cpu, &h, &k);
		halts += h;
		kicks += k;
	}
	contended = queue_lock.contended - contended;
	ktest_log(t, "%u CPUs, %u ms: %lu increments, %u queued (%llu TSC "
		  "cycles on average); waiters halted %u times, unlockers "
		  "kicked %u", num_online_cpus(), QUEUE_MS * ktest_scale,
		  counter, contended,
		  contended ? (queue_lock.spin_cycles - spun) / contended : 0,
		  halts, kicks);
	KTEST_EXPECT_GT(t, counter, 0);
	KTEST_EXPECT_EQ(t, counter, (unsigned long)atomic_read(&queued_total));
	KTEST_EXPECT_FALSE(t, spin_is_locked(&queue_lock));
}

static void spinlock_ticket_and_trylock(struct ktest *t)
{
	spinlock_t lock;

	spin_lock_init(&lock, "test");
	KTEST_EXPECT_FALSE(t, spin_is_locked(&lock));
	KTEST_EXPECT_TRUE(t, spin_trylock(&lock));
	KTEST_EXPECT_TRUE(t, spin_is_locked(&lock));
	KTEST_EXPECT_TRUE(t, spin_is_held_by_this_cpu(&lock));
	KTEST_EXPECT_FALSE(t, spin_trylock(&lock));	/* held: fails */
	spin_unlock(&lock);
	KTEST_EXPECT_FALSE(t, spin_is_held_by_this_cpu(&lock));
	/* Tickets wrap at 16 bits without breaking the lock. */
	for (int i = 0; i < 70000; i++) {
		spin_lock(&lock);
		spin_unlock(&lock);
	}
	KTEST_EXPECT_EQ(t, lock.owner, lock.next);
	KTEST_EXPECT_EQ(t, lock.owner, (u16)(70000 + 1));
	KTEST_EXPECT_EQ(t, lock.contended, 0);
}

static void spinlock_irqsave_restores_state(struct ktest *t)
{
	spinlock_t lock;
	unsigned long flags;

	spin_lock_init(&lock, "test");
	KTEST_ASSERT_TRUE(t, !irqs_disabled());
	spin_lock_irqsave(&lock, flags);
	KTEST_EXPECT_TRUE(t, irqs_disabled());
	KTEST_EXPECT_GT(t, preempt_count_read(), 0);
	spin_unlock_irqrestore(&lock, flags);
	KTEST_EXPECT_FALSE(t, irqs_disabled());

	local_irq_disable();
	spin_lock_irqsave(&lock, flags);
	spin_unlock_irqrestore(&lock, flags);
	KTEST_EXPECT_TRUE(t, irqs_disabled());	/* stays off */
	local_irq_enable();
}

/* Another CPU holds the lock: trylock must fail until it lets go. */
static spinlock_t remote_lock;

static void remote_take(void *info)
{
	arch_spin_lock(&remote_lock, _THIS_IP_);
}

static void remote_release(void *info)
{
	arch_spin_unlock(&remote_lock);
}

/* Some CPU other than this one; the caller keeps preemption off so that
 * "this one" stays true. */
static int other_cpu(void)
{
	int me = smp_processor_id(), cpu;

	for_each_online_cpu(cpu)
		if (cpu != me)
			return cpu;
	return -1;
}

static void spinlock_trylock_fails_while_other_cpu_holds(struct ktest *t)
{
	int cpu;

	preempt_disable();
	cpu = other_cpu();
	if (cpu < 0) {
		preempt_enable();
		ktest_skip(t, "needs 2 CPUs");
		return;
	}
	spin_lock_init(&remote_lock, "remote");
	smp_call_function_single(cpu, remote_take, NULL, true);
	KTEST_EXPECT_EQ(t, remote_lock.owner_cpu, cpu);
	KTEST_EXPECT_FALSE(t, spin_trylock(&remote_lock));
	KTEST_EXPECT_FALSE(t, spin_is_held_by_this_cpu(&remote_lock));
	smp_call_function_single(cpu, remote_release, NULL, true);
	KTEST_EXPECT_TRUE(t, spin_trylock(&remote_lock));
	spin_unlock(&remote_lock);
	preempt_enable();
}

/* ---- debug checks ---------------------------------------------------------- */

static bool need_debug(struct ktest *t)
{
	if (spin_debug_enabled())
		return true;
	ktest_skip(t, "spinlock debug mode is off (spinlock_debug=0)");
	return false;
}

static void lock_it(void *lock)
{
	spin_lock(lock);
}

static void unlock_it(void *lock)
{
	spin_unlock(lock);
}

static void spinlock_debug_catches_recursion(struct ktest *t)
{
	spinlock_t lock;

	if (!need_debug(t))
		return;
	spin_lock_init(&lock, "recursive");
	spin_lock(&lock);
	/* The lock validator, when on, reports it first ("recursive
	 * locking"); the debug check otherwise ("spinlock recursion"). */
	KTEST_EXPECT_TRUE(t, ktest_expect_panic(t, lock_it, &lock,
						"recursi"));
	/* The check fired before taking a ticket: the lock still works. */
	KTEST_EXPECT_EQ(t, (u16)(lock.next - lock.owner), 1);
	spin_unlock(&lock);
	KTEST_EXPECT_TRUE(t, spin_trylock(&lock));
	spin_unlock(&lock);
}

static void spinlock_debug_catches_unlock_of_free_lock(struct ktest *t)
{
	spinlock_t lock;

	if (!need_debug(t))
		return;
	spin_lock_init(&lock, "free");
	KTEST_EXPECT_TRUE(t, ktest_expect_panic(t, unlock_it, &lock,
						"which is not locked"));
	KTEST_EXPECT_EQ(t, lock.owner, lock.next);
	KTEST_EXPECT_TRUE(t, spin_trylock(&lock));
	spin_unlock(&lock);
}

static void spinlock_debug_catches_unlock_by_other_cpu(struct ktest *t)
{
	char expect[48];
	int cpu;

	if (!need_debug(t))
		return;
	preempt_disable();
	cpu = other_cpu();
	if (cpu < 0) {
		preempt_enable();
		ktest_skip(t, "needs 2 CPUs");
		return;
	}
	spin_lock_init(&remote_lock, "remote");
	smp_call_function_single(cpu, remote_take, NULL, true);
	snprintf(expect, sizeof(expect), "held by CPU %d since remote_take",
		 cpu);
	KTEST_EXPECT_TRUE(t, ktest_expect_panic(t, unlock_it, &remote_lock,
						expect));
	/* Still held by its owner, who can release it normally. */
	KTEST_EXPECT_EQ(t, remote_lock.owner_cpu, cpu);
	smp_call_function_single(cpu, remote_release, NULL, true);
	KTEST_EXPECT_FALSE(t, spin_is_locked(&remote_lock));
	preempt_enable();
}

/* A stand-in for the place a lock was taken, so the report can name it. */
static __noinline void fake_owner_site(void)
{
	barrier();
}

static void spinlock_debug_catches_lockup(struct ktest *t)
{
	unsigned int saved = spin_debug_timeout_ms;
	spinlock_t lock;
	char expect[64];

	if (!need_debug(t))
		return;
	/* Forge a lock held forever, taken in fake_owner_site, by a CPU
	 * number no real CPU has (any real one might be this CPU). */
	spin_lock_init(&lock, "stuck");
	lock.next = 1;
	lock.owner_cpu = NR_CPUS;
	lock.owner_pc = (unsigned long)fake_owner_site;
	spin_debug_timeout_ms = 50;
	snprintf(expect, sizeof(expect), "held by CPU %d, taken at "
		 "fake_owner_site", NR_CPUS);
	KTEST_EXPECT_TRUE(t, ktest_expect_panic(t, lock_it, &lock, expect));
	spin_debug_timeout_ms = saved;
	/* Our abandoned ticket is still in the lock: start it afresh. */
	spin_lock_init(&lock, "stuck");
}

static struct ktest_case spinlock_cases[] = {
	KTEST_CASE(spinlock_counter_all_cpus),
	KTEST_CASE(spinlock_counter_queued),
	KTEST_CASE(spinlock_ticket_and_trylock),
	KTEST_CASE(spinlock_irqsave_restores_state),
	KTEST_CASE(spinlock_trylock_fails_while_other_cpu_holds),
	KTEST_CASE(spinlock_debug_catches_recursion),
	KTEST_CASE(spinlock_debug_catches_unlock_of_free_lock),
	KTEST_CASE(spinlock_debug_catches_unlock_by_other_cpu),
	KTEST_CASE(spinlock_debug_catches_lockup),
	{}
};

static struct ktest_suite spinlock_suite = {
	.name = "spinlock",
	.cases = spinlock_cases,
};
ktest_register_suite(spinlock_suite);

/* ---- benchmark ------------------------------------------------------------- */

#define BENCH_ROUNDS	100000

static void spinlock_bench_uncontended(struct ktest *t)
{
	spinlock_t lock;
	u64 t0;

	spin_lock_init(&lock, "bench");
	t0 = get_cycles();
	for (int i = 0; i < BENCH_ROUNDS; i++) {
		spin_lock(&lock);
		spin_unlock(&lock);
	}
	ktest_log(t, "lock + unlock, uncontended: %llu TSC cycles",
		  (get_cycles() - t0) / BENCH_ROUNDS);
}

#define BENCH_MS	200

static atomic_t bench_acquisitions;

/* Take and release the lock back to back for BENCH_MS. */
static void hammer_lock(void *info)
{
	u64 end = get_cycles() + (u64)tsc_khz * BENCH_MS;
	int n = 0;

	while (get_cycles() < end) {
		spin_lock(&counter_lock);
		counter++;
		spin_unlock(&counter_lock);
		n++;
	}
	atomic_add(n, &bench_acquisitions);
}

static void spinlock_bench_all_cpus(struct ktest *t)
{
	unsigned int cpus = num_online_cpus();
	u32 contended = counter_lock.contended;
	u64 spun = counter_lock.spin_cycles;
	int n;

	atomic_set(&bench_acquisitions, 0);
	ktest_run_on_all_cpus(hammer_lock, NULL);
	n = atomic_read(&bench_acquisitions);
	contended = counter_lock.contended - contended;
	ktest_log(t, "%u CPUs contending for %u ms: %d acquisitions, %llu TSC "
		  "cycles each; %u spun, %llu cycles each on average", cpus,
		  BENCH_MS, n, n ? (u64)tsc_khz * BENCH_MS / n : 0, contended,
		  contended ? (counter_lock.spin_cycles - spun) / contended : 0);
}

static struct ktest_case spinlock_bench_cases[] = {
	KTEST_CASE(spinlock_bench_uncontended),
	KTEST_CASE(spinlock_bench_all_cpus),
	{}
};

static struct ktest_suite spinlock_bench_suite = {
	.name = "spinlock_bench",
	.cases = spinlock_bench_cases,
	.bench = true,
};
ktest_register_suite(spinlock_bench_suite);
