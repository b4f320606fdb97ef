// SPDX-License-Identifier: GPL-2.0
/*
 * The buddy page allocator. Each zone keeps a free list per order; a free
 * block of 2^order pages starts at a pfn aligned to 2^order, and its head
 * page carries PG_buddy with the order in page->private. Freeing merges a
 * block with its buddy (pfn ^ 2^order) while that buddy is free and of the
 * same order; allocation splits the smallest large-enough block. Both are
 * O(MAX_ORDER), never a scan over memory.
 */
#include <mm.h>
#include <memblock.h>
#include <kernel.h>
#include <string.h>
#include <highmem.h>

struct page *mem_map;
unsigned long max_pfn, max_low_pfn;
struct zone zones[MAX_NR_ZONES] = {
	[ZONE_NORMAL] = { .name = "Normal" },
	[ZONE_HIGHMEM] = { .name = "HighMem" },
};

static void set_buddy(struct page *p, unsigned int order)
{
	p->flags |= 1UL << PG_buddy;
	p->private = order;
}

static void clear_buddy(struct page *p)
{
	p->flags &= ~(1UL << PG_buddy);
	p->private = 0;
}

/* Put a block on its zone's lists, merging with free buddies. */
static void free_one_block(struct zone *z, unsigned long pfn,
			   unsigned int order)
{
	while (order < MAX_ORDER - 1) {
		unsigned long buddy_pfn = pfn ^ (1UL << order);
		struct page *buddy = pfn_to_page(buddy_pfn);

		if (buddy_pfn < z->start_pfn || buddy_pfn >= z->end_pfn ||
		    !PageBuddy(buddy) || buddy->private != order)
			break;
		list_del(&buddy->lru);
		z->free_area[order].nr_free--;
		clear_buddy(buddy);
		pfn &= ~(1UL << order);
		order++;
	}
	set_buddy(pfn_to_page(pfn), order);
	list_add(&pfn_to_page(pfn)->lru, &z->free_area[order].free_list);
	z->free_area[order].nr_free++;
}

static struct page *alloc_from_zone(struct zone *z, unsigned int order)
{
	unsigned long flags;
	struct page *page = NULL;
	unsigned int o;

	spin_lock_irqsave(&z->lock, flags);
	for (o = order; o < MAX_ORDER; o++) {
		if (!list_empty(&z->free_area[o].free_list))
			break;
	}
	if (o < MAX_ORDER) {
		page = list_first_entry(&z->free_area[o].free_list,
					struct page, lru);
		list_del(&page->lru);
		z->free_area[o].nr_free--;
		clear_buddy(page);
		/* Give back the upper halves until the block fits. */
		while (o > order) {
			o--;
			set_buddy(page + (1UL << o), o);
			list_add(&page[1UL << o].lru, &z->free_area[o].free_list);
			z->free_area[o].nr_free++;
		}
		z->free_pages -= 1UL << order;
	}
	spin_unlock_irqrestore(&z->lock, flags);
	return page;
}

static void prep_new_pages(struct page *page, unsigned int order, gfp_t gfp)
{
	atomic_set(&page->refcount, 1);
	page->mapping = NULL;	/* a former slab page left its freelist */
	if (!(gfp & __GFP_ZERO))
		return;
	for (unsigned long i = 0; i < (1UL << order); i++)
		clear_highpage(page + i);
}

struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = NULL;

	if (order >= MAX_ORDER)
		return NULL;
	if (gfp & __GFP_HIGHMEM)
		page = alloc_from_zone(&zones[ZONE_HIGHMEM], order);
	if (!page)
		page = alloc_from_zone(&zones[ZONE_NORMAL], order);
	if (!page) {
		if (!(gfp & __GFP_NOWARN))
			pr_warn("page allocation failure: order %u, gfp %#x\n",
				order, gfp);
		return NULL;
	}
	prep_new_pages(page, order, gfp);
	return page;
}

void __free_pages(struct page *page, unsigned int order)
{
	struct zone *z = page_zone(page);
	unsigned long flags;

	if (PageReserved(page) || PageBuddy(page))
		panic("page_alloc: freeing %s page pfn %#lx (order %u)",
		      PageBuddy(page) ? "an already free" : "a reserved",
		      page_to_pfn(page), order);
	BUG_ON(page_to_pfn(page) & ((1UL << order) - 1));
	atomic_set(&page->refcount, 0);
	spin_lock_irqsave(&z->lock, flags);
	free_one_block(z, page_to_pfn(page), order);
	z->free_pages += 1UL << order;
	spin_unlock_irqrestore(&z->lock, flags);
}

