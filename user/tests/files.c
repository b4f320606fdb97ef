// SPDX-License-Identifier: GPL-2.0
/*
 * files: regular files on a writable file system (tmpfs on kmapos), the
 * calls one file at a time. open/openat/creat and their flags, the
 * read/write family with and without offsets and vectors, lseek
 * (including 64-bit offsets, SEEK_DATA and SEEK_HOLE), holes, truncate
 * and fallocate, the sync calls, statfs accounting and the stat fields.
 *
 * Everything happens in a fresh scratch directory (scratch.h: under
 * $TMPDIR or /tmp). The expectations are Linux's; where file systems may
 * differ within Linux (where a hole is reported), the exact answer is
 * checked on tmpfs and a bound elsewhere.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "ktap.h"
#include "scratch.h"
#include "util.h"

#define MiB	(1024 * 1024)

static off_t file_size(int fd)
{
	struct stat st;

	return fstat(fd, &st) ? -1 : st.st_size;
}

static void open_create_flags(void)
{
	const char *f = spath("create"), *g = spath("create2");
	struct stat st;
	int fd, fd2;

	EXPECT_ERR(open(f, O_RDONLY), ENOENT);
	fd = open(f, O_RDWR | O_CREAT | O_EXCL, 0666);
	KT_ASSERT(fd >= 0);
	KT_ASSERT_EQ(fstat(fd, &st), 0);
	KT_EXPECT(S_ISREG(st.st_mode));
	KT_EXPECT_EQ(st.st_mode & 07777, 0644);	/* umask 022 from main */
	KT_EXPECT_EQ(st.st_size, 0);
	KT_EXPECT_EQ(st.st_nlink, 1);
	KT_EXPECT_EQ(st.st_uid, geteuid());
	KT_EXPECT_EQ(st.st_gid, getegid());
	KT_EXPECT_EQ(write(fd, "hello", 5), 5);
	close(fd);
	EXPECT_ERR(open(f, O_RDWR | O_CREAT | O_EXCL, 0666), EEXIST);
	/* O_CREAT without O_EXCL opens the existing file, keeps its data. */
	fd = open(f, O_RDWR | O_CREAT, 0600);
	KT_ASSERT(fd >= 0);
	KT_EXPECT_EQ(file_size(fd), 5);
	KT_EXPECT_EQ(fstat(fd, &st), 0);
	KT_EXPECT_EQ(st.st_mode & 07777, 0644);	/* mode only on creation */
	close(fd);
	/* O_TRUNC empties it. */
	fd = open(f, O_WRONLY | O_TRUNC);
	KT_ASSERT(fd >= 0);
	KT_EXPECT_EQ(file_size(fd), 0);
	close(fd);
	/* creat() is O_CREAT | O_WRONLY | O_TRUNC. */
	fd = creat(g, 0640);
	KT_ASSERT(fd >= 0);
	KT_EXPECT_EQ(write(fd, "abc", 3), 3);
	EXPECT_ERR(read(fd, &st, 1), EBADF);
	close(fd);
	fd = creat(g, 0600);
	KT_ASSERT(fd >= 0);
	KT_EXPECT_EQ(file_size(fd), 0);
	KT_EXPECT_EQ(fstat(fd, &st), 0);
	KT_EXPECT_EQ(st.st_mode & 07777, 0640);
	/* Two opens, one file. */
	fd2 = open(g, O_RDONLY);
	KT_ASSERT(fd2 >= 0);
	KT_EXPECT_EQ(write(fd, "xyz", 3), 3);
	KT_EXPECT_EQ(file_size(fd2), 3);
	close(fd);
	close(fd2);
	/* A name with a trailing slash is a directory: no file is made. */
	EXPECT_ERR(open(spath("newfile/"), O_WRONLY | O_CREAT, 0644), EISDIR);
	EXPECT_ERR(access(spath("newfile"), F_OK), ENOENT);
	EXPECT_ERR(open(spath("create/x"), O_WRONLY | O_CREAT, 0644), ENOTDIR);
	EXPECT_ERR(open(spath("nodir/x"), O_WRONLY | O_CREAT, 0644), ENOENT);
	EXPECT_ERR(open(scratch_dir(), O_WRONLY), EISDIR);
	EXPECT_ERR(open(scratch_dir(), O_RDWR | O_CREAT, 0644), EISDIR);
}

