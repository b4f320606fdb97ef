// SPDX-License-Identifier: GPL-2.0
/*
 * The end of a task: do_exit() gives back everything the task holds (its
 * files, its address space) and, for the last thread of a process, the
 * process's children, who go to init. A process's leader stays a zombie
 * that carries the wait status until the parent's wait4() reaps it (once
 * no thread of the process is left); other threads reap themselves. When
 * init's last thread ends, the machine has nothing left to do: the kernel
 * says so and powers off.
 */
#include <task.h>
#include <ipc.h>
#include <sched.h>
#include <signal.h>
#include <mman.h>
#include <fs.h>
#include <fs_struct.h>
#include <syscalls.h>
#include <uaccess.h>
#include <reboot.h>
#include <ktest.h>
#include <kernel.h>
#include <mm.h>
#include <errno.h>
#include <futex.h>
#include <procfs.h>
#include <string.h>
#include <jobctl.h>
#include <tty.h>

#define WNOHANG		0x00000001
#define WUNTRACED	0x00000002
#define WCONTINUED	0x00000008
#define __WNOTHREAD	0x20000000
#define __WALL		0x40000000
#define __WCLONE	0x80000000

/* Nonzero: tests arrange for init's end to be reported, not power off. */
static __noreturn void init_died(int status)
{
	if (status & 0x7f)
		pr_emerg("init: killed by signal %d; powering off\n",
			 status & 0x7f);
	else
		pr_notice("init: exited with status %d; powering off\n",
			  (status >> 8) & 0xff);
	/* A test harness gets init's status as QEMU's exit status. */
	qemu_exit(status ? QEMU_EXIT_FAILURE : QEMU_EXIT_SUCCESS);
}

/* The vfork parent waits for the child to stop using its memory. */
void mm_release(struct task_struct *t)
{
	struct completion *vfork;

	/* Under vfork_lock: a parent killed while waiting takes its
	 * completion (on its stack) back under the same lock. */
	spin_lock(&vfork_lock);
	vfork = t->vfork_done;
	t->vfork_done = NULL;
	if (vfork)
		complete(vfork);
	spin_unlock(&vfork_lock);
	/* The tid word belongs to the old program (exec) or is done with. */
	t->clear_child_tid = 0;
}

/*
 * Drop the descriptor table and the working directory. /proc/PID/fd and
 * /proc/PID/cwd read another task's ->files and ->fs under tasklist_lock,
 * so both are cleared under that lock before the references go.
 */
static void exit_files_and_fs(struct task_struct *t)
{
	struct files_struct *files;
	struct fs_struct *fs;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	files = t->files;
	fs = t->fs;
	t->files = NULL;
	t->fs = NULL;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (files)
		put_files(files);
	if (fs)
		put_fs_struct(fs);
}

/* tasklist_lock held: take t off every list; the reaper's reference. */
static void unlink_task(struct task_struct *t)
{
	list_del_init(&t->tasks);
	if (!list_empty(&t->sibling))
		list_del_init(&t->sibling);
	t->exit_state = EXIT_DEAD;
}

static struct task_struct *find_init(void)
{
	struct task_struct *t;

	list_for_each_entry(t, &task_list, tasks)
		if (t->pid == 1)
			return t;
	return NULL;
}

/*
 * tasklist_lock held, the process of `leader` has no thread left: its
 * children go to init, which reaps them. Not before: while any thread
 * lives, the process (whose children hang on the leader's task_struct,
 * zombie or not) can still wait for them and hear of their end.
 */
static void forget_children_locked(struct task_struct *leader)
{
	struct task_struct *child, *tmp, *init = find_init();
	bool zombies = false;

	if (init == leader)
		init = NULL;
	list_for_each_entry_safe(child, tmp, &leader->children, sibling) {
		list_del_init(&child->sibling);
		child->parent = init;
		if (init)
			list_add_tail(&child->sibling, &init->children);
		parent_death_signal_locked(child);
		if (child->exit_state != EXIT_ZOMBIE)
			continue;
		if (init) {
			zombies = true;
		} else {
			unlink_task(child);
			put_task_struct(child);
		}
	}
	if (zombies)
		wake_up_all(&init->wait_chldexit);
}

