// SPDX-License-Identifier: GPL-2.0
/*
 * User memory access against a process address space built in the test:
 * copies across page boundaries, demand paging, and every -EFAULT case
 * (unmapped, kernel addresses, wrapping lengths, read-only, PROT_NONE, a
 * second page missing), plus the address-space life cycle returning
 * every frame. The mm is never loaded into CR3: everything goes through
 * its page tables and kmap, which is the point.
 */
#include <uaccess.h>
#include <mman.h>
#include <task.h>
#include <highmem.h>
#include <ktest.h>
#include <mm.h>
#include <kernel.h>
#include <string.h>
#include <errno.h>

#define RW_BASE		0x10000000UL	/* 2 pages, read-write */
#define RO_BASE		0x20000000UL	/* 1 page, read-only */
#define EDGE_BASE	0x30000000UL	/* 1 page RW, nothing after it */
#define HOLE		0x50000000UL	/* no region */

static struct mm_struct *make_test_mm(struct ktest *t)
{
	struct mm_struct *mm = mm_alloc();

	KTEST_ASSERT_NOT_NULL(t, mm);
	spin_lock(&mm->lock);
	KTEST_EXPECT_EQ(t, __insert_region(mm, RW_BASE, RW_BASE + 2 * PAGE_SIZE,
					   VM_READ | VM_WRITE), 0);
	KTEST_EXPECT_EQ(t, __insert_region(mm, RO_BASE, RO_BASE + PAGE_SIZE,
					   VM_READ), 0);
	KTEST_EXPECT_EQ(t, __insert_region(mm, EDGE_BASE, EDGE_BASE + PAGE_SIZE,
					   VM_READ | VM_WRITE), 0);
	spin_unlock(&mm->lock);
	return mm;
}

static void fill_pattern(u8 *buf, size_t n, u8 seed)
{
	for (size_t i = 0; i < n; i++)
		buf[i] = (u8)(seed + i * 7);
}

static void copy_roundtrip_across_pages(struct ktest *t)
{
	struct mm_struct *mm = make_test_mm(t);
	static u8 out[600], in[600];
	unsigned long addr = RW_BASE + PAGE_SIZE - 300;

	fill_pattern(out, sizeof(out), 3);
	KTEST_EXPECT_FALSE(t, translate(mm->pgd, RW_BASE));	/* not yet */
	KTEST_EXPECT_EQ(t, copy_to_mm(mm, addr, out, sizeof(out)), 0);
	KTEST_EXPECT_TRUE(t, translate(mm->pgd, RW_BASE) & _PAGE_USER);
	KTEST_EXPECT_TRUE(t, translate(mm->pgd, RW_BASE + PAGE_SIZE) & _PAGE_RW);
	KTEST_EXPECT_EQ(t, mm->nr_pages, 2);
	memset(in, 0, sizeof(in));
	KTEST_EXPECT_EQ(t, copy_from_mm(mm, in, addr, sizeof(in)), 0);
	KTEST_EXPECT_EQ(t, memcmp(in, out, sizeof(in)), 0);
	/* The bytes around the copy are still the zeroes of a new page. */
	KTEST_EXPECT_EQ(t, copy_from_mm(mm, in, RW_BASE, 16), 0);
	for (int i = 0; i < 16; i++)
		KTEST_EXPECT_EQ(t, in[i], 0);
	mmput(mm);
}

static void bad_addresses_fault(struct ktest *t)
{
	struct mm_struct *mm = make_test_mm(t);
	static const struct {
		unsigned long addr, len;
	} bad[] = {
		{ 0, 4 },			/* NULL */
		{ HOLE, 4 },			/* no region */
		{ 0xC0000000UL, 4 },		/* kernel direct map */
		{ 0xE0000000UL, 4 },		/* kmap area */
		{ 0xBFFFFFFEUL, 4 },		/* runs into kernel space */
		{ RW_BASE, 0xFFFFFFFFUL },	/* length wraps */
		{ 0xFFFFF000UL, 0x2000 },	/* address + length wraps */
		{ EDGE_BASE + PAGE_SIZE - 8, 16 },	/* 2nd page unmapped */
	};
	u8 buf[16] = { 0 };

	for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++) {
		unsigned long n = min(bad[i].len, (unsigned long)sizeof(buf));

		/* Nothing at all may be copied: all n bytes are "left". */
		if (bad[i].len <= sizeof(buf)) {
			KTEST_EXPECT_NE(t, copy_from_mm(mm, buf, bad[i].addr, n), 0);
			KTEST_EXPECT_NE(t, copy_to_mm(mm, bad[i].addr, buf, n), 0);
		}
		KTEST_EXPECT_FALSE(t, mm_range_ok(mm, bad[i].addr, bad[i].len,
						  false));
	}
	/* Good ranges for contrast. */
	KTEST_EXPECT_TRUE(t, mm_range_ok(mm, RW_BASE, 2 * PAGE_SIZE, true));
	KTEST_EXPECT_TRUE(t, mm_range_ok(mm, EDGE_BASE, PAGE_SIZE, true));
	mmput(mm);
}

