// SPDX-License-Identifier: GPL-2.0
/*
 * kmap()/kunmap(): the persistent kmap pool, after Linux's pkmap.
 *
 * LAST_PKMAP entries at PKMAP_BASE (PDE 897, a page table shared by every
 * directory). A kmap() address is valid on every CPU and may be held for
 * long, across preemption. pkmap_count[nr] says what entry nr is doing:
 *
 *   0     free, and no CPU caches a translation for it: ready to use
 *   1     mapped but unused: the PTE is still set and TLBs may cache it
 *   n > 1 mapped, with n - 1 users
 *
 * kunmap() only drops the count; the mapping stays (a later kmap() of the
 * same page finds it in the hash and reuses it). Entries at 1 are cleaned
 * lazily: when the allocator wraps around the pool, every entry at 1 has
 * its PTE cleared and ONE shootdown over the whole pool flushes them all,
 * after which they are at 0. That is one IPI round per LAST_PKMAP new
 * mappings instead of one per kunmap().
 *
 * When every entry has a user, kmap() sleeps on pkmap_map_wait until a
 * kunmap() drops some count to 1.
 *
 * Locks: kmap_lock (interrupts enabled; held across the wrap-around
 * shootdown) serialises the pool. The page -> entry hash has its own
 * interrupt-safe lock, so page_address() can be called from any context
 * without waiting for a shootdown; kmap_lock nests outside it.
 */
#include "highmem_internal.h"
#include <kernel.h>
#include <tlbflush.h>
#include <wait.h>
#include <task.h>
#include <preempt.h>
#include <asm/irqflags.h>
#include <asm/processor.h>

#define PKMAP_ADDR(nr)	(PKMAP_BASE + ((unsigned long)(nr) << PAGE_SHIFT))

#define PKMAP_HASH_BITS		8
#define PKMAP_HASH_SIZE		(1 << PKMAP_HASH_BITS)
#define PKMAP_NONE		(-1)

static DEFINE_SPINLOCK(kmap_lock);
static int pkmap_count[LAST_PKMAP];
static unsigned int last_pkmap_nr;	/* the allocator's last entry */

static DECLARE_WAIT_QUEUE_HEAD(pkmap_map_wait);

/* page -> entry: chains of entry numbers through pkmap_hash_next[]. */
static DEFINE_SPINLOCK(pkmap_hash_lock);
static struct page *pkmap_page[LAST_PKMAP];
static s16 pkmap_hash_head[PKMAP_HASH_SIZE];
static s16 pkmap_hash_next[LAST_PKMAP];

_Static_assert((LAST_PKMAP & (LAST_PKMAP - 1)) == 0, "LAST_PKMAP: 2^n");
_Static_assert(LAST_PKMAP <= 32767, "entry numbers are s16");

static unsigned int pkmap_hash(const struct page *page)
{
	return (page_to_pfn(page) * 2654435761u) >> (32 - PKMAP_HASH_BITS);
}

void pkmap_init(void)
{
	for (int i = 0; i < PKMAP_HASH_SIZE; i++)
		pkmap_hash_head[i] = PKMAP_NONE;
}

/* Entry mapping `page`, or PKMAP_NONE. Under pkmap_hash_lock. */
static int pkmap_hash_find(const struct page *page)
{
	int nr;

	for (nr = pkmap_hash_head[pkmap_hash(page)]; nr != PKMAP_NONE;
	     nr = pkmap_hash_next[nr])
		if (pkmap_page[nr] == page)
			return nr;
	return PKMAP_NONE;
}

static int pkmap_lookup(const struct page *page)
{
	unsigned long flags;
	int nr;

	spin_lock_irqsave(&pkmap_hash_lock, flags);
	nr = pkmap_hash_find(page);
	spin_unlock_irqrestore(&pkmap_hash_lock, flags);
	return nr;
}

static void pkmap_hash_add(struct page *page, int nr)
{
	unsigned int h = pkmap_hash(page);
	unsigned long flags;

	spin_lock_irqsave(&pkmap_hash_lock, flags);
	pkmap_page[nr] = page;
	pkmap_hash_next[nr] = pkmap_hash_head[h];
	pkmap_hash_head[h] = nr;
	spin_unlock_irqrestore(&pkmap_hash_lock, flags);
}

static void pkmap_hash_del(int nr)
{
	unsigned long flags;
	s16 *link;

	spin_lock_irqsave(&pkmap_hash_lock, flags);
	link = &pkmap_hash_head[pkmap_hash(pkmap_page[nr])];
	while (*link != nr)
		link = &pkmap_hash_next[*link];
	*link = pkmap_hash_next[nr];
	pkmap_page[nr] = NULL;
	spin_unlock_irqrestore(&pkmap_hash_lock, flags);
}

void *pkmap_page_address(const struct page *page)
{
	int nr = pkmap_lookup(page);

	return nr == PKMAP_NONE ? NULL : (void *)PKMAP_ADDR(nr);
}

/*
 * The lazy flush, under kmap_lock: clear every mapped-but-unused entry,
 * then one shootdown of the whole pool on every CPU. Only after it has
 * completed may those entries (now 0) be given to new pages.
 */
