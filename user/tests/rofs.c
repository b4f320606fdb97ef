// SPDX-License-Identifier: GPL-2.0
/*
 * rofs: the name space (initramfs + device nodes) is a read-only file
 * system, and the calls that would change it answer as Linux does on a
 * read-only mount: the paths are resolved and the arguments checked
 * first (ENOENT, ENOTDIR, EEXIST, EINVAL, EPERM, EISDIR, EBADF, EFAULT in
 * Linux's order), then EROFS. statfs reports the file system kinds;
 * sync, syncfs and fadvise have nothing to do; preadv reads at an
 * offset. On a Linux host the file systems are writable (and these
 * calls would change them), so the suite checks only the harmless cases
 * there.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <unistd.h>
#include <utime.h>

#include "ktap.h"
#include "util.h"

#define RAMFS_MAGIC	0x858458f6
#define TMPFS_MAGIC	0x01021994
#define PIPEFS_MAGIC	0x50495045

/* Run `call`, expect -1 with errno `err`. */
#define EXPECT_ERR(call, err)						\
	do {								\
		errno = 0;						\
		KT_EXPECT_EQ((long)(call), -1L);			\
		KT_EXPECT_EQ(errno, err);				\
	} while (0)

static bool host_skip(void)
{
	if (on_linux())
		ktap_skip("the host's file systems are writable");
	return on_linux();
}

static void create_calls(void)
{
	int dir;

	if (host_skip())
		return;
	EXPECT_ERR(mkdir("/newdir", 0755), EROFS);
	EXPECT_ERR(mkdir("/bin", 0755), EEXIST);
	EXPECT_ERR(mkdir("/nodir/sub", 0755), ENOENT);
	EXPECT_ERR(mkdir("/init/sub", 0755), ENOTDIR);
	EXPECT_ERR(mkdir((char *)0xDEAD0000, 0755), EFAULT);
	EXPECT_ERR(mknod("/node", S_IFDIR | 0600, 0), EPERM);
	EXPECT_ERR(mknod("/node", 0170000 | 0600, 0), EINVAL);
	EXPECT_ERR(mkfifo("/fifo", 0600), EROFS);
	EXPECT_ERR(mkfifo("/dev/null", 0600), EEXIST);
	EXPECT_ERR(symlink("/init", "/newlink"), EROFS);
	EXPECT_ERR(symlink("", "/newlink"), ENOENT);
	EXPECT_ERR(symlink("/init", "/init"), EEXIST);
	EXPECT_ERR(link("/init", "/newlink"), EROFS);
	EXPECT_ERR(link("/missing", "/newlink"), ENOENT);
	EXPECT_ERR(link("/init", "/bin"), EEXIST);
	EXPECT_ERR(syscall(SYS_linkat, AT_FDCWD, "/init", AT_FDCWD, "/x", 8),
		   EINVAL);
	dir = open("/bin", O_RDONLY | O_DIRECTORY);
	KT_ASSERT(dir >= 0);
	EXPECT_ERR(mkdirat(dir, "newdir", 0755), EROFS);
	EXPECT_ERR(mkdirat(dir, "abi", 0755), EEXIST);
	close(dir);
}

static void remove_calls(void)
{
	if (host_skip())
		return;
	/* Write access is asked before the name is looked up (Linux). */
	EXPECT_ERR(unlink("/init"), EROFS);
	EXPECT_ERR(unlink("/missing"), EROFS);
	EXPECT_ERR(unlink("/nodir/x"), ENOENT);
	EXPECT_ERR(rmdir("/bin"), EROFS);
	EXPECT_ERR(rmdir("/"), EBUSY);
	EXPECT_ERR(unlinkat(AT_FDCWD, "/bin", AT_REMOVEDIR), EROFS);
	EXPECT_ERR(unlinkat(AT_FDCWD, "/init", 0x1), EINVAL);
	EXPECT_ERR(rename("/init", "/init2"), EROFS);
	EXPECT_ERR(rename("/init", "/nodir/x"), ENOENT);
	EXPECT_ERR(syscall(SYS_renameat2, AT_FDCWD, "/init", AT_FDCWD, "/x",
			   0x8), EINVAL);
	EXPECT_ERR(syscall(SYS_renameat2, AT_FDCWD, "/init", AT_FDCWD, "/x",
			   0x3), EINVAL);
}

static void attribute_calls(void)
{
	struct timespec ts[2] = { { 0, UTIME_OMIT }, { 0, UTIME_OMIT } };
	struct timeval tv[2] = { { 0, 0 }, { 0, 0 } };
	int fd;

	if (host_skip())
		return;
	EXPECT_ERR(chmod("/init", 0600), EROFS);
	EXPECT_ERR(chmod("/missing", 0600), ENOENT);
	EXPECT_ERR(chown("/init", 1, 1), EROFS);
	EXPECT_ERR(lchown("/lib/links/abs-link", 1, 1), EROFS);
	EXPECT_ERR(fchownat(AT_FDCWD, "/init", 1, 1, 0x4), EINVAL);
	fd = open("/init", O_RDONLY);
	KT_ASSERT(fd >= 0);
	EXPECT_ERR(fchmod(fd, 0600), EROFS);
	EXPECT_ERR(fchown(fd, 1, 1), EROFS);
	EXPECT_ERR(fchmod(60, 0600), EBADF);
	/* Both times omitted: nothing to do, so no error (Linux). */
	KT_EXPECT_EQ(utimensat(AT_FDCWD, "/init", ts, 0), 0);
	KT_EXPECT_EQ(futimens(fd, ts), 0);
	ts[0].tv_nsec = 0;
	EXPECT_ERR(utimensat(AT_FDCWD, "/init", ts, 0), EROFS);
	EXPECT_ERR(futimens(fd, ts), EROFS);
	EXPECT_ERR(utimensat(AT_FDCWD, "/missing", ts, 0), ENOENT);
	ts[1].tv_nsec = 1000000000;
	EXPECT_ERR(utimensat(AT_FDCWD, "/init", ts, 0), EINVAL);
	EXPECT_ERR(utimensat(AT_FDCWD, "/init", NULL, 0x2), EINVAL);
	EXPECT_ERR(utimes("/init", tv), EROFS);
	EXPECT_ERR(utime("/init", NULL), EROFS);
	close(fd);
}

