/* SPDX-License-Identifier: GPL-2.0 */
/* Non-local jumps inside the kernel (arch/x86/lib/setjmp.asm). */
#ifndef _SETJMP_H
#define _SETJMP_H

/* Callee-saved registers, stack pointer and return address. */
typedef struct {
	unsigned long regs[6];
} jmp_buf[1];

int setjmp(jmp_buf env) __attribute__((returns_twice));
__attribute__((noreturn)) void longjmp(jmp_buf env, int val);

#endif