static void openat_relative(void)
{
	int dfd = open(scratch_dir(), O_RDONLY | O_DIRECTORY), fd;
	struct stat st;

	KT_ASSERT(dfd >= 0);
	fd = openat(dfd, "at", O_RDWR | O_CREAT | O_EXCL, 0600);
	KT_ASSERT(fd >= 0);
	KT_EXPECT_EQ(write(fd, "at!", 3), 3);
	close(fd);
	KT_EXPECT_EQ(stat(spath("at"), &st), 0);
	KT_EXPECT_EQ(st.st_size, 3);
	/* An absolute path ignores the directory fd. */
	fd = openat(-1, spath("at"), O_RDONLY);
	KT_EXPECT(fd >= 0);
	close(fd);
	/* A relative path needs a good one. */
	EXPECT_ERR(openat(-1, "at", O_RDONLY), EBADF);
	fd = openat(dfd, "at", O_RDONLY);
	KT_ASSERT(fd >= 0);
	EXPECT_ERR(openat(fd, "x", O_RDONLY), ENOTDIR);
	close(fd);
	KT_EXPECT_EQ(fchdir(dfd), 0);
	fd = openat(AT_FDCWD, "at", O_RDONLY);
	KT_EXPECT(fd >= 0);
	close(fd);
	KT_EXPECT_EQ(chdir("/"), 0);
	close(dfd);
}

static void open_special_flags(void)
{
	const char *f = spath("flags"), *l = spath("flags-link");
	struct stat st;
	char c;
	int fd;

	KT_ASSERT_EQ(make_file(f, 100, 1), 0);
	KT_ASSERT_EQ(symlink("flags", l), 0);
	/* O_DIRECTORY */
	EXPECT_ERR(open(f, O_RDONLY | O_DIRECTORY), ENOTDIR);
	fd = open(scratch_dir(), O_RDONLY | O_DIRECTORY);
	KT_EXPECT(fd >= 0);
	close(fd);
	/* O_NOFOLLOW: the last component may not be a symlink. */
	EXPECT_ERR(open(l, O_RDONLY | O_NOFOLLOW), ELOOP);
	fd = open(f, O_RDONLY | O_NOFOLLOW);
	KT_EXPECT(fd >= 0);
	close(fd);
	fd = open(l, O_RDONLY);
	KT_ASSERT(fd >= 0);
	KT_EXPECT_EQ(file_size(fd), 100);
	close(fd);
	/* O_CLOEXEC sets FD_CLOEXEC; fcntl can clear it. */
	fd = open(f, O_RDONLY | O_CLOEXEC);
	KT_ASSERT(fd >= 0);
	KT_EXPECT_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
	KT_EXPECT_EQ(fcntl(fd, F_SETFD, 0), 0);
	KT_EXPECT_EQ(fcntl(fd, F_GETFD), 0);
	close(fd);
	fd = open(f, O_RDONLY);
	KT_EXPECT_EQ(fcntl(fd, F_GETFD), 0);
	close(fd);
	/* O_PATH: a handle for the name only; no I/O, but fstat works. */
	fd = open(f, O_PATH);
	KT_ASSERT(fd >= 0);
	KT_EXPECT_EQ(fstat(fd, &st), 0);
	KT_EXPECT_EQ(st.st_size, 100);
	EXPECT_ERR(read(fd, &c, 1), EBADF);
	EXPECT_ERR(write(fd, &c, 1), EBADF);
	close(fd);
	/* O_PATH | O_NOFOLLOW opens the link itself. */
	fd = open(l, O_PATH | O_NOFOLLOW);
	KT_ASSERT(fd >= 0);
	KT_EXPECT_EQ(fstat(fd, &st), 0);
	KT_EXPECT(S_ISLNK(st.st_mode));
	close(fd);
	/* fcntl F_GETFL reports the access mode and O_APPEND. */
	fd = open(f, O_WRONLY | O_APPEND);
	KT_ASSERT(fd >= 0);
	KT_EXPECT_EQ(fcntl(fd, F_GETFL) & (O_ACCMODE | O_APPEND),
		     O_WRONLY | O_APPEND);
	close(fd);
}

