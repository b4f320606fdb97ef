/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Physical memory: struct page, zones and the buddy page allocator.
 *
 * Every page frame below the end of RAM has a struct page in mem_map[].
 * Frames below the lowmem limit form ZONE_NORMAL and are permanently
 * mapped at PAGE_OFFSET + phys (page_address() works on them). Frames
 * above it form ZONE_HIGHMEM and have no permanent kernel address: reach
 * them through kmap (include/highmem.h).
 */
#ifndef _MM_H
#define _MM_H

#include <types.h>
#include <list.h>
#include <gfp.h>
#include <atomic.h>
#include <spinlock.h>
#include <memlayout.h>

#define MAX_ORDER	11	/* blocks of 2^0 .. 2^10 pages (4 KiB .. 4 MiB) */

enum zone_type {
	ZONE_NORMAL,
	ZONE_HIGHMEM,
	MAX_NR_ZONES
};

/* page->flags bits */
#define PG_reserved	0	/* never handed to the allocator */
#define PG_buddy	1	/* free, heads a block of order page->private */
#define PG_slab		2	/* owned by kmalloc */
#define PG_highmem	3	/* in ZONE_HIGHMEM */

struct address_space;

struct page {
	unsigned long flags;
	atomic_t refcount;
	union {
		unsigned int private;	/* buddy order, or owner's data */
		unsigned long index;	/* page cache: page number in file */
	};
	struct list_head lru;		/* free list, or owner's list */
	union {
		void *freelist;		/* kmalloc: free objects in page */
		/* Page cache: the file's (mm/filemap.c); NULL otherwise. */
		struct address_space *mapping;
	};
};

struct free_area {
	struct list_head free_list;
	unsigned long nr_free;
};

struct zone {
	const char *name;
	spinlock_t lock;
	unsigned long start_pfn, end_pfn;	/* span [start, end) */
	unsigned long managed_pages;	/* pages given to the allocator */
	unsigned long free_pages;
	struct free_area free_area[MAX_ORDER];
};

extern struct page *mem_map;
extern unsigned long max_pfn;		/* first pfn past the end of RAM */
extern unsigned long max_low_pfn;	/* first pfn of highmem */
extern struct zone zones[MAX_NR_ZONES];

static inline bool PageTest(const struct page *p, int bit)
{
	return p->flags & (1UL << bit);
}
#define PageReserved(p)	PageTest(p, PG_reserved)
#define PageBuddy(p)	PageTest(p, PG_buddy)
#define PageHighMem(p)	PageTest(p, PG_highmem)

static inline unsigned long page_to_pfn(const struct page *p)
{
	return p - mem_map;
}

static inline struct page *pfn_to_page(unsigned long pfn)
{
	return mem_map + pfn;
}

static inline phys_addr_t page_to_phys(const struct page *p)
{
	return PFN_PHYS(page_to_pfn(p));
}

static inline struct page *phys_to_page(phys_addr_t pa)
{
	return pfn_to_page(pa >> PAGE_SHIFT);
}

static inline bool pfn_valid(unsigned long pfn)
{
	return pfn < max_pfn;
}

/* Lowmem only: the page's permanent kernel address. */
static inline void *lowmem_page_address(const struct page *p)
{
	return __va(page_to_phys(p));
}

/* Kernel address of a page: the direct map for lowmem; for highmem the
 * persistent kmap address if it has one, else NULL (mm/highmem.c). */
void *page_address(const struct page *p);

static inline struct page *virt_to_page(const void *addr)
{
	return phys_to_page(__pa(addr));
}

static inline struct zone *page_zone(const struct page *p)
{
	return &zones[PageHighMem(p) ? ZONE_HIGHMEM : ZONE_NORMAL];
}

/* Set up mem_map and the zones, and free all unreserved RAM into them. */
void page_alloc_init(void);

struct page *alloc_pages(gfp_t gfp, unsigned int order);
#define alloc_page(gfp)	alloc_pages(gfp, 0)
void __free_pages(struct page *page, unsigned int order);
#define __free_page(page)	__free_pages(page, 0)

/*
 * References to a user page (order 0). alloc_page() hands it out with one,
 * the mapping's; whoever uses the frame with the owner's lock dropped (a
 * copy to or from user memory, mm/uaccess.c) takes another, so that a
 * concurrent munmap cannot free the frame under it. The last put frees.
 */
static inline void get_page(struct page *page)
{
	atomic_inc(&page->refcount);
}

static inline void put_page(struct page *page)
{
	if (atomic_dec_and_test(&page->refcount))
		__free_page(page);
}

/* Lowmem pages by kernel address. */
void *__get_free_pages(gfp_t gfp, unsigned int order);
#define __get_free_page(gfp)	__get_free_pages(gfp, 0)
void *get_zeroed_page(void);
void free_pages(void *addr, unsigned int order);
#define free_page(addr)	free_pages(addr, 0)

unsigned long nr_free_pages(void);
unsigned long zone_free_pages(enum zone_type z);

/* Print the zones and their sizes (boot log). */
void show_zones(void);

/* Small kernel objects (mm/slab.c): power-of-two classes from lowmem. */
void *kmalloc(size_t size, gfp_t gfp);
void *kzalloc(size_t size, gfp_t gfp);
void kfree(const void *ptr);

#endif
