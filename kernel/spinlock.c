// SPDX-License-Identifier: GPL-2.0
/*
 * Ticket spinlocks (see include/spinlock.h for the interface).
 *
 * `next` is the ticket dispenser and `owner` the ticket being served; a
 * CPU takes a ticket with one lock-prefixed add and waits for its turn,
 * so the lock is granted in arrival order. Unlocking is a plain release
 * store of owner + 1: only the holder writes `owner`.
 *
 * The holder's CPU and the address it locked from are recorded on every
 * acquisition (they cost two stores to a line the holder owns anyway);
 * debug mode uses them to catch misuse and to name the culprit.
 */
#include <spinlock.h>
#include <kernel.h>
#include <smp.h>
#include <ktest.h>
#include <cmdline.h>
#include <time.h>
#include <string.h>
#include <asm/processor.h>
#include <cpumask.h>
#include <atomic.h>

/* Spin this long before halting: longer than any sane critical section,
 * far shorter than a host time slice. */
#define HALT_AFTER_US	20

unsigned int spin_debug_timeout_ms = 5000;
static int debug_param = -1;	/* -1: on only when tests run */
static bool halt_enabled = true;

/* What this CPU's halted waiter waits for; lock is NULL when not halted. */
struct halt_slot {
	spinlock_t *lock;
	u32 ticket;
};
static DEFINE_PER_CPU(struct halt_slot, halt_slot);
static DEFINE_PER_CPU(u32, spin_halts);
static DEFINE_PER_CPU(u32, spin_kicks);

static int spinlock_halt_setup(const char *val)
{
	halt_enabled = strcmp(val, "0") != 0;
	return 0;
}
__setup("spinlock_halt", spinlock_halt_setup);

static int spinlock_debug_setup(const char *val)
{
	debug_param = strcmp(val, "0") != 0;
	return 0;
}
__setup("spinlock_debug", spinlock_debug_setup);

bool spin_debug_enabled(void)
{
	return debug_param < 0 ? ktest_mode : debug_param;
}

void __spin_lock_init(spinlock_t *lock, const char *name,
		      struct lock_class_key *key, unsigned long pc)
{
	*lock = (spinlock_t)__SPIN_LOCK_UNLOCKED(lock);
	lock->name = name;
	lockdep_init_map(&lock->dep_map, key, pc);
}

static const char *lock_name(const spinlock_t *lock)
{
	return lock->name ? lock->name : "?";
}

/*
 * Only the holder writes owner_cpu, and it clears it before releasing, so
 * a locked lock showing our number is ours. (Testing "locked" too keeps a
 * zero-filled, never-initialised lock from looking held by CPU 0.)
 */
bool spin_is_held_by_this_cpu(spinlock_t *lock)
{
	return spin_is_locked(lock) &&
	       READ_ONCE(lock->owner_cpu) == smp_processor_id();
}

static __noreturn void spin_lockup(spinlock_t *lock, unsigned long pc,
				   u64 cycles)
{
	/* The wait is abandoned (a test may catch this panic). */
	lock_release(&lock->dep_map, lock, LD_SPIN);
	panic("spinlock lockup: CPU %d spun %u ms on %s (%p) at %pS; held by "
	      "CPU %d, taken at %pS", smp_processor_id(),
	      (u32)(cycles / tsc_khz), lock_name(lock), lock, (void *)pc,
	      READ_ONCE(lock->owner_cpu), (void *)READ_ONCE(lock->owner_pc));
}

/*
 * Sleep until kicked, the timer ticks, or any other interrupt. The slot
 * is published and halted_waiters raised (a full barrier) before the last
 * look at `owner`; the unlocker stores `owner` before it reads them. So
 * either we see our turn and do not halt, or it sees us and kicks. The
 * kick may arrive before the hlt: "sti; hlt" takes it on the hlt.
 */
static void spin_halt(spinlock_t *lock, u16 ticket)
{
	struct halt_slot *slot = this_cpu_ptr(&halt_slot);

	local_irq_disable();
	/* spin_kick() reads lock then ticket: publish in the other order. */
	WRITE_ONCE(slot->ticket, ticket);
	barrier();
	WRITE_ONCE(slot->lock, lock);
	__atomic_fetch_add(&lock->halted_waiters, 1, __ATOMIC_SEQ_CST);
	if (__atomic_load_n(&lock->owner, __ATOMIC_ACQUIRE) != ticket) {
		this_cpu_inc(spin_halts);
		safe_halt();
	} else {
		local_irq_enable();
	}
	WRITE_ONCE(slot->lock, NULL);
	__atomic_fetch_sub(&lock->halted_waiters, 1, __ATOMIC_SEQ_CST);
}

