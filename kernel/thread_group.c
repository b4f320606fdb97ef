// SPDX-License-Identifier: GPL-2.0
/*
 * Thread groups: the threads of one process (clone with CLONE_THREAD).
 *
 *   leader (pid == tgid) <-> thread <-> thread <-> ... (ring, thread_group)
 *     live: members that have not exited yet (leader included)
 *     group_exit, group_exit_code: exit_group() in progress and its status
 *
 * Only the leader has a parent; the other threads reap themselves at exit.
 * The leader may exit first (pthread_exit in main): it then stays a zombie
 * the parent cannot reap until `live` drops to zero; the last thread out
 * wakes the parent. Each thread holds a reference on its leader until its
 * own kernel stack is freed, so once wait4() returned the leader every
 * frame of the group is back (see put_task_struct()).
 *
 * exit_group() marks the group, posts SIGKILL to every other member and
 * kicks it (a wake-up if it sleeps interruptibly, a reschedule IPI if it
 * runs on another CPU); each one ends on its way back to user mode with
 * the group's status. tasklist_lock protects the ring and the counters.
 */
#include <task.h>
#include <sched.h>
#include <signal.h>
#include <kernel.h>

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
	return --leader->live == 0;
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
