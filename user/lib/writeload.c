// SPDX-License-Identifier: GPL-2.0
/*
 * The concurrent write() load of writeload.h.
 *
 * One run, for P workers (the caller is the parent):
 *
 *   writer i (pinned to cpus[i]) --write()--> data pipe i, /dev/null or
 *                                            a file (writeload_file.c)
 *   reader i (pinned to its CPU) <--read()--- data pipe i
 *   every child --one report each--> results pipe --> parent
 *
 * Each child pins itself, maps and touches its buffer (so the timed part
 * is write(), not page faults), says "ready" on a pipe and closes it. The
 * parent then releases every writer at once through the "go" pipe. A
 * writer stops after its time or byte budget and closes its end; its
 * reader reads to end of file. A report is smaller than PIPE_BUF, so
 * reports from many children never interleave.
 *
 * Nothing here is shared memory (kmapos has no MAP_SHARED): everything a
 * child tells the parent goes through the results pipe.
 */
#define _GNU_SOURCE
#include "writeload.h"
#include "writeload_int.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define READ_BUF	(64 * 1024)	/* a reader's read() size */
#define CLOCK_GAP_NS	1000000		/* aim: a clock read per ms */
#define CLOCK_EVERY_MAX	4096		/* writes between clock reads */

enum role { WRITER, READER };

struct report {
	uint16_t role, id;
	struct wl_side side;
};

_Static_assert(sizeof(struct report) <= 4096, "a report must be atomic");

struct run_pipes {
	int ready[2];	/* children -> parent: set up, about to start */
	int go[2];	/* parent -> writers: start now */
	int res[2];	/* children -> parent: struct report */
};

static const char *const sink_names[WL_NR_SINKS] = {
	[WL_NULL] = "null",
	[WL_PIPE_SAME] = "pipe-same",
	[WL_PIPE_OTHER] = "pipe-other",
	[WL_FILE] = "file",
	[WL_FILE_APPEND] = "file-append",
	[WL_FILE_PWRITE] = "file-pwrite",
};

bool wl_has_reader(enum wl_sink sink)
{
	return sink == WL_PIPE_SAME || sink == WL_PIPE_OTHER;
}

const char *wl_sink_name(enum wl_sink sink)
{
	return sink < WL_NR_SINKS ? sink_names[sink] : "?";
}

enum wl_sink wl_sink_parse(const char *name)
{
	for (int s = 0; s < WL_NR_SINKS; s++)
		if (!strcmp(name, sink_names[s]))
			return s;
	return WL_NR_SINKS;
}

int wl_allowed_cpus(int *cpus, int max)
{
	cpu_set_t set;
	int n = 0;

	if (sched_getaffinity(0, sizeof(set), &set))
		return 0;
	for (int cpu = 0; cpu < CPU_SETSIZE && n < max; cpu++)
		if (CPU_ISSET(cpu, &set))
			cpus[n++] = cpu;
	return n;
}

size_t wl_pages_touched(size_t len, size_t offset)
{
	return (offset + len + PAGE_SIZE - 1) / PAGE_SIZE;
}

int64_t wl_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* ---- the stream -------------------------------------------------------- */

uint32_t wl_worker_seed(const struct wl_config *c, int id)
{
	return c->seed * 2654435761u + (uint32_t)id * 40503u + 1;
}

static bool stamped(size_t len)
{
	return len >= WL_STAMP_MIN;
}

static __attribute__((format(printf, 2, 3)))
void side_error(struct wl_side *s, const char *fmt, ...)
{
	va_list ap;

	if (s->error[0])
		return;		/* the first error explains the rest */
	va_start(ap, fmt);
	vsnprintf(s->error, sizeof(s->error), fmt, ap);
	va_end(ap);
}

static void stream_error(struct wl_side *s, size_t len, uint64_t off,
			 uint8_t got, uint8_t want)
{
	side_error(s, "stream byte %llu (write %llu, offset %zu) is 0x%02x, "
		   "expected 0x%02x", (unsigned long long)off,
		   (unsigned long long)(off / len), (size_t)(off % len), got,
		   want);
}

