// SPDX-License-Identifier: GPL-2.0
/*
 * Tests for the page-table primitives (arch/x86/mm/pgtable.c): the direct
 * map in kernel_directory, map/unmap/translate on kernel_directory and on
 * a fresh process directory, reading through new mappings, and the rule
 * that kernel PDEs are frozen once a process directory has copied them.
 *
 * pgd_alloc() freezes the kernel PDEs for the rest of the boot. That is
 * harmless here: every kernel page table exists before the tests run
 * (paging_init() and highmem_init()), as it must before the first process.
 *
 * A test that relies on a local invlpg stays on one CPU (preemption off)
 * between mapping and reading. Removing a mapping is followed by a
 * shootdown, as it must be for any kernel mapping, so no CPU keeps a stale
 * translation of the test address for a later test.
 */
#include <ktest.h>
#include <mm.h>
#include <setup.h>
#include <kernel.h>
#include <string.h>
#include <tlbflush.h>
#include <asm/pgtable.h>
#include <preempt.h>
#include <asm/irqflags.h>
#include <asm/processor.h>

/*
 * Test addresses: one in the middle of the vmalloc area, where nothing is
 * mapped (ioremap uses its top; the tests check the page is unused), and
 * one in user space.
 */
#define TEST_KVA	0xF0000000UL
_Static_assert(TEST_KVA >= VMALLOC_START && TEST_KVA < VMALLOC_END,
	       "TEST_KVA must be in the vmalloc area");
#define TEST_UVA	0x00400000UL

#define PTE_PROT(pte)	((pte) & (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER))

static void direct_map_translates_lowmem(struct ktest *t)
{
	const phys_addr_t samples[] = {
		0, 0x8000, 1 * MiB, 4 * MiB + 0x1234, lowmem_end - PAGE_SIZE,
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(samples); i++) {
		phys_addr_t pa = samples[i];
		pte_t pte = translate(kernel_directory, PAGE_OFFSET + pa);

		KTEST_EXPECT_EQ(t, pte & PAGE_MASK, pa & PAGE_MASK);
		KTEST_EXPECT_EQ(t, PTE_PROT(pte), _PAGE_PRESENT | _PAGE_RW);
	}
	/* Nothing above the lowmem limit is direct-mapped. */
	if (PAGE_OFFSET + lowmem_end < KMAP_BASE)
		KTEST_EXPECT_EQ(t, translate(kernel_directory,
					     PAGE_OFFSET + lowmem_end), 0);
	/* The user half of kernel_directory is empty. */
	KTEST_EXPECT_EQ(t, translate(kernel_directory, TEST_UVA), 0);
	KTEST_EXPECT_EQ(t, translate(kernel_directory, 0), 0);
}

static void kernel_tables_exist_before_any_process(struct ktest *t)
{
	unsigned int missing = 0;

	for (unsigned long va = VMALLOC_START; va < MMIO_END; va += PGDIR_SIZE)
		missing += !(kernel_directory[pgd_index(va)] & _PAGE_PRESENT);
	KTEST_EXPECT_EQ(t, missing, 0);
}

