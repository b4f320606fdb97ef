/* SPDX-License-Identifier: GPL-2.0 */
/*
 * struct mm_struct: one user address space. Shared by the threads of a
 * process; its cpumask says which CPUs currently run it, which is what
 * flush_tlb_mm_range() shoots down. Documentation/processes.md draws the
 * user address layout:
 *
 *   0xC0000000 +-----------------------+ USER_STACK_TOP
 *              | stack (8 MiB region,  |  VM_GROWSDOWN, pages on demand
 *              |  pages on demand)     |
 *   0xBF800000 +-----------------------+
 *              | gap                   |
 *   0xBF000000 +-----------------------+ mmap_base: mmap2 searches down
 *              | mmap regions          |
 *              |          ...          |
 *              | heap (brk), on demand |
 *              | ELF segments (.text,  |  loaded by exec
 *              |  .data, .bss)         |
 *   0x00001000 +-----------------------+
 *              | page 0: never mapped  |
 *   0x00000000 +-----------------------+
 */
#ifndef _MM_TYPES_H
#define _MM_TYPES_H

#include <types.h>
#include <cpumask.h>
#include <spinlock.h>
#include <list.h>
#include <atomic.h>
#include <asm/pgtable.h>

#define USER_STACK_TOP		0xC0000000UL
#define USER_STACK_SIZE		(8UL << 20)
#define USER_MMAP_BASE		0xBF000000UL
#define USER_MIN_ADDR		0x00001000UL

/* vm_flags */
#define VM_READ		0x0001
#define VM_WRITE	0x0002
#define VM_EXEC		0x0004
#define VM_SHARED	0x0008	/* MAP_SHARED: writes reach the file */
#define VM_MAYWRITE	0x0020	/* shared: the file was opened for writing */
#define VM_GROWSDOWN	0x0100	/* the stack */
#define VM_HEAP		0x0200	/* the brk area */

struct file;
struct page;
struct vm_area_struct;

/* What a file mapping does on a fault (set by f_op->mmap). */
struct vm_operations_struct {
	/*
	 * The page at page number pgoff of vma->vm_file, with a reference
	 * for the caller, in *pagep. Called with mm->lock held (a spinlock):
	 * must not sleep. 0; -EIO past the end of the file (SIGBUS);
	 * -ENOSPC (SIGBUS) or -ENOMEM (the OOM killer runs, then a retry).
	 */
	int (*fault)(struct vm_area_struct *vma, unsigned long pgoff,
		     struct page **pagep);
};

/* One region of user address space with one set of permissions. */
struct vm_area_struct {
	unsigned long vm_start;		/* page aligned */
	unsigned long vm_end;		/* page aligned, exclusive */
	unsigned long vm_flags;
	struct list_head list;		/* mm->regions, sorted by address */
	/*
	 * A file mapping: the file (one reference per region), the page
	 * number in it that vm_start maps, and its fault handler. NULL for
	 * anonymous private memory.
	 */
	struct file *vm_file;
	unsigned long vm_pgoff;
	const struct vm_operations_struct *vm_ops;
};

struct mm_struct {
	pde_t *pgd;			/* page directory (lowmem) */
	cpumask_t cpu_mask;		/* CPUs with this mm loaded now */
	atomic_t users;			/* tasks sharing this mm */
	spinlock_t lock;		/* protects regions and page tables */
	struct list_head regions;	/* user memory regions (VMAs) */
	unsigned long brk_start, brk;	/* program break */
	unsigned long mmap_base;	/* where mmap searches from */
	unsigned long start_stack;	/* initial user esp */
	/* exec's argument and environment strings (/proc/PID/cmdline) */
	unsigned long arg_start, arg_end, env_start, env_end;
	char exe_path[256];		/* the program exec ran: /proc/PID/exe */
	unsigned long nr_pages;		/* user frames mapped */
	unsigned long hiwater_pages;	/* the most nr_pages ever was */
	bool oom_victim;		/* killed by the OOM killer (oom.h) */
	/*
	 * Regions of files removed under mm->lock: fput() may sleep, so
	 * they wait here until the lock is dropped (mm_free_dead_vmas()).
	 */
	struct list_head dead_vmas;
};

/* One more user frame mapped; getrusage() reports the peak. */
static inline void mm_add_page(struct mm_struct *mm)
{
	if (++mm->nr_pages > mm->hiwater_pages)
		mm->hiwater_pages = mm->nr_pages;
}

static inline cpumask_t *mm_cpumask(struct mm_struct *mm)
{
	return &mm->cpu_mask;
}

#endif
