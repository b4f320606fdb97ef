; SPDX-License-Identifier: GPL-2.0
;
; The context switch and the first steps of a new task.
;
; __switch_to_asm(prev, next) saves the callee-saved registers on prev's
; kernel stack, stores esp in prev->thread.sp, loads next->thread.sp and
; pops next's registers. Its `ret` returns into next: into schedule() for
; a task that switched out before, or into ret_from_fork for a new one.
; eax still holds prev, which becomes the return value in next.
;
; Stack of a switched-out task at thread.sp, lowest address first:
;   edi esi ebx ebp | return address
; A new task (copy_thread in process.c) gets the same five words with the
; return address ret_from_fork, ebx = kernel-thread function (0 for a
; user task) and esi = its argument, right below its struct pt_regs.

%include "segment.inc"

THREAD_SP	equ 0		; offsetof(struct task_struct, thread.sp)

extern schedule_tail
extern ret_from_kernel_thread
extern prepare_exit_to_usermode
extern ret_from_interrupt

section .text

; struct task_struct *__switch_to_asm(struct task_struct *prev,
;				      struct task_struct *next)
global __switch_to_asm
__switch_to_asm:
	mov eax, [esp + 4]		; prev
	mov edx, [esp + 8]		; next
	push ebp
	push ebx
	push esi
	push edi
	mov [eax + THREAD_SP], esp
	mov esp, [edx + THREAD_SP]
	pop edi
	pop esi
	pop ebx
	pop ebp
	ret				; eax = prev

; Where a new task starts, with eax = the task switched away from and esp
; at the task's struct pt_regs.
global ret_from_fork
ret_from_fork:
	push eax
	call schedule_tail		; drop the rq lock, enable interrupts
	add esp, 4
	test ebx, ebx
	jz .to_user
	push esi
	call ebx			; kernel thread: fn(arg)
	add esp, 4
	push eax
	call ret_from_kernel_thread	; exits unless fn exec'd a program
	add esp, 4
.to_user:
	push esp			; struct pt_regs *
	call prepare_exit_to_usermode
	add esp, 4
	jmp ret_from_interrupt