/*
 * tasklist_lock held, the last thread of leader's process is exiting (the
 * leader itself, or another thread after the leader became a zombie):
 * the parent hears of it once, with the status of exit_group() or else
 * the leader's own (Linux's rule). POSIX: a parent that ignores SIGCHLD
 * (or set SA_NOCLDWAIT) gets no zombie; its wait4() sleeps until no child
 * is left (-ECHILD). Returns true if the leader was released that way:
 * the caller drops the reaper's reference.
 */
static bool process_ended_locked(struct task_struct *leader)
{
	struct task_struct *parent = leader->parent;
	bool autoreap;

	do_notify_parent_locked(leader, thread_group_wait_status(leader));
	autoreap = parent_ignores_children_locked(parent);
	if (autoreap)
		unlink_task(leader);
	wake_up_all(&parent->wait_chldexit);
	return autoreap;
}

/* The user-space init process is gone when its last thread is. */
static bool is_user_init(struct task_struct *t)
{
	return t->tgid == 1 && !(t->flags & PF_KTHREAD);
}

void do_exit(int status)
{
	struct task_struct *t = current, *leader = task_group_leader(t);
	bool group_dead, self_reap, leader_reap = false;

	if (t->flags & PF_IDLE)
		panic("exit: the idle task tried to exit");
	t->flags |= PF_EXITING;
	exit_signals(t);
	/* pthread_join() and musl's thread-list lock wait for this. */
	futex_exit_clear_tid(t);
	exit_sem(t);		/* SEM_UNDO: before the process looks gone */
	exit_files_and_fs(t);
	mm_release(t);
	cputime_exit_mm(t);
	exit_mm();

	/*
	 * Interrupts stay off from here to the final switch: once the
	 * parent can see the zombie, the task must not linger preempted, so
	 * that wait4() finds everything but the task's struct and stack
	 * freed, and waits only a moment for the last switch (see
	 * reap_zombie()); the struct and stack go with the last reference,
	 * at once unless a /proc reader holds one.
	 */
	local_irq_disable();
	spin_lock(&tasklist_lock);
	t->exit_code = status;
	cputime_exit_thread_locked(t);
	group_dead = thread_group_exit_locked(t);
	if (group_dead && is_user_init(t)) {
		spin_unlock(&tasklist_lock);
		local_irq_enable();
		init_died(thread_group_wait_status(leader));
	}
	if (group_dead) {
		/* A session leader's end hangs its terminal up (SIGHUP). */
		if (leader->session == leader->tgid)
			tty_session_leader_exit_locked(leader);
		orphaned_pgrps_on_exit_locked(leader);
		forget_children_locked(leader);
	}
	/*
	 * Only a process's leader has a parent to reap it; other threads
	 * (and tasks nobody waits for) reap themselves. The leader's
	 * task_struct stays while other threads live: it holds the process.
	 */
	self_reap = t != leader || !t->parent;
	if (self_reap)
		unlink_task(t);
	else
		t->exit_state = EXIT_ZOMBIE;
	if (group_dead && leader->parent)
		leader_reap = process_ended_locked(leader);
	thread_group_wake_exec_locked(leader);
	spin_unlock(&tasklist_lock);
	/* Nothing may fire at the process any more (the leader is pinned
	 * until we are gone, see put_task_struct()). */
	if (group_dead)
		exit_itimers(leader);
	/* The reaper's references: the leader's first, t pins it. */
	if (leader_reap)
		put_task_struct(leader);
	if (self_reap)
		put_task_struct(t);
	do_task_dead();
}

SYSCALL_DEFINE1(exit, int, code)
{
	do_exit(W_EXITED(code));
}

SYSCALL_DEFINE1(exit_group, int, code)
{
	do_group_exit(W_EXITED(code));
}

/* What wait4() reports in its rusage. */
struct child_usage {
	struct cputime_sum sum;
	unsigned long maxrss_pages;
};

/*
 * Free what is left of a reaped child. Its last switch away may still be
 * in progress on another CPU (it runs with interrupts off from exit to
 * that switch, so this is short): wait until it is off that CPU for good,
 * so that its counters are final. Not until the scheduler's reference is
 * gone: a reader of /proc/PID may hold one more for as long as it likes;
 * whoever drops the last frees the stack and the struct.
 */
static void reap_zombie(struct task_struct *zombie, struct child_usage *ru)
{
	wait_for_last_switch(zombie);
	/* A later process with this pid must not meet its /proc name. */
	proc_flush_task(zombie);
	/* Its counters are final now: its time becomes the parent's. */
	cputime_reap(current, zombie, &ru->sum, &ru->maxrss_pages);
	put_task_struct(zombie);
}

