// SPDX-License-Identifier: GPL-2.0
/*
 * memset and memcpy on x86 string instructions. GCC emits calls to these
 * for structure copies and clears, so they must exist even in a
 * freestanding kernel.
 */
#include <string.h>

void *memset(void *s, int c, size_t n)
{
	void *d = s;

	__asm__ __volatile__("rep stosb" : "+D"(d), "+c"(n) : "a"(c)
			     : "memory");
	return s;
}

void *memcpy(void *dst, const void *src, size_t n)
{
	void *d = dst;
	size_t words = n / 4;

	__asm__ __volatile__("rep movsl" : "+D"(d), "+S"(src), "+c"(words)
			     : : "memory");
	n &= 3;
	__asm__ __volatile__("rep movsb" : "+D"(d), "+S"(src), "+c"(n)
			     : : "memory");
	return dst;
}
