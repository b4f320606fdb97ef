// SPDX-License-Identifier: GPL-2.0
/*
 * percpu_write: one writer process per CPU, all calling write() at once,
 * every byte checked at the sink.
 *
 * The sink is a pipe read by the parent. Each writer sends records (a
 * 16-byte header and a payload whose bytes depend on writer, sequence
 * number and position) of 17..4096 bytes, built in mmap'd memory so that
 * they straddle page boundaries; a write of at most PIPE_BUF (4096) bytes
 * is atomic, so records never interleave. The parent checks every header
 * and payload byte, that each writer's records arrive in order with none
 * lost or repeated, and the totals each writer reports in its last record.
 * Every byte goes user -> kernel (through a temporary mapping of the
 * writer's page) -> pipe -> user (through one of the reader's page), on
 * all CPUs at once.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ktap.h"
#include "util.h"

#define REC_MAGIC	0x4b6d6170u	/* "Kmap" */
#define REC_DONE	0xffffffffu	/* seq of a writer's last record */
#define REC_MAX		4096u		/* PIPE_BUF: atomic pipe writes */
#define RECORDS		300		/* per writer */
#define MAX_WRITERS	32

struct rec_hdr {
	uint32_t magic;
	uint16_t writer;
	uint16_t cpu;
	uint32_t seq;
	uint32_t len;		/* payload bytes after the header */
};

/* What a writer reports in its REC_DONE record. */
struct rec_done {
	uint32_t records;
	uint32_t bytes;
	uint32_t cpus_seen;	/* bit mask */
};

static uint32_t rec_seed(unsigned int writer, uint32_t seq)
{
	return (writer << 20) ^ seq ^ 0x9e3779b9u;
}

static uint32_t payload_len(unsigned int writer, uint32_t seq)
{
	/* 1..REC_MAX - header, spread over the range. */
	return 1 + (pattern_byte(writer, seq) * 16u +
		    pattern_byte(seq, writer) % 16u) %
		   (REC_MAX - sizeof(struct rec_hdr));
}

static int write_all(int fd, const void *buf, size_t len)
{
	ssize_t n = write(fd, buf, len);

	/* A blocking pipe write of <= PIPE_BUF is all or nothing. */
	return n == (ssize_t)len ? 0 : -1;
}

static void writer(int id, int go_fd, int out_fd)
{
	char *area = map_pages(4), c;
	struct rec_done done = { 0, 0, 0 };
	int bad = 0;

	if (!area || read(go_fd, &c, 1) != 1)
		_exit(2);
	for (uint32_t seq = 0; seq < RECORDS; seq++) {
		uint32_t len = payload_len(id, seq);
		/* Start so that the record crosses the first page boundary. */
		char *rec = area + PAGE_SIZE - 1 - (seq * 37) % 600;
		struct rec_hdr h = { REC_MAGIC, id, 0, seq, len };
		int cpu = current_cpu();

		if (cpu >= 0 && cpu < 32) {
			done.cpus_seen |= 1u << cpu;
			h.cpu = cpu;
		}
		memcpy(rec, &h, sizeof(h));
		fill_pattern(rec + sizeof(h), len, rec_seed(id, seq));
		bad |= write_all(out_fd, rec, sizeof(h) + len);
		done.records++;
		done.bytes += sizeof(h) + len;
	}
	{
		struct rec_hdr h = { REC_MAGIC, id, 0, REC_DONE, sizeof(done) };
		char last[sizeof(h) + sizeof(done)];

		memcpy(last, &h, sizeof(h));
		memcpy(last + sizeof(h), &done, sizeof(done));
		bad |= write_all(out_fd, last, sizeof(last));
	}
	_exit(bad ? 1 : 0);
}

struct sink {
	int writers;
	uint32_t next_seq[MAX_WRITERS];
	uint32_t bytes[MAX_WRITERS];
	struct rec_done done[MAX_WRITERS];
	bool finished[MAX_WRITERS];
	unsigned long total;
	int errors;
};

/* Report the first few errors; the count says how many there were. */
static __attribute__((format(printf, 2, 3)))
void sink_error(struct sink *s, const char *fmt, ...)
{
	char msg[160];
	va_list ap;

	if (s->errors++ >= 5)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ktap_fail_at(__FILE__, __LINE__, "%s", msg);
}

