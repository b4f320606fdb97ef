/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Raw Linux i386 system calls for the ABI tests.
 *
 * musl's syscall() turns a negative result into -1 and errno; the ABI
 * tests want the kernel's exact return value (-EFAULT, -ENOSYS, ...), and
 * want nothing between them and the kernel. These issue `int $0x80`
 * directly: eax = number; ebx, ecx, edx, esi, edi = arguments; the result
 * or -errno comes back in eax.
 */
#ifndef USER_SYS_H
#define USER_SYS_H

static inline long raw_syscall3(long nr, long a, long b, long c)
{
	long ret;

	__asm__ volatile("int $0x80"
			 : "=a"(ret)
			 : "a"(nr), "b"(a), "c"(b), "d"(c)
			 : "memory");
	return ret;
}

static inline long raw_syscall5(long nr, long a, long b, long c, long d,
				long e)
{
	long ret;

	__asm__ volatile("int $0x80"
			 : "=a"(ret)
			 : "a"(nr), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e)
			 : "memory");
	return ret;
}

static inline long raw_syscall0(long nr)
{
	return raw_syscall3(nr, 0, 0, 0);
}

#endif
