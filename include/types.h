/* SPDX-License-Identifier: GPL-2.0 */
/* Fixed-width integer types and the basic kernel type vocabulary. */
#ifndef _TYPES_H
#define _TYPES_H

#include <compiler.h>

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef signed char s8;
typedef signed short s16;
typedef signed int s32;
typedef signed long long s64;

typedef unsigned int size_t;
typedef int ssize_t;
typedef int ptrdiff_t;
typedef unsigned long uintptr_t;
typedef long intptr_t;
typedef u32 phys_addr_t;	/* no PAE: physical addresses fit 32 bits */
typedef long off_t;
typedef int pid_t;
typedef _Bool bool;

#define true	1
#define false	0
#define NULL	((void *)0)

typedef __builtin_va_list va_list;
#define va_start(ap, last)	__builtin_va_start(ap, last)
#define va_arg(ap, type)	__builtin_va_arg(ap, type)
#define va_end(ap)		__builtin_va_end(ap)
#define va_copy(d, s)		__builtin_va_copy(d, s)

typedef struct {
	volatile int counter;
} atomic_t;

#endif