static void append_writes_at_end(void)
{
	const char *f = spath("append");
	char buf[16] = "";
	int fd;

	KT_ASSERT_EQ(make_file(f, 10, 2), 0);
	fd = open(f, O_RDWR | O_APPEND);
	KT_ASSERT(fd >= 0);
	KT_EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 0);
	KT_EXPECT_EQ(write(fd, "ab", 2), 2);
	KT_EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 12);
	/* A seek does not change where the next write lands. */
	KT_EXPECT_EQ(lseek(fd, 3, SEEK_SET), 3);
	KT_EXPECT_EQ(write(fd, "cd", 2), 2);
	KT_EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 14);
	KT_EXPECT_EQ(pread(fd, buf, 16, 10), 4);
	KT_EXPECT(!memcmp(buf, "abcd", 4));
	KT_EXPECT(file_has_pattern(fd, 0, 10, 2));
	/* Linux: pwrite on an O_APPEND fd appends (man pwrite, BUGS). */
	KT_EXPECT_EQ(pwrite(fd, "ef", 2, 0), 2);
	KT_EXPECT_EQ(file_size(fd), 16);
	KT_EXPECT(file_has_pattern(fd, 0, 10, 2));
	/* Clearing O_APPEND with fcntl makes writes positional again. */
	KT_EXPECT_EQ(fcntl(fd, F_SETFL, 0), 0);
	KT_EXPECT_EQ(lseek(fd, 0, SEEK_SET), 0);
	KT_EXPECT_EQ(write(fd, "Z", 1), 1);
	KT_EXPECT_EQ(file_size(fd), 16);
	KT_EXPECT_EQ(pread(fd, buf, 1, 0), 1);
	KT_EXPECT_EQ(buf[0], 'Z');
	close(fd);
}

static void vectors_and_offsets(void)
{
	const char *f = spath("vec");
	char a[7] = "abcdefg", b[5] = "HIJKL", c[3] = "mno", r[32];
	struct iovec w[4] = { { a, 7 }, { NULL, 0 }, { b, 5 }, { c, 3 } };
	struct iovec rv[3] = { { r, 4 }, { r + 10, 6 }, { r + 20, 10 } };
	int fd = open(f, O_RDWR | O_CREAT | O_TRUNC, 0644);

	KT_ASSERT(fd >= 0);
	KT_EXPECT_EQ(writev(fd, w, 4), 15);
	KT_EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 15);
	/* pwritev at an offset leaves the position alone. */
	KT_EXPECT_EQ(pwritev(fd, w + 2, 2, 100), 8);
	KT_EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 15);
	KT_EXPECT_EQ(file_size(fd), 108);
	KT_EXPECT_EQ(pwrite(fd, "PQ", 2, 50), 2);
	KT_EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 15);
	/* readv scatters in order; position moves by the total. */
	memset(r, 0, sizeof(r));
	KT_EXPECT_EQ(lseek(fd, 0, SEEK_SET), 0);
	KT_EXPECT_EQ(readv(fd, rv, 3), 20);
	KT_EXPECT(!memcmp(r, "abcd", 4));
	KT_EXPECT(!memcmp(r + 10, "efgHIJ", 6));
	KT_EXPECT(!memcmp(r + 20, "KLmno\0\0\0\0\0", 10));
	KT_EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 20);
	/* preadv at an offset, short at end of file. */
	memset(r, 0, sizeof(r));
	KT_EXPECT_EQ(preadv(fd, rv, 3, 98), 10);
	KT_EXPECT(!memcmp(r, "\0\0HI", 4));
	KT_EXPECT(!memcmp(r + 10, "JKLmno", 6));
	KT_EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 20);
	KT_EXPECT_EQ(pread(fd, r, 4, 49), 4);
	KT_EXPECT(!memcmp(r, "\0PQ\0", 4));
	KT_EXPECT_EQ(read(fd, r, 3), 3);	/* from 20: zeros */
	KT_EXPECT(!memcmp(r, "\0\0\0", 3));
	KT_EXPECT_EQ(pread(fd, r, 4, 108), 0);
	EXPECT_ERR(pwrite(fd, "x", 1, -1), EINVAL);
	EXPECT_ERR(preadv(fd, rv, 3, -5), EINVAL);
	close(fd);
}

