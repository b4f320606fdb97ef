/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The lock validator (kernel/locking/lockdep.c), Linux's lockdep in
 * miniature. It proves locking rules from the orders locks are actually
 * taken in, so a deadlock that needs an unlucky interleaving is reported
 * the first time each half of it merely happens.
 *
 * Every spinlock, mutex and rw_semaphore belongs to a lock class: the
 * place its initialiser ran (spin_lock_init(), mutex_init(), init_rwsem()
 * keep a static key per call site), or, for a statically defined lock
 * (DEFINE_SPINLOCK, DEFINE_MUTEX, ...), the lock itself. All the i_locks
 * of all inodes are one class; so are all wait-queue locks made by
 * init_waitqueue_head().
 *
 * Taking a lock of class B while holding one of class A records the
 * dependency A -> B. The validator panics, naming both locks, both
 * places they were taken and the CPU, when
 *  - a new dependency closes a cycle (A -> B while B -> ... -> A was
 *    seen: two CPUs taking them in the two orders deadlock);
 *  - a class is taken in a hard interrupt handler and elsewhere with
 *    interrupts enabled, directly or through a dependency (an
 *    interrupt-safe class held while taking an interrupt-unsafe one);
 *  - a task sleeps (schedule(), a mutex, a semaphore, might_sleep())
 *    while holding a spinlock.
 * Spinlocks are tracked per CPU (they pin the task there), sleeping locks
 * per task. Dependencies are only recorded between locks taken in the
 * same context (a handler's locks do not depend on the ones held by the
 * code it interrupted; the interrupt rules cover that case).
 *
 * Boot parameter `lockdep` (`lockdep=0` off, `lockdep=1` on); by default
 * on exactly when tests run (ktest=), like spinlock_debug. Off, each lock
 * operation pays one predictable branch.
 *
 * Two locks of one class may nest only in a fixed order the validator
 * cannot see (two inodes by address, say): take the inner one with a
 * nonzero subclass (spin_lock_nested(), mutex_lock_nested()), which makes
 * it a class of its own.
 */
#ifndef _LOCKDEP_H
#define _LOCKDEP_H

#include <types.h>

struct lock_class;

/* The caller's address: where a lock function was called from. */
#ifndef _RET_IP_
#define _RET_IP_	((unsigned long)__builtin_return_address(0))
#endif

/* One per initialisation site; only its address matters. */
struct lock_class_key {
	char unused;
};

/* The validator's view of one lock, embedded in every lock. */
struct lockdep_map {
	struct lock_class_key *key;	/* NULL: a statically defined lock */
	unsigned long init_pc;		/* where it was initialised */
	struct lock_class *class;	/* cached class lookup */
};

#define LOCKDEP_MAX_SUBCLASS	8

/* What a task holds of sleeping locks (lives in task_struct). */
#define LOCKDEP_TASK_DEPTH	12
struct lockdep_held {
	struct lock_class *class;
	const void *lock;
	unsigned long pc;
	u8 irq_ctx;		/* hard-irq nesting when taken */
	u8 trylock;
};

struct lockdep_task {
	int depth;
	struct lockdep_held held[LOCKDEP_TASK_DEPTH];
};

/* Kinds of lock, for the reports and the sleep check. */
enum lockdep_kind {
	LD_SPIN,
	LD_MUTEX,
	LD_RWSEM,
};

/* Is the validator on? (boot parameter above) */
bool lockdep_enabled(void);
/* Start validating; the per-CPU areas must exist. */
void lockdep_init(void);

/**
 * lockdep_init_map - give a lock its class
 * @map: the lock's map
 * @key: the initialisation site's static key
 * @pc: where the initialiser was called from (for the reports)
 */
static inline void lockdep_init_map(struct lockdep_map *map,
				    struct lock_class_key *key,
				    unsigned long pc)
{
	map->key = key;
	map->init_pc = pc;
	map->class = NULL;
}

/**
 * lock_acquire - a lock is about to be taken (checks, then records it)
 * @map: the lock's map
 * @lock: the lock
 * @name: its name (the class takes the first one it sees)
 * @kind: spinlock, mutex or rw_semaphore
 * @subclass: 0, or a nesting level (see above)
 * @trylock: a trylock that succeeded: record it, order nothing
 * @pc: where it is taken
 *
 * Call before waiting for the lock (so an inversion is reported instead
 * of deadlocking), except for trylocks, after they succeed.
 */
void lock_acquire(struct lockdep_map *map, const void *lock,
		  const char *name, enum lockdep_kind kind, int subclass, bool trylock,
		  unsigned long pc);
/**
 * lock_release - a lock was dropped
 * @map: the lock's map
 * @lock: the lock
 * @kind: as given to lock_acquire()
 */
void lock_release(struct lockdep_map *map, const void *lock,
		  enum lockdep_kind kind);

/**
 * lockdep_might_sleep - panic if this CPU holds a spinlock
 * @what: what would sleep (for the report)
 * @pc: where
 */
void lockdep_might_sleep(const char *what, unsigned long pc);

/* Spinlocks this CPU holds (0 when the validator is off). */
int lockdep_spin_depth(void);

#endif
