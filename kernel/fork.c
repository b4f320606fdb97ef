// SPDX-License-Identifier: GPL-2.0
/*
 * Creating tasks: kernel threads, fork, vfork. A new task gets its own
 * kernel stack (THREAD_SIZE, lowmem), a copy or a share of the parent's
 * address space and files, and starts in ret_from_fork; its user
 * registers are the parent's with eax = 0.
 *
 * Reference counting of struct task_struct (usage): one reference is the
 * task's own, dropped by the scheduler after it has switched away from
 * the dead task for the last time; the other belongs to whoever reaps it
 * (the parent's wait4(), or exit itself for a task nobody waits for).
 */
#include <task.h>
#include <ipc.h>
#include <signal.h>
#include <sched.h>
#include <mman.h>
#include <fs.h>
#include <fs_struct.h>
#include <syscalls.h>
#include <kernel.h>
#include <mm.h>
#include <string.h>
#include <time.h>
#include <errno.h>
#include <asm/ptrace.h>

/* /proc/sys/kernel/pid_max: pids are below it (Linux i386's limits). */
int pid_max = PID_MAX_DEFAULT;
/* /proc/sys/kernel/threads-max: fork fails with -EAGAIN at it; 0: default. */
int max_threads;

DEFINE_SPINLOCK(tasklist_lock);
LIST_HEAD(task_list);
static pid_t last_pid;
static atomic_t task_count;
static atomic_t fork_count;	/* tasks ever created: /proc/stat */

void copy_thread(struct task_struct *p, int (*fn)(void *), void *arg,
		 const struct pt_regs *regs, unsigned long usp);

int nr_tasks(void)
{
	return atomic_read(&task_count);
}

unsigned int nr_forks(void)
{
	return atomic_read(&fork_count);
}

static bool pid_in_use(pid_t pid)
{
	struct task_struct *t;

	list_for_each_entry(t, &task_list, tasks)
		/* Nor while a process group or session has that id. */
		if (t->pid == pid || t->tgid == pid || t->pgrp == pid ||
		    t->session == pid)
			return true;
	return false;
}

/* tasklist_lock held. pid 1 goes to the first task: the init process. */
static pid_t alloc_pid(void)
{
	int max = READ_ONCE(pid_max);

	for (int tries = 0; tries < max; tries++) {
		if (++last_pid >= max)
			last_pid = 2;
		if (!pid_in_use(last_pid))
			return last_pid;
	}
	return -EAGAIN;
}

struct task_struct *find_task_by_pid_locked(pid_t pid)
{
	struct task_struct *t;

	list_for_each_entry(t, &task_list, tasks)
		if (t->pid == pid)
			return t;
	return NULL;
}

struct task_struct *find_get_task_by_pid(pid_t pid)
{
	struct task_struct *found;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	found = find_task_by_pid_locked(pid);
	if (found)
		get_task_struct(found);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return found;
}

void put_task_struct(struct task_struct *t)
{
	if (!atomic_dec_and_test(&t->usage))
		return;
	BUG_ON(t->flags & PF_IDLE);
	free_pages(t->stack, THREAD_SIZE_ORDER);
	/*
	 * A thread pins its leader until its own stack is gone, so the
	 * leader's struct (which holds the process) outlives every thread.
	 */
	if (t->group_leader && t->group_leader != t)
		put_task_struct(t->group_leader);
	put_sighand(t);
	kfree(t);
	atomic_dec(&task_count);
}

static struct task_struct *alloc_task(void)
{
	struct task_struct *p = kzalloc(sizeof(*p), GFP_KERNEL);

	if (!p)
		return NULL;
	p->stack = __get_free_pages(GFP_KERNEL, THREAD_SIZE_ORDER);
	if (!p->stack) {
		kfree(p);
		return NULL;
	}
	atomic_inc(&task_count);
	return p;
}

struct user_desc;
int do_set_thread_area(struct task_struct *t, struct user_desc __user *uptr,
		       bool write_back);

/*
 * As Linux: as many tasks as take an eighth of memory in kernel stacks,
 * at least 20.
 */
int threads_max(void)
{
	unsigned long pages = zones[ZONE_NORMAL].managed_pages +
			      zones[ZONE_HIGHMEM].managed_pages;
	int set = READ_ONCE(max_threads);

	if (set)
		return set;
	return max(pages / (8 * (THREAD_SIZE / PAGE_SIZE)), 20UL);
}

