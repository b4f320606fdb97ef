// SPDX-License-Identifier: GPL-2.0
/* Which CPUs exist (possible) and which are running (online). */
#include <cpumask.h>
#include <preempt.h>

cpumask_t cpu_online_mask;
cpumask_t cpu_possible_mask;

DEFINE_PER_CPU(int, cpu_number);
DEFINE_PER_CPU(int, preempt_count);

unsigned int num_online_cpus(void)
{
	return cpumask_weight(&cpu_online_mask);
}
