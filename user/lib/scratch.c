// SPDX-License-Identifier: GPL-2.0
/* The scratch directory and file helpers of scratch.h. */
#define _GNU_SOURCE
#include "scratch.h"
#include "ktap.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statfs.h>
#include <unistd.h>

static char dir[PATH_MAX / 2];
static pid_t owner;

const char *scratch_dir(void)
{
	return dir;
}

static void cleanup(void)
{
	/* Forked children that exit() must not remove the parent's files. */
	if (dir[0] && getpid() == owner && remove_tree(dir))
		ktap_line("# scratch: could not remove %s", dir);
}

int scratch_init(const char *suite)
{
	const char *base = getenv("TMPDIR");
	char tmpl[sizeof(dir)];

	if (!base || !*base)
		base = "/tmp";
	snprintf(tmpl, sizeof(tmpl), "%s/ktest-%s.XXXXXX", base, suite);
	if (!mkdtemp(tmpl)) {
		int err = errno;

		ktap_line("# scratch: mkdtemp(%s): %s", tmpl, strerror(err));
		return -err;
	}
	snprintf(dir, sizeof(dir), "%s", tmpl);
	owner = getpid();
	atexit(cleanup);
	return 0;
}

const char *spath(const char *fmt, ...)
{
	static char bufs[SPATH_BUFS][PATH_MAX];
	static unsigned int next;
	char *b = bufs[next++ % SPATH_BUFS];
	int n = snprintf(b, PATH_MAX, "%s/", dir);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(b + n, PATH_MAX - n, fmt, ap);
	va_end(ap);
	return b;
}

static int remove_err;

static int remove_one(const char *path, const struct stat *st, int type,
		      struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if ((type == FTW_DP ? rmdir(path) : unlink(path)) && !remove_err)
		remove_err = -errno;
	return 0;
}

int remove_tree(const char *path)
{
	remove_err = 0;
	if (nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS) && !remove_err)
		remove_err = -errno;
	return remove_err;
}

int write_full(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : -EIO;
		p += n;
		len -= n;
	}
	return 0;
}

int pwrite_full(int fd, const void *buf, size_t len, off_t off)
{
	const char *p = buf;

	while (len) {
		ssize_t n = pwrite(fd, p, len, off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : -EIO;
		p += n;
		len -= n;
		off += n;
	}
	return 0;
}

int pread_full(int fd, void *buf, size_t len, off_t off)
{
	char *p = buf;

	while (len) {
		ssize_t n = pread(fd, p, len, off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : -EIO;	/* EIO: early EOF */
		p += n;
		len -= n;
		off += n;
	}
	return 0;
}

int make_file(const char *path, size_t len, uint32_t seed)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644), err;
	char *buf;

	if (fd < 0)
		return -errno;
	buf = malloc(len ? len : 1);
	if (!buf) {
		close(fd);
		return -ENOMEM;
	}
	fill_pattern(buf, len, seed);
	err = write_full(fd, buf, len);
	free(buf);
	if (close(fd) && !err)
		err = -errno;
	return err;
}

#define CHUNK	8192

/*
 * Compare in chunks; the pattern of a chunk starting at file offset o is
 * pattern_byte(seed, o + i).
 */
bool file_has_pattern(int fd, off_t off, size_t len, uint32_t seed)
{
	uint8_t buf[CHUNK];

	while (len) {
		size_t n = len < CHUNK ? len : CHUNK;

		if (pread_full(fd, buf, n, off))
			return false;
		for (size_t i = 0; i < n; i++)
			if (buf[i] != pattern_byte(seed, off + i))
				return false;
		off += n;
		len -= n;
	}
	return true;
}

bool file_is_zero(int fd, off_t off, size_t len)
{
	uint8_t buf[CHUNK];

	while (len) {
		size_t n = len < CHUNK ? len : CHUNK;

		if (pread_full(fd, buf, n, off))
			return false;
		for (size_t i = 0; i < n; i++)
			if (buf[i])
				return false;
		off += n;
		len -= n;
	}
	return true;
}

unsigned long fs_type(const char *path)
{
	struct statfs sf;

	return statfs(path, &sf) ? 0 : (unsigned long)sf.f_type;
}

bool is_root(void)
{
	return geteuid() == 0;
}