static void map_translate_unmap_in_vmalloc_area(struct ktest *t)
{
	struct page *a = alloc_page(GFP_KERNEL), *b = alloc_page(GFP_KERNEL);
	unsigned long before;
	u32 *va = (u32 *)TEST_KVA, *pa_a, *pa_b, seen_a, seen_b;
	pte_t pte;

	KTEST_ASSERT_NOT_NULL(t, a);
	KTEST_ASSERT_NOT_NULL(t, b);
	KTEST_ASSERT_EQ(t, translate(kernel_directory, TEST_KVA), 0);
	pa_a = page_address(a);
	pa_b = page_address(b);
	pa_a[5] = 0xaaaa0005;
	pa_b[5] = 0xbbbb0005;

	before = nr_free_pages();
	KTEST_ASSERT_EQ(t, map_page(kernel_directory, TEST_KVA, page_to_phys(a),
				    PAGE_KERNEL), 0);
	/* The kernel table was preallocated: mapping allocates nothing. */
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
	pte = translate(kernel_directory, TEST_KVA + 0x123);
	KTEST_EXPECT_EQ(t, pte & PAGE_MASK, page_to_phys(a));
	KTEST_EXPECT_EQ(t, PTE_PROT(pte), _PAGE_PRESENT | _PAGE_RW);

	/* A local invlpg suffices while no other CPU has used the address. */
	preempt_disable();
	local_flush_tlb_page(TEST_KVA);
	seen_a = va[5];
	va[6] = 0x600d600d;		/* write through the new mapping */
	/* Point the same address at another frame. */
	map_page(kernel_directory, TEST_KVA, page_to_phys(b), PAGE_KERNEL);
	local_flush_tlb_page(TEST_KVA);
	seen_b = va[5];
	preempt_enable();
	KTEST_EXPECT_EQ(t, seen_a, 0xaaaa0005);
	KTEST_EXPECT_EQ(t, pa_a[6], 0x600d600d);
	KTEST_EXPECT_EQ(t, seen_b, 0xbbbb0005);

	pte = unmap_page(kernel_directory, TEST_KVA);
	flush_tlb_kernel_range(TEST_KVA, TEST_KVA + PAGE_SIZE);
	KTEST_EXPECT_EQ(t, pte & PAGE_MASK, page_to_phys(b));
	KTEST_EXPECT_EQ(t, translate(kernel_directory, TEST_KVA), 0);
	KTEST_EXPECT_EQ(t, unmap_page(kernel_directory, TEST_KVA), 0);
	__free_page(a);
	__free_page(b);
}

static void read_test_kva(void *arg)
{
	*(volatile u32 *)arg = READ_ONCE(*(u32 *)TEST_KVA);
}

static void access_after_unmap_faults(struct ktest *t)
{
	struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	u32 sink = 0;

	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_ASSERT_EQ(t, map_page(kernel_directory, TEST_KVA,
				    page_to_phys(page), PAGE_KERNEL), 0);
	preempt_disable();
	local_flush_tlb_page(TEST_KVA);
	read_test_kva(&sink);		/* mapped: no fault */
	preempt_enable();
	unmap_page(kernel_directory, TEST_KVA);
	flush_tlb_kernel_range(TEST_KVA, TEST_KVA + PAGE_SIZE);
	ktest_expect_panic(t, read_test_kva, &sink, "page fault");
	__free_page(page);
}

static void process_directory_shares_kernel_tables(struct ktest *t)
{
	unsigned long before = nr_free_pages(), flags, old_cr3;
	struct page *user_page = alloc_page(GFP_KERNEL);
	struct page *kern_page = alloc_page(GFP_KERNEL);
	unsigned int differ = 0, user_pdes = 0;
	u32 seen_user, seen_kernel;
	pde_t *pgdir;

	KTEST_ASSERT_NOT_NULL(t, user_page);
	KTEST_ASSERT_NOT_NULL(t, kern_page);
	*(u32 *)page_address(user_page) = 0x05e40001;
	*(u32 *)page_address(kern_page) = 0x4e4e0002;

	pgdir = pgd_alloc();
	KTEST_ASSERT_NOT_NULL(t, pgdir);
	KTEST_EXPECT_TRUE(t, kernel_pgd_frozen());
	for (unsigned int i = 0; i < KERNEL_PGD_START; i++)
		user_pdes += pgdir[i] != 0;
	for (unsigned int i = KERNEL_PGD_START; i < PTRS_PER_PGD; i++)
		differ += pgdir[i] != kernel_directory[i];
	KTEST_EXPECT_EQ(t, user_pdes, 0);
	KTEST_EXPECT_EQ(t, differ, 0);

	/* A user mapping allocates a user page table in this directory only. */
	KTEST_ASSERT_EQ(t, map_page(pgdir, TEST_UVA, page_to_phys(user_page),
				    PAGE_USER_RW), 0);
	KTEST_EXPECT_TRUE(t, pgdir[pgd_index(TEST_UVA)] & _PAGE_USER);
	KTEST_EXPECT_EQ(t, translate(pgdir, TEST_UVA) & PAGE_MASK,
			page_to_phys(user_page));
	KTEST_EXPECT_EQ(t, PTE_PROT(translate(pgdir, TEST_UVA)),
			_PAGE_PRESENT | _PAGE_RW | _PAGE_USER);
	KTEST_EXPECT_EQ(t, translate(kernel_directory, TEST_UVA), 0);

	/*
	 * A kernel mapping made in kernel_directory after the copy shows up
	 * in the process directory too: they share the page table. This is
	 * what the seed's temp-mapping bug lacked.
	 */
	KTEST_ASSERT_EQ(t, map_page(kernel_directory, TEST_KVA,
				    page_to_phys(kern_page), PAGE_KERNEL), 0);
	KTEST_EXPECT_EQ(t, translate(pgdir, TEST_KVA) & PAGE_MASK,
			page_to_phys(kern_page));

	/* And both are readable with the process directory loaded. */
	local_irq_save(flags);
	old_cr3 = read_cr3();
	switch_pgd(pgdir);
	seen_user = READ_ONCE(*(u32 *)TEST_UVA);
	seen_kernel = READ_ONCE(*(u32 *)TEST_KVA);
	write_cr3(old_cr3);
	local_irq_restore(flags);
	KTEST_EXPECT_EQ(t, seen_user, 0x05e40001);
	KTEST_EXPECT_EQ(t, seen_kernel, 0x4e4e0002);

	unmap_page(kernel_directory, TEST_KVA);
	flush_tlb_kernel_range(TEST_KVA, TEST_KVA + PAGE_SIZE);
	KTEST_EXPECT_EQ(t, translate(pgdir, TEST_KVA), 0);
	pgd_free(pgdir);
	__free_page(user_page);
	__free_page(kern_page);
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
}

