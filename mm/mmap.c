// SPDX-License-Identifier: GPL-2.0
/*
 * User memory regions and the memory system calls: brk, mmap2 (anonymous
 * and file mappings, private or shared, with a hint or MAP_FIXED), munmap,
 * mprotect, madvise, msync.
 *
 * A file region (vm_file) holds a reference to its file. Removing one
 * under mm->lock cannot fput() there (the last fput may sleep), so the
 * region waits on mm->dead_vmas and the function that took the lock
 * frees it after dropping it (mm_free_dead_vmas()). Shared anonymous
 * memory is a file too: an unlinked tmpfs file (shmem_file_setup()).
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
#include <fs.h>
#include <shmem_fs.h>
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

/*
 * A region leaves mm->regions: free it now if it maps no file, else keep
 * it for mm_free_dead_vmas() (mm->lock held: fput() may sleep).
 */
static void vma_free(struct mm_struct *mm, struct vm_area_struct *vma)
{
	if (vma->vm_file)
		list_add(&vma->list, &mm->dead_vmas);
	else
		kfree(vma);
}

/**
 * mm_free_dead_vmas - finish removing file regions
 * @mm: the address space, whose lock the caller has just dropped
 *
 * Drops the file references of the regions removed under mm->lock and
 * frees them. May sleep.
 */
void mm_free_dead_vmas(struct mm_struct *mm)
{
	LIST_HEAD(dead);
	struct vm_area_struct *vma, *tmp;

	spin_lock(&mm->lock);
	list_for_each_entry_safe(vma, tmp, &mm->dead_vmas, list) {
		list_del(&vma->list);
		list_add(&vma->list, &dead);
	}
	spin_unlock(&mm->lock);
	list_for_each_entry_safe(vma, tmp, &dead, list) {
		list_del(&vma->list);
		fput(vma->vm_file);
		kfree(vma);
	}
}

