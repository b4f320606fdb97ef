/* SPDX-License-Identifier: GPL-2.0 */
/* Interrupt vector assignments. */
#ifndef _ASM_X86_IRQ_VECTORS_H
#define _ASM_X86_IRQ_VECTORS_H

#define NR_VECTORS		256
#define FIRST_EXTERNAL_VECTOR	0x20	/* 0-31 are CPU exceptions */
#define IRQ0_VECTOR		0x20	/* legacy IRQ n -> 0x20 + n */
#define SYSCALL_VECTOR		0x80	/* int $0x80, Linux i386 ABI */
#define LOCAL_TIMER_VECTOR	0xEC
#define RESCHEDULE_VECTOR	0xFC
#define CALL_FUNCTION_VECTOR	0xFB
#define SPINLOCK_KICK_VECTOR	0xFD	/* wakes a halted lock waiter */
#define ERROR_APIC_VECTOR	0xFE
#define SPURIOUS_APIC_VECTOR	0xFF

/* Device IRQs routed through the IOAPIC: IRQ n (a global system
 * interrupt number; ISA IRQs keep their numbers) -> vector 0x20 + n. */
#define NR_DEVICE_IRQS		64
#define IRQ_TO_VECTOR(irq)	(IRQ0_VECTOR + (irq))

#endif
