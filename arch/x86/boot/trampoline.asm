; SPDX-License-Identifier: GPL-2.0
;
; Application processor start-up code. Assembled flat (nasm -f bin) and
; embedded in the kernel image; smpboot.c copies it to TRAMPOLINE_PHYS, a
; reserved page below 1 MiB, and points each AP's STARTUP IPI at it.
;
; An AP starts here in real mode at CS:IP = (TRAMPOLINE_PHYS >> 4):0000
; with interrupts off. It switches to 32-bit protected mode with a flat
; GDT of its own, turns on paging with the page directory the boot CPU
; left in the header (the kernel's mappings plus an identity mapping of
; low memory, so the next instruction is still mapped), and jumps to
; start_secondary(cpu) in the kernel's higher half on its own stack.
; start_secondary() loads the CPU's real GDT, TSS and IDT.

%include "smp.inc"

CR0_PE		equ 1 << 0
CR0_WP		equ 1 << 16
CR0_NW		equ 1 << 29
CR0_CD		equ 1 << 30
CR0_PG		equ 1 << 31
SEL_CODE	equ 0x08
SEL_DATA	equ 0x10

bits 16
org TRAMPOLINE_PHYS

trampoline_start:
	; Continue with CS = 0, so every label is its linear address.
	jmp 0x0000:start16
	times 8 - ($ - trampoline_start) db 0x90

; struct trampoline_header (arch/x86/include/asm/smp.h)
tr_magic:	dd TRAMPOLINE_MAGIC
tr_phys:	dd TRAMPOLINE_PHYS
tr_cr3:		dd 0
tr_cr4:		dd 0
tr_entry:	dd 0
tr_stack:	dd 0
tr_cpu:		dd 0
tr_apic_id:	dd 0

start16:
	cli
	cld
	xor ax, ax
	mov ds, ax
	mov es, ax
	mov ss, ax
	lgdt [tr_gdtr]
	mov eax, cr0
	and eax, ~(CR0_CD | CR0_NW)	; INIT leaves the caches disabled
	or eax, CR0_PE
	mov cr0, eax
	jmp dword SEL_CODE:start32

bits 32
start32:
	mov ax, SEL_DATA
	mov ds, ax
	mov es, ax
	mov ss, ax
	xor ax, ax
	mov fs, ax
	mov gs, ax

	; The header belongs to one APIC id. An AP that answers late, after
	; the boot CPU gave up on it and refilled the header for another CPU,
	; must not run on that CPU's stack: it parks itself instead.
	mov eax, 1
	cpuid
	shr ebx, 24			; initial APIC id
	cmp ebx, [tr_apic_id]
	jne park

	mov eax, [tr_cr4]		; PSE for the 4 MiB pages, PGE
	mov cr4, eax
	mov eax, [tr_cr3]
	mov cr3, eax
	mov eax, cr0
	or eax, CR0_PG | CR0_WP
	mov cr0, eax

	mov esp, [tr_stack]
	mov eax, [tr_cpu]
	mov ecx, [tr_entry]
	xor ebp, ebp			; ends backtraces
	push eax			; start_secondary(cpu)
	push dword 0			; it never returns
	jmp ecx

park:
	cli
	hlt
	jmp park

align 8
tr_gdt:
	dq 0
	dq 0x00CF9A000000FFFF		; SEL_CODE: flat 4 GiB, 32-bit code
	dq 0x00CF92000000FFFF		; SEL_DATA: flat 4 GiB, data
tr_gdtr:
	dw tr_gdtr - tr_gdt - 1
	dd tr_gdt

trampoline_end:
