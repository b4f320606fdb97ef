// SPDX-License-Identifier: GPL-2.0
/*
 * namespace: names on a writable file system (tmpfs on kmapos). mkdir,
 * rmdir, unlink, rename (with RENAME_NOREPLACE and RENAME_EXCHANGE),
 * hard and symbolic links, the chmod/chown/utimensat families, directory
 * listings with getdents64, and the error numbers Linux gives for bad
 * names and bad pointers. (Files reached only through descriptors, and
 * copies between them, are file_handles.c.)
 *
 * Everything happens in a fresh scratch directory (scratch.h). The
 * expectations are Linux's, checked on the host.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

#include "ktap.h"
#include "scratch.h"
#include "util.h"

#define BAD_PTR		((void *)0xDEAD0000)

#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE	1
#define RENAME_EXCHANGE		2
#endif

static int rename2(const char *a, const char *b, unsigned int flags)
{
	return syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, flags);
}

static nlink_t nlinks(const char *path)
{
	struct stat st;

	return lstat(path, &st) ? 0 : st.st_nlink;
}

static ino_t inode_of(const char *path)
{
	struct stat st;

	return lstat(path, &st) ? 0 : st.st_ino;
}

/* The first 8 bytes of path as a string, "" on error. */
static const char *head(const char *path)
{
	static char buf[9];
	int fd = open(path, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, 8);

	buf[n > 0 ? n : 0] = '\0';
	if (fd >= 0)
		close(fd);
	return buf;
}

static int put(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644), err;

	if (fd < 0)
		return -errno;
	err = write_full(fd, text, strlen(text));
	close(fd);
	return err;
}

static void mkdir_and_rmdir(void)
{
	const char *d = spath("d"), *sub = spath("d/sub");
	nlink_t top = nlinks(scratch_dir());
	struct stat st;
	int dfd;

	KT_ASSERT_EQ(mkdir(d, 0777), 0);
	KT_ASSERT_EQ(stat(d, &st), 0);
	KT_EXPECT_EQ(st.st_mode, S_IFDIR | 0755);	/* umask 022 */
	KT_EXPECT_EQ(st.st_nlink, 2);			/* "d" and "d/." */
	KT_EXPECT_EQ(nlinks(scratch_dir()), top + 1);	/* "d/.." */
	EXPECT_ERR(mkdir(d, 0755), EEXIST);
	KT_EXPECT_EQ(mkdir(sub, 0700), 0);
	KT_EXPECT_EQ(nlinks(d), 3);
	dfd = open(d, O_RDONLY | O_DIRECTORY);
	KT_ASSERT(dfd >= 0);
	KT_EXPECT_EQ(mkdirat(dfd, "sub2", 0755), 0);
	KT_EXPECT_EQ(nlinks(d), 4);
	EXPECT_ERR(mkdirat(dfd, "sub2", 0755), EEXIST);
	EXPECT_ERR(rmdir(d), ENOTEMPTY);
	KT_EXPECT_EQ(unlinkat(dfd, "sub2", AT_REMOVEDIR), 0);
	KT_EXPECT_EQ(nlinks(d), 3);
	EXPECT_ERR(rmdir(spath("d/sub/.")), EINVAL);
	EXPECT_ERR(rmdir(spath("d/nothing")), ENOENT);
	KT_EXPECT_EQ(rmdir(spath("d/sub/")), 0);	/* trailing slash ok */
	KT_EXPECT_EQ(nlinks(d), 2);
	KT_EXPECT_EQ(mkdir(spath("d/trail/"), 0755), 0);
	KT_EXPECT_EQ(rmdir(spath("d/trail")), 0);
	KT_ASSERT_EQ(put(spath("d/file"), "x"), 0);
	EXPECT_ERR(rmdir(spath("d/file")), ENOTDIR);
	EXPECT_ERR(mkdir(spath("d/file/x"), 0755), ENOTDIR);
	EXPECT_ERR(mkdir(spath("d/none/x"), 0755), ENOENT);
	KT_EXPECT_EQ(unlink(spath("d/file")), 0);
	close(dfd);
	KT_EXPECT_EQ(rmdir(d), 0);
	KT_EXPECT_EQ(nlinks(scratch_dir()), top);
	EXPECT_ERR(stat(d, &st), ENOENT);
}

