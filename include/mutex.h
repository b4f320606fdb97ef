/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sleeping locks (kernel/locking/mutex.c): struct mutex and struct
 * rw_semaphore. A task that cannot take one sleeps on the lock's wait
 * queue instead of spinning, so they may be held across anything that
 * sleeps (a copy from user memory, a page allocation, another sleeping
 * lock taken in a fixed order). They may not be taken from interrupt
 * context or with a spinlock held.
 *
 * The _killable variants give up with -EINTR when SIGKILL is pending:
 * use them wherever user space decides how long the holder keeps the
 * lock (a huge write(), a reader of a file being written).
 *
 * rw_semaphore: many readers or one writer. A waiting writer stops new
 * readers from entering, so a stream of readers cannot starve it.
 */
#ifndef _MUTEX_H
#define _MUTEX_H

#include <types.h>
#include <wait.h>
#include <lockdep.h>

struct task_struct;

struct mutex {
	spinlock_t wait_lock;		/* owner and the queue */
	struct task_struct *owner;	/* NULL when free */
	struct wait_queue_head wait;
	const char *name;
	struct lockdep_map dep_map;	/* its class (include/lockdep.h) */
};

#define __MUTEX_INITIALIZER(n)						\
	{ .wait_lock = __SPIN_LOCK_UNLOCKED(n.wait_lock),		\
	  .owner = NULL,						\
	  .wait = __WAIT_QUEUE_HEAD_INITIALIZER(n.wait),		\
	  .name = #n }
#define DEFINE_MUTEX(n)		struct mutex n = __MUTEX_INITIALIZER(n)

void __mutex_init(struct mutex *m, const char *name,
		  struct lock_class_key *key, unsigned long pc);
/* Each call site is a lock class of its own (include/lockdep.h). */
#define mutex_init(m, name)						\
	do {								\
		static struct lock_class_key __key;			\
		__mutex_init(m, name, &__key, _THIS_IP_);		\
	} while (0)
void mutex_lock(struct mutex *m);
/* The inner of two mutexes of one class, in a fixed order. */
void mutex_lock_nested(struct mutex *m, int subclass);
/* 0, or -EINTR if SIGKILL came first (the lock is not held then). */
int mutex_lock_killable(struct mutex *m);
int mutex_lock_killable_nested(struct mutex *m, int subclass);
/* true if taken without waiting. */
bool mutex_trylock(struct mutex *m);
void mutex_unlock(struct mutex *m);
/* Does the calling task hold m? (for assertions) */
bool mutex_is_locked_by_me(struct mutex *m);

struct rw_semaphore {
	spinlock_t lock;		/* everything below */
	int readers;			/* holders in read mode */
	struct task_struct *writer;	/* the holder in write mode */
	int writers_waiting;		/* blocks new readers */
	struct wait_queue_head wait;
	const char *name;
	struct lockdep_map dep_map;
};

void __init_rwsem(struct rw_semaphore *s, const char *name,
		  struct lock_class_key *key, unsigned long pc);
#define init_rwsem(s, name)						\
	do {								\
		static struct lock_class_key __key;			\
		__init_rwsem(s, name, &__key, _THIS_IP_);		\
	} while (0)
void down_read(struct rw_semaphore *s);
int down_read_killable(struct rw_semaphore *s);
void up_read(struct rw_semaphore *s);
void down_write(struct rw_semaphore *s);
int down_write_killable(struct rw_semaphore *s);
void down_write_nested(struct rw_semaphore *s, int subclass);
bool down_write_trylock(struct rw_semaphore *s);
void up_write(struct rw_semaphore *s);
/* Does the calling task hold s for writing? (for assertions) */
bool rwsem_is_write_locked_by_me(struct rw_semaphore *s);

#endif
