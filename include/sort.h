/* SPDX-License-Identifier: GPL-2.0 */
/*
 * In-place sorting of arrays (kernel/sort.c), as Linux's lib/sort.c:
 * heapsort, O(n log n) in the worst case, no recursion, no allocation,
 * not stable.
 */
#ifndef _SORT_H
#define _SORT_H

#include <types.h>

/*
 * Sort `num` elements of `size` bytes at `base` into ascending order of
 * cmp(a, b) (negative, zero or positive, as for strcmp()).
 */
void sort(void *base, size_t num, size_t size,
	  int (*cmp)(const void *a, const void *b));

/* Comparators for the common element types. */
int cmp_u32(const void *a, const void *b);
int cmp_u64(const void *a, const void *b);
int cmp_ulong(const void *a, const void *b);

#endif