/* Check one complete record; false if the stream can't be trusted. */
static bool check_record(struct sink *s, const struct rec_hdr *h,
			 const char *payload)
{
	size_t bad;

	if (h->magic != REC_MAGIC || h->writer >= s->writers) {
		sink_error(s, "garbage header (magic %#x, writer %u)",
			   h->magic, h->writer);
		return false;
	}
	if (h->seq == REC_DONE) {
		memcpy(&s->done[h->writer], payload, sizeof(struct rec_done));
		s->finished[h->writer] = true;
		return true;
	}
	if (h->seq != s->next_seq[h->writer])
		sink_error(s, "writer %u: seq %u, expected %u", h->writer,
			   h->seq, s->next_seq[h->writer]);
	s->next_seq[h->writer] = h->seq + 1;
	bad = check_pattern(payload, h->len, rec_seed(h->writer, h->seq));
	if (bad != h->len)
		sink_error(s, "writer %u seq %u: payload byte %zu of %u differs",
			   h->writer, h->seq, bad, h->len);
	s->bytes[h->writer] += sizeof(*h) + h->len;
	return true;
}

/*
 * Read the pipe to EOF, checking records as they complete. After a broken
 * record the rest is read and dropped, so the writers still finish.
 */
static void drain(struct sink *s, int fd)
{
	static char buf[64 * 1024];
	size_t have = 0;
	bool lost = false;
	ssize_t n;

	while ((n = read(fd, buf + have, sizeof(buf) - have)) > 0) {
		size_t off = 0;

		have += n;
		s->total += n;
		if (lost) {
			have = 0;
			continue;
		}
		while (have - off >= sizeof(struct rec_hdr)) {
			struct rec_hdr h;

			memcpy(&h, buf + off, sizeof(h));
			if (h.len > REC_MAX - sizeof(h)) {
				sink_error(s, "bad record length %u (writer %u)",
					   h.len, h.writer);
				lost = true;
				break;
			}
			if (have - off < sizeof(h) + h.len)
				break;
			if (!check_record(s, &h, buf + off + sizeof(h))) {
				lost = true;
				break;
			}
			off += sizeof(h) + h.len;
		}
		if (lost) {
			have = 0;
			continue;
		}
		memmove(buf, buf + off, have - off);
		have -= off;
	}
	if (n < 0)
		sink_error(s, "read from the pipe: %s", strerror(errno));
	if (have)
		sink_error(s, "%zu bytes of a torn record at EOF", have);
}

static void every_byte_reaches_the_sink(void)
{
	int data[2], go[2], n = online_cpus() < 2 ? 2 : online_cpus();
	static struct sink s;
	pid_t pids[MAX_WRITERS];
	uint32_t all_cpus = 0;
	char why[64];

	if (n > MAX_WRITERS)
		n = MAX_WRITERS;
	memset(&s, 0, sizeof(s));
	s.writers = n;
	if (pipe(data) || pipe(go)) {
		ktap_fail_at(__FILE__, __LINE__, "pipe: %s (the sink; see "
			     "Documentation/userland.md)", strerror(errno));
		return;
	}
	for (int i = 0; i < n; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			close(data[0]);
			close(go[1]);
			writer(i, go[0], data[1]);
		}
	}
	close(data[1]);
	close(go[0]);
	/* Release every writer at once. */
	for (int i = 0; i < n; i++)
		KT_EXPECT_EQ(write(go[1], "g", 1), 1);
	close(go[1]);
	drain(&s, data[0]);
	close(data[0]);

	for (int i = 0; i < n; i++) {
		int status = wait_status(pids[i]);

		if (!WIFEXITED(status) || WEXITSTATUS(status))
			ktap_fail_at(__FILE__, __LINE__, "writer %d %s", i,
				     describe_status(status, why, sizeof(why)));
		KT_EXPECT(s.finished[i]);
		KT_EXPECT_EQ(s.next_seq[i], RECORDS);
		KT_EXPECT_EQ(s.done[i].records, RECORDS);
		KT_EXPECT_EQ(s.done[i].bytes, s.bytes[i]);
		all_cpus |= s.done[i].cpus_seen;
		ktap_diag("writer %d: %u records, %u bytes, CPU mask %#x", i,
			  s.done[i].records, s.done[i].bytes,
			  s.done[i].cpus_seen);
	}
	KT_EXPECT_EQ(s.errors, 0);
	ktap_diag("%d writers, %lu bytes checked, CPUs seen %#x", n, s.total,
		  all_cpus);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(every_byte_reaches_the_sink),
	{ 0 }
};

int main(void)
{
	return ktap_main("percpu_write", cases);
}
