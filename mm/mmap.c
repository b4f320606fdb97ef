// SPDX-License-Identifier: GPL-2.0
/*
 * User memory regions and the memory system calls: brk, mmap2 (anonymous
 * private mappings, with a hint or MAP_FIXED), munmap, mprotect, madvise.
 *
 * A region (struct vm_area_struct) says which addresses are valid and
 * with which permissions; frames arrive on first touch (mm/memory.c).
 * Regions are kept sorted in mm->regions and never overlap. All changes
 * happen under mm->lock; removing or restricting mappings shoots down the
 * TLBs of the CPUs running the mm (flush_tlb_mm_range) before a frame is
 * freed.
 */
#include <mman.h>
#include <task.h>
#include <syscalls.h>
#include <tlbflush.h>
#include <kernel.h>
#include <mm.h>
#include <errno.h>

#define PAGE_ALIGN(x)	ALIGN((unsigned long)(x), PAGE_SIZE)

struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->regions, list)
		if (addr < vma->vm_end)
			return vma;
	return NULL;
}

/* Is any address of [start, end) in a region? */
static bool range_in_use(struct mm_struct *mm, unsigned long start,
			 unsigned long end)
{
	struct vm_area_struct *vma = find_vma(mm, start);

	return vma && vma->vm_start < end;
}

int __insert_region(struct mm_struct *mm, unsigned long start,
		    unsigned long end, unsigned long flags)
{
	struct vm_area_struct *vma, *prev = NULL, *next;
	struct list_head *pos = &mm->regions;

	list_for_each_entry(next, &mm->regions, list) {
		if (next->vm_start >= end)
			break;
		prev = next;
	}
	/* Merge with the neighbours when they touch and agree. */
	if (prev && prev->vm_end == start && prev->vm_flags == flags) {
		prev->vm_end = end;
		if (&next->list != &mm->regions && next->vm_start == end &&
		    next->vm_flags == flags) {
			prev->vm_end = next->vm_end;
			list_del(&next->list);
			kfree(next);
		}
		return 0;
	}
	if (&next->list != &mm->regions && next->vm_start == end &&
	    next->vm_flags == flags) {
		next->vm_start = start;
		return 0;
	}
	vma = kmalloc(sizeof(*vma), GFP_KERNEL);
	if (!vma)
		return -ENOMEM;
	vma->vm_start = start;
	vma->vm_end = end;
	vma->vm_flags = flags;
	if (prev)
		pos = &prev->list;
	list_add(&vma->list, pos);
	return 0;
}

/* Split vma at addr (inside it): vma keeps [start, addr). */
static int split_vma(struct vm_area_struct *vma, unsigned long addr)
{
	struct vm_area_struct *tail = kmalloc(sizeof(*tail), GFP_KERNEL);

	if (!tail)
		return -ENOMEM;
	tail->vm_start = addr;
	tail->vm_end = vma->vm_end;
	tail->vm_flags = vma->vm_flags;
	vma->vm_end = addr;
	list_add(&tail->list, &vma->list);
	return 0;
}

int __do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len)
{
	unsigned long end = start + len;
	struct vm_area_struct *vma, *tmp;

	list_for_each_entry_safe(vma, tmp, &mm->regions, list) {
		if (vma->vm_end <= start)
			continue;
		if (vma->vm_start >= end)
			break;
		if (vma->vm_start < start && vma->vm_end > end) {
			if (split_vma(vma, end))
				return -ENOMEM;
			vma->vm_end = start;
			break;
		}
		if (vma->vm_start < start) {
			vma->vm_end = start;
		} else if (vma->vm_end > end) {
			vma->vm_start = end;
		} else {
			list_del(&vma->list);
			kfree(vma);
		}
	}
	zap_page_range(mm, start, end);
	free_pgtables(mm, start, end);
	return 0;
}

int do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len)
{
	int ret;

	spin_lock(&mm->lock);
	ret = __do_munmap(mm, start, len);
	spin_unlock(&mm->lock);
	return ret;
}

unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long hint,
				unsigned long len)
{
	struct list_head *pos;
	unsigned long top = mm->mmap_base;

	/* Larger than all user space: the sums below would wrap. */
	if (len > USER_STACK_TOP - USER_MIN_ADDR)
		return 0;
	if (hint && !(hint & ~PAGE_MASK) && hint >= USER_MIN_ADDR &&
	    hint + len > hint && hint + len <= USER_STACK_TOP &&
	    !range_in_use(mm, hint, hint + len))
		return hint;
	/* Top-down first fit below mmap_base. */
	for (pos = mm->regions.prev; pos != &mm->regions; pos = pos->prev) {
		struct vm_area_struct *vma =
			list_entry(pos, struct vm_area_struct, list);

		if (vma->vm_start >= top)
			continue;
		if (vma->vm_end <= top && top - vma->vm_end >= len)
			return top - len;
		top = vma->vm_start;
	}
	if (top >= USER_MIN_ADDR + len)
		return top - len;
	return 0;
}

static unsigned long prot_to_vm_flags(unsigned long prot)
{
	return (prot & PROT_READ ? VM_READ : 0) |
	       (prot & PROT_WRITE ? VM_WRITE : 0) |
	       (prot & PROT_EXEC ? VM_EXEC : 0);
}

unsigned long do_mmap(struct mm_struct *mm, unsigned long addr,
		      unsigned long len, unsigned long prot,
		      unsigned long flags)
{
	unsigned long vm_flags = prot_to_vm_flags(prot);
	long ret;

	if (!len)
		return -EINVAL;
	if (PAGE_ALIGN(len) < len || PAGE_ALIGN(len) == 0)
		return -ENOMEM;
	len = PAGE_ALIGN(len);
	if ((flags & MAP_TYPE) != MAP_PRIVATE)
		return -EINVAL;	/* shared mappings: not supported yet */
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	spin_lock(&mm->lock);
	if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
		ret = -EINVAL;
		if (addr & ~PAGE_MASK)
			goto out;
		ret = -ENOMEM;
		if (addr + len < addr || addr + len > USER_STACK_TOP)
			goto out;
		ret = -EPERM;
		if (addr < USER_MIN_ADDR)
			goto out;
		ret = -EEXIST;
		if ((flags & MAP_FIXED_NOREPLACE) &&
		    range_in_use(mm, addr, addr + len))
			goto out;
		ret = __do_munmap(mm, addr, len);
		if (ret)
			goto out;
	} else {
		addr = get_unmapped_area(mm, addr & PAGE_MASK, len);
		ret = -ENOMEM;
		if (!addr)
			goto out;
	}
	ret = __insert_region(mm, addr, addr + len, vm_flags);
	if (ret)
		goto out;
	if (flags & MAP_POPULATE) {
		for (unsigned long va = addr; va < addr + len; va += PAGE_SIZE)
			if (__handle_mm_fault(mm, va, false) == -ENOMEM)
				break;
	}
	ret = addr;
out:
	spin_unlock(&mm->lock);
	return ret;
}

/* Change the PTEs of present pages in [start, end) to `prot`. */
static void change_protection(struct mm_struct *mm, unsigned long start,
			      unsigned long end, u32 prot)
{
	for (unsigned long va = start; va < end; va += PAGE_SIZE) {
		pte_t *pte = pte_lookup(mm->pgd, va);

		if (pte && (*pte & _PAGE_PRESENT))
			WRITE_ONCE(*pte, (*pte & PAGE_MASK) | prot);
	}
	flush_tlb_mm_range(mm, start, end);
}

