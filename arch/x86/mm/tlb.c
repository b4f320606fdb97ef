// SPDX-License-Identifier: GPL-2.0
/*
 * TLB shootdown (interface: include/tlbflush.h).
 *
 * A CPU's TLB caches translations privately; nothing in the hardware
 * tells other CPUs that a page-table entry changed. The CPU that changed
 * a mapping therefore asks every CPU that may hold the old translation to
 * drop it, and waits until all have, before the old frame is reused or
 * the new contents are relied on:
 *
 *   initiator                          each target CPU
 *   update the PTEs
 *   queue flush request, send IPI --->  (IPI) invlpg each page / CR3
 *   flush own TLB meanwhile             acknowledge (unlock the request)
 *   wait for every acknowledgement <---
 *
 * The requests travel through the cross-call machinery (arch/x86/kernel/
 * smp.c), so a shootdown inherits its deadlock rule: the initiator serves
 * its own call queue while it waits with interrupts off.
 *
 * Ranges of up to TLB_FLUSH_CEILING pages get one invlpg per page; above
 * that one CR3 reload is cheaper. A CR3 reload keeps global entries, which
 * only the never-changing direct map uses.
 */
#include <tlbflush.h>
#include <mm_types.h>
#include <memlayout.h>
#include <percpu.h>
#include <preempt.h>
#include <smp.h>

struct flush_range {
	unsigned long start, end;
	int initiator;
};

static DEFINE_PER_CPU(struct tlb_stats, tlb_stats);

static void flush_local_range(const struct flush_range *r)
{
	unsigned long pages;

	if (r->end <= r->start)
		return;
	/* Counted this way, end = ~0UL cannot overflow. */
	pages = ((r->end - 1) >> PAGE_SHIFT) - (r->start >> PAGE_SHIFT) + 1;
	if (pages > TLB_FLUSH_CEILING) {
		local_flush_tlb_all();
		this_cpu_inc(tlb_stats.full_flushes);
		return;
	}
	for (unsigned long i = 0; i < pages; i++)
		local_flush_tlb_page((r->start & PAGE_MASK) + (i << PAGE_SHIFT));
	this_cpu_add(tlb_stats.pages_flushed, pages);
}

/* Runs on every CPU of the shootdown, with interrupts off. */
static void flush_tlb_func(void *info)
{
	const struct flush_range *r = info;

	if (smp_processor_id() != r->initiator)
		this_cpu_inc(tlb_stats.ipis_received);
	flush_local_range(r);
}

/*
 * Flush [start, end) on the online CPUs of `mask` and, if `local`, on this
 * one; return when all are done. The initiator flushes its own TLB after
 * sending the requests, while the targets work on theirs.
 */
static void shootdown(const cpumask_t *mask, bool local, unsigned long start,
		      unsigned long end)
{
	struct flush_range r = { .start = start, .end = end };
	cpumask_t cpus;

	if (end <= start)
		return;
	preempt_disable();
	r.initiator = smp_processor_id();
	cpumask_and(&cpus, mask, &cpu_online_mask);
	cpumask_clear_cpu(r.initiator, &cpus);
	this_cpu_add(tlb_stats.ipis_sent, cpumask_weight(&cpus));
	if (local)
		cpumask_set_cpu(r.initiator, &cpus);
	on_each_cpu_mask(&cpus, flush_tlb_func, &r, true);
	preempt_enable();
}

void flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
	/* Kernel mappings are in every address space: every CPU, and this
	 * one even before it is marked online (early boot). */
	shootdown(&cpu_online_mask, true, start, end);
}

void flush_tlb_mask_range(const cpumask_t *mask, unsigned long start,
			  unsigned long end)
{
	bool local;

	/*
	 * The caller has just changed PTEs with plain stores; a CPU joining
	 * the mask sets its bit (atomically) and then walks the tables. The
	 * full barrier makes our PTE stores visible before we read the mask,
	 * so either we see that CPU's bit or it sees our new PTEs.
	 */
	smp_mb();
	preempt_disable();
	local = cpumask_test_cpu(smp_processor_id(), mask);
	shootdown(mask, local, start, end);
	preempt_enable();
}

void flush_tlb_mm_range(struct mm_struct *mm, unsigned long start,
			unsigned long end)
{
	/*
	 * Only CPUs running mm can cache its user translations: a CPU that
	 * switches to mm later loads CR3, which drops the old ones.
	 */
	flush_tlb_mask_range(mm_cpumask(mm), start, end);
}

void tlb_stats_get(int cpu, struct tlb_stats *out)
{
	const struct tlb_stats *s = per_cpu_ptr(&tlb_stats, cpu);

	out->ipis_sent = READ_ONCE(s->ipis_sent);
	out->ipis_received = READ_ONCE(s->ipis_received);
	out->pages_flushed = READ_ONCE(s->pages_flushed);
	out->full_flushes = READ_ONCE(s->full_flushes);
}
