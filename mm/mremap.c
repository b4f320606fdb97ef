// SPDX-License-Identifier: GPL-2.0
/*
 * mremap: resize a mapping, and move it when it cannot grow where it is
 * (MREMAP_MAYMOVE) or to where the caller says (MREMAP_FIXED). Both C
 * libraries' realloc() of a large block comes here.
 *
 *   shrink         unmap the tail
 *   grow in place  the pages after the region are free: extend it
 *   move           a new region elsewhere; the present PTEs are copied to
 *                  it (same frames, nothing is copied or faulted in), then
 *                  the old ones cleared, the TLBs shot down, and the old
 *                  region removed like munmap would
 *
 * Everything happens under mm->lock. Until the old PTEs are cleared a
 * frame is mapped at both addresses, which is harmless: a thread that
 * still writes through the old one writes the same frame.
 */
#include <mman.h>
#include <task.h>
#include <syscalls.h>
#include <tlbflush.h>
#include <kernel.h>
#include <mm.h>
#include <errno.h>

#define MREMAP_MAYMOVE		1
#define MREMAP_FIXED		2
#define MREMAP_DONTUNMAP	4

#define PAGE_ALIGN(x)	ALIGN((unsigned long)(x), PAGE_SIZE)
#define PTE_PROT_BITS	(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER)

/* Clear the PTEs of [start, start + len) without freeing their frames. */
static void forget_ptes(struct mm_struct *mm, unsigned long start,
			unsigned long len)
{
	for (unsigned long off = 0; off < len; off += PAGE_SIZE)
		unmap_page(mm->pgd, start + off);
}

/* Map at `to` the frames present at `from`; on -ENOMEM nothing stays. */
static int copy_ptes(struct mm_struct *mm, unsigned long from,
		     unsigned long to, unsigned long len)
{
	for (unsigned long off = 0; off < len; off += PAGE_SIZE) {
		pte_t *pte = pte_lookup(mm->pgd, from + off);

		if (!pte || !(*pte & _PAGE_PRESENT))
			continue;
		if (map_page(mm->pgd, to + off, *pte & PAGE_MASK,
			     *pte & PTE_PROT_BITS)) {
			forget_ptes(mm, to, off);
			return -ENOMEM;
		}
	}
	return 0;
}

/*
 * The region [start, end) continuing src's mapping at `from` (an address
 * in src): same flags, same file at the matching page.
 */
static int insert_like(struct mm_struct *mm, const struct vm_area_struct *src,
		       unsigned long from, unsigned long start,
		       unsigned long end)
{
	struct vm_area_struct t = *src;

	t.vm_start = start;
	t.vm_end = end;
	t.vm_pgoff = src->vm_pgoff + ((from - src->vm_start) >> PAGE_SHIFT);
	return __insert_vma(mm, &t);
}

/*
 * Move [old, old + old_len) to a new region [new, new + new_len). The PTEs
 * move with their page references; a file region keeps its file.
 */
static long move_region(struct mm_struct *mm, unsigned long old,
			unsigned long old_len, unsigned long new,
			unsigned long new_len, const struct vm_area_struct *src)
{
	int err = insert_like(mm, src, old, new, new + new_len);

	if (err)
		return err;
	err = copy_ptes(mm, old, new, old_len);
	if (err) {
		__do_munmap(mm, new, new_len);
		return err;
	}
	forget_ptes(mm, old, old_len);
	flush_tlb_mm_range(mm, old, old + old_len);
	/* No PTE is left to free: this removes the region and its tables. */
	__do_munmap(mm, old, old_len);
	return new;
}

static bool range_free(struct mm_struct *mm, unsigned long start,
		       unsigned long end)
{
	struct vm_area_struct *vma = find_vma(mm, start);

	return !vma || vma->vm_start >= end;
}

static bool user_range(unsigned long start, unsigned long len)
{
	return start >= USER_MIN_ADDR && start + len > start &&
	       start + len <= USER_STACK_TOP;
}

static long mremap_fixed(struct mm_struct *mm, unsigned long addr,
			 unsigned long old_len, unsigned long new_len,
			 unsigned long new_addr,
			 const struct vm_area_struct *src)
{
	long err;

	if (new_addr & ~PAGE_MASK || !user_range(new_addr, new_len))
		return -EINVAL;
	if (new_addr < addr + old_len && addr < new_addr + new_len)
		return -EINVAL;		/* the two ranges overlap */
	err = __do_munmap(mm, new_addr, new_len);
	if (err)
		return err;
	if (old_len > new_len) {
		err = __do_munmap(mm, addr + new_len, old_len - new_len);
		if (err)
			return err;
		old_len = new_len;
	}
	return move_region(mm, addr, old_len, new_addr, new_len, src);
}

/*
 * mm->lock held; the old range lies inside vma. The unmapping below may
 * free vma: work from a copy (its file stays referenced until the caller
 * calls mm_free_dead_vmas()).
 */
static long mremap_locked(struct mm_struct *mm, struct vm_area_struct *vma,
			  unsigned long addr, unsigned long old_len,
			  unsigned long new_len, unsigned long flags,
			  unsigned long new_addr)
{
	const struct vm_area_struct src = *vma;
	unsigned long end = addr + old_len;
	long err;

	if (flags & MREMAP_FIXED)
		return mremap_fixed(mm, addr, old_len, new_len, new_addr,
				    &src);
	if (new_len <= old_len) {
		err = __do_munmap(mm, addr + new_len, old_len - new_len);
		return err ? err : (long)addr;
	}
	if (end == vma->vm_end && user_range(addr, new_len) &&
	    range_free(mm, end, addr + new_len)) {
		/* Merges into vma: it continues its mapping. */
		err = insert_like(mm, &src, end, end, addr + new_len);
		return err ? err : (long)addr;
	}
	if (!(flags & MREMAP_MAYMOVE))
		return -ENOMEM;
	new_addr = get_unmapped_area(mm, 0, new_len);
	if (!new_addr)
		return -ENOMEM;
	return move_region(mm, addr, old_len, new_addr, new_len, &src);
}

static long do_mremap(struct mm_struct *mm, unsigned long addr,
		      unsigned long old_len, unsigned long new_len,
		      unsigned long flags, unsigned long new_addr)
{
	struct vm_area_struct *vma;
	long ret;

	/* MREMAP_DONTUNMAP would leave an empty region behind: not yet. */
	if (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED))
		return -EINVAL;
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	if (addr & ~PAGE_MASK)
		return -EINVAL;
	old_len = PAGE_ALIGN(old_len);
	new_len = PAGE_ALIGN(new_len);
	/* A length of 0 duplicates shared mappings only; there are none. */
	if (!new_len || !old_len)
		return -EINVAL;
	if (new_len > USER_STACK_TOP - USER_MIN_ADDR)
		return -ENOMEM;	/* more than user space holds */
	spin_lock(&mm->lock);
	vma = find_vma(mm, addr);
	if (!vma || vma->vm_start > addr || addr + old_len < addr ||
	    addr + old_len > vma->vm_end)
		ret = -EFAULT;	/* the old range is not one mapping */
	else
		ret = mremap_locked(mm, vma, addr, old_len, new_len, flags,
				    new_addr);
	spin_unlock(&mm->lock);
	mm_free_dead_vmas(mm);
	return ret;
}

SYSCALL_DEFINE5(mremap, unsigned long, addr, unsigned long, old_len,
		unsigned long, new_len, unsigned long, flags,
		unsigned long, new_addr)
{
	return do_mremap(current->mm, addr, old_len, new_len, flags,
			 new_addr);
}
