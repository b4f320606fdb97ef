// SPDX-License-Identifier: GPL-2.0
/*
 * Highmem: temporary mappings for pages without a permanent kernel
 * address.
 *
 * INTERIM (foundation stage): only lowmem pages are supported, through the
 * direct map; any highmem page panics. The per-CPU kmap design replaces
 * this file.
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

void *kmap_local_page(struct page *page)
{
	if (PageHighMem(page))
		panic("highmem: kmap of highmem pfn %#lx not implemented yet",
		      page_to_pfn(page));
	return lowmem_page_address(page);
}

void kunmap_local(const void *addr)
{
}

void *kmap_atomic(struct page *page)
{
	return kmap_local_page(page);
}

void kunmap_atomic(const void *addr)
{
}

void *kmap(struct page *page)
{
	return kmap_local_page(page);
}

void kunmap(struct page *page)
{
}

void memcpy_to_page(struct page *page, size_t offset, const void *from,
		    size_t len)
{
	memcpy((char *)kmap_local_page(page) + offset, from, len);
}

void memcpy_from_page(void *to, struct page *page, size_t offset, size_t len)
{
	memcpy(to, (char *)kmap_local_page(page) + offset, len);
}

void memset_page(struct page *page, size_t offset, int val, size_t len)
{
	memset((char *)kmap_local_page(page) + offset, val, len);
}

void clear_highpage(struct page *page)
{
	memset_page(page, 0, 0, PAGE_SIZE);
}

void copy_highpage(struct page *to, struct page *from)
{
	memcpy(kmap_local_page(to), kmap_local_page(from), PAGE_SIZE);
}

void kmap_local_assert_none_held(const char *where)
{
}