/*
 * Which children pid names: > 0 that one, -1 any, 0 the caller's group,
 * < -1 group -pid. tasklist_lock held.
 */
static bool child_matches(struct task_struct *c, pid_t pid)
{
	if (pid > 0)
		return c->tgid == pid;
	if (pid == -1)
		return true;
	if (pid == 0)
		return c->pgrp == task_group_leader(current)->pgrp;
	return c->pgrp == -pid;
}

/* tasklist_lock held: a stop or continuation of c that options ask for. */
static bool take_jobctl_report(struct task_struct *c, int options,
			       int *status)
{
	unsigned int want = 0;

	if (options & WUNTRACED)
		want |= JOBCTL_STOP_REPORT;
	if (options & WCONTINUED)
		want |= JOBCTL_CONT_REPORT;
	return want && jobctl_take_report_locked(c, want, status);
}

/*
 * Reap one zombie child matching pid; returns its pid, 0 (WNOHANG and
 * none yet), or -errno. *status gets the wait status.
 */
static long do_wait(pid_t pid, int *status, int options,
		    struct child_usage *ru)
{
	/*
	 * The children are the process's: they hang on its leader (alive
	 * or a zombie, which the caller pins), whichever thread forked them
	 * or waits now, and their exits wake the leader's queue.
	 */
	struct task_struct *t = current, *leader = task_group_leader(t);
	struct task_struct *c, *zombie;
	DEFINE_WAIT(w);
	unsigned long flags;
	pid_t reported;
	long ret;

	if (pid == INT_MIN)
		return -ESRCH;		/* as Linux: -pid would overflow */
	for (;;) {
		bool found = false;

		prepare_to_wait(&leader->wait_chldexit, &w,
				TASK_INTERRUPTIBLE);
		zombie = NULL;
		reported = 0;
		spin_lock_irqsave(&tasklist_lock, flags);
		list_for_each_entry(c, &leader->children, sibling) {
			if (!child_matches(c, pid))
				continue;
			found = true;
			if (take_jobctl_report(c, options, status)) {
				reported = c->tgid;
				break;
			}
			/* A leader is reaped once its threads are gone. */
			if (c->exit_state == EXIT_ZOMBIE &&
			    thread_group_empty_locked(c)) {
				zombie = c;
				unlink_task(c);
				break;
			}
		}
		spin_unlock_irqrestore(&tasklist_lock, flags);
		if (reported) {
			memset(ru, 0, sizeof(*ru));
			ret = reported;
			break;
		}
		if (zombie) {
			*status = thread_group_wait_status(zombie);
			ret = zombie->pid;
			reap_zombie(zombie, ru);
			break;
		}
		if (!found) {
			ret = -ECHILD;
			break;
		}
		if (options & WNOHANG) {
			ret = 0;
			break;
		}
		if (signal_pending(t)) {
			ret = -ERESTARTSYS;
			break;
		}
		schedule();
	}
	finish_wait(&leader->wait_chldexit, &w);
	return ret;
}

SYSCALL_DEFINE4(wait4, pid_t, pid, int __user *, ustatus, int, options,
		struct rusage_k __user *, rusage)
{
	struct child_usage ru;
	int status = 0;
	long ret;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD |
			__WALL | __WCLONE))
		return -EINVAL;
	if (pid == INT_MIN)
		return -ESRCH;	/* as Linux: -INT_MIN names no group */
	ret = do_wait(pid, &status, options, &ru);
	if (ret > 0 && ustatus && put_user(status, ustatus))
		return -EFAULT;
	if (ret > 0 && rusage && put_rusage(rusage, &ru.sum, ru.maxrss_pages))
		return -EFAULT;
	return ret;
}

SYSCALL_DEFINE3(waitpid, pid_t, pid, int __user *, ustatus, int, options)
{
	struct child_usage ru;
	int status = 0;
	long ret;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED))
		return -EINVAL;
	if (pid == INT_MIN)
		return -ESRCH;	/* as Linux: -INT_MIN names no group */
	ret = do_wait(pid, &status, options, &ru);
	if (ret > 0 && ustatus && put_user(status, ustatus))
		return -EFAULT;
	return ret;
}
