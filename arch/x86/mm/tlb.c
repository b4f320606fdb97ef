// SPDX-License-Identifier: GPL-2.0
/*
 * TLB shootdown.
 *
 * INTERIM (foundation stage): flushes the calling CPU only, which is
 * correct while only the boot CPU runs. The SMP issue replaces this with
 * the IPI-based protocol.
 */
#include <tlbflush.h>
#include <mm_types.h>
#include <memlayout.h>

static void flush_local_range(unsigned long start, unsigned long end)
{
	if ((end - start) >> PAGE_SHIFT > TLB_FLUSH_CEILING) {
		local_flush_tlb_all();
		return;
	}
	for (unsigned long va = start & PAGE_MASK; va < end; va += PAGE_SIZE)
		local_flush_tlb_page(va);
}

void flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
	flush_local_range(start, end);
}

void flush_tlb_mask_range(const cpumask_t *mask, unsigned long start,
			  unsigned long end)
{
	flush_local_range(start, end);
}

void flush_tlb_mm_range(struct mm_struct *mm, unsigned long start,
			unsigned long end)
{
	flush_local_range(start, end);
}

void tlb_stats_get(int cpu, struct tlb_stats *out)
{
	*out = (struct tlb_stats){ 0 };
}
