// SPDX-License-Identifier: GPL-2.0
/*
 * The file sinks of writeload.h: file, file-append, file-pwrite.
 *
 * Write number k of a writer always carries k in its first four bytes
 * (when stamped) and the writer's pattern after that, as for the pipes,
 * so what a file holds at the end says which write put it there:
 *
 *   file, file-pwrite  m = WL_FILE_WRAP / len writes (at least 1) fit in
 *                      a writer's range; write k lands in slot k % m, so
 *                      slot j holds the last such k below the writer's
 *                      count of writes
 *   file-append        every write is whole and at a multiple of len
 *                      (an O_APPEND write is atomic); each writer's
 *                      numbers appear in order, all of them, none twice
 */
#define _GNU_SOURCE
#include "writeload_int.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define VERIFY_BUF	(1u << 20)

static pid_t owner;	/* the parent: its pid makes the names unique */

bool wl_is_file(enum wl_sink sink)
{
	return sink == WL_FILE || sink == WL_FILE_APPEND ||
	       sink == WL_FILE_PWRITE;
}

/* id -1: the shared file. */
static void file_path(const struct wl_config *c, int id, char *buf,
		      size_t size)
{
	if (id < 0 || c->sink != WL_FILE)
		snprintf(buf, size, "%s/wb-%d-%s", c->dir, (int)owner,
			 wl_sink_name(c->sink));
	else
		snprintf(buf, size, "%s/wb-%d-file-%d", c->dir, (int)owner, id);
}

static uint64_t slots(const struct wl_config *c)
{
	uint64_t m = WL_FILE_WRAP / c->len;

	return m ? m : 1;
}

int wl_file_prepare(const struct wl_config *c)
{
	char path[PATH_MAX];
	int fd;

	owner = getpid();
	if (c->sink == WL_FILE)
		return 0;
	file_path(c, -1, path, sizeof(path));
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
}

int wl_file_open(const struct wl_config *c, int id)
{
	char path[PATH_MAX];
	int flags = O_WRONLY;
	int fd;

	file_path(c, id, path, sizeof(path));
	if (c->sink == WL_FILE)
		flags |= O_CREAT | O_TRUNC;
	if (c->sink == WL_FILE_APPEND)
		flags |= O_APPEND;
	fd = open(path, flags, 0644);
	return fd < 0 ? -errno : fd;
}

ssize_t wl_file_write(const struct wl_config *c, int id, int fd,
		      const void *buf, uint32_t k, uint64_t *pos)
{
	ssize_t n;

	switch (c->sink) {
	case WL_FILE:
		/* write1's shape: back to the start before passing 1 MiB. */
		if (*pos && *pos + c->len > WL_FILE_WRAP) {
			if (lseek(fd, 0, SEEK_SET))
				return -1;
			*pos = 0;
		}
		n = write(fd, buf, c->len);
		if (n > 0)
			*pos += n;
		return n;
	case WL_FILE_PWRITE:
		return pwrite(fd, buf, c->len,
			      (off_t)((id * slots(c) + k % slots(c)) * c->len));
	default:
		return write(fd, buf, c->len);
	}
}

bool wl_file_full(const struct wl_config *c, uint64_t bytes)
{
	uint64_t cap = WL_APPEND_CAP / c->workers / c->len * c->len;

	return c->sink == WL_FILE_APPEND && bytes >= (cap ? cap : c->len);
}

/* ---- reading back -------------------------------------------------------- */

struct checker {
	const struct wl_config *c;
	struct wl_result *r;
	int fd;
	uint8_t *ref;		/* the pattern of worker ref_id */
	int ref_id;
	uint8_t *buf;		/* a multiple of len, at least len */
	size_t buf_len;
};

static const uint8_t *ref_of(struct checker *ck, int id)
{
	if (ck->ref_id != id) {
		fill_pattern(ck->ref, ck->c->len, wl_worker_seed(ck->c, id));
		ck->ref_id = id;
	}
	return ck->ref;
}

static size_t stamp_len(const struct wl_config *c)
{
	return c->len >= WL_STAMP_MIN ? sizeof(uint32_t) : 0;
}

/* Is w write number k of worker id (k unchecked when not stamped)? */
static bool is_write(struct checker *ck, const uint8_t *w, int id, uint32_t k)
{
	size_t s = stamp_len(ck->c);
	uint32_t got;

	memcpy(&got, w, s);
	if (s && got != k)
		return false;
	return !memcmp(w + s, ref_of(ck, id) + s, ck->c->len - s);
}

static bool check_size(struct checker *ck, uint64_t want)
{
	struct stat st;

	if (fstat(ck->fd, &st)) {
		wl_run_error(ck->r, "fstat: %s", strerror(errno));
		return false;
	}
	if ((uint64_t)st.st_size != want)
		wl_run_error(ck->r, "%s: file size %lld, expected %llu",
			     wl_sink_name(ck->c->sink), (long long)st.st_size,
			     (unsigned long long)want);
	return (uint64_t)st.st_size == want;
}

