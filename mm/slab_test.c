// SPDX-License-Identifier: GPL-2.0
/*
 * Tests for kmalloc/kzalloc/kfree (mm/slab.c): size classes, alignment,
 * objects that never overlap, zeroing, pages going back to the buddy
 * allocator, large requests, and the debug checks in kfree().
 */
#include <ktest.h>
#include <mm.h>
#include <kernel.h>
#include <string.h>
#include <smp.h>
#include <cpumask.h>

/* The size class kmalloc must use for `size` (small requests). */
static unsigned int class_size(size_t size)
{
	unsigned int c = 16;

	while (c < size)
		c <<= 1;
	return c;
}

static bool in_lowmem(const void *p)
{
	unsigned long a = (unsigned long)p;

	return a >= PAGE_OFFSET && __pa(a) < PFN_PHYS(max_low_pfn);
}

static void sizes_are_aligned_and_usable(struct ktest *t)
{
	static const size_t sizes[] = {
		1, 8, 15, 16, 17, 31, 32, 33, 64, 100, 128, 255, 256, 500,
		512, 1000, 1024, 1500, 2000, 2047, 2048,
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		size_t n = sizes[i];
		u8 *p = kmalloc(n, GFP_KERNEL);

		KTEST_ASSERT_NOT_NULL(t, p);
		KTEST_EXPECT_TRUE(t, in_lowmem(p));
		KTEST_EXPECT_TRUE(t, PageTest(virt_to_page(p), PG_slab));
		KTEST_EXPECT_EQ(t, (unsigned long)p & (class_size(n) - 1), 0);
		/* The whole class-sized object is ours to write. */
		memset(p, 0x5a, class_size(n));
		KTEST_EXPECT_EQ(t, p[class_size(n) - 1], 0x5a);
		kfree(p);
	}
}

/* Fill objects with per-object patterns and check none was overwritten. */
static unsigned int check_patterns(u8 **objs, unsigned int n,
				   unsigned int size, unsigned int step)
{
	unsigned int bad = 0;

	for (unsigned int i = 0; i < n; i += step)
		for (unsigned int b = 0; b < size; b++)
			bad += objs[i][b] != (u8)(i * 7 + 1);
	return bad;
}

static void objects_never_overlap(struct ktest *t)
{
	u8 **objs = (u8 **)__get_free_page(GFP_KERNEL);

	KTEST_ASSERT_NOT_NULL(t, objs);
	for (unsigned int size = 16; size <= 2048; size <<= 1) {
		/* Enough objects to span at least three slab pages. */
		unsigned int n = min(3 * PAGE_SIZE / size + 1,
				     PAGE_SIZE / sizeof(*objs));
		unsigned long before = nr_free_pages();

		for (unsigned int i = 0; i < n; i++) {
			objs[i] = kmalloc(size, GFP_KERNEL);
			KTEST_ASSERT_NOT_NULL(t, objs[i]);
			memset(objs[i], (u8)(i * 7 + 1), size);
		}
		KTEST_EXPECT_EQ(t, check_patterns(objs, n, size, 1), 0);
		KTEST_EXPECT_LE(t, nr_free_pages(), before - 3);
		/* Free every other object, then check the survivors. */
		for (unsigned int i = 1; i < n; i += 2)
			kfree(objs[i]);
		KTEST_EXPECT_EQ(t, check_patterns(objs, n, size, 2), 0);
		for (unsigned int i = 0; i < n; i += 2)
			kfree(objs[i]);
		KTEST_EXPECT_EQ(t, nr_free_pages(), before);
	}
	free_page(objs);
}

