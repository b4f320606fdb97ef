// SPDX-License-Identifier: GPL-2.0
/*
 * Highmem microbenchmarks (ktest=bench or ktest=highmem_bench): TSC cycles
 * per kmap_local_page()+kunmap_local() pair on 1..N CPUs running at once,
 * and per kmap()+kunmap() pair. They print; they never fail on a number.
 * Boot once with kmap=percpu and once with kmap=global to compare the two
 * designs (scripts/ktest.py --bench does both).
 */
#include <ktest.h>
#include <ktest_smp.h>
#include <highmem.h>
#include <kernel.h>
#include <smp.h>
#include <cpumask.h>
#include <time.h>
#include "highmem_test.h"

#define PAIRS		2000	/* per CPU and run, x ktest_scale */
/* kmap=global: every pair is a shootdown IPI round; fewer suffice. */
#define PAIRS_GLOBAL	200

struct pair_bench {
	struct page *page[NR_CPUS];
	unsigned int pairs;
	u64 cycles[NR_CPUS];
};

static void kmap_local_pairs_on_cpu(void *arg)
{
	struct pair_bench *b = arg;
	int cpu = smp_processor_id();
	struct page *page = b->page[cpu];
	u64 start = get_cycles();

	for (unsigned int i = 0; i < b->pairs; i++) {
		u32 *va = kmap_local_page(page);

		WRITE_ONCE(va[i & 1023], i);	/* touch it: load the TLB */
		kunmap_local(va);
	}
	b->cycles[cpu] = get_cycles() - start;
}

/* One run on `n` CPUs: the mean over the CPUs of cycles per pair. */
static u32 run_pairs_once(struct pair_bench *b, int n)
{
	u64 sum = 0;
	int cpu, ran = 0;

	for (cpu = 0; cpu < NR_CPUS; cpu++)
		b->cycles[cpu] = 0;
	ktest_run_on_cpus(n, kmap_local_pairs_on_cpu, b);
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		if (!b->cycles[cpu])
			continue;
		sum += b->cycles[cpu];
		ran++;
	}
	return sum / ran / b->pairs;
}

/*
 * Under TCG the host schedules the vCPU threads among other work, so one
 * run can be far off: after a warm-up run (code translation), take
 * BENCH_RUNS runs and print the best and the median (summarised by the
 * shared ktest_cycles_summarise(), as the SMP and TLB benchmarks do).
 */
#define BENCH_RUNS	5

/* Shootdowns highmem code started, all CPUs together. */
static u64 shootdowns_sent(void)
{
	struct kmap_stats s;
	u64 sum = 0;
	int cpu;

	for_each_online_cpu(cpu) {
		kmap_stats_get(cpu, &s);
		sum += s.shootdowns_sent;
	}
	return sum;
}

static void run_pairs(struct ktest *t, struct pair_bench *b, int n,
		      const char *what)
{
	struct ktest_cycles c;
	u32 runs[BENCH_RUNS];
	u64 sd;

	run_pairs_once(b, n);
	sd = shootdowns_sent();
	for (int i = 0; i < BENCH_RUNS; i++)
		runs[i] = run_pairs_once(b, n);
	sd = (shootdowns_sent() - sd) * 100 / (BENCH_RUNS * n * b->pairs);
	ktest_cycles_summarise(runs, BENCH_RUNS, &c);
	ktest_log(t, "kmap=%s %s pair, %d CPU(s) at once: %u cycles best, "
		  "%u median, %llu.%02llu shootdowns/pair", kmap_mode_name(),
		  what, n, c.min, c.median, sd / 100, sd % 100);
}

static int alloc_bench_pages(struct pair_bench *b, bool highmem)
{
	for (int cpu = 0; cpu < NR_CPUS; cpu++) {
		b->page[cpu] = highmem ? hm_alloc_highmem() :
					 alloc_page(GFP_KERNEL);
		if (!b->page[cpu])
			return -1;
	}
	return 0;
}