static void readonly_and_prot_none(struct ktest *t)
{
	struct mm_struct *mm = make_test_mm(t);
	u8 buf[32], back[32];

	fill_pattern(buf, sizeof(buf), 9);
	/* Read-only: reading works (a zero page), writing does not. */
	KTEST_EXPECT_EQ(t, copy_from_mm(mm, back, RO_BASE, sizeof(back)), 0);
	KTEST_EXPECT_EQ(t, copy_to_mm(mm, RO_BASE, buf, sizeof(buf)),
			sizeof(buf));
	KTEST_EXPECT_FALSE(t, translate(mm->pgd, RO_BASE) & _PAGE_RW);
	/* PROT_NONE keeps the data but refuses every access... */
	KTEST_EXPECT_EQ(t, copy_to_mm(mm, RW_BASE, buf, sizeof(buf)), 0);
	KTEST_EXPECT_EQ(t, do_mprotect(mm, RW_BASE, PAGE_SIZE, PROT_NONE), 0);
	KTEST_EXPECT_EQ(t, copy_from_mm(mm, back, RW_BASE, sizeof(back)),
			sizeof(back));
	KTEST_EXPECT_FALSE(t, translate(mm->pgd, RW_BASE) & _PAGE_USER);
	/* ...until access is given back. */
	KTEST_EXPECT_EQ(t, do_mprotect(mm, RW_BASE, PAGE_SIZE,
				       PROT_READ | PROT_WRITE), 0);
	KTEST_EXPECT_EQ(t, copy_from_mm(mm, back, RW_BASE, sizeof(back)), 0);
	KTEST_EXPECT_EQ(t, memcmp(back, buf, sizeof(buf)), 0);
	mmput(mm);
}

static void strncpy_from_mm_cases(struct ktest *t)
{
	struct mm_struct *mm = make_test_mm(t);
	static char page[PAGE_SIZE];
	char dst[64];

	/* A string across the page boundary. */
	KTEST_EXPECT_EQ(t, copy_to_mm(mm, RW_BASE + PAGE_SIZE - 3, "hello", 6), 0);
	KTEST_EXPECT_EQ(t, strncpy_from_mm(mm, dst, RW_BASE + PAGE_SIZE - 3,
					   sizeof(dst)), 5);
	KTEST_EXPECT_STREQ(t, dst, "hello");
	/* Limited by count: count returned, no terminator needed. */
	KTEST_EXPECT_EQ(t, strncpy_from_mm(mm, dst, RW_BASE + PAGE_SIZE - 3, 3),
			3);
	/* No NUL before the end of the region: -EFAULT. */
	memset(page, 'a', sizeof(page));
	KTEST_EXPECT_EQ(t, copy_to_mm(mm, EDGE_BASE, page, sizeof(page)), 0);
	KTEST_EXPECT_EQ(t, strncpy_from_mm(mm, dst, EDGE_BASE + PAGE_SIZE - 8,
					   sizeof(dst)), -EFAULT);
	KTEST_EXPECT_EQ(t, strncpy_from_mm(mm, dst, HOLE, sizeof(dst)), -EFAULT);
	KTEST_EXPECT_EQ(t, strncpy_from_mm(mm, dst, 0xC0000000UL, sizeof(dst)),
			-EFAULT);
	mmput(mm);
}

static void user_frames_come_from_highmem(struct ktest *t)
{
	struct mm_struct *mm;
	struct page *page;

	if (!zone_free_pages(ZONE_HIGHMEM)) {
		ktest_skip(t, "no free highmem (boot with lowmem= below RAM)");
		return;
	}
	mm = make_test_mm(t);
	KTEST_EXPECT_EQ(t, clear_mm(mm, RW_BASE, 8), 0);
	page = pfn_to_page(pte_pfn(translate(mm->pgd, RW_BASE)));
	KTEST_EXPECT_TRUE(t, PageHighMem(page));
	mmput(mm);
}

