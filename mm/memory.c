// SPDX-License-Identifier: GPL-2.0
/*
 * User page tables: demand paging (a first touch inside a region gets a
 * zeroed frame, highmem first; inside a file region, the file's page from
 * its page cache) and tearing mappings down, frames first, then the page
 * tables that no region needs any more.
 *
 * Each PTE that maps a frame holds one reference to its page; unmapping
 * puts it. An anonymous frame has only that one; a page-cache page also
 * has the cache's, so a file's page outlives the mappings of it, and a
 * page cut from the file (truncate) outlives the cache until unmapped.
 *
 * File regions: MAP_SHARED maps the cache page itself, writable if the
 * region is; MAP_PRIVATE maps it read-only and a write copies it into an
 * anonymous frame (copy-on-write). A page past the end of the file is
 * SIGBUS. vm_ops->fault runs here under mm->lock, so it must not sleep:
 * the lock order is mm->lock > mapping->lock > i_lock (never i_rwsem).
 *
 * Everything here runs with mm->lock held, on whatever CPU and under
 * whatever CR3: the tables of `mm` are reached through the direct map
 * (page tables are lowmem) and frames only through kmap, never through
 * the user addresses themselves.
 */
#include <mman.h>
#include <oom.h>
#include <task.h>
#include <highmem.h>
#include <tlbflush.h>
#include <kernel.h>
#include <mm.h>
#include <errno.h>

u32 vm_page_prot(unsigned long vm_flags)
{
	/* i386 without PAE cannot forbid reading or executing a page. */
	if (!(vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))
		return 0;	/* PROT_NONE: leave it unmapped */
	return vm_flags & VM_WRITE ? PAGE_USER_RW : PAGE_USER_RO;
}

/* A new anonymous user frame, not from the kernel's lowmem reserve. */
static struct page *alloc_user_page(gfp_t extra)
{
	if (!user_page_available())
		return NULL;
	return alloc_page(GFP_HIGHUSER | __GFP_NOWARN | extra);
}

/*
 * A write to a read-only page of a private file region: give the region
 * its own copy (or make the page writable if nobody else can see it).
 */
static int do_cow_fault(struct mm_struct *mm, struct vm_area_struct *vma,
			unsigned long addr, pte_t pte)
{
	unsigned long va = addr & PAGE_MASK;
	struct page *old = pfn_to_page(pte_pfn(pte)), *new;
	pte_t *ptep;

	if (!vma_page_is_cow(vma, old)) {
		/* Stale TLB entries only cause a spurious fault: no flush. */
		ptep = pte_lookup(mm->pgd, va);
		WRITE_ONCE(*ptep, *ptep | _PAGE_RW);
		return 0;
	}
	new = alloc_user_page(0);
	if (!new)
		return -ENOMEM;
	copy_highpage(new, old);
	unmap_page(mm->pgd, va);
	/* No CPU may keep reading the old page through this address. */
	flush_tlb_mm_range(mm, va, va + PAGE_SIZE);
	/* The page table is there (it held the old PTE): cannot fail. */
	if (WARN_ON(map_page(mm->pgd, va, page_to_phys(new), PAGE_USER_RW))) {
		__free_page(new);
		mm->nr_pages--;
		put_page(old);
		return -ENOMEM;
	}
	put_page(old);		/* the old PTE's reference */
	return 0;
}

/* A first touch of a file region: map its page (or a private copy). */
static int do_file_fault(struct mm_struct *mm, struct vm_area_struct *vma,
			 unsigned long addr, bool write, u32 prot)
{
	unsigned long pgoff = vma->vm_pgoff +
			      ((addr - vma->vm_start) >> PAGE_SHIFT);
	struct page *page;
	int err;

	if (!vma->vm_ops || !vma->vm_ops->fault)
		return -EIO;
	err = vma->vm_ops->fault(vma, pgoff, &page);
	if (err)
		return err;
	if (!(vma->vm_flags & VM_SHARED)) {
		if (write) {
			struct page *copy = alloc_user_page(0);

			if (!copy) {
				put_page(page);
				return -ENOMEM;
			}
			copy_highpage(copy, page);
			put_page(page);
			page = copy;
		} else {
			prot &= ~_PAGE_RW;	/* copied on the first write */
		}
	}
	/* The fault's reference to the page becomes the PTE's. */
	if (map_page(mm->pgd, addr & PAGE_MASK, page_to_phys(page), prot)) {
		put_page(page);
		return -ENOMEM;
	}
	mm_add_page(mm);
	return 0;
}

