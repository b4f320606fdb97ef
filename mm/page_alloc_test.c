// SPDX-License-Identifier: GPL-2.0
/*
 * Tests for the buddy page allocator (mm/page_alloc.c): zone boundaries,
 * allocation from each zone, exhaustion, alignment of multi-page blocks,
 * zeroing, exact free-page accounting, and the debug checks on bad frees.
 */
#include <ktest.h>
#include <mm.h>
#include <kernel.h>
#include <string.h>
#include <asm/smp.h>

extern char _stext[], _end[];

static bool zone_has_pages(enum zone_type z)
{
	return zones[z].managed_pages != 0;
}

/* Free pages per order of one zone, for before/after comparisons. */
struct zone_snapshot {
	unsigned long free_pages;
	unsigned long nr_free[MAX_ORDER];
};

static void snapshot_zone(enum zone_type z, struct zone_snapshot *s)
{
	unsigned long flags;

	spin_lock_irqsave(&zones[z].lock, flags);
	s->free_pages = zones[z].free_pages;
	for (int o = 0; o < MAX_ORDER; o++)
		s->nr_free[o] = zones[z].free_area[o].nr_free;
	spin_unlock_irqrestore(&zones[z].lock, flags);
}

static void expect_same_snapshot(struct ktest *t, enum zone_type z,
				 const struct zone_snapshot *before)
{
	struct zone_snapshot after;

	snapshot_zone(z, &after);
	KTEST_EXPECT_EQ(t, after.free_pages, before->free_pages);
	for (int o = 0; o < MAX_ORDER; o++) {
		if (after.nr_free[o] != before->nr_free[o])
			ktest_log(t, "zone %s order %d: %lu free blocks, was %lu",
				  zones[z].name, o, after.nr_free[o],
				  before->nr_free[o]);
		KTEST_EXPECT_EQ(t, after.nr_free[o], before->nr_free[o]);
	}
}

static void zones_split_at_lowmem_limit(struct ktest *t)
{
	struct zone *normal = &zones[ZONE_NORMAL], *high = &zones[ZONE_HIGHMEM];

	KTEST_EXPECT_EQ(t, normal->start_pfn, 0);
	KTEST_EXPECT_EQ(t, normal->end_pfn, max_low_pfn);
	KTEST_EXPECT_EQ(t, high->start_pfn, max_low_pfn);
	KTEST_EXPECT_EQ(t, high->end_pfn, max_pfn);
	KTEST_EXPECT_LE(t, PFN_PHYS(max_low_pfn), LOWMEM_MAX);
	KTEST_EXPECT_GT(t, normal->managed_pages, 0);
	KTEST_EXPECT_LE(t, normal->managed_pages,
			normal->end_pfn - normal->start_pfn);
	KTEST_EXPECT_LE(t, high->managed_pages, high->end_pfn - high->start_pfn);
	KTEST_EXPECT_LE(t, normal->free_pages, normal->managed_pages);
	KTEST_EXPECT_LE(t, high->free_pages, high->managed_pages);
	ktest_log(t, "lowmem %lu MiB, highmem %lu MiB (%lu pages)",
		  (unsigned long)PFN_PHYS(max_low_pfn) >> 20,
		  (max_pfn - max_low_pfn) >> (20 - PAGE_SHIFT),
		  high->managed_pages);
}

static void page_flags_match_zones(struct ktest *t)
{
	unsigned long wrong = 0;

	for (unsigned long pfn = 0; pfn < max_pfn; pfn++) {
		bool high = PageHighMem(pfn_to_page(pfn));

		if (high != (pfn >= max_low_pfn) && !wrong++)
			ktest_log(t, "pfn %#lx: PG_highmem is %d", pfn, high);
	}
	KTEST_EXPECT_EQ(t, wrong, 0);
}

