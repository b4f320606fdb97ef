/* SPDX-License-Identifier: GPL-2.0 */
/*
 * TLB shootdown. A CPU that changes or removes a translation another CPU
 * may have cached must make every such CPU invalidate it before the old
 * frame is reused or the new contents are relied upon.
 *
 * flush_tlb_kernel_range(): every online CPU (kernel mappings are shared
 * by all address spaces). flush_tlb_mm_range(): only the CPUs in
 * mm_cpumask(mm), i.e. those currently running that address space. Both
 * return after every target CPU has acknowledged. Ranges of up to
 * TLB_FLUSH_CEILING pages use one invlpg per page; larger ones reload CR3.
 * Implemented in arch/x86/mm/tlb.c.
 */
#ifndef _TLBFLUSH_H
#define _TLBFLUSH_H

#include <types.h>
#include <cpumask.h>
#include <asm/tlbflush.h>

#define TLB_FLUSH_CEILING	33	/* pages; as Linux's default */

struct mm_struct;

void flush_tlb_kernel_range(unsigned long start, unsigned long end);
void flush_tlb_mm_range(struct mm_struct *mm, unsigned long start,
			unsigned long end);
/* Flush on exactly the CPUs in `mask` (the caller included if set). */
void flush_tlb_mask_range(const cpumask_t *mask, unsigned long start,
			  unsigned long end);

/* Per-CPU shootdown statistics. */
struct tlb_stats {
	u32 ipis_sent;		/* shootdown IPIs this CPU sent */
	u32 ipis_received;	/* shootdown IPIs this CPU handled */
	u32 pages_flushed;	/* invlpg executed for shootdowns */
	u32 full_flushes;	/* CR3 reloads for shootdowns */
};
void tlb_stats_get(int cpu, struct tlb_stats *out);

#endif
