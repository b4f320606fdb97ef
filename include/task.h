/* SPDX-License-Identifier: GPL-2.0 */
/*
 * struct task_struct: one schedulable thread of execution, a kernel thread
 * or a user process (later: a thread of one). Documentation/processes.md
 * describes the life cycle:
 *
 *   do_fork()          wake_up_new_task()      schedule()
 *   TASK_NEW --------> TASK_RUNNING <--------> (on a CPU)
 *                           ^   |  set_current_state(TASK_*INTERRUPTIBLE)
 *                 wake_up() |   v  + schedule()
 *                        sleeping
 *   do_exit(): EXIT_ZOMBIE + TASK_DEAD --wait4() by the parent--> released
 *
 * Lock order: tasklist_lock -> task->pi_lock -> rq->lock.
 */
#ifndef _TASK_H
#define _TASK_H

#include <types.h>
#include <list.h>
#include <atomic.h>
#include <cpumask.h>
#include <spinlock.h>
#include <percpu.h>
#include <wait.h>
#include <timer.h>
#include <signal.h>
#include <restart_block.h>
#include <cputime.h>
#include <asm/thread.h>

/* task->state */
#define TASK_RUNNING		0x0000
#define TASK_INTERRUPTIBLE	0x0001	/* sleeping; a signal wakes it */
#define TASK_UNINTERRUPTIBLE	0x0002	/* sleeping; only its event */
#define TASK_DEAD		0x0080	/* exited; never runs again */
#define TASK_WAKEKILL		0x0100	/* SIGKILL wakes it (with _UNINTERRUPTIBLE) */
#define TASK_KILLABLE		(TASK_WAKEKILL | TASK_UNINTERRUPTIBLE)
#define __TASK_STOPPED		0x0004	/* job control stop */
#define TASK_STOPPED		(TASK_WAKEKILL | __TASK_STOPPED)	/* SIGCONT or SIGKILL wake it */
#define TASK_NEW		0x0800	/* being created by fork */
#define TASK_NORMAL		(TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)

/* task->exit_state */
#define EXIT_ZOMBIE		0x0010	/* waiting for the parent's wait4() */
#define EXIT_DEAD		0x0020	/* reaped */

/* task->flags */
#define PF_KTHREAD		0x0001	/* kernel thread: no user mm */
#define PF_EXITING		0x0002	/* in do_exit() */
#define PF_IDLE			0x0004	/* a CPU's idle task */

/* task->tif bits: set from other CPUs, so changed atomically. */
#define TIF_NEED_RESCHED	0	/* schedule() at the next chance */
#define TIF_SIGPENDING		1	/* a signal waits to be delivered */

#define TASK_COMM_LEN		16

struct mm_struct;
struct files_struct;
struct fs_struct;
struct completion;

struct task_struct {
	struct thread_struct thread;	/* first: switch_to.asm uses it */
	volatile long state;
	unsigned long flags;
	unsigned long tif;

	/* Scheduler (kernel/sched/core.c). */
	int cpu;			/* run queue it belongs to */
	int on_rq;			/* runnable: queued or running */
	int on_cpu;			/* running, or still switching out */
	struct list_head run_list;	/* on rq->queue while queued */
	unsigned int time_slice;	/* ticks left before preemption */
	cpumask_t cpus_allowed;		/* affinity */
	spinlock_t pi_lock;		/* serialises wake-ups */
	u64 nvcsw, nivcsw;		/* voluntary / forced switches */
	int nice;			/* -20..19; kept, not yet used */
	struct task_cputime cputime;	/* kernel/sched/cputime.c */
	struct group_cputime group_cputime;	/* leader: the process's */
	u64 start_time;			/* ktime_get_ns() at fork */

	atomic_t usage;			/* references to this struct */
	void *stack;			/* kernel stack, THREAD_SIZE */

	struct mm_struct *mm;		/* user address space, or NULL */
	struct mm_struct *active_mm;	/* directory loaded while running */
	struct files_struct *files;
	struct fs_struct *fs;		/* cwd, umask (kernel/fs_struct.c) */

	pid_t pid;			/* thread id */
	pid_t tgid;			/* process id */
	struct task_struct *parent;
	struct list_head children;	/* my children (by sibling) */
	struct list_head sibling;	/* in parent->children */
	struct list_head tasks;		/* in the global task list */
	struct wait_queue_head wait_chldexit;	/* parent sleeps in wait4 */