/* A big write from a page-straddling buffer, read back in odd pieces. */
static void large_unaligned_io(void)
{
	const size_t len = 300 * 1024 + 123;
	const off_t at = 4096 * 3 - 17;
	char *src = map_pages(len / PAGE_SIZE + 2), *dst;
	int fd = open(spath("large"), O_RDWR | O_CREAT | O_TRUNC, 0644);
	size_t got = 0;

	KT_ASSERT(src && fd >= 0);
	fill_pattern(src + 1000, len, 3);
	KT_EXPECT_EQ(pwrite(fd, src + 1000, len, at), (ssize_t)len);
	KT_EXPECT_EQ(file_size(fd), at + (off_t)len);
	dst = map_pages(len / PAGE_SIZE + 2);
	KT_ASSERT(dst);
	KT_EXPECT_EQ(lseek(fd, at, SEEK_SET), at);
	while (got < len) {
		size_t want = 1 + (got * 7919) % 20000;
		ssize_t n = read(fd, dst + 77 + got, want);

		if (n <= 0)
			break;
		got += n;
	}
	KT_EXPECT_EQ(got, len);
	KT_EXPECT_EQ(check_pattern(dst + 77, len, 3), len);
	KT_EXPECT(file_is_zero(fd, 0, at));
	close(fd);
}

static void lseek_basics(void)
{
	int fd = open(spath("seek"), O_RDWR | O_CREAT | O_TRUNC, 0644);
	loff_t res = 0;
	long r;

	KT_ASSERT(fd >= 0);
	KT_EXPECT_EQ(write(fd, "0123456789", 10), 10);
	KT_EXPECT_EQ(lseek(fd, -3, SEEK_END), 7);
	KT_EXPECT_EQ(lseek(fd, 2, SEEK_CUR), 9);
	KT_EXPECT_EQ(lseek(fd, 100, SEEK_SET), 100);	/* past EOF is fine */
	KT_EXPECT_EQ(file_size(fd), 10);
	EXPECT_ERR(lseek(fd, -1, SEEK_SET), EINVAL);
	EXPECT_ERR(lseek(fd, -20, SEEK_END), EINVAL);
	EXPECT_ERR(lseek(fd, 0, 7), EINVAL);
	/* The failed calls moved nothing. */
	KT_EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 100);
	/* 64-bit offsets: _llseek to 5 GiB, write one byte there. */
	r = syscall(SYS__llseek, fd, 1, 0x40000000, &res, SEEK_SET);
	KT_EXPECT_EQ(r, 0);
	KT_EXPECT_EQ(res, 0x140000000LL);
	KT_EXPECT_EQ(write(fd, "!", 1), 1);
	KT_EXPECT_EQ(file_size(fd), 0x140000001LL);
	/*
	 * The old 32-bit lseek cannot say where the position is. (A 64-bit
	 * Linux host's compat lseek truncates instead: not checked there.)
	 */
	if (!on_linux_compat())
		EXPECT_ERR(syscall(SYS_lseek, fd, 0, SEEK_CUR), EOVERFLOW);
	KT_EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 0x140000001LL);
	KT_EXPECT_EQ(pread(fd, &res, 1, 0x140000000LL), 1);
	KT_EXPECT_EQ((char)res, '!');
	KT_EXPECT(file_is_zero(fd, 0x13ffff000LL, 4096));
	EXPECT_ERR(syscall(SYS__llseek, fd, 0, 0, NULL, SEEK_SET), EFAULT);
	close(fd);
	EXPECT_ERR(lseek(fd, 0, SEEK_SET), EBADF);
}

