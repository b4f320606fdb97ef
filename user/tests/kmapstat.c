// SPDX-License-Identifier: GPL-2.0
/*
 * kmapstat: the highmem counters seen from user space, and what they say
 * about the two kmap designs.
 *
 * /dev/kmapstat (kernel/devices.c) prints the kmap mode and one row of
 * counters per online CPU. Every write() into a pipe and every read() out
 * of it copies through kmap_local_page() in the kernel (mm/uaccess.c);
 * with lowmem=64M the buffer's pages are highmem. So after a few hundred
 * round trips through a pipe:
 *
 *   kmap=percpu   per-CPU slots: a local invlpg only, no shootdown sent
 *   kmap=global   the seed's shared slots: a shootdown on every unmap
 *
 * The property is the point of the per-CPU design; the test asserts it
 * from the outside, through the same counters `make bench` reports.
 * On a Linux host there is no /dev/kmapstat: every case is skipped.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sysinfo.h>
#include <unistd.h>

#include "kmapstat.h"
#include "ktap.h"
#include "util.h"

#define BUF_PAGES	64
#define ROUND_TRIPS	256

static bool kmapstat_present(void)
{
	if (access("/dev/kmapstat", R_OK) == 0)
		return true;
	ktap_skip("no /dev/kmapstat (%s)", on_linux() ? "Linux host" :
		  strerror(errno));
	return false;
}

static void table_has_a_row_per_online_cpu(void)
{
	struct kmapstat st;

	if (!kmapstat_present())
		return;
	KT_ASSERT_EQ(kmapstat_read(&st), 0);
	KT_EXPECT(!strcmp(st.mode, "percpu") || !strcmp(st.mode, "global"));
	KT_EXPECT_EQ(st.cpus, online_cpus());
	/* Counters only grow, and every kmap_local so far was undone or is
	 * still held by some CPU: a handful at most. */
	KT_EXPECT_GE(st.sum.kmap_local, st.sum.kunmap_local);
	KT_EXPECT_LE(st.sum.kmap_local - st.sum.kunmap_local,
		     (unsigned long)(16 * st.cpus));
}

static void reads_are_bounded_and_checked(void)
{
	char small[8], all[4096];
	int fd;

	if (!kmapstat_present())
		return;
	fd = open("/dev/kmapstat", O_RDONLY);
	KT_ASSERT_GE(fd, 0);
	/* A short read returns the start of the table, "kmap=". */
	KT_EXPECT_EQ(read(fd, small, 5), 5);
	KT_EXPECT(!memcmp(small, "kmap=", 5));
	/* A bad buffer is EFAULT, not a crash; seeking back samples again. */
	KT_EXPECT_EQ(read(fd, (void *)0xC0000000, 64), -1);
	KT_EXPECT_EQ(errno, EFAULT);
	KT_EXPECT_EQ(lseek(fd, 0, SEEK_SET), 0);
	KT_EXPECT_GT(read(fd, all, sizeof(all)), 5);
	KT_EXPECT(!memcmp(all, "kmap=", 5));
	/* Nothing can be written to it. */
	KT_EXPECT_EQ(write(fd, "x", 1), -1);
	close(fd);
}

/* Round trips of one page through a pipe; -1 if a byte came back wrong. */
static int pipe_round_trips(int n)
{
	char *buf = map_pages(BUF_PAGES), back[PAGE_SIZE];
	int fds[2], bad = 0;

	if (!buf || pipe(fds))
		return -1;
	for (int i = 0; i < n && !bad; i++) {
		char *page = buf + (i % BUF_PAGES) * PAGE_SIZE;

		fill_pattern(page, PAGE_SIZE, i);
		bad |= write(fds[1], page, PAGE_SIZE) != PAGE_SIZE;
		bad |= read(fds[0], back, PAGE_SIZE) != PAGE_SIZE;
		bad |= check_pattern(back, PAGE_SIZE, i) != PAGE_SIZE;
	}
	close(fds[0]);
	close(fds[1]);
	munmap(buf, BUF_PAGES * PAGE_SIZE);
	return bad ? -1 : 0;
}

static bool highmem_present(void)
{
	struct sysinfo si;

	return !sysinfo(&si) && si.freehigh > BUF_PAGES;
}

static void pipe_copies_count_as_kmaps_and_shootdowns(void)
{
	struct kmapstat before, after;
	unsigned long maps, sent;

	if (!kmapstat_present())
		return;
	KT_ASSERT_EQ(kmapstat_read(&before), 0);
	KT_ASSERT_EQ(pipe_round_trips(ROUND_TRIPS), 0);
	KT_ASSERT_EQ(kmapstat_read(&after), 0);
	maps = after.sum.kmap_local - before.sum.kmap_local;
	sent = after.sum.sd_sent - before.sum.sd_sent;
	ktap_diag("kmap=%s: %d pipe round trips of a page: %lu kmap_local, "
		  "%lu shootdowns sent by highmem code", after.mode,
		  ROUND_TRIPS, maps, sent);
	/* At least one mapping for the write and one for the read. */
	KT_EXPECT_GE(maps, 2UL * ROUND_TRIPS);
	if (!strcmp(after.mode, "percpu")) {
		/* Per-CPU slots never need another CPU's TLB flushed (and
		 * nothing here uses the kmap() pool, whose wrap would). */
		KT_EXPECT_EQ(sent, 0UL);
	} else if (highmem_present()) {
		/* Each unmap of a shared slot shoots down every CPU. */
		KT_EXPECT_GE(sent, (unsigned long)ROUND_TRIPS);
	} else {
		ktap_diag("no highmem: the copies used the direct map");
	}
}

static const struct ktap_case cases[] = {
	KTAP_CASE(table_has_a_row_per_online_cpu),
	KTAP_CASE(reads_are_bounded_and_checked),
	KTAP_CASE(pipe_copies_count_as_kmaps_and_shootdowns),
	{ 0 }
};

int main(void)
{
	return ktap_main("kmapstat", cases);
}
