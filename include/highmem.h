/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel mappings of pages that may be in highmem (mm/highmem.c).
 * Documentation/mm/highmem.md explains which to use when.
 *
 * kmap_local_page()/kunmap_local(): short-lived, per-CPU slots, no lock
 *   and no IPI. Unmap in reverse order; the caller stays on this CPU
 *   (preemption disabled) until the matching kunmap_local().
 * kmap_atomic()/kunmap_atomic(): the same slots, usable from interrupt
 *   context (nests above the interrupted code's slots).
 * kmap()/kunmap(): long-lived, from the persistent pool; may sleep (wait)
 *   for a free entry; the address is valid on every CPU.
 */
#ifndef _HIGHMEM_H
#define _HIGHMEM_H

#include <mm.h>

/* Install the kmap area's page tables; before any process directory. */
void highmem_init(void);

void *kmap_local_page(struct page *page);
void kunmap_local(const void *addr);
void *kmap_atomic(struct page *page);
void kunmap_atomic(const void *addr);
void *kmap(struct page *page);
void kunmap(struct page *page);

/* Helpers that map, copy and unmap. offset + len must stay in the page. */
void memcpy_to_page(struct page *page, size_t offset, const void *from,
		    size_t len);
void memcpy_from_page(void *to, struct page *page, size_t offset,
		      size_t len);
void memset_page(struct page *page, size_t offset, int val, size_t len);
void clear_highpage(struct page *page);
void copy_highpage(struct page *to, struct page *from);

/*
 * Debug check: panic if this CPU still holds a kmap_local slot. Called at
 * return to user space and at a context switch; `where` names the caller.
 */
void kmap_local_assert_none_held(const char *where);

#endif