/*
 * data [0, 4K), hole [4K, 1M), data [1M, 1M + 4K). tmpfs reports the
 * hole exactly; Linux's generic answer (the whole file is data, the hole
 * is at EOF) is allowed elsewhere.
 */
static void seek_data_and_hole(void)
{
	const char *f = spath("holes");
	int fd = open(f, O_RDWR | O_CREAT | O_TRUNC, 0644);
	const off_t end = MiB + 4096;
	bool exact = fs_type(scratch_dir()) == TMPFS_MAGIC_NR;
	char page[4096];
	off_t h, d;

	KT_ASSERT(fd >= 0);
	fill_pattern(page, sizeof(page), 4);
	KT_EXPECT_EQ(pwrite(fd, page, 4096, 0), 4096);
	KT_EXPECT_EQ(pwrite(fd, page, 4096, MiB), 4096);
	KT_EXPECT_EQ(lseek(fd, 0, SEEK_DATA), 0);
	KT_EXPECT_EQ(lseek(fd, 100, SEEK_DATA), 100);
	h = lseek(fd, 0, SEEK_HOLE);
	d = lseek(fd, 8192, SEEK_DATA);
	ktap_diag("hole at %lld, data again at %lld (%s)", (long long)h,
		  (long long)d, exact ? "tmpfs: exact" : "not tmpfs: bounds");
	if (exact) {
		KT_EXPECT_EQ(h, 4096);
		KT_EXPECT_EQ(d, MiB);
		KT_EXPECT_EQ(lseek(fd, MiB, SEEK_HOLE), end);
	} else {
		KT_EXPECT(h == 4096 || h == end);
		KT_EXPECT(d == 8192 || d == MiB);
	}
	KT_EXPECT_EQ(lseek(fd, end - 1, SEEK_HOLE), end);
	EXPECT_ERR(lseek(fd, end, SEEK_DATA), ENXIO);
	EXPECT_ERR(lseek(fd, end, SEEK_HOLE), ENXIO);
	EXPECT_ERR(lseek(fd, end + 5000, SEEK_DATA), ENXIO);
	/* The hole reads as zeros, the data as written. */
	KT_EXPECT(file_is_zero(fd, 4096, MiB - 4096));
	KT_EXPECT(file_has_pattern(fd, 0, 4096, 4));
	close(fd);
}

static void holes_read_as_zeros(void)
{
	const char *f = spath("sparse");
	int fd = open(f, O_RDWR | O_CREAT | O_TRUNC, 0644);
	struct stat st;
	char c = 'x';

	KT_ASSERT(fd >= 0);
	KT_EXPECT_EQ(pwrite(fd, &c, 1, 8 * MiB - 1), 1);
	KT_ASSERT_EQ(fstat(fd, &st), 0);
	KT_EXPECT_EQ(st.st_size, 8 * MiB);
	/* Sparse: far fewer 512-byte blocks than 8 MiB would need. */
	KT_EXPECT_LT(st.st_blocks, 8 * MiB / 512 / 4);
	KT_EXPECT(file_is_zero(fd, 0, 8 * MiB - 1));
	/* Reading through the hole allocated nothing either. */
	KT_ASSERT_EQ(fstat(fd, &st), 0);
	KT_EXPECT_LT(st.st_blocks, 8 * MiB / 512 / 4);
	close(fd);
}

