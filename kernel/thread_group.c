// SPDX-License-Identifier: GPL-2.0
/*
 * Thread groups: the threads of one process (clone with CLONE_THREAD).
 *
 *   leader (pid == tgid) <-> thread <-> thread <-> ... (ring, thread_group)
 *     live: members that have not exited yet (leader included)
 *     group_exit, group_exit_code: exit_group() in progress and its status
 *     group_exec_task: the thread whose execve waits for the others to die
 *
 * The ring holds the live members only. The leader's task_struct holds
 * the process: only it has a parent, it owns the process's children, its
 * shared pending signals, its interval timer and its CPU time totals. The
 * other threads reap themselves at exit. The leader may exit first
 * (pthread_exit in main): it then stays a zombie that still holds all of
 * that, that the parent cannot reap until `live` drops to zero, and that
 * keeps the process id for kill(); the last thread out tells the parent.
 * Each thread holds a reference on its leader until its own kernel stack
 * is freed (see put_task_struct()), so the leader's struct outlives them.
 *
 * exit_group() marks the group, posts SIGKILL to every other member and
 * kicks it (a wake-up if it sleeps interruptibly, a reschedule IPI if it
 * runs on another CPU); each one ends on its way back to user mode with
 * the group's status. execve() does the same to every thread but the
 * caller (de_thread()), then waits for them. tasklist_lock protects the
 * ring, the counters and the leader's place.
 */
#include <task.h>
#include <sched.h>
#include <signal.h>
#include <kernel.h>
#include <cputime.h>
#include <errno.h>

void do_group_exit(int status)
{
	struct task_struct *cur = current, *leader = cur->group_leader, *t;
	unsigned long flags;

	if (leader) {
		spin_lock_irqsave(&tasklist_lock, flags);
		if (leader->group_exit) {
			status = leader->group_exit_code;
		} else {
			leader->group_exit = 1;
			leader->group_exit_code = status;
			list_for_each_entry(t, &cur->thread_group, thread_group)
				sigkill_thread_locked(t);
		}
		spin_unlock_irqrestore(&tasklist_lock, flags);
	}
	do_exit(status);
}

bool thread_group_exit_locked(struct task_struct *t)
{
	struct task_struct *leader = t->group_leader;

	if (!leader)
		return true;
	list_del_init(&t->thread_group);
	BUG_ON(leader->live <= 0);
	if (--leader->live)
		return false;
	/*
	 * The last thread out after the leader: without exit_group() the
	 * process's status is this thread's (t->exit_code is set), as Linux
	 * reports it.
	 */
	if (leader != t)
		leader->exit_code = t->exit_code;
	return true;
}

bool thread_group_empty_locked(struct task_struct *leader)
{
	return leader->live == 0;
}

int thread_group_wait_status(struct task_struct *leader)
{
	return leader->group_exit ? leader->group_exit_code
				  : leader->exit_code;
}

void thread_group_wake_exec_locked(struct task_struct *leader)
{
	if (leader->group_exec_task && leader->live == 1)
		wake_up_process(leader->group_exec_task);
}

/* tasklist_lock held: post SIGKILL to every member of t's group but t. */
static void kill_other_threads_locked(struct task_struct *t)
{
	struct task_struct *m;

	list_for_each_entry(m, &t->thread_group, thread_group)
		sigkill_thread_locked(m);
}

/*
 * Mark the group as dying for current's execve and kill the others;
 * -EAGAIN if an exit_group() or another execve got there first (then
 * current has SIGKILL pending). With the group's status set to SIGKILL,
 * an exit_group() that races with us ends only its own thread, and an
 * execve that a SIGKILL interrupts ends the process with that signal.
 */
static int start_exec_kill(struct task_struct *leader)
{
	struct task_struct *t = current;
	unsigned long flags;
	int err = 0;

	spin_lock_irqsave(&tasklist_lock, flags);
	if (leader->group_exit) {
		err = -EAGAIN;
	} else {
		leader->group_exit = 1;
		leader->group_exit_code = W_SIGNALED(SIGKILL);
		leader->group_exec_task = t;
		kill_other_threads_locked(t);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return err;
}

/*
 * Sleep until current is the group's only live member. Uninterruptible:
 * the others die of SIGKILL on their way to user mode, and a signal for
 * us must not end the wait early (it is still pending after the exec).
 */
static void wait_other_threads_gone(struct task_struct *leader)
{
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	while (leader->live > 1) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		spin_unlock_irqrestore(&tasklist_lock, flags);
		schedule();
		spin_lock_irqsave(&tasklist_lock, flags);
	}
	__set_current_state(TASK_RUNNING);
	leader->group_exec_task = NULL;
	leader->group_exit = 0;
	leader->group_exit_code = 0;
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/* tasklist_lock held: the old leader's parent and children become t's. */
static void take_over_family_locked(struct task_struct *t,
				    struct task_struct *old)
{
	struct task_struct *child, *tmp;

	t->parent = old->parent;
	old->parent = NULL;
	if (!list_empty(&old->sibling)) {
		list_del_init(&old->sibling);
		list_add_tail(&t->sibling, &t->parent->children);
	}
	list_for_each_entry_safe(child, tmp, &old->children, sibling) {
		list_del(&child->sibling);
		list_add_tail(&child->sibling, &t->children);
		child->parent = t;
	}
}

/*
 * tasklist_lock held; old (the leader) has exited, t is the process's
 * only thread. t takes the process id and everything the process keeps
 * in its leader; old becomes an exited thread and is released. Returns
 * true if old was still a zombie: the caller drops the reaper's reference.
 */
static bool take_over_leader_locked(struct task_struct *t,
				    struct task_struct *old)
{
	pid_t tid = t->pid;
	bool zombie = old->exit_state == EXIT_ZOMBIE;

	BUG_ON(!old->exit_state || old->live != 1);
	t->pid = old->pid;
	old->pid = tid;
	take_over_family_locked(t, old);
	t->exit_signal = SIGCHLD;	/* as Linux */
	t->group_leader = t;
	t->live = 1;
	old->live = 0;
	cputime_take_over_leader_locked(t, old);
	signals_take_over_leader_locked(t, old);
	if (zombie) {
		list_del_init(&old->tasks);
		old->exit_state = EXIT_DEAD;
	}
	return zombie;
}

static void take_over_leader(struct task_struct *old)
{
	struct task_struct *t = current;
	unsigned long flags;
	bool reap;

	/* First: it waits for a running timer callback, which sends. */
	itimer_take_over(t, old);
	spin_lock_irqsave(&tasklist_lock, flags);
	reap = take_over_leader_locked(t, old);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (reap)
		put_task_struct(old);	/* the parent's, who will reap t */
	/*
	 * As wait4() does: wait until old has made its last switch. Not
	 * until every other reference is gone: a reader of /proc/PID may
	 * hold one for as long as it likes (whoever drops the last frees
	 * the stack), and the killed threads drop theirs on their last
	 * switch, just after this.
	 */
	wait_for_last_switch(old);
	put_task_struct(old);		/* t's pin on its leader */
}

int de_thread(void)
{
	struct task_struct *t = current, *leader = t->group_leader;
	int err;

	/* Alone already: the common case. */
	if (!leader || (leader == t && READ_ONCE(leader->live) == 1))
		return 0;
	err = start_exec_kill(leader);
	if (err)
		return err;
	wait_other_threads_gone(leader);
	if (leader != t)
		take_over_leader(leader);
	return 0;
}
