// SPDX-License-Identifier: GPL-2.0
/*
 * Sleeping locks: struct mutex and struct rw_semaphore (include/mutex.h).
 *
 * Both are a small state word guarded by a spinlock, and a wait queue.
 * A task that finds the lock taken queues itself exclusively, sleeps,
 * and tries again when woken: the holder's unlock wakes one waiter (a
 * mutex) or everyone (a rw_semaphore, whose waiters may be readers that
 * can all go in together). The usual wait-queue protocol (state set
 * before the test) means an unlock between the test and schedule() is
 * not lost.
 */
#include <mutex.h>
#include <task.h>
#include <sched.h>
#include <signal.h>
#include <panic.h>
#include <errno.h>


void __mutex_init(struct mutex *m, const char *name,
		  struct lock_class_key *key, unsigned long pc)
{
	spin_lock_init(&m->wait_lock, name);
	m->owner = NULL;
	init_waitqueue_head(&m->wait);
	m->name = name;
	lockdep_init_map(&m->dep_map, key, pc);
}


static bool mutex_trylock_raw(struct mutex *m)
{
	bool taken = false;

	spin_lock(&m->wait_lock);
	if (!m->owner) {
		m->owner = current;
		taken = true;
	}
	spin_unlock(&m->wait_lock);
	return taken;
}

static int __mutex_lock(struct mutex *m, unsigned int state, bool killable,
			int subclass, unsigned long pc)
{
	DEFINE_WAIT(w);
	int ret = 0;

	if (m->owner == current)
		panic("mutex %s: recursive lock", m->name);
	might_sleep();
	lock_acquire(&m->dep_map, m, m->name, LD_MUTEX, subclass, false, pc);
	if (mutex_trylock_raw(m))
		return 0;
	for (;;) {
		prepare_to_wait_exclusive(&m->wait, &w, state);
		if (mutex_trylock_raw(m))
			break;
		if (killable && fatal_signal_pending(current)) {
			ret = -EINTR;
			break;
		}
		schedule();
	}
	finish_wait(&m->wait, &w);
	/* We may have been woken as the one exclusive waiter and then
	 * given up: pass the wake-up on so nobody sleeps on a free lock. */
	if (ret) {
		lock_release(&m->dep_map, m, LD_MUTEX);
		wake_up(&m->wait);
	}
	return ret;
}

bool mutex_trylock(struct mutex *m)
{
	if (!mutex_trylock_raw(m))
		return false;
	lock_acquire(&m->dep_map, m, m->name, LD_MUTEX, 0, true, _RET_IP_);
	return true;
}

void mutex_lock(struct mutex *m)
{
	__mutex_lock(m, TASK_UNINTERRUPTIBLE, false, 0, _RET_IP_);
}

void mutex_lock_nested(struct mutex *m, int subclass)
{
	__mutex_lock(m, TASK_UNINTERRUPTIBLE, false, subclass, _RET_IP_);
}

int mutex_lock_killable(struct mutex *m)
{
	return __mutex_lock(m, TASK_KILLABLE, true, 0, _RET_IP_);
}

int mutex_lock_killable_nested(struct mutex *m, int subclass)
{
	return __mutex_lock(m, TASK_KILLABLE, true, subclass, _RET_IP_);
}

void mutex_unlock(struct mutex *m)
{
	lock_release(&m->dep_map, m, LD_MUTEX);
	spin_lock(&m->wait_lock);
	if (m->owner != current)
		panic("mutex %s: unlocked by a task that does not hold it",
		      m->name);
	m->owner = NULL;
	spin_unlock(&m->wait_lock);
	wake_up(&m->wait);
}

bool mutex_is_locked_by_me(struct mutex *m)
{
	return READ_ONCE(m->owner) == current;
}

/* ---- rw_semaphore ----------------------------------------------------- */

void __init_rwsem(struct rw_semaphore *s, const char *name,
		  struct lock_class_key *key, unsigned long pc)
{
	lockdep_init_map(&s->dep_map, key, pc);
	spin_lock_init(&s->lock, name);
	s->readers = 0;
	s->writer = NULL;
	s->writers_waiting = 0;
	init_waitqueue_head(&s->wait);
	s->name = name;
}

static bool read_trylock(struct rw_semaphore *s)
{
	bool taken = false;

	spin_lock(&s->lock);
	if (!s->writer && !s->writers_waiting) {
		s->readers++;
		taken = true;
	}
	spin_unlock(&s->lock);
	return taken;
}