/*
 * Compare n bytes read at stream offset `off` with what the writer sent
 * there: write k = off / len carries k in its first four bytes and
 * ref[pos] elsewhere. False at the first difference (reported in s).
 */
static bool check_stream(size_t len, const uint8_t *ref, uint64_t off,
			 const uint8_t *buf, size_t n, struct wl_side *s)
{
	size_t i = 0;

	while (i < n) {
		uint32_t k = (uint32_t)(off / len);
		size_t pos = off % len, step;

		if (stamped(len) && pos < sizeof(k)) {
			uint8_t want = (uint8_t)(k >> (8 * pos));

			if (buf[i] != want) {
				stream_error(s, len, off, buf[i], want);
				return false;
			}
			step = 1;
		} else {
			step = len - pos < n - i ? len - pos : n - i;
			if (memcmp(buf + i, ref + pos, step)) {
				size_t j = 0;

				while (buf[i + j] == ref[pos + j])
					j++;
				stream_error(s, len, off + j, buf[i + j],
					     ref[pos + j]);
				return false;
			}
		}
		i += step;
		off += step;
	}
	return true;
}

/* ---- the children ------------------------------------------------------ */

static void pin_side(struct wl_side *s)
{
	int err = pin_to_cpu(s->cpu);

	if (err)
		side_error(s, "sched_setaffinity(CPU %d): %s", s->cpu,
			   strerror(-err));
	s->cpu_seen[0] = current_cpu();
}

/* The buffer at `offset` in freshly mapped, touched pages; or NULL. */
static uint8_t *map_buffer(struct wl_side *s, size_t len, size_t offset)
{
	size_t pages = wl_pages_touched(len, offset);
	char *area = map_pages(pages);

	if (!area) {
		side_error(s, "mmap of %zu pages: %s", pages, strerror(errno));
		return NULL;
	}
	return (uint8_t *)area + offset;
}

static void say_ready(struct run_pipes *p)
{
	/* A lost byte only delays the start until the parent sees EOF. */
	ssize_t n = write(p->ready[1], "r", 1);

	(void)n;
	close(p->ready[1]);
}

static __attribute__((noreturn))
void finish_child(struct run_pipes *p, enum role role, int id,
		  struct wl_side *s)
{
	struct report rep = { role, id, *s };

	rep.side.cpu_seen[1] = current_cpu();
	_exit(write(p->res[1], &rep, sizeof(rep)) == sizeof(rep) ? 0 : 3);
}

/*
 * Time to stop? A clock read is a system call on kmapos (no vDSO), as
 * costly as a small write(), so it is made about once a millisecond:
 * every `*every` writes, a number that adapts to how long writes take.
 */
static bool time_is_up(const struct wl_config *c, int64_t deadline,
		       int64_t *last, uint32_t *every, uint32_t *since)
{
	int64_t now;

	if (!c->ns || ++*since < *every)
		return false;
	now = wl_now_ns();
	*since = 0;
	if (now - *last < CLOCK_GAP_NS / 2 && *every < CLOCK_EVERY_MAX)
		*every *= 2;
	else if (now - *last > CLOCK_GAP_NS * 2 && *every > 1)
		*every /= 2;
	*last = now;
	return now >= deadline;
}

static ssize_t write_one(const struct wl_config *c, int id, int fd,
			 const uint8_t *buf, uint32_t k, uint64_t *pos)
{
	if (wl_is_file(c->sink))
		return wl_file_write(c, id, fd, buf, k, pos);
	return write(fd, buf, c->len);
}

static void write_loop(const struct wl_config *c, int id, int fd,
		       uint8_t *buf, struct wl_side *s)
{
	uint32_t k = 0, every = 1, since = 0;
	uint64_t pos = 0;
	int64_t deadline, last;

	s->t_start = last = wl_now_ns();
	deadline = s->t_start + c->ns;
	for (;;) {
		ssize_t n;

		if (stamped(c->len))
			memcpy(buf, &k, sizeof(k));
		n = write_one(c, id, fd, buf, k, &pos);
		if (n < 0 && errno == EINTR)
			continue;
		if (n != (ssize_t)c->len) {
			if (n < 0)
				side_error(s, "write %u of %zu bytes: %s", k,
					   c->len, strerror(errno));
			else
				side_error(s, "short write %u: %zd of %zu "
					   "bytes", k, n, c->len);
			break;
		}
		k++;
		s->calls++;
		s->bytes += c->len;
		if (c->bytes && s->bytes >= c->bytes)
			break;
		if (wl_file_full(c, s->bytes))
			break;
		if (time_is_up(c, deadline, &last, &every, &since))
			break;
	}
	s->t_end = wl_now_ns();
}

