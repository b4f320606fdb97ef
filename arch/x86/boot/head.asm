; SPDX-License-Identifier: GPL-2.0
;
; Kernel entry from a Multiboot (v1) loader.
;
; The loader jumps here in 32-bit protected mode with paging off, EAX holding
; the Multiboot magic and EBX the physical address of the Multiboot info.
; The kernel is linked at PAGE_OFFSET + 1 MiB but loaded at 1 MiB, so until
; paging is on every symbol must be used as (symbol - PAGE_OFFSET).
;
; The boot page directory maps the first 256 MiB twice with 4 MiB pages:
; identity (so the instruction after enabling paging still runs) and at
; PAGE_OFFSET. paging_init() replaces it with kernel_directory.

PAGE_OFFSET	equ 0xC0000000
MB_MAGIC	equ 0x1BADB002
MB_FLAGS	equ (1 << 0) | (1 << 1)		; page-align modules, memory map
PDE_4M		equ 0x83			; present, writable, 4 MiB page
BOOT_MAPPED_PDES equ 64			; 256 MiB
BOOT_STACK_SIZE	equ 16384

section .multiboot
align 4
	dd MB_MAGIC
	dd MB_FLAGS
	dd -(MB_MAGIC + MB_FLAGS)

section .data.page_aligned
align 4096
global boot_page_directory
boot_page_directory:
%assign i 0
%rep BOOT_MAPPED_PDES
	dd (i << 22) | PDE_4M
%assign i i + 1
%endrep
	times (768 - BOOT_MAPPED_PDES) dd 0
%assign i 0
%rep BOOT_MAPPED_PDES
	dd (i << 22) | PDE_4M
%assign i i + 1
%endrep
	times (1024 - 768 - BOOT_MAPPED_PDES) dd 0

section .bss
align 16
global boot_stack, boot_stack_top
boot_stack:
	resb BOOT_STACK_SIZE
boot_stack_top:

section .text.entry
global _start, _start_phys
extern start_kernel
_start_phys equ _start - PAGE_OFFSET
_start:
	cli
	cld
	mov esi, eax			; Multiboot magic
	mov edi, ebx			; Multiboot info (physical)

	mov eax, cr4
	or eax, 1 << 4			; CR4.PSE: allow 4 MiB pages
	mov cr4, eax
	mov eax, boot_page_directory - PAGE_OFFSET
	mov cr3, eax
	mov eax, cr0
	or eax, (1 << 31) | (1 << 16)	; CR0.PG, CR0.WP
	mov cr0, eax

	lea eax, [higher_half]
	jmp eax
higher_half:
	mov esp, boot_stack_top
	xor ebp, ebp			; terminates backtraces
	push edi
	push esi
	call start_kernel		; start_kernel(magic, mbi_phys)
.hang:
	cli
	hlt
	jmp .hang
