/* SPDX-License-Identifier: GPL-2.0 */
/*
 * /dev/kmapstat from user space: kmapos's per-CPU highmem counters
 * (kernel/devices.c, mm/highmem.c kmap_stats_show()). The file is a
 * "kmap=MODE" line, a column header, and one row per online CPU:
 *
 *	cpu kmap_local kunmap_local kmap kunmap invlpg sd_sent sd_recv
 *	    contend waits
 *
 * sd_sent counts TLB shootdowns the CPU started for highmem slots,
 * sd_recv the shootdown IPIs it received (from any sender). Linux has no
 * such file: kmapstat_read() then returns -ENOENT.
 */
#ifndef USER_KMAPSTAT_H
#define USER_KMAPSTAT_H

#define KMAPSTAT_PATH		"/dev/kmapstat"
#define KMAPSTAT_MAX_CPUS	32

struct kmap_counters {
	unsigned long kmap_local, kunmap_local, kmap, kunmap, invlpg;
	unsigned long sd_sent, sd_recv, contended, waits;
};

struct kmapstat {
	char mode[16];		/* "percpu" or "global" */
	int cpus;		/* rows read */
	struct kmap_counters cpu[KMAPSTAT_MAX_CPUS];
	struct kmap_counters sum;	/* over every row */
};

/*
 * Parse the text of /dev/kmapstat (modified in place). 0, or -1 with a
 * KTAP diagnostic saying what was malformed.
 */
int kmapstat_parse(char *text, struct kmapstat *st);

/* One sample of the counters: 0, -ENOENT if there is no such file, or -1. */
int kmapstat_read(struct kmapstat *st);

/* after - before, counter by counter (the sums only). */
struct kmap_counters kmapstat_delta(const struct kmapstat *before,
				    const struct kmapstat *after);

#endif
