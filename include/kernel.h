/* SPDX-License-Identifier: GPL-2.0 */
/* Small helpers every kernel file wants: sizes, alignment, min/max. */
#ifndef _KERNEL_H
#define _KERNEL_H

#include <types.h>
#include <printk.h>
#include <panic.h>

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#define ALIGN(x, a)		(((x) + (a) - 1) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a)	((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a)	(((x) & ((__typeof__(x))(a) - 1)) == 0)
#define DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))

#define min(a, b)	({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); \
			   _a < _b ? _a : _b; })
#define max(a, b)	({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); \
			   _a > _b ? _a : _b; })

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - __builtin_offsetof(type, member)))
#define offsetof(type, member)	__builtin_offsetof(type, member)

#define INT_MAX		__INT_MAX__
#define INT_MIN		(-INT_MAX - 1)

#define KiB	(1024u)
#define MiB	(1024u * 1024u)

#endif