static void unlink_calls(void)
{
	const char *f = spath("u"), *d = spath("ud");
	int dfd = open(scratch_dir(), O_RDONLY | O_DIRECTORY);

	KT_ASSERT(dfd >= 0);
	KT_ASSERT_EQ(put(f, "x"), 0);
	KT_ASSERT_EQ(mkdir(d, 0755), 0);
	EXPECT_ERR(unlink(d), EISDIR);
	EXPECT_ERR(unlinkat(dfd, "u", AT_REMOVEDIR), ENOTDIR);
	EXPECT_ERR(unlinkat(dfd, "u", 0x4000), EINVAL);
	KT_EXPECT_EQ(unlinkat(dfd, "u", 0), 0);
	EXPECT_ERR(unlink(f), ENOENT);
	KT_EXPECT_EQ(unlinkat(dfd, "ud", AT_REMOVEDIR), 0);
	EXPECT_ERR(unlinkat(dfd, "ud", AT_REMOVEDIR), ENOENT);
	EXPECT_ERR(unlink(spath("u/x")), ENOENT);
	close(dfd);
}

static void rename_files(void)
{
	const char *a = spath("ra"), *b = spath("rb");
	ino_t ia;
	int fd;

	KT_ASSERT_EQ(put(a, "AAAA"), 0);
	KT_ASSERT_EQ(put(b, "BBBB"), 0);
	ia = inode_of(a);
	/* Over an existing file: the old b stays readable through an fd. */
	fd = open(b, O_RDONLY);
	KT_ASSERT(fd >= 0);
	KT_EXPECT_EQ(rename(a, b), 0);
	EXPECT_ERR(access(a, F_OK), ENOENT);
	KT_EXPECT_EQ(inode_of(b), ia);
	KT_EXPECT_EQ(strcmp(head(b), "AAAA"), 0);
	{
		char buf[4];

		KT_EXPECT_EQ(read(fd, buf, 4), 4);
		KT_EXPECT(!memcmp(buf, "BBBB", 4));
	}
	close(fd);
	/* To itself (same name, or a hard link of it): nothing happens. */
	KT_EXPECT_EQ(rename(b, b), 0);
	KT_EXPECT_EQ(link(b, a), 0);
	KT_EXPECT_EQ(rename(a, b), 0);
	KT_EXPECT_EQ(access(a, F_OK), 0);
	KT_EXPECT_EQ(nlinks(b), 2);
	KT_EXPECT_EQ(unlink(a), 0);
	/* renameat with directory fds; into a subdirectory. */
	KT_ASSERT_EQ(mkdir(spath("rdir"), 0755), 0);
	{
		int top = open(scratch_dir(), O_RDONLY | O_DIRECTORY);
		int sub = open(spath("rdir"), O_RDONLY | O_DIRECTORY);

		KT_EXPECT_EQ(renameat(top, "rb", sub, "moved"), 0);
		KT_EXPECT_EQ(strcmp(head(spath("rdir/moved")), "AAAA"), 0);
		EXPECT_ERR(renameat(top, "rb", sub, "x"), ENOENT);
		close(top);
		close(sub);
	}
	KT_EXPECT_EQ(unlink(spath("rdir/moved")), 0);
	KT_EXPECT_EQ(rmdir(spath("rdir")), 0);
}

