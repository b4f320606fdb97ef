// SPDX-License-Identifier: GPL-2.0
/*
 * Tests of SMP bring-up, per-CPU data and cross-CPU calls (suite "smp"),
 * and the IPI round-trip benchmark (suite "smp_bench").
 */
#include <ktest.h>
#include <ktest_smp.h>
#include <kernel.h>
#include <atomic.h>
#include <cpumask.h>
#include <percpu.h>
#include <preempt.h>
#include <smp.h>
#include <time.h>
#include <errno.h>
#include <asm/apic.h>
#include <asm/mpspec.h>
#include <asm/smp.h>
#include <asm/irqflags.h>

#define WAIT_MS		20000	/* for a CPU to react; a hang if hit */

/* ---- bring-up ------------------------------------------------------------ */

static void smp_all_cpus_online(struct ktest *t)
{
	int listed = boot_mp_config.nr_cpus, cpu;
	int expected = min(min(listed, NR_CPUS), (int)smp_max_cpus);

	ktest_log(t, "%u CPUs online, firmware (%s) lists %d",
		  num_online_cpus(), boot_mp_config.source, listed);
	KTEST_EXPECT_EQ(t, num_online_cpus(), expected);
	KTEST_EXPECT_EQ(t, cpumask_weight(&cpu_possible_mask),
			cpumask_weight(&cpu_online_mask));
	KTEST_EXPECT_TRUE(t, cpu_online(0));
	for_each_online_cpu(cpu)
		KTEST_EXPECT_TRUE(t, cpumask_test_cpu(cpu, &cpu_possible_mask));
}

static bool listed_by_firmware(int apicid)
{
	for (int i = 0; i < boot_mp_config.nr_cpus; i++)
		if (boot_mp_config.apic_ids[i] == apicid)
			return true;
	return false;
}

static void smp_apic_ids_distinct(struct ktest *t)
{
	int cpu, other;

	for_each_online_cpu(cpu) {
		KTEST_EXPECT_TRUE(t, listed_by_firmware(cpu_to_apicid[cpu]));
		for_each_online_cpu(other)
			if (other != cpu)
				KTEST_EXPECT_NE(t, cpu_to_apicid[cpu],
						cpu_to_apicid[other]);
	}
}

struct cpu_report {
	int cpu;		/* smp_processor_id() there */
	int apicid;		/* its LAPIC ID register */
	unsigned long off;	/* this_cpu_off there */
	void *var;		/* this_cpu_ptr(&test_var) there */
	bool irqs_off;
	int runs;
};

static struct cpu_report reports[NR_CPUS];
static DEFINE_PER_CPU(u32, test_var);
static DEFINE_PER_CPU(u32, test_counter);

static void report_in(void *info)
{
	int cpu = smp_processor_id();
	struct cpu_report *r = &reports[cpu];

	r->cpu = cpu;
	r->apicid = read_apic_id();
	r->off = this_cpu_read(this_cpu_off);
	r->var = this_cpu_ptr(&test_var);
	r->irqs_off = irqs_disabled();
	r->runs++;
	this_cpu_write(test_var, (u32)(unsigned long)info ^ cpu);
}

static void clear_reports(void)
{
	for (int i = 0; i < NR_CPUS; i++)
		reports[i] = (struct cpu_report){ .cpu = -1, .apicid = -1 };
}

/* Each CPU reads its own APIC id from its own LAPIC. */
static void smp_apic_id_matches_hardware(struct ktest *t)
{
	int cpu;

	clear_reports();
	for_each_online_cpu(cpu)
		KTEST_ASSERT_EQ(t, smp_call_function_single(cpu, report_in,
							     NULL, true), 0);
	for_each_online_cpu(cpu) {
		KTEST_EXPECT_EQ(t, reports[cpu].cpu, cpu);
		KTEST_EXPECT_EQ(t, reports[cpu].apicid, cpu_to_apicid[cpu]);
	}
}

/* ---- per-CPU data --------------------------------------------------------- */

