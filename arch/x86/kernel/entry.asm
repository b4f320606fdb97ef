; SPDX-License-Identifier: GPL-2.0
;
; Interrupt and exception entry. Every vector has a small stub that makes
; the stack look the same (an error code, real or zero, then the vector
; number) and jumps to interrupt_common, which saves the rest of struct
; pt_regs (arch/x86/include/asm/ptrace.h) and calls x86_handle_interrupt().
;
; Stack at the call, lowest address first:
;   gs fs es ds | edi esi ebp esp ebx edx ecx eax | vector error | eip cs eflags [esp ss]

%include "segment.inc"

extern x86_handle_interrupt

; Exceptions for which the CPU pushes an error code itself.
%define HAS_ERROR_CODE(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 || (v) == 29 || (v) == 30)

section .text

%macro VECTOR_STUB 1
align 16
vector_stub_%1:
%if HAS_ERROR_CODE(%1) == 0
	push dword 0
%endif
	push dword %1
	jmp interrupt_common
%endmacro

%assign v 0
%rep 256
VECTOR_STUB v
%assign v v + 1
%endrep

align 16
interrupt_common:
	pusha
	push ds
	push es
	push fs
	push gs
	mov ax, __KERNEL_DS
	mov ds, ax
	mov es, ax
	mov ax, __KERNEL_PERCPU
	mov fs, ax
	; The kernel does not use gs, but must not keep the user's selector in
	; it either: if the TLS descriptor behind that selector changes while
	; the kernel runs (set_thread_area, exec, or this task's TLS reloaded
	; after a preemption), the "pop gs" of a nested interrupt's return
	; would fault in the kernel. The user's value is safe in pt_regs and
	; is checked against the task's descriptors before the iret to user.
	xor eax, eax
	mov gs, ax
	cld
	push esp			; struct pt_regs *
	call x86_handle_interrupt
	add esp, 4
global ret_from_interrupt
ret_from_interrupt:
	pop gs
	pop fs
	pop es
	pop ds
	popa
	add esp, 8			; vector and error code
	iretd

section .rodata
align 4
global vector_stub_table
vector_stub_table:
%assign v 0
%rep 256
	dd vector_stub_ %+ v
%assign v v + 1
%endrep