static void rename_directories(void)
{
	nlink_t top = nlinks(scratch_dir());

	KT_ASSERT_EQ(mkdir(spath("p"), 0755), 0);
	KT_ASSERT_EQ(mkdir(spath("p/c"), 0755), 0);
	KT_ASSERT_EQ(mkdir(spath("q"), 0755), 0);
	KT_ASSERT_EQ(put(spath("p/c/f"), "f"), 0);
	KT_ASSERT_EQ(put(spath("file"), "g"), 0);
	/* A directory moves with its contents; ".." link counts follow. */
	KT_EXPECT_EQ(rename(spath("p/c"), spath("q/c")), 0);
	KT_EXPECT_EQ(nlinks(spath("p")), 2);
	KT_EXPECT_EQ(nlinks(spath("q")), 3);
	KT_EXPECT_EQ(strcmp(head(spath("q/c/f")), "f"), 0);
	/* Over an empty directory: fine; over a non-empty one: not. */
	KT_EXPECT_EQ(rename(spath("p"), spath("q/c")), -1);
	KT_EXPECT(errno == ENOTEMPTY || errno == EEXIST);
	KT_EXPECT_EQ(mkdir(spath("e"), 0755), 0);
	KT_EXPECT_EQ(rename(spath("p"), spath("e")), 0);
	KT_EXPECT_EQ(access(spath("p"), F_OK), -1);
	KT_EXPECT_EQ(nlinks(scratch_dir()), top + 2);	/* e and q */
	/* Kinds must match. */
	EXPECT_ERR(rename(spath("file"), spath("e")), EISDIR);
	EXPECT_ERR(rename(spath("e"), spath("file")), ENOTDIR);
	/* Not into itself. */
	EXPECT_ERR(rename(spath("q"), spath("q/c/inside")), EINVAL);
	EXPECT_ERR(rename(spath("nothing"), spath("x")), ENOENT);
	EXPECT_ERR(rename(spath("file/x"), spath("x")), ENOTDIR);
	KT_EXPECT_EQ(remove_tree(spath("q")), 0);
	KT_EXPECT_EQ(rmdir(spath("e")), 0);
	KT_EXPECT_EQ(unlink(spath("file")), 0);
}

static void renameat2_flags(void)
{
	const char *a = spath("na"), *b = spath("nb"), *d = spath("nd");

	KT_ASSERT_EQ(put(a, "one"), 0);
	KT_ASSERT_EQ(put(b, "two"), 0);
	KT_ASSERT_EQ(mkdir(d, 0755), 0);
	KT_ASSERT_EQ(put(spath("nd/in"), "in"), 0);
	EXPECT_ERR(rename2(a, b, RENAME_NOREPLACE), EEXIST);
	KT_EXPECT_EQ(strcmp(head(b), "two"), 0);
	KT_EXPECT_EQ(rename2(a, spath("nc"), RENAME_NOREPLACE), 0);
	KT_EXPECT_EQ(rename2(spath("nc"), a, 0), 0);
	/* EXCHANGE swaps two names, even of different kinds. */
	KT_EXPECT_EQ(rename2(a, b, RENAME_EXCHANGE), 0);
	KT_EXPECT_EQ(strcmp(head(a), "two"), 0);
	KT_EXPECT_EQ(strcmp(head(b), "one"), 0);
	KT_EXPECT_EQ(rename2(a, d, RENAME_EXCHANGE), 0);
	KT_EXPECT_EQ(strcmp(head(d), "two"), 0);
	KT_EXPECT_EQ(strcmp(head(spath("na/in")), "in"), 0);
	EXPECT_ERR(rename2(a, spath("none"), RENAME_EXCHANGE), ENOENT);
	EXPECT_ERR(rename2(a, b, RENAME_EXCHANGE | RENAME_NOREPLACE), EINVAL);
	EXPECT_ERR(rename2(a, b, 0x80000), EINVAL);
	KT_EXPECT_EQ(remove_tree(a), 0);
	KT_EXPECT_EQ(unlink(b), 0);
	KT_EXPECT_EQ(unlink(d), 0);
}

