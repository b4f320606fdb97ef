// SPDX-License-Identifier: GPL-2.0
/*
 * Process groups and sessions, with Linux's rules (Documentation/tty.md):
 * setpgid, getpgid, getpgrp, setsid, getsid; which groups an exiting
 * process leaves orphaned. Every id is stored in the process's leader
 * and changes under tasklist_lock; fork copies them, so a process starts
 * in its parent's group and session, with its controlling terminal.
 */
#include <task.h>
#include <jobctl.h>
#include <tty.h>
#include <syscalls.h>
#include <kernel.h>
#include <errno.h>

bool task_is_live_process(struct task_struct *p)
{
	return p == task_group_leader(p) && p->live > 0 &&
	       !(p->flags & (PF_KTHREAD | PF_IDLE));
}

bool pgrp_in_session_locked(pid_t pgrp, pid_t sid)
{
	struct task_struct *p;

	list_for_each_entry(p, &task_list, tasks)
		if (task_is_live_process(p) && p->pgrp == pgrp &&
		    p->session == sid)
			return true;
	return false;
}

/* Is a process group with this id in use at all? (setsid) */
static bool pgrp_exists_locked(pid_t pgrp)
{
	struct task_struct *p;

	list_for_each_entry(p, &task_list, tasks)
		if (task_is_live_process(p) && p->pgrp == pgrp)
			return true;
	return false;
}

bool pgrp_is_orphaned_locked(pid_t pgrp, struct task_struct *ignore)
{
	struct task_struct *p, *parent;

	list_for_each_entry(p, &task_list, tasks) {
		if (!task_is_live_process(p) || p->pgrp != pgrp || p == ignore)
			continue;
		parent = p->parent;
		/* A parent in another group of the session can run fg/bg. */
		if (parent && parent != ignore && parent->live > 0 &&
		    parent->pgrp != pgrp && parent->session == p->session)
			return false;
	}
	return true;
}

static bool pgrp_has_stopped_locked(pid_t pgrp)
{
	struct task_struct *p;

	list_for_each_entry(p, &task_list, tasks)
		if (task_is_live_process(p) && p->pgrp == pgrp &&
		    (p->jobctl & JOBCTL_STOPPED))
			return true;
	return false;
}

/* Group `pgrp` loses its last link to its job-control shell through `gone`. */
static void check_orphaned_locked(pid_t pgrp, struct task_struct *gone)
{
	struct ksiginfo info = { .code = SI_KERNEL };

	if (!pgrp_is_orphaned_locked(pgrp, gone) ||
	    !pgrp_has_stopped_locked(pgrp))
		return;
	kill_pgrp_locked(pgrp, SIGHUP, &info);
	kill_pgrp_locked(pgrp, SIGCONT, &info);
}

void orphaned_pgrps_on_exit_locked(struct task_struct *leader)
{
	struct task_struct *parent = leader->parent, *child;

	/* Its own group, if it was what tied the group to the session. */
	if (parent && parent->pgrp != leader->pgrp &&
	    parent->session == leader->session)
		check_orphaned_locked(leader->pgrp, leader);
	/* Its children's groups, if it was their link. */
	list_for_each_entry(child, &leader->children, sibling)
		if (child->pgrp != leader->pgrp &&
		    child->session == leader->session)
			check_orphaned_locked(child->pgrp, leader);
}

/* ---- system calls ------------------------------------------------------- */

/* The process `pid` names (0: the caller), tasklist_lock held; NULL: none. */
static struct task_struct *process_of_locked(pid_t pid)
{
	struct task_struct *p;

	if (!pid)
		return task_group_leader(current);
	p = find_task_by_pid_locked(pid);
	return p && !(p->flags & PF_KTHREAD) ? task_group_leader(p) : NULL;
}

/* getpgid(pid) / getsid(pid) */
static long id_of(pid_t pid, bool session)
{
	struct task_struct *p;
	unsigned long flags;
	long ret = -ESRCH;

	spin_lock_irqsave(&tasklist_lock, flags);
	p = pid >= 0 ? process_of_locked(pid) : NULL;
	if (p)
		ret = session ? p->session : p->pgrp;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

SYSCALL_DEFINE0(getpgrp)
{
	return id_of(0, false);
}

SYSCALL_DEFINE1(getpgid, pid_t, pid)
{
	return id_of(pid, false);
}

SYSCALL_DEFINE1(getsid, pid_t, pid)
{
	return id_of(pid, true);
}

/*
 * A new session, led by the caller, in a new group of its own, without a
 * controlling terminal. Refused (EPERM) to a process whose id already
 * names a group: the caller would leave that group's members behind.
 */
SYSCALL_DEFINE0(setsid)
{
	struct task_struct *me = task_group_leader(current);
	unsigned long flags;
	long ret = -EPERM;

	spin_lock_irqsave(&tasklist_lock, flags);
	if (!pgrp_exists_locked(me->tgid)) {
		me->pgrp = me->session = me->tgid;
		me->tty = NULL;
		ret = me->tgid;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

/* tasklist_lock held: Linux's checks of setpgid(p, pgid), in its order. */
static long setpgid_check_locked(struct task_struct *p, pid_t pgid)
{
	struct task_struct *me = task_group_leader(current);

	if (p->parent == me) {
		if (p->session != me->session)
			return -EPERM;
		if (p->did_exec)
			return -EACCES;
	} else if (p != me) {
		return -ESRCH;
	}
	if (p->session == p->tgid)
		return -EPERM;		/* a session leader stays put */
	if (pgid != p->tgid && !pgrp_in_session_locked(pgid, me->session))
		return -EPERM;
	return 0;
}

/*
 * Move the caller or one of its children (that has not called execve)
 * into group pgid of the caller's session, or into a new group named
 * after itself (pgid 0 or its own id).
 */
SYSCALL_DEFINE2(setpgid, pid_t, pid, pid_t, pgid)
{
	struct task_struct *p;
	unsigned long flags;
	long ret;

	if (pgid < 0)
		return -EINVAL;
	spin_lock_irqsave(&tasklist_lock, flags);
	ret = -ESRCH;
	p = pid >= 0 ? process_of_locked(pid) : NULL;
	if (!p || (pid && p->tgid != pid && p->pid != pid))
		goto out;
	ret = -EINVAL;
	if (pid && find_task_by_pid_locked(pid) != p)
		goto out;		/* a thread id that is not a process's */
	if (!pgid)
		pgid = p->tgid;
	ret = setpgid_check_locked(p, pgid);
	if (!ret)
		p->pgrp = pgid;
out:
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}