static void empty_slabs_go_back_to_buddy(struct ktest *t)
{
	const unsigned int size = 512, per_page = PAGE_SIZE / size;
	void *objs[4 * (PAGE_SIZE / 512)];
	unsigned long before = nr_free_pages(), lowest;

	for (unsigned int i = 0; i < ARRAY_SIZE(objs); i++) {
		objs[i] = kmalloc(size, GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, objs[i]);
	}
	lowest = nr_free_pages();
	/* At most one page could come from a slab that was already there. */
	KTEST_EXPECT_LE(t, lowest, before - (ARRAY_SIZE(objs) / per_page - 1));
	/* Freeing from the front empties whole slab pages one by one. */
	for (unsigned int i = 0; i < ARRAY_SIZE(objs); i++)
		kfree(objs[i]);
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
}

static void kzalloc_returns_zeroed_memory(struct ktest *t)
{
	static const size_t sizes[] = { 16, 200, 2048, 3 * PAGE_SIZE };

	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		u8 *dirty = kmalloc(sizes[i], GFP_KERNEL), *clean;
		unsigned int nonzero = 0;

		KTEST_ASSERT_NOT_NULL(t, dirty);
		memset(dirty, 0xff, sizes[i]);
		kfree(dirty);
		clean = kzalloc(sizes[i], GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, clean);
		for (size_t b = 0; b < sizes[i]; b++)
			nonzero += clean[b] != 0;
		KTEST_EXPECT_EQ(t, nonzero, 0);
		if (clean != dirty)
			ktest_log(t, "size %zu: kzalloc got a different object",
				  sizes[i]);
		kfree(clean);
	}
}

static void large_requests_get_whole_pages(struct ktest *t)
{
	unsigned long before = nr_free_pages();
	u8 *small_block = kmalloc(3000, GFP_KERNEL);
	u8 *big_block;

	KTEST_ASSERT_NOT_NULL(t, small_block);
	KTEST_EXPECT_EQ(t, (unsigned long)small_block & ~PAGE_MASK, 0);
	KTEST_EXPECT_EQ(t, nr_free_pages(), before - 1);
	memset(small_block, 1, 3000);

	big_block = kmalloc(64 * KiB, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, big_block);
	KTEST_EXPECT_TRUE(t, in_lowmem(big_block));
	/* A buddy block of 16 pages is aligned to its size. */
	KTEST_EXPECT_EQ(t, (unsigned long)big_block & (64 * KiB - 1), 0);
	KTEST_EXPECT_EQ(t, nr_free_pages(), before - 17);
	memset(big_block, 2, 64 * KiB);
	KTEST_EXPECT_EQ(t, small_block[2999], 1);

	kfree(big_block);
	kfree(small_block);
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
}

static void impossible_sizes_fail_cleanly(struct ktest *t)
{
	unsigned long before = nr_free_pages();

	KTEST_EXPECT_NULL(t, kmalloc(8 * MiB, GFP_KERNEL | __GFP_NOWARN));
	KTEST_EXPECT_NULL(t, kmalloc(0xfffffff0u, GFP_KERNEL | __GFP_NOWARN));
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
}

static void zero_size_and_null(struct ktest *t)
{
	void *p = kmalloc(0, GFP_KERNEL);

	/* Not a failure, but nothing to use either (as in Linux). */
	KTEST_EXPECT_NOT_NULL(t, p);
	kfree(p);
	kfree(NULL);
}

/* A small, deterministic pseudo-random sequence. */
static u32 lcg_next(u32 *state)
{
	*state = *state * 1664525u + 1013904223u;
	return *state >> 8;
}

struct stress_slot {
	u8 *p;
	u32 size;
};

static size_t random_size(u32 *seed)
{
	u32 r = lcg_next(seed);

	/* Mostly small objects, some whole pages. */
	return (r & 15) ? 1 + (r >> 4) % 2048 : 2049 + (r >> 4) % (12 * KiB);
}

