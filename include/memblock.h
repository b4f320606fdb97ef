/* SPDX-License-Identifier: GPL-2.0 */
/*
 * memblock: the boot-time view of physical memory. Lists the RAM ranges
 * from the firmware memory map and the ranges reserved in them (kernel
 * image, Multiboot data, BIOS areas, the SMP trampoline page), and hands
 * out early allocations before the page allocator exists. After
 * page_alloc_init() gives the free ranges to the buddy allocator, memblock
 * is retired.
 */
#ifndef _MEMBLOCK_H
#define _MEMBLOCK_H

#include <types.h>

#define MEMBLOCK_MAX_REGIONS	64

struct memblock_region {
	u64 base;
	u64 size;
};

struct memblock_type {
	unsigned int cnt;
	struct memblock_region regions[MEMBLOCK_MAX_REGIONS];
};

extern struct memblock_type memblock_memory, memblock_reserved;

void memblock_add(u64 base, u64 size);
void memblock_reserve(u64 base, u64 size);
bool memblock_is_reserved(u64 addr);
/* Highest limit early allocations may reach (must be direct-mapped). */
void memblock_set_alloc_limit(phys_addr_t limit);
/* Zeroed, physically contiguous boot memory; panics when none is left. */
void *memblock_alloc(size_t size, size_t align);
phys_addr_t memblock_end_of_ram(void);
/* No early allocation may happen after this. */
void memblock_retire(void);

#endif
