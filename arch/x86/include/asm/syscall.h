/* SPDX-License-Identifier: GPL-2.0 */
/* How the i386 system-call ABI passes arguments wider than a register. */
#ifndef _ASM_X86_SYSCALL_H
#define _ASM_X86_SYSCALL_H

#include <types.h>

/*
 * A 64-bit argument (a file offset or length) comes in two consecutive
 * argument registers, low half first, as Linux i386 defines for pread64,
 * ftruncate64, fadvise64_64, _llseek and friends.
 */
static inline long long arg_u64(unsigned long lo, unsigned long hi)
{
	return (long long)((u64)hi << 32 | lo);
}

#endif