static __attribute__((noreturn))
void writer_main(const struct wl_config *c, int id, int fd,
		 struct run_pipes *p, struct wl_side *s)
{
	uint8_t *buf;
	char go;

	pin_side(s);
	buf = map_buffer(s, c->len, c->offset);
	if (buf)
		fill_pattern(buf, c->len, wl_worker_seed(c, id));
	if (fd < 0)
		side_error(s, "open of the %s sink: %s", wl_sink_name(c->sink),
			   strerror(-fd));
	say_ready(p);
	if (read(p->go[0], &go, 1) != 1)
		side_error(s, "no start signal from the parent");
	if (!s->error[0])
		write_loop(c, id, fd, buf, s);
	close(fd);
	finish_child(p, WRITER, id, s);
}

/* Read to end of file; after an error keep draining, so the writer ends. */
static void read_loop(const struct wl_config *c, int fd, uint8_t *buf,
		      const uint8_t *ref, struct wl_side *s)
{
	for (;;) {
		ssize_t n = read(fd, buf, READ_BUF);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			side_error(s, "read after %llu bytes: %s",
				   (unsigned long long)s->bytes,
				   strerror(errno));
		if (n <= 0)
			break;
		if (!s->calls)
			s->t_start = wl_now_ns();
		if (ref && !s->error[0])
			check_stream(c->len, ref, s->bytes, buf, n, s);
		s->bytes += n;
		s->calls++;
	}
	s->t_end = wl_now_ns();
}

static __attribute__((noreturn))
void reader_main(const struct wl_config *c, int id, int fd,
		 struct run_pipes *p, struct wl_side *s)
{
	uint8_t *buf, *ref = NULL;

	pin_side(s);
	buf = map_buffer(s, READ_BUF, 0);
	if (c->verify) {
		ref = malloc(c->len);
		if (ref)
			fill_pattern(ref, c->len, wl_worker_seed(c, id));
		else
			side_error(s, "no memory for %zu bytes", c->len);
	}
	say_ready(p);
	/* Without a buffer, closing makes the writer fail with EPIPE. */
	if (buf && (ref || !c->verify))
		read_loop(c, fd, buf, ref, s);
	close(fd);
	finish_child(p, READER, id, s);
}

/* ---- the parent -------------------------------------------------------- */

void wl_run_error(struct wl_result *r, const char *fmt, ...)
{
	va_list ap;

	if (r->errors < WL_MAX_ERRORS) {
		va_start(ap, fmt);
		vsnprintf(r->error[r->errors], sizeof(r->error[0]), fmt, ap);
		va_end(ap);
	}
	r->errors++;
}

/* Close in a child what only the parent or the other role uses. */
static void child_fds(struct run_pipes *p, enum role role)
{
	close(p->ready[0]);
	close(p->go[1]);
	close(p->res[0]);
	if (role == READER)
		close(p->go[0]);
	/* A writer whose reader is gone gets EPIPE, on Linux as on kmapos. */
	signal(SIGPIPE, SIG_IGN);
}

static pid_t start_reader(const struct wl_config *c, int id, int data[2],
			  struct run_pipes *p, struct wl_result *r)
{
	pid_t pid = fork();

	if (pid == 0) {
		child_fds(p, READER);
		close(data[1]);
		reader_main(c, id, data[0], p, &r->w[id].reader);
	}
	if (pid < 0)
		wl_run_error(r, "fork of reader %d: %s", id, strerror(errno));
	return pid;
}

static pid_t start_writer(const struct wl_config *c, int id, int data[2],
			  struct run_pipes *p, struct wl_result *r)
{
	pid_t pid = fork();

