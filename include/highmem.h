/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Temporary and persistent kernel mappings of highmem pages (mm/highmem.c).
 * Documentation/mm/highmem.md explains which to use when.
 */
#ifndef _HIGHMEM_H
#define _HIGHMEM_H

#include <mm.h>

/* Install the kmap area's page tables; before any process directory. */
void highmem_init(void);

/* Zero a page wherever it lives. */
void clear_highpage(struct page *page);

#endif
