// SPDX-License-Identifier: GPL-2.0
/* Helpers for multi-CPU tests (include/ktest_smp.h). */
#include <ktest_smp.h>
#include <kernel.h>
#include <atomic.h>
#include <cpumask.h>
#include <smp.h>
#include <preempt.h>
#include <asm/irqflags.h>

#define ALL_CPUS_TIMEOUT_MS	60000

struct all_cpus_call {
	void (*fn)(void *info);
	void *info;
	int cpus;
	atomic_t arrived;	/* at the start line */
	atomic_t done;
	cpumask_t finished;
};

/*
 * On the other CPUs this runs inside the call-function IPI. Interrupts
 * go back on around fn, so that fn's lock waits can halt and its CPU
 * keeps answering IPIs; preemption stays off, as this is no task that
 * could be switched away from.
 */
static void all_cpus_trampoline(void *arg)
{
	struct all_cpus_call *c = arg;
	unsigned long flags = arch_local_save_flags();

	preempt_disable();
	local_irq_enable();
	/* Start together, or a short fn would run on one CPU at a time. */
	atomic_inc(&c->arrived);
	while (atomic_read(&c->arrived) < c->cpus)
		cpu_relax();
	c->fn(c->info);
	if (arch_irqs_disabled_flags(flags))
		local_irq_disable();
	cpumask_set_cpu(smp_processor_id(), &c->finished);
	smp_mb();
	atomic_inc(&c->done);
	preempt_enable_no_resched();
}

void ktest_run_on_all_cpus(void (*fn)(void *info), void *info)
{
	struct all_cpus_call c = { .fn = fn, .info = info };
	int n = num_online_cpus(), cpu;

	cpumask_clear(&c.finished);
	atomic_set(&c.arrived, 0);
	atomic_set(&c.done, 0);
	c.cpus = n;
	/*
	 * The others start from the IPI; this CPU joins in directly. It must
	 * stay this CPU: a task moved to another one would wait there behind
	 * that CPU's IPI handler, which waits for it at the start line.
	 */
	preempt_disable();
	smp_call_function_many(&cpu_online_mask, all_cpus_trampoline, &c,
			       false);
	all_cpus_trampoline(&c);
	if (ktest_wait_until(atomic_read(&c.done) == n, ALL_CPUS_TIMEOUT_MS)) {
		preempt_enable();
		return;
	}
	for_each_online_cpu(cpu)
		if (!cpumask_test_cpu(cpu, &c.finished))
			pr_emerg("ktest: CPU %d still runs %pS\n", cpu, fn);
	/* c is on this stack and still in use: no way to return. */
	panic("ktest: %d of %d CPUs did not finish %pS within %u ms",
	      n - atomic_read(&c.done), n, fn, ALL_CPUS_TIMEOUT_MS);
}

int ktest_shuffled_cpus(int *cpus, u32 *rand_state)
{
	int n = 0, cpu;

	for_each_online_cpu(cpu)
		cpus[n++] = cpu;
	for (int i = n - 1; i > 0; i--) {
		int j = ktest_rand(rand_state) % (i + 1), t = cpus[i];

		cpus[i] = cpus[j];
		cpus[j] = t;
	}
	return n;
}

/* Insertion sort: enough for a few thousand samples. */
static void sort_u32(u32 *v, int n)
{
	for (int i = 1; i < n; i++) {
		u32 x = v[i];
		int j = i;

		for (; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

void ktest_cycles_summarise(u32 *samples, int n, struct ktest_cycles *out)
{
	u64 sum = 0;

	*out = (struct ktest_cycles){ 0 };
	if (n <= 0)
		return;
	sort_u32(samples, n);
	for (int i = 0; i < n; i++)
		sum += samples[i];
	out->min = samples[0];
	out->median = samples[n / 2];
	out->max = samples[n - 1];
	out->mean = sum / n;
}