static void truncate_grow_and_shrink(void)
{
	const char *f = spath("trunc");
	int fd, ro;
	struct stat st;

	KT_ASSERT_EQ(make_file(f, 3 * 4096, 5), 0);
	fd = open(f, O_RDWR);
	KT_ASSERT(fd >= 0);
	/* Shrink into the middle of a page, then grow again: zeros. */
	KT_EXPECT_EQ(ftruncate(fd, 100), 0);
	KT_EXPECT_EQ(file_size(fd), 100);
	KT_EXPECT_EQ(ftruncate(fd, 3 * 4096), 0);
	KT_EXPECT(file_has_pattern(fd, 0, 100, 5));
	KT_EXPECT(file_is_zero(fd, 100, 3 * 4096 - 100));
	/* Grow far, with truncate() by name. */
	KT_EXPECT_EQ(truncate(f, 2 * MiB + 5), 0);
	KT_EXPECT_EQ(file_size(fd), 2 * MiB + 5);
	KT_EXPECT(file_is_zero(fd, 100, 2 * MiB + 5 - 100));
	KT_EXPECT_EQ(ftruncate(fd, 0), 0);
	KT_EXPECT_EQ(fstat(fd, &st), 0);
	KT_EXPECT_EQ(st.st_size, 0);
	KT_EXPECT_EQ(st.st_blocks, 0);
	/* The position is not moved by truncation. */
	KT_EXPECT_EQ(lseek(fd, 50, SEEK_SET), 50);
	KT_EXPECT_EQ(ftruncate(fd, 10), 0);
	KT_EXPECT_EQ(write(fd, "z", 1), 1);
	KT_EXPECT_EQ(file_size(fd), 51);
	KT_EXPECT(file_is_zero(fd, 0, 50));
	EXPECT_ERR(ftruncate(fd, -1), EINVAL);
	EXPECT_ERR(truncate(f, -1), EINVAL);
	EXPECT_ERR(truncate(scratch_dir(), 0), EISDIR);
	EXPECT_ERR(truncate(spath("missing"), 0), ENOENT);
	ro = open(f, O_RDONLY);
	EXPECT_ERR(ftruncate(ro, 0), EINVAL);	/* not open for writing */
	close(ro);
	close(fd);
}

static void fallocate_modes(void)
{
	const char *f = spath("falloc");
	int fd, ro, r;
	struct stat st;

	KT_ASSERT_EQ(make_file(f, 8192, 6), 0);
	fd = open(f, O_RDWR);
	KT_ASSERT(fd >= 0);
	/* Mode 0 past EOF: the size grows, the new part is allocated zeros. */
	r = fallocate(fd, 0, 4096, MiB);
	if (r && errno == EOPNOTSUPP) {
		ktap_skip("fallocate not supported by this file system");
		close(fd);
		return;
	}
	KT_EXPECT_EQ(r, 0);
	KT_EXPECT_EQ(fstat(fd, &st), 0);
	KT_EXPECT_EQ(st.st_size, 4096 + MiB);
	KT_EXPECT_GE(st.st_blocks, (4096 + MiB) / 512);
	KT_EXPECT(file_has_pattern(fd, 0, 8192, 6));
	KT_EXPECT(file_is_zero(fd, 8192, MiB - 4096));
	/* KEEP_SIZE allocates without growing. */
	KT_EXPECT_EQ(fallocate(fd, FALLOC_FL_KEEP_SIZE, 2 * MiB, 4096), 0);
	KT_EXPECT_EQ(file_size(fd), 4096 + MiB);
	/* PUNCH_HOLE needs KEEP_SIZE; it zeroes, and the size stays. */
	EXPECT_ERR(fallocate(fd, FALLOC_FL_PUNCH_HOLE, 0, 4096), EOPNOTSUPP);
	KT_EXPECT_EQ(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
			       1000, 5000), 0);
	KT_EXPECT_EQ(file_size(fd), 4096 + MiB);
	KT_EXPECT(file_has_pattern(fd, 0, 1000, 6));
	KT_EXPECT(file_is_zero(fd, 1000, 5000));
	KT_EXPECT(file_has_pattern(fd, 6000, 2192, 6));
	EXPECT_ERR(fallocate(fd, 0, 0, 0), EINVAL);
	EXPECT_ERR(fallocate(fd, 0, -1, 10), EINVAL);
	ro = open(f, O_RDONLY);
	EXPECT_ERR(fallocate(ro, 0, 0, 10), EBADF);
	close(ro);
	close(fd);
}