static void smp_percpu_distinct(struct ktest *t)
{
	const u32 magic = 0x5EED0000;
	int cpu, other;

	clear_reports();
	for_each_online_cpu(cpu)
		smp_call_function_single(cpu, report_in,
					 (void *)(unsigned long)magic, true);
	for_each_online_cpu(cpu) {
		struct cpu_report *r = &reports[cpu];

		KTEST_EXPECT_EQ(t, r->cpu, cpu);
		KTEST_EXPECT_EQ(t, r->off, __per_cpu_offset[cpu]);
		KTEST_EXPECT_TRUE(t, r->var == &per_cpu(test_var, cpu));
		/* Written there with this_cpu_write, read here by address. */
		KTEST_EXPECT_EQ(t, per_cpu(test_var, cpu), magic ^ cpu);
		for_each_online_cpu(other)
			if (other != cpu)
				KTEST_EXPECT_TRUE(t,
					r->var != reports[other].var);
	}
}

static void count_locally(void *info)
{
	for (int i = 0; i < 100000; i++)
		this_cpu_inc(test_counter);
}

/* All CPUs hammer their own copy at once: no copy sees another's adds. */
static void smp_percpu_concurrent(struct ktest *t)
{
	int cpu;

	for_each_online_cpu(cpu)
		per_cpu(test_counter, cpu) = 0;
	ktest_run_on_all_cpus(count_locally, NULL);
	for_each_online_cpu(cpu)
		KTEST_EXPECT_EQ(t, per_cpu(test_counter, cpu), 100000);
}

/* ---- cross-CPU calls ------------------------------------------------------ */

static void smp_call_single_each_cpu(struct ktest *t)
{
	int me, cpu;

	clear_reports();
	for_each_online_cpu(cpu)
		KTEST_ASSERT_EQ(t, smp_call_function_single(cpu, report_in,
							     NULL, true), 0);
	preempt_disable();
	me = smp_processor_id();
	preempt_enable();
	for_each_online_cpu(cpu) {
		KTEST_EXPECT_EQ(t, reports[cpu].runs, 1);
		KTEST_EXPECT_EQ(t, reports[cpu].cpu, cpu);
		/* As from the IPI, the local shortcut included. */
		KTEST_EXPECT_TRUE(t, reports[cpu].irqs_off);
	}
	KTEST_EXPECT_FALSE(t, irqs_disabled());
	KTEST_EXPECT_EQ(t, reports[me].cpu, me);
}

static void smp_call_many_wait(struct ktest *t)
{
	int me, cpu;

	clear_reports();
	preempt_disable();
	me = smp_processor_id();
	smp_call_function_many(&cpu_online_mask, report_in, NULL, true);
	preempt_enable();
	/* wait=true: every result is in by now, without polling. */
	for_each_online_cpu(cpu)
		KTEST_EXPECT_EQ(t, reports[cpu].runs, cpu == me ? 0 : 1);
}

static atomic_t async_runs;

static void async_fn(void *info)
{
	atomic_inc(&async_runs);
}

static void smp_call_many_nowait(struct ktest *t)
{
	int others = num_online_cpus() - 1;

	for (int round = 0; round < 50; round++) {
		atomic_set(&async_runs, 0);
		smp_call_function_many(&cpu_online_mask, async_fn, NULL, false);
		KTEST_ASSERT_TRUE(t, ktest_wait_until(
			atomic_read(&async_runs) == others, WAIT_MS));
	}
	KTEST_EXPECT_EQ(t, atomic_read(&async_runs), others);
}

static void smp_call_single_offline(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, smp_call_function_single(-1, async_fn, NULL, true),
			-ENXIO);
	KTEST_EXPECT_EQ(t, smp_call_function_single(NR_CPUS, async_fn, NULL,
						    true), -ENXIO);
	if (num_online_cpus() < NR_CPUS) {
		int cpu = cpumask_next(-1, &cpu_online_mask);

		while (cpu < NR_CPUS && cpu_online(cpu))
			cpu++;
		KTEST_EXPECT_EQ(t, smp_call_function_single(cpu, async_fn,
							    NULL, true),
				-ENXIO);
	}
}

/*
 * Every CPU at once calls random CPUs and waits, the others from inside
 * their IPI handler (interrupts off). Without the wait loops serving their
 * own queue, two CPUs calling each other would deadlock here.
 */
static atomic_t storm_hits[NR_CPUS];
static u32 storm_seed;

static void storm_hit(void *info)
{
	atomic_inc(&storm_hits[smp_processor_id()]);
}

static void storm_worker(void *info)
{
	int calls = (int)(unsigned long)info;
	u32 rnd = storm_seed ^ (smp_processor_id() * 0x9E3779B9u);
	int cpus[NR_CPUS], n = ktest_shuffled_cpus(cpus, &rnd);

	for (int i = 0; i < calls; i++)
		smp_call_function_single(cpus[ktest_rand(&rnd) % n], storm_hit,
					 NULL, true);
}

static void smp_cross_call_storm(struct ktest *t)
{
	int calls = 300 * ktest_scale, total = 0, cpu;

	if (num_online_cpus() < 2) {
		ktest_skip(t, "needs 2 CPUs");
		return;
	}
	storm_seed = (u32)get_cycles();
	for (int i = 0; i < NR_CPUS; i++)
		atomic_set(&storm_hits[i], 0);
	ktest_run_on_all_cpus(storm_worker, (void *)(unsigned long)calls);
	for_each_online_cpu(cpu)
		total += atomic_read(&storm_hits[cpu]);
	ktest_log(t, "%d CPUs made %d calls each", num_online_cpus(), calls);
	KTEST_EXPECT_EQ(t, total, (int)num_online_cpus() * calls);
}

static void smp_reschedule_ipi_each_cpu(struct ktest *t)
{
	struct smp_ipi_stats before, now;
	int me, cpu;

	preempt_disable();
	me = smp_processor_id();
	preempt_enable();
	for_each_online_cpu(cpu) {
		if (cpu == me)
			continue;
		smp_ipi_stats_get(cpu, &before);
		smp_send_reschedule(cpu);
		KTEST_EXPECT_TRUE(t, ktest_wait_until(
			(smp_ipi_stats_get(cpu, &now),
			 now.resched_ipis_received >
				before.resched_ipis_received),
			WAIT_MS));
	}
}

static struct ktest_case smp_cases[] = {
	KTEST_CASE(smp_all_cpus_online),
	KTEST_CASE(smp_apic_ids_distinct),
	KTEST_CASE(smp_apic_id_matches_hardware),
	KTEST_CASE(smp_percpu_distinct),
	KTEST_CASE(smp_percpu_concurrent),
	KTEST_CASE(smp_call_single_each_cpu),
	KTEST_CASE(smp_call_many_wait),
	KTEST_CASE(smp_call_many_nowait),
	KTEST_CASE(smp_call_single_offline),
	KTEST_CASE(smp_cross_call_storm),
	KTEST_CASE(smp_reschedule_ipi_each_cpu),
	{}
};

static struct ktest_suite smp_suite = {
	.name = "smp",
	.cases = smp_cases,
};
ktest_register_suite(smp_suite);

/* ---- benchmark ------------------------------------------------------------ */

#define BENCH_ROUNDS	2000

static void nop_fn(void *info)
{
}

static u32 samples[BENCH_ROUNDS];

/* Round trip: queue a no-op on `cpu`, IPI it, wait for its completion. */
static void smp_bench_ipi_round_trip(struct ktest *t)
{
	int me, cpu;

	if (num_online_cpus() < 2) {
		ktest_skip(t, "needs 2 CPUs");
		return;
	}
	/* Stay on one CPU, so the targets stay remote. */
	preempt_disable();
	me = smp_processor_id();
	for_each_online_cpu(cpu) {
		struct ktest_cycles c;

		if (cpu == me)
			continue;
		for (int i = 0; i < BENCH_ROUNDS; i++) {
			u64 t0 = get_cycles();

			smp_call_function_single(cpu, nop_fn, NULL, true);
			samples[i] = (u32)min(get_cycles() - t0, (u64)~0u);
		}
		ktest_cycles_summarise(samples, BENCH_ROUNDS, &c);
		ktest_log(t, "IPI round trip CPU %d -> CPU %d: median %u, "
			  "mean %llu, min %u TSC cycles (%d runs)", me, cpu,
			  c.median, c.mean, c.min, BENCH_ROUNDS);
	}
	preempt_enable();
}

static struct ktest_case smp_bench_cases[] = {
	KTEST_CASE(smp_bench_ipi_round_trip),
	{}
};

static struct ktest_suite smp_bench_suite = {
	.name = "smp_bench",
	.cases = smp_bench_cases,
	.bench = true,
};
ktest_register_suite(smp_bench_suite);