/* First kernel PDE with no page table, or 0 if there is none. */
static unsigned int absent_kernel_pde(void)
{
	for (unsigned int i = PTRS_PER_PGD - 1; i >= KERNEL_PGD_START; i--)
		if (!(kernel_directory[i] & _PAGE_PRESENT))
			return i;
	return 0;
}

struct install_args {
	unsigned int index;
	phys_addr_t table;
};

static void install_table_fn(void *arg)
{
	struct install_args *a = arg;

	kernel_pgd_install_table(a->index, a->table);
}

static void kernel_pdes_frozen_after_pgd_alloc(struct ktest *t)
{
	struct install_args args = { .index = absent_kernel_pde() };
	void *table;

	if (!args.index) {
		ktest_skip(t, "every kernel PDE is present");
		return;
	}
	if (!kernel_pgd_frozen()) {
		pde_t *pgdir = pgd_alloc();

		KTEST_ASSERT_NOT_NULL(t, pgdir);
		pgd_free(pgdir);
	}
	KTEST_ASSERT_TRUE(t, kernel_pgd_frozen());
	table = get_zeroed_page();
	KTEST_ASSERT_NOT_NULL(t, table);
	args.table = __pa(table);
	ktest_expect_panic(t, install_table_fn, &args,
			   "installed after process page directories");
	KTEST_EXPECT_EQ(t, kernel_directory[args.index], 0);
	free_page(table);
}

struct map_args {
	pde_t *pgdir;
	unsigned long va;
};

static void map_fn(void *arg)
{
	struct map_args *a = arg;

	map_page(a->pgdir, a->va, 0, PAGE_KERNEL);
}

static void process_directory_cannot_grow_kernel_half(struct ktest *t)
{
	unsigned int index = absent_kernel_pde();
	unsigned long before = nr_free_pages();
	struct map_args args;

	if (!index) {
		ktest_skip(t, "every kernel PDE is present");
		return;
	}
	args.pgdir = pgd_alloc();
	args.va = (unsigned long)index << PGDIR_SHIFT;
	KTEST_ASSERT_NOT_NULL(t, args.pgdir);
	ktest_expect_panic(t, map_fn, &args, "no page table in a process");
	KTEST_EXPECT_EQ(t, args.pgdir[index], 0);
	pgd_free(args.pgdir);
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
}

static struct ktest_case pgtable_cases[] = {
	KTEST_CASE(direct_map_translates_lowmem),
	KTEST_CASE(kernel_tables_exist_before_any_process),
	KTEST_CASE(map_translate_unmap_in_vmalloc_area),
	KTEST_CASE(access_after_unmap_faults),
	KTEST_CASE(process_directory_shares_kernel_tables),
	KTEST_CASE(kernel_pdes_frozen_after_pgd_alloc),
	KTEST_CASE(process_directory_cannot_grow_kernel_half),
	{}
};

static struct ktest_suite pgtable_suite = {
	.name = "pgtable",
	.cases = pgtable_cases,
};
ktest_register_suite(pgtable_suite);
