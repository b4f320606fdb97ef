/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel mappings of pages that may be in highmem (mm/highmem*.c).
 * Documentation/mm/highmem.md explains which to use when.
 *
 * kmap_local_page()/kunmap_local(): short-lived, per-CPU slots, no lock
 *   and no IPI. Unmap in reverse order; the caller stays on this CPU
 *   (preemption disabled) until the matching kunmap_local(). Lowmem pages
 *   get their direct-map address (and still count as one nesting level).
 * kmap_atomic()/kunmap_atomic(): the same slots, for interrupt context
 *   (nests above the interrupted code's slots).
 * kmap()/kunmap(): long-lived, from the persistent pool; may sleep until
 *   an entry is free, so only from a task with interrupts enabled and no
 *   spinlock held; the address is valid on every CPU until kunmap().
 *
 * `kmap=percpu` (default) or `kmap=global` at boot chooses how
 * kmap_local_page() finds its slot: a fixed slot per (CPU, depth), or the
 * seed's design, one set of slots shared by all CPUs under one lock with a
 * TLB shootdown on every unmap (mm/highmem_global.c, the baseline).
 */
#ifndef _HIGHMEM_H
#define _HIGHMEM_H

#include <mm.h>
#include <config.h>

/*
 * The kmap area (PDE 896, 4 MiB) holds two sets of 4 KiB slots:
 *
 *   KMAP_BASE        shared temp slots, KMAP_TEMP_SLOTS pages (kmap=global)
 *   KMAP_PERCPU_BASE per-CPU slots: CPU c, depth i at page c*KM_MAX_IDX+i
 *
 * The persistent pool follows at PKMAP_BASE (PDE 897, LAST_PKMAP pages).
 */
#define KM_MAX_IDX		16	/* kmap_local levels per CPU */
#define KMAP_TEMP_SLOTS		(NR_CPUS * KM_MAX_IDX)
#define KMAP_TEMP_BASE		KMAP_BASE
#define KMAP_PERCPU_BASE	(KMAP_BASE + KMAP_TEMP_SLOTS * PAGE_SIZE)
#define KMAP_PERCPU_END		(KMAP_PERCPU_BASE + \
				 NR_CPUS * KM_MAX_IDX * PAGE_SIZE)

/* Install the kmap area's page tables; before any process directory. */
void highmem_init(void);

void *kmap_local_page(struct page *page);
void kunmap_local(const void *addr);
void *kmap_atomic(struct page *page);
void kunmap_atomic(const void *addr);
void *kmap(struct page *page);
void kunmap(struct page *page);

/* Helpers that map, copy and unmap. offset + len must stay in the page. */
void memcpy_to_page(struct page *page, size_t offset, const void *from,
		    size_t len);
void memcpy_from_page(void *to, struct page *page, size_t offset,
		      size_t len);
void memset_page(struct page *page, size_t offset, int val, size_t len);
void clear_highpage(struct page *page);
void copy_highpage(struct page *to, struct page *from);

/*
 * Debug check: panic if this CPU still holds a kmap_local slot. Called at
 * return to user space and at a context switch; `where` names the caller.
 */
void kmap_local_assert_none_held(const char *where);
/* kmap_local nesting levels this CPU holds now (0 outside any kmap). */
int kmap_local_depth(void);

enum kmap_mode { KMAP_MODE_PERCPU, KMAP_MODE_GLOBAL };
/* The design chosen at boot with kmap=. */
enum kmap_mode kmap_mode(void);
const char *kmap_mode_name(void);

/* Per-CPU counters; each only ever grows. */
struct kmap_stats {
	u32 kmap_local;		/* kmap_local_page() + kmap_atomic() */
	u32 kunmap_local;	/* kunmap_local() + kunmap_atomic() */
	u32 kmap;		/* kmap() of a highmem page */
	u32 kunmap;		/* kunmap() of a highmem page */
	u32 invlpg;		/* local TLB invalidations by highmem code */
	u32 shootdowns_sent;	/* TLB shootdowns highmem code started */
	u32 shootdowns_received; /* shootdown IPIs this CPU handled (any) */
	u32 lock_contended;	/* kmap_lock / temp-slot lock had to spin */
	u32 pkmap_waits;	/* kmap() found the pool full and waited */
};
/* Snapshot of `cpu`'s counters. */
void kmap_stats_get(int cpu, struct kmap_stats *out);
/* Format every online CPU's counters as a table; returns its length. */
int kmap_stats_show(char *buf, size_t size);

#endif
