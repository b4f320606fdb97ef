// SPDX-License-Identifier: GPL-2.0
/*
 * rofs: the calls that would change a read-only mount answer as Linux
 * does: the paths are resolved and the arguments checked first (ENOENT,
 * ENOTDIR, EEXIST, EINVAL, EPERM, EISDIR, EBADF, EFAULT in Linux's
 * order), then EROFS. statfs reports the mount read-only and its kind;
 * sync, syncfs and fadvise have nothing to do; preadv reads at an offset;
 * MS_REMOUNT turns the read-only flag off and on again.
 *
 * The suite never touches the real root: it mounts a small tmpfs in a
 * scratch directory under /tmp, fills it (a file with content and an
 * exec bit, a directory with an entry, an empty directory, a symlink, a
 * FIFO), remounts it read-only and runs every case against paths inside
 * it; the last case unmounts it. Mounting needs privileges: without
 * them every case is skipped. The same binary runs as root on a Linux
 * host, where every case runs too.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <unistd.h>
#include <utime.h>

#include "ktap.h"
#include "scratch.h"
#include "util.h"

#define TMPFS_MAGIC	0x01021994
#define PIPEFS_MAGIC	0x50495045

static const char content[] = "#!/bin/sh\necho read-only\n";

/* The read-only mount, or why there is none (and its errno). */
static char mnt_path[256];
static const char *mnt;
static char why_not[400];
static int why_errno;

/* "<mount>/<name>": the rotating buffers of spath(). */
#define P(name)	spath("ro/%s", name)

/* Fill the fresh tmpfs; 0 or -errno of the first failure. */
static int populate(void)
{
	int fd;

	if (make_file(P("init"), 0, 0) || chmod(P("init"), 0755))
		return -errno;
	fd = open(P("init"), O_WRONLY);
	if (fd < 0 || write_full(fd, content, sizeof(content) - 1)) {
		if (fd >= 0)
			close(fd);
		return -EIO;
	}
	close(fd);
	if (mkdir(P("bin"), 0755) || make_file(P("bin/abi"), 16, 1) ||
	    mkdir(P("empty"), 0755) || symlink("init", P("link")) ||
	    mkfifo(P("fifo"), 0644))
		return -errno;
	return 0;
}

/* Mount, populate, remount read-only; a reason in why_not if not. */
static void setup_read_only_mount(void)
{
	const char *dir;
	int err;

	if (scratch_init("rofs")) {
		snprintf(why_not, sizeof(why_not), "no scratch directory");
		return;
	}
	snprintf(mnt_path, sizeof(mnt_path), "%s", spath("ro"));
	dir = mnt_path;
	if (mkdir(dir, 0755)) {
		snprintf(why_not, sizeof(why_not), "mkdir %s: %s", dir,
			 strerror(errno));
		return;
	}
	if (mount("tmpfs", dir, "tmpfs", 0, "size=1m")) {
		why_errno = errno;
		snprintf(why_not, sizeof(why_not), "cannot mount a tmpfs: %s",
			 strerror(errno));
		rmdir(dir);
		return;
	}
	err = populate();
	if (!err && mount(NULL, dir, NULL, MS_REMOUNT | MS_RDONLY, NULL))
		err = -errno;
	if (err) {
		snprintf(why_not, sizeof(why_not), "setting up %s: %s", dir,
			 strerror(-err));
		umount2(dir, MNT_DETACH);
		rmdir(dir);
		return;
	}
	mnt = dir;
}

/* No mount: skip the case (a failure unless mount said EPERM). */
static bool no_mount(void)
{
	if (mnt)
		return false;
	if (why_errno == EPERM)
		ktap_skip("%s", why_not);
	else
		ktap_fail_at(__FILE__, __LINE__, "%s", why_not);
	return true;
}