static void free_bench_pages(struct pair_bench *b)
{
	for (int cpu = 0; cpu < NR_CPUS; cpu++)
		if (b->page[cpu])
			__free_page(b->page[cpu]);
}

static void bench_kmap_local_pair(struct ktest *t)
{
	static struct pair_bench b;
	int ncpus = hm_online_cpus();

	b.pairs = PAIRS * ktest_scale;
	if (alloc_bench_pages(&b, false)) {
		ktest_skip(t, "out of lowmem");
		return;
	}
	run_pairs(t, &b, 1, "kmap_local+kunmap_local lowmem");
	free_bench_pages(&b);
	if (alloc_bench_pages(&b, true)) {
		free_bench_pages(&b);
		ktest_skip(t, "no highmem (boot with lowmem= below RAM)");
		return;
	}
	if (kmap_mode() == KMAP_MODE_GLOBAL)
		b.pairs = PAIRS_GLOBAL * ktest_scale;
	for (int n = 1; n <= ncpus; n++)
		run_pairs(t, &b, n, "kmap_local+kunmap_local highmem");
	free_bench_pages(&b);
}

/* Cycles per kmap()+kunmap() pair over `pages` in turn. */
static u32 kmap_pairs(struct page **pages, int npages, unsigned int pairs)
{
	u64 start = get_cycles();

	for (unsigned int i = 0; i < pairs; i++) {
		struct page *page = pages[i % npages];
		u32 *va = kmap(page);

		WRITE_ONCE(va[i & 1023], i);
		kunmap(page);
	}
	return (get_cycles() - start) / pairs;
}

/*
 * kmap()+kunmap() of one page again and again (the entry stays mapped:
 * a hash hit), and of more pages than the pool has (a new entry each
 * time, and a pool-wide shootdown every LAST_PKMAP maps).
 */
static void bench_kmap_pair(struct ktest *t)
{
	static struct page *pages[2 * LAST_PKMAP];
	unsigned int pairs = PAIRS * ktest_scale;
	u32 same[BENCH_RUNS], many[BENCH_RUNS];
	struct ktest_cycles cs, cm;
	int n;

	for (n = 0; n < (int)ARRAY_SIZE(pages); n++) {
		pages[n] = hm_alloc_highmem();
		if (!pages[n])
			break;
	}
	if (n < (int)ARRAY_SIZE(pages)) {
		ktest_skip(t, "not enough highmem");
	} else {
		kmap_pairs(pages, n, pairs);	/* warm-up */
		for (int i = 0; i < BENCH_RUNS; i++) {
			same[i] = kmap_pairs(pages, 1, pairs);
			many[i] = kmap_pairs(pages, n, pairs);
		}
		ktest_cycles_summarise(same, BENCH_RUNS, &cs);
		ktest_cycles_summarise(many, BENCH_RUNS, &cm);
		ktest_log(t, "kmap=%s kmap+kunmap pair, same page: %u cycles "
			  "best, %u median", kmap_mode_name(), cs.min,
			  cs.median);
		ktest_log(t, "kmap=%s kmap+kunmap pair, %d pages in turn: %u "
			  "cycles best, %u median", kmap_mode_name(), n, cm.min,
			  cm.median);
	}
	while (n--)
		__free_page(pages[n]);
}

static struct ktest_case highmem_bench_cases[] = {
	KTEST_CASE(bench_kmap_local_pair),
	KTEST_CASE(bench_kmap_pair),
	{}
};

static struct hm_suite_ctx suite_ctx;

static int highmem_bench_init(void)
{
	hm_suite_enter(&suite_ctx);
	return 0;
}

static void highmem_bench_exit(void)
{
	hm_suite_leave(&suite_ctx);
}

static struct ktest_suite highmem_bench_suite = {
	.name = "highmem_bench",
	.cases = highmem_bench_cases,
	.suite_init = highmem_bench_init,
	.suite_exit = highmem_bench_exit,
	.bench = true,
};
ktest_register_suite(highmem_bench_suite);
