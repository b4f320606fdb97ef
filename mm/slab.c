// SPDX-License-Identifier: GPL-2.0
/*
 * kmalloc: small kernel objects carved out of lowmem pages.
 *
 * Requests up to KMALLOC_MAX_SMALL bytes are rounded up to a power of two
 * (16 .. 2048) and served from that size class. A class owns "slab" pages;
 * each slab page is cut into equal objects and keeps its own list of free
 * objects, so freeing never has to search:
 *
 *	struct page (PG_slab)          the lowmem page itself
 *	  private  = class index       +--------+--------+--------+----
 *	  refcount = objects in use    | in use | free --+-> free-+-> NULL
 *	  freelist ------------------->+--------+--------+--------+----
 *	  lru      = on the class's
 *	             partial list while some, not all, objects are free
 *
 * A free object holds the next free object's address in its first word
 * and a marker in its second, which lets kfree() catch most double frees
 * cheaply. A slab page whose objects are all free goes straight back to
 * the buddy allocator: the free-page count after kfree() is exactly what
 * it was before the matching kmalloc() calls, which tests rely on.
 *
 * Larger requests get a whole block of 2^order pages; its head page has
 * PG_slab with SLAB_LARGE | order in page->private.
 *
 * Each class has its own spinlock, taken with interrupts off so kmalloc
 * works from interrupt handlers. The buddy allocator is never called with
 * a class lock held.
 */
#include <mm.h>
#include <kernel.h>
#include <string.h>

#define KMALLOC_MIN_SHIFT	4			/* 16 bytes */
#define KMALLOC_MAX_SHIFT	11			/* 2048 bytes */
#define KMALLOC_MAX_SMALL	(1u << KMALLOC_MAX_SHIFT)
#define NR_KMALLOC_CLASSES	(KMALLOC_MAX_SHIFT - KMALLOC_MIN_SHIFT + 1)

/* page->private of the head page of a multi-page kmalloc block. */
#define SLAB_LARGE		0x100u
#define SLAB_ORDER_MASK		0xffu

/* kmalloc(0) returns this: not NULL (no failure), faults when used. */
#define ZERO_SIZE_PTR		((void *)16)

/* Second word of a free object: its own address scrambled with this. */
#define SLAB_FREE_MARK		0x5a1bf4eeUL

struct kmalloc_class {
	spinlock_t lock;
	unsigned int size;
	struct list_head partial;	/* slabs with free and used objects */
};

static struct kmalloc_class kmalloc_classes[NR_KMALLOC_CLASSES] = {
#define KMALLOC_CLASS(i) [i] = {					\
		.lock = __SPIN_LOCK_UNLOCKED(kmalloc_class_##i),	\
		.size = 1u << (KMALLOC_MIN_SHIFT + i),			\
		.partial = LIST_HEAD_INIT(kmalloc_classes[i].partial),	\
	}
	KMALLOC_CLASS(0), KMALLOC_CLASS(1), KMALLOC_CLASS(2),
	KMALLOC_CLASS(3), KMALLOC_CLASS(4), KMALLOC_CLASS(5),
	KMALLOC_CLASS(6), KMALLOC_CLASS(7),
#undef KMALLOC_CLASS
};

struct free_object {
	struct free_object *next;
	unsigned long mark;
};

static inline unsigned long free_mark(const void *obj)
{
	return (unsigned long)obj ^ SLAB_FREE_MARK;
}

/* Index of the smallest class that holds `size` bytes (size >= 1). */
static unsigned int size_to_class(size_t size)
{
	unsigned int shift = KMALLOC_MIN_SHIFT;

	while ((1u << shift) < size)
		shift++;
	return shift - KMALLOC_MIN_SHIFT;
}

static unsigned int size_to_order(size_t size)
{
	unsigned int order = 0;

	while ((PAGE_SIZE << order) < size)
		order++;
	return order;
}

static void set_page_slab(struct page *page)
{
	page->flags |= 1UL << PG_slab;
}

static void clear_page_slab(struct page *page)
{
	page->flags &= ~(1UL << PG_slab);
	page->private = 0;
	page->freelist = NULL;
}

/* Cut a fresh page into free objects of the class's size. */
static void slab_page_init(struct page *page, unsigned int class)
{
	unsigned int size = kmalloc_classes[class].size;
	char *base = lowmem_page_address(page);
	struct free_object *prev = NULL;

	/* Chain back to front so the first allocation is the lowest address. */
	for (unsigned int off = PAGE_SIZE; off >= size; off -= size) {
		struct free_object *obj = (void *)(base + off - size);

		obj->next = prev;
		obj->mark = free_mark(obj);
		prev = obj;
	}
	set_page_slab(page);
	page->private = class;
	page->freelist = prev;
	atomic_set(&page->refcount, 0);
}

