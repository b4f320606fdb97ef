// SPDX-License-Identifier: GPL-2.0
/*
 * Tests for highmem (mm/highmem*.c), run in whichever kmap= mode the
 * kernel booted with; the harness boots both modes at -smp 1, 2, 4, 8.
 *
 * Every page written here carries a pattern derived from its pfn, so a
 * mapping that reaches the wrong frame (a stale TLB entry, a slot mapped
 * twice) reads back the wrong words. The multi-CPU cases run work on
 * every online CPU at once and are skipped when only one CPU is online.
 */
#include <ktest.h>
#include <ktest_smp.h>
#include <highmem.h>
#include <kernel.h>
#include <string.h>
#include <cmdline.h>
#include <smp.h>
#include <cpumask.h>
#include <preempt.h>
#include <tlbflush.h>
#include <time.h>
#include <task.h>
#include <sched.h>
#include <asm/pgtable.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include "highmem_test.h"

/* ---- patterns ------------------------------------------------------------ */

static u32 pattern_word(unsigned long pfn, u32 salt, unsigned int i)
{
	return (pfn * 0x9e3779b1u) ^ (salt * 0x85ebca6bu) ^ (i * 0xc2b2ae35u);
}

void hm_fill_page(void *va, unsigned long pfn, u32 salt)
{
	u32 *w = va;

	for (unsigned int i = 0; i < PAGE_SIZE / 4; i++)
		w[i] = pattern_word(pfn, salt, i);
}

/* Index of the first word that differs from the pattern, or -1. */
int hm_check_page(const void *va, unsigned long pfn, u32 salt)
{
	const u32 *w = va;

	for (unsigned int i = 0; i < PAGE_SIZE / 4; i++)
		if (w[i] != pattern_word(pfn, salt, i))
			return i;
	return -1;
}

/* Cheaper: one word in every 64 (16 per page), for the stress loops. */
#define SPARSE_STRIDE	64

void hm_fill_sparse(void *va, unsigned long pfn, u32 salt)
{
	u32 *w = va;

	for (unsigned int i = 0; i < PAGE_SIZE / 4; i += SPARSE_STRIDE)
		w[i] = pattern_word(pfn, salt, i);
}

bool hm_check_sparse(const void *va, unsigned long pfn, u32 salt)
{
	const u32 *w = va;

	for (unsigned int i = 0; i < PAGE_SIZE / 4; i += SPARSE_STRIDE)
		if (READ_ONCE(w[i]) != pattern_word(pfn, salt, i))
			return false;
	return true;
}

struct page *hm_alloc_highmem(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER | __GFP_NOWARN);

	if (page && !PageHighMem(page)) {
		__free_page(page);
		return NULL;
	}
	return page;
}

/* ---- running work on several CPUs at once -------------------------------- */

/*
 * Two shared helpers (include/ktest_smp.h): ktest_run_on_all_cpus() runs
 * from the call-function IPI with preemption off, for plain reads while
 * this task holds a kmap_local; ktest_run_on_cpus() runs in pinned kernel
 * threads, for work that kmaps (which may sleep) or, with kmap=global,
 * shoots down TLBs (only task context uses the shared slots).
 */
int hm_online_cpus(void)
{
	return max((int)num_online_cpus(), 1);
}

/* ---- the shared page tables and the seed's bug --------------------------- */

static void kmap_tables_shared_by_every_directory(struct ktest *t)
{
	unsigned int kmap_pde = pgd_index(KMAP_BASE);
	unsigned int pkmap_pde = pgd_index(PKMAP_BASE);
	pde_t *pgdir;

	KTEST_EXPECT_TRUE(t, kernel_directory[kmap_pde] & _PAGE_PRESENT);
	KTEST_EXPECT_TRUE(t, kernel_directory[pkmap_pde] & _PAGE_PRESENT);
	KTEST_EXPECT_FALSE(t, kernel_directory[kmap_pde] & _PAGE_PSE);
	pgdir = pgd_alloc();
	KTEST_ASSERT_NOT_NULL(t, pgdir);
	KTEST_EXPECT_EQ(t, pgdir[kmap_pde], kernel_directory[kmap_pde]);
	KTEST_EXPECT_EQ(t, pgdir[pkmap_pde], kernel_directory[pkmap_pde]);
	pgd_free(pgdir);
}

/*
 * The seed's bug as a regression test: a directory created before the
 * kmaps below must see them. The seed put the temp area's page table in
 * kernel_directory after process directories had been copied, so a
 * system call (running on the process directory) faulted on it.
 */
static void seed_bug_directory_created_before_kmap(struct ktest *t)
{
	struct page *a = hm_alloc_highmem(), *b = hm_alloc_highmem();
	struct page *c = hm_alloc_highmem();
	pde_t *pgdir = pgd_alloc();
	void *va, *vb, *vc;
	int bad_a, bad_b, bad_c;

	KTEST_ASSERT_NOT_NULL(t, a);
	KTEST_ASSERT_NOT_NULL(t, b);
	KTEST_ASSERT_NOT_NULL(t, c);
	KTEST_ASSERT_NOT_NULL(t, pgdir);

	/*
	 * The seed's scenario: mapped under the kernel's CR3, used under the
	 * process's. Holding the slot keeps this task on this CPU, so CR3
	 * stays what we load. kmap() may sleep, so it comes first.
	 */
	vb = kmap(b);
	va = kmap_local_page(a);
	hm_fill_page(va, page_to_pfn(a), 1);
	switch_pgd(pgdir);
	bad_a = hm_check_page(va, page_to_pfn(a), 1);

	/* And the other way round. */
	vc = kmap_local_page(c);
	hm_fill_page(vb, page_to_pfn(b), 2);
	hm_fill_page(vc, page_to_pfn(c), 13);
	switch_pgd(kernel_directory);
	bad_b = hm_check_page(vb, page_to_pfn(b), 2);
	bad_c = hm_check_page(vc, page_to_pfn(c), 13);
	kunmap_local(vc);
	kunmap_local(va);
	kunmap(b);

	KTEST_EXPECT_EQ(t, bad_a, -1);
	KTEST_EXPECT_EQ(t, bad_b, -1);
	KTEST_EXPECT_EQ(t, bad_c, -1);
	pgd_free(pgdir);
	__free_page(a);
	__free_page(b);
	__free_page(c);
}

static void kmap_mode_matches_command_line(struct ktest *t)
{
	char want[16];

	if (!cmdline_find(boot_command_line, "kmap", want, sizeof(want)))
		strlcpy(want, "percpu", sizeof(want));
	KTEST_EXPECT_STREQ(t, kmap_mode_name(), want);
	KTEST_EXPECT_EQ(t, kmap_mode(), !strcmp(want, "global") ?
			KMAP_MODE_GLOBAL : KMAP_MODE_PERCPU);
}

