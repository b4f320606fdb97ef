/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A concurrent write() load: P writer processes, each pinned to its own
 * CPU, write() one buffer over and over into a sink. The benchmark
 * (user/bench/write_bench.c) runs it for a fixed time and prints the
 * rates; the test user/tests/pipe_pairs.c runs it for a fixed byte count
 * and checks only that every byte arrived intact.
 *
 *   sink WL_NULL        /dev/null: nothing reads the buffer (see below)
 *   sink WL_PIPE_SAME   a pipe to a reader process on the writer's CPU
 *   sink WL_PIPE_OTHER  a pipe to a reader on the next allowed CPU
 *   sink WL_FILE        a file of its own in c->dir, written from offset
 *                       0 to 1 MiB and again from 0 (will-it-scale's
 *                       write1): the page cache, no growth
 *   sink WL_FILE_APPEND one O_APPEND file shared by all writers (at most
 *                       WL_APPEND_CAP bytes in all: it only grows)
 *   sink WL_FILE_PWRITE one file shared by all writers, pwrite() into a
 *                       1 MiB range of each writer's own, wrapping
 *
 * The file sinks have no reader process: after the run the parent reads
 * the files back (when verifying) and removes them.
 *
 * The stream a writer produces is checkable at any split: write number k
 * carries k in its first four bytes (when a write has at least
 * WL_STAMP_MIN bytes) and the rest is a pattern fixed per worker. A reader
 * that verifies compares every byte it gets with what the writer must
 * have sent at that stream offset, so a lost, repeated, reordered or
 * corrupted piece is found, whatever sizes read() returns.
 */
#ifndef USER_WRITELOAD_H
#define USER_WRITELOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define WL_MAX_WORKERS	64
#define WL_MAX_LEN	(16u << 20)	/* bytes per write() */
#define WL_STAMP_MIN	8		/* shorter writes carry no number */
#define WL_ERROR_LEN	120
#define WL_MAX_ERRORS	8		/* messages kept; all are counted */

#define WL_FILE_WRAP	(1u << 20)	/* file sinks: bytes before going back */
#define WL_APPEND_CAP	(64u << 20)	/* file-append: bytes of all writers */

enum wl_sink {
	WL_NULL, WL_PIPE_SAME, WL_PIPE_OTHER,
	WL_FILE, WL_FILE_APPEND, WL_FILE_PWRITE,
	WL_NR_SINKS
};

struct wl_config {
	enum wl_sink sink;
	size_t len;		/* bytes per write() */
	size_t offset;		/* of the buffer in its first page */
	int workers;
	const int *cpus;	/* worker i writes on cpus[i % ncpus] */
	int ncpus;
	int64_t ns;		/* writing time per writer; 0: no limit */
	uint64_t bytes;		/* bytes per writer (whole writes); 0: no limit */
	bool verify;		/* readers check every byte */
	uint32_t seed;		/* makes each run's pattern different */
	const char *dir;	/* file sinks: where the files go */
};

/* What one writer or reader process did, as it reported it. */
struct wl_side {
	int cpu;		/* where it was pinned; -1 for no process */
	int cpu_seen[2];	/* getcpu() after pinning and at the end */
	uint64_t bytes, calls;	/* written or read */
	int64_t t_start, t_end;	/* CLOCK_MONOTONIC ns, writing/reading */
	bool reported;
	int status;		/* wait status */
	char error[WL_ERROR_LEN];
};

struct wl_result {
	struct {
		struct wl_side writer, reader;
	} w[WL_MAX_WORKERS];
	uint64_t bytes, calls;	/* sums over the writers */
	int64_t span_ns;	/* first writer's start to last one's end */
	int errors;
	char error[WL_MAX_ERRORS][WL_ERROR_LEN + 40];
};

/*
 * Run one configuration to its end and fill *r. Returns the number of
 * errors found (also in r->errors): a short or failed write or read, a
 * byte the reader did not expect, fewer bytes read than written, a
 * process that was not where it was pinned, died or did not report.
 */
int wl_run(const struct wl_config *c, struct wl_result *r);

/*
 * "null", "pipe-same", "pipe-other", "file", "file-append", "file-pwrite";
 * WL_NR_SINKS if the name is unknown.
 */
const char *wl_sink_name(enum wl_sink sink);
enum wl_sink wl_sink_parse(const char *name);

/* Does the sink have reader processes (the pipes)? Is it a file? */
bool wl_has_reader(enum wl_sink sink);
bool wl_is_file(enum wl_sink sink);

/* The CPUs this process may run on (sched_getaffinity); their number. */
int wl_allowed_cpus(int *cpus, int max);

/* Pages a buffer of len bytes at page offset `offset` touches. */
size_t wl_pages_touched(size_t len, size_t offset);

/* CLOCK_MONOTONIC in nanoseconds. */
int64_t wl_now_ns(void);

#endif