	if (pid == 0) {
		int fd;

		child_fds(p, WRITER);
		if (c->sink == WL_NULL) {
			fd = open("/dev/null", O_WRONLY);
			fd = fd < 0 ? -errno : fd;
		} else if (wl_is_file(c->sink)) {
			fd = wl_file_open(c, id);
		} else {
			close(data[0]);
			fd = data[1];
		}
		writer_main(c, id, fd, p, &r->w[id].writer);
	}
	if (pid < 0)
		wl_run_error(r, "fork of writer %d: %s", id, strerror(errno));
	return pid;
}

/* Fork worker id's reader (pipe sinks) and writer; pids in pid[role]. */
static void start_worker(const struct wl_config *c, int id,
			 struct run_pipes *p, struct wl_result *r,
			 pid_t pid[2])
{
	int data[2] = { -1, -1 };

	if (wl_has_reader(c->sink) && pipe(data)) {
		wl_run_error(r, "pipe for worker %d: %s", id, strerror(errno));
		return;
	}
	if (wl_has_reader(c->sink))
		pid[READER] = start_reader(c, id, data, p, r);
	if (!wl_has_reader(c->sink) || pid[READER] > 0)
		pid[WRITER] = start_writer(c, id, data, p, r);
	/* Later children must not hold this pipe: EOF needs its writer only. */
	if (data[0] >= 0) {
		close(data[0]);
		close(data[1]);
	}
}

/* Wait for n "ready" bytes, or for every child to have closed its end. */
static void wait_ready(int fd, int n)
{
	char buf[64];

	while (n > 0) {
		ssize_t got = read(fd, buf, n < 64 ? n : 64);

		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return;
		n -= got;
	}
}

static void release_writers(int fd, int n)
{
	char go[WL_MAX_WORKERS];

	ssize_t done;

	/* If this fails, the writers report "no start signal". */
	memset(go, 'g', sizeof(go));
	done = n > 0 ? write(fd, go, n) : 0;
	(void)done;
}

static bool read_report(int fd, struct report *rep)
{
	size_t have = 0;

	while (have < sizeof(*rep)) {
		ssize_t n = read(fd, (char *)rep + have, sizeof(*rep) - have);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		have += n;
	}
	return true;
}

static void collect_reports(int fd, const struct wl_config *c,
			    struct wl_result *r)
{
	struct report rep;

	while (read_report(fd, &rep)) {
		struct wl_side *s;

		if (rep.id >= c->workers || rep.role > READER) {
			wl_run_error(r, "garbage report (role %u, id %u)",
				  rep.role, rep.id);
			continue;
		}
		s = rep.role == WRITER ? &r->w[rep.id].writer :
					 &r->w[rep.id].reader;
		rep.side.cpu = s->cpu;	/* the parent's word on the pinning */
		*s = rep.side;
		s->reported = true;
	}
}

static void check_side(struct wl_result *r, const char *what, int id,
		       const struct wl_side *s)
{
	char why[64];

	if (!s->reported)
		wl_run_error(r, "%s %d sent no report: %s", what, id,
			  describe_status(s->status, why, sizeof(why)));
	else if (s->error[0])
		wl_run_error(r, "%s %d on CPU %d: %s", what, id, s->cpu,
			  s->error);
	else if (s->cpu_seen[0] != s->cpu || s->cpu_seen[1] != s->cpu)
		wl_run_error(r, "%s %d pinned to CPU %d ran on CPU %d, then %d",
			  what, id, s->cpu, s->cpu_seen[0], s->cpu_seen[1]);
	if (s->reported && !(WIFEXITED(s->status) && !WEXITSTATUS(s->status)))
		wl_run_error(r, "%s %d %s", what, id,
			  describe_status(s->status, why, sizeof(why)));
}