/* ---- kmap_local_page ----------------------------------------------------- */

static void kmap_local_lowmem_is_direct_map(struct ktest *t)
{
	struct page *page = alloc_page(GFP_KERNEL);
	int depth = kmap_local_depth(), preempt = preempt_count_read();
	char *va;

	KTEST_ASSERT_NOT_NULL(t, page);
	va = kmap_local_page(page);
	KTEST_EXPECT_TRUE(t, va == lowmem_page_address(page));
	KTEST_EXPECT_EQ(t, kmap_local_depth(), depth + 1);
	KTEST_EXPECT_EQ(t, preempt_count_read(), preempt + 1);
	/* Any address inside the page undoes the mapping. */
	kunmap_local(va + 123);
	KTEST_EXPECT_EQ(t, kmap_local_depth(), depth);
	KTEST_EXPECT_EQ(t, preempt_count_read(), preempt);
	__free_page(page);
}

static void kmap_local_highmem_maps_the_frame(struct ktest *t)
{
	struct page *page = hm_alloc_highmem();
	unsigned long va, pfn;
	int depth = kmap_local_depth();
	pte_t mapped, after;
	void *pva;

	KTEST_ASSERT_NOT_NULL(t, page);
	pfn = page_to_pfn(page);
	va = (unsigned long)kmap_local_page(page);
	mapped = translate(kernel_directory, va);
	if (kmap_mode() == KMAP_MODE_PERCPU) {
		/* This CPU's slot for this nesting level, nothing else. */
		KTEST_EXPECT_EQ(t, va, KMAP_PERCPU_BASE + PAGE_SIZE *
				(smp_processor_id() * KM_MAX_IDX + depth));
	} else {
		KTEST_EXPECT_GE(t, va, KMAP_TEMP_BASE);
		KTEST_EXPECT_LT(t, va, KMAP_TEMP_BASE +
				KMAP_TEMP_SLOTS * PAGE_SIZE);
	}
	hm_fill_page((void *)va, pfn, 3);
	kunmap_local((void *)va);
	after = translate(kernel_directory, va);

	KTEST_EXPECT_EQ(t, pte_pfn(mapped), pfn);
	KTEST_EXPECT_EQ(t, after, 0);
	/* Read back through a different mapping: the persistent pool. */
	pva = kmap(page);
	KTEST_EXPECT_GE(t, (unsigned long)pva, PKMAP_BASE);
	KTEST_EXPECT_EQ(t, hm_check_page(pva, pfn, 3), -1);
	kunmap(page);
	__free_page(page);
}

static DEFINE_SPINLOCK(test_lock);

static bool is_own_percpu_slot(unsigned long va)
{
	unsigned long first = KMAP_PERCPU_BASE +
			      smp_processor_id() * KM_MAX_IDX * PAGE_SIZE;

	return va >= first && va < first + KM_MAX_IDX * PAGE_SIZE;
}

/*
 * Holding a spinlock or with interrupts off, a CPU must not wait for a
 * shootdown: both modes then map at this CPU's own slot.
 */
static void kmap_local_in_atomic_context_uses_own_slot(struct ktest *t)
{
	struct page *page = hm_alloc_highmem();
	unsigned long va_locked, va_irqs_off;

	KTEST_ASSERT_NOT_NULL(t, page);
	spin_lock(&test_lock);
	va_locked = (unsigned long)kmap_local_page(page);
	hm_fill_page((void *)va_locked, page_to_pfn(page), 11);
	kunmap_local((void *)va_locked);
	spin_unlock(&test_lock);

	local_irq_disable();
	va_irqs_off = (unsigned long)kmap_local_page(page);
	KTEST_EXPECT_EQ(t, hm_check_page((void *)va_irqs_off,
					 page_to_pfn(page), 11), -1);
	kunmap_local((void *)va_irqs_off);
	local_irq_enable();

	KTEST_EXPECT_TRUE(t, is_own_percpu_slot(va_locked));
	KTEST_EXPECT_TRUE(t, is_own_percpu_slot(va_irqs_off));
	__free_page(page);
}

/*
 * kmap=global: a shared slot unmapped in atomic context cannot be shot
 * down there; it must stay out of use until a later sweep has done it.
 */
static void global_atomic_unmap_defers_shootdown(struct ktest *t)
{
	struct page *a = hm_alloc_highmem(), *b = hm_alloc_highmem();
	struct kmap_stats s0, s1, s2;
	int cpu = smp_processor_id();
	unsigned long va;
	pte_t after;
	void *vb;

	if (kmap_mode() != KMAP_MODE_GLOBAL) {
		ktest_skip(t, "kmap=global only");
		return;
	}
	KTEST_ASSERT_NOT_NULL(t, a);
	KTEST_ASSERT_NOT_NULL(t, b);
	va = (unsigned long)kmap_local_page(a);
	KTEST_EXPECT_LT(t, va, KMAP_PERCPU_BASE);
	kmap_stats_get(cpu, &s0);
	local_irq_disable();
	kunmap_local((void *)va);
	local_irq_enable();
	kmap_stats_get(cpu, &s1);
	after = translate(kernel_directory, va);

	vb = kmap_local_page(b);
	hm_fill_page(vb, page_to_pfn(b), 12);
	kunmap_local(vb);
	kmap_stats_get(cpu, &s2);

	KTEST_EXPECT_EQ(t, after, 0);
	KTEST_EXPECT_EQ(t, s1.shootdowns_sent, s0.shootdowns_sent);
	/* b's own shootdown, then the sweep of a's slot. */
	KTEST_EXPECT_GE(t, s2.shootdowns_sent, s1.shootdowns_sent + 2);
	KTEST_EXPECT_NE(t, (unsigned long)vb, va);
	vb = kmap_local_page(b);
	KTEST_EXPECT_EQ(t, hm_check_page(vb, page_to_pfn(b), 12), -1);
	kunmap_local(vb);
	__free_page(a);
	__free_page(b);
}

