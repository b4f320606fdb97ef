// SPDX-License-Identifier: GPL-2.0
/* Helpers for multi-CPU tests (include/ktest_smp.h). */
#include <ktest_smp.h>
#include <kernel.h>
#include <atomic.h>
#include <cpumask.h>
#include <smp.h>
#include <preempt.h>
#include <sort.h>
#include <task.h>
#include <sched.h>
#include <wait.h>
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

/* Start together, or a short fn would run on one CPU at a time. */
static void wait_at_start_line(struct all_cpus_call *c)
{
	atomic_inc(&c->arrived);
	while (atomic_read(&c->arrived) < c->cpus)
		cpu_relax();
}

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
	wait_at_start_line(c);
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

/* ---- the same in task context ------------------------------------------ */

struct cpu_task {
	struct all_cpus_call *call;	/* `finished` unused here */
	int cpu;
};

/*
 * The caller sleeps here until the last thread is done. Not on the
 * caller's stack: the last thread wakes it after its final access to the
 * call, and the wake-up still touches the queue afterwards.
 */
static DECLARE_WAIT_QUEUE_HEAD(cpus_task_done_wq);

static void pin_current_to(int cpu)
{
	cpumask_t mask;

	cpumask_clear(&mask);
	cpumask_set_cpu(cpu, &mask);
	if (set_cpus_allowed(current, &mask))
		panic("ktest: CPU %d went offline", cpu);
}

static int cpu_task_thread(void *arg)
{
	struct cpu_task *ct = arg;
	struct all_cpus_call *c = ct->call;
	int cpus = c->cpus;

	pin_current_to(ct->cpu);
	wait_at_start_line(c);
	c->fn(c->info);
	/* The last access to *c and *ct: the caller may return after it. */
	if (atomic_add_return(1, &c->done) == cpus)
		wake_up_all(&cpus_task_done_wq);
	return 0;
}

/* This CPU first, then the other online ones, up to n. */
static int pick_cpus(int n, struct cpu_task *ct, struct all_cpus_call *c)
{
	int self = smp_processor_id(), picked = 0, cpu;

	ct[picked++] = (struct cpu_task){ c, self };
	for_each_online_cpu(cpu)
		if (cpu != self && picked < n)
			ct[picked++] = (struct cpu_task){ c, cpu };
	return picked;
}

void ktest_run_on_cpus(int n, void (*fn)(void *info), void *info)
{
	struct all_cpus_call c = { .fn = fn, .info = info };
	struct cpu_task ct[NR_CPUS];
	bool finished;

	might_sleep();
	atomic_set(&c.arrived, 0);
	atomic_set(&c.done, 0);
	/* This CPU stays this CPU while the list is made. */
	preempt_disable();
	c.cpus = pick_cpus(min(max(n, 1), (int)num_online_cpus()), ct,
			   &c);
	preempt_enable();
	for (int i = 0; i < c.cpus; i++)
		if (kernel_thread(cpu_task_thread, &ct[i], "ktest-cpu") < 0)
			panic("ktest: no thread for CPU %d", ct[i].cpu);
	finished = wait_event_timeout(cpus_task_done_wq,
				      atomic_read(&c.done) == c.cpus,
				      ALL_CPUS_TIMEOUT_MS * NSEC_PER_MSEC);
	if (!finished)	/* c and ct are still in use: no way to return */
		panic("ktest: %d of %d CPU threads did not finish %pS within "
		      "%u ms", c.cpus - atomic_read(&c.done), c.cpus, fn,
		      ALL_CPUS_TIMEOUT_MS);
}

int ktest_other_cpu(void)
{
	int me = smp_processor_id(), cpu;

	for_each_online_cpu(cpu)
		if (cpu != me)
			return cpu;
	return -1;
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

void ktest_cycles_summarise(u32 *samples, int n, struct ktest_cycles *out)
{
	u64 sum = 0;

	*out = (struct ktest_cycles){ 0 };
	if (n <= 0)
		return;
	sort(samples, n, sizeof(*samples), cmp_u32);
	for (int i = 0; i < n; i++)
		sum += samples[i];
	out->min = samples[0];
	out->median = samples[n / 2];
	out->max = samples[n - 1];
	out->mean = sum / n;
}