static void stress_random_sizes(struct ktest *t)
{
	struct stress_slot *slots = (void *)__get_free_page(GFP_KERNEL);
	const unsigned int nslots = PAGE_SIZE / sizeof(*slots);
	unsigned int iterations = 20000 * ktest_scale, bad = 0;
	unsigned long before;
	u32 seed = 12345;

	KTEST_ASSERT_NOT_NULL(t, slots);
	memset(slots, 0, PAGE_SIZE);
	before = nr_free_pages();
	for (unsigned int i = 0; i < iterations; i++) {
		struct stress_slot *s = &slots[lcg_next(&seed) % nslots];
		u8 fill = (u8)((unsigned long)s ^ s->size);

		if (s->p) {
			for (u32 b = 0; b < s->size; b += 61)
				bad += s->p[b] != fill;
			kfree(s->p);
			s->p = NULL;
			continue;
		}
		s->size = random_size(&seed);
		s->p = kmalloc(s->size, GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, s->p);
		memset(s->p, (u8)((unsigned long)s ^ s->size), s->size);
	}
	for (unsigned int i = 0; i < nslots; i++)
		kfree(slots[i].p);
	KTEST_EXPECT_EQ(t, bad, 0);
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
	free_page(slots);
}

/* ---- all CPUs at once ------------------------------------------------------ */

#define SHARED_SLOTS	128

/*
 * Objects travel between CPUs through shared slots, so most are freed by a
 * CPU other than the one that allocated them: the per-class locks, not
 * luck, keep the free lists consistent.
 */
struct slab_stress {
	u8 *slots[SHARED_SLOTS];
	unsigned int iterations;
	atomic_t cpus, ops, bad, nomem;
};

/* An object records its size in its first word; the rest is a pattern. */
static u8 stress_pattern(u32 size)
{
	return (u8)(size ^ (size >> 8) ^ 0x3c);
}

static void stress_fill(u8 *p, u32 size)
{
	*(u32 *)p = size;
	memset(p + 4, stress_pattern(size), size - 4);
}

static bool stress_intact(const u8 *p)
{
	u32 size = *(const u32 *)p;

	if (size < 8 || size > 16 * KiB)	/* random_size() stays below */
		return false;
	for (u32 b = 4; b < size; b += 13)
		if (p[b] != stress_pattern(size))
			return false;
	return p[size - 1] == stress_pattern(size);
}

static void slab_stress_on_cpu(void *arg)
{
	struct slab_stress *s = arg;
	u32 seed = 0x9e3779b9u * (smp_processor_id() + 1);

	for (unsigned int i = 0; i < s->iterations; i++) {
		u32 r = lcg_next(&seed);
		u8 **slot = &s->slots[r % SHARED_SLOTS];
		u8 *obj = __atomic_exchange_n(slot, NULL, __ATOMIC_ACQ_REL);
		u32 size;

		if (obj) {
			if (!stress_intact(obj))
				atomic_inc(&s->bad);
			kfree(obj);
			continue;
		}
		size = max(8u, (u32)random_size(&seed));
		obj = kmalloc(size, GFP_KERNEL | __GFP_NOWARN);
		if (!obj) {
			atomic_inc(&s->nomem);
			continue;
		}
		stress_fill(obj, size);
		/* Someone may have filled the slot meanwhile: free theirs. */
		obj = __atomic_exchange_n(slot, obj, __ATOMIC_ACQ_REL);
		if (obj) {
			if (!stress_intact(obj))
				atomic_inc(&s->bad);
			kfree(obj);
		}
	}
	atomic_add(s->iterations, &s->ops);
	atomic_inc(&s->cpus);
}