static void flush_all_zero_pkmaps(void)
{
	bool need_flush = false;

	for (int nr = 0; nr < LAST_PKMAP; nr++) {
		if (pkmap_count[nr] != 1)
			continue;
		pkmap_count[nr] = 0;
		WRITE_ONCE(*kmap_area_pte(PKMAP_ADDR(nr)), 0);
		pkmap_hash_del(nr);
		need_flush = true;
	}
	if (need_flush) {
		flush_tlb_kernel_range(PKMAP_BASE, PKMAP_BASE + PKMAP_SIZE);
		kmap_stat_inc(shootdowns_sent);
	}
}

/* A free entry, flushing on wrap-around; PKMAP_NONE if all are busy. */
static int pkmap_find_free(void)
{
	for (int count = LAST_PKMAP; count > 0; count--) {
		last_pkmap_nr = (last_pkmap_nr + 1) & (LAST_PKMAP - 1);
		if (last_pkmap_nr == 0) {
			flush_all_zero_pkmaps();
			count = LAST_PKMAP;
		}
		if (pkmap_count[last_pkmap_nr] == 0)
			return last_pkmap_nr;
	}
	return PKMAP_NONE;
}

/* A hint, read without the lock: may a kunmap() have freed an entry? */
static bool pkmap_has_unused_entry(void)
{
	for (int nr = 0; nr < LAST_PKMAP; nr++)
		if (READ_ONCE(pkmap_count[nr]) <= 1)
			return true;
	return false;
}

/*
 * Wait, without kmap_lock, until a kunmap() may have freed an entry. A
 * task sleeps (kmap()'s might_sleep() has checked that it may). Before
 * the scheduler runs, and in the idle task, nothing may sleep, so those
 * spin: the holders run on other CPUs.
 */
static void pkmap_wait_for_entry(void)
{
	struct task_struct *task = current;

	if (task && !(task->flags & PF_IDLE)) {
		wait_event(pkmap_map_wait, pkmap_has_unused_entry());
		return;
	}
	while (!pkmap_has_unused_entry())
		cpu_relax();
}

/*
 * Map `page` at a new entry, under kmap_lock; may drop the lock to wait.
 * Returns the entry with pkmap_count 1 (mapped, no user yet).
 */
static int map_new_virtual(struct page *page)
{
	int nr;

	while ((nr = pkmap_find_free()) == PKMAP_NONE) {
		kmap_stat_inc(pkmap_waits);
		spin_unlock(&kmap_lock);
		pkmap_wait_for_entry();
		kmap_spin_lock(&kmap_lock);
		/* Someone may have mapped our page meanwhile. */
		nr = pkmap_lookup(page);
		if (nr != PKMAP_NONE)
			return nr;
	}
	WRITE_ONCE(*kmap_area_pte(PKMAP_ADDR(nr)), mk_kmap_pte(page));
	pkmap_count[nr] = 1;
	pkmap_hash_add(page, nr);
	return nr;
}


/*
 * kmap() may sleep (the pool is full) and may wait for a shootdown (the
 * allocator wraps): only from a task that may sleep, for lowmem pages too,
 * so that a caller in atomic context is caught on its first run, not on
 * the rare one that finds the pool full.
 */
void *kmap(struct page *page)
{
	int nr;

	might_sleep();
	if (!PageHighMem(page))
		return lowmem_page_address(page);
	kmap_spin_lock(&kmap_lock);
	nr = pkmap_lookup(page);
	if (nr == PKMAP_NONE)
		nr = map_new_virtual(page);
	pkmap_count[nr]++;
	spin_unlock(&kmap_lock);
	kmap_stat_inc(kmap);
	return (void *)PKMAP_ADDR(nr);
}

void kunmap(struct page *page)
{
	unsigned long caller = (unsigned long)__builtin_return_address(0);
	bool need_wakeup;
	int nr;

	if (!PageHighMem(page))
		return;
	/* kmap_lock is taken with interrupts on elsewhere: not from here. */
	if (unlikely(irqs_disabled()))
		panic("kunmap(pfn %#lx) by %pS with interrupts disabled",
		      page_to_pfn(page), (void *)caller);
	kmap_spin_lock(&kmap_lock);
	nr = pkmap_lookup(page);
	if (unlikely(nr == PKMAP_NONE || pkmap_count[nr] < 2)) {
		spin_unlock(&kmap_lock);
		panic("kunmap(pfn %#lx) by %pS: the page is not kmapped",
		      page_to_pfn(page), (void *)caller);
	}
	/* At 1 the entry stays mapped until the next wrap-around flush. */
	need_wakeup = --pkmap_count[nr] == 1;
	spin_unlock(&kmap_lock);
	kmap_stat_inc(kunmap);
	/* Order the count before the check; the sleeper's side is in
	 * prepare_to_wait(), which sets its state under the queue lock. */
	smp_mb();
	if (need_wakeup && waitqueue_active(&pkmap_map_wait))
		wake_up_all(&pkmap_map_wait);
}