static void hard_links(void)
{
	const char *a = spath("la"), *b = spath("lb"), *s = spath("ls");
	int fd;

	KT_ASSERT_EQ(put(a, "data"), 0);
	KT_EXPECT_EQ(link(a, b), 0);
	KT_EXPECT_EQ(nlinks(a), 2);
	KT_EXPECT_EQ(inode_of(a), inode_of(b));
	EXPECT_ERR(link(a, b), EEXIST);
	EXPECT_ERR(link(spath("none"), spath("lc")), ENOENT);
	EXPECT_ERR(link(scratch_dir(), spath("ldir")), EPERM);
	/* A write through one name is seen through the other. */
	fd = open(b, O_WRONLY | O_APPEND);
	KT_EXPECT_EQ(write(fd, "++", 2), 2);
	close(fd);
	KT_EXPECT_EQ(strcmp(head(a), "data++"), 0);
	KT_EXPECT_EQ(unlink(a), 0);
	KT_EXPECT_EQ(nlinks(b), 1);
	/* linkat: of a symlink itself, or (AT_SYMLINK_FOLLOW) its target. */
	KT_ASSERT_EQ(symlink("lb", s), 0);
	KT_EXPECT_EQ(linkat(AT_FDCWD, s, AT_FDCWD, spath("l1"), 0), 0);
	KT_EXPECT_EQ(inode_of(spath("l1")), inode_of(s));
	KT_EXPECT_EQ(linkat(AT_FDCWD, s, AT_FDCWD, spath("l2"),
			    AT_SYMLINK_FOLLOW), 0);
	KT_EXPECT_EQ(inode_of(spath("l2")), inode_of(b));
	KT_EXPECT_EQ(nlinks(b), 2);
	EXPECT_ERR(linkat(AT_FDCWD, s, AT_FDCWD, spath("l3"), 0x8000), EINVAL);
	unlink(spath("l1"));
	unlink(spath("l2"));
	unlink(s);
	unlink(b);
}

static void symbolic_links(void)
{
	const char *l = spath("sl"), *t = spath("st");
	char buf[PATH_MAX];
	struct stat st;
	int dfd = open(scratch_dir(), O_RDONLY | O_DIRECTORY);

	KT_ASSERT(dfd >= 0);
	KT_ASSERT_EQ(put(t, "target"), 0);
	KT_EXPECT_EQ(symlink("st", l), 0);
	KT_EXPECT_EQ(readlink(l, buf, sizeof(buf)), 2);
	KT_EXPECT(!memcmp(buf, "st", 2));
	KT_EXPECT_EQ(lstat(l, &st), 0);
	KT_EXPECT(S_ISLNK(st.st_mode));
	KT_EXPECT_EQ(st.st_size, 2);
	KT_EXPECT_EQ(stat(l, &st), 0);
	KT_EXPECT(S_ISREG(st.st_mode));
	KT_EXPECT_EQ(strcmp(head(l), "target"), 0);
	/* A short buffer gets the first bytes, no terminating NUL. */
	KT_EXPECT_EQ(symlinkat("a-much-longer-target", dfd, "sl2"), 0);
	memset(buf, '#', 8);
	KT_EXPECT_EQ(readlinkat(dfd, "sl2", buf, 5), 5);
	KT_EXPECT(!memcmp(buf, "a-muc###", 8));
	EXPECT_ERR(readlink(t, buf, sizeof(buf)), EINVAL);
	/* Raw: musl's readlink() turns a size of 0 into 1. */
	EXPECT_ERR(syscall(SYS_readlink, l, buf, 0), EINVAL);
	EXPECT_ERR(readlink(l, BAD_PTR, 10), EFAULT);
	EXPECT_ERR(symlink("x", l), EEXIST);
	EXPECT_ERR(symlink("", spath("empty")), ENOENT);
	/* Dangling: the link exists, what it names does not. */
	KT_EXPECT_EQ(lstat(spath("sl2"), &st), 0);
	EXPECT_ERR(stat(spath("sl2"), &st), ENOENT);
	/* O_CREAT through a dangling link creates the target. */
	KT_EXPECT_EQ(symlink("created", spath("sl3")), 0);
	close(open(spath("sl3"), O_WRONLY | O_CREAT, 0644));
	KT_EXPECT_EQ(access(spath("created"), F_OK), 0);
	/* Links through directories. */
	KT_EXPECT_EQ(mkdir(spath("sd"), 0755), 0);
	KT_EXPECT_EQ(put(spath("sd/f"), "in-dir"), 0);
	KT_EXPECT_EQ(symlink("sd", spath("sdl")), 0);
	KT_EXPECT_EQ(strcmp(head(spath("sdl/f")), "in-dir"), 0);
	KT_EXPECT_EQ(symlink(scratch_dir(), spath("sd/abs")), 0);
	KT_EXPECT_EQ(strcmp(head(spath("sd/abs/sd/f")), "in-dir"), 0);
	close(dfd);
}

