/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The x87 FPU and SSE registers of user tasks (arch/x86/kernel/fpu.c,
 * Documentation/arch/x86-fpu.md).
 *
 * Every task carries a save area in its thread_struct. While a user task
 * runs, the CPU's registers are the truth and the save area is stale; the
 * context switch saves the outgoing user task's registers there and loads
 * the incoming one's (eager switching). The kernel itself never touches
 * these registers (-mgeneral-regs-only), so kernel threads and the time a
 * task spends in the kernel leave them alone.
 *
 * The area holds an FXSAVE image when the CPU has FXSAVE/FXRSTOR and an
 * FNSAVE image otherwise:
 *
 *   FXSAVE (512 bytes, 16-byte aligned)      FNSAVE (108 bytes)
 *     0  fcw fsw ftw fop                      0  fcw  (32-bit slots)
 *     8  fip fcs                              4  fsw
 *    16  fdp fds                              8  ftw (2 bits per reg)
 *    24  mxcsr mxcsr_mask                    12  fip fcs fdp fds
 *    32  st0..st7 (16 bytes each)            28  st0..st7 (10 bytes each)
 *   160  xmm0..xmm7 (16 bytes each)
 *   288  unused in 32-bit mode
 */
#ifndef _ASM_X86_FPU_H
#define _ASM_X86_FPU_H

#include <types.h>
#include <compiler.h>

/* What FNINIT leaves, and what a new program starts with. */
#define X87_FCW_DEFAULT		0x037f	/* all masked, 64-bit, nearest */
#define MXCSR_DEFAULT		0x1f80	/* all masked, nearest, no DAZ/FZ */

/* FNSAVE/FRSTOR image (protected mode, 32-bit operand size). */
struct fregs_state {
	u32 cwd;		/* control word (low 16 bits) */
	u32 swd;		/* status word */
	u32 twd;		/* tag word, 2 bits per register */
	u32 fip, fcs;		/* last instruction pointer, selector+opcode */
	u32 foo, fos;		/* last operand pointer, selector */
	u32 st_space[20];	/* 8 registers x 10 bytes */
};

/* FXSAVE/FXRSTOR image; the CPU requires 16-byte alignment. */
struct fxregs_state {
	u16 cwd;		/* control word */
	u16 swd;		/* status word */
	u16 twd;		/* abridged tag word, 1 bit per register */
	u16 fop;		/* last opcode */
	u32 fip, fcs;
	u32 foo, fos;
	u32 mxcsr;
	u32 mxcsr_mask;
	u32 st_space[32];	/* 8 registers x 16 bytes */
	u32 xmm_space[64];	/* xmm0-7 in 32-bit mode; room for 16 */
	u32 padding[24];
} __aligned(16);

union fpregs_state {
	struct fregs_state fsave;
	struct fxregs_state fxsave;
};

/* A task's saved x87/SSE registers (valid while it is switched out). */
struct fpu {
	union fpregs_state state;
};

_Static_assert(sizeof(struct fxregs_state) == 512, "FXSAVE area is 512 bytes");

struct task_struct;

/* Boot CPU: find the FPU features, build the initial state, enable. */
void fpu__init_system(void);
/* Every CPU (boot CPU and each AP): CR0/CR4 bits, FNINIT. */
void fpu__init_cpu(void);

/* Context switch, interrupts off: save prev's registers, load next's. */
void switch_fpu(struct task_struct *prev, struct task_struct *next);
/* fork/clone: dst gets the caller's registers (a kernel thread: init). */
void fpu_clone(struct task_struct *dst, bool kthread);
/* execve: the caller's registers return to the initial state. */
void fpu_flush_thread(void);

/*
 * Signal frames (arch/x86/kernel/signal.c): room for the FPU area below
 * sp (returns the new sp, *fpstate = the area's user address); save the
 * caller's registers there; load them back at sigreturn (0, -EFAULT, or
 * -EINVAL for an image FXRSTOR would fault on).
 */
unsigned long fpu_sigframe_alloc(unsigned long sp, unsigned long *fpstate);
int fpu_save_sigframe(unsigned long ufp);
int fpu_restore_sigframe(unsigned long ufp);
/* Once the frame is written: the handler starts from the initial state. */
void fpu_reset_for_handler(void);
/* #MF (simd false) or #XM: the si_code of the pending unmasked error. */
int fpu_fault_si_code(bool simd);

/* Features found at boot, for the report and AT_HWCAP users. */
bool fpu_has_fxsr(void);
bool fpu_has_sse(void);

#endif
