/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User address spaces: the mm_struct life cycle (mm/mm.c), regions and
 * the memory system calls (mm/mmap.c), page faults and page-table walks
 * (mm/memory.c). The PROT_ and MAP_ values are the Linux i386 ABI.
 */
#ifndef _MMAN_H
#define _MMAN_H

#include <mm_types.h>

#define PROT_NONE		0x0
#define PROT_READ		0x1
#define PROT_WRITE		0x2
#define PROT_EXEC		0x4

#define MAP_SHARED		0x01
#define MAP_PRIVATE		0x02
#define MAP_SHARED_VALIDATE	0x03
#define MAP_TYPE		0x0f
#define MAP_FIXED		0x10
#define MAP_ANONYMOUS		0x20
#define MAP_GROWSDOWN		0x0100
#define MAP_DENYWRITE		0x0800
#define MAP_EXECUTABLE		0x1000
#define MAP_LOCKED		0x2000
#define MAP_NORESERVE		0x4000
#define MAP_POPULATE		0x8000
#define MAP_NONBLOCK		0x10000
#define MAP_STACK		0x20000
#define MAP_FIXED_NOREPLACE	0x100000

struct task_struct;

/* Life cycle. mm_alloc() returns an empty space with one user. */
struct mm_struct *mm_alloc(void);
static inline void mmget(struct mm_struct *mm)
{
	atomic_inc(&mm->users);
}
/* Drop a user; the last one frees every frame, table and region. */
void mmput(struct mm_struct *mm);
/* fork: a copy of `old` with its own frames (eager copy). */
struct mm_struct *dup_mm(struct mm_struct *old);
/* Scheduler: switch this CPU from prev's directory to next's (NULL: the
 * kernel's), keeping the cpumasks exact. */
void switch_mm(struct mm_struct *prev, struct mm_struct *next, int cpu);
/* Make `mm` the calling task's address space (exec); returns the old. */
struct mm_struct *exec_mmap(struct mm_struct *mm);
/* The calling task gives up its address space (exit). */
void exit_mm(void);

/* Regions (mm->lock held by the caller for the __ variants). */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
int __insert_region(struct mm_struct *mm, unsigned long start,
		    unsigned long end, unsigned long flags);
int __do_munmap(struct mm_struct *mm, unsigned long start,
		unsigned long len);
unsigned long do_mmap(struct mm_struct *mm, unsigned long addr,
		      unsigned long len, unsigned long prot,
		      unsigned long flags);
/*
 * A region from a template (start, end, flags, file, pgoff, ops): merged
 * into a neighbour that continues it, or a new region holding its own
 * reference to the file. 0 or -ENOMEM.
 */
int __insert_vma(struct mm_struct *mm, const struct vm_area_struct *tmpl);
/*
 * mmap of a file at page pgoff (file NULL: anonymous; MAP_SHARED then
 * makes an unlinked tmpfs file). Checks the file's open mode (-EACCES),
 * calls f_op->mmap (without mm->lock), then maps. The address or -errno.
 */
unsigned long do_mmap_file(struct mm_struct *mm, struct file *file,
			   unsigned long addr, unsigned long len,
			   unsigned long prot, unsigned long flags,
			   unsigned long pgoff);
/* fput and free the file regions removed under mm->lock (mm_types.h);
 * call after dropping mm->lock. May sleep. */
void mm_free_dead_vmas(struct mm_struct *mm);
/* Must a write to this page of vma copy it first (private file map)? */
bool vma_page_is_cow(const struct vm_area_struct *vma, struct page *page);
int do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len);
int do_mprotect(struct mm_struct *mm, unsigned long start,
		unsigned long len, unsigned long prot);
unsigned long do_brk(struct mm_struct *mm, unsigned long brk);
/* Where a region of `len` bytes fits, searching down from mmap_base;
 * 0 if nowhere. */
unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long hint,
				unsigned long len);

/*
 * Resolve a fault at addr: allocate the page if addr is inside a region
 * that allows the access (a file region: its page, or a copy of it for a
 * write to a private one). 0, -EFAULT (no region or not allowed),
 * -ENOMEM, or -EIO / -ENOSPC (a file page past the end of the file, or
 * no room in the file system: SIGBUS). The __ variant expects mm->lock
 * held.
 */
int __handle_mm_fault(struct mm_struct *mm, unsigned long addr, bool write);
int handle_mm_fault(struct mm_struct *mm, unsigned long addr, bool write);
/* Is addr inside one of mm's regions (SEGV_ACCERR rather than MAPERR)? */
bool mm_addr_in_region(struct mm_struct *mm, unsigned long addr);
/* Unmap and free the frames of [start, end); returns the pages freed.
 * The caller flushes the TLB before the frames can be reused: the frames
 * are freed only after flush_tlb_mm_range() here. */
unsigned long zap_page_range(struct mm_struct *mm, unsigned long start,
			     unsigned long end);
/*
 * Free the page tables in [start, end) that no region overlaps any more
 * (after zap_page_range()), shooting the TLBs down first. mm->lock held.
 */
void free_pgtables(struct mm_struct *mm, unsigned long start,
		   unsigned long end);
/* PTE protection bits for a region's flags. */
u32 vm_page_prot(unsigned long vm_flags);

#endif