/* Map KM_MAX_IDX pages at once (one of them lowmem), all live together. */
static void kmap_local_nests_to_full_depth(struct ktest *t)
{
	struct page *pages[KM_MAX_IDX];
	void *va[KM_MAX_IDX];
	int i, j, bad = 0, distinct = 0;

	KTEST_ASSERT_EQ(t, kmap_local_depth(), 0);
	for (i = 0; i < KM_MAX_IDX; i++) {
		pages[i] = i == KM_MAX_IDX / 2 ? alloc_page(GFP_KERNEL) :
						 hm_alloc_highmem();
		KTEST_ASSERT_NOT_NULL(t, pages[i]);
	}
	for (i = 0; i < KM_MAX_IDX; i++)
		va[i] = kmap_local_page(pages[i]);
	KTEST_EXPECT_EQ(t, kmap_local_depth(), KM_MAX_IDX);
	for (i = 0; i < KM_MAX_IDX; i++)
		hm_fill_page(va[i], page_to_pfn(pages[i]), 4);
	for (i = 0; i < KM_MAX_IDX; i++) {
		bad += hm_check_page(va[i], page_to_pfn(pages[i]), 4) != -1;
		for (j = 0; j < i && va[j] != va[i]; j++)
			;
		distinct += j == i;
	}
	for (i = KM_MAX_IDX - 1; i >= 0; i--)
		kunmap_local(va[i]);
	KTEST_EXPECT_EQ(t, bad, 0);
	KTEST_EXPECT_EQ(t, distinct, KM_MAX_IDX);
	KTEST_EXPECT_EQ(t, kmap_local_depth(), 0);

	/* The data outlives the mappings. */
	for (i = 0, bad = 0; i < KM_MAX_IDX; i++) {
		void *v = kmap_local_page(pages[i]);

		bad += hm_check_page(v, page_to_pfn(pages[i]), 4) != -1;
		kunmap_local(v);
		__free_page(pages[i]);
	}
	KTEST_EXPECT_EQ(t, bad, 0);
}

/*
 * Patterns through highmem frames spread over all of RAM: take every free
 * highmem page, then write and read back a sample chosen by pfn so that
 * it spans the whole zone.
 */
static void patterns_through_frames_across_ram(struct ktest *t)
{
	unsigned long span = max_pfn - max_low_pfn, stride, n = 0, tested = 0;
	unsigned long lo = max_pfn, hi = 0, bad = 0;
	struct page *page, *tmp;
	LIST_HEAD(held);

	if (!span) {
		ktest_skip(t, "no highmem (boot with lowmem= below RAM)");
		return;
	}
	stride = max(1ul, span / (1024 * ktest_scale));
	while ((page = hm_alloc_highmem())) {
		list_add(&page->lru, &held);
		n++;
	}
	list_for_each_entry(page, &held, lru) {
		unsigned long pfn = page_to_pfn(page);
		void *va;

		if (pfn % stride)
			continue;
		va = kmap_local_page(page);
		hm_fill_page(va, pfn, 5);
		kunmap_local(va);
		lo = min(lo, pfn);
		hi = max(hi, pfn);
	}
	/* Read back through the persistent pool (it wraps many times). */
	list_for_each_entry(page, &held, lru) {
		unsigned long pfn = page_to_pfn(page);
		void *va;

		if (pfn % stride)
			continue;
		va = kmap(page);
		bad += hm_check_page(va, pfn, 5) != -1;
		kunmap(page);
		tested++;
	}
	list_for_each_entry_safe(page, tmp, &held, lru) {
		list_del(&page->lru);
		__free_page(page);
	}
	ktest_log(t, "%lu of %lu highmem pages checked, pfn %#lx-%#lx", tested,
		  n, lo, hi);
	KTEST_EXPECT_EQ(t, bad, 0);
	KTEST_EXPECT_GE(t, tested, 512);
	/* The sample reaches both ends of highmem. */
	KTEST_EXPECT_LT(t, lo - max_low_pfn, span / 16);
	KTEST_EXPECT_LT(t, max_pfn - hi, span / 16);
}

/* ---- helpers ------------------------------------------------------------- */

static void helpers_copy_set_and_clear(struct ktest *t)
{
	struct page *a = hm_alloc_highmem(), *b = hm_alloc_highmem();
	struct page *low = alloc_page(GFP_KERNEL);
	char buf[64], out[64];
	int bad;
	u8 *v;

	KTEST_ASSERT_NOT_NULL(t, a);
	KTEST_ASSERT_NOT_NULL(t, b);
	KTEST_ASSERT_NOT_NULL(t, low);
	for (int i = 0; i < (int)sizeof(buf); i++)
		buf[i] = (char)(i * 7 + 1);

	memset_page(a, 0, 0xAB, PAGE_SIZE);
	memcpy_to_page(a, PAGE_SIZE - sizeof(buf), buf, sizeof(buf));
	memcpy_from_page(out, a, PAGE_SIZE - sizeof(buf), sizeof(out));
	KTEST_EXPECT_EQ(t, memcmp(buf, out, sizeof(buf)), 0);
	memcpy_from_page(out, a, 100, sizeof(out));
	KTEST_EXPECT_EQ(t, out[0], (char)0xAB);
	KTEST_EXPECT_EQ(t, out[63], (char)0xAB);

	/* copy_highpage holds two slots at once. */
	copy_highpage(b, a);
	v = kmap_local_page(b);
	KTEST_EXPECT_EQ(t, v[0], 0xAB);
	KTEST_EXPECT_EQ(t, memcmp(v + PAGE_SIZE - sizeof(buf), buf,
				  sizeof(buf)), 0);
	kunmap_local(v);

	clear_highpage(a);
	v = kmap_local_page(a);
	bad = 0;
	for (unsigned int i = 0; i < PAGE_SIZE; i++)
		bad += v[i] != 0;
	kunmap_local(v);
	KTEST_EXPECT_EQ(t, bad, 0);

	/* Lowmem to highmem and back. */
	hm_fill_page(lowmem_page_address(low), 42, 6);
	copy_highpage(a, low);
	v = kmap_local_page(a);
	KTEST_EXPECT_EQ(t, hm_check_page(v, 42, 6), -1);
	kunmap_local(v);
	KTEST_EXPECT_EQ(t, kmap_local_depth(), 0);
	__free_page(a);
	__free_page(b);
	__free_page(low);
}

/* ---- kmap() and the persistent pool -------------------------------------- */

/* Every online CPU's counters added up (the test may change CPU). */
static void stats_sum(struct kmap_stats *sum)
{
	struct kmap_stats s;
	int cpu;

	memset(sum, 0, sizeof(*sum));
	for_each_online_cpu(cpu) {
		kmap_stats_get(cpu, &s);
		sum->kmap_local += s.kmap_local;
		sum->kunmap_local += s.kunmap_local;
		sum->kmap += s.kmap;
		sum->kunmap += s.kunmap;
		sum->invlpg += s.invlpg;
		sum->shootdowns_sent += s.shootdowns_sent;
	}
}

