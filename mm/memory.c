// SPDX-License-Identifier: GPL-2.0
/*
 * User page tables: demand paging (a first touch inside a region gets a
 * zeroed frame, highmem first) and tearing mappings down, frames first,
 * then the page tables that no region needs any more.
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
		return -EFAULT;
	}
	page = NULL;
	if (user_page_available())
		page = alloc_page(GFP_HIGHUSER | __GFP_ZERO | __GFP_NOWARN);
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

unsigned long zap_page_range(struct mm_struct *mm, unsigned long start,
			     unsigned long end)
{
	LIST_HEAD(freed);
	struct page *page, *tmp;
	unsigned long va = start, n = 0;

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
		if (pte & _PAGE_PRESENT) {
			page = pfn_to_page(pte_pfn(pte));
			list_add(&page->lru, &freed);
			n++;
		}
		va += PAGE_SIZE;
	}
	if (!n)
		return 0;
	/* No CPU may keep using a frame we are about to reuse. */
	flush_tlb_mm_range(mm, start, end);
	/* A copy to or from user memory may still hold a page: the
	 * frame is freed when it puts its reference. */
	list_for_each_entry_safe(page, tmp, &freed, lru) {
		list_del(&page->lru);
		put_page(page);
	}
	mm->nr_pages -= n;
	return n;
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