/* A writer takes the lock; `waiting` says it counted itself as waiting. */
static bool write_trylock(struct rw_semaphore *s, bool waiting)
{
	bool taken = false;

	spin_lock(&s->lock);
	if (!s->writer && !s->readers) {
		s->writer = current;
		if (waiting)
			s->writers_waiting--;
		taken = true;
	}
	spin_unlock(&s->lock);
	return taken;
}

static void writer_stops_waiting(struct rw_semaphore *s)
{
	spin_lock(&s->lock);
	s->writers_waiting--;
	spin_unlock(&s->lock);
}

static int __down_read(struct rw_semaphore *s, unsigned int state,
		       bool killable, unsigned long pc)
{
	DEFINE_WAIT(w);
	int ret = 0;

	if (s->writer == current)
		panic("rwsem %s: read lock while holding it for writing",
		      s->name);
	might_sleep();
	lock_acquire(&s->dep_map, s, s->name, LD_RWSEM, 0, false, pc);
	if (read_trylock(s))
		return 0;
	for (;;) {
		prepare_to_wait(&s->wait, &w, state);
		if (read_trylock(s))
			break;
		if (killable && fatal_signal_pending(current)) {
			ret = -EINTR;
			break;
		}
		schedule();
	}
	finish_wait(&s->wait, &w);
	if (ret)
		lock_release(&s->dep_map, s, LD_RWSEM);
	return ret;
}

static int __down_write(struct rw_semaphore *s, unsigned int state,
			bool killable, int subclass, unsigned long pc)
{
	DEFINE_WAIT(w);
	int ret = 0;

	if (s->writer == current)
		panic("rwsem %s: recursive write lock", s->name);
	might_sleep();
	lock_acquire(&s->dep_map, s, s->name, LD_RWSEM, subclass, false, pc);
	if (write_trylock(s, false))
		return 0;
	spin_lock(&s->lock);
	s->writers_waiting++;
	spin_unlock(&s->lock);
	for (;;) {
		prepare_to_wait(&s->wait, &w, state);
		if (write_trylock(s, true))
			break;
		if (killable && fatal_signal_pending(current)) {
			writer_stops_waiting(s);
			ret = -EINTR;
			break;
		}
		schedule();
	}
	finish_wait(&s->wait, &w);
	if (ret) {
		lock_release(&s->dep_map, s, LD_RWSEM);
		__wake_up(&s->wait, TASK_NORMAL, 0);	/* readers it held back */
	}
	return ret;
}

void down_read(struct rw_semaphore *s)
{
	__down_read(s, TASK_UNINTERRUPTIBLE, false, _RET_IP_);
}

int down_read_killable(struct rw_semaphore *s)
{
	return __down_read(s, TASK_KILLABLE, true, _RET_IP_);
}

void down_write(struct rw_semaphore *s)
{
	__down_write(s, TASK_UNINTERRUPTIBLE, false, 0, _RET_IP_);
}

void down_write_nested(struct rw_semaphore *s, int subclass)
{
	__down_write(s, TASK_UNINTERRUPTIBLE, false, subclass, _RET_IP_);
}

int down_write_killable(struct rw_semaphore *s)
{
	return __down_write(s, TASK_KILLABLE, true, 0, _RET_IP_);
}

bool down_write_trylock(struct rw_semaphore *s)
{
	if (!write_trylock(s, false))
		return false;
	lock_acquire(&s->dep_map, s, s->name, LD_RWSEM, 0, true, _RET_IP_);
	return true;
}

void up_read(struct rw_semaphore *s)
{
	bool last;

	lock_release(&s->dep_map, s, LD_RWSEM);
	spin_lock(&s->lock);
	if (s->readers <= 0)
		panic("rwsem %s: up_read without readers", s->name);
	last = --s->readers == 0;
	spin_unlock(&s->lock);
	if (last)
		__wake_up(&s->wait, TASK_NORMAL, 0);
}

void up_write(struct rw_semaphore *s)
{
	lock_release(&s->dep_map, s, LD_RWSEM);
	spin_lock(&s->lock);
	if (s->writer != current)
		panic("rwsem %s: up_write by a task that does not hold it",
		      s->name);
	s->writer = NULL;
	spin_unlock(&s->lock);
	__wake_up(&s->wait, TASK_NORMAL, 0);
}

bool rwsem_is_write_locked_by_me(struct rw_semaphore *s)
{
	return READ_ONCE(s->writer) == current;
}