static void evaluate(const struct wl_config *c, struct wl_result *r)
{
	int64_t first = INT64_MAX, last = 0;

	for (int i = 0; i < c->workers; i++) {
		const struct wl_side *w = &r->w[i].writer, *rd = &r->w[i].reader;

		check_side(r, "writer", i, w);
		if (wl_has_reader(c->sink)) {
			check_side(r, "reader", i, rd);
			if (w->reported && rd->reported && rd->bytes != w->bytes)
				wl_run_error(r, "reader %d got %llu bytes, writer "
					  "%d wrote %llu", i,
					  (unsigned long long)rd->bytes, i,
					  (unsigned long long)w->bytes);
		}
		r->bytes += w->bytes;
		r->calls += w->calls;
		if (w->calls && w->t_start < first)
			first = w->t_start;
		if (w->calls && w->t_end > last)
			last = w->t_end;
	}
	r->span_ns = last > first ? last - first : 0;
}

static bool config_ok(const struct wl_config *c, struct wl_result *r)
{
	if (c->workers < 1 || c->workers > WL_MAX_WORKERS)
		wl_run_error(r, "%d workers: 1..%d", c->workers, WL_MAX_WORKERS);
	else if (c->len < 1 || c->len > WL_MAX_LEN || c->offset >= PAGE_SIZE)
		wl_run_error(r, "bad buffer: %zu bytes at page offset %zu",
			  c->len, c->offset);
	else if (c->ncpus < 1 || (c->sink == WL_PIPE_OTHER && c->ncpus < 2))
		wl_run_error(r, "%s with %d CPU(s)", wl_sink_name(c->sink),
			  c->ncpus);
	else if (wl_is_file(c->sink) && !c->dir)
		wl_run_error(r, "%s needs a directory", wl_sink_name(c->sink));
	else if (c->sink >= WL_NR_SINKS || (!c->ns && !c->bytes))
		wl_run_error(r, "no such sink, or neither a time nor a byte "
			  "limit");
	return !r->errors;
}

static void assign_cpus(const struct wl_config *c, struct wl_result *r)
{
	for (int i = 0; i < c->workers; i++) {
		int cpu = c->cpus[i % c->ncpus];

		r->w[i].writer.cpu = cpu;
		r->w[i].reader.cpu = !wl_has_reader(c->sink) ? -1 :
			c->sink == WL_PIPE_SAME ? cpu :
			c->cpus[(i + 1) % c->ncpus];
	}
}

static void reap(const struct wl_config *c, struct wl_result *r,
		 pid_t pid[][2])
{
	for (int i = 0; i < c->workers; i++) {
		r->w[i].writer.status = pid[i][WRITER] > 0 ?
			wait_status(pid[i][WRITER]) : -1;
		r->w[i].reader.status = pid[i][READER] > 0 ?
			wait_status(pid[i][READER]) : -1;
	}
}

int wl_run(const struct wl_config *c, struct wl_result *r)
{
	pid_t pid[WL_MAX_WORKERS][2];
	struct run_pipes p;
	int children = 0, writers = 0;

	memset(r, 0, sizeof(*r));
	if (!config_ok(c, r))
		return r->errors;
	assign_cpus(c, r);
	if (wl_is_file(c->sink)) {
		int err = wl_file_prepare(c);

		if (err) {
			wl_run_error(r, "%s sink in %s: %s",
				     wl_sink_name(c->sink), c->dir,
				     strerror(-err));
			return r->errors;
		}
	}
	if (pipe(p.ready) || pipe(p.go) || pipe(p.res)) {
		wl_run_error(r, "pipe: %s", strerror(errno));
		return r->errors;
	}
	memset(pid, 0, sizeof(pid));
	for (int i = 0; i < c->workers; i++) {
		start_worker(c, i, &p, r, pid[i]);
		writers += pid[i][WRITER] > 0;
		children += (pid[i][WRITER] > 0) + (pid[i][READER] > 0);
	}
	close(p.ready[1]);
	close(p.go[0]);
	close(p.res[1]);
	wait_ready(p.ready[0], children);
	close(p.ready[0]);
	release_writers(p.go[1], writers);
	close(p.go[1]);
	collect_reports(p.res[0], c, r);
	close(p.res[0]);
	reap(c, r, pid);
	evaluate(c, r);
	if (wl_is_file(c->sink))
		wl_file_finish(c, r);
	return r->errors;
}
