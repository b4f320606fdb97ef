// SPDX-License-Identifier: GPL-2.0
/*
 * TLB shootdown tests (suite "tlb") and costs (suite "tlb_bench").
 *
 * The correctness tests make stale translations observable: a kernel
 * page is mapped to frame A and read on every CPU, so every TLB caches
 * "page -> A"; it is then re-pointed to frame B and shot down. A CPU the
 * shootdown missed still reads A's contents through its stale entry.
 * (QEMU's TCG keeps a software TLB per vCPU that, like hardware, is only
 * refreshed by invlpg, CR3 writes and the like, so misses do show.)
 */
#include <ktest.h>
#include <ktest_smp.h>
#include <kernel.h>
#include <cpumask.h>
#include <mm.h>
#include <mm_types.h>
#include <preempt.h>
#include <smp.h>
#include <string.h>
#include <tlbflush.h>
#include <asm/ioremap.h>
#include <asm/pgtable.h>

#define NR_FRAMES	16
#define NR_VA_PAGES	48	/* more than TLB_FLUSH_CEILING */
#define FRAME_TAG(i)	(0xF0A40000u + (i))

static struct page *frames[NR_FRAMES];
static unsigned long va_base;

/* Fill every word of frame i with its tag, so any offset identifies it. */
static void tlb_suite_exit(void)
{
	if (va_base) {
		for (int i = 0; i < NR_VA_PAGES; i++)
			unmap_page(kernel_directory, va_base + i * PAGE_SIZE);
		flush_tlb_kernel_range(va_base,
				       va_base + NR_VA_PAGES * PAGE_SIZE);
		kva_free_pages(va_base, NR_VA_PAGES);
		va_base = 0;
	}
	for (int i = 0; i < NR_FRAMES; i++) {
		if (frames[i])
			__free_page(frames[i]);
		frames[i] = NULL;
	}
}

static int tlb_suite_init(void)
{
	va_base = kva_alloc_pages(NR_VA_PAGES);
	for (int i = 0; i < NR_FRAMES && va_base; i++) {
		u32 *p;

		frames[i] = alloc_page(GFP_KERNEL);
		if (!frames[i])
			break;
		p = lowmem_page_address(frames[i]);
		for (unsigned int w = 0; w < PAGE_SIZE / 4; w++)
			p[w] = FRAME_TAG(i);
	}
	if (va_base && frames[NR_FRAMES - 1])
		return 0;
	tlb_suite_exit();	/* the runner skips exit when init fails */
	return -1;
}

static unsigned long page_va(int i)
{
	return va_base + i * PAGE_SIZE;
}

static void map_to(int va_page, int frame)
{
	BUG_ON(map_page(kernel_directory, page_va(va_page),
			page_to_phys(frames[frame]), PAGE_KERNEL));
}

/* What each CPU read, and where. */
struct read_req {
	int first, count;		/* VA pages to read */
	u32 offset;			/* word offset in each page */
	u32 seen[NR_CPUS][NR_VA_PAGES];
};

static void read_pages(void *info)
{
	struct read_req *r = info;
	int cpu = smp_processor_id();

	for (int i = 0; i < r->count; i++)
		r->seen[cpu][i] = READ_ONCE(*(u32 *)(page_va(r->first + i) +
						     r->offset * 4));
}

/*
 * Every online CPU reads the pages, either one after another in a random
 * order or all at once. Returns the number of wrong values seen.
 */
static int check_all_cpus_see(struct ktest *t, struct read_req *r,
			      const int *expect_frame, u32 *rnd)
{
	int cpus[NR_CPUS], n = ktest_shuffled_cpus(cpus, rnd), bad = 0;

	r->offset = ktest_rand(rnd) % (PAGE_SIZE / 4);
	if (ktest_rand(rnd) & 1) {
		for (int i = 0; i < n; i++)
			smp_call_function_single(cpus[i], read_pages, r, true);
	} else {
		on_each_cpu_mask(&cpu_online_mask, read_pages, r, true);
	}
	for (int i = 0; i < n; i++) {
		for (int p = 0; p < r->count; p++) {
			u32 want = FRAME_TAG(expect_frame[p]);

			if (r->seen[cpus[i]][p] == want)
				continue;
			if (bad++ < 3)
				ktest_log(t, "CPU %d read %#x at %#lx, expected "
					  "%#x: stale TLB entry", cpus[i],
					  r->seen[cpus[i]][p],
					  page_va(r->first + p), want);
		}
	}
	return bad;
}

struct repoint_req {
	int first, count;
	const int *frames;
};

