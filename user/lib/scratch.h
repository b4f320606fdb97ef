/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A scratch directory for the file system tests, and small file helpers.
 *
 * scratch_init("suite") makes a fresh directory with mkdtemp() under
 * $TMPDIR if it is set, else under /tmp, and removes it (with everything
 * in it) when the process that made it exits. A fresh directory, not
 * $TMPDIR itself, so that a listing test sees only its own names and
 * two suites can share one $TMPDIR.
 */
#ifndef USER_SCRATCH_H
#define USER_SCRATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Make the directory; 0, or -errno (also printed as a diagnostic). */
int scratch_init(const char *suite);
/* Its path ("" before a successful scratch_init). */
const char *scratch_dir(void);
/*
 * "<scratch dir>/<printf(fmt, ...)>" in one of SPATH_BUFS rotating static
 * buffers: a result stays valid for the next SPATH_BUFS - 1 calls, enough
 * for the names one test case keeps in variables (not for loops).
 */
#define SPATH_BUFS	64
const char *spath(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* rm -r path (does not follow symlinks); 0, or -errno of the first error. */
int remove_tree(const char *path);

/* Whole-buffer write/pwrite/read, retrying short counts; 0 or -errno. */
int write_full(int fd, const void *buf, size_t len);
int pwrite_full(int fd, const void *buf, size_t len, off_t off);
int pread_full(int fd, void *buf, size_t len, off_t off);

/* Create (or truncate) path with len pattern bytes (fill_pattern seed). */
int make_file(const char *path, size_t len, uint32_t seed);
/* Do len bytes at off of fd hold the pattern, from pattern offset off? */
bool file_has_pattern(int fd, off_t off, size_t len, uint32_t seed);
/* Are len bytes at off of fd all zero? */
bool file_is_zero(int fd, off_t off, size_t len);

/* The file system type of path (statfs f_type), or 0. */
unsigned long fs_type(const char *path);
#define TMPFS_MAGIC_NR	0x01021994

/* Run as root (euid 0)? */
bool is_root(void);

#endif
