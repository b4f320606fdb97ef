/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Ticket spinlocks. A CPU takes a ticket (atomic increment of `next`) and
 * spins until `owner` reaches it, so CPUs get the lock in arrival order.
 *
 * spin_lock() disables preemption; spin_lock_irqsave() also disables local
 * interrupts and must be used for any lock also taken from an interrupt
 * handler.
 *
 * Debug mode (boot parameter `spinlock_debug`, `spinlock_debug=0` to turn
 * it off; on by default when tests run) panics on misuse before it
 * changes the lock: taking a lock this CPU already holds (recursion),
 * unlocking a lock this CPU does not hold, and spinning longer than
 * spin_debug_timeout_ms (a lockup), reporting the owner CPU and where it
 * took the lock. Documentation/smp.md lists the locking rules.
 *
 * Halting waiters: a ticket lock hands the lock to the next waiter in
 * line even when the host has descheduled that (virtual) CPU, and under
 * TCG with more vCPUs than host cores every waiter behind it then spins
 * for a whole host time slice. So a waiter that has spun for a while with
 * interrupts enabled halts instead (giving its host CPU to the others)
 * and the unlocker wakes the next ticket's holder with an IPI; the timer
 * tick wakes it too, as a backstop. Waiters with interrupts disabled
 * always spin. `spinlock_halt=0` turns halting off.
 */
#ifndef _SPINLOCK_H
#define _SPINLOCK_H

#include <types.h>
#include <preempt.h>
#include <asm/irqflags.h>
#include <lockdep.h>

/* Address of the current instruction: where a lock was taken. */
#define _THIS_IP_ ({ __label__ __here; __here: (unsigned long)&&__here; })

typedef struct spinlock {
	volatile u16 owner;	/* ticket now being served */
	volatile u16 next;	/* next ticket to hand out */
	const char *name;
	int owner_cpu;		/* debug: CPU holding the lock, or -1 */
	unsigned long owner_pc;	/* debug: where it was taken */
	u32 contended;		/* acquisitions that had to spin */
	u64 spin_cycles;	/* TSC cycles spent spinning */
	u32 halted_waiters;	/* waiters now halted, awaiting a kick */
	struct lockdep_map dep_map;	/* its class (include/lockdep.h) */
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED(n) \
	{ .owner = 0, .next = 0, .name = #n, .owner_cpu = -1 }
#define DEFINE_SPINLOCK(n)	spinlock_t n = __SPIN_LOCK_UNLOCKED(n)

void __spin_lock_init(spinlock_t *lock, const char *name,
		      struct lock_class_key *key, unsigned long pc);
/* Each call site is a lock class of its own (include/lockdep.h). */
#define spin_lock_init(lock, name)					\
	do {								\
		static struct lock_class_key __key;			\
		__spin_lock_init(lock, name, &__key, _THIS_IP_);	\
	} while (0)

/* Debug mode on? (see above) */
bool spin_debug_enabled(void);
/* Lockup threshold in debug mode; tests lower it. Default 5000 ms. */
extern unsigned int spin_debug_timeout_ms;

/* Times `cpu` halted waiting for a lock, and kicks it sent. */
void spin_halt_counts(int cpu, u32 *halts, u32 *kicks);

/* The architecture wakes a halted waiter on `cpu` (an IPI). */
void arch_spin_kick_cpu(int cpu);
/* Can waiters halt (are other CPUs up and kick IPIs working)? */
bool arch_spin_can_halt(void);

/* The raw lock: no preemption or interrupt handling, not validated
 * (the run-queue and console locks, whose holders the validator cannot
 * follow through a context switch or a panic). */
void arch_spin_lock(spinlock_t *lock, unsigned long pc);
void arch_spin_unlock(spinlock_t *lock);
bool arch_spin_trylock(spinlock_t *lock, unsigned long pc);

/* The raw lock plus the lock validator. */
void __spin_lock(spinlock_t *lock, int subclass, unsigned long pc);
bool __spin_trylock(spinlock_t *lock, unsigned long pc);
void __spin_unlock(spinlock_t *lock);


static __always_inline void spin_lock(spinlock_t *lock)
{
	preempt_disable();
	__spin_lock(lock, 0, _THIS_IP_);
}

static __always_inline bool spin_trylock(spinlock_t *lock)
{
	preempt_disable();
	if (__spin_trylock(lock, _THIS_IP_))
		return true;
	preempt_enable();
	return false;
}

static __always_inline void spin_unlock(spinlock_t *lock)
{
	__spin_unlock(lock);
	preempt_enable();
}

#define spin_lock_irqsave(lock, flags)					\
	do {								\
		local_irq_save(flags);					\
		preempt_disable();					\
		__spin_lock(lock, 0, _THIS_IP_);			\
	} while (0)

static __always_inline void spin_unlock_irqrestore(spinlock_t *lock,
						   unsigned long flags)
{
	__spin_unlock(lock);
	local_irq_restore(flags);
	preempt_enable();
}

static __always_inline void spin_lock_irq(spinlock_t *lock)
{
	local_irq_disable();
	preempt_disable();
	__spin_lock(lock, 0, _THIS_IP_);
}

static __always_inline void spin_unlock_irq(spinlock_t *lock)
{
	__spin_unlock(lock);
	local_irq_enable();
	preempt_enable();
}

/* Nest a second lock of a class already held, in an order the caller
 * guarantees (see include/lockdep.h). */
static __always_inline void spin_lock_nested(spinlock_t *lock, int subclass)
{
	preempt_disable();
	__spin_lock(lock, subclass, _THIS_IP_);
}

#define spin_lock_irqsave_nested(lock, flags, subclass)			\
	do {								\
		local_irq_save(flags);					\
		preempt_disable();					\
		__spin_lock(lock, subclass, _THIS_IP_);			\
	} while (0)

bool spin_is_locked(spinlock_t *lock);
/* True if this CPU holds `lock` (tracked in every mode). */
bool spin_is_held_by_this_cpu(spinlock_t *lock);

#endif