static struct task_struct *copy_process(const struct clone_args_k *args,
					int (*fn)(void *), void *arg,
					const struct pt_regs *regs)
{
	struct task_struct *cur = current, *p = alloc_task();
	unsigned long clone_flags = args->flags, usp = args->stack;
	unsigned long flags;
	long err = -ENOMEM;
	pid_t pid;

	if (!p)
		return ERR_PTR(-ENOMEM);
	/* Counted by alloc_task: more than the limit means over it. */
	if (!fn && nr_tasks() > threads_max()) {
		atomic_set(&p->usage, 1);
		put_task_struct(p);
		return ERR_PTR(-EAGAIN);
	}
	p->state = TASK_NEW;
	p->start_time = ktime_get_ns();	/* /proc/PID/stat's starttime */
	p->flags = fn ? PF_KTHREAD : 0;
	p->cpu = smp_processor_id();
	INIT_LIST_HEAD(&p->run_list);
	INIT_LIST_HEAD(&p->children);
	INIT_LIST_HEAD(&p->sibling);
	INIT_LIST_HEAD(&p->tasks);
	INIT_LIST_HEAD(&p->thread_group);
	init_waitqueue_head(&p->wait_chldexit);
	spin_lock_init(&p->pi_lock, "task->pi_lock");
	cpumask_copy(&p->cpus_allowed,
		     (cur->flags & PF_IDLE) ? &cpu_possible_mask
					    : &cur->cpus_allowed);
	if (cpumask_empty(&p->cpus_allowed))
		cpumask_copy(&p->cpus_allowed, &cpu_online_mask);
	atomic_set(&p->usage, 2);	/* its own + its reaper's */
	memcpy(p->comm, cur->comm, sizeof(p->comm));
	p->not_dumpable = cur->not_dumpable;
	p->no_new_privs = cur->no_new_privs;
	p->timer_slack_ns = cur->timer_slack_ns;
	p->personality = cur->personality;
	p->cap_drop_effective = cur->cap_drop_effective;
	p->cap_drop_permitted = cur->cap_drop_permitted;
	p->cap_inheritable = cur->cap_inheritable;
	err = copy_signals(p, clone_flags, args->exit_signal);
	if (err)
		goto fail;
	/* As Linux: the caller's parent hears of it as of the caller. */
	if (clone_flags & CLONE_PARENT)
		p->exit_signal = task_group_leader(cur)->exit_signal;
	err = -ENOMEM;
	p->nice = cur->nice;

	if (!fn) {
		memcpy(p->thread.tls_array, cur->thread.tls_array,
		       sizeof(p->thread.tls_array));
		/* A new thread's own TLS descriptor (musl: its TCB). */
		if (clone_flags & CLONE_SETTLS) {
			err = do_set_thread_area(p, (struct user_desc __user *)
						 args->tls, false);
			if (err)
				goto fail;
			/* The failures below are allocations: not ERR_PTR(0). */
			err = -ENOMEM;
		}
		if (clone_flags & CLONE_VM) {
			mmget(cur->mm);
			p->mm = cur->mm;
		} else {
			p->mm = dup_mm(cur->mm);
			if (!p->mm)
				goto fail;
		}
		if (cur->files) {
			if (clone_flags & CLONE_FILES) {
				atomic_inc(&cur->files->count);
				p->files = cur->files;
			} else {
				p->files = dup_files(cur->files);
				if (!p->files)
					goto fail_mm;
			}
		}
		if (cur->fs) {
			p->fs = copy_fs_struct(cur->fs, clone_flags & CLONE_FS);
			if (!p->fs)
				goto fail_files;
		}
		/* SEM_UNDO is per process unless CLONE_SYSVSEM shares it;
		 * without the shared list (no memory) the task has its own. */
		copy_semundo(clone_flags, p);
	}
	copy_thread(p, fn, arg, regs, usp);

	spin_lock_irqsave(&tasklist_lock, flags);
	pid = alloc_pid();
	/* Too late to join a group that exit_group() is killing. */
	if (pid >= 0 && (clone_flags & CLONE_THREAD) &&
	    cur->group_leader->group_exit)
		pid = -EINTR;
	if (pid < 0) {
		spin_unlock_irqrestore(&tasklist_lock, flags);
		err = pid;
		goto fail_files;
	}
	p->pid = pid;
	p->tgid = (clone_flags & CLONE_THREAD) ? cur->tgid : pid;
	/*
	 * Kernel threads have no parent to report to: they reap themselves,
	 * and so do the threads of a group (the leader reports for all).
	 * A process's children belong to its group leader, whichever of its
	 * threads forked them.
	 */
	if (clone_flags & CLONE_THREAD) {
		p->parent = NULL;
		p->group_leader = cur->group_leader;
		list_add_tail(&p->thread_group, &cur->thread_group);
		p->group_leader->live++;
		get_task_struct(p->group_leader);	/* see put_task_struct */
	} else {
		p->parent = fn ? NULL : task_group_leader(cur);
		/* CLONE_PARENT: a sibling of the caller, its parent's child. */
		if (p->parent && (clone_flags & CLONE_PARENT))
			p->parent = p->parent->parent;
		p->group_leader = p;
		p->live = 1;
		/* Job control: the parent's group, session and terminal. */
		p->pgrp = task_group_leader(cur)->pgrp;
		p->session = task_group_leader(cur)->session;
		p->tty = task_group_leader(cur)->tty;
	}
	if (p->parent)
		list_add_tail(&p->sibling, &p->parent->children);
	list_add_tail(&p->tasks, &task_list);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	atomic_inc(&fork_count);
	return p;

fail_files:
	if (p->fs)
		put_fs_struct(p->fs);
	if (p->files)
		put_files(p->files);
fail_mm:
	if (p->mm)
		mmput(p->mm);
fail:
	atomic_set(&p->usage, 1);
	put_task_struct(p);
	return ERR_PTR(err);
}

