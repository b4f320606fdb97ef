// SPDX-License-Identifier: GPL-2.0
/*
 * Heapsort (include/sort.h). The array is first arranged as a binary
 * max-heap (element i's children are 2i+1 and 2i+2), then the maximum is
 * swapped to the end again and again and the heap repaired below it:
 *
 *   [ heap: max at 0 ......... | sorted, ascending ]
 *                             ^ shrinks by one per step
 */
#include <sort.h>

static void swap_bytes(char *a, char *b, size_t size)
{
	while (size--) {
		char t = *a;

		*a++ = *b;
		*b++ = t;
	}
}

/* Move element `root` down until both children are no larger. */
static void sift_down(char *base, size_t root, size_t num, size_t size,
		      int (*cmp)(const void *, const void *))
{
	for (;;) {
		size_t child = 2 * root + 1;

		if (child >= num)
			return;
		if (child + 1 < num &&
		    cmp(base + child * size, base + (child + 1) * size) < 0)
			child++;
		if (cmp(base + root * size, base + child * size) >= 0)
			return;
		swap_bytes(base + root * size, base + child * size, size);
		root = child;
	}
}

void sort(void *base, size_t num, size_t size,
	  int (*cmp)(const void *a, const void *b))
{
	char *b = base;

	if (num < 2)
		return;
	for (size_t i = num / 2; i-- > 0;)
		sift_down(b, i, num, size, cmp);
	for (size_t end = num - 1; end > 0; end--) {
		swap_bytes(b, b + end * size, size);
		sift_down(b, 0, end, size, cmp);
	}
}

/* (x > y) - (x < y): no overflow, unlike x - y. */
#define CMP_SCALAR(type, a, b)						\
	({								\
		type __x = *(const type *)(a), __y = *(const type *)(b); \
		(__x > __y) - (__x < __y);				\
	})

int cmp_u32(const void *a, const void *b)
{
	return CMP_SCALAR(u32, a, b);
}

int cmp_u64(const void *a, const void *b)
{
	return CMP_SCALAR(u64, a, b);
}

int cmp_ulong(const void *a, const void *b)
{
	return CMP_SCALAR(unsigned long, a, b);
}