static void kmap_reuses_mapping_and_sets_page_address(struct ktest *t)
{
	struct page *page = hm_alloc_highmem(), *low = alloc_page(GFP_KERNEL);
	void *a, *b;

	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_ASSERT_NOT_NULL(t, low);
	a = kmap(page);
	b = kmap(page);
	KTEST_EXPECT_TRUE(t, a == b);
	KTEST_EXPECT_TRUE(t, page_address(page) == a);
	KTEST_EXPECT_GE(t, (unsigned long)a, PKMAP_BASE);
	KTEST_EXPECT_LT(t, (unsigned long)a, PKMAP_BASE + PKMAP_SIZE);
	hm_fill_page(a, page_to_pfn(page), 7);
	kunmap(page);
	/* Still mapped for the other user. */
	KTEST_EXPECT_EQ(t, hm_check_page(b, page_to_pfn(page), 7), -1);
	kunmap(page);
	KTEST_EXPECT_TRUE(t, kmap(low) == lowmem_page_address(low));
	kunmap(low);
	__free_page(page);
	__free_page(low);
}

struct read_through {
	const void *va;
	unsigned long pfn;
	u32 salt;
	atomic_t bad;
};

static void read_through_on_cpu(void *arg)
{
	struct read_through *r = arg;

	if (!hm_check_sparse(r->va, r->pfn, r->salt))
		atomic_inc(&r->bad);
}

/*
 * Wrap-around: entry X maps page A and every CPU reads through it (each
 * now caches X -> A). After kunmap(A) the allocator goes round the pool,
 * flushes once and gives X to page B: every CPU must now see B.
 */
static void kmap_pool_wraparound_flushes_every_cpu(struct ktest *t)
{
	int ncpus = hm_online_cpus(), tries = 0;
	struct page *a = hm_alloc_highmem(), *b = NULL, *page, *tmp;
	struct read_through r = { .salt = 8 };
	struct kmap_stats before, after;
	LIST_HEAD(fillers);
	void *x;

	KTEST_ASSERT_NOT_NULL(t, a);
	memset_page(a, 0, 0, PAGE_SIZE);
	x = kmap(a);
	hm_fill_sparse(x, page_to_pfn(a), r.salt);
	r.va = x;
	r.pfn = page_to_pfn(a);
	ktest_run_on_all_cpus(read_through_on_cpu, &r);
	KTEST_EXPECT_EQ(t, atomic_read(&r.bad), 0);
	kunmap(a);

	stats_sum(&before);
	while (tries++ < 3 * LAST_PKMAP) {
		void *v;

		page = hm_alloc_highmem();
		KTEST_ASSERT_NOT_NULL(t, page);
		list_add(&page->lru, &fillers);
		v = kmap(page);
		if (v == x) {
			b = page;
			break;
		}
		kunmap(page);
	}
	stats_sum(&after);
	KTEST_ASSERT_NOT_NULL(t, b);
	ktest_log(t, "entry %#lx recycled after %d kmaps on %d CPUs",
		  (unsigned long)x, tries, ncpus);
	KTEST_EXPECT_GE(t, after.shootdowns_sent, before.shootdowns_sent + 1);

	hm_fill_sparse(x, page_to_pfn(b), r.salt);
	r.pfn = page_to_pfn(b);
	atomic_set(&r.bad, 0);
	ktest_run_on_all_cpus(read_through_on_cpu, &r);
	KTEST_EXPECT_EQ(t, atomic_read(&r.bad), 0);
	kunmap(b);
	list_for_each_entry_safe(page, tmp, &fillers, lru) {
		list_del(&page->lru);
		__free_page(page);
	}
	__free_page(a);
}

/*
 * kmap=global: a CPU other than the mapper may hold a translation of a
 * shared slot (real CPUs fill TLBs speculatively; here every CPU reads
 * through the slot on purpose). The unmap's shootdown must remove it
 * before the slot maps another page.
 */
static void global_unmap_shoots_down_every_cpu(struct ktest *t)
{
	struct page *a = hm_alloc_highmem(), *b = hm_alloc_highmem();
	struct read_through r = { .salt = 14 };
	int ncpus = hm_online_cpus();
	void *va, *vb;

	if (kmap_mode() != KMAP_MODE_GLOBAL || ncpus < 2) {
		ktest_skip(t, "kmap=global on two or more CPUs only");
		return;
	}
	KTEST_ASSERT_NOT_NULL(t, a);
	KTEST_ASSERT_NOT_NULL(t, b);
	va = kmap_local_page(a);
	hm_fill_sparse(va, page_to_pfn(a), r.salt);
	r.va = va;
	r.pfn = page_to_pfn(a);
	ktest_run_on_all_cpus(read_through_on_cpu, &r);
	KTEST_EXPECT_EQ(t, atomic_read(&r.bad), 0);
	kunmap_local(va);

	/* The lowest free slot again: the same address, another page. */
	vb = kmap_local_page(b);
	KTEST_ASSERT_TRUE(t, vb == va);
	hm_fill_sparse(vb, page_to_pfn(b), r.salt);
	r.pfn = page_to_pfn(b);
	atomic_set(&r.bad, 0);
	ktest_run_on_all_cpus(read_through_on_cpu, &r);
	kunmap_local(vb);
	KTEST_EXPECT_EQ(t, atomic_read(&r.bad), 0);
	__free_page(a);
	__free_page(b);
}

struct pool_full {
	struct page *victim;
	int waiter_cpu;
	u32 waits_before;
	struct task_struct *waiter;
	bool saw_waiter;
	atomic_t done;
};

/*
 * A kernel thread: wait until the waiter is asleep in kmap() (it counted a
 * wait, sleeps uninterruptibly and has switched out), then free one entry.
 * Not an IPI handler: kunmap() takes kmap_lock, which is taken with
 * interrupts on, so never from an interrupt (the lock validator's rule).
 * Freeing on the wait count alone races with the waiter's last check of
 * the pool before it sleeps.
 */
static int release_one_when_waiting(void *arg)
{
	struct pool_full *pf = arg;
	struct kmap_stats s;
	u64 deadline;

	deadline = ktime_get_ns() + 2 * NSEC_PER_SEC;
	do {
		kmap_stats_get(pf->waiter_cpu, &s);
		pf->saw_waiter = s.pkmap_waits != pf->waits_before &&
				 READ_ONCE(pf->waiter->state) ==
					TASK_UNINTERRUPTIBLE &&
				 !READ_ONCE(pf->waiter->on_cpu);
	} while (!pf->saw_waiter && ktime_get_ns() < deadline);
	kunmap(pf->victim);
	atomic_set(&pf->done, 1);
	return 0;
}

