/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The scheduler's interface to the rest of the kernel (kernel/sched/).
 * Documentation/scheduler.md explains the design: per-CPU run queues with
 * their own locks, round-robin time slices, preemption on the tick and
 * from the reschedule IPI, idle CPUs that halt and pull work.
 */
#ifndef _SCHED_H
#define _SCHED_H

#include <types.h>

struct task_struct;
struct cpumask;

/* Called from each CPU's periodic timer interrupt. */
void scheduler_tick(void);
/* Called from the reschedule IPI. */
void scheduler_ipi(void);
/* A CPU with nothing else to do: run the idle loop forever. */
__noreturn void cpu_idle(void);

/* Timer ticks per second on every CPU. */
#define HZ	100
#define TICK_NSEC	(1000000000ULL / HZ)
/* Ticks since boot, counted by the boot CPU. */
extern volatile unsigned long jiffies;

/* Boot: run queues, idle tasks, the boot context as a task. */
void sched_init(void);
/* End of boot (kernel/init.c): start the init task, become CPU 0's idle. */
__noreturn void rest_init(void);

/* The exiting caller's last switch (kernel/exit.c). */
__noreturn void do_task_dead(void);
/* Give up the CPU; returns when the caller is picked again. */
void schedule(void);
/* From the interrupt exit path with the interrupted context preemptible. */
void preempt_schedule_irq(void);
/* Let other runnable tasks on this CPU run first. */
void yield(void);

/* Wake a sleeping task in one of `state`; true if it was woken. */
bool try_to_wake_up(struct task_struct *p, unsigned int state);
bool wake_up_process(struct task_struct *p);
/* First wake-up of a task fork made; picks its CPU. */
void wake_up_new_task(struct task_struct *p);
/* Interrupt `p` (a signal for it): wake it or make its CPU reschedule. */
void kick_process(struct task_struct *p);

/* Sleep for `ns` (TASK_UNINTERRUPTIBLE or _INTERRUPTIBLE set by the
 * caller); returns the nanoseconds left if woken early, else 0. */
u64 schedule_timeout(u64 ns);
/* Wait until an exited task is off its CPU for good (wait4, execve). */
void wait_for_last_switch(struct task_struct *p);
u64 schedule_timeout_interruptible(u64 ns);
u64 schedule_timeout_uninterruptible(u64 ns);
void msleep(unsigned int ms);

/* Restrict `p` to the CPUs in `mask`; migrates it if needed. */
int set_cpus_allowed(struct task_struct *p, const struct cpumask *mask);

/* Statistics, per CPU. */
struct sched_stats {
	u64 nr_switches;	/* context switches */
	u64 nr_preempt;		/* of them, by the tick or an IPI */
	u64 nr_migrations;	/* tasks pulled by this CPU */
	u64 idle_ns;		/* time halted in the idle loop */
	unsigned int nr_running; /* runnable tasks now, idle excluded */
};
void sched_stats_get(int cpu, struct sched_stats *out);

/*
 * Load average (kernel/sched/loadavg.c), fixed point with FSHIFT fraction
 * bits as Linux's avenrun[]: 1, 5 and 15 minutes of runnable tasks.
 */
#define FSHIFT		11
#define FIXED_1		(1UL << FSHIFT)
#define LOAD_INT(x)	((x) >> FSHIFT)
#define LOAD_FRAC(x)	LOAD_INT(((x) & (FIXED_1 - 1)) * 100)
/* CPU 0's tick: take a sample every 5 seconds. */
void calc_global_load_tick(void);
unsigned int nr_running_tasks(void);
/* The three averages, shifted left by `shift` (sysinfo wants 16 bits). */
void get_avenrun(unsigned long loads[3], int shift);
/* Debug: print p's scheduler state and its run queue's. */
void sched_show_task(struct task_struct *p);

#endif