static void symlink_loops(void)
{
	char name[32];

	KT_ASSERT_EQ(symlink("loop-b", spath("loop-a")), 0);
	KT_ASSERT_EQ(symlink("loop-a", spath("loop-b")), 0);
	EXPECT_ERR(open(spath("loop-a"), O_RDONLY), ELOOP);
	EXPECT_ERR(open(spath("loop-a"), O_WRONLY | O_CREAT, 0644), ELOOP);
	EXPECT_ERR(access(spath("loop-a/x"), F_OK), ELOOP);
	/* A chain of 50 links is longer than Linux's 40. */
	KT_ASSERT_EQ(put(spath("chain0"), "end"), 0);
	for (int i = 1; i <= 50; i++) {
		snprintf(name, sizeof(name), "chain%d", i - 1);
		KT_ASSERT_EQ(symlink(name, spath("chain%d", i)), 0);
	}
	KT_EXPECT_EQ(strcmp(head(spath("chain40")), "end"), 0);
	EXPECT_ERR(open(spath("chain41"), O_RDONLY), ELOOP);
	EXPECT_ERR(open(spath("chain50"), O_RDONLY), ELOOP);
}

static void modes(void)
{
	const char *f = spath("m");
	struct stat st;
	int fd;

	KT_ASSERT_EQ(put(f, "m"), 0);
	KT_EXPECT_EQ(chmod(f, 0600), 0);
	KT_EXPECT_EQ(stat(f, &st), 0);
	KT_EXPECT_EQ(st.st_mode, S_IFREG | 0600);
	fd = open(f, O_RDONLY);
	KT_EXPECT_EQ(fchmod(fd, 04751), 0);
	KT_EXPECT_EQ(fstat(fd, &st), 0);
	KT_EXPECT_EQ(st.st_mode, S_IFREG | 04751);
	KT_EXPECT_EQ(fchmodat(AT_FDCWD, f, 0444, 0), 0);
	KT_EXPECT_EQ(fstat(fd, &st), 0);
	KT_EXPECT_EQ(st.st_mode, S_IFREG | 0444);
	/* The type bits in the argument are ignored. */
	KT_EXPECT_EQ(chmod(f, S_IFDIR | 0644), 0);
	KT_EXPECT_EQ(fstat(fd, &st), 0);
	KT_EXPECT_EQ(st.st_mode, S_IFREG | 0644);
	close(fd);
	EXPECT_ERR(chmod(spath("none"), 0644), ENOENT);
	EXPECT_ERR(fchmod(-1, 0644), EBADF);
	EXPECT_ERR(chmod(BAD_PTR, 0644), EFAULT);
}