static void create_calls(void)
{
	int dir;

	if (no_mount())
		return;
	EXPECT_ERR(mkdir(P("newdir"), 0755), EROFS);
	EXPECT_ERR(mkdir(P("bin"), 0755), EEXIST);
	EXPECT_ERR(mkdir(P("empty"), 0755), EEXIST);
	EXPECT_ERR(mkdir(P("nodir/sub"), 0755), ENOENT);
	EXPECT_ERR(mkdir(P("init/sub"), 0755), ENOTDIR);
	EXPECT_ERR(mkdir((char *)0xDEAD0000, 0755), EFAULT);
	/* The mode is checked before the path is looked up. */
	EXPECT_ERR(mknod(P("node"), S_IFDIR | 0600, 0), EPERM);
	EXPECT_ERR(mknod(P("node"), 0170000 | 0600, 0), EINVAL);
	EXPECT_ERR(mknod(P("node"), S_IFREG | 0600, 0), EROFS);
	EXPECT_ERR(mkfifo(P("fifo2"), 0600), EROFS);
	EXPECT_ERR(mkfifo(P("fifo"), 0600), EEXIST);
	EXPECT_ERR(symlink("init", P("newlink")), EROFS);
	EXPECT_ERR(symlink("", P("newlink")), ENOENT);
	EXPECT_ERR(symlink("init", P("init")), EEXIST);
	EXPECT_ERR(symlink("init", P("link")), EEXIST);
	EXPECT_ERR(link(P("init"), P("newlink")), EROFS);
	EXPECT_ERR(link(P("missing"), P("newlink")), ENOENT);
	EXPECT_ERR(link(P("init"), P("bin")), EEXIST);
	EXPECT_ERR(syscall(SYS_linkat, AT_FDCWD, P("init"), AT_FDCWD, P("x"),
			   8), EINVAL);
	dir = open(P("bin"), O_RDONLY | O_DIRECTORY);
	KT_ASSERT(dir >= 0);
	EXPECT_ERR(mkdirat(dir, "newdir", 0755), EROFS);
	EXPECT_ERR(mkdirat(dir, "abi", 0755), EEXIST);
	close(dir);
}

/* open(O_CREAT), mkstemp and fopen "w" in a read-only directory. */
static void create_on_read_only_fs(void)
{
	char name[128];
	FILE *f;
	int fd;

	if (no_mount())
		return;
	EXPECT_ERR(open(P("bin/newfile"), O_WRONLY | O_CREAT, 0644), EROFS);
	EXPECT_ERR(creat(P("newfile"), 0644), EROFS);
	snprintf(name, sizeof(name), "%s", P("bin/tmpXXXXXX"));
	EXPECT_ERR(mkstemp(name), EROFS);
	errno = 0;
	f = fopen(P("out.txt"), "w");
	KT_EXPECT(f == NULL);
	KT_EXPECT_EQ(errno, EROFS);
	/* A missing directory is still ENOENT, an existing name EEXIST. */
	EXPECT_ERR(open(P("nodir/newfile"), O_WRONLY | O_CREAT, 0644), ENOENT);
	EXPECT_ERR(open(P("init"), O_RDONLY | O_CREAT | O_EXCL, 0644), EEXIST);
	/* O_CREAT of an existing file opened read-only is fine. */
	fd = open(P("init"), O_RDONLY | O_CREAT, 0644);
	KT_EXPECT(fd >= 0);
	if (fd >= 0)
		close(fd);
	f = fopen(P("init"), "r");
	KT_EXPECT(f != NULL);
	if (f)
		fclose(f);
	/* Nothing was made. */
	EXPECT_ERR(access(P("bin/newfile"), F_OK), ENOENT);
	EXPECT_ERR(access(P("out.txt"), F_OK), ENOENT);
}