static void kmap_waits_when_pool_full(struct ktest *t)
{
	static struct page *pages[LAST_PKMAP];
	struct pool_full pf = { .waiter_cpu = smp_processor_id(),
				.waiter = current };
	unsigned long switches;
	struct page *extra;
	void *victim_va, *v;
	struct kmap_stats s;
	int helper = ktest_other_cpu(), n;

	if (helper < 0) {
		ktest_skip(t, "needs a second CPU to call kunmap()");
		return;
	}
	for (n = 0; n < LAST_PKMAP; n++) {
		pages[n] = hm_alloc_highmem();
		KTEST_ASSERT_NOT_NULL(t, pages[n]);
		kmap(pages[n]);
	}
	extra = hm_alloc_highmem();
	KTEST_ASSERT_NOT_NULL(t, extra);
	pf.victim = pages[LAST_PKMAP / 2];
	victim_va = page_address(pf.victim);
	kmap_stats_get(pf.waiter_cpu, &s);
	pf.waits_before = s.pkmap_waits;
	switches = current->nvcsw;
	KTEST_ASSERT_TRUE(t, kernel_thread(release_one_when_waiting, &pf,
					   "kmap-release") > 0);
	v = kmap(extra);	/* the pool is full: waits for the helper */
	while (!atomic_read(&pf.done))
		cpu_relax();
	KTEST_EXPECT_TRUE(t, pf.saw_waiter);
	/* A task waits asleep, on the pool's wait queue. */
	KTEST_EXPECT_GT(t, current->nvcsw, switches);
	KTEST_EXPECT_TRUE(t, v == victim_va);
	KTEST_EXPECT_TRUE(t, page_address(extra) == v);
	kunmap(extra);
	__free_page(extra);
	for (n = 0; n < LAST_PKMAP; n++) {
		if (pages[n] != pf.victim)
			kunmap(pages[n]);
		__free_page(pages[n]);
	}
}

/* ---- interrupt context --------------------------------------------------- */

struct irq_kmap {
	struct page *page;
	int target;		/* the CPU the interrupt goes to */
	int depth_at_entry, depth_at_exit;
	bool in_interrupt;	/* what the handler saw */
	unsigned long va;
	int bad;
	atomic_t done;
};

/* Runs on the test's CPU from the call-function IPI: interrupt context. */
static void kmap_atomic_in_interrupt(void *arg)
{
	struct irq_kmap *k = arg;
	void *va;

	k->depth_at_entry = kmap_local_depth();
	k->in_interrupt = in_interrupt();
	va = kmap_atomic(k->page);
	hm_fill_page(va, page_to_pfn(k->page), 9);
	k->bad = hm_check_page(va, page_to_pfn(k->page), 9);
	k->va = (unsigned long)va;
	kunmap_atomic(va);
	k->depth_at_exit = kmap_local_depth();
	atomic_set(&k->done, 1);
}

static void send_kmap_interrupt(void *arg)
{
	struct irq_kmap *k = arg;

	local_irq_enable();
	smp_call_function_single(k->target, kmap_atomic_in_interrupt, k, true);
	local_irq_disable();
}

static void kmap_atomic_in_interrupt_nests_above(struct ktest *t)
{
	struct page *outer = hm_alloc_highmem();
	struct irq_kmap k = { .page = hm_alloc_highmem(),
			      .target = smp_processor_id() };
	int helper = ktest_other_cpu(), depth;
	void *va;

	if (helper < 0) {
		ktest_skip(t, "needs a second CPU to send the interrupt");
		return;
	}
	KTEST_ASSERT_NOT_NULL(t, outer);
	KTEST_ASSERT_NOT_NULL(t, k.page);
	va = kmap_local_page(outer);
	hm_fill_page(va, page_to_pfn(outer), 10);
	depth = kmap_local_depth();
	smp_call_function_single(helper, send_kmap_interrupt, &k, false);
	while (!atomic_read(&k.done))
		cpu_relax();
	KTEST_EXPECT_EQ(t, hm_check_page(va, page_to_pfn(outer), 10), -1);
	/* The handler knew it was one, and this task knows it is not. */
	KTEST_EXPECT_TRUE(t, k.in_interrupt);
	KTEST_EXPECT_FALSE(t, in_interrupt());
	/* Its slot is the next level of this CPU's own, in both modes:
	 * kmap=global never waits for a shootdown in an interrupt. */
	KTEST_EXPECT_TRUE(t, is_own_percpu_slot(k.va));
	if (kmap_mode() == KMAP_MODE_PERCPU)
		KTEST_EXPECT_EQ(t, k.va, (unsigned long)va + PAGE_SIZE);
	KTEST_EXPECT_EQ(t, k.depth_at_entry, depth);
	KTEST_EXPECT_EQ(t, k.depth_at_exit, depth);
	KTEST_EXPECT_EQ(t, kmap_local_depth(), depth);
	KTEST_EXPECT_NE(t, k.va, (unsigned long)va);
	KTEST_EXPECT_EQ(t, k.bad, -1);
	kunmap_local(va);
	va = kmap_local_page(k.page);
	KTEST_EXPECT_EQ(t, hm_check_page(va, page_to_pfn(k.page), 9), -1);
	kunmap_local(va);
	__free_page(outer);
	__free_page(k.page);
}

/* ---- debug checks -------------------------------------------------------- */

static void map_one_more(void *page)
{
	kmap_local_page(page);
}

static void debug_slot_overflow(struct ktest *t)
{
	struct page *page = hm_alloc_highmem();
	void *va[KM_MAX_IDX];
	int i;

	KTEST_ASSERT_NOT_NULL(t, page);
	for (i = 0; i < KM_MAX_IDX; i++)
		va[i] = kmap_local_page(page);
	ktest_expect_panic(t, map_one_more, page, "slot overflow");
	KTEST_EXPECT_EQ(t, kmap_local_depth(), KM_MAX_IDX);
	for (i = KM_MAX_IDX - 1; i >= 0; i--)
		kunmap_local(va[i]);
	KTEST_EXPECT_EQ(t, kmap_local_depth(), 0);
	__free_page(page);
}

static void unmap_addr(void *va)
{
	kunmap_local(va);
}

static void debug_kunmap_out_of_order(struct ktest *t)
{
	struct page *a = hm_alloc_highmem(), *b = hm_alloc_highmem();
	void *va, *vb;

	KTEST_ASSERT_NOT_NULL(t, a);
	KTEST_ASSERT_NOT_NULL(t, b);
	va = kmap_local_page(a);
	vb = kmap_local_page(b);
	ktest_expect_panic(t, unmap_addr, va, "out of order");
	/* Nothing changed: the right order still works. */
	KTEST_EXPECT_EQ(t, kmap_local_depth(), 2);
	kunmap_local(vb);
	kunmap_local(va);
	KTEST_EXPECT_EQ(t, kmap_local_depth(), 0);
	__free_page(a);
	__free_page(b);
}