int __handle_mm_fault(struct mm_struct *mm, unsigned long addr, bool write)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	struct page *page;
	pte_t pte;
	u32 prot;

	if (!vma || addr < vma->vm_start)
		return -EFAULT;
	prot = vm_page_prot(vma->vm_flags);
	if (!prot || (write && !(vma->vm_flags & VM_WRITE)))
		return -EFAULT;
	pte = translate(mm->pgd, addr);
	if (pte) {
		/*
		 * Present already: another thread faulted the page in while
		 * we waited for mm->lock (or a stale TLB entry faulted). If
		 * the PTE allows the access, retrying it succeeds, as Linux
		 * treats a spurious fault; otherwise a protection fault.
		 */
		if ((pte & _PAGE_USER) && (!write || (pte & _PAGE_RW)))
			return 0;
		if ((pte & _PAGE_USER) && vma->vm_file &&
		    !(vma->vm_flags & VM_SHARED))
			return do_cow_fault(mm, vma, addr, pte);
		return -EFAULT;
	}
	if (vma->vm_file)
		return do_file_fault(mm, vma, addr, write, prot);
	page = alloc_user_page(__GFP_ZERO);
	if (!page)
		return -ENOMEM;
	if (map_page(mm->pgd, addr & PAGE_MASK, page_to_phys(page), prot)) {
		__free_page(page);
		return -ENOMEM;
	}
	mm_add_page(mm);
	return 0;
}

bool mm_addr_in_region(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma;
	bool in;

	spin_lock(&mm->lock);
	vma = find_vma(mm, addr);
	in = vma && addr >= vma->vm_start;
	spin_unlock(&mm->lock);
	return in;
}

/*
 * Out of frames for the caller's own address space, the OOM killer makes
 * room and the fault is tried again (mm/oom_kill.c); out_of_memory()
 * bounds the retries.
 */
int handle_mm_fault(struct mm_struct *mm, unsigned long addr, bool write)
{
	struct oom_control oc = { 0 };
	int ret;

	do {
		spin_lock(&mm->lock);
		ret = __handle_mm_fault(mm, addr, write);
		spin_unlock(&mm->lock);
	} while (ret == -ENOMEM && mm == current->mm && out_of_memory(&oc));
	return ret;
}

#define ZAP_BATCH	32

/* Flush the TLBs for [start, end), then put the unmapped pages. */
static void zap_flush(struct mm_struct *mm, unsigned long start,
		      unsigned long end, struct page **pages, unsigned int n)
{
	/* No CPU may keep using a frame we are about to reuse. */
	flush_tlb_mm_range(mm, start, end);
	/* A copy to or from user memory may still hold a page, and a page
	 * of a file is also the page cache's: the frame is freed by the
	 * last put. (A page mapped twice is in the batch twice.) */
	for (unsigned int k = 0; k < n; k++)
		put_page(pages[k]);
}

unsigned long zap_page_range(struct mm_struct *mm, unsigned long start,
			     unsigned long end)
{
	struct page *batch[ZAP_BATCH];
	unsigned long va = start, from = start, total = 0;
	unsigned int n = 0;

	while (va < end) {
		pte_t *table_pte = pte_lookup(mm->pgd, va);
		pte_t pte;

		if (!table_pte) {
			/* No page table here: skip to the next 4 MiB. */
			unsigned long next = (va & ~(PGDIR_SIZE - 1)) + PGDIR_SIZE;

			if (next <= va)
				break;
			va = next;
			continue;
		}
		pte = unmap_page(mm->pgd, va);
		va += PAGE_SIZE;
		if (!(pte & _PAGE_PRESENT))
			continue;
		batch[n++] = pfn_to_page(pte_pfn(pte));
		if (n == ZAP_BATCH) {
			zap_flush(mm, from, va, batch, n);
			total += n;
			n = 0;
			from = va;
		}
	}
	if (n) {
		zap_flush(mm, from, end, batch, n);
		total += n;
	}
	mm->nr_pages -= total;
	return total;
}

/* Does any region overlap the 4 MiB that one page table maps at base? */
static bool table_in_use(struct mm_struct *mm, unsigned long base)
{
	struct vm_area_struct *vma = find_vma(mm, base);

	return vma && vma->vm_start < base + PGDIR_SIZE;
}

/*
 * Without this a process that maps and unmaps at moving addresses (musl
 * puts each thread's stack wherever mmap finds room) would keep every
 * page table it ever touched until it exits.
 */
void free_pgtables(struct mm_struct *mm, unsigned long start,
		   unsigned long end)
{
	unsigned long base = start & ~(PGDIR_SIZE - 1);
	unsigned long lo = 0, hi = 0;
	LIST_HEAD(tables);
	struct page *page, *tmp;

	for (; base < end && base < USER_STACK_TOP; base += PGDIR_SIZE) {
		void *table;

		if (table_in_use(mm, base))
			continue;
		table = pgd_detach_user_table(mm->pgd, base);
		if (!table)
			continue;
		list_add(&virt_to_page(table)->lru, &tables);
		if (!hi)
			lo = base;
		hi = base + PGDIR_SIZE;
	}
	if (!hi)
		return;
	/* No CPU may walk a table through a stale cached PDE once it is reused. */
	flush_tlb_mm_range(mm, lo, hi);
	list_for_each_entry_safe(page, tmp, &tables, lru) {
		list_del(&page->lru);
		__free_page(page);
	}
}