void *__get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp & ~__GFP_HIGHMEM, order);

	return page ? lowmem_page_address(page) : NULL;
}

void *get_zeroed_page(void)
{
	return __get_free_pages(GFP_KERNEL | __GFP_ZERO, 0);
}

void free_pages(void *addr, unsigned int order)
{
	if (addr)
		__free_pages(virt_to_page(addr), order);
}

unsigned long zone_free_pages(enum zone_type z)
{
	return READ_ONCE(zones[z].free_pages);
}

unsigned long nr_free_pages(void)
{
	return zone_free_pages(ZONE_NORMAL) + zone_free_pages(ZONE_HIGHMEM);
}

/* Free [start, end) into its zone in the largest aligned blocks. */
static void free_range(unsigned long start, unsigned long end)
{
	while (start < end) {
		struct zone *z = &zones[start < max_low_pfn ? ZONE_NORMAL
							    : ZONE_HIGHMEM];
		unsigned long limit = min(end, z->end_pfn);
		unsigned int order = 0;

		while (order < MAX_ORDER - 1 &&
		       !(start & ((2UL << order) - 1)) &&
		       start + (2UL << order) <= limit)
			order++;
		for (unsigned long i = 0; i < (1UL << order); i++)
			pfn_to_page(start + i)->flags &= ~(1UL << PG_reserved);
		free_one_block(z, start, order);
		z->free_pages += 1UL << order;
		z->managed_pages += 1UL << order;
		start += 1UL << order;
	}
}

/* Free the part of [start, end) not covered by any memblock reservation. */
static void free_unreserved(unsigned long start, unsigned long end)
{
	for (unsigned int i = 0; i < memblock_reserved.cnt && start < end; i++) {
		struct memblock_region *r = &memblock_reserved.regions[i];
		unsigned long rs = PFN_DOWN(r->base);
		unsigned long re = r->base + r->size >= (u64)max_pfn << PAGE_SHIFT
				   ? max_pfn : PFN_UP(r->base + r->size);

		if (re <= start || rs >= end)
			continue;
		if (rs > start)
			free_range(start, rs);
		start = max(start, re);
	}
	if (start < end)
		free_range(start, end);
}

void page_alloc_init(void)
{
	size_t map_size;

	max_pfn = PFN_DOWN(memblock_end_of_ram());
	if (max_low_pfn > max_pfn)
		max_low_pfn = max_pfn;
	map_size = max_pfn * sizeof(struct page);
	mem_map = memblock_alloc(map_size, PAGE_SIZE);
	for (unsigned long pfn = 0; pfn < max_pfn; pfn++) {
		mem_map[pfn].flags = 1UL << PG_reserved;
		if (pfn >= max_low_pfn)
			mem_map[pfn].flags |= 1UL << PG_highmem;
	}
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		spin_lock_init(&zones[z].lock, zones[z].name);
		for (int o = 0; o < MAX_ORDER; o++)
			INIT_LIST_HEAD(&zones[z].free_area[o].free_list);
	}
	zones[ZONE_NORMAL].start_pfn = 0;
	zones[ZONE_NORMAL].end_pfn = max_low_pfn;
	zones[ZONE_HIGHMEM].start_pfn = max_low_pfn;
	zones[ZONE_HIGHMEM].end_pfn = max_pfn;

	/* From here on, boot memory belongs to the buddy allocator. */
	memblock_retire();
	for (unsigned int i = 0; i < memblock_memory.cnt; i++) {
		struct memblock_region *m = &memblock_memory.regions[i];
		unsigned long start = PFN_UP(m->base);
		unsigned long end = min((unsigned long)PFN_DOWN(min(m->base + m->size,
							(u64)0xFFFFF000ULL)),
					max_pfn);

		free_unreserved(start, end);
	}
	pr_info("mm: mem_map %u KiB for %lu pages (%u bytes each)\n",
		map_size / 1024, max_pfn, sizeof(struct page));
}

void show_zones(void)
{
	for (int i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *z = &zones[i];

		if (z->end_pfn <= z->start_pfn) {
			pr_info("  %-8s empty\n", z->name);
			continue;
		}
		pr_info("  %-8s [mem 0x%08llx-0x%08llx] %lu pages (%lu MiB) managed, %lu free\n",
			z->name, (u64)z->start_pfn << PAGE_SHIFT,
			((u64)z->end_pfn << PAGE_SHIFT) - 1,
			z->managed_pages, z->managed_pages >> 8,
			z->free_pages);
	}
}