static void owners(void)
{
	const char *f = spath("o"), *l = spath("ol");
	struct stat st;
	int fd;

	if (!is_root()) {
		ktap_skip("not root: chown to other ids needs CAP_CHOWN");
		return;
	}
	KT_ASSERT_EQ(put(f, "o"), 0);
	KT_ASSERT_EQ(symlink("o", l), 0);
	KT_EXPECT_EQ(chown(f, 1234, 5678), 0);
	KT_EXPECT_EQ(stat(f, &st), 0);
	KT_EXPECT_EQ(st.st_uid, 1234);
	KT_EXPECT_EQ(st.st_gid, 5678);
	/* -1 keeps an id. */
	KT_EXPECT_EQ(chown(f, -1, 0), 0);
	KT_EXPECT_EQ(stat(f, &st), 0);
	KT_EXPECT_EQ(st.st_uid, 1234);
	KT_EXPECT_EQ(st.st_gid, 0);
	/* lchown changes the link; chown through it, the target. */
	KT_EXPECT_EQ(lchown(l, 42, 43), 0);
	KT_EXPECT_EQ(lstat(l, &st), 0);
	KT_EXPECT_EQ(st.st_uid, 42);
	KT_EXPECT_EQ(stat(f, &st), 0);
	KT_EXPECT_EQ(st.st_uid, 1234);
	KT_EXPECT_EQ(fchownat(AT_FDCWD, l, 0, 0, 0), 0);
	KT_EXPECT_EQ(stat(f, &st), 0);
	KT_EXPECT_EQ(st.st_uid, 0);
	/* A change of owner clears set-user-ID, for root too (Linux). */
	fd = open(f, O_RDONLY);
	KT_EXPECT_EQ(fchmod(fd, 04755), 0);
	KT_EXPECT_EQ(fchown(fd, 0, 0), 0);
	KT_EXPECT_EQ(fstat(fd, &st), 0);
	KT_EXPECT_EQ(st.st_mode, S_IFREG | 0755);
	KT_EXPECT_EQ(st.st_uid, 0);
	KT_EXPECT_EQ(st.st_gid, 0);
	close(fd);
	EXPECT_ERR(fchown(-1, 0, 0), EBADF);
	EXPECT_ERR(chown(spath("none"), 0, 0), ENOENT);
}

static void set_times(void)
{
	const char *f = spath("t"), *l = spath("tl");
	struct timespec ts[2] = { { 1000000000, 5 },
				  { 1200000000, 123456789 } };
	/* futimesat's i386 timeval: two 32-bit longs (not musl's time64). */
	struct { long sec, usec; } tv[2] = { { 1300000000, 1 },
					     { 1400000000, 2 } };
	struct stat st;

	KT_ASSERT_EQ(put(f, "t"), 0);
	KT_ASSERT_EQ(symlink("t", l), 0);
	KT_EXPECT_EQ(utimensat(AT_FDCWD, f, ts, 0), 0);
	KT_EXPECT_EQ(stat(f, &st), 0);
	KT_EXPECT_EQ(st.st_atim.tv_sec, 1000000000);
	KT_EXPECT_EQ(st.st_atim.tv_nsec, 5);
	KT_EXPECT_EQ(st.st_mtim.tv_sec, 1200000000);
	KT_EXPECT_EQ(st.st_mtim.tv_nsec, 123456789);
	/* UTIME_OMIT keeps one, UTIME_NOW takes the clock. */
	ts[0].tv_nsec = UTIME_OMIT;
	ts[1].tv_nsec = UTIME_NOW;
	KT_EXPECT_EQ(utimensat(AT_FDCWD, f, ts, 0), 0);
	KT_EXPECT_EQ(stat(f, &st), 0);
	KT_EXPECT_EQ(st.st_atim.tv_sec, 1000000000);
	KT_EXPECT_GT(st.st_mtim.tv_sec, 1600000000);
	/* futimesat takes microseconds. */
	KT_EXPECT_EQ(syscall(SYS_futimesat, AT_FDCWD, f, tv), 0);
	KT_EXPECT_EQ(stat(f, &st), 0);
	KT_EXPECT_EQ(st.st_atim.tv_sec, 1300000000);
	KT_EXPECT_EQ(st.st_atim.tv_nsec, 1000);
	KT_EXPECT_EQ(st.st_mtim.tv_sec, 1400000000);
	KT_EXPECT_EQ(st.st_mtim.tv_nsec, 2000);
	/* AT_SYMLINK_NOFOLLOW sets the link's own times. */
	ts[0] = (struct timespec){ 5, 0 };
	ts[1] = (struct timespec){ 6, 0 };
	KT_EXPECT_EQ(utimensat(AT_FDCWD, l, ts, AT_SYMLINK_NOFOLLOW), 0);
	KT_EXPECT_EQ(lstat(l, &st), 0);
	KT_EXPECT_EQ(st.st_mtim.tv_sec, 6);
	KT_EXPECT_EQ(stat(f, &st), 0);
	KT_EXPECT_EQ(st.st_mtim.tv_sec, 1400000000);
	ts[0].tv_nsec = 1000000000;
	EXPECT_ERR(utimensat(AT_FDCWD, f, ts, 0), EINVAL);
	EXPECT_ERR(utimensat(AT_FDCWD, spath("none"), NULL, 0), ENOENT);
}

