// SPDX-License-Identifier: GPL-2.0
/*
 * The load average (/proc/loadavg, sysinfo()'s loads): every LOAD_FREQ
 * ticks CPU 0's tick samples how many tasks are runnable on all CPUs and
 * folds the count into three exponentially decaying averages, over 1, 5
 * and 15 minutes, in the fixed point Linux uses (11 fraction bits), so
 * the numbers mean what they mean on Linux.
 *
 * Unlike Linux, tasks sleeping uninterruptibly are not counted: the run
 * queues know only runnable tasks.
 */
#include <sched.h>
#include <smp.h>
#include <cpumask.h>
#include <kernel.h>

#define LOAD_FREQ	(5 * HZ + 1)	/* 5 s, off the 5 s beat of timers */
#define EXP_1		1884		/* FIXED_1 / exp(5 s / 1 min) */
#define EXP_5		2014		/* FIXED_1 / exp(5 s / 5 min) */
#define EXP_15		2037		/* FIXED_1 / exp(5 s / 15 min) */

/* Written only by CPU 0's tick; readers take a sample. */
static unsigned long avenrun[3];
static unsigned long next_sample = LOAD_FREQ;

/* Tasks on every online CPU's run queue now (also /proc's procs_running). */
unsigned int nr_running_tasks(void)
{
	struct sched_stats st;
	unsigned int n = 0;
	int cpu;

	for_each_online_cpu(cpu) {
		sched_stats_get(cpu, &st);
		n += st.nr_running;
	}
	return n;
}

/* One step of the decay; rounds up while the load is rising, as Linux. */
static unsigned long calc_load(unsigned long load, unsigned long exp,
			       unsigned long active)
{
	unsigned long newload = load * exp + active * (FIXED_1 - exp);

	if (active >= load)
		newload += FIXED_1 - 1;
	return newload / FIXED_1;
}

void calc_global_load_tick(void)
{
	unsigned long active;

	if ((long)(jiffies - next_sample) < 0)
		return;
	next_sample += LOAD_FREQ;
	active = (unsigned long)nr_running_tasks() * FIXED_1;
	WRITE_ONCE(avenrun[0], calc_load(avenrun[0], EXP_1, active));
	WRITE_ONCE(avenrun[1], calc_load(avenrun[1], EXP_5, active));
	WRITE_ONCE(avenrun[2], calc_load(avenrun[2], EXP_15, active));
}

void get_avenrun(unsigned long loads[3], int shift)
{
	for (int i = 0; i < 3; i++)
		loads[i] = READ_ONCE(avenrun[i]) << shift;
}