/* Opening for writing asks for write access; FIFOs are not the mount's. */
static void open_for_writing(void)
{
	char c = 0;
	int fd;

	if (no_mount())
		return;
	EXPECT_ERR(open(P("init"), O_WRONLY), EROFS);
	EXPECT_ERR(open(P("init"), O_RDWR), EROFS);
	EXPECT_ERR(open(P("init"), O_RDONLY | O_TRUNC), EROFS);
	EXPECT_ERR(open(P("link"), O_WRONLY), EROFS);
	EXPECT_ERR(open(P("bin"), O_WRONLY), EISDIR);
	EXPECT_ERR(open(P("bin"), O_RDWR), EISDIR);
	/* access() says the same; reading and executing stay allowed. */
	EXPECT_ERR(access(P("init"), W_OK), EROFS);
	EXPECT_ERR(access(P("bin"), W_OK), EROFS);
	EXPECT_ERR(faccessat(AT_FDCWD, P("init"), R_OK | W_OK, 0), EROFS);
	EXPECT_ERR(access(P("missing"), W_OK), ENOENT);
	KT_EXPECT_EQ(access(P("init"), R_OK | X_OK), 0);
	KT_EXPECT_EQ(access(P("fifo"), R_OK | W_OK), 0);
	/* A FIFO's data is not on the file system. */
	fd = open(P("fifo"), O_RDWR);
	KT_ASSERT(fd >= 0);
	KT_EXPECT_EQ(write(fd, "f", 1), 1);
	KT_EXPECT_EQ(read(fd, &c, 1), 1);
	KT_EXPECT_EQ(c, 'f');
	close(fd);
}

static void remove_calls(void)
{
	if (no_mount())
		return;
	/* Write access is asked before the name is looked up (Linux). */
	EXPECT_ERR(unlink(P("init")), EROFS);
	EXPECT_ERR(unlink(P("missing")), EROFS);
	EXPECT_ERR(unlink(P("nodir/x")), ENOENT);
	EXPECT_ERR(unlink(P("init/x")), ENOTDIR);
	EXPECT_ERR(rmdir(P("bin")), EROFS);
	EXPECT_ERR(rmdir(P("empty")), EROFS);
	/* ".", ".." and a mount point are refused before that. */
	EXPECT_ERR(rmdir(P("empty/.")), EINVAL);
	EXPECT_ERR(rmdir(P("empty/..")), ENOTEMPTY);
	EXPECT_ERR(rmdir(mnt), EBUSY);
	EXPECT_ERR(unlinkat(AT_FDCWD, P("bin"), AT_REMOVEDIR), EROFS);
	EXPECT_ERR(unlinkat(AT_FDCWD, P("init"), 0x1), EINVAL);
	EXPECT_ERR(rename(P("init"), P("init2")), EROFS);
	EXPECT_ERR(rename(P("bin"), P("bin2")), EROFS);
	EXPECT_ERR(rename(P("init"), P("nodir/x")), ENOENT);
	EXPECT_ERR(syscall(SYS_renameat2, AT_FDCWD, P("init"), AT_FDCWD,
			   P("x"), 0x8), EINVAL);
	EXPECT_ERR(syscall(SYS_renameat2, AT_FDCWD, P("init"), AT_FDCWD,
			   P("x"), 0x3), EINVAL);
	/* Everything is still there. */
	KT_EXPECT_EQ(access(P("init"), F_OK), 0);
	KT_EXPECT_EQ(access(P("bin/abi"), F_OK), 0);
	KT_EXPECT_EQ(access(P("empty"), F_OK), 0);
}

