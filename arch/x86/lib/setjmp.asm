; SPDX-License-Identifier: GPL-2.0
;
; setjmp/longjmp for the kernel: saves EBX, ESI, EDI, EBP, ESP and the
; return address. Used by the test framework to abort a test case and to
; recover from a panic a test provoked on purpose.

section .text
global setjmp, longjmp

; int setjmp(jmp_buf env)
setjmp:
	mov eax, [esp + 4]
	mov [eax + 0], ebx
	mov [eax + 4], esi
	mov [eax + 8], edi
	mov [eax + 12], ebp
	lea ecx, [esp + 4]		; ESP as it will be after our return
	mov [eax + 16], ecx
	mov ecx, [esp]			; return address
	mov [eax + 20], ecx
	xor eax, eax
	ret

; void longjmp(jmp_buf env, int val)
longjmp:
	mov edx, [esp + 4]
	mov eax, [esp + 8]
	test eax, eax
	jnz .nonzero
	inc eax				; setjmp must not appear to return 0
.nonzero:
	mov ebx, [edx + 0]
	mov esi, [edx + 4]
	mov edi, [edx + 8]
	mov ebp, [edx + 12]
	mov esp, [edx + 16]
	jmp [edx + 20]