/* Build, populate, fork-copy, unmap and tear down: no frame may stay. */
static void address_space_returns_every_frame(struct ktest *t)
{
	unsigned long low = zone_free_pages(ZONE_NORMAL);
	unsigned long high = zone_free_pages(ZONE_HIGHMEM);
	struct mm_struct *mm, *child;
	unsigned long addr;
	u8 a = 1, b = 2, back = 0;

	mm = make_test_mm(t);
	addr = do_mmap(mm, 0, 64 * PAGE_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS);
	KTEST_ASSERT_TRUE(t, !IS_ERR_VALUE(addr));
	for (int i = 0; i < 64; i++)
		KTEST_EXPECT_EQ(t, copy_to_mm(mm, addr + i * PAGE_SIZE, &a, 1), 0);
	child = dup_mm(mm);
	KTEST_ASSERT_NOT_NULL(t, child);
	KTEST_EXPECT_EQ(t, child->nr_pages, mm->nr_pages);
	/* The copy is separate: a write in the child stays there. */
	KTEST_EXPECT_EQ(t, copy_to_mm(child, addr, &b, 1), 0);
	KTEST_EXPECT_EQ(t, copy_from_mm(mm, &back, addr, 1), 0);
	KTEST_EXPECT_EQ(t, back, 1);
	/* munmap frees frames now, and the range faults afterwards. */
	KTEST_EXPECT_EQ(t, do_munmap(mm, addr, 32 * PAGE_SIZE), 0);
	KTEST_EXPECT_NE(t, copy_from_mm(mm, &back, addr, 1), 0);
	KTEST_EXPECT_EQ(t, copy_from_mm(mm, &back, addr + 32 * PAGE_SIZE, 1), 0);
	mmput(child);
	mmput(mm);
	KTEST_EXPECT_EQ(t, zone_free_pages(ZONE_NORMAL), low);
	KTEST_EXPECT_EQ(t, zone_free_pages(ZONE_HIGHMEM), high);
}

static void mmap_places_and_rejects(struct ktest *t)
{
	struct mm_struct *mm = make_test_mm(t);
	unsigned long a, b;

	a = do_mmap(mm, 0, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS);
	b = do_mmap(mm, 0, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS);
	KTEST_EXPECT_TRUE(t, a != b && a < USER_STACK_TOP && b < USER_STACK_TOP);
	/* A free hint is honoured; MAP_FIXED replaces what was there. */
	KTEST_EXPECT_EQ(t, do_mmap(mm, 0x40000000UL, PAGE_SIZE, PROT_READ,
				   MAP_PRIVATE | MAP_ANONYMOUS), 0x40000000UL);
	KTEST_EXPECT_EQ(t, do_mmap(mm, RW_BASE, PAGE_SIZE, PROT_READ,
				   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED),
			RW_BASE);
	KTEST_EXPECT_FALSE(t, find_vma(mm, RW_BASE)->vm_flags & VM_WRITE);
	KTEST_EXPECT_EQ(t, (long)do_mmap(mm, 0, 0, PROT_READ,
					 MAP_PRIVATE | MAP_ANONYMOUS), -EINVAL);
	KTEST_EXPECT_EQ(t, (long)do_mmap(mm, RW_BASE + 1, PAGE_SIZE, PROT_READ,
					 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED),
			-EINVAL);
	KTEST_EXPECT_EQ(t, (long)do_mmap(mm, 0xBFFFF000UL, 2 * PAGE_SIZE,
					 PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS |
					 MAP_FIXED), -ENOMEM);
	/* Shared anonymous memory is a tmpfs file now: it maps. */
	a = do_mmap(mm, 0, PAGE_SIZE, PROT_READ, MAP_SHARED | MAP_ANONYMOUS);
	KTEST_EXPECT_TRUE(t, a < USER_STACK_TOP && IS_ALIGNED(a, PAGE_SIZE));
	KTEST_EXPECT_TRUE(t, find_vma(mm, a) &&
			     (find_vma(mm, a)->vm_flags & VM_SHARED));
	mmput(mm);
}

static struct ktest_case uaccess_cases[] = {
	KTEST_CASE(copy_roundtrip_across_pages),
	KTEST_CASE(bad_addresses_fault),
	KTEST_CASE(readonly_and_prot_none),
	KTEST_CASE(strncpy_from_mm_cases),
	KTEST_CASE(user_frames_come_from_highmem),
	KTEST_CASE(address_space_returns_every_frame),
	KTEST_CASE(mmap_places_and_rejects),
	{}
};

static struct ktest_suite uaccess_suite = {
	.name = "uaccess",
	.cases = uaccess_cases,
};
ktest_register_suite(uaccess_suite);
