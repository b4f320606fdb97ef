/* SPDX-License-Identifier: GPL-2.0 */
/* Compiler attributes and barriers used throughout the kernel. */
#ifndef _COMPILER_H
#define _COMPILER_H

/* Marks a pointer into user space: never dereferenced, only handed to
 * the copy functions of include/uaccess.h (a note for the reader; there
 * is no checker that reads it). */
#define __user
#define __packed		__attribute__((packed))
#define __aligned(x)		__attribute__((aligned(x)))
#define __section(s)		__attribute__((section(s)))
#define __used			__attribute__((used))
#define __unused		__attribute__((unused))
#define __noreturn		__attribute__((noreturn))
#define __noinline		__attribute__((noinline))
#define __always_inline		inline __attribute__((always_inline))
#define __printf(a, b)		__attribute__((format(printf, a, b)))
#define __weak			__attribute__((weak))

#define likely(x)		__builtin_expect(!!(x), 1)
#define unlikely(x)		__builtin_expect(!!(x), 0)

/* Stop the compiler from caching or reordering memory accesses. */
#define barrier()		__asm__ __volatile__("" ::: "memory")

#define READ_ONCE(x)		(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v)	(*(volatile __typeof__(x) *)&(x) = (v))

#define __stringify_1(x)	#x
#define __stringify(x)		__stringify_1(x)

#endif
