/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared between the files of the highmem subsystem (mm/highmem*.c);
 * nothing outside mm/ includes this.
 */
#ifndef _MM_HIGHMEM_INTERNAL_H
#define _MM_HIGHMEM_INTERNAL_H

#include <highmem.h>
#include <percpu.h>
#include <spinlock.h>
#include <asm/pgtable.h>

/*
 * How kmap_local_page() gets a slot for a highmem page: one of these is
 * chosen at boot (kmap=) and never changes. The front end in mm/highmem.c
 * does everything common to both: preemption, the per-CPU nesting stack,
 * the debug checks and lowmem pages.
 */
struct kmap_local_ops {
	const char *name;
	/* Map `page` for nesting level `idx` of this CPU; returns the
	 * page-aligned address. */
	unsigned long (*map)(struct page *page, int idx);
	/* Undo map(); `vaddr` is what it returned. */
	void (*unmap)(unsigned long vaddr, int idx);
	/* The CPU whose mapping `vaddr` is, or -1 if it is no mapped slot
	 * (for debug reports only; may race). */
	int (*slot_cpu)(unsigned long vaddr);
};

/* kmap=percpu in highmem.c, kmap=global in highmem_global.c. */
extern const struct kmap_local_ops kmap_percpu_ops;
extern const struct kmap_local_ops kmap_global_ops;

/* The per-CPU slot path, also used by kmap=global in atomic context. */
unsigned long kmap_percpu_map(struct page *page, int idx);
void kmap_percpu_unmap(unsigned long vaddr);
int kmap_percpu_slot_cpu(unsigned long vaddr);

/*
 * The PTE that maps `vaddr` in the kmap area or the persistent pool. Their
 * two page tables are shared by every page directory (highmem_init()), so
 * writing here changes the mapping under every CR3 at once.
 */
pte_t *kmap_area_pte(unsigned long vaddr);

static inline pte_t mk_kmap_pte(struct page *page)
{
	/* Not _PAGE_GLOBAL: a CR3 reload (a full flush) must drop it. */
	return page_to_phys(page) | PAGE_KERNEL;
}

static inline struct page *kmap_pte_page(pte_t pte)
{
	return pfn_to_page(pte_pfn(pte));
}

DECLARE_PER_CPU(struct kmap_stats, kmap_stats);
#define kmap_stat_inc(field)	this_cpu_inc(kmap_stats.field)

/* Take `lock` (interrupts as they are), counting contention per CPU. */
void kmap_spin_lock(spinlock_t *lock);
/* The same with local interrupts disabled; returns the saved flags. */
unsigned long kmap_spin_lock_irqsave(spinlock_t *lock);

/* Persistent pool: set up its page -> entry hash (highmem_init()). */
void pkmap_init(void);
/* Persistent pool: the address of a kmapped highmem page, or NULL. */
void *pkmap_page_address(const struct page *page);

#endif
