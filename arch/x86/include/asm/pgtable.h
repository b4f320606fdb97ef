/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Two-level i386 paging (no PAE): a page directory of 1024 PDEs, each
 * pointing to a page table of 1024 PTEs or mapping a 4 MiB page (PSE).
 *
 * The map/unmap primitives take an explicit directory, so kernel code can
 * build a process's tables without switching CR3 to it. They never flush
 * the TLB: the caller decides between a local invlpg and a shootdown
 * (include/tlbflush.h).
 */
#ifndef _ASM_X86_PGTABLE_H
#define _ASM_X86_PGTABLE_H

#include <types.h>
#include <memlayout.h>

typedef u32 pte_t;
typedef u32 pde_t;

#define _PAGE_PRESENT	0x001
#define _PAGE_RW	0x002
#define _PAGE_USER	0x004
#define _PAGE_PWT	0x008
#define _PAGE_PCD	0x010
#define _PAGE_ACCESSED	0x020
#define _PAGE_DIRTY	0x040
#define _PAGE_PSE	0x080
#define _PAGE_GLOBAL	0x100
#define _PAGE_FLAGS_MASK 0xFFF

#define PAGE_KERNEL		(_PAGE_PRESENT | _PAGE_RW)
#define PAGE_KERNEL_RO		(_PAGE_PRESENT)
#define PAGE_KERNEL_NOCACHE	(_PAGE_PRESENT | _PAGE_RW | _PAGE_PCD | _PAGE_PWT)
#define PAGE_USER_RW		(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER)
#define PAGE_USER_RO		(_PAGE_PRESENT | _PAGE_USER)

#define pgd_index(va)	((unsigned long)(va) >> PGDIR_SHIFT)
#define pte_index(va)	(((unsigned long)(va) >> PAGE_SHIFT) & 1023)
#define pte_pfn(pte)	((pte) >> PAGE_SHIFT)

/* The kernel's own page directory (virtual address). */
extern pde_t *kernel_directory;

/* Build kernel_directory with the direct map of [0, lowmem_end) and switch
 * to it. */
void paging_init(phys_addr_t lowmem_end);

/*
 * Install a page table for a kernel PDE (index >= KERNEL_PGD_START) in
 * kernel_directory. Allowed only before the first process directory is
 * created: process directories copy the kernel PDEs once, so a PDE added
 * later would be missing from them (the seed's bug). Panics otherwise.
 */
void kernel_pgd_install_table(unsigned int index, phys_addr_t table);
/* True once a process directory has copied the kernel PDEs. */
bool kernel_pgd_frozen(void);

/* PTE for va in pgdir, or NULL if its page table does not exist. */
pte_t *pte_lookup(pde_t *pgdir, unsigned long va);
/* PTE for va, allocating a page table for a user address if needed. */
pte_t *pte_alloc(pde_t *pgdir, unsigned long va);

/* Map one page; returns 0 or -ENOMEM. Does not flush the TLB. */
int map_page(pde_t *pgdir, unsigned long va, phys_addr_t pa, u32 prot);
/* Clear one mapping; returns the PTE it had (0 if none). No TLB flush. */
pte_t unmap_page(pde_t *pgdir, unsigned long va);
/* Translate va; returns the PTE (or a synthesised one for 4 MiB pages),
 * 0 if unmapped. */
pte_t translate(pde_t *pgdir, unsigned long va);

/*
 * Unhook the user page table that maps va's 4 MiB from pgdir and return
 * it (its direct-map address), or NULL if there is none. The caller frees
 * it only after a TLB flush of that range on every CPU running pgdir: the
 * paging-structure caches may still hold the old PDE. A table that still
 * maps a page is a kernel bug: it is reported and kept.
 */
void *pgd_detach_user_table(pde_t *pgdir, unsigned long va);

/* A new process directory sharing every kernel page table. */
pde_t *pgd_alloc(void);
/* Free a process directory and its user page tables (not the frames). */
void pgd_free(pde_t *pgdir);
/* Load pgdir into CR3. */
void switch_pgd(pde_t *pgdir);

#endif