static void debug_kunmap_of_no_kmap(struct ktest *t)
{
	struct page *a = hm_alloc_highmem(), *low = alloc_page(GFP_KERNEL);
	void *va;

	KTEST_ASSERT_NOT_NULL(t, a);
	KTEST_ASSERT_NOT_NULL(t, low);
	/* Nothing held at all. */
	ktest_expect_panic(t, unmap_addr, lowmem_page_address(low),
			   "not a kmap_local address");
	va = kmap_local_page(a);
	/* A lowmem address that was never kmapped. */
	ktest_expect_panic(t, unmap_addr, lowmem_page_address(low),
			   "not a kmap_local address");
	/* A kmap-area address nobody mapped. */
	ktest_expect_panic(t, unmap_addr, (void *)(KMAP_PERCPU_END -
						   PAGE_SIZE),
			   "not a kmap_local address");
	KTEST_EXPECT_EQ(t, kmap_local_depth(), 1);
	kunmap_local(va);
	__free_page(a);
	__free_page(low);
}

static void assert_none_held(void *where)
{
	kmap_local_assert_none_held(where);
}

static void debug_slot_held_at_context_switch(struct ktest *t)
{
	struct page *a = hm_alloc_highmem();
	void *va;

	KTEST_ASSERT_NOT_NULL(t, a);
	kmap_local_assert_none_held("ktest: nothing held");
	va = kmap_local_page(a);
	ktest_expect_panic(t, assert_none_held, (void *)"context switch",
			   "context switch: CPU");
	ktest_expect_panic(t, assert_none_held, (void *)"return to user",
			   "still holds 1 kmap_local slot");
	kunmap_local(va);
	kmap_local_assert_none_held("ktest: all released");
	__free_page(a);
}

struct cross_cpu {
	struct page *page;
	void *va;
	atomic_t mapped, release, done;
};

static void hold_slot_until_released(void *arg)
{
	struct cross_cpu *c = arg;

	local_irq_enable();
	c->va = kmap_local_page(c->page);
	atomic_set(&c->mapped, 1);
	while (!atomic_read(&c->release))
		cpu_relax();
	kunmap_local(c->va);
	local_irq_disable();
	atomic_set(&c->done, 1);
}

static void debug_slot_used_on_another_cpu(struct ktest *t)
{
	struct cross_cpu c = { .page = hm_alloc_highmem() };
	int helper = ktest_other_cpu();
	char want[32];

	if (helper < 0) {
		ktest_skip(t, "needs a second CPU to hold the slot");
		return;
	}
	KTEST_ASSERT_NOT_NULL(t, c.page);
	smp_call_function_single(helper, hold_slot_until_released, &c, false);
	while (!atomic_read(&c.mapped))
		cpu_relax();
	snprintf(want, sizeof(want), "mapped by CPU %d", helper);
	ktest_expect_panic(t, unmap_addr, c.va, want);
	atomic_set(&c.release, 1);
	while (!atomic_read(&c.done))
		cpu_relax();
	KTEST_EXPECT_EQ(t, kmap_local_depth(), 0);
	__free_page(c.page);
}

static void kunmap_page(void *page)
{
	kunmap(page);
}

static void kmap_irqs_off(void *page)
{
	local_irq_disable();
	kmap(page);
}

/* barrier(): not a tail call, so kmap() returns here (named by %pS). */
static void kmap_preempt_off(void *page)
{
	preempt_disable();
	kmap(page);
	barrier();
}

static void kmap_page(void *page)
{
	kmap(page);
	barrier();
}

static void copy_past_end(void *page)
{
	char buf[8] = { 0 };

	memcpy_to_page(page, PAGE_SIZE - 4, buf, sizeof(buf));
}

static void debug_persistent_and_helper_misuse(struct ktest *t)
{
	struct page *a = hm_alloc_highmem(), *low = alloc_page(GFP_KERNEL);
	void *va;

	KTEST_ASSERT_NOT_NULL(t, a);
	KTEST_ASSERT_NOT_NULL(t, low);
	ktest_expect_panic(t, kunmap_page, a, "is not kmapped");
	ktest_expect_panic(t, kmap_irqs_off, a,
			   "might sleep with interrupts disabled");
	/* might_sleep() names kmap()'s caller and why it may not sleep. */
	ktest_expect_panic(t, kmap_preempt_off, a,
			   "might sleep with preemption disabled: "
			   "kmap_preempt_off+0x");
	ktest_expect_panic(t, kmap_preempt_off, a, "at mm/highmem_pkmap.c:");
	/* Lowmem needs no entry, but the caller is wrong all the same. */
	ktest_expect_panic(t, kmap_preempt_off, low,
			   "with preemption disabled: kmap_preempt_off+0x");
	/* Holding a kmap_local slot, preemption is off too. */
	va = kmap_local_page(low);
	ktest_expect_panic(t, kmap_page, a, "disabled: kmap_page+0x");
	kunmap_local(va);
	ktest_expect_panic(t, copy_past_end, a, "crosses the end");
	KTEST_EXPECT_EQ(t, kmap_local_depth(), 0);
	__free_page(a);
	__free_page(low);
}

/* ---- statistics ---------------------------------------------------------- */

static void stats_count_each_operation(struct ktest *t)
{
	struct page *a = hm_alloc_highmem();
	struct kmap_stats s0, s1, s2;
	char buf[512];

	KTEST_ASSERT_NOT_NULL(t, a);
	stats_sum(&s0);
	kunmap_local(kmap_local_page(a));
	stats_sum(&s1);
	kmap(a);
	kunmap(a);
	stats_sum(&s2);

	KTEST_EXPECT_GE(t, s1.kmap_local, s0.kmap_local + 1);
	KTEST_EXPECT_GE(t, s1.kunmap_local, s0.kunmap_local + 1);
	if (kmap_mode() == KMAP_MODE_PERCPU) {
		/* One local invlpg, and no shootdown. */
		KTEST_EXPECT_GE(t, s1.invlpg, s0.invlpg + 1);
		KTEST_EXPECT_EQ(t, s1.shootdowns_sent, s0.shootdowns_sent);
	} else {
		KTEST_EXPECT_GE(t, s1.shootdowns_sent, s0.shootdowns_sent + 1);
	}
	KTEST_EXPECT_GE(t, s2.kmap, s1.kmap + 1);
	KTEST_EXPECT_GE(t, s2.kunmap, s1.kunmap + 1);
	KTEST_EXPECT_GT(t, kmap_stats_show(buf, sizeof(buf)), 0);
	KTEST_EXPECT_TRUE(t, strstr(buf, kmap_mode_name()) != NULL);
	for (char *line = buf, *nl; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (!nl)
			break;
		*nl = '\0';
		ktest_log(t, "%s", line);
	}
	__free_page(a);
}

/* ---- concurrent stress --------------------------------------------------- */

