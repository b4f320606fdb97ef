// SPDX-License-Identifier: GPL-2.0
/*
 * ioremap: map a physical range into the ioremap window of the kernel's
 * address space (see arch/x86/include/asm/ioremap.h).
 *
 * The window is one page table's worth of pages (4 MiB), preallocated by
 * paging_init() like every other kernel page table. A bitmap says which
 * pages are in use; run_len[] remembers how long each allocation starting
 * at a page is, so iounmap() needs only the address.
 */
#include <asm/ioremap.h>
#include <asm/pgtable.h>
#include <tlbflush.h>
#include <spinlock.h>
#include <kernel.h>

#define WINDOW_PAGES	((IOREMAP_END - IOREMAP_START) >> PAGE_SHIFT)

static DEFINE_SPINLOCK(window_lock);
static u32 window_used[WINDOW_PAGES / 32];	/* bit set: page reserved */
static u16 run_len[WINDOW_PAGES];		/* pages, at a run's start */

static bool page_used(unsigned int i)
{
	return window_used[i / 32] & (1u << (i % 32));
}

static void mark_run(unsigned int first, unsigned int n, bool used)
{
	for (unsigned int i = first; i < first + n; i++) {
		if (used)
			window_used[i / 32] |= 1u << (i % 32);
		else
			window_used[i / 32] &= ~(1u << (i % 32));
	}
	run_len[first] = used ? n : 0;
}

unsigned long kva_alloc_pages(unsigned int npages)
{
	unsigned long flags, va = 0;
	unsigned int run = 0;

	if (!npages || npages > WINDOW_PAGES)
		return 0;
	spin_lock_irqsave(&window_lock, flags);
	for (unsigned int i = 0; i < WINDOW_PAGES; i++) {
		run = page_used(i) ? 0 : run + 1;
		if (run == npages) {
			mark_run(i + 1 - npages, npages, true);
			va = IOREMAP_START + ((i + 1 - npages) << PAGE_SHIFT);
			break;
		}
	}
	spin_unlock_irqrestore(&window_lock, flags);
	return va;
}

void kva_free_pages(unsigned long va, unsigned int npages)
{
	unsigned int first = (va - IOREMAP_START) >> PAGE_SHIFT;
	unsigned long flags;

	BUG_ON(va < IOREMAP_START || va + npages * PAGE_SIZE > IOREMAP_END ||
	       !IS_ALIGNED(va, PAGE_SIZE));
	spin_lock_irqsave(&window_lock, flags);
	if (run_len[first] != npages)
		panic("ioremap: freeing %u pages at %#lx, but %u were reserved "
		      "there", npages, va, run_len[first]);
	mark_run(first, npages, false);
	spin_unlock_irqrestore(&window_lock, flags);
}

static void *ioremap_prot(phys_addr_t phys, size_t size, u32 prot)
{
	phys_addr_t base = phys & PAGE_MASK;
	unsigned int npages;
	unsigned long va;

	if (!size || phys + size - 1 < phys)
		return NULL;
	npages = PFN_UP(phys + size - base);
	va = kva_alloc_pages(npages);
	if (!va)
		return NULL;
	/* The window's page table exists, so map_page() cannot fail; the
	 * pages were unmapped and flushed when last freed. */
	for (unsigned int i = 0; i < npages; i++)
		BUG_ON(map_page(kernel_directory, va + i * PAGE_SIZE,
				base + i * PAGE_SIZE, prot));
	return (void *)(va + (phys - base));
}

void *ioremap(phys_addr_t phys, size_t size)
{
	return ioremap_prot(phys, size, PAGE_KERNEL_NOCACHE);
}

void *ioremap_cache(phys_addr_t phys, size_t size)
{
	return ioremap_prot(phys, size, PAGE_KERNEL);
}

void iounmap(void *addr)
{
	unsigned long va = (unsigned long)addr & PAGE_MASK;
	unsigned int first, npages;

	BUG_ON(va < IOREMAP_START || va >= IOREMAP_END);
	first = (va - IOREMAP_START) >> PAGE_SHIFT;
	npages = READ_ONCE(run_len[first]);
	BUG_ON(!npages);
	for (unsigned int i = 0; i < npages; i++)
		unmap_page(kernel_directory, va + i * PAGE_SIZE);
	/* Every CPU must forget the old translation before the virtual
	 * pages can be handed to someone else. */
	flush_tlb_kernel_range(va, va + npages * PAGE_SIZE);
	kva_free_pages(va, npages);
}
