// SPDX-License-Identifier: GPL-2.0
/*
 * kmap=global: the seed's temporary-mapping design, made SMP-safe, kept as
 * the baseline the per-CPU design is measured against.
 *
 * The seed (shared/seed/000_...txt) had one set of temp slots at
 * TEMP_MAPPING_BASE + slot * PAGE_SIZE, used by whoever runs, and mapped
 * them "where CR3 points". Here the slots live in the shared kmap page
 * table (mm/highmem.c), so "where CR3 points" is every directory at once.
 * Making the design correct on several CPUs adds exactly what the seed's
 * "future work" asked for:
 *
 *   - one spinlock (temp_lock) around the slot table, because every CPU
 *     allocates from the same slots;
 *   - a TLB shootdown of every CPU on every unmap: another CPU that used
 *     the slot before may still cache its old translation, and would read
 *     or write the previous page through it once the slot is remapped.
 *     A slot is reused only after that shootdown has completed.
 *
 * A slot moves through these states, all changed under temp_lock:
 *
 *   FREE --map--> MAPPED --unmap--> FLUSHING --shootdown done--> FREE
 *                           |                           ^
 *                           | unmap in atomic context   | a later sweep
 *                           +--------> STALE -----------+
 *
 * A shootdown waits for every other CPU to answer an IPI. A CPU spinning
 * with interrupts off on a lock we hold never answers, so a CPU may start
 * one only in task context with interrupts on and no spinlock held (its
 * preempt count is exactly its kmap_local levels; an interrupt handler's
 * carries HARDIRQ_OFFSET). The seed never ran anywhere else. Here:
 *   - a map in atomic context (interrupt handlers included) takes this CPU's private kmap_local slot
 *     (as kmap=percpu does): it needs no shootdown to be reused;
 *   - an unmap in atomic context leaves the shared slot STALE, and the
 *     next unmap or map that may shoot down sweeps every STALE slot with
 *     one shootdown.
 * At most NR_CPUS * KM_MAX_IDX slots are MAPPED at once (each CPU's
 * nesting depth is bounded and it cannot be preempted while mapping), and
 * that is the number of slots, so a CPU that may shoot down always finds
 * a slot that is FREE or can be made FREE.
 */
#include "highmem_internal.h"
#include <kernel.h>
#include <smp.h>
#include <tlbflush.h>
#include <preempt.h>
#include <asm/irqflags.h>
#include <asm/processor.h>

#define TEMP_MAPPING_BASE	KMAP_TEMP_BASE
#define TEMP_MAPPING_PAGES	KMAP_TEMP_SLOTS

enum temp_slot_state { TEMP_FREE, TEMP_MAPPED, TEMP_FLUSHING, TEMP_STALE };

struct temp_slot {
	u8 state;
	s8 cpu;			/* who mapped it (debug reports) */
};

static DEFINE_SPINLOCK(temp_lock);
static struct temp_slot temp_slots[TEMP_MAPPING_PAGES];
static int nr_stale;		/* slots in TEMP_STALE */

_Static_assert(NR_CPUS <= 127, "temp_slot.cpu is an s8");

static unsigned long temp_slot_vaddr(int slot)
{
	return TEMP_MAPPING_BASE + (unsigned long)slot * PAGE_SIZE;
}

static bool is_temp_slot(unsigned long vaddr)
{
	return vaddr >= TEMP_MAPPING_BASE &&
	       vaddr < temp_slot_vaddr(TEMP_MAPPING_PAGES);
}

static int temp_slot_of(unsigned long vaddr)
{
	return (vaddr - TEMP_MAPPING_BASE) / PAGE_SIZE;
}

/*
 * May this CPU wait for a shootdown now? `idx` is the kmap_local level
 * being mapped or unmapped; levels 0..idx each disabled preemption once,
 * so any other count is a spinlock or an interrupt handler (whose
 * HARDIRQ_OFFSET makes the count differ; in_interrupt() says it plainly).
 */
static bool can_shootdown(int idx)
{
	return !in_interrupt() && !irqs_disabled() &&
	       preempt_count_read() == idx + 1;
}

/* Under temp_lock. */
static int find_free_temp_slot(void)
{
	for (int slot = 0; slot < TEMP_MAPPING_PAGES; slot++)
		if (temp_slots[slot].state == TEMP_FREE)
			return slot;
	return -1;
}

/* Shoot down [start, end) on every online CPU, this one included. */
static void shootdown_temp_range(unsigned long start, unsigned long end)
{
	flush_tlb_kernel_range(start, end);
	kmap_stat_inc(shootdowns_sent);
}