#define STRESS_PAGES	24	/* per CPU */
#define STRESS_PERCPU_TOTAL	40000	/* iterations of all CPUs */
#define STRESS_GLOBAL_TOTAL	2000

struct stress_page {
	struct page *page;
	u32 salt;		/* what the page holds now */
};

/*
 * What a CPU offers the others to read while it holds it: one of its
 * current mappings that is valid on every CPU (a kmap() address, or with
 * kmap=global a shared temp slot). `readers` is -1 while nothing is
 * offered, else how many CPUs are reading through it; the owner takes it
 * back only at 0, so no CPU reads a slot after it is unmapped.
 */
struct stress_offer {
	atomic_t readers;
	const void *va;
	unsigned long pfn;
	u32 salt;
} __aligned(64);

struct stress {
	struct stress_page pages[NR_CPUS][STRESS_PAGES];
	struct stress_offer offers[NR_CPUS];
	int cpus[NR_CPUS], ncpus;	/* the online CPUs */
	unsigned int iterations;
	atomic_t errors, cross_reads;
	int first_cpu;
	unsigned long first_pfn;
};

static void stress_error(struct stress *s, unsigned long pfn)
{
	if (atomic_fetch_add(1, &s->errors) == 0) {
		s->first_cpu = smp_processor_id();
		s->first_pfn = pfn;
	}
}

/* Could another CPU read through `va`? */
static bool valid_on_every_cpu(const void *va, bool persistent)
{
	unsigned long addr = (unsigned long)va;

	return persistent || (kmap_mode() == KMAP_MODE_GLOBAL &&
			      addr >= KMAP_TEMP_BASE &&
			      addr < KMAP_PERCPU_BASE);
}

static void offer_mapping(struct stress_offer *o, const void *va,
			  unsigned long pfn, u32 salt)
{
	o->va = va;
	o->pfn = pfn;
	o->salt = salt;
	smp_mb();	/* the mapping's details before opening it */
	atomic_set(&o->readers, 0);
}

static void withdraw_offer(struct stress_offer *o)
{
	while (atomic_cmpxchg(&o->readers, 0, -1) != 0)
		cpu_relax();
}

/*
 * Read through another CPU's offered mapping, if it offers one now: in
 * kmap=global the slot it maps has been used by every CPU (this one
 * included), so a shootdown missing on some unmap leaves this CPU a stale
 * translation to an older page, and the check sees that page's pfn and
 * salt instead.
 */
static void read_offered_mapping(struct stress *s, struct stress_offer *o)
{
	int n;

	do {
		n = atomic_read(&o->readers);
		if (n < 0)
			return;
	} while (atomic_cmpxchg(&o->readers, n, n + 1) != n);
	if (!hm_check_sparse(o->va, o->pfn, o->salt))
		stress_error(s, o->pfn);
	atomic_inc(&s->cross_reads);
	atomic_sub(1, &o->readers);
}

static void read_other_cpus_mappings(struct stress *s)
{
	for (int i = 0; i < s->ncpus; i++)
		if (s->cpus[i] != smp_processor_id())
			read_offered_mapping(s, &s->offers[s->cpus[i]]);
}

/* Up to three of this CPU's pages, distinct. */
static int pick_stress_pages(struct stress *s, int cpu, u32 *rnd,
			     struct stress_page **sp)
{
	int n = 1 + ktest_rand(rnd) % 3;

	for (int i = 0; i < n; i++) {
		sp[i] = &s->pages[cpu][ktest_rand(rnd) % STRESS_PAGES];
		for (int j = 0; j < i; j++)
			if (sp[j] == sp[i])
				sp[i] = &s->pages[cpu][(sp[i] - s->pages[cpu] +
							1) % STRESS_PAGES];
	}
	return n;
}

/*
 * One iteration: map 1-3 of this CPU's pages nested (kmap_local, or kmap
 * for the outermost one time in 64), check each still holds what this
 * CPU last wrote, write a new signature, offer the outermost mapping to
 * the other CPUs and read through one of theirs, check, withdraw, unmap
 * in reverse. A stale translation anywhere shows up as the wrong pfn or
 * salt.
 */
static void stress_iteration(struct stress *s, int cpu, unsigned int it,
			     u32 *rnd)
{
	struct stress_offer *offer = &s->offers[cpu];
	bool persistent = (ktest_rand(rnd) & 63) == 0, offered;
	struct stress_page *sp[3];
	void *va[3];
	int n = pick_stress_pages(s, cpu, rnd, sp), i;

	for (i = 0; i < n; i++) {
		va[i] = i == 0 && persistent ? kmap(sp[i]->page) :
			kmap_local_page(sp[i]->page);
		if (!hm_check_sparse(va[i], page_to_pfn(sp[i]->page),
				     sp[i]->salt))
			stress_error(s, page_to_pfn(sp[i]->page));
	}
	for (i = 0; i < n; i++) {
		sp[i]->salt = (cpu << 24) ^ (it << 2) ^ i;
		hm_fill_sparse(va[i], page_to_pfn(sp[i]->page), sp[i]->salt);
	}
	offered = valid_on_every_cpu(va[0], persistent);
	if (offered)
		offer_mapping(offer, va[0], page_to_pfn(sp[0]->page),
			      sp[0]->salt);
	read_other_cpus_mappings(s);
	for (i = n - 1; i >= 0; i--) {
		if (!hm_check_sparse(va[i], page_to_pfn(sp[i]->page),
				     sp[i]->salt))
			stress_error(s, page_to_pfn(sp[i]->page));
		if (i == 0 && offered)
			withdraw_offer(offer);
		if (i == 0 && persistent)
			kunmap(sp[i]->page);
		else
			kunmap_local(va[i]);
	}
}

static void stress_on_cpu(void *arg)
{
	struct stress *s = arg;
	int cpu = smp_processor_id();
	u32 rnd = 0x2545f491u * (cpu + 1);

	for (unsigned int it = 0; it < s->iterations; it++)
		stress_iteration(s, cpu, it, &rnd);
}

/* Allocate and sign every online CPU's pages. */
static int stress_prepare(struct stress *s)
{
	int cpu, i;

	for (cpu = 0; cpu < NR_CPUS; cpu++)
		atomic_set(&s->offers[cpu].readers, -1);
	s->ncpus = 0;
	for_each_online_cpu(cpu) {
		s->cpus[s->ncpus++] = cpu;
		for (i = 0; i < STRESS_PAGES; i++) {
			struct stress_page *sp = &s->pages[cpu][i];
			void *va;

			sp->page = hm_alloc_highmem();
			if (!sp->page)
				return -1;
			sp->salt = cpu * 1000 + i;
			va = kmap_local_page(sp->page);
			hm_fill_sparse(va, page_to_pfn(sp->page), sp->salt);
			kunmap_local(va);
		}
	}
	return 0;
}

