/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CPU time of tasks and processes (kernel/sched/cputime.c), for times(),
 * getrusage(), wait4()'s rusage and the CPU-time clocks.
 *
 * Two measures, as in Linux:
 *
 *   runtime      nanoseconds on a CPU, exact: the scheduler adds the time
 *                since the task was switched in at every switch away
 *   user/system  which mode each LAPIC tick (1/HZ s) found the task in:
 *                a statistical split, exact only in the long run
 *
 * times() and getrusage() report the ticks (clock_t is 1/HZ s, HZ equals
 * Linux's USER_HZ of 100); CLOCK_PROCESS_CPUTIME_ID and
 * CLOCK_THREAD_CPUTIME_ID (so clock()) read the runtime. A process's
 * time is its live threads' plus what its exited threads left behind;
 * its children's is what wait4() collected from reaped children (and
 * theirs, recursively).
 */
#ifndef _CPUTIME_H
#define _CPUTIME_H

#include <types.h>


struct task_struct;

/* One thread's own time. */
struct task_cputime {
	u64 runtime_ns;		/* on a CPU up to the last switch away */
	u64 exec_start;		/* ktime at the switch in; 0: off CPU */
	u32 seq;		/* odd while the two above change */
	u32 utime, stime;	/* ticks in user mode, in the kernel */
};

/* Kept in the process's group leader (or a single-threaded task). */
struct group_cputime {
	struct task_cputime dead;	/* threads that exited */
	u64 dead_nvcsw, dead_nivcsw;
	struct task_cputime children;	/* reaped children, with theirs */
	u64 children_nvcsw, children_nivcsw;
	unsigned long maxrss_pages;	/* peak of the address space(s) */
	unsigned long children_maxrss_pages;	/* the largest child's */
};

/* Totals as the system calls see them. */
struct cputime_sum {
	u64 runtime_ns;
	u64 utime, stime;	/* ticks */
	u64 nvcsw, nivcsw;
};

/* Linux's i386 struct timeval and struct rusage (72 bytes). */
struct timeval_k {
	s32 tv_sec, tv_usec;
};

struct rusage_k {
	struct timeval_k ru_utime, ru_stime;
	s32 ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, ru_minflt, ru_majflt;
	s32 ru_nswap, ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv;
	s32 ru_nsignals, ru_nvcsw, ru_nivcsw;
};

/*
 * Ticks each CPU spent in each mode since boot (/proc/stat's cpu lines):
 * charged by the tick to whatever it interrupted. `nice` is user time of
 * tasks with a positive nice value, as Linux splits it.
 */
struct cpu_ticks {
	unsigned long user, nice, system, idle;
};

/* The timer tick: charge the current task for one tick in that mode. */
void account_process_tick(bool user);
/* A snapshot of one CPU's tick counters. */
void cpu_ticks_get(int cpu, struct cpu_ticks *out);
/* The scheduler, switching from prev to next (interrupts off). */
void account_switch(struct task_struct *prev, struct task_struct *next);
/* A thread's runtime including the slice it is running now, on any CPU. */
u64 task_runtime_ns(struct task_struct *t);
/* The calling thread, its process, or the process's reaped children. */
void cputime_thread(struct task_struct *t, struct cputime_sum *sum);
void cputime_process(struct task_struct *t, struct cputime_sum *sum);
void cputime_children(struct task_struct *t, struct cputime_sum *sum);
/* do_exit(), before the address space goes: remember its peak size. */
void cputime_exit_mm(struct task_struct *t);
/* do_exit(), tasklist_lock held: a thread leaves its time to the group. */
void cputime_exit_thread_locked(struct task_struct *t);
/*
 * execve from a thread that is not the leader (de_thread), tasklist_lock
 * held: t becomes the leader and keeps the process's totals; the old
 * leader (exited) counts as one of its exited threads.
 */
void cputime_take_over_leader_locked(struct task_struct *t,
				     struct task_struct *old);
/*
 * wait4() reaped `zombie` (all its threads gone, its last switch done)
 * for `parent`: charge it to the parent's children; *usage and
 * *maxrss_pages (if not NULL) get the child's own totals.
 */
void cputime_reap(struct task_struct *parent, struct task_struct *zombie,
		  struct cputime_sum *usage, unsigned long *maxrss_pages);
/* Copy a struct rusage out: 0 or -EFAULT. */
int put_rusage(struct rusage_k __user *ru, const struct cputime_sum *sum,
	       unsigned long maxrss_pages);

#endif