/* Take one object from a partial slab of the class; NULL if none. */
static void *take_object(struct kmalloc_class *c)
{
	struct free_object *obj;
	struct page *page;

	if (list_empty(&c->partial))
		return NULL;
	page = list_first_entry(&c->partial, struct page, lru);
	obj = page->freelist;
	page->freelist = obj->next;
	atomic_inc(&page->refcount);
	if (!page->freelist)
		list_del_init(&page->lru);	/* full: off the partial list */
	obj->next = NULL;
	obj->mark = 0;
	return obj;
}

static void *kmalloc_small(size_t size, gfp_t gfp)
{
	unsigned int class = size_to_class(size);
	struct kmalloc_class *c = &kmalloc_classes[class];
	unsigned long flags;
	struct page *page;
	void *obj;

	spin_lock_irqsave(&c->lock, flags);
	obj = take_object(c);
	spin_unlock_irqrestore(&c->lock, flags);
	if (!obj) {
		/* Grow the class without holding its lock. */
		page = alloc_pages(gfp & ~(__GFP_HIGHMEM | __GFP_ZERO), 0);
		if (!page)
			return NULL;
		slab_page_init(page, class);
		spin_lock_irqsave(&c->lock, flags);
		list_add(&page->lru, &c->partial);
		obj = take_object(c);
		spin_unlock_irqrestore(&c->lock, flags);
	}
	if (gfp & __GFP_ZERO)
		memset(obj, 0, c->size);
	return obj;
}

static void *kmalloc_large(size_t size, gfp_t gfp)
{
	unsigned int order;
	struct page *page;

	if (size > PAGE_SIZE << (MAX_ORDER - 1)) {
		if (!(gfp & __GFP_NOWARN))
			pr_warn("kmalloc: %zu bytes is more than the largest "
				"block\n", size);
		return NULL;
	}
	order = size_to_order(size);
	page = alloc_pages(gfp & ~__GFP_HIGHMEM, order);
	if (!page)
		return NULL;
	set_page_slab(page);
	page->private = SLAB_LARGE | order;
	return lowmem_page_address(page);
}

void *kmalloc(size_t size, gfp_t gfp)
{
	if (!size)
		return ZERO_SIZE_PTR;
	if (size <= KMALLOC_MAX_SMALL)
		return kmalloc_small(size, gfp);
	return kmalloc_large(size, gfp);
}

void *kzalloc(size_t size, gfp_t gfp)
{
	return kmalloc(size, gfp | __GFP_ZERO);
}

/* Is obj on its slab page's free list? Called with the class lock held. */
static bool object_is_free(struct page *page, const void *obj)
{
	const struct free_object *f = obj;

	if (f->mark != free_mark(obj))
		return false;	/* an object in use: the cheap common case */
	for (f = page->freelist; f; f = f->next)
		if (f == obj)
			return true;
	return false;
}

static void kfree_small(struct page *page, void *ptr)
{
	struct kmalloc_class *c = &kmalloc_classes[page->private];
	struct free_object *obj = ptr;
	unsigned long flags;
	bool was_full, now_empty;

	if ((unsigned long)ptr & (c->size - 1))
		panic("kfree: %p is not the start of a %u-byte kmalloc object",
		      ptr, c->size);
	spin_lock_irqsave(&c->lock, flags);
	if (object_is_free(page, ptr)) {
		/* Drop the lock first: a test may catch this panic. */
		spin_unlock_irqrestore(&c->lock, flags);
		panic("kfree: double free of %u-byte object %p", c->size, ptr);
	}
	was_full = !page->freelist;
	obj->next = page->freelist;
	obj->mark = free_mark(obj);
	page->freelist = obj;
	now_empty = atomic_dec_and_test(&page->refcount);
	if (now_empty) {
		if (!was_full)
			list_del(&page->lru);
	} else if (was_full) {
		list_add(&page->lru, &c->partial);
	}
	spin_unlock_irqrestore(&c->lock, flags);

	if (now_empty) {
		clear_page_slab(page);
		__free_page(page);
	}
}

static void kfree_large(struct page *page, const void *ptr)
{
	unsigned int order = page->private & SLAB_ORDER_MASK;

	if ((unsigned long)ptr & ~PAGE_MASK)
		panic("kfree: %p is inside a %lu-page kmalloc block", ptr,
		      1UL << order);
	clear_page_slab(page);
	__free_pages(page, order);
}

void kfree(const void *ptr)
{
	unsigned long addr = (unsigned long)ptr;
	struct page *page;

	if (!ptr || ptr == ZERO_SIZE_PTR)
		return;
	if (addr < PAGE_OFFSET || __pa(addr) >= PFN_PHYS(max_low_pfn))
		panic("kfree: %p is not a lowmem address, so not from kmalloc",
		      ptr);
	page = virt_to_page(ptr);
	if (!PageTest(page, PG_slab))
		panic("kfree: %p (pfn %#lx) was not allocated by kmalloc",
		      ptr, page_to_pfn(page));
	if (page->private & SLAB_LARGE)
		kfree_large(page, ptr);
	else
		kfree_small(page, (void *)ptr);
}
