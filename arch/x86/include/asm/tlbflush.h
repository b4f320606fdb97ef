/* SPDX-License-Identifier: GPL-2.0 */
/* Local TLB maintenance on x86: invlpg for one page, CR3 reload for all. */
#ifndef _ASM_X86_TLBFLUSH_H
#define _ASM_X86_TLBFLUSH_H

#include <asm/processor.h>

static inline void local_flush_tlb_page(unsigned long va)
{
	invlpg(va);
}

/* Drops every non-global entry; kernel direct-map entries are global and
 * never change, every other kernel mapping is non-global. */
static inline void local_flush_tlb_all(void)
{
	flush_tlb_local_all();
}

#endif
