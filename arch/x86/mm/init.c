// SPDX-License-Identifier: GPL-2.0
/*
 * Building kernel_directory: the direct map of lowmem with 4 MiB pages,
 * and page tables for the vmalloc/ioremap and MMIO ranges, all before any
 * process directory exists. The kmap area's tables (PDEs 896 and 897) are
 * left to mm/highmem.c, which installs them in highmem_init().
 */
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <memblock.h>
#include <kernel.h>
#include <string.h>

static pde_t kernel_pgd_page[PTRS_PER_PGD] __aligned(PAGE_SIZE);

static bool cpu_has_pge(void)
{
	u32 a, b, c, d;

	cpuid(1, &a, &b, &c, &d);
	return d & (1u << 13);
}

void paging_init(phys_addr_t lowmem_end)
{
	u32 global = 0;
	unsigned long va;

	kernel_directory = kernel_pgd_page;
	if (cpu_has_pge()) {
		/* The direct map never changes: keep it across CR3 loads. */
		write_cr4(read_cr4() | X86_CR4_PGE);
		global = _PAGE_GLOBAL;
	}
	for (phys_addr_t pa = 0; pa < lowmem_end; pa += PGDIR_SIZE)
		kernel_directory[pgd_index(PAGE_OFFSET + pa)] =
			pa | _PAGE_PRESENT | _PAGE_RW | _PAGE_PSE | global;

	/* Preallocate every other kernel table except the kmap area's. */
	for (va = VMALLOC_START; va < MMIO_END; va += PGDIR_SIZE) {
		void *table = memblock_alloc(PAGE_SIZE, PAGE_SIZE);

		kernel_pgd_install_table(pgd_index(va), __pa(table));
	}
	switch_pgd(kernel_directory);
}