	int exit_state;
	int exit_code;			/* Linux wait status encoding */
	/*
	 * Signals (kernel/signal.c). sighand->siglock guards the pending
	 * sets, blocked, saved_sigmask and the actions.
	 */
	struct sighand_struct *sighand;	/* actions, shared by CLONE_SIGHAND */
	sigset_t blocked;
	sigset_t saved_sigmask;		/* sigsuspend: the mask to put back */
	bool restore_sigmask;
	struct sigpending pending;	/* sent to this thread */
	struct sigpending shared_pending;	/* leader: sent to the process */
	struct sigaltstack_k altstack;	/* this thread's, sigaltstack() */
	struct restart_block restart_block;	/* restart_syscall() */
	int exit_signal;		/* sent to the parent at exit, or 0 */
	/* Leader: ITIMER_REAL (kernel/itimer.c), under itimer_lock. */
	spinlock_t itimer_lock;
	struct timer_list real_timer;
	u64 it_real_incr;		/* interval in ns, 0: one shot */
	bool itimer_dead;		/* the process is gone: never re-arm */
	struct completion *vfork_done;	/* parent waits until exec/exit;
					 * vfork_lock (kernel/fork.c) */

	/* For threads (clone): cleared and futex-woken at exit. */
	u32 clear_child_tid;
	u32 robust_list;		/* set_robust_list(), not walked */
	/* SysV semaphores' SEM_UNDO adjustments (ipc/sem.c, include/ipc.h). */
	struct sem_undo_list *sysvsem_undo;

	/* Thread group (kernel/thread_group.c); leader: pid == tgid. */
	struct task_struct *group_leader;	/* NULL: not a thread group */
	struct list_head thread_group;	/* ring of the group's members */
	int live;			/* leader: members not yet exited */
	int group_exit;			/* leader: exit_group() under way */
	int group_exit_code;
	struct task_struct *group_exec_task;	/* leader: in de_thread() */

	char comm[TASK_COMM_LEN];
	/* prctl (kernel/prctl.c): inherited by fork and clone. */
	bool not_dumpable;		/* PR_SET_DUMPABLE 0; exec clears */
	bool no_new_privs;		/* PR_SET_NO_NEW_PRIVS; stays */
	int pdeath_signal;		/* PR_SET_PDEATHSIG; fork clears it */
	u64 timer_slack_ns;		/* PR_SET_TIMERSLACK; 0: default */
	unsigned int personality;	/* personality(2): kept, reported */
	/*
	 * Capabilities root has given up (capset), as masks of the full
	 * set, so that zero, every task's start, is root's full set
	 * (include/capability.h); the inheritable set as it is (empty at
	 * the start). Inherited by fork and clone.
	 */
	u64 cap_drop_effective, cap_drop_permitted;
	u64 cap_inheritable;


	/* Sleeping locks held, for the lock validator. */
	struct lockdep_task lockdep;


	/*
	 * Job control (kernel/pgrp.c, kernel/signal.c, drivers/tty/):
	 * meaningful in a process's leader, written under tasklist_lock
	 * (jobctl: and the process's siglock too). fork copies the group,
	 * the session and the controlling terminal.
	 */
	pid_t pgrp;			/* process group id */
	pid_t session;			/* session id */
	struct tty_struct *tty;		/* controlling terminal, or NULL */
	unsigned int jobctl;		/* JOBCTL_* */
	int stop_signal;		/* the signal that stopped the group */
	bool did_exec;			/* execve since fork: setpgid says EACCES */
};

/* task->jobctl of a process's leader */
#define JOBCTL_STOPPED		0x1	/* stopped by SIGSTOP/TSTP/TTIN/TTOU */
#define JOBCTL_STOP_REPORT	0x2	/* wait4(WUNTRACED) has not seen it */
#define JOBCTL_CONT_REPORT	0x4	/* wait4(WCONTINUED) has not seen it */
#define JOBCTL_STOP_DEQUEUED	0x8	/* a stop signal is being acted on */

_Static_assert(__builtin_offsetof(struct task_struct, thread.sp) == 0,
	       "switch_to.asm expects thread.sp at offset 0");

DECLARE_PER_CPU(struct task_struct *, current_task);

static __always_inline struct task_struct *get_current(void)
{
	return this_cpu_read(current_task);
}
#define current	get_current()

/*
 * The task that stands for t's process: its thread-group leader. Its
 * task_struct holds what belongs to the whole process (the shared pending
 * signals, the interval timer, the children, the CPU time of exited
 * threads) and stays, as a zombie if need be, until the last thread of
 * the group is gone. A task outside any group (an idle task) stands for
 * itself.
 */
static inline struct task_struct *task_group_leader(struct task_struct *t)
{
	return t->group_leader ?: t;
}

static inline struct pt_regs *task_pt_regs(struct task_struct *t)
{
	return task_pt_regs_at(t->thread.sp0);
}
#define current_pt_regs()	task_pt_regs(current)

static inline void set_tsk_thread_flag(struct task_struct *t, int bit)
{
	__atomic_fetch_or(&t->tif, 1UL << bit, __ATOMIC_SEQ_CST);
}