/* Re-point pages and shoot them down: run here or on a chosen CPU. */
static void repoint_and_flush(void *info)
{
	const struct repoint_req *q = info;

	for (int i = 0; i < q->count; i++)
		map_to(q->first + i, q->frames[i]);
	flush_tlb_kernel_range(page_va(q->first), page_va(q->first + q->count));
}

/*
 * One round: map `count` pages at a random place to frames A, have every
 * CPU cache them, re-point them to frames B from a random CPU (so the
 * shootdown is sometimes started from an IPI handler, interrupts off),
 * and check that every CPU now reads B.
 */
static int shootdown_round(struct ktest *t, int count, u32 *rnd)
{
	static struct read_req r;
	int a[NR_VA_PAGES], b[NR_VA_PAGES], cpus[NR_CPUS], bad;
	struct repoint_req q = { .count = count };

	q.first = ktest_rand(rnd) % (NR_VA_PAGES - count + 1);
	for (int i = 0; i < count; i++) {
		a[i] = ktest_rand(rnd) % NR_FRAMES;
		b[i] = (a[i] + 1 + ktest_rand(rnd) % (NR_FRAMES - 1)) %
		       NR_FRAMES;
	}
	r.first = q.first;
	r.count = count;

	q.frames = a;
	repoint_and_flush(&q);
	bad = check_all_cpus_see(t, &r, a, rnd);

	q.frames = b;
	ktest_shuffled_cpus(cpus, rnd);
	smp_call_function_single(cpus[0], repoint_and_flush, &q, true);
	return bad + check_all_cpus_see(t, &r, b, rnd);
}

static void tlb_shootdown_one_page(struct ktest *t)
{
	u32 rnd = (u32)get_cycles();
	int rounds = 150 * ktest_scale, bad = 0;

	ktest_log(t, "%d rounds on %u CPUs, seed %#x", rounds,
		  num_online_cpus(), rnd);
	for (int i = 0; i < rounds && bad < 10; i++)
		bad += shootdown_round(t, 1, &rnd);
	KTEST_EXPECT_EQ(t, bad, 0);
}

/* Ranges on both sides of TLB_FLUSH_CEILING: invlpg loop and CR3 reload. */
static void tlb_shootdown_ranges(struct ktest *t)
{
	u32 rnd = (u32)get_cycles();
	int rounds = 40 * ktest_scale, bad = 0;

	ktest_log(t, "%d rounds on %u CPUs, seed %#x", rounds,
		  num_online_cpus(), rnd);
	for (int i = 0; i < rounds && bad < 10; i++)
		bad += shootdown_round(t, 2 + ktest_rand(&rnd) %
				       (NR_VA_PAGES - 1), &rnd);
	KTEST_EXPECT_EQ(t, bad, 0);
}

/* ---- who gets the IPI ------------------------------------------------------ */

static void snapshot(struct tlb_stats *s)
{
	int cpu;

	for_each_online_cpu(cpu)
		tlb_stats_get(cpu, &s[cpu]);
}

static int this_cpu_id(void)
{
	int cpu;

	preempt_disable();
	cpu = smp_processor_id();
	preempt_enable();
	return cpu;
}

/* A fake address space: only its CPU mask matters to the shootdown. */
static void check_mm_flush(struct ktest *t, const cpumask_t *mask,
			   unsigned int pages)
{
	static struct tlb_stats before[NR_CPUS], after[NR_CPUS];
	struct mm_struct mm;
	unsigned long start = 0x08048000;
	int me, cpu, others = 0;
	bool full = pages > TLB_FLUSH_CEILING;

	memset(&mm, 0, sizeof(mm));
	cpumask_copy(mm_cpumask(&mm), mask);
	/* The accounting below assumes the caller stays on `me`. */
	preempt_disable();
	me = smp_processor_id();
	snapshot(before);
	flush_tlb_mm_range(&mm, start, start + pages * PAGE_SIZE);
	snapshot(after);
	preempt_enable();
	for_each_online_cpu(cpu) {
		bool member = cpumask_test_cpu(cpu, mask);
		u32 flushed = member ? (full ? 0 : pages) : 0;

		if (cpu != me) {
			others += member;
			KTEST_EXPECT_EQ(t, after[cpu].ipis_received -
					   before[cpu].ipis_received, member);
		}
		KTEST_EXPECT_EQ(t, after[cpu].pages_flushed -
				   before[cpu].pages_flushed, flushed);
		KTEST_EXPECT_EQ(t, after[cpu].full_flushes -
				   before[cpu].full_flushes, member && full);
	}
	KTEST_EXPECT_EQ(t, after[me].ipis_sent - before[me].ipis_sent, others);
}