/* From this CPU: pages whose last signature is not there; frees them. */
static int stress_check_and_free(struct stress *s)
{
	int cpu, i, bad = 0;

	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		for (i = 0; i < STRESS_PAGES; i++) {
			struct stress_page *sp = &s->pages[cpu][i];
			void *va;

			if (!sp->page)
				continue;
			va = kmap_local_page(sp->page);
			bad += !hm_check_sparse(va, page_to_pfn(sp->page),
						sp->salt);
			kunmap_local(va);
			__free_page(sp->page);
		}
	}
	return bad;
}

static void concurrent_stress_all_cpus(struct ktest *t)
{
	static struct stress s;
	static struct kmap_stats before[NR_CPUS];
	int ncpus = hm_online_cpus(), cpu, idle = 0;
	struct kmap_stats after;
	u64 start;

	memset(&s, 0, sizeof(s));
	/*
	 * kmap=percpu: about the same total work whatever the CPU count.
	 * kmap=global shoots down every other CPU on every unmap, and under
	 * TCG with more vCPUs than host cores one shootdown waits for every
	 * vCPU thread to be scheduled (milliseconds): its total shrinks as
	 * the number of CPUs grows. ktest_scale= raises both.
	 */
	if (kmap_mode() == KMAP_MODE_GLOBAL)
		s.iterations = max(STRESS_GLOBAL_TOTAL / (ncpus * ncpus), 16);
	else
		s.iterations = STRESS_PERCPU_TOTAL / ncpus;
	s.iterations *= ktest_scale;
	if (stress_prepare(&s)) {
		stress_check_and_free(&s);
		ktest_fail_at(t, __FILE__, __LINE__, "out of highmem");
		return;
	}
	for_each_online_cpu(cpu)
		kmap_stats_get(cpu, &before[cpu]);

	start = ktime_get_ns();
	ktest_run_on_cpus(ncpus, stress_on_cpu, &s);
	ktest_log(t, "%d CPUs x %u iterations in %llu ms (kmap=%s), %d reads "
		  "through another CPU's mapping", ncpus, s.iterations,
		  (ktime_get_ns() - start) / NSEC_PER_MSEC, kmap_mode_name(),
		  atomic_read(&s.cross_reads));
	if (atomic_read(&s.errors))
		ktest_log(t, "%d errors; first on CPU %d, pfn %#lx",
			  atomic_read(&s.errors), s.first_cpu, s.first_pfn);
	KTEST_EXPECT_EQ(t, atomic_read(&s.errors), 0);

	/*
	 * Not vacuous: every CPU did its iterations, and with kmap=global
	 * every CPU went through the shared slots (it sent shootdowns).
	 */
	for_each_online_cpu(cpu) {
		kmap_stats_get(cpu, &after);
		if (after.kmap_local - before[cpu].kmap_local < s.iterations)
			idle++;
		else if (kmap_mode() == KMAP_MODE_GLOBAL &&
			 after.shootdowns_sent == before[cpu].shootdowns_sent)
			idle++;
	}
	KTEST_EXPECT_EQ(t, idle, 0);
	/* kmap=global: the CPUs did read each other's shared slots. */
	if (kmap_mode() == KMAP_MODE_GLOBAL && ncpus > 1)
		KTEST_EXPECT_GT(t, atomic_read(&s.cross_reads), 0);
	KTEST_EXPECT_EQ(t, stress_check_and_free(&s), 0);
}

static struct ktest_case highmem_cases[] = {
	KTEST_CASE(kmap_tables_shared_by_every_directory),
	KTEST_CASE(seed_bug_directory_created_before_kmap),
	KTEST_CASE(kmap_mode_matches_command_line),
	KTEST_CASE(kmap_local_lowmem_is_direct_map),
	KTEST_CASE(kmap_local_highmem_maps_the_frame),
	KTEST_CASE(kmap_local_in_atomic_context_uses_own_slot),
	KTEST_CASE(global_atomic_unmap_defers_shootdown),
	KTEST_CASE(kmap_local_nests_to_full_depth),
	KTEST_CASE(patterns_through_frames_across_ram),
	KTEST_CASE(helpers_copy_set_and_clear),
	KTEST_CASE(kmap_reuses_mapping_and_sets_page_address),
	KTEST_CASE(kmap_pool_wraparound_flushes_every_cpu),
	KTEST_CASE(global_unmap_shoots_down_every_cpu),
	KTEST_CASE(kmap_waits_when_pool_full),
	KTEST_CASE(kmap_atomic_in_interrupt_nests_above),
	KTEST_CASE(debug_slot_overflow),
	KTEST_CASE(debug_kunmap_out_of_order),
	KTEST_CASE(debug_kunmap_of_no_kmap),
	KTEST_CASE(debug_slot_held_at_context_switch),
	KTEST_CASE(debug_slot_used_on_another_cpu),
	KTEST_CASE(debug_persistent_and_helper_misuse),
	KTEST_CASE(stats_count_each_operation),
	KTEST_CASE(concurrent_stress_all_cpus),
	{}
};

void hm_suite_enter(struct hm_suite_ctx *c)
{
	cpumask_t here;

	/*
	 * Run as kernel code normally runs, with interrupts on: kmap()
	 * requires it, and kmap=global uses its shared slots only then.
	 */
	c->irq_flags = arch_local_save_flags();
	local_irq_enable();
	/* Stay on one CPU: cases compare "this CPU" with the others. */
	cpumask_copy(&c->affinity, &current->cpus_allowed);
	cpumask_clear(&here);
	cpumask_set_cpu(smp_processor_id(), &here);
	set_cpus_allowed(current, &here);
}

void hm_suite_leave(struct hm_suite_ctx *c)
{
	set_cpus_allowed(current, &c->affinity);
	if (arch_irqs_disabled_flags(c->irq_flags))
		local_irq_disable();
}

static struct hm_suite_ctx suite_ctx;

static int highmem_suite_init(void)
{
	/* The cases need highmem (boot with lowmem= below the RAM size). */
	if (!zones[ZONE_HIGHMEM].managed_pages)
		return -1;
	/* Every case starts and must end with no kmap_local held. */
	if (kmap_local_depth() != 0)
		return -1;
	hm_suite_enter(&suite_ctx);
	return 0;
}

static void highmem_suite_exit(void)
{
	hm_suite_leave(&suite_ctx);
}

static struct ktest_suite highmem_suite = {
	.name = "highmem",
	.cases = highmem_cases,
	.suite_init = highmem_suite_init,
	.suite_exit = highmem_suite_exit,
};
ktest_register_suite(highmem_suite);