static inline void clear_tsk_thread_flag(struct task_struct *t, int bit)
{
	__atomic_fetch_and(&t->tif, ~(1UL << bit), __ATOMIC_SEQ_CST);
}

static inline bool test_tsk_thread_flag(struct task_struct *t, int bit)
{
	return (READ_ONCE(t->tif) >> bit) & 1;
}

static inline void set_tsk_need_resched(struct task_struct *t)
{
	set_tsk_thread_flag(t, TIF_NEED_RESCHED);
}

static inline bool need_resched(void)
{
	struct task_struct *t = current;

	return t && test_tsk_thread_flag(t, TIF_NEED_RESCHED);
}

static inline bool signal_pending(struct task_struct *t)
{
	return test_tsk_thread_flag(t, TIF_SIGPENDING);
}

/* Set the caller's state before testing the condition it sleeps on. */
#define __set_current_state(s)	WRITE_ONCE(current->state, (s))
#define set_current_state(s)						\
	do {								\
		WRITE_ONCE(current->state, (s));			\
		smp_mb();						\
	} while (0)

static inline void get_task_struct(struct task_struct *t)
{
	atomic_inc(&t->usage);
}
/* Drop a reference; the last one frees the stack and the struct. */
void put_task_struct(struct task_struct *t);

/* Global task list and its lock (fork, exit, wait, kill, pid lookup). */
extern spinlock_t tasklist_lock;
extern spinlock_t vfork_lock;	/* task->vfork_done (kernel/fork.c) */
extern struct list_head task_list;
/* Task with thread id `pid`, with a reference taken; NULL if none. */
struct task_struct *find_get_task_by_pid(pid_t pid);
/* The same with tasklist_lock held, without a reference. */
struct task_struct *find_task_by_pid_locked(pid_t pid);
/* Number of tasks alive (including zombies); for tests and the shell. */
int nr_tasks(void);
#define PID_MAX_DEFAULT	32768	/* also PID_MAX_LIMIT on i386 */
#define PID_MAX_MIN	301
extern int pid_max;		/* /proc/sys/kernel/pid_max */
extern int max_threads;		/* /proc/sys/kernel/threads-max; 0: default */
int threads_max(void);
/* Tasks created since boot (/proc/stat's "processes"). */
unsigned int nr_forks(void);

/* Kernel threads (kernel/fork.c). Returns the pid or -errno. */
int kernel_thread(int (*fn)(void *), void *arg, const char *name);

/* Process creation and exit (kernel/fork.c, kernel/exit.c). */
#define CLONE_VM		0x00000100
#define CLONE_FS		0x00000200
#define CLONE_FILES		0x00000400
#define CLONE_SIGHAND		0x00000800
#define CLONE_VFORK		0x00004000
#define CLONE_PARENT		0x00008000
#define CLONE_THREAD		0x00010000
#define CLONE_SYSVSEM		0x00040000
#define CLONE_SETTLS		0x00080000
#define CLONE_PARENT_SETTID	0x00100000
#define CLONE_CHILD_CLEARTID	0x00200000
#define CLONE_DETACHED		0x00400000
#define CLONE_CHILD_SETTID	0x01000000

struct clone_args_k {
	unsigned long flags;
	unsigned long stack;		/* user esp of the child, 0: same */
	int exit_signal;
	unsigned long tls;		/* CLONE_SETTLS: struct user_desc * */
	unsigned long parent_tid;	/* CLONE_PARENT_SETTID */
	unsigned long child_tid;	/* CLONE_CHILD_SETTID / _CLEARTID */
};
/* kernel/clone.c: the tid words of a new task (before it runs). */
void clone_set_tids(struct task_struct *p, const struct clone_args_k *args);
/* kernel/thread_group.c, tasklist_lock held. */
bool thread_group_exit_locked(struct task_struct *t);
bool thread_group_empty_locked(struct task_struct *leader);
int thread_group_wait_status(struct task_struct *leader);
/* A member of leader's group has exited: wake an execve waiting for it. */
void thread_group_wake_exec_locked(struct task_struct *leader);
/*
 * execve, before the point of no return: kill every other thread of
 * current's process and wait for them; a thread that is not the leader
 * then takes the leader's place and process id. 0, or -EAGAIN when
 * another thread's exit_group() or execve() came first.
 */
int de_thread(void);
/* Duplicate current; the child returns to user mode with eax = 0. */
pid_t do_fork(const struct clone_args_k *args);
__noreturn void do_exit(int status);
/* Kill the whole process with `sig` as if by the signal's default action. */
__noreturn void do_group_exit(int status);

/* ELF programs (kernel/exec.c). */
int kernel_execve(const char *path, const char *const argv[],
		  const char *const envp[]);

#endif