int do_mprotect(struct mm_struct *mm, unsigned long start, unsigned long len,
		unsigned long prot)
{
	unsigned long end, vm_flags = prot_to_vm_flags(prot);
	struct vm_area_struct *vma;
	unsigned long va;
	u32 pte_prot;
	int ret = 0;

	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	if (PAGE_ALIGN(len) < len)	/* rounding up wrapped past 4 GiB */
		return -ENOMEM;
	end = start + PAGE_ALIGN(len);
	if (end < start || end > USER_STACK_TOP)
		return -ENOMEM;
	if (end == start)
		return 0;
	spin_lock(&mm->lock);
	/* The whole range must be mapped. */
	for (va = start; va < end; va = vma->vm_end) {
		vma = find_vma(mm, va);
		if (!vma || vma->vm_start > va) {
			ret = -ENOMEM;
			goto out;
		}
	}
	/* Split so that [start, end) is made of whole regions. */
	vma = find_vma(mm, start);
	if (vma->vm_start < start && (ret = split_vma(vma, start)))
		goto out;
	vma = find_vma(mm, end - 1);
	if (vma->vm_end > end && (ret = split_vma(vma, end)))
		goto out;
	for (vma = find_vma(mm, start); vma && vma->vm_start < end;
	     vma = list_entry(vma->list.next, struct vm_area_struct, list)) {
		vma->vm_flags = (vma->vm_flags & ~(VM_READ | VM_WRITE | VM_EXEC))
				| vm_flags;
		if (vma->list.next == &mm->regions)
			break;
	}
	/*
	 * PROT_NONE keeps the frames but makes them supervisor-only: user
	 * access faults, uaccess sees no _PAGE_USER (-EFAULT).
	 */
	pte_prot = vm_page_prot(vm_flags);
	change_protection(mm, start, end, pte_prot ? pte_prot : _PAGE_PRESENT);
out:
	spin_unlock(&mm->lock);
	return ret;
}

unsigned long do_brk(struct mm_struct *mm, unsigned long brk)
{
	unsigned long old_end, new_end;

	spin_lock(&mm->lock);
	if (brk < mm->brk_start || brk >= mm->mmap_base)
		goto out;
	old_end = PAGE_ALIGN(mm->brk);
	new_end = PAGE_ALIGN(brk);
	if (new_end < old_end) {
		if (__do_munmap(mm, new_end, old_end - new_end))
			goto out;
	} else if (new_end > old_end) {
		if (range_in_use(mm, old_end, new_end) ||
		    __insert_region(mm, old_end, new_end,
				    VM_READ | VM_WRITE | VM_HEAP))
			goto out;
	}
	mm->brk = brk;
out:
	brk = mm->brk;
	spin_unlock(&mm->lock);
	return brk;
}

/* ---- system calls ------------------------------------------------------- */

SYSCALL_DEFINE1(brk, unsigned long, brk)
{
	return do_brk(current->mm, brk);
}

SYSCALL_DEFINE6(mmap2, unsigned long, addr, unsigned long, len,
		unsigned long, prot, unsigned long, flags, int, fd,
		unsigned long, pgoff)
{
	if (!(flags & MAP_ANONYMOUS))
		return fd < 0 ? -EBADF : -ENODEV;	/* no file mappings */
	return do_mmap(current->mm, addr, len, prot, flags);
}

SYSCALL_DEFINE2(munmap, unsigned long, addr, unsigned long, len)
{
	if ((addr & ~PAGE_MASK) || !len)
		return -EINVAL;
	len = PAGE_ALIGN(len);
	if (!len || addr + len < addr || addr + len > USER_STACK_TOP)
		return -EINVAL;
	return do_munmap(current->mm, addr, len);
}

SYSCALL_DEFINE3(mprotect, unsigned long, start, unsigned long, len,
		unsigned long, prot)
{
	return do_mprotect(current->mm, start, len, prot);
}

#define MADV_DONTNEED	4
#define MADV_FREE	8

SYSCALL_DEFINE3(madvise, unsigned long, start, unsigned long, len,
		int, advice)
{
	struct mm_struct *mm = current->mm;
	unsigned long end;

	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (PAGE_ALIGN(len) < len)	/* rounding up wrapped past 4 GiB */
		return -EINVAL;
	end = start + PAGE_ALIGN(len);
	if (end < start || end > USER_STACK_TOP)
		return -EINVAL;
	/* Dropping the frames is allowed for both: they refault as zero. */
	if (advice == MADV_DONTNEED || advice == MADV_FREE) {
		spin_lock(&mm->lock);
		zap_page_range(mm, start, end);
		spin_unlock(&mm->lock);
	}
	return 0;
}