static void attribute_calls(void)
{
	struct timespec ts[2] = { { 0, UTIME_OMIT }, { 0, UTIME_OMIT } };
	struct timeval tv[2] = { { 0, 0 }, { 0, 0 } };
	struct stat st;
	int fd;

	if (no_mount())
		return;
	EXPECT_ERR(chmod(P("init"), 0600), EROFS);
	EXPECT_ERR(chmod(P("missing"), 0600), ENOENT);
	EXPECT_ERR(chown(P("init"), 1, 1), EROFS);
	EXPECT_ERR(lchown(P("link"), 1, 1), EROFS);
	EXPECT_ERR(fchownat(AT_FDCWD, P("init"), 1, 1, 0x4), EINVAL);
	fd = open(P("init"), O_RDONLY);
	KT_ASSERT(fd >= 0);
	EXPECT_ERR(fchmod(fd, 0600), EROFS);
	EXPECT_ERR(fchown(fd, 1, 1), EROFS);
	EXPECT_ERR(fchmod(60, 0600), EBADF);
	/* Both times omitted: nothing to do, so no error (Linux). */
	KT_EXPECT_EQ(utimensat(AT_FDCWD, P("init"), ts, 0), 0);
	KT_EXPECT_EQ(futimens(fd, ts), 0);
	ts[0].tv_nsec = 0;
	EXPECT_ERR(utimensat(AT_FDCWD, P("init"), ts, 0), EROFS);
	EXPECT_ERR(futimens(fd, ts), EROFS);
	EXPECT_ERR(utimensat(AT_FDCWD, P("missing"), ts, 0), ENOENT);
	ts[1].tv_nsec = 1000000000;
	EXPECT_ERR(utimensat(AT_FDCWD, P("init"), ts, 0), EINVAL);
	EXPECT_ERR(utimensat(AT_FDCWD, P("init"), NULL, 0x2), EINVAL);
	EXPECT_ERR(utimes(P("init"), tv), EROFS);
	EXPECT_ERR(utime(P("init"), NULL), EROFS);
	close(fd);
	/* Nothing changed. */
	KT_ASSERT_EQ(stat(P("init"), &st), 0);
	KT_EXPECT_EQ(st.st_mode, S_IFREG | 0755);
	KT_EXPECT_EQ(st.st_uid, 0);
}

static void truncate_calls(void)
{
	struct stat st;
	int fd;

	if (no_mount())
		return;
	EXPECT_ERR(truncate(P("init"), 0), EROFS);
	EXPECT_ERR(truncate(P("link"), 0), EROFS);
	EXPECT_ERR(truncate(P("bin"), 0), EISDIR);
	EXPECT_ERR(truncate(P("fifo"), 0), EINVAL);
	EXPECT_ERR(truncate(P("missing"), 0), ENOENT);
	EXPECT_ERR(truncate(P("init"), -1), EINVAL);
	fd = open(P("init"), O_RDONLY);
	KT_ASSERT(fd >= 0);
	/* Only a regular file open for writing could be truncated. */
	EXPECT_ERR(ftruncate(fd, 0), EINVAL);
	EXPECT_ERR(ftruncate(fd, -1), EINVAL);
	close(fd);
	EXPECT_ERR(ftruncate(60, 0), EBADF);
	KT_ASSERT_EQ(stat(P("init"), &st), 0);
	KT_EXPECT_EQ(st.st_size, (long)sizeof(content) - 1);
}

static void statfs_kinds(void)
{
	struct statvfs sv;
	struct statfs sf;
	int fds[2];

	if (no_mount())
		return;
	KT_ASSERT_EQ(statvfs(mnt, &sv), 0);
	KT_EXPECT(sv.f_flag & ST_RDONLY);
	KT_EXPECT_EQ(sv.f_bsize, 4096);
	KT_EXPECT_EQ(sv.f_namemax, 255);
	KT_ASSERT_EQ(statfs(P("init"), &sf), 0);
	KT_EXPECT_EQ(sf.f_type, TMPFS_MAGIC);
	KT_EXPECT(sf.f_flags & ST_RDONLY);
	KT_ASSERT_EQ(pipe(fds), 0);
	KT_ASSERT_EQ(fstatfs(fds[0], &sf), 0);
	KT_EXPECT_EQ(sf.f_type, PIPEFS_MAGIC);
	close(fds[0]);
	close(fds[1]);
	EXPECT_ERR(statfs(P("missing"), &sf), ENOENT);
	EXPECT_ERR(syscall(SYS_statfs64, mnt, 84, (void *)0xDEAD0000), EFAULT);
	EXPECT_ERR(fstatfs(60, &sf), EBADF);
	/* The raw call checks the structure size (84 on i386). */
	EXPECT_ERR(syscall(SYS_statfs64, mnt, 80, &sf), EINVAL);
	/* The scratch directory around the mount is writable. */
	KT_ASSERT_EQ(statvfs(scratch_dir(), &sv), 0);
	KT_EXPECT(!(sv.f_flag & ST_RDONLY));
}