static void sync_calls(void)
{
	int fd = open(spath("sync"), O_RDWR | O_CREAT | O_TRUNC, 0644);
	int fds[2];

	KT_ASSERT(fd >= 0);
	KT_EXPECT_EQ(write(fd, "data", 4), 4);
	KT_EXPECT_EQ(fsync(fd), 0);
	KT_EXPECT_EQ(fdatasync(fd), 0);
	KT_EXPECT_EQ(syncfs(fd), 0);
	sync();
	KT_EXPECT_EQ(sync_file_range(fd, 0, 4, SYNC_FILE_RANGE_WRITE), 0);
	KT_EXPECT_EQ(file_size(fd), 4);
	close(fd);
	KT_ASSERT_EQ(pipe(fds), 0);
	EXPECT_ERR(fsync(fds[0]), EINVAL);
	close(fds[0]);
	close(fds[1]);
	EXPECT_ERR(fsync(fd), EBADF);
}

/*
 * Writing 4 MiB takes at least that much from f_bfree, deleting gives it
 * back. The slack allows for a Linux host where others use the same file
 * system meanwhile.
 */
static void statfs_counts_blocks(void)
{
	const char *f = spath("statfs");
	struct statfs s0, s1, s2, sf;
	long long used, back, want;

	KT_ASSERT_EQ(statfs(scratch_dir(), &s0), 0);
	KT_EXPECT_GT(s0.f_bsize, 0);
	KT_EXPECT_GT(s0.f_blocks, 0);
	KT_EXPECT_LE(s0.f_bfree, s0.f_blocks);
	KT_EXPECT_LE(s0.f_bavail, s0.f_bfree);
	KT_ASSERT_EQ(make_file(f, 4 * MiB, 7), 0);
	KT_ASSERT_EQ(statfs(scratch_dir(), &s1), 0);
	want = 4 * MiB / s0.f_bsize;
	used = (long long)s0.f_bfree - (long long)s1.f_bfree;
	ktap_diag("f_bsize %ld: %lld blocks for 4 MiB (%lld expected)",
		  (long)s0.f_bsize, used, want);
	KT_EXPECT_GE(used, want * 3 / 4);
	KT_EXPECT_EQ(s1.f_blocks, s0.f_blocks);
	{
		int fd = open(f, O_RDONLY);

		KT_EXPECT_EQ(fstatfs(fd, &sf), 0);
		KT_EXPECT_EQ(sf.f_type, s1.f_type);
		close(fd);
	}
	KT_EXPECT_EQ(unlink(f), 0);
	KT_ASSERT_EQ(statfs(scratch_dir(), &s2), 0);
	back = (long long)s2.f_bfree - (long long)s1.f_bfree;
	KT_EXPECT_GE(back, want * 3 / 4);
	EXPECT_ERR(statfs(spath("missing"), &s2), ENOENT);
	/* Raw: musl's statfs() clears the buffer before the call. */
	EXPECT_ERR(syscall(SYS_statfs64, scratch_dir(), 84, (void *)0xDEAD0000),
		   EFAULT);
}