static void lowmem_page_is_direct_mapped(struct ktest *t)
{
	struct page *page = alloc_page(GFP_KERNEL);
	u32 *p;

	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_FALSE(t, PageHighMem(page));
	KTEST_EXPECT_LT(t, page_to_pfn(page), max_low_pfn);
	KTEST_EXPECT_EQ(t, atomic_read(&page->refcount), 1);
	p = page_address(page);
	KTEST_EXPECT_EQ(t, (unsigned long)p,
			(unsigned long)__va(page_to_phys(page)));
	p[0] = 0x12345678;
	p[1023] = 0x9abcdef0;
	KTEST_EXPECT_EQ(t, p[0], 0x12345678);
	KTEST_EXPECT_EQ(t, p[1023], 0x9abcdef0);
	KTEST_EXPECT_TRUE(t, virt_to_page(p) == page);
	__free_page(page);
}

static void highmem_frames_lie_above_the_limit(struct ktest *t)
{
	unsigned long before = zone_free_pages(ZONE_HIGHMEM);
	struct page *pages[64];

	if (!zone_has_pages(ZONE_HIGHMEM)) {
		ktest_skip(t, "no highmem in this configuration");
		return;
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(pages); i++) {
		pages[i] = alloc_page(GFP_HIGHUSER);
		KTEST_ASSERT_NOT_NULL(t, pages[i]);
		KTEST_EXPECT_TRUE(t, PageHighMem(pages[i]));
		KTEST_EXPECT_GE(t, page_to_pfn(pages[i]), max_low_pfn);
		KTEST_EXPECT_LT(t, page_to_pfn(pages[i]), max_pfn);
		KTEST_EXPECT_GE(t, page_to_phys(pages[i]), PFN_PHYS(max_low_pfn));
		KTEST_EXPECT_TRUE(t, page_zone(pages[i]) == &zones[ZONE_HIGHMEM]);
	}
	KTEST_EXPECT_EQ(t, zone_free_pages(ZONE_HIGHMEM),
			before - ARRAY_SIZE(pages));
	for (unsigned int i = 0; i < ARRAY_SIZE(pages); i++)
		__free_page(pages[i]);
	KTEST_EXPECT_EQ(t, zone_free_pages(ZONE_HIGHMEM), before);
}

static void gfp_kernel_never_returns_highmem(struct ktest *t)
{
	for (int i = 0; i < 64; i++) {
		struct page *page = alloc_page(GFP_KERNEL);

		KTEST_ASSERT_NOT_NULL(t, page);
		KTEST_EXPECT_FALSE(t, PageHighMem(page));
		__free_page(page);
	}
}

