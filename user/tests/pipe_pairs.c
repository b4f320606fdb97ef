// SPDX-License-Identifier: GPL-2.0
/*
 * pipe_pairs: the correctness half of write_bench (user/bench/), with a
 * fixed byte count instead of a time, so that it is fast and judges
 * behaviour only.
 *
 * One writer process per CPU (at least two), each pinned with
 * sched_setaffinity, writes into its own pipe; a pinned reader process
 * reads it to end of file and checks every byte against the stream the
 * writer must have produced (each write numbered, a per-writer pattern).
 * The readers sit on the writer's CPU or on the next one. Unlike
 * percpu_write (many unpinned writers, one pipe, atomic records of at most
 * PIPE_BUF), writes here are also larger than the pipe, so the kernel
 * splits them and the reader sees pieces of any size; the buffers
 * straddle page boundaries; and every pair stays on the CPUs it was
 * pinned to, which the processes check with getcpu.
 */
#define _GNU_SOURCE
#include "ktap.h"
#include "util.h"
#include "writeload.h"

#define BYTES_PER_WRITER	(96 * 1024)

static const struct { size_t len, offset; } sizes[] = {
	{ 61, 4090 },		/* a small write across a page boundary */
	{ 4096, 2048 },		/* one pipe's worth, on two pages */
	{ 65636, 100 },		/* 16 pipe fills, on 17 pages */
};

static struct wl_result result;

static void run_pairs(enum wl_sink sink)
{
	int cpus[WL_MAX_WORKERS], ncpus = wl_allowed_cpus(cpus, WL_MAX_WORKERS);
	int workers = ncpus < 2 ? 2 : ncpus;

	KT_ASSERT_GE(ncpus, 1);
	if (sink == WL_PIPE_OTHER && ncpus < 2) {
		ktap_skip("one CPU: no other CPU for the readers");
		return;
	}
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		struct wl_config c = {
			.sink = sink, .len = sizes[i].len,
			.offset = sizes[i].offset, .workers = workers,
			.cpus = cpus, .ncpus = ncpus,
			.bytes = BYTES_PER_WRITER, .verify = true,
			.seed = i + 1,
		};
		uint64_t writes = (BYTES_PER_WRITER + c.len - 1) / c.len;

		wl_run(&c, &result);
		for (int e = 0; e < result.errors && e < WL_MAX_ERRORS; e++)
			ktap_fail_at(__FILE__, __LINE__, "%zu-byte writes: %s",
				     c.len, result.error[e]);
		KT_EXPECT_EQ(result.errors, 0);
		KT_EXPECT_EQ(result.calls, writes * workers);
		KT_EXPECT_EQ(result.bytes, writes * c.len * workers);
		ktap_diag("%d pairs, %zu-byte writes at page offset %zu: "
			  "%llu bytes checked", workers, c.len, c.offset,
			  (unsigned long long)result.bytes);
	}
}

static void reader_on_the_same_cpu(void)
{
	run_pairs(WL_PIPE_SAME);
}

static void reader_on_another_cpu(void)
{
	run_pairs(WL_PIPE_OTHER);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(reader_on_the_same_cpu),
	KTAP_CASE(reader_on_another_cpu),
	{ 0 }
};

int main(void)
{
	return ktap_main("pipe_pairs", cases);
}