static unsigned long vma_pages(const struct vm_area_struct *vma)
{
	return (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
}

/* May a region that ends where b begins take b in (same mapping)? */
static bool vma_joins(const struct vm_area_struct *a,
		      const struct vm_area_struct *b)
{
	if (a->vm_end != b->vm_start || a->vm_flags != b->vm_flags ||
	    a->vm_file != b->vm_file || a->vm_ops != b->vm_ops)
		return false;
	return !a->vm_file || a->vm_pgoff + vma_pages(a) == b->vm_pgoff;
}

int __insert_vma(struct mm_struct *mm, const struct vm_area_struct *tmpl)
{
	struct vm_area_struct *vma, *prev = NULL, *next;
	struct list_head *pos = &mm->regions;
	bool has_next;

	list_for_each_entry(next, &mm->regions, list) {
		if (next->vm_start >= tmpl->vm_end)
			break;
		prev = next;
	}
	has_next = &next->list != &mm->regions;
	/* Merge with the neighbours when they touch and agree. */
	if (prev && vma_joins(prev, tmpl)) {
		prev->vm_end = tmpl->vm_end;
		if (has_next && vma_joins(prev, next)) {
			prev->vm_end = next->vm_end;
			list_del(&next->list);
			vma_free(mm, next);
		}
		return 0;
	}
	if (has_next && vma_joins(tmpl, next)) {
		next->vm_start = tmpl->vm_start;
		next->vm_pgoff = tmpl->vm_pgoff;
		return 0;
	}
	vma = kmalloc(sizeof(*vma), GFP_KERNEL);
	if (!vma)
		return -ENOMEM;
	*vma = *tmpl;
	if (vma->vm_file)
		get_file(vma->vm_file);
	if (prev)
		pos = &prev->list;
	list_add(&vma->list, pos);
	return 0;
}

int __insert_region(struct mm_struct *mm, unsigned long start,
		    unsigned long end, unsigned long flags)
{
	struct vm_area_struct tmpl = {
		.vm_start = start, .vm_end = end, .vm_flags = flags,
	};

	return __insert_vma(mm, &tmpl);
}

/* Split vma at addr (inside it): vma keeps [start, addr). */
static int split_vma(struct vm_area_struct *vma, unsigned long addr)
{
	struct vm_area_struct *tail = kmalloc(sizeof(*tail), GFP_KERNEL);

	if (!tail)
		return -ENOMEM;
	*tail = *vma;
	tail->vm_start = addr;
	tail->vm_pgoff = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
	if (tail->vm_file)
		get_file(tail->vm_file);
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
			vma->vm_pgoff += (end - vma->vm_start) >> PAGE_SHIFT;
			vma->vm_start = end;
		} else {
			list_del(&vma->list);
			vma_free(mm, vma);
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
	mm_free_dead_vmas(mm);
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

/* Check a file mapping against how the file was opened; set its flags. */
static int mmap_file_flags(struct file *file, unsigned long prot,
			   bool shared, unsigned long *vm_flags)
{
	if (!file->f_op->mmap)
		return -ENODEV;
	if (!(file->f_mode & FMODE_READ))
		return -EACCES;
	if (!shared)
		return 0;
	if (file->f_mode & FMODE_WRITE)
		*vm_flags |= VM_MAYWRITE;
	else if (prot & PROT_WRITE)
		return -EACCES;
	return 0;
}

unsigned long do_mmap_file(struct mm_struct *mm, struct file *file,
			   unsigned long addr, unsigned long len,
			   unsigned long prot, unsigned long flags,
			   unsigned long pgoff)
{
	struct vm_area_struct tmpl = { .vm_flags = prot_to_vm_flags(prot) };
	struct file *anon = NULL;
	bool shared;
	long ret;

	if (!len)
		return -EINVAL;
	if (PAGE_ALIGN(len) < len || PAGE_ALIGN(len) == 0)
		return -ENOMEM;
	len = PAGE_ALIGN(len);
	switch (flags & MAP_TYPE) {
	case MAP_PRIVATE:
		shared = false;
		break;
	case MAP_SHARED:
	case MAP_SHARED_VALIDATE:
		shared = true;
		break;
	default:
		return -EINVAL;
	}
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	if (file && pgoff + (len >> PAGE_SHIFT) < pgoff)
		return -EOVERFLOW;
	if (!file && shared) {
		/* Shared anonymous memory: an unlinked tmpfs file, which
		 * fork shares as any shared file mapping. */
		anon = shmem_file_setup("dev/zero", len, 0);
		if (IS_ERR(anon))
			return PTR_ERR(anon);
		file = anon;
		pgoff = 0;
	}
	if (shared)
		tmpl.vm_flags |= VM_SHARED;
	if (file) {
		ret = mmap_file_flags(file, prot, shared, &tmpl.vm_flags);
		if (ret)
			goto out_file;
		tmpl.vm_file = file;
		tmpl.vm_pgoff = pgoff;
		tmpl.vm_end = len;
		/* Before mm->lock: ->mmap may sleep; it sets vm_ops. */
		ret = file->f_op->mmap(file, &tmpl);
		if (ret)
			goto out_file;
	}
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
	tmpl.vm_start = addr;
	tmpl.vm_end = addr + len;
	ret = __insert_vma(mm, &tmpl);
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
	mm_free_dead_vmas(mm);
out_file:
	if (anon)
		fput(anon);	/* the region holds its own reference */
	return ret;
}

unsigned long do_mmap(struct mm_struct *mm, unsigned long addr,
		      unsigned long len, unsigned long prot,
		      unsigned long flags)
{
	return do_mmap_file(mm, NULL, addr, len, prot, flags, 0);
}

/*
 * A private file mapping maps the file's own pages read-only, and copies
 * one on the first write (mm/memory.c). A page it may write in place is
 * one nobody else can see: not in a page cache, and mapped only here.
 */
bool vma_page_is_cow(const struct vm_area_struct *vma, struct page *page)
{
	if (!vma->vm_file || (vma->vm_flags & VM_SHARED))
		return false;
	return page->mapping || atomic_read(&page->refcount) > 1;
}

/* Change the PTEs of vma's present pages in [start, end) to `prot`. */
static void change_protection(struct mm_struct *mm,
			      struct vm_area_struct *vma, unsigned long start,
			      unsigned long end, u32 prot)
{
	for (unsigned long va = start; va < end; va += PAGE_SIZE) {
		pte_t *pte = pte_lookup(mm->pgd, va);
		u32 p = prot;

		if (!pte || !(*pte & _PAGE_PRESENT))
			continue;
		if ((p & _PAGE_RW) &&
		    vma_page_is_cow(vma, pfn_to_page(pte_pfn(*pte))))
			p &= ~_PAGE_RW;
		WRITE_ONCE(*pte, (*pte & PAGE_MASK) | p);
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
		/* A shared mapping of a file opened read-only stays so. */
		if ((vm_flags & VM_WRITE) && (vma->vm_flags & VM_SHARED) &&
		    !(vma->vm_flags & VM_MAYWRITE)) {
			ret = -EACCES;
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
	/*
	 * PROT_NONE keeps the frames but makes them supervisor-only: user
	 * access faults, uaccess sees no _PAGE_USER (-EFAULT).
	 */
	pte_prot = vm_page_prot(vm_flags);
	for (vma = find_vma(mm, start); vma && vma->vm_start < end;
	     vma = list_entry(vma->list.next, struct vm_area_struct, list)) {
		vma->vm_flags = (vma->vm_flags & ~(VM_READ | VM_WRITE | VM_EXEC))
				| vm_flags;
		change_protection(mm, vma, vma->vm_start, vma->vm_end,
				  pte_prot ? pte_prot : _PAGE_PRESENT);
		if (vma->list.next == &mm->regions)
			break;
	}
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
	mm_free_dead_vmas(mm);
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
	struct file *f;
	long ret;

	if (flags & MAP_ANONYMOUS)
		return do_mmap(current->mm, addr, len, prot, flags);
	f = fget(fd);
	if (!f)
		return -EBADF;
	ret = do_mmap_file(current->mm, f, addr, len, prot, flags, pgoff);
	fput(f);
	return ret;
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

#define MS_ASYNC	1
#define MS_INVALIDATE	2
#define MS_SYNC		4

/*
 * msync: tmpfs files have no backing store, so there is nothing to write
 * back; the call checks its arguments and that the range is mapped.
 */
SYSCALL_DEFINE3(msync, unsigned long, start, unsigned long, len, int, flags)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	unsigned long end, va;
	long ret = 0;

	if (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC))
		return -EINVAL;
	if ((flags & MS_ASYNC) && (flags & MS_SYNC))
		return -EINVAL;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (PAGE_ALIGN(len) < len)
		return -ENOMEM;
	end = start + PAGE_ALIGN(len);
	if (end < start || end > USER_STACK_TOP)
		return -ENOMEM;
	spin_lock(&mm->lock);
	for (va = start; va < end; va = vma->vm_end) {
		vma = find_vma(mm, va);
		if (!vma || vma->vm_start > va) {
			ret = -ENOMEM;
			break;
		}
	}
	spin_unlock(&mm->lock);
	return ret;
}