static void truncate_calls(void)
{
	int fd;

	if (host_skip())
		return;
	EXPECT_ERR(truncate("/init", 0), EROFS);
	EXPECT_ERR(truncate("/bin", 0), EISDIR);
	EXPECT_ERR(truncate("/dev/null", 0), EINVAL);
	EXPECT_ERR(truncate("/missing", 0), ENOENT);
	EXPECT_ERR(truncate("/init", -1), EINVAL);
	fd = open("/init", O_RDONLY);
	KT_ASSERT(fd >= 0);
	/* Only a regular file open for writing could be truncated. */
	EXPECT_ERR(ftruncate(fd, 0), EINVAL);
	EXPECT_ERR(ftruncate(fd, -1), EINVAL);
	close(fd);
	EXPECT_ERR(ftruncate(60, 0), EBADF);
}

static void statfs_kinds(void)
{
	struct statvfs sv;
	struct statfs sf;
	int fds[2];

	KT_ASSERT_EQ(statvfs("/", &sv), 0);
	KT_EXPECT_GT(sv.f_bsize, 0);
	KT_EXPECT_EQ(sv.f_namemax, 255);
	KT_ASSERT_EQ(pipe(fds), 0);
	KT_ASSERT_EQ(fstatfs(fds[0], &sf), 0);
	KT_EXPECT_EQ(sf.f_type, PIPEFS_MAGIC);
	close(fds[0]);
	close(fds[1]);
	EXPECT_ERR(statfs("/missing", &sf), ENOENT);
	EXPECT_ERR(syscall(SYS_statfs64, "/", 84, (void *)0xDEAD0000), EFAULT);
	EXPECT_ERR(fstatfs(60, &sf), EBADF);
	/* The raw call checks the structure size (84 on i386). */
	EXPECT_ERR(syscall(SYS_statfs64, "/", 80, &sf), EINVAL);
	if (on_linux())
		return;
	KT_EXPECT(sv.f_flag & ST_RDONLY);
	KT_EXPECT_EQ(sv.f_bsize, 4096);
	KT_ASSERT_EQ(statfs("/init", &sf), 0);
	KT_EXPECT_EQ(sf.f_type, RAMFS_MAGIC);
	KT_ASSERT_EQ(statfs("/dev/null", &sf), 0);
	KT_EXPECT_EQ(sf.f_type, TMPFS_MAGIC);
}

static void sync_and_advice(void)
{
	int fd = open(on_linux() ? "/proc/self/exe" : "/init", O_RDONLY);
	int fds[2];

	KT_ASSERT(fd >= 0);
	sync();
	KT_EXPECT_EQ(syncfs(fd), 0);
	EXPECT_ERR(syncfs(60), EBADF);
	/* posix_fadvise returns the error number itself. */
	KT_EXPECT_EQ(posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL), 0);
	KT_EXPECT_EQ(posix_fadvise(fd, 0, 0, 99), EINVAL);
	KT_EXPECT_EQ(posix_fadvise(60, 0, 0, POSIX_FADV_NORMAL), EBADF);
	KT_ASSERT_EQ(pipe(fds), 0);
	KT_EXPECT_EQ(posix_fadvise(fds[0], 0, 0, POSIX_FADV_NORMAL), ESPIPE);
	close(fds[0]);
	close(fds[1]);
	close(fd);
}

static void preadv_at_offset(void)
{
	int fd = open(on_linux() ? "/proc/self/exe" : "/init", O_RDONLY);
	char a[2], b[3], all[5];
	struct iovec iov[2] = { { a, 2 }, { b, 3 } };
	int fds[2];

	KT_ASSERT(fd >= 0);
	KT_ASSERT_EQ(pread(fd, all, 5, 1), 5);
	KT_EXPECT_EQ(preadv(fd, iov, 2, 1), 5);
	KT_EXPECT_EQ(memcmp(a, all, 2), 0);
	KT_EXPECT_EQ(memcmp(b, all + 2, 3), 0);
	KT_EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 0);
	EXPECT_ERR(preadv(fd, iov, 2, -1), EINVAL);
	EXPECT_ERR(pwritev(fd, iov, 2, 0), EBADF);
	KT_ASSERT_EQ(pipe(fds), 0);
	EXPECT_ERR(preadv(fds[0], iov, 2, 0), ESPIPE);
	close(fds[0]);
	close(fds[1]);
	close(fd);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(create_calls),
	KTAP_CASE(remove_calls),
	KTAP_CASE(attribute_calls),
	KTAP_CASE(truncate_calls),
	KTAP_CASE(statfs_kinds),
	KTAP_CASE(sync_and_advice),
	KTAP_CASE(preadv_at_offset),
	{ 0 }
};

int main(void)
{
	return ktap_main("rofs", cases);
}
