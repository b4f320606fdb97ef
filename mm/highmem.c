// SPDX-License-Identifier: GPL-2.0
/*
 * Highmem: temporary mappings for pages without a permanent kernel
 * address.
 *
 * FOUNDATION STAGE: only lowmem is handled here; kmap for highmem frames
 * arrives with the highmem subsystem (issue "mm/highmem.c").
 */
#include <highmem.h>
#include <kernel.h>
#include <string.h>

void highmem_init(void)
{
}

void *page_address(const struct page *page)
{
	return PageHighMem(page) ? NULL : lowmem_page_address(page);
}

void clear_highpage(struct page *page)
{
	BUG_ON(PageHighMem(page));
	memset(lowmem_page_address(page), 0, PAGE_SIZE);
}
