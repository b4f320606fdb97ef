/* SPDX-License-Identifier: GPL-2.0 */
/* Helpers shared by the highmem tests and benchmarks (mm/highmem_test.c). */
#ifndef _MM_HIGHMEM_TEST_H
#define _MM_HIGHMEM_TEST_H

#include <mm.h>
#include <cpumask.h>

/* A page from ZONE_HIGHMEM, or NULL when that zone is empty. */
struct page *hm_alloc_highmem(void);

/* Whole-page pattern from (pfn, salt); check returns the first bad word
 * index or -1. The sparse variants touch one word in 64. */
void hm_fill_page(void *va, unsigned long pfn, u32 salt);
int hm_check_page(const void *va, unsigned long pfn, u32 salt);
void hm_fill_sparse(void *va, unsigned long pfn, u32 salt);
bool hm_check_sparse(const void *va, unsigned long pfn, u32 salt);

/* Online CPUs (at least 1). */
int hm_online_cpus(void);

/*
 * Suite set-up shared by the tests and benchmarks: interrupts on, and the
 * running task pinned to its current CPU until hm_suite_leave().
 */
struct hm_suite_ctx {
	unsigned long irq_flags;
	cpumask_t affinity;
};
void hm_suite_enter(struct hm_suite_ctx *c);
void hm_suite_leave(struct hm_suite_ctx *c);

#endif