static void tlb_mm_range_reaches_only_its_cpus(struct ktest *t)
{
	u32 rnd = (u32)get_cycles();
	cpumask_t mask;
	int cpu;

	for (int round = 0; round < 30; round++) {
		cpumask_clear(&mask);
		for_each_online_cpu(cpu)
			if (ktest_rand(&rnd) & 1)
				cpumask_set_cpu(cpu, &mask);
		check_mm_flush(t, &mask, 1 + ktest_rand(&rnd) % 3);
		if (round % 10 == 0)
			check_mm_flush(t, &mask, TLB_FLUSH_CEILING + 1);
	}
	/* The edge cases: nobody, everybody, only the caller. */
	cpumask_clear(&mask);
	check_mm_flush(t, &mask, 1);
	check_mm_flush(t, &cpu_online_mask, 2);
	cpumask_set_cpu(this_cpu_id(), &mask);
	check_mm_flush(t, &mask, 1);
}

/* Local accounting: invlpg per page up to the ceiling, then CR3. */
static void tlb_local_flush_ceiling(struct ktest *t)
{
	static struct tlb_stats before[NR_CPUS], after[NR_CPUS];
	unsigned long va = page_va(0);
	cpumask_t self;
	int me;

	preempt_disable();
	me = smp_processor_id();
	cpumask_clear(&self);
	cpumask_set_cpu(me, &self);
	snapshot(before);
	flush_tlb_mask_range(&self, va, va + TLB_FLUSH_CEILING * PAGE_SIZE);
	flush_tlb_mask_range(&self, va + 1, va + 2);	/* one page */
	flush_tlb_mask_range(&self, va, va);		/* empty */
	flush_tlb_mask_range(&self, va, va + (TLB_FLUSH_CEILING + 1) *
				      PAGE_SIZE);
	flush_tlb_mask_range(&self, 0, ~0UL);		/* no overflow */
	snapshot(after);
	preempt_enable();
	KTEST_EXPECT_EQ(t, after[me].pages_flushed - before[me].pages_flushed,
			TLB_FLUSH_CEILING + 1);
	KTEST_EXPECT_EQ(t, after[me].full_flushes - before[me].full_flushes, 2);
	KTEST_EXPECT_EQ(t, after[me].ipis_sent - before[me].ipis_sent, 0);
}

static struct ktest_case tlb_cases[] = {
	KTEST_CASE(tlb_shootdown_one_page),
	KTEST_CASE(tlb_shootdown_ranges),
	KTEST_CASE(tlb_mm_range_reaches_only_its_cpus),
	KTEST_CASE(tlb_local_flush_ceiling),
	{}
};

static struct ktest_suite tlb_suite = {
	.name = "tlb",
	.cases = tlb_cases,
	.suite_init = tlb_suite_init,
	.suite_exit = tlb_suite_exit,
};
ktest_register_suite(tlb_suite);

/* ---- benchmark ------------------------------------------------------------- */

#define BENCH_ROUNDS	1000

static u32 samples[BENCH_ROUNDS];

/* One-page shootdown from this CPU to itself and `others` more CPUs. */
static void tlb_bench_one_page_shootdown(struct ktest *t)
{
	unsigned long va = page_va(0);
	int me, cpu;

	/* Stay on one CPU, so "other" CPUs stay other. */
	preempt_disable();
	me = smp_processor_id();
	for (int others = 0; others <= 3; others++) {
		struct ktest_cycles c;
		cpumask_t mask;
		int added = 0;

		cpumask_clear(&mask);
		cpumask_set_cpu(me, &mask);
		for_each_online_cpu(cpu)
			if (cpu != me && added < others) {
				cpumask_set_cpu(cpu, &mask);
				added++;
			}
		if (added < others)
			break;
		for (int i = 0; i < BENCH_ROUNDS; i++) {
			u64 t0 = get_cycles();

			flush_tlb_mask_range(&mask, va, va + PAGE_SIZE);
			samples[i] = (u32)min(get_cycles() - t0, (u64)~0u);
		}
		ktest_cycles_summarise(samples, BENCH_ROUNDS, &c);
		ktest_log(t, "one-page shootdown, CPU %d + %d other CPU(s): "
			  "median %u, mean %llu, min %u TSC cycles (%d runs)",
			  me, others, c.median, c.mean, c.min, BENCH_ROUNDS);
	}
	preempt_enable();
}

static struct ktest_case tlb_bench_cases[] = {
	KTEST_CASE(tlb_bench_one_page_shootdown),
	{}
};

static struct ktest_suite tlb_bench_suite = {
	.name = "tlb_bench",
	.cases = tlb_bench_cases,
	.suite_init = tlb_suite_init,
	.suite_exit = tlb_suite_exit,
	.bench = true,
};
ktest_register_suite(tlb_bench_suite);
