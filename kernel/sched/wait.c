// SPDX-License-Identifier: GPL-2.0
/*
 * Wait queues and completions (include/wait.h). The queue lock is taken
 * with interrupts off because interrupt handlers wake queues.
 */
#include <wait.h>
#include <task.h>
#include <sched.h>
#include <kernel.h>

void __init_waitqueue_head(struct wait_queue_head *wq, const char *name,
			   struct lock_class_key *key, unsigned long pc)
{
	__spin_lock_init(&wq->lock, name, key, pc);
	INIT_LIST_HEAD(&wq->head);
}

int default_wake_function(struct wait_queue_entry *w, unsigned int mode)
{
	return try_to_wake_up(w->task, mode);
}

/*
 * finish_wait() peeks at the entry without the queue lock and, seeing it
 * empty, returns: the entry (on the waiter's stack) is gone. So the entry
 * may read as empty only after our last store to it: prev first, then
 * next with release (Linux's list_del_init_careful()).
 */
static void list_del_init_careful(struct list_head *e)
{
	e->next->prev = e->prev;
	e->prev->next = e->next;
	WRITE_ONCE(e->prev, e);
	__atomic_store_n(&e->next, e, __ATOMIC_RELEASE);
}

static bool list_empty_careful(struct list_head *e)
{
	return __atomic_load_n(&e->next, __ATOMIC_ACQUIRE) == e &&
	       READ_ONCE(e->prev) == e;
}

int autoremove_wake_function(struct wait_queue_entry *w, unsigned int mode)
{
	int woken = default_wake_function(w, mode);

	if (woken)
		list_del_init_careful(&w->entry);
	return woken;
}

void add_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *w)
{
	unsigned long flags;

	w->flags &= ~WQ_FLAG_EXCLUSIVE;
	spin_lock_irqsave(&wq->lock, flags);
	list_add(&w->entry, &wq->head);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void remove_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *w)
{
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	list_del_init(&w->entry);
	spin_unlock_irqrestore(&wq->lock, flags);
}

/*
 * Queue w (if it is not queued) and set the caller's state, both under the
 * queue lock, so a wake_up() that runs after this sees the entry.
 */
void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *w,
		     unsigned int state)
{
	unsigned long flags;

	w->flags &= ~WQ_FLAG_EXCLUSIVE;
	spin_lock_irqsave(&wq->lock, flags);
	if (list_empty(&w->entry))
		list_add(&w->entry, &wq->head);
	set_current_state(state);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void prepare_to_wait_exclusive(struct wait_queue_head *wq,
			       struct wait_queue_entry *w, unsigned int state)
{
	unsigned long flags;

	w->flags |= WQ_FLAG_EXCLUSIVE;
	spin_lock_irqsave(&wq->lock, flags);
	if (list_empty(&w->entry))
		list_add_tail(&w->entry, &wq->head);
	set_current_state(state);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *w)
{
	unsigned long flags;

	__set_current_state(TASK_RUNNING);
	/* Unlocked peek first: the waker usually removed us already. */
	if (!list_empty_careful(&w->entry)) {
		spin_lock_irqsave(&wq->lock, flags);
		list_del_init(&w->entry);
		spin_unlock_irqrestore(&wq->lock, flags);
	}
}

/* wq->lock held. */
static void __wake_up_locked(struct wait_queue_head *wq, unsigned int mode,
			     int nr)
{
	struct wait_queue_entry *w, *tmp;

	list_for_each_entry_safe(w, tmp, &wq->head, entry) {
		unsigned int wflags = w->flags;

		if (w->func(w, mode) && (wflags & WQ_FLAG_EXCLUSIVE) &&
		    nr && !--nr)
			break;
	}
}

void __wake_up(struct wait_queue_head *wq, unsigned int mode, int nr)
{
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	__wake_up_locked(wq, mode, nr);
	spin_unlock_irqrestore(&wq->lock, flags);
}

bool waitqueue_active(struct wait_queue_head *wq)
{
	return !list_empty(&wq->head);
}

/* ---- completions ---------------------------------------------------------- */

void init_completion(struct completion *c)
{
	c->done = 0;
	init_waitqueue_head(&c->wait);
}

/*
 * Count and wake in one lock hold. The waiter may consume `done` and
 * return as soon as the lock is free, and a completion usually lives on
 * its stack (vfork's in do_fork()): after our unlock it may be gone.
 */
void complete(struct completion *c)
{
	unsigned long flags;

	spin_lock_irqsave(&c->wait.lock, flags);
	if (c->done != ~0u)
		c->done++;
	__wake_up_locked(&c->wait, TASK_NORMAL, 1);
	spin_unlock_irqrestore(&c->wait.lock, flags);
}

void complete_all(struct completion *c)
{
	unsigned long flags;

	spin_lock_irqsave(&c->wait.lock, flags);
	c->done = ~0u;
	__wake_up_locked(&c->wait, TASK_NORMAL, 0);
	spin_unlock_irqrestore(&c->wait.lock, flags);
}

/* Consume one "done"; under the queue lock. */
static bool try_wait_for_completion(struct completion *c)
{
	unsigned long flags;
	bool ret = false;

	spin_lock_irqsave(&c->wait.lock, flags);
	if (c->done) {
		if (c->done != ~0u)
			c->done--;
		ret = true;
	}
	spin_unlock_irqrestore(&c->wait.lock, flags);
	return ret;
}

void wait_for_completion(struct completion *c)
{
	wait_event(c->wait, try_wait_for_completion(c));
}

int wait_for_completion_killable(struct completion *c)
{
	return wait_event_killable(c->wait, try_wait_for_completion(c));
}

bool wait_for_completion_timeout(struct completion *c, u64 ns)
{
	return wait_event_timeout(c->wait, try_wait_for_completion(c), ns) != 0;
}
