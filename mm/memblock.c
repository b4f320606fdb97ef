// SPDX-License-Identifier: GPL-2.0
/*
 * Boot-time physical memory bookkeeping (see include/memblock.h). Region
 * lists are kept sorted and merged; early allocation searches upward for
 * a gap in the reservations below the allocation limit.
 */
#include <memblock.h>
#include <memlayout.h>
#include <kernel.h>
#include <string.h>

struct memblock_type memblock_memory, memblock_reserved;
static phys_addr_t alloc_limit = 16 * MiB;
static bool retired;

/* Insert [base, base+size) keeping the list sorted, merging overlaps. */
static void region_add(struct memblock_type *t, u64 base, u64 size)
{
	u64 end = base + size;
	unsigned int i, j;

	if (!size)
		return;
	for (i = 0; i < t->cnt; i++) {
		struct memblock_region *r = &t->regions[i];

		if (end < r->base)
			break;
		if (base <= r->base + r->size) {
			/* Overlaps or touches: grow r, then absorb followers. */
			u64 new_end = max(end, r->base + r->size);

			r->base = min(base, r->base);
			r->size = new_end - r->base;
			for (j = i + 1; j < t->cnt &&
			     t->regions[j].base <= r->base + r->size; j++)
				r->size = max(r->base + r->size,
					      t->regions[j].base +
					      t->regions[j].size) - r->base;
			memmove(&t->regions[i + 1], &t->regions[j],
				(t->cnt - j) * sizeof(*r));
			t->cnt -= j - i - 1;
			return;
		}
	}
	if (t->cnt == MEMBLOCK_MAX_REGIONS)
		panic("memblock: more than %d regions", MEMBLOCK_MAX_REGIONS);
	memmove(&t->regions[i + 1], &t->regions[i],
		(t->cnt - i) * sizeof(t->regions[0]));
	t->regions[i].base = base;
	t->regions[i].size = size;
	t->cnt++;
}

void memblock_add(u64 base, u64 size)
{
	region_add(&memblock_memory, base, size);
}

void memblock_reserve(u64 base, u64 size)
{
	region_add(&memblock_reserved, base, size);
}

bool memblock_is_reserved(u64 addr)
{
	for (unsigned int i = 0; i < memblock_reserved.cnt; i++) {
		struct memblock_region *r = &memblock_reserved.regions[i];

		if (addr >= r->base && addr < r->base + r->size)
			return true;
	}
	return false;
}

void memblock_set_alloc_limit(phys_addr_t limit)
{
	alloc_limit = limit;
}

/* First reservation ending above `addr` that starts before `end`, or NULL. */
static struct memblock_region *first_conflict(u64 addr, u64 end)
{
	for (unsigned int i = 0; i < memblock_reserved.cnt; i++) {
		struct memblock_region *r = &memblock_reserved.regions[i];

		if (r->base < end && r->base + r->size > addr)
			return r;
	}
	return NULL;
}

void *memblock_alloc(size_t size, size_t align)
{
	BUG_ON(retired);
	size = ALIGN(size, PAGE_SIZE);
	for (unsigned int i = 0; i < memblock_memory.cnt; i++) {
		struct memblock_region *m = &memblock_memory.regions[i];
		u64 addr = ALIGN(m->base, (u64)align);
		u64 end = min(m->base + m->size, (u64)alloc_limit);

		while (addr + size <= end) {
			struct memblock_region *r =
				first_conflict(addr, addr + size);

			if (!r) {
				memblock_reserve(addr, size);
				memset(__va(addr), 0, size);
				return __va(addr);
			}
			addr = ALIGN(r->base + r->size, (u64)align);
		}
	}
	panic("memblock: out of boot memory allocating %u bytes", size);
}

phys_addr_t memblock_end_of_ram(void)
{
	struct memblock_type *t = &memblock_memory;
	u64 end;

	if (!t->cnt)
		return 0;
	end = t->regions[t->cnt - 1].base + t->regions[t->cnt - 1].size;
	return end > 0xFFFFF000ULL ? 0xFFFFF000UL : (phys_addr_t)end;
}

void memblock_retire(void)
{
	retired = true;
}
