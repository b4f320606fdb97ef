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

unsigned int spin_debug_timeout_ms = 5000;
static int debug_param = -1;	/* -1: on only when tests run */

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

void spin_lock_init(spinlock_t *lock, const char *name)
{
	*lock = (spinlock_t)__SPIN_LOCK_UNLOCKED(lock);
	lock->name = name;
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
	panic("spinlock lockup: CPU %d spun %u ms on %s (%p) at %pS; held by "
	      "CPU %d, taken at %pS", smp_processor_id(),
	      (u32)(cycles / tsc_khz), lock_name(lock), lock, (void *)pc,
	      READ_ONCE(lock->owner_cpu), (void *)READ_ONCE(lock->owner_pc));
}

static void spin_wait(spinlock_t *lock, u16 ticket, unsigned long pc)
{
	u64 start = rdtsc(), limit = 0, now;

	if (spin_debug_enabled() && tsc_khz)
		limit = (u64)spin_debug_timeout_ms * tsc_khz;
	while (__atomic_load_n(&lock->owner, __ATOMIC_ACQUIRE) != ticket) {
		cpu_relax();
		if (limit && (now = rdtsc()) - start > limit)
			spin_lockup(lock, pc, now - start);
	}
	/* Counted by the new holder, so no atomics are needed. */
	lock->contended++;
	lock->spin_cycles += rdtsc() - start;
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
	lock->owner_cpu = -1;
	__atomic_store_n(&lock->owner, (u16)(lock->owner + 1),
			 __ATOMIC_RELEASE);
}

bool spin_is_locked(spinlock_t *lock)
{
	return READ_ONCE(lock->owner) != READ_ONCE(lock->next);
}