/* Sort pfns (insertion sort: a few hundred entries) to find duplicates. */
static void sort_pfns(unsigned long *v, unsigned int n)
{
	for (unsigned int i = 1; i < n; i++) {
		unsigned long x = v[i];
		unsigned int j = i;

		for (; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

static void no_frame_handed_out_twice(struct ktest *t)
{
	unsigned long *pfns = (unsigned long *)__get_free_page(GFP_KERNEL);
	const unsigned int n = PAGE_SIZE / sizeof(*pfns);
	unsigned long before;
	unsigned int dups = 0;

	KTEST_ASSERT_NOT_NULL(t, pfns);
	before = nr_free_pages();
	/* Half from each zone (all lowmem without highmem). */
	for (unsigned int i = 0; i < n; i++) {
		struct page *page = alloc_page(i & 1 ? GFP_HIGHUSER : GFP_KERNEL);

		KTEST_ASSERT_NOT_NULL(t, page);
		KTEST_EXPECT_FALSE(t, PageBuddy(page));
		KTEST_EXPECT_FALSE(t, PageReserved(page));
		pfns[i] = page_to_pfn(page);
	}
	KTEST_EXPECT_EQ(t, nr_free_pages(), before - n);
	sort_pfns(pfns, n);
	for (unsigned int i = 1; i < n; i++)
		dups += pfns[i] == pfns[i - 1];
	KTEST_EXPECT_EQ(t, dups, 0);
	for (unsigned int i = 0; i < n; i++)
		__free_page(pfn_to_page(pfns[i]));
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
	free_page(pfns);
}

static void free_restores_counts(struct ktest *t)
{
	struct zone_snapshot normal, high;
	struct page *pages[3 * MAX_ORDER];
	unsigned int n = 0;

	snapshot_zone(ZONE_NORMAL, &normal);
	snapshot_zone(ZONE_HIGHMEM, &high);
	for (unsigned int order = 0; order < MAX_ORDER - 1; order++) {
		pages[n++] = alloc_pages(GFP_KERNEL, order);
		pages[n++] = alloc_pages(GFP_HIGHUSER, order);
		pages[n++] = alloc_pages(GFP_KERNEL, order);
	}
	for (unsigned int i = 0; i < n; i++)
		KTEST_ASSERT_NOT_NULL(t, pages[i]);
	KTEST_EXPECT_LT(t, zone_free_pages(ZONE_NORMAL), normal.free_pages);
	/* Free in a different order from allocation, so blocks must merge. */
	for (unsigned int i = 0; i < n; i += 2)
		__free_pages(pages[i], i / 3);
	for (unsigned int i = 1; i < n; i += 2)
		__free_pages(pages[i], i / 3);
	expect_same_snapshot(t, ZONE_NORMAL, &normal);
	expect_same_snapshot(t, ZONE_HIGHMEM, &high);
}

static void multi_page_blocks_are_aligned(struct ktest *t)
{
	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		for (int high = 0; high < 2; high++) {
			struct page *page = alloc_pages(high ? GFP_HIGHUSER
							     : GFP_KERNEL, order);
			unsigned long pfn;

			if (!page && order == MAX_ORDER - 1) {
				ktest_log(t, "no free order-%u block", order);
				continue;
			}
			KTEST_ASSERT_NOT_NULL(t, page);
			pfn = page_to_pfn(page);
			KTEST_EXPECT_EQ(t, pfn & ((1UL << order) - 1), 0);
			/* The whole block is in one zone. */
			KTEST_EXPECT_EQ(t, PageHighMem(page),
					PageHighMem(page + (1UL << order) - 1));
			__free_pages(page, order);
		}
	}
	KTEST_EXPECT_NULL(t, alloc_pages(GFP_KERNEL | __GFP_NOWARN, MAX_ORDER));
}

static void gfp_zero_clears_lowmem(struct ktest *t)
{
	struct page *dirty[16], *clean[16];
	unsigned int reused = 0;

	for (unsigned int i = 0; i < ARRAY_SIZE(dirty); i++) {
		dirty[i] = alloc_page(GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, dirty[i]);
		memset(page_address(dirty[i]), 0xa5, PAGE_SIZE);
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(dirty); i++)
		__free_page(dirty[i]);
	for (unsigned int i = 0; i < ARRAY_SIZE(clean); i++) {
		const u8 *p;
		unsigned int nonzero = 0;

		clean[i] = alloc_page(GFP_KERNEL | __GFP_ZERO);
		KTEST_ASSERT_NOT_NULL(t, clean[i]);
		for (unsigned int j = 0; j < ARRAY_SIZE(dirty); j++)
			reused += clean[i] == dirty[j];
		p = page_address(clean[i]);
		for (unsigned int b = 0; b < PAGE_SIZE; b++)
			nonzero += p[b] != 0;
		KTEST_EXPECT_EQ(t, nonzero, 0);
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(clean); i++)
		__free_page(clean[i]);
	/* Without dirtied pages coming back, zeroing went unchecked. */
	if (!reused)
		ktest_skip(t, "no dirtied page was handed out again");
	else
		ktest_log(t, "%u of %zu zeroed pages had been dirtied", reused,
			  ARRAY_SIZE(clean));
}

/* ---- exhaustion ---------------------------------------------------------- */

struct exhaust_state {
	unsigned long *bitmap;		/* one bit per pfn handed out */
	unsigned int bitmap_order;
	struct list_head blocks;	/* allocated blocks, order in ->private */
	unsigned long pages, high_pages, duplicates, misplaced;
};

static bool test_and_set_pfn(unsigned long *bitmap, unsigned long pfn)
{
	unsigned long bit = 1UL << (pfn % 32);
	bool was = bitmap[pfn / 32] & bit;

	bitmap[pfn / 32] |= bit;
	return was;
}

static bool pfn_handed_out(const unsigned long *bitmap, unsigned long pfn)
{
	return bitmap[pfn / 32] & (1UL << (pfn % 32));
}

static void record_block(struct exhaust_state *s, struct page *page,
			 unsigned int order)
{
	unsigned long pfn = page_to_pfn(page);

	page->private = order;
	list_add(&page->lru, &s->blocks);
	for (unsigned long i = 0; i < (1UL << order); i++) {
		bool high = pfn + i >= max_low_pfn;

		s->duplicates += test_and_set_pfn(s->bitmap, pfn + i);
		s->misplaced += pfn + i >= max_pfn ||
				high != PageHighMem(page) ||
				PageReserved(page + i);
		s->high_pages += high;
	}
	s->pages += 1UL << order;
}

/* Take every free page, largest blocks first (few calls on big RAM). */
static void allocate_everything(struct exhaust_state *s)
{
	for (int order = MAX_ORDER - 1; order >= 0; order--) {
		struct page *page;

		while ((page = alloc_pages(GFP_HIGHUSER | __GFP_NOWARN, order)))
			record_block(s, page, order);
	}
}

static void free_everything(struct exhaust_state *s)
{
	struct page *page, *next;

	list_for_each_entry_safe(page, next, &s->blocks, lru) {
		unsigned int order = page->private;

		list_del(&page->lru);
		page->private = 0;
		__free_pages(page, order);
	}
}

static unsigned int bitmap_order_for(unsigned long bits)
{
	unsigned int order = 0;

	while ((PAGE_SIZE << order) * 8 < bits)
		order++;
	return order;
}

/* Frames that must never reach the allocator. */
static void check_reserved_not_handed_out(struct ktest *t,
					  struct exhaust_state *s)
{
	unsigned long kstart = PFN_DOWN(__pa(_stext)), kend = PFN_UP(__pa(_end));
	unsigned long map = PFN_DOWN(__pa(mem_map));
	unsigned long map_end = PFN_UP(__pa(mem_map + max_pfn));
	unsigned long bm = PFN_DOWN(__pa(s->bitmap));
	unsigned long hits = 0;

	hits += pfn_handed_out(s->bitmap, 0);	/* real-mode IVT, BDA */
	hits += pfn_handed_out(s->bitmap, PFN_DOWN(TRAMPOLINE_PHYS));
	for (unsigned long pfn = 0x9f; pfn < 0x100; pfn++)	/* EBDA, ROMs */
		hits += pfn_handed_out(s->bitmap, pfn);
	for (unsigned long pfn = kstart; pfn < kend; pfn++)
		hits += pfn_handed_out(s->bitmap, pfn);
	for (unsigned long pfn = map; pfn < map_end; pfn++)
		hits += pfn_handed_out(s->bitmap, pfn);
	for (unsigned long i = 0; i < (1UL << s->bitmap_order); i++)
		hits += pfn_handed_out(s->bitmap, bm + i);
	KTEST_EXPECT_EQ(t, hits, 0);
}

static void exhaustion_returns_null_and_free_restores(struct ktest *t)
{
	struct exhaust_state s = { .duplicates = 0 };
	struct zone_snapshot normal, high;
	struct page *bitmap_page;

	INIT_LIST_HEAD(&s.blocks);
	s.bitmap_order = bitmap_order_for(max_pfn);
	bitmap_page = alloc_pages(GFP_KERNEL | __GFP_ZERO, s.bitmap_order);
	KTEST_ASSERT_NOT_NULL(t, bitmap_page);
	s.bitmap = page_address(bitmap_page);
	snapshot_zone(ZONE_NORMAL, &normal);
	snapshot_zone(ZONE_HIGHMEM, &high);

	allocate_everything(&s);
	/* Out of memory: allocations fail cleanly, for every order. */
	KTEST_EXPECT_EQ(t, zone_free_pages(ZONE_NORMAL), 0);
	KTEST_EXPECT_EQ(t, zone_free_pages(ZONE_HIGHMEM), 0);
	KTEST_EXPECT_NULL(t, alloc_page(GFP_KERNEL | __GFP_NOWARN));
	KTEST_EXPECT_NULL(t, alloc_page(GFP_HIGHUSER | __GFP_NOWARN));
	KTEST_EXPECT_NULL(t, alloc_pages(GFP_KERNEL | __GFP_NOWARN, 3));
	KTEST_EXPECT_NULL(t, __get_free_page(GFP_KERNEL | __GFP_NOWARN));
	/* Every free page came out exactly once, each from its own zone. */
	KTEST_EXPECT_EQ(t, s.pages, normal.free_pages + high.free_pages);
	KTEST_EXPECT_EQ(t, s.high_pages, high.free_pages);
	KTEST_EXPECT_EQ(t, s.duplicates, 0);
	KTEST_EXPECT_EQ(t, s.misplaced, 0);
	check_reserved_not_handed_out(t, &s);

	free_everything(&s);
	expect_same_snapshot(t, ZONE_NORMAL, &normal);
	expect_same_snapshot(t, ZONE_HIGHMEM, &high);
	ktest_log(t, "allocated and freed %lu pages (%lu highmem)", s.pages,
		  s.high_pages);
	__free_pages(bitmap_page, s.bitmap_order);
}

/* ---- debug checks ------------------------------------------------------- */

static void free_page_fn(void *arg)
{
	__free_page(arg);
}

static void double_free_panics(struct ktest *t)
{
	unsigned long before = nr_free_pages();
	struct page *page = alloc_page(GFP_KERNEL);

	KTEST_ASSERT_NOT_NULL(t, page);
	__free_page(page);
	ktest_expect_panic(t, free_page_fn, page, "already free");
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
}

static void freeing_reserved_page_panics(struct ktest *t)
{
	unsigned long before = nr_free_pages();

	ktest_expect_panic(t, free_page_fn, virt_to_page(_stext), "reserved");
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
}

static void free_misaligned_block_fn(void *arg)
{
	/* The second page of an order-1 block freed as an order-1 block. */
	__free_pages((struct page *)arg + 1, 1);
}

static void misaligned_free_panics(struct ktest *t)
{
	struct page *page = alloc_pages(GFP_KERNEL, 1);

	KTEST_ASSERT_NOT_NULL(t, page);
	ktest_expect_panic(t, free_misaligned_block_fn, page, "BUG_ON");
	__free_pages(page, 1);
}

static struct ktest_case page_alloc_cases[] = {
	KTEST_CASE(zones_split_at_lowmem_limit),
	KTEST_CASE(page_flags_match_zones),
	KTEST_CASE(lowmem_page_is_direct_mapped),
	KTEST_CASE(highmem_frames_lie_above_the_limit),
	KTEST_CASE(gfp_kernel_never_returns_highmem),
	KTEST_CASE(no_frame_handed_out_twice),
	KTEST_CASE(free_restores_counts),
	KTEST_CASE(multi_page_blocks_are_aligned),
	KTEST_CASE(gfp_zero_clears_lowmem),
	KTEST_CASE(exhaustion_returns_null_and_free_restores),
	KTEST_CASE(double_free_panics),
	KTEST_CASE(freeing_reserved_page_panics),
	KTEST_CASE(misaligned_free_panics),
	{}
};

static struct ktest_suite page_alloc_suite = {
	.name = "page_alloc",
	.cases = page_alloc_cases,
};
ktest_register_suite(page_alloc_suite);
