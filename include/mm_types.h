/* SPDX-License-Identifier: GPL-2.0 */
/*
 * struct mm_struct: one user address space. Shared by the threads of a
 * process; its cpumask says which CPUs currently run it, which is what
 * flush_tlb_mm_range() shoots down.
 */
#ifndef _MM_TYPES_H
#define _MM_TYPES_H

#include <types.h>
#include <cpumask.h>
#include <spinlock.h>
#include <list.h>
#include <asm/pgtable.h>

struct mm_struct {
	pde_t *pgd;			/* page directory (lowmem) */
	cpumask_t cpu_mask;		/* CPUs with this mm loaded now */
	atomic_t users;			/* tasks sharing this mm */
	spinlock_t lock;		/* protects regions and page tables */
	struct list_head regions;	/* user memory regions (VMAs) */
	unsigned long brk_start, brk;	/* program break */
	unsigned long mmap_base;	/* where mmap searches from */
};

static inline cpumask_t *mm_cpumask(struct mm_struct *mm)
{
	return &mm->cpu_mask;
}

#endif
