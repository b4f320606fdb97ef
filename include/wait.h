/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Wait queues: a task sleeps on a queue until another context (another
 * task, an interrupt handler) makes its condition true and wakes the
 * queue (kernel/sched/wait.c).
 *
 * The sleeper's protocol, which cannot lose a wake-up:
 *
 *	DEFINE_WAIT(w);
 *	for (;;) {
 *		prepare_to_wait(&wq, &w, TASK_UNINTERRUPTIBLE);
 *		if (condition)			(tested AFTER the state is set)
 *			break;
 *		schedule();
 *	}
 *	finish_wait(&wq, &w);
 *
 * The waker makes the condition true first, then calls wake_up(&wq).
 * wait_event*() wrap that loop.
 *
 * A completion is a wait queue with a counter: "this has happened".
 */
#ifndef _WAIT_H
#define _WAIT_H

#include <types.h>
#include <list.h>
#include <spinlock.h>
#include <preempt.h>

struct task_struct;
struct wait_queue_entry;

typedef int (*wait_queue_func_t)(struct wait_queue_entry *w, unsigned int mode);

#define WQ_FLAG_EXCLUSIVE	0x01	/* wake_up() wakes one of these */

struct wait_queue_entry {
	unsigned int flags;
	struct task_struct *task;
	wait_queue_func_t func;
	struct list_head entry;
};

struct wait_queue_head {
	spinlock_t lock;
	struct list_head head;
};
typedef struct wait_queue_head wait_queue_head_t;

#define __WAIT_QUEUE_HEAD_INITIALIZER(name)				\
	{ .lock = __SPIN_LOCK_UNLOCKED(name.lock),			\
	  .head = LIST_HEAD_INIT(name.head) }
#define DECLARE_WAIT_QUEUE_HEAD(name)					\
	struct wait_queue_head name = __WAIT_QUEUE_HEAD_INITIALIZER(name)

void __init_waitqueue_head(struct wait_queue_head *wq, const char *name,
			   struct lock_class_key *key, unsigned long pc);
/* Each call site is a lock class of its own (include/lockdep.h). */
#define init_waitqueue_head(wq)						\
	do {								\
		static struct lock_class_key __key;			\
		__init_waitqueue_head(wq, #wq, &__key, _THIS_IP_);	\
	} while (0)

/* The default wake function: try_to_wake_up(entry->task). */
int default_wake_function(struct wait_queue_entry *w, unsigned int mode);
/* As the default, and removes the entry so it cannot be woken twice. */
int autoremove_wake_function(struct wait_queue_entry *w, unsigned int mode);

#define DEFINE_WAIT(name)						\
	struct wait_queue_entry name = {				\
		.task = current, .func = autoremove_wake_function,	\
		.entry = LIST_HEAD_INIT(name.entry) }

void add_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *w);
void remove_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *w);
void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *w,
		     unsigned int state);
void prepare_to_wait_exclusive(struct wait_queue_head *wq,
			       struct wait_queue_entry *w, unsigned int state);
void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *w);

/* Wake every non-exclusive waiter and up to nr exclusive ones (0: all). */
void __wake_up(struct wait_queue_head *wq, unsigned int mode, int nr);
#define wake_up(wq)		__wake_up(wq, TASK_NORMAL, 1)
#define wake_up_nr(wq, nr)	__wake_up(wq, TASK_NORMAL, nr)
#define wake_up_all(wq)		__wake_up(wq, TASK_NORMAL, 0)
#define wake_up_interruptible(wq) __wake_up(wq, TASK_INTERRUPTIBLE, 1)
#define wake_up_interruptible_all(wq) __wake_up(wq, TASK_INTERRUPTIBLE, 0)
bool waitqueue_active(struct wait_queue_head *wq);

/* Sleep until cond. */
#define wait_event(wq, cond)						\
	do {								\
		DEFINE_WAIT(__w);					\
		might_sleep();						\
		for (;;) {						\
			prepare_to_wait(&(wq), &__w, TASK_UNINTERRUPTIBLE);		\
			if (cond)					\
				break;					\
			schedule();					\
		}							\
		finish_wait(&(wq), &__w);				\
	} while (0)

/* Sleep until cond or a signal: 0, or -EINTR. */
#define wait_event_interruptible(wq, cond)				\
	({								\
		int __ret = 0;						\
		DEFINE_WAIT(__w);					\
		might_sleep();						\
		for (;;) {						\
			prepare_to_wait(&(wq), &__w, TASK_INTERRUPTIBLE);		\
			if (cond)					\
				break;					\
			if (signal_pending(current)) {			\
				__ret = -EINTR;				\
				break;					\
			}						\
			schedule();					\
		}							\
		finish_wait(&(wq), &__w);				\
		__ret;							\
	})

/* Sleep until cond or SIGKILL: 0, or -EINTR (the task is dying). */
#define wait_event_killable(wq, cond)					\
	({								\
		int __ret = 0;						\
		DEFINE_WAIT(__w);					\
		might_sleep();						\
		for (;;) {						\
			prepare_to_wait(&(wq), &__w, TASK_KILLABLE);	\
			if (cond)					\
				break;					\
			if (fatal_signal_pending(current)) {		\
				__ret = -EINTR;				\
				break;					\
			}						\
			schedule();					\
		}							\
		finish_wait(&(wq), &__w);				\
		__ret;							\
	})

/* Sleep until cond or `ns` have passed: the time left (>= 1) if cond
 * became true, 0 on timeout. */
#define wait_event_timeout(wq, cond, ns)				\
	({								\
		u64 __left = (ns);					\
		DEFINE_WAIT(__w);					\
		might_sleep();						\
		for (;;) {						\
			prepare_to_wait(&(wq), &__w, TASK_UNINTERRUPTIBLE);		\
			if (cond) {					\
				__left = __left ? __left : 1;		\
				break;					\
			}						\
			if (!__left)					\
				break;					\
			__left = schedule_timeout(__left);		\
		}							\
		finish_wait(&(wq), &__w);				\
		__left;							\
	})

struct completion {
	unsigned int done;
	struct wait_queue_head wait;
};

void init_completion(struct completion *c);
void complete(struct completion *c);
void complete_all(struct completion *c);
void wait_for_completion(struct completion *c);
/* 0, or -EINTR if SIGKILL came first. */
int wait_for_completion_killable(struct completion *c);
/* true if completed, false on timeout. */
bool wait_for_completion_timeout(struct completion *c, u64 ns);

#include <task.h>
#include <sched.h>
#include <errno.h>

#endif