static void sync_and_advice(void)
{
	int fd, fds[2];

	if (no_mount())
		return;
	fd = open(P("init"), O_RDONLY);
	KT_ASSERT(fd >= 0);
	sync();
	KT_EXPECT_EQ(syncfs(fd), 0);
	KT_EXPECT_EQ(fsync(fd), 0);
	KT_EXPECT_EQ(fdatasync(fd), 0);
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
	char a[2], b[3], all[5];
	struct iovec iov[2] = { { a, 2 }, { b, 3 } };
	int fd, fds[2];

	if (no_mount())
		return;
	fd = open(P("init"), O_RDONLY);
	KT_ASSERT(fd >= 0);
	KT_ASSERT_EQ(pread(fd, all, 5, 1), 5);
	KT_EXPECT_EQ(memcmp(all, content + 1, 5), 0);
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

/*
 * MS_REMOUNT without MS_RDONLY makes the mount writable, with it
 * read-only again; a file open for writing keeps it writable (EBUSY).
 */
static void remount_flips_read_only(void)
{
	struct statvfs sv;
	int fd;

	if (no_mount())
		return;
	KT_ASSERT_EQ(mount(NULL, mnt, NULL, MS_REMOUNT, NULL), 0);
	KT_EXPECT_EQ(statvfs(mnt, &sv), 0);
	KT_EXPECT(!(sv.f_flag & ST_RDONLY));
	fd = open(P("new"), O_WRONLY | O_CREAT | O_EXCL, 0644);
	KT_EXPECT(fd >= 0);
	EXPECT_ERR(mount(NULL, mnt, NULL, MS_REMOUNT | MS_RDONLY, NULL), EBUSY);
	if (fd >= 0) {
		KT_EXPECT_EQ(write(fd, "x", 1), 1);
		close(fd);
	}
	KT_ASSERT_EQ(mount(NULL, mnt, NULL, MS_REMOUNT | MS_RDONLY, NULL), 0);
	KT_EXPECT_EQ(statvfs(mnt, &sv), 0);
	KT_EXPECT(sv.f_flag & ST_RDONLY);
	/* What was written stays, and read-only again. */
	KT_EXPECT_EQ(access(P("new"), R_OK), 0);
	EXPECT_ERR(unlink(P("new")), EROFS);
	EXPECT_ERR(open(P("new"), O_WRONLY), EROFS);
}

static void unmount_and_remove(void)
{
	if (no_mount())
		return;
	KT_EXPECT_EQ(umount2(mnt, 0), 0);
	KT_EXPECT_EQ(rmdir(mnt), 0);
	mnt = NULL;
	snprintf(why_not, sizeof(why_not), "unmounted");
}

static const struct ktap_case cases[] = {
	KTAP_CASE(create_calls),
	KTAP_CASE(create_on_read_only_fs),
	KTAP_CASE(open_for_writing),
	KTAP_CASE(remove_calls),
	KTAP_CASE(attribute_calls),
	KTAP_CASE(truncate_calls),
	KTAP_CASE(statfs_kinds),
	KTAP_CASE(sync_and_advice),
	KTAP_CASE(preadv_at_offset),
	KTAP_CASE(remount_flips_read_only),
	KTAP_CASE(unmount_and_remove),
	{ 0 }
};

int main(void)
{
	int ret;

	setup_read_only_mount();
	ret = ktap_main("rofs", cases);
	/* A case that ended early may have left it mounted. */
	if (mnt)
		umount2(mnt, MNT_DETACH);
	return ret;
}