static void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static bool ts_after(struct timespec a, struct timespec b)
{
	return a.tv_sec > b.tv_sec ||
	       (a.tv_sec == b.tv_sec && a.tv_nsec > b.tv_nsec);
}

static void stat_fields_and_times(void)
{
	const char *f = spath("times");
	int fd = open(f, O_RDWR | O_CREAT | O_TRUNC, 0600);
	struct stat st0, st1, st2;
	struct timespec now;

	KT_ASSERT(fd >= 0);
	KT_ASSERT_EQ(fstat(fd, &st0), 0);
	KT_EXPECT_EQ(st0.st_size, 0);
	KT_EXPECT_EQ(st0.st_blocks, 0);
	KT_EXPECT_EQ(st0.st_mode, S_IFREG | 0600);
	KT_EXPECT_GT(st0.st_blksize, 0);
	KT_EXPECT_NE(st0.st_ino, 0);
	clock_gettime(CLOCK_REALTIME, &now);
	/* The clock the file system stamps with is the real-time clock. */
	KT_EXPECT_LT(llabs((long long)st0.st_mtim.tv_sec - now.tv_sec), 5);
	KT_EXPECT_LT(llabs((long long)st0.st_ctim.tv_sec - now.tv_sec), 5);
	sleep_ms(30);	/* more than a coarse clock tick */
	KT_EXPECT_EQ(write(fd, "0123456789", 10), 10);
	KT_ASSERT_EQ(fstat(fd, &st1), 0);
	KT_EXPECT_EQ(st1.st_size, 10);
	KT_EXPECT_GT(st1.st_blocks, 0);
	KT_EXPECT_EQ(st1.st_ino, st0.st_ino);
	KT_EXPECT_EQ(st1.st_dev, st0.st_dev);
	KT_EXPECT(ts_after(st1.st_mtim, st0.st_mtim));
	KT_EXPECT(ts_after(st1.st_ctim, st0.st_ctim));
	/* chmod changes ctime, not mtime. */
	sleep_ms(30);
	KT_EXPECT_EQ(fchmod(fd, 0640), 0);
	KT_ASSERT_EQ(stat(f, &st2), 0);
	KT_EXPECT_EQ(st2.st_mode, S_IFREG | 0640);
	KT_EXPECT(ts_after(st2.st_ctim, st1.st_ctim));
	KT_EXPECT_EQ(st2.st_mtim.tv_sec, st1.st_mtim.tv_sec);
	KT_EXPECT_EQ(st2.st_mtim.tv_nsec, st1.st_mtim.tv_nsec);
	/* A read changes neither. */
	KT_EXPECT_EQ(pread(fd, &now, 4, 0), 4);
	KT_ASSERT_EQ(fstat(fd, &st1), 0);
	KT_EXPECT(!ts_after(st1.st_mtim, st2.st_mtim));
	KT_EXPECT(!ts_after(st1.st_ctim, st2.st_ctim));
	/* stat and fstat and lstat agree. */
	KT_ASSERT_EQ(lstat(f, &st0), 0);
	KT_EXPECT_EQ(st0.st_ino, st1.st_ino);
	KT_EXPECT_EQ(st0.st_size, st1.st_size);
	close(fd);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(open_create_flags),
	KTAP_CASE(openat_relative),
	KTAP_CASE(open_special_flags),
	KTAP_CASE(append_writes_at_end),
	KTAP_CASE(vectors_and_offsets),
	KTAP_CASE(large_unaligned_io),
	KTAP_CASE(lseek_basics),
	KTAP_CASE(seek_data_and_hole),
	KTAP_CASE(holes_read_as_zeros),
	KTAP_CASE(truncate_grow_and_shrink),
	KTAP_CASE(fallocate_modes),
	KTAP_CASE(sync_calls),
	KTAP_CASE(statfs_counts_blocks),
	KTAP_CASE(stat_fields_and_times),
	{ 0 }
};

int main(void)
{
	umask(022);
	scratch_init("files");
	return ktap_main("files", cases);
}