/* A writer's range (file, file-pwrite): slot j holds its last write j mod m. */
static void check_range(struct checker *ck, int id, uint64_t base)
{
	uint64_t calls = ck->r->w[id].writer.calls, m = slots(ck->c);
	size_t len = ck->c->len;

	for (uint64_t j = 0; j < m && j < calls; j++) {
		uint32_t k = j + m * ((calls - 1 - j) / m);

		ssize_t n = pread(ck->fd, ck->buf, len, base + j * len);

		if (n != (ssize_t)len || !is_write(ck, ck->buf, id, k)) {
			wl_run_error(ck->r, "%s: writer %d: offset %llu is not "
				     "its write %u", wl_sink_name(ck->c->sink),
				     id, (unsigned long long)(base + j * len),
				     k);
			return;
		}
	}
}

/* Which writer's (next) write is w? -1 if none. */
static int whose_write(struct checker *ck, const uint8_t *w, uint32_t *next)
{
	/* The last one's first: runs of one writer are common. */
	if (ck->ref_id >= 0 && is_write(ck, w, ck->ref_id, next[ck->ref_id]))
		return ck->ref_id;
	for (int id = 0; id < ck->c->workers; id++) {
		uint8_t b = pattern_byte(wl_worker_seed(ck->c, id),
					 stamp_len(ck->c));

		if (ck->c->len > stamp_len(ck->c) && w[stamp_len(ck->c)] != b)
			continue;	/* cheap first look */
		if (is_write(ck, w, id, next[id]))
			return id;
	}
	return -1;
}

static void check_appended(struct checker *ck, uint64_t size)
{
	uint32_t next[WL_MAX_WORKERS] = { 0 };
	size_t len = ck->c->len;

	for (uint64_t off = 0; off < size; off += ck->buf_len) {
		size_t n = size - off < ck->buf_len ? size - off : ck->buf_len;

		if (pread(ck->fd, ck->buf, n, off) != (ssize_t)n) {
			wl_run_error(ck->r, "file-append: read at %llu failed",
				     (unsigned long long)off);
			return;
		}
		for (size_t i = 0; i < n; i += len) {
			int id = whose_write(ck, ck->buf + i, next);

			if (id < 0) {
				wl_run_error(ck->r, "file-append: offset %llu "
					     "is no writer's next write",
					     (unsigned long long)(off + i));
				return;
			}
			next[id]++;
		}
	}
	/* Unnumbered short writes of two writers may look alike. */
	if (!stamp_len(ck->c))
		return;
	for (int id = 0; id < ck->c->workers; id++)
		if (next[id] != ck->r->w[id].writer.calls)
			wl_run_error(ck->r, "file-append: %u writes of writer "
				     "%d found, it made %llu", next[id], id,
				     (unsigned long long)
				     ck->r->w[id].writer.calls);
}

static void verify_file(struct checker *ck, int id)
{
	const struct wl_config *c = ck->c;
	uint64_t m = slots(c), size = 0, total = 0;

	for (int i = 0; i < c->workers; i++) {
		uint64_t calls = ck->r->w[i].writer.calls;
		uint64_t end = (calls < m ? calls : m) * c->len;

		total += ck->r->w[i].writer.bytes;
		if (c->sink == WL_FILE_PWRITE && calls)
			size = i * m * c->len + end;
		if (c->sink == WL_FILE && i == id)
			size = end;
	}
	if (c->sink == WL_FILE_APPEND)
		size = total;
	if (!check_size(ck, size))
		return;
	if (c->sink == WL_FILE_APPEND)
		check_appended(ck, size);
	else if (c->sink == WL_FILE)
		check_range(ck, id, 0);
	else
		for (int i = 0; i < c->workers; i++)
			check_range(ck, i, i * m * c->len);
}

static void verify_and_remove(struct checker *ck, int id)
{
	char path[PATH_MAX];

	file_path(ck->c, id, path, sizeof(path));
	ck->fd = open(path, O_RDONLY);
	if (ck->fd < 0) {
		wl_run_error(ck->r, "open %s: %s", path, strerror(errno));
		return;
	}
	if (ck->c->verify && !ck->r->errors)
		verify_file(ck, id);
	close(ck->fd);
	if (unlink(path))
		wl_run_error(ck->r, "unlink %s: %s", path, strerror(errno));
}

void wl_file_finish(const struct wl_config *c, struct wl_result *r)
{
	size_t buf_len = c->len > VERIFY_BUF ? c->len :
			 VERIFY_BUF / c->len * c->len;
	struct checker ck = {
		.c = c, .r = r, .ref_id = -1, .buf_len = buf_len,
		.ref = malloc(c->len), .buf = malloc(buf_len),
	};

	if (!ck.ref || !ck.buf) {
		wl_run_error(r, "no memory to read the files back");
	} else if (c->sink == WL_FILE) {
		for (int id = 0; id < c->workers; id++)
			verify_and_remove(&ck, id);
	} else {
		verify_and_remove(&ck, -1);
	}
	free(ck.ref);
	free(ck.buf);
}
