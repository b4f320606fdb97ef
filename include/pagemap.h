/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The page cache (mm/filemap.c): the pages of a file's data, indexed by
 * page number in the inode's address_space (a radix tree under
 * mapping->lock). tmpfs keeps its files only here; pages come from
 * highmem first (GFP_HIGHUSER) and the kernel reaches them through
 * kmap_local_page() for each copy. A page in the cache holds one
 * reference for the cache; lookups hand out another.
 */
#ifndef _PAGEMAP_H
#define _PAGEMAP_H

#include <types.h>
#include <fs.h>
#include <gfp.h>

struct page;

#define PAGE_CACHE_INDEX(pos)	((unsigned long)((pos) >> PAGE_SHIFT))

void address_space_init(struct address_space *mapping, struct inode *host);

/* The page at index with a reference, or NULL. */
struct page *find_get_page(struct address_space *mapping,
			   unsigned long index);
/*
 * The page at index, made (zeroed, gfp) if missing: with a reference,
 * or NULL without memory. *created says whether it was new.
 */
struct page *find_or_create_page(struct address_space *mapping,
				 unsigned long index, gfp_t gfp,
				 bool *created);
/*
 * Remove every page wholly at or after byte `start` and zero the tail
 * of the page that holds it; returns the number of pages freed.
 */
unsigned long truncate_inode_pages(struct address_space *mapping,
				   loff_t start);
/* Remove the pages wholly inside [start, end) (a punched hole). */
unsigned long truncate_inode_pages_range(struct address_space *mapping,
					 loff_t start, loff_t end);
/* The first index >= index with (data) or without (!data) a page. */
unsigned long page_cache_next(struct address_space *mapping,
			      unsigned long index, bool data);

/* read_iter for a file whose data is all in the cache (holes: zeros). */
ssize_t generic_file_read_iter(struct kiocb *iocb, struct iov_iter *to);

#endif