#define NFILES		60

struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

/* Count each name of dir in seen[] (by number); '.' and '..' apart. */
static int list_dir(int fd, int seen[NFILES], int *dots, int *others)
{
	char buf[300];		/* small: many getdents64 calls */
	long n;

	while ((n = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0) {
		for (long off = 0; off < n;) {
			struct linux_dirent64 *d = (void *)(buf + off);
			int i;

			if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
				(*dots)++;
			else if (sscanf(d->d_name, "entry-%d", &i) == 1 &&
				 i >= 0 && i < NFILES && d->d_type == DT_REG)
				seen[i]++;
			else
				(*others)++;
			off += d->d_reclen;
		}
	}
	return n;
}

static void getdents_listing(void)
{
	int seen[NFILES] = { 0 }, dots = 0, others = 0, fd, bad = 0;

	KT_ASSERT_EQ(mkdir(spath("listing"), 0755), 0);
	for (int i = 0; i < NFILES; i++)
		KT_ASSERT_EQ(put(spath("listing/entry-%d", i), "x"), 0);
	for (int i = 0; i < NFILES; i += 3)
		KT_ASSERT_EQ(unlink(spath("listing/entry-%d", i)), 0);
	KT_ASSERT_EQ(mkdir(spath("listing/subdir"), 0755), 0);
	fd = open(spath("listing"), O_RDONLY | O_DIRECTORY);
	KT_ASSERT(fd >= 0);
	KT_EXPECT_EQ(list_dir(fd, seen, &dots, &others), 0);
	for (int i = 0; i < NFILES; i++)
		bad += seen[i] != (i % 3 ? 1 : 0);
	KT_EXPECT_EQ(bad, 0);
	KT_EXPECT_EQ(dots, 2);
	KT_EXPECT_EQ(others, 1);	/* subdir */
	/* Rewind, and the same again. */
	KT_EXPECT_EQ(lseek(fd, 0, SEEK_SET), 0);
	memset(seen, 0, sizeof(seen));
	dots = others = bad = 0;
	KT_EXPECT_EQ(list_dir(fd, seen, &dots, &others), 0);
	for (int i = 0; i < NFILES; i++)
		bad += seen[i] != (i % 3 ? 1 : 0);
	KT_EXPECT_EQ(bad, 0);
	KT_EXPECT_EQ(dots + others, 3);
	{
		char small[8];

		KT_EXPECT_EQ(lseek(fd, 0, SEEK_SET), 0);
		EXPECT_ERR(syscall(SYS_getdents64, fd, small, sizeof(small)),
			   EINVAL);
		EXPECT_ERR(syscall(SYS_getdents64, fd, BAD_PTR, 4096), EFAULT);
	}
	close(fd);
	fd = open(spath("listing/entry-1"), O_RDONLY);
	EXPECT_ERR(syscall(SYS_getdents64, fd, seen, sizeof(seen)), ENOTDIR);
	close(fd);
}

static void error_numbers(void)
{
	char *name = malloc(PATH_MAX + 64);
	int fd;

	KT_ASSERT(name);
	KT_ASSERT_EQ(put(spath("plain"), "p"), 0);
	EXPECT_ERR(open(spath("nope"), O_RDONLY), ENOENT);
	EXPECT_ERR(open(spath("plain/x"), O_RDONLY), ENOTDIR);
	EXPECT_ERR(open(scratch_dir(), O_RDWR), EISDIR);
	EXPECT_ERR(mkdir(spath("plain"), 0755), EEXIST);
	EXPECT_ERR(fstat(-1, (struct stat *)name), EBADF);
	EXPECT_ERR(fstat(999, (struct stat *)name), EBADF);
	EXPECT_ERR(openat(999, "x", O_RDONLY), EBADF);
	EXPECT_ERR(open(BAD_PTR, O_RDONLY), EFAULT);
	EXPECT_ERR(open(BAD_PTR, O_WRONLY | O_CREAT, 0644), EFAULT);
	EXPECT_ERR(syscall(SYS_stat64, spath("plain"), BAD_PTR), EFAULT);
	EXPECT_ERR(unlink(BAD_PTR), EFAULT);
	EXPECT_ERR(rename(spath("plain"), BAD_PTR), EFAULT);
	fd = open(spath("plain"), O_RDWR);
	EXPECT_ERR(write(fd, BAD_PTR, 10), EFAULT);
	EXPECT_ERR(read(fd, BAD_PTR, 10), EFAULT);
	close(fd);
	/* 255 bytes make a name; 256 are too long. */
	memset(name, 'n', 256);
	name[255] = '\0';
	fd = open(spath("%s", name), O_WRONLY | O_CREAT, 0644);
	KT_EXPECT(fd >= 0);
	close(fd);
	KT_EXPECT_EQ(unlink(spath("%s", name)), 0);
	name[255] = 'n';
	name[256] = '\0';
	EXPECT_ERR(open(spath("%s", name), O_WRONLY | O_CREAT, 0644),
		   ENAMETOOLONG);
	EXPECT_ERR(mkdir(spath("%s", name), 0755), ENAMETOOLONG);
	/* A path of 4096 bytes (no room for the NUL) is too long. */
	memset(name, '/', PATH_MAX);
	name[PATH_MAX] = '\0';
	EXPECT_ERR(open(name, O_RDONLY), ENAMETOOLONG);
	name[PATH_MAX - 1] = '\0';	/* 4095 slashes: "/" */
	fd = open(name, O_RDONLY);
	KT_EXPECT(fd >= 0);
	close(fd);
	free(name);
}

/* Names in different mounts cannot be renamed or linked into each other. */
static void cross_device(void)
{
	const char *f = spath("xdev");

	KT_ASSERT_EQ(put(f, "x"), 0);
	EXPECT_ERR(rename(f, "/proc/kt-xdev"), EXDEV);
	/*
	 * (Not link(f, "/proc/name"): Linux looks the new name up first, and
	 * procfs answers ENOENT before the mounts are compared.)
	 */
	EXPECT_ERR(rename("/proc/version", spath("v")), EXDEV);
	EXPECT_ERR(link("/proc/version", spath("v")), EXDEV);
	KT_EXPECT_EQ(access(f, F_OK), 0);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(mkdir_and_rmdir),
	KTAP_CASE(unlink_calls),
	KTAP_CASE(rename_files),
	KTAP_CASE(rename_directories),
	KTAP_CASE(renameat2_flags),
	KTAP_CASE(hard_links),
	KTAP_CASE(symbolic_links),
	KTAP_CASE(symlink_loops),
	KTAP_CASE(modes),
	KTAP_CASE(owners),
	KTAP_CASE(set_times),
	KTAP_CASE(getdents_listing),
	KTAP_CASE(error_numbers),
	KTAP_CASE(cross_device),
	{ 0 }
};

int main(void)
{
	umask(022);
	scratch_init("namespace");
	return ktap_main("namespace", cases);
}