/*
 * Shoot down every STALE slot at once, then free them. Slots that become
 * STALE while the shootdown runs wait for the next sweep: their PTE may
 * have been cleared after some CPU was already flushed.
 */
static void sweep_stale_temp_slots(void)
{
	u32 batch[TEMP_MAPPING_PAGES / 32] = { 0 };
	int lo = TEMP_MAPPING_PAGES, hi = -1, slot;
	unsigned long flags;

	flags = kmap_spin_lock_irqsave(&temp_lock);
	for (slot = 0; nr_stale && slot < TEMP_MAPPING_PAGES; slot++) {
		if (temp_slots[slot].state != TEMP_STALE)
			continue;
		temp_slots[slot].state = TEMP_FLUSHING;
		nr_stale--;
		batch[slot / 32] |= 1u << (slot % 32);
		lo = min(lo, slot);
		hi = slot;
	}
	spin_unlock_irqrestore(&temp_lock, flags);
	if (hi < 0)
		return;

	shootdown_temp_range(temp_slot_vaddr(lo), temp_slot_vaddr(hi + 1));

	flags = kmap_spin_lock_irqsave(&temp_lock);
	for (slot = lo; slot <= hi; slot++)
		if (batch[slot / 32] & (1u << (slot % 32)))
			temp_slots[slot].state = TEMP_FREE;
	spin_unlock_irqrestore(&temp_lock, flags);
}

/* vmm_map_temp_page() of the seed: map `page` at a free shared slot. */
static unsigned long temp_map_page(struct page *page)
{
	unsigned long flags, vaddr;
	int slot;

	for (;;) {
		flags = kmap_spin_lock_irqsave(&temp_lock);
		slot = find_free_temp_slot();
		if (slot >= 0)
			break;
		spin_unlock_irqrestore(&temp_lock, flags);
		/* Every slot not MAPPED is STALE or being flushed. */
		sweep_stale_temp_slots();
		cpu_relax();
	}
	temp_slots[slot] = (struct temp_slot){ TEMP_MAPPED,
					       smp_processor_id() };
	vaddr = temp_slot_vaddr(slot);
	/* No CPU caches it: the shootdown before FREE removed every copy. */
	WRITE_ONCE(*kmap_area_pte(vaddr), mk_kmap_pte(page));
	spin_unlock_irqrestore(&temp_lock, flags);
	return vaddr;
}

/* vmm_unmap_temp_page() of the seed, plus the shootdown SMP needs. */
static void temp_unmap_page(unsigned long vaddr, bool shootdown)
{
	int slot = temp_slot_of(vaddr);
	unsigned long flags;

	flags = kmap_spin_lock_irqsave(&temp_lock);
	WRITE_ONCE(*kmap_area_pte(vaddr), 0);
	if (shootdown) {
		temp_slots[slot].state = TEMP_FLUSHING;
	} else {
		temp_slots[slot].state = TEMP_STALE;
		nr_stale++;
	}
	spin_unlock_irqrestore(&temp_lock, flags);
	if (!shootdown)
		return;

	shootdown_temp_range(vaddr, vaddr + PAGE_SIZE);

	flags = kmap_spin_lock_irqsave(&temp_lock);
	temp_slots[slot].state = TEMP_FREE;
	spin_unlock_irqrestore(&temp_lock, flags);
	if (READ_ONCE(nr_stale))
		sweep_stale_temp_slots();
}

static unsigned long global_map(struct page *page, int idx)
{
	if (!can_shootdown(idx))
		return kmap_percpu_map(page, idx);
	return temp_map_page(page);
}

static void global_unmap(unsigned long vaddr, int idx)
{
	if (is_temp_slot(vaddr))
		temp_unmap_page(vaddr, can_shootdown(idx));
	else
		kmap_percpu_unmap(vaddr);
}

static int global_slot_cpu(unsigned long vaddr)
{
	const struct temp_slot *s;

	if (!is_temp_slot(vaddr))
		return kmap_percpu_slot_cpu(vaddr);
	s = &temp_slots[temp_slot_of(vaddr)];
	return READ_ONCE(s->state) == TEMP_MAPPED ? READ_ONCE(s->cpu) : -1;
}

const struct kmap_local_ops kmap_global_ops = {
	.name = "global",
	.map = global_map,
	.unmap = global_unmap,
	.slot_cpu = global_slot_cpu,
};
