/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Temporary kernel mappings of physical ranges that have no permanent
 * kernel address: device registers anywhere, and firmware tables (ACPI)
 * that may lie above lowmem. They live in the ioremap window
 * [IOREMAP_START, IOREMAP_END) (include/memlayout.h), whose page table
 * exists from boot, so they are visible under every page directory.
 *
 * iounmap() shoots the mapping down on every CPU (flush_tlb_kernel_range)
 * before the virtual range can be reused, so it must not be called with a
 * spinlock held that another CPU may take with interrupts disabled
 * (Documentation/smp.md, "Locking rules").
 */
#ifndef _ASM_X86_IOREMAP_H
#define _ASM_X86_IOREMAP_H

#include <types.h>

/* Uncached: for device registers. NULL if the window is full. */
void *ioremap(phys_addr_t phys, size_t size);
/* Write-back cached: for tables in RAM. NULL if the window is full. */
void *ioremap_cache(phys_addr_t phys, size_t size);
void iounmap(void *addr);

/*
 * Reserve `npages` pages of the window without mapping anything, for
 * callers that map frames themselves with map_page(kernel_directory, ...)
 * (tests of the TLB shootdown). Returns the address or 0.
 */
unsigned long kva_alloc_pages(unsigned int npages);
/* Release a reservation; the caller has unmapped and flushed it. */
void kva_free_pages(unsigned long va, unsigned int npages);

#endif
