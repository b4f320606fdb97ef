// SPDX-License-Identifier: GPL-2.0
/*
 * Ticket spinlocks (see include/spinlock.h for the interface).
 */
#include <spinlock.h>
#include <kernel.h>
#include <smp.h>
#include <asm/processor.h>

void spin_lock_init(spinlock_t *lock, const char *name)
{
	*lock = (spinlock_t)__SPIN_LOCK_UNLOCKED(lock);
	lock->name = name;
}

void arch_spin_lock(spinlock_t *lock, unsigned long pc)
{
	u16 ticket = __atomic_fetch_add(&lock->next, 1, __ATOMIC_ACQUIRE);

	if (READ_ONCE(lock->owner) != ticket) {
		u64 start = rdtsc();

		while (__atomic_load_n(&lock->owner, __ATOMIC_ACQUIRE) != ticket)
			cpu_relax();
		lock->contended++;
		lock->spin_cycles += rdtsc() - start;
	}
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
	lock->owner_cpu = -1;
	__atomic_store_n(&lock->owner, (u16)(lock->owner + 1),
			 __ATOMIC_RELEASE);
}

bool spin_is_locked(spinlock_t *lock)
{
	return READ_ONCE(lock->owner) != READ_ONCE(lock->next);
}