static void concurrent_alloc_free_all_cpus(struct ktest *t)
{
	static struct slab_stress s;
	unsigned int ncpus = num_online_cpus();
	unsigned long before;

	if (ncpus < 2) {
		ktest_skip(t, "needs at least 2 online CPUs");
		return;
	}
	memset(&s, 0, sizeof(s));
	s.iterations = 4000 * ktest_scale / ncpus + 100;
	before = nr_free_pages();
	on_each_cpu_mask(&cpu_online_mask, slab_stress_on_cpu, &s, true);
	for (unsigned int i = 0; i < SHARED_SLOTS; i++) {
		if (s.slots[i] && !stress_intact(s.slots[i]))
			atomic_inc(&s.bad);
		kfree(s.slots[i]);
	}
	ktest_log(t, "%u CPUs x %u operations", ncpus, s.iterations);
	KTEST_EXPECT_EQ(t, atomic_read(&s.cpus), ncpus);
	KTEST_EXPECT_EQ(t, atomic_read(&s.ops), ncpus * s.iterations);
	KTEST_EXPECT_EQ(t, atomic_read(&s.bad), 0);
	KTEST_EXPECT_EQ(t, atomic_read(&s.nomem), 0);
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
}

/* ---- kfree() debug checks ------------------------------------------------ */

static void kfree_fn(void *arg)
{
	kfree(arg);
}

static void kfree_of_a_page_panics(struct ktest *t)
{
	void *page = (void *)__get_free_page(GFP_KERNEL);

	KTEST_ASSERT_NOT_NULL(t, page);
	ktest_expect_panic(t, kfree_fn, page, "not allocated by kmalloc");
	free_page(page);
}

static void kfree_of_a_non_lowmem_address_panics(struct ktest *t)
{
	ktest_expect_panic(t, kfree_fn, (void *)0x1000, "not a lowmem address");
	ktest_expect_panic(t, kfree_fn, (void *)(KMAP_BASE + 64),
			   "not a lowmem address");
}

static void kfree_inside_an_object_panics(struct ktest *t)
{
	u8 *p = kmalloc(128, GFP_KERNEL);
	u8 *big = kmalloc(3 * PAGE_SIZE, GFP_KERNEL);

	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_ASSERT_NOT_NULL(t, big);
	ktest_expect_panic(t, kfree_fn, p + 8, "not the start");
	ktest_expect_panic(t, kfree_fn, big + 100, "inside");
	/* The tail pages of a large block are not kmalloc pointers. */
	ktest_expect_panic(t, kfree_fn, big + PAGE_SIZE,
			   "not allocated by kmalloc");
	kfree(big);
	kfree(p);
}

static void double_kfree_panics(struct ktest *t)
{
	unsigned long before = nr_free_pages();
	void *objs[3];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(objs); i++) {
		objs[i] = kmalloc(64, GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, objs[i]);
	}
	/* Two of three consecutive objects share a slab page; the live one
	 * keeps that page a slab while its neighbour is freed twice. */
	i = virt_to_page(objs[0]) == virt_to_page(objs[1]) ? 0 : 1;
	KTEST_ASSERT_TRUE(t, virt_to_page(objs[i]) == virt_to_page(objs[i + 1]));
	kfree(objs[i]);
	ktest_expect_panic(t, kfree_fn, objs[i], "double free");
	objs[i] = NULL;
	for (i = 0; i < ARRAY_SIZE(objs); i++)
		kfree(objs[i]);
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
}

static struct ktest_case slab_cases[] = {
	KTEST_CASE(sizes_are_aligned_and_usable),
	KTEST_CASE(objects_never_overlap),
	KTEST_CASE(empty_slabs_go_back_to_buddy),
	KTEST_CASE(kzalloc_returns_zeroed_memory),
	KTEST_CASE(large_requests_get_whole_pages),
	KTEST_CASE(impossible_sizes_fail_cleanly),
	KTEST_CASE(zero_size_and_null),
	KTEST_CASE(stress_random_sizes),
	KTEST_CASE(concurrent_alloc_free_all_cpus),
	KTEST_CASE(kfree_of_a_page_panics),
	KTEST_CASE(kfree_of_a_non_lowmem_address_panics),
	KTEST_CASE(kfree_inside_an_object_panics),
	KTEST_CASE(double_kfree_panics),
	{}
};

static struct ktest_suite slab_suite = {
	.name = "slab",
	.cases = slab_cases,
};
ktest_register_suite(slab_suite);
