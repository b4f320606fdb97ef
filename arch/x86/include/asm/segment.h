/* SPDX-License-Identifier: GPL-2.0 */
/*
 * GDT layout. The entries follow Linux i386 where it matters to user space:
 * the three TLS entries for set_thread_area() are 6-8, and the user code and
 * data selectors are 0x73 and 0x7b.
 */
#ifndef _ASM_X86_SEGMENT_H
#define _ASM_X86_SEGMENT_H

#define GDT_ENTRY_TLS_MIN	6
#define GDT_ENTRY_TLS_ENTRIES	3
#define GDT_ENTRY_TLS_MAX	(GDT_ENTRY_TLS_MIN + GDT_ENTRY_TLS_ENTRIES - 1)
#define GDT_ENTRY_KERNEL_CS	12
#define GDT_ENTRY_KERNEL_DS	13
#define GDT_ENTRY_USER_CS	14
#define GDT_ENTRY_USER_DS	15
#define GDT_ENTRY_TSS		16
#define GDT_ENTRY_PERCPU	17
#define GDT_ENTRIES		18

#define __KERNEL_CS	(GDT_ENTRY_KERNEL_CS * 8)
#define __KERNEL_DS	(GDT_ENTRY_KERNEL_DS * 8)
#define __USER_CS	(GDT_ENTRY_USER_CS * 8 + 3)
#define __USER_DS	(GDT_ENTRY_USER_DS * 8 + 3)
#define __TSS_SEL	(GDT_ENTRY_TSS * 8)
#define __KERNEL_PERCPU	(GDT_ENTRY_PERCPU * 8)

#endif
