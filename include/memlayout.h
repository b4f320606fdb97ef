/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's virtual memory layout, defined once. Drawn in
 * Documentation/mm/layout.md.
 *
 *   0x00000000 +---------------------------+
 *              | user space (3 GiB)        |  PDEs 0-767, per process
 *   0xC0000000 +---------------------------+  PAGE_OFFSET
 *              | direct map of lowmem      |  PDEs 768-895, 4 MiB pages
 *              | (<= 512 MiB)              |
 *   0xE0000000 +---------------------------+  KMAP_BASE (PDE 896)
 *              | kmap_local / temp slots   |  shared + per-CPU (highmem.h)
 *   0xE0400000 +---------------------------+  PKMAP_BASE (PDE 897)
 *              | persistent kmap pool      |  LAST_PKMAP pages
 *   0xE0800000 +---------------------------+  VMALLOC_START
 *              | vmalloc / ioremap         |
 *   0xFEC00000 +---------------------------+  MMIO_BASE
 *              | IOAPIC, LAPIC (1:1)       |
 *   0xFF000000 +---------------------------+  MMIO_END
 *              | unused guard              |
 *   0xFFFFFFFF +---------------------------+
 *
 * Every kernel page table (PDEs 768-1023) exists before the first process
 * page directory is created, and none is added afterwards: process
 * directories copy those PDEs once, so they share the kernel's tables.
 */
#ifndef _MEMLAYOUT_H
#define _MEMLAYOUT_H

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))
#define PGDIR_SHIFT	22
#define PGDIR_SIZE	(1UL << PGDIR_SHIFT)
#define PTRS_PER_PGD	1024
#define PTRS_PER_PTE	1024

#define PAGE_OFFSET	0xC0000000UL
#define USER_END	PAGE_OFFSET
#define KERNEL_PGD_START (PAGE_OFFSET >> PGDIR_SHIFT)	/* 768 */

/* Lowmem: the direct map can cover at most this much physical memory. */
#define LOWMEM_MAX	(512UL << 20)

#define KMAP_BASE	0xE0000000UL
#define KMAP_SIZE	PGDIR_SIZE
#define PKMAP_BASE	0xE0400000UL
#define LAST_PKMAP	1024
#define PKMAP_SIZE	(LAST_PKMAP * PAGE_SIZE)

#define VMALLOC_START	0xE0800000UL
#define VMALLOC_END	0xFEC00000UL
/* The top 4 MiB of the vmalloc range: ioremap() windows and other
 * short-lived kernel mappings (arch/x86/mm/ioremap.c). */
#define IOREMAP_START	(VMALLOC_END - PGDIR_SIZE)
#define IOREMAP_END	VMALLOC_END

#define MMIO_BASE	0xFEC00000UL
#define MMIO_END	0xFF000000UL

#ifndef __ASSEMBLER__
#define __pa(v)		((unsigned long)(v) - PAGE_OFFSET)
#define __va(p)		((void *)((unsigned long)(p) + PAGE_OFFSET))
#define PFN_DOWN(x)	((x) >> PAGE_SHIFT)
#define PFN_UP(x)	(((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define PFN_PHYS(pfn)	((phys_addr_t)(pfn) << PAGE_SHIFT)
#endif

#endif