int kernel_thread(int (*fn)(void *), void *arg, const char *name)
{
	struct clone_args_k args = { .flags = 0 };
	struct task_struct *p = copy_process(&args, fn, arg, NULL);

	if (IS_ERR(p))
		return PTR_ERR(p);
	strlcpy(p->comm, name, sizeof(p->comm));
	wake_up_new_task(p);
	return p->pid;
}

/* Guards task->vfork_done, a pointer into the vfork parent's stack. */
DEFINE_SPINLOCK(vfork_lock);

/*
 * The vfork parent waits until the child execs or exits, but SIGKILL
 * ends the wait (the child runs on, on memory that stays alive through
 * its own reference). The completion lives on our stack: take it back
 * from the child before returning.
 */
static void wait_for_vfork_done(struct task_struct *child,
				struct completion *vfork)
{
	if (!wait_for_completion_killable(vfork))
		return;
	spin_lock(&vfork_lock);
	child->vfork_done = NULL;
	spin_unlock(&vfork_lock);
}

pid_t do_fork(const struct clone_args_k *args)
{
	struct completion vfork;
	struct task_struct *p;
	pid_t pid;

	if (!current->mm)
		return -EINVAL;
	p = copy_process(args, NULL, NULL, current_pt_regs());
	if (IS_ERR(p))
		return PTR_ERR(p);
	pid = p->pid;
	clone_set_tids(p, args);
	if (args->flags & CLONE_VFORK) {
		init_completion(&vfork);
		p->vfork_done = &vfork;
		get_task_struct(p);
	}
	wake_up_new_task(p);
	/* vfork: the child borrows our memory until it execs or exits. */
	if (args->flags & CLONE_VFORK) {
		wait_for_vfork_done(p, &vfork);
		put_task_struct(p);
	}
	return pid;
}

SYSCALL_DEFINE0(fork)
{
	struct clone_args_k args = { .flags = 0, .exit_signal = SIGCHLD };

	return do_fork(&args);
}

SYSCALL_DEFINE0(vfork)
{
	struct clone_args_k args = { .flags = CLONE_VM | CLONE_VFORK,
				     .exit_signal = SIGCHLD };

	return do_fork(&args);
}

/* The flags unshare() knows; the namespace ones are not built. */
#define UNSHARE_KNOWN	(CLONE_FILES | CLONE_FS | CLONE_SYSVSEM |	\
			 CLONE_VM | CLONE_SIGHAND | CLONE_THREAD)

/* Is the caller the only thread of its process? */
static bool alone_in_group(void)
{
	struct task_struct *leader = task_group_leader(current);
	unsigned long flags;
	bool alone;

	spin_lock_irqsave(&tasklist_lock, flags);
	alone = leader->live <= 1;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return alone;
}

/*
 * unshare(2): stop sharing what clone shared. CLONE_FILES gives the
 * caller its own copy of the descriptor table, CLONE_FS its own cwd,
 * root and umask. CLONE_SYSVSEM has no undo lists to part from here.
 * CLONE_VM, CLONE_SIGHAND and CLONE_THREAD are accepted, as on Linux,
 * only when there is nothing to unshare (one thread). The namespace
 * flags are -EINVAL: Linux's answer without namespace support, and
 * there are no namespaces here (Documentation/syscalls.md).
 */
SYSCALL_DEFINE1(unshare, unsigned long, unshare_flags)
{
	struct task_struct *t = current;
	struct files_struct *files = NULL, *old_files = NULL;
	struct fs_struct *fs = NULL, *old_fs = NULL;
	unsigned long flags;

	if (unshare_flags & ~UNSHARE_KNOWN)
		return -EINVAL;
	if ((unshare_flags & (CLONE_VM | CLONE_SIGHAND | CLONE_THREAD)) &&
	    !alone_in_group())
		return -EINVAL;
	if ((unshare_flags & CLONE_FILES) && t->files &&
	    atomic_read(&t->files->count) > 1) {
		files = dup_files(t->files);
		if (!files)
			return -ENOMEM;
	}
	if ((unshare_flags & CLONE_FS) && t->fs) {
		fs = copy_fs_struct(t->fs, false);
		if (!fs) {
			if (files)
				put_files(files);
			return -ENOMEM;
		}
	}
	/* /proc reads ->files and ->fs under tasklist_lock (exit.c). */
	spin_lock_irqsave(&tasklist_lock, flags);
	if (files) {
		old_files = t->files;
		t->files = files;
	}
	if (fs) {
		old_fs = t->fs;
		t->fs = fs;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (old_files)
		put_files(old_files);
	if (old_fs)
		put_fs_struct(old_fs);
	return 0;
}
