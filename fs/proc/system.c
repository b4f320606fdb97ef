// SPDX-License-Identifier: GPL-2.0
/*
 * The system files of /proc: meminfo, uptime, loadavg, cpuinfo, stat,
 * version and cmdline, in the formats of Linux's proc(5), so that ps,
 * free, uptime, top and the C libraries' sysconf() read them as they
 * read Linux's. Each is a show function for fs/proc/generic.c's text
 * files; t is NULL (they describe the system, not a process).
 */
#include "internal.h"
#include <task.h>
#include <sched.h>
#include <smp.h>
#include <cpumask.h>
#include <cputime.h>
#include <cmdline.h>
#include <time.h>
#include <mm.h>
#include <printk.h>
#include <utsname.h>

static unsigned long pages_to_kb(unsigned long pages)
{
	return pages * (PAGE_SIZE / 1024);
}

static void meminfo_line(struct pbuf *pb, const char *name, unsigned long pages)
{
	pb_printf(pb, "%-16s%8lu kB\n", name, pages_to_kb(pages));
}

/*
 * Lowmem is ZONE_NORMAL and highmem ZONE_HIGHMEM, the counts the buddy
 * allocator keeps exactly (sysinfo() reports the same numbers). There is
 * no swap; tmpfs's page cache is not counted apart yet (Cached, Shmem).
 * Available is what a user page may still take: highmem and lowmem
 * above the kernel's reserve (mm/oom_kill.c), estimated here as
 * everything free.
 */
int proc_meminfo_show(struct pbuf *pb, struct task_struct *t)
{
	unsigned long low_total = zones[ZONE_NORMAL].managed_pages;
	unsigned long high_total = zones[ZONE_HIGHMEM].managed_pages;
	unsigned long low_free = zone_free_pages(ZONE_NORMAL);
	unsigned long high_free = zone_free_pages(ZONE_HIGHMEM);

	meminfo_line(pb, "MemTotal:", low_total + high_total);
	meminfo_line(pb, "MemFree:", low_free + high_free);
	meminfo_line(pb, "MemAvailable:", low_free + high_free);
	meminfo_line(pb, "Buffers:", 0);
	meminfo_line(pb, "Cached:", 0);
	meminfo_line(pb, "SwapCached:", 0);
	meminfo_line(pb, "HighTotal:", high_total);
	meminfo_line(pb, "HighFree:", high_free);
	meminfo_line(pb, "LowTotal:", low_total);
	meminfo_line(pb, "LowFree:", low_free);
	meminfo_line(pb, "SwapTotal:", 0);
	meminfo_line(pb, "SwapFree:", 0);
	meminfo_line(pb, "Shmem:", 0);
	return 0;
}

/* Seconds with two decimals, from nanoseconds. */
static void put_centiseconds(struct pbuf *pb, u64 ns)
{
	u64 cs = ns / (NSEC_PER_SEC / 100);

	pb_printf(pb, "%llu.%02llu", cs / 100, cs % 100);
}

/* Uptime, and the idle time of all CPUs together (idle ticks). */
int proc_uptime_show(struct pbuf *pb, struct task_struct *t)
{
	struct cpu_ticks ct;
	u64 idle = 0;
	int cpu;

	for_each_online_cpu(cpu) {
		cpu_ticks_get(cpu, &ct);
		idle += ct.idle;
	}
	put_centiseconds(pb, ktime_get_ns());
	pb_printf(pb, " ");
	put_centiseconds(pb, idle * (NSEC_PER_SEC / HZ));
	pb_printf(pb, "\n");
	return 0;
}

/* Counted under tasklist_lock: every task, and the largest pid given. */
static void count_tasks(unsigned int *tasks, pid_t *last)
{
	struct task_struct *p;
	unsigned long flags;

	*tasks = 0;
	*last = 0;
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks) {
		(*tasks)++;
		if (p->pid > *last)
			*last = p->pid;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/* "0.12 0.05 0.01 1/42 123": the averages, running/all tasks, last pid. */
int proc_loadavg_show(struct pbuf *pb, struct task_struct *t)
{
	unsigned long loads[3];
	unsigned int tasks;
	pid_t last;

	get_avenrun(loads, 0);
	count_tasks(&tasks, &last);
	for (int i = 0; i < 3; i++)
		pb_printf(pb, "%lu.%02lu ", LOAD_INT(loads[i]),
			  LOAD_FRAC(loads[i]));
	pb_printf(pb, "%u/%u %d\n", nr_running_tasks(), tasks, last);
	return 0;
}

int proc_cpuinfo_show(struct pbuf *pb, struct task_struct *t)
{
	int cpu;

	for_each_online_cpu(cpu)
		arch_cpuinfo_show(pb, cpu);
	return 0;
}

static void stat_cpu_line(struct pbuf *pb, const char *name,
			  const struct cpu_ticks *ct)
{
	/* user nice system idle iowait irq softirq steal guest guest_nice */
	pb_printf(pb, "%s %lu %lu %lu %lu 0 0 0 0 0 0\n", name, ct->user,
		  ct->nice, ct->system, ct->idle);
}

/*
 * The cpu lines are the ticks each CPU's timer interrupt charged to
 * user, nice, system and idle (kernel/sched/cputime.c); interrupt time
 * goes to whatever was interrupted. processes counts pids handed out.
 */
int proc_stat_show(struct pbuf *pb, struct task_struct *t)
{
	struct cpu_ticks sum = { 0 }, ct;
	struct sched_stats ss;
	unsigned long ctxt = 0;
	int cpu;

	for_each_online_cpu(cpu) {
		cpu_ticks_get(cpu, &ct);
		sum.user += ct.user;
		sum.nice += ct.nice;
		sum.system += ct.system;
		sum.idle += ct.idle;
		sched_stats_get(cpu, &ss);
		ctxt += ss.nr_switches;
	}
	stat_cpu_line(pb, "cpu ", &sum);
	for_each_online_cpu(cpu) {
		char name[8];

		snprintf(name, sizeof(name), "cpu%d", cpu);
		cpu_ticks_get(cpu, &ct);
		stat_cpu_line(pb, name, &ct);
	}
	pb_printf(pb, "intr 0\nctxt %lu\nbtime %llu\nprocesses %u\n",
		  ctxt, proc_boot_time_sec(), nr_forks());
	pb_printf(pb, "procs_running %u\nprocs_blocked 0\n", nr_running_tasks());
	return 0;
}

int proc_version_show(struct pbuf *pb, struct task_struct *t)
{
	/* As uname(): sysname, release, version; and the compiler. */
	pb_printf(pb, "%s version %s (kmapos@kmapos) (gcc version %s) %s\n",
		  UTS_SYSNAME, UTS_RELEASE, __VERSION__, UTS_VERSION);
	return 0;
}

int proc_cmdline_show(struct pbuf *pb, struct task_struct *t)
{
	pb_printf(pb, "%s\n", boot_command_line);
	return 0;
}