/* Wake the CPU halted for `ticket` of `lock`, if there is one. */
static void spin_kick(spinlock_t *lock, u16 ticket)
{
	int cpu;

	for_each_online_cpu(cpu) {
		struct halt_slot *slot = per_cpu_ptr(&halt_slot, cpu);

		if (READ_ONCE(slot->lock) == lock &&
		    (u16)READ_ONCE(slot->ticket) == ticket) {
			this_cpu_inc(spin_kicks);
			arch_spin_kick_cpu(cpu);
			return;
		}
	}
}

static void spin_wait(spinlock_t *lock, u16 ticket, unsigned long pc)
{
	u64 start = get_cycles(), limit = 0, halt_after = ~0ULL, now;

	if (spin_debug_enabled() && tsc_khz)
		limit = (u64)spin_debug_timeout_ms * tsc_khz;
	if (halt_enabled && tsc_khz && !irqs_disabled() && arch_spin_can_halt())
		halt_after = (u64)tsc_khz * HALT_AFTER_US / 1000;
	while (__atomic_load_n(&lock->owner, __ATOMIC_ACQUIRE) != ticket) {
		now = get_cycles();
		if (limit && now - start > limit)
			spin_lockup(lock, pc, now - start);
		if (now - start > halt_after)
			spin_halt(lock, ticket);
		else
			cpu_relax();
	}
	/* Counted by the new holder, so no atomics are needed. */
	lock->contended++;
	lock->spin_cycles += get_cycles() - start;
}

void spin_halt_counts(int cpu, u32 *halts, u32 *kicks)
{
	*halts = READ_ONCE(per_cpu(spin_halts, cpu));
	*kicks = READ_ONCE(per_cpu(spin_kicks, cpu));
}

void arch_spin_lock(spinlock_t *lock, unsigned long pc)
{
	u16 ticket;

	if (spin_debug_enabled() && spin_is_held_by_this_cpu(lock))
		panic("spinlock recursion: CPU %d takes %s (%p) at %pS, which "
		      "it already holds since %pS", smp_processor_id(),
		      lock_name(lock), lock, (void *)pc,
		      (void *)lock->owner_pc);
	ticket = __atomic_fetch_add(&lock->next, 1, __ATOMIC_ACQUIRE);
	if (READ_ONCE(lock->owner) != ticket)
		spin_wait(lock, ticket, pc);
	lock->owner_cpu = smp_processor_id();
	lock->owner_pc = pc;
}

bool arch_spin_trylock(spinlock_t *lock, unsigned long pc)
{
	u16 owner = READ_ONCE(lock->owner);
	u16 expect = owner;

	/* Take the ticket only if it would be served at once. */
	if (!__atomic_compare_exchange_n(&lock->next, &expect,
					 (u16)(owner + 1), false,
					 __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return false;
	lock->owner_cpu = smp_processor_id();
	lock->owner_pc = pc;
	return true;
}

void arch_spin_unlock(spinlock_t *lock)
{
	u16 next_owner;

	if (spin_debug_enabled() && !spin_is_held_by_this_cpu(lock)) {
		int owner = READ_ONCE(lock->owner_cpu);

		if (owner < 0)
			panic("spinlock bad unlock: CPU %d unlocks %s (%p), "
			      "which is not locked", smp_processor_id(),
			      lock_name(lock), lock);
		panic("spinlock bad unlock: CPU %d unlocks %s (%p), held by "
		      "CPU %d since %pS", smp_processor_id(), lock_name(lock),
		      lock, owner, (void *)READ_ONCE(lock->owner_pc));
	}
	next_owner = lock->owner + 1;
	lock->owner_cpu = -1;
	__atomic_store_n(&lock->owner, next_owner, __ATOMIC_RELEASE);
	/*
	 * Nobody holds ticket next_owner yet: no one to wake. Otherwise
	 * order the store above before reading halted_waiters (see
	 * spin_halt). A waiter only halts long after taking its ticket, so
	 * this cheap test never misses one.
	 */
	if (READ_ONCE(lock->next) == next_owner)
		return;
	smp_mb();
	if (READ_ONCE(lock->halted_waiters))
		spin_kick(lock, next_owner);
}

bool spin_is_locked(spinlock_t *lock)
{
	return READ_ONCE(lock->owner) != READ_ONCE(lock->next);
}

void __spin_lock(spinlock_t *lock, int subclass, unsigned long pc)
{
	lock_acquire(&lock->dep_map, lock, lock->name, LD_SPIN, subclass,
		     false, pc);
	arch_spin_lock(lock, pc);
}

bool __spin_trylock(spinlock_t *lock, unsigned long pc)
{
	if (!arch_spin_trylock(lock, pc))
		return false;
	lock_acquire(&lock->dep_map, lock, lock->name, LD_SPIN, 0, true, pc);
	return true;
}

void __spin_unlock(spinlock_t *lock)
{
	lock_release(&lock->dep_map, lock, LD_SPIN);
	arch_spin_unlock(lock);
}
