// SPDX-License-Identifier: GPL-2.0
/*
 * Page-table primitives on an explicit page directory, and process page
 * directories that share the kernel's page tables.
 *
 * The rule that makes kernel mappings visible under every CR3: all kernel
 * page tables (PDEs 768-1023) are installed in kernel_directory before the
 * first process directory copies them, and no kernel PDE is ever added or
 * changed afterwards. kernel_pgd_install_table() enforces it. Mappings made
 * later inside those shared tables (kmap, ioremap) then appear in every
 * directory at once; this is the fix for the seed's temp-mapping bug.
 */
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <mm.h>
#include <kernel.h>
#include <string.h>
#include <errno.h>

pde_t *kernel_directory;
static bool kernel_pdes_copied;

bool kernel_pgd_frozen(void)
{
	return READ_ONCE(kernel_pdes_copied);
}

void kernel_pgd_install_table(unsigned int index, phys_addr_t table)
{
	if (index < KERNEL_PGD_START || index >= PTRS_PER_PGD)
		panic("pgtable: PDE %u is not a kernel PDE", index);
	if (kernel_pgd_frozen())
		panic("pgtable: kernel PDE %u installed after process page "
		      "directories copied the kernel half (va %#lx)", index,
		      (unsigned long)index << PGDIR_SHIFT);
	if (kernel_directory[index] & _PAGE_PRESENT)
		panic("pgtable: kernel PDE %u already present", index);
	kernel_directory[index] = table | _PAGE_PRESENT | _PAGE_RW;
}

pte_t *pte_lookup(pde_t *pgdir, unsigned long va)
{
	pde_t pde = pgdir[pgd_index(va)];

	if (!(pde & _PAGE_PRESENT) || (pde & _PAGE_PSE))
		return NULL;
	return (pte_t *)__va(pde & PAGE_MASK) + pte_index(va);
}

pte_t *pte_alloc(pde_t *pgdir, unsigned long va)
{
	pde_t *pde = &pgdir[pgd_index(va)];
	void *table;

	if (*pde & _PAGE_PRESENT)
		return pte_lookup(pgdir, va);
	if (va >= PAGE_OFFSET) {
		/* Kernel tables exist from boot; see the rule above. */
		if (pgdir != kernel_directory)
			panic("pgtable: kernel va %#lx has no page table in "
			      "a process directory", va);
		table = get_zeroed_page();
		if (!table)
			panic("pgtable: no memory for a kernel page table");
		kernel_pgd_install_table(pgd_index(va), __pa(table));
		return pte_lookup(pgdir, va);
	}
	table = get_zeroed_page();
	if (!table)
		return NULL;
	/* User tables allow everything; the PTEs decide. */
	*pde = __pa(table) | _PAGE_PRESENT | _PAGE_RW | _PAGE_USER;
	return pte_lookup(pgdir, va);
}

int map_page(pde_t *pgdir, unsigned long va, phys_addr_t pa, u32 prot)
{
	pte_t *pte = pte_alloc(pgdir, va);

	if (!pte)
		return -ENOMEM;
	WRITE_ONCE(*pte, (pa & PAGE_MASK) | (prot & _PAGE_FLAGS_MASK));
	return 0;
}

pte_t unmap_page(pde_t *pgdir, unsigned long va)
{
	pte_t *pte = pte_lookup(pgdir, va);
	pte_t old;

	if (!pte)
		return 0;
	old = *pte;
	WRITE_ONCE(*pte, 0);
	return old;
}

pte_t translate(pde_t *pgdir, unsigned long va)
{
	pde_t pde = pgdir[pgd_index(va)];
	pte_t *pte;

	if (!(pde & _PAGE_PRESENT))
		return 0;
	if (pde & _PAGE_PSE) {
		/* Synthesise a 4 KiB PTE inside the 4 MiB page. */
		return (pde & ~(PGDIR_SIZE - 1)) + (va & (PGDIR_SIZE - 1) &
			PAGE_MASK) + (pde & (_PAGE_FLAGS_MASK & ~_PAGE_PSE));
	}
	pte = pte_lookup(pgdir, va);
	return (*pte & _PAGE_PRESENT) ? *pte : 0;
}

void *pgd_detach_user_table(pde_t *pgdir, unsigned long va)
{
	pde_t *pde = &pgdir[pgd_index(va)];
	pte_t *table;

	if (va >= PAGE_OFFSET)
		panic("pgtable: detaching the kernel page table of va %#lx", va);
	if (!(*pde & _PAGE_PRESENT))
		return NULL;
	table = __va(*pde & PAGE_MASK);
	for (unsigned int i = 0; i < PTRS_PER_PTE; i++) {
		if (table[i] & _PAGE_PRESENT) {
			warn_slowpath(__FILE__, __LINE__,
				      "user page table still maps %#lx",
				      (va & ~(PGDIR_SIZE - 1)) + i * PAGE_SIZE);
			return NULL;
		}
	}
	WRITE_ONCE(*pde, 0);
	return table;
}

pde_t *pgd_alloc(void)
{
	pde_t *pgdir = get_zeroed_page();

	if (!pgdir)
		return NULL;
	/* From now on no kernel PDE may change: they are shared by copy. */
	WRITE_ONCE(kernel_pdes_copied, true);
	memcpy(pgdir + KERNEL_PGD_START, kernel_directory + KERNEL_PGD_START,
	       (PTRS_PER_PGD - KERNEL_PGD_START) * sizeof(pde_t));
	return pgdir;
}

void pgd_free(pde_t *pgdir)
{
	for (unsigned int i = 0; i < KERNEL_PGD_START; i++)
		if (pgdir[i] & _PAGE_PRESENT)
			free_page(__va(pgdir[i] & PAGE_MASK));
	free_page(pgdir);
}

void switch_pgd(pde_t *pgdir)
{
	write_cr3(__pa(pgdir));
}
