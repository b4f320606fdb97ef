// SPDX-License-Identifier: GPL-2.0
/*
 * stat: file attributes (stat, lstat, fstat, fstatat, statx and their
 * i386 layouts), path resolution against directory descriptors, readlink,
 * the rlimit calls, and the working directory (chdir, fchdir, getcwd) and
 * umask.
 *
 * Files of the initramfs are checked against what reading them shows
 * (size = bytes read, readdir's d_ino = st_ino); the i386 layouts are
 * checked with raw int $0x80 against what musl decoded, so a field at the
 * wrong offset shows up as a mismatch. Errors are checked as the kernel
 * returns them. The initramfs has /lib/links/abs-link -> /bin/hello,
 * /lib/links/rel-link -> abs-link and /lib/links/up-link ->
 * ../../bin/hello (user/Makefile.inc).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ktap.h"
#include "sys.h"
#include "util.h"

#define BAD_PTR		0xE0000000L	/* kernel space: never a user address */

/* i386 struct stat64 as the kernel writes it (asm/stat.h). */
struct k_stat64 {
	uint64_t st_dev;
	uint8_t __pad0[4];
	uint32_t __st_ino;
	uint32_t st_mode;
	uint32_t st_nlink;
	uint32_t st_uid;
	uint32_t st_gid;
	uint64_t st_rdev;
	uint8_t __pad3[4];
	int64_t st_size;
	uint32_t st_blksize;
	uint64_t st_blocks;
	uint32_t st_atime_, st_atime_nsec;
	uint32_t st_mtime_, st_mtime_nsec;
	uint32_t st_ctime_, st_ctime_nsec;
	uint64_t st_ino;
} __attribute__((packed));

/* i386 struct stat of calls 106-108. */
struct k_stat {
	uint32_t st_dev, st_ino;
	uint16_t st_mode, st_nlink, st_uid, st_gid;
	uint32_t st_rdev, st_size, st_blksize, st_blocks;
	uint32_t st_atime_, st_atime_nsec, st_mtime_, st_mtime_nsec;
	uint32_t st_ctime_, st_ctime_nsec, unused4, unused5;
} __attribute__((packed));

/* struct statx (linux/stat.h; this musl has no statx() of its own). */
struct k_statx_timestamp {
	int64_t tv_sec;
	uint32_t tv_nsec;
	int32_t reserved;
};

struct k_statx {
	uint32_t stx_mask, stx_blksize;
	uint64_t stx_attributes;
	uint32_t stx_nlink, stx_uid, stx_gid;
	uint16_t stx_mode, spare0;
	uint64_t stx_ino, stx_size, stx_blocks, stx_attributes_mask;
	struct k_statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
	uint32_t stx_rdev_major, stx_rdev_minor;
	uint32_t stx_dev_major, stx_dev_minor;
	uint64_t spare[14];
};

#define STATX_BASIC_STATS	0x7ffu

_Static_assert(sizeof(struct k_stat64) == 96, "struct stat64");
_Static_assert(sizeof(struct k_statx) == 256, "struct statx");
_Static_assert(sizeof(struct k_stat) == 64, "struct stat");

static long long file_length(const char *path)
{
	char buf[4096];
	long long total = 0;
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		total += n;
	close(fd);
	return n < 0 ? -1 : total;
}

static void regular_file(void)
{
	struct stat st;
	long long len = file_length("/init");

	KT_ASSERT_EQ(stat("/init", &st), 0);
	KT_EXPECT(S_ISREG(st.st_mode));
	KT_EXPECT_EQ(st.st_mode & 0111, 0111);	/* it is executed */
	KT_EXPECT_GT(len, 0);
	KT_EXPECT_EQ(st.st_size, len);
	KT_EXPECT_EQ(st.st_nlink, 1);
	KT_EXPECT_NE(st.st_ino, 0);
	KT_EXPECT_GT(st.st_blksize, 0);
	/* tmpfs (the root) counts whole pages, as Linux's does. */
	KT_EXPECT_EQ(st.st_blocks, (len + 4095) / 4096 * 8);
	/* The archive's mtime: the file was built after 2001. */
	KT_EXPECT_GT(st.st_mtime, 1000000000);
	ktap_diag("/init: ino %llu size %lld mtime %lld",
		  (unsigned long long)st.st_ino, (long long)st.st_size,
		  (long long)st.st_mtime);
}

static void same_file(const struct stat *a, const struct stat *b)
{
	KT_EXPECT_EQ(a->st_dev, b->st_dev);
	KT_EXPECT_EQ(a->st_ino, b->st_ino);
	KT_EXPECT_EQ(a->st_mode, b->st_mode);
	KT_EXPECT_EQ(a->st_size, b->st_size);
	KT_EXPECT_EQ(a->st_nlink, b->st_nlink);
	KT_EXPECT_EQ(a->st_rdev, b->st_rdev);
	KT_EXPECT_EQ(a->st_mtime, b->st_mtime);
}

/* stat, lstat, fstat, fstatat, statx and odd spellings agree. */
static void every_call_agrees(void)
{
	struct stat st, other;
	struct k_statx sx;
	int fd;

	KT_ASSERT_EQ(stat("/init", &st), 0);
	KT_ASSERT_EQ(lstat("/init", &other), 0);
	same_file(&st, &other);
	fd = open("/init", O_RDONLY);
	KT_ASSERT_GE(fd, 0);
	KT_ASSERT_EQ(fstat(fd, &other), 0);
	same_file(&st, &other);
	KT_ASSERT_EQ(fstatat(fd, "", &other, AT_EMPTY_PATH), 0);
	same_file(&st, &other);
	close(fd);
	KT_ASSERT_EQ(fstatat(AT_FDCWD, "init", &other, 0), 0);
	same_file(&st, &other);
	KT_ASSERT_EQ(stat("//./bin/../init", &other), 0);
	same_file(&st, &other);
	memset(&sx, 0xa5, sizeof(sx));
	KT_ASSERT_EQ(raw_syscall5(383, AT_FDCWD, (long)"/init", 0,
				  STATX_BASIC_STATS, (long)&sx), 0);
	KT_EXPECT_EQ(sx.stx_mask & STATX_BASIC_STATS, STATX_BASIC_STATS);
	KT_EXPECT_EQ(sx.stx_ino, st.st_ino);
	KT_EXPECT_EQ(sx.stx_size, st.st_size);
	KT_EXPECT_EQ(sx.stx_mode, st.st_mode);
	KT_EXPECT_EQ(sx.stx_nlink, st.st_nlink);
	KT_EXPECT_EQ(sx.stx_blocks, st.st_blocks);
	KT_EXPECT_EQ(sx.stx_mtime.tv_sec, st.st_mtime);
	KT_EXPECT_EQ(makedev(sx.stx_dev_major, sx.stx_dev_minor), st.st_dev);
}

/* The raw i386 layouts carry the same values as musl's decoding. */
static void i386_layouts(void)
{
	struct k_stat64 s64;
	struct k_stat s32;
	struct stat st;

	KT_ASSERT_EQ(stat("/init", &st), 0);
	memset(&s64, 0xa5, sizeof(s64));
	KT_ASSERT_EQ(raw_syscall3(195, (long)"/init", (long)&s64, 0), 0);
	KT_EXPECT_EQ(s64.st_ino, st.st_ino);
	KT_EXPECT_EQ(s64.__st_ino, (uint32_t)st.st_ino);
	KT_EXPECT_EQ(s64.st_size, st.st_size);
	KT_EXPECT_EQ(s64.st_mode, st.st_mode);
	KT_EXPECT_EQ(s64.st_nlink, 1);
	KT_EXPECT_EQ(s64.st_dev, st.st_dev);
	KT_EXPECT_EQ(s64.st_blocks, st.st_blocks);
	KT_EXPECT_EQ(s64.st_mtime_, st.st_mtime);
	memset(&s32, 0xa5, sizeof(s32));
	KT_ASSERT_EQ(raw_syscall3(106, (long)"/init", (long)&s32, 0), 0);
	KT_EXPECT_EQ(s32.st_ino, st.st_ino);
	KT_EXPECT_EQ(s32.st_size, st.st_size);
	KT_EXPECT_EQ(s32.st_mode, st.st_mode);
	KT_EXPECT_EQ(s32.st_blksize, st.st_blksize);
	KT_EXPECT_EQ(s32.st_mtime_, st.st_mtime);
	/* lstat (107) and fstat (108) of the old layout. */
	KT_ASSERT_EQ(raw_syscall3(107, (long)"/init", (long)&s32, 0), 0);
	KT_EXPECT_EQ(s32.st_ino, st.st_ino);
	KT_ASSERT_EQ(raw_syscall3(108, 0x7fff, (long)&s32, 0), -EBADF);
}

static ino_t dirent_ino(const char *dir, const char *name)
{
	struct dirent *d;
	ino_t ino = 0;
	DIR *dp = opendir(dir);

	if (!dp)
		return 0;
	while ((d = readdir(dp)))
		if (!strcmp(d->d_name, name))
			ino = d->d_ino;
	closedir(dp);
	return ino;
}

static int dirent_type(const char *dir, const char *name)
{
	struct dirent *d;
	int type = -1;
	DIR *dp = opendir(dir);

	if (!dp)
		return -1;
	while ((d = readdir(dp)))
		if (!strcmp(d->d_name, name))
			type = d->d_type;
	closedir(dp);
	return type;
}

static void directories(void)
{
	struct stat root, bin, again, prog;

	KT_ASSERT_EQ(stat("/", &root), 0);
	KT_EXPECT(S_ISDIR(root.st_mode));
	/* "/" holds bin/ and lib/: ".", its name, and their ".." each. */
	KT_EXPECT_GE(root.st_nlink, 4);
	KT_ASSERT_EQ(stat("/bin", &bin), 0);
	KT_EXPECT(S_ISDIR(bin.st_mode));
	KT_EXPECT_GE(bin.st_nlink, 2);
	KT_EXPECT_NE(bin.st_ino, root.st_ino);
	KT_ASSERT_EQ(stat("/bin/", &again), 0);
	KT_EXPECT_EQ(again.st_ino, bin.st_ino);
	/* Stable: readdir's d_ino and two stats name the same number. */
	KT_ASSERT_EQ(stat("/bin/stat", &prog), 0);
	KT_EXPECT(S_ISREG(prog.st_mode));
	KT_EXPECT_EQ(dirent_ino("/bin", "stat"), prog.st_ino);
	KT_EXPECT_EQ(dirent_ino("/", "bin"), bin.st_ino);
	KT_ASSERT_EQ(stat("/bin/stat", &again), 0);
	KT_EXPECT_EQ(again.st_ino, prog.st_ino);
	KT_EXPECT_EQ(again.st_dev, root.st_dev);
}

static void expect_chr(const char *path, unsigned int maj, unsigned int min)
{
	struct stat st, fst;
	int fd;

	KT_ASSERT_EQ(stat(path, &st), 0);
	KT_EXPECT(S_ISCHR(st.st_mode));
	KT_EXPECT_EQ(major(st.st_rdev), maj);
	KT_EXPECT_EQ(minor(st.st_rdev), min);
	fd = open(path, O_RDONLY);
	KT_ASSERT_GE(fd, 0);
	KT_EXPECT_EQ(fstat(fd, &fst), 0);
	KT_EXPECT(S_ISCHR(fst.st_mode));
	KT_EXPECT_EQ(fst.st_rdev, st.st_rdev);
	KT_EXPECT_EQ(fst.st_ino, st.st_ino);
	close(fd);
}

static void devices(void)
{
	expect_chr("/dev/null", 1, 3);
	expect_chr("/dev/zero", 1, 5);
	expect_chr("/dev/console", 5, 1);
	expect_chr("dev/../dev/null", 1, 3);	/* relative to "/" */
	/* A device node is no directory, for open as for the path walk. */
	KT_EXPECT_EQ(raw_syscall3(5, (long)"/dev/null", O_RDONLY | O_DIRECTORY,
				  0), -ENOTDIR);
	KT_EXPECT_EQ(raw_syscall5(295, AT_FDCWD, (long)"/dev/console",
				  O_RDONLY | O_DIRECTORY, 0, 0), -ENOTDIR);
	KT_EXPECT_EQ(raw_syscall3(12, (long)"/dev/zero", 0, 0), -ENOTDIR);
}

static void pipes(void)
{
	struct stat r, w, other;
	int fds[2], fds2[2];

	KT_ASSERT_EQ(pipe(fds), 0);
	KT_ASSERT_EQ(pipe(fds2), 0);
	KT_EXPECT_EQ(fstat(fds[0], &r), 0);
	KT_EXPECT_EQ(fstat(fds[1], &w), 0);
	KT_EXPECT(S_ISFIFO(r.st_mode));
	KT_EXPECT(S_ISFIFO(w.st_mode));
	KT_EXPECT_EQ(r.st_ino, w.st_ino);	/* one pipe, two ends */
	KT_EXPECT_EQ(fstat(fds2[0], &other), 0);
	KT_EXPECT_NE(other.st_ino, r.st_ino);
	/* AT_EMPTY_PATH on a pipe: fstat by another name. */
	KT_EXPECT_EQ(fstatat(fds[1], "", &other, AT_EMPTY_PATH), 0);
	KT_EXPECT(S_ISFIFO(other.st_mode));
	KT_EXPECT_EQ(other.st_ino, r.st_ino);
	close(fds[0]);
	close(fds[1]);
	close(fds2[0]);
	close(fds2[1]);
}

static void dirfd_relative(void)
{
	struct stat viafd, direct;
	int dfd = open("/bin", O_RDONLY | O_DIRECTORY), fd, filefd;

	KT_ASSERT_GE(dfd, 0);
	KT_ASSERT_EQ(stat("/bin/stat", &direct), 0);
	KT_EXPECT_EQ(fstatat(dfd, "stat", &viafd, 0), 0);
	KT_EXPECT_EQ(viafd.st_ino, direct.st_ino);
	fd = openat(dfd, "stat", O_RDONLY);
	KT_EXPECT_GE(fd, 0);
	KT_EXPECT_EQ(fstat(fd, &viafd), 0);
	KT_EXPECT_EQ(viafd.st_ino, direct.st_ino);
	close(fd);
	/* ".." from /bin is /; an absolute path ignores dirfd. */
	KT_ASSERT_EQ(stat("/init", &direct), 0);
	KT_EXPECT_EQ(fstatat(dfd, "../init", &viafd, 0), 0);
	KT_EXPECT_EQ(viafd.st_ino, direct.st_ino);
	KT_EXPECT_EQ(fstatat(0x7fff, "/init", &viafd, 0), 0);
	KT_EXPECT_EQ(faccessat(dfd, "stat", X_OK, 0), 0);
	/* A relative path needs a directory. */
	filefd = open("/init", O_RDONLY);
	KT_ASSERT_GE(filefd, 0);
	KT_EXPECT_EQ(raw_syscall5(300, filefd, (long)"x", (long)&viafd, 0, 0),
		     -ENOTDIR);
	KT_EXPECT_EQ(raw_syscall5(295, filefd, (long)"init", O_RDONLY, 0, 0),
		     -ENOTDIR);
	KT_EXPECT_EQ(raw_syscall5(300, 0x7fff, (long)"init", (long)&viafd, 0,
				  0), -EBADF);
	close(filefd);
	close(dfd);
}

static void errors(void)
{
	struct k_stat64 s;
	struct k_statx sx;
	char longname[300];

	memset(longname, 'a', sizeof(longname) - 1);
	longname[0] = '/';
	longname[sizeof(longname) - 1] = '\0';
	KT_EXPECT_EQ(raw_syscall3(195, (long)"/no/such", (long)&s, 0), -ENOENT);
	KT_EXPECT_EQ(raw_syscall3(195, (long)"/nosuch", (long)&s, 0), -ENOENT);
	KT_EXPECT_EQ(raw_syscall3(195, (long)"", (long)&s, 0), -ENOENT);
	KT_EXPECT_EQ(raw_syscall3(195, (long)"/init/x", (long)&s, 0), -ENOTDIR);
	KT_EXPECT_EQ(raw_syscall3(195, (long)"/init/", (long)&s, 0), -ENOTDIR);
	KT_EXPECT_EQ(raw_syscall3(195, (long)"/init/..", (long)&s, 0),
		     -ENOTDIR);
	KT_EXPECT_EQ(raw_syscall3(195, (long)longname, (long)&s, 0),
		     -ENAMETOOLONG);
	KT_EXPECT_EQ(raw_syscall3(195, BAD_PTR, (long)&s, 0), -EFAULT);
	KT_EXPECT_EQ(raw_syscall3(195, 0, (long)&s, 0), -EFAULT);
	KT_EXPECT_EQ(raw_syscall3(195, (long)"/init", BAD_PTR, 0), -EFAULT);
	KT_EXPECT_EQ(raw_syscall3(197, 1, BAD_PTR, 0), -EFAULT);
	KT_EXPECT_EQ(raw_syscall3(197, -1, (long)&s, 0), -EBADF);
	KT_EXPECT_EQ(raw_syscall3(197, 0x7fff, (long)&s, 0), -EBADF);
	/* fstatat64: unknown flags; "" without AT_EMPTY_PATH. */
	KT_EXPECT_EQ(raw_syscall5(300, AT_FDCWD, (long)"/init", (long)&s,
				  0x8000, 0), -EINVAL);
	KT_EXPECT_EQ(raw_syscall5(300, AT_FDCWD, (long)"", (long)&s, 0, 0),
		     -ENOENT);
	/* The statx sync hints are fstatat flags too on Linux (vfs_statx). */
	KT_EXPECT_EQ(raw_syscall5(300, AT_FDCWD, (long)"/init", (long)&s,
				  0x4000, 0), 0);	/* AT_STATX_DONT_SYNC */
	KT_EXPECT_EQ(raw_syscall5(300, 0x7fff, (long)"", (long)&s,
				  AT_EMPTY_PATH, 0), -EBADF);
	KT_EXPECT_EQ(raw_syscall5(300, AT_FDCWD, (long)"", (long)&s,
				  AT_EMPTY_PATH, 0), 0);
	KT_EXPECT(S_ISDIR(s.st_mode));		/* the working directory, / */
	/* statx: unknown flags, both sync types, the reserved mask bit. */
	KT_EXPECT_EQ(raw_syscall5(383, AT_FDCWD, (long)"/init", 0x8000,
				  STATX_BASIC_STATS, (long)&sx), -EINVAL);
	KT_EXPECT_EQ(raw_syscall5(383, AT_FDCWD, (long)"/init", 0x6000,
				  STATX_BASIC_STATS, (long)&sx), -EINVAL);
	KT_EXPECT_EQ(raw_syscall5(383, AT_FDCWD, (long)"/init", 0,
				  0x80000000, (long)&sx), -EINVAL);
	KT_EXPECT_EQ(raw_syscall5(383, AT_FDCWD, (long)"/init", 0,
				  STATX_BASIC_STATS, BAD_PTR), -EFAULT);
	KT_EXPECT_EQ(raw_syscall5(383, AT_FDCWD, (long)"/nosuch", 0,
				  STATX_BASIC_STATS, (long)&sx), -ENOENT);
}

static void symlinks(void)
{
	struct stat st, target, link;
	char buf[64];

	KT_ASSERT_EQ(stat("/bin/hello", &target), 0);
	KT_ASSERT_EQ(lstat("/lib/links/abs-link", &link), 0);
	KT_EXPECT(S_ISLNK(link.st_mode));
	KT_EXPECT_EQ(link.st_size, strlen("/bin/hello"));
	KT_EXPECT_NE(link.st_ino, target.st_ino);
	KT_ASSERT_EQ(stat("/lib/links/abs-link", &st), 0);	/* followed */
	KT_EXPECT(S_ISREG(st.st_mode));
	KT_EXPECT_EQ(st.st_ino, target.st_ino);
	/* A relative link to a link: both are followed. */
	KT_EXPECT_EQ(fstatat(AT_FDCWD, "/lib/links/rel-link", &st, 0), 0);
	KT_EXPECT_EQ(st.st_ino, target.st_ino);
	KT_EXPECT_EQ(fstatat(AT_FDCWD, "/lib/links/rel-link", &st,
			     AT_SYMLINK_NOFOLLOW), 0);
	KT_EXPECT(S_ISLNK(st.st_mode));
	KT_EXPECT_NE(st.st_ino, link.st_ino);
	KT_EXPECT_EQ(stat("/lib/links/up-link", &st), 0);	/* "../../" */
	KT_EXPECT_EQ(st.st_ino, target.st_ino);
	errno = 0;				/* O_NOFOLLOW: not followed */
	KT_EXPECT_EQ(open("/lib/links/abs-link", O_RDONLY | O_NOFOLLOW), -1);
	KT_EXPECT_EQ(errno, ELOOP);
	KT_EXPECT_EQ(dirent_type("/lib/links", "abs-link"), DT_LNK);
	KT_EXPECT_EQ(dirent_type("/lib", "links"), DT_DIR);
	memset(buf, 'x', sizeof(buf));
	KT_EXPECT_EQ(readlink("/lib/links/abs-link", buf, sizeof(buf)), 10);
	KT_EXPECT(!memcmp(buf, "/bin/hello", 10));
	KT_EXPECT_EQ(buf[10], 'x');		/* no NUL is added */
	KT_EXPECT_EQ(readlinkat(AT_FDCWD, "lib/links/rel-link", buf,
			       sizeof(buf)), 8);
	KT_EXPECT(!memcmp(buf, "abs-link", 8));
	/* A short buffer gets the start of the target. */
	KT_EXPECT_EQ(readlink("/lib/links/abs-link", buf, 4), 4);
	KT_EXPECT(!memcmp(buf, "/bin", 4));
}

static void readlink_errors(void)
{
	char buf[64];

	KT_EXPECT_EQ(raw_syscall3(85, (long)"/init", (long)buf, sizeof(buf)),
		     -EINVAL);
	KT_EXPECT_EQ(raw_syscall3(85, (long)"/bin", (long)buf, sizeof(buf)),
		     -EINVAL);
	KT_EXPECT_EQ(raw_syscall3(85, (long)"/dev/null", (long)buf,
				  sizeof(buf)), -EINVAL);
	KT_EXPECT_EQ(raw_syscall3(85, (long)"/nosuch", (long)buf, sizeof(buf)),
		     -ENOENT);
	KT_EXPECT_EQ(raw_syscall3(85, (long)"", (long)buf, sizeof(buf)),
		     -ENOENT);
	KT_EXPECT_EQ(raw_syscall3(85, (long)"/lib/links/abs-link", (long)buf, 0),
		     -EINVAL);
	KT_EXPECT_EQ(raw_syscall3(85, (long)"/lib/links/abs-link", BAD_PTR, 8),
		     -EFAULT);
	KT_EXPECT_EQ(raw_syscall3(85, BAD_PTR, (long)buf, 8), -EFAULT);
	KT_EXPECT_EQ(raw_syscall5(305, 0x7fff, (long)"x", (long)buf, 8, 0),
		     -EBADF);
	/* What glibc asks at start-up: the program's path. */
	KT_EXPECT_GT(raw_syscall3(85, (long)"/proc/self/exe", (long)buf,
				  sizeof(buf)), 0);
	KT_EXPECT_EQ(buf[0], '/');
}

struct k_rlimit {
	uint32_t cur, max;
};

struct k_rlimit64 {
	uint64_t cur, max;
};

/* ugetrlimit (191) and getrlimit (76) read what prlimit64 reads. */
static void rlimits(void)
{
	struct k_rlimit r32;
	struct k_rlimit64 r64;

	KT_ASSERT_EQ(raw_syscall5(340, 0, RLIMIT_NOFILE, 0, (long)&r64, 0), 0);
	KT_ASSERT_EQ(raw_syscall3(191, RLIMIT_NOFILE, (long)&r32, 0), 0);
	KT_EXPECT_EQ(r32.cur, r64.cur);
	KT_EXPECT_EQ(r32.max, r64.max);
	KT_ASSERT_EQ(raw_syscall3(76, RLIMIT_NOFILE, (long)&r32, 0), 0);
	KT_EXPECT_EQ(r32.cur, r64.cur);
	KT_ASSERT_EQ(raw_syscall5(340, 0, RLIMIT_STACK, 0, (long)&r64, 0), 0);
	KT_ASSERT_EQ(raw_syscall3(191, RLIMIT_STACK, (long)&r32, 0), 0);
	KT_EXPECT_EQ(r32.cur, r64.cur);
	/* An unlimited one: ~0 in 191, 0x7fffffff in the old 76. */
	KT_ASSERT_EQ(raw_syscall5(340, 0, RLIMIT_CPU, 0, (long)&r64, 0), 0);
	KT_EXPECT_EQ(r64.cur, RLIM_INFINITY);
	KT_ASSERT_EQ(raw_syscall3(191, RLIMIT_CPU, (long)&r32, 0), 0);
	KT_EXPECT_EQ(r32.cur, 0xffffffffu);
	KT_ASSERT_EQ(raw_syscall3(76, RLIMIT_CPU, (long)&r32, 0), 0);
	KT_EXPECT_EQ(r32.cur, 0x7fffffffu);
	KT_EXPECT_EQ(raw_syscall3(191, 99, (long)&r32, 0), -EINVAL);
	KT_EXPECT_EQ(raw_syscall3(191, RLIMIT_NOFILE, BAD_PTR, 0), -EFAULT);
	/* setrlimit: soft above hard is invalid everywhere. */
	r32.cur = 10;
	r32.max = 5;
	KT_EXPECT_EQ(raw_syscall3(75, RLIMIT_NOFILE, (long)&r32, 0), -EINVAL);
	KT_EXPECT_EQ(raw_syscall3(75, RLIMIT_NOFILE, BAD_PTR, 0), -EFAULT);
	if (!on_linux()) {	/* here the limits are fixed */
		r32.cur = r32.max = 8;
		KT_EXPECT_EQ(raw_syscall3(75, RLIMIT_NOFILE, (long)&r32, 0),
			     -EPERM);
	}
}

static void child_in_lib(void *arg __attribute__((unused)))
{
	char buf[64];

	KT_EXPECT(getcwd(buf, sizeof(buf)) && !strcmp(buf, "/lib"));
	KT_EXPECT_EQ(chdir("/bin"), 0);	/* the parent's stays /lib */
	KT_EXPECT_EQ(umask(0), 027);
}

/* execve of a relative name: from the working directory too. */
static void exec_relative(void *arg __attribute__((unused)))
{
	char *argv[] = { "hello", NULL }, *envp[] = { NULL };
	int null = open("/dev/null", O_WRONLY);

	if (chdir("/bin") || null < 0 || dup2(null, 1) != 1)
		_exit(98);
	execve("hello", argv, envp);
	_exit(99);
}

static void working_directory(void)
{
	struct stat a, b;
	char buf[64];
	int dfd, fd, status;

	KT_ASSERT(getcwd(buf, sizeof(buf)) && !strcmp(buf, "/"));
	KT_ASSERT_EQ(chdir("/bin"), 0);
	KT_EXPECT(getcwd(buf, sizeof(buf)) && !strcmp(buf, "/bin"));
	KT_EXPECT_EQ(stat("stat", &a), 0);	/* relative to /bin now */
	KT_EXPECT_EQ(stat("/bin/stat", &b), 0);
	KT_EXPECT_EQ(a.st_ino, b.st_ino);
	fd = open("./stat", O_RDONLY);
	KT_EXPECT_GE(fd, 0);
	close(fd);
	KT_EXPECT_EQ(chdir(".."), 0);
	KT_EXPECT(getcwd(buf, sizeof(buf)) && !strcmp(buf, "/"));
	KT_EXPECT_EQ(raw_syscall3(12, (long)"/init", 0, 0), -ENOTDIR);
	KT_EXPECT_EQ(raw_syscall3(12, (long)"/nosuch", 0, 0), -ENOENT);
	KT_EXPECT_EQ(raw_syscall3(12, BAD_PTR, 0, 0), -EFAULT);
	/* fchdir, and what a child inherits (a copy: no CLONE_FS). */
	dfd = open("/lib", O_RDONLY | O_DIRECTORY);
	KT_ASSERT_GE(dfd, 0);
	KT_EXPECT_EQ(fchdir(dfd), 0);
	KT_EXPECT(getcwd(buf, sizeof(buf)) && !strcmp(buf, "/lib"));
	KT_EXPECT_EQ(raw_syscall3(183, (long)buf, 4, 0), -ERANGE);
	KT_EXPECT_EQ(raw_syscall3(183, BAD_PTR, sizeof(buf), 0), -EFAULT);
	KT_EXPECT_EQ(raw_syscall3(183, (long)buf, sizeof(buf), 0), 5);
	umask(027);
	status = child_status(child_in_lib, NULL);
	KT_EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	KT_EXPECT(getcwd(buf, sizeof(buf)) && !strcmp(buf, "/lib"));
	status = child_status(exec_relative, NULL);
	KT_EXPECT(WIFEXITED(status));
	KT_EXPECT_EQ(WEXITSTATUS(status), 0);
	fd = open("/init", O_RDONLY);
	KT_EXPECT_EQ(raw_syscall3(133, fd, 0, 0), -ENOTDIR);
	KT_EXPECT_EQ(raw_syscall3(133, 0x7fff, 0, 0), -EBADF);
	close(fd);
	close(dfd);
	KT_EXPECT_EQ(chdir("/"), 0);
	/* umask keeps the permission bits only, and returns the old one. */
	KT_EXPECT_EQ(umask(01777), 027);
	KT_EXPECT_EQ(umask(022), 0777);
}

/*
 * CLONE_FS without CLONE_VM (a fork that shares the fs_struct): the
 * child's chdir and umask are the parent's too.
 */
static void clone_fs_shares_cwd(void)
{
	char buf[64];
	int status = -1;
	long pid;

	KT_ASSERT_EQ(chdir("/"), 0);
	umask(022);
	pid = syscall(SYS_clone, CLONE_FS | SIGCHLD, 0, 0, 0, 0);
	if (pid == 0)
		_exit(chdir("/lib") || umask(077) != 022 ? 1 : 0);
	KT_ASSERT_GE(pid, 1);
	KT_ASSERT_EQ(waitpid(pid, &status, 0), pid);
	KT_EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	KT_EXPECT(getcwd(buf, sizeof(buf)) && !strcmp(buf, "/lib"));
	KT_EXPECT_EQ(umask(022), 077);
	KT_EXPECT_EQ(chdir("/"), 0);
}

/*
 * access/faccessat/faccessat2 for root. The root is a writable tmpfs, so
 * W_OK succeeds; EROFS on a read-only mount is rofs's open_for_writing.
 */
static void access_modes(void)
{
	KT_EXPECT_EQ(access("/bin/stat", R_OK | X_OK), 0);
	KT_EXPECT_EQ(access("/dev/null", R_OK | W_OK), 0);
	KT_EXPECT_EQ(access("/", X_OK), 0);		/* a directory */
	errno = 0;
	KT_EXPECT_EQ(access("/nonexistent", F_OK), -1);
	KT_EXPECT_EQ(errno, ENOENT);
	errno = 0;
	KT_EXPECT_EQ(access("/bin/stat", 8), -1);	/* not a mode bit */
	KT_EXPECT_EQ(errno, EINVAL);
	errno = 0;
	KT_EXPECT_EQ(access((char *)1, F_OK), -1);
	KT_EXPECT_EQ(errno, EFAULT);
	KT_EXPECT_EQ(syscall(SYS_faccessat2, AT_FDCWD, "/bin/stat", X_OK,
			     AT_EACCESS), 0);
	errno = 0;
	KT_EXPECT_EQ(syscall(SYS_faccessat2, AT_FDCWD, "/bin/stat", X_OK,
			     0x4000), -1);
	KT_EXPECT_EQ(errno, EINVAL);
	if (on_linux()) {
		ktap_skip("Linux host: its files and mounts differ");
		return;
	}
	/* A plain file without execute bits; root may write any file. */
	KT_EXPECT_EQ(access("/lib/links/data.txt", R_OK), 0);
	errno = 0;
	KT_EXPECT_EQ(access("/lib/links/data.txt", X_OK), -1);
	KT_EXPECT_EQ(errno, EACCES);
	KT_EXPECT_EQ(access("/bin/stat", W_OK), 0);
	KT_EXPECT_EQ(access("/lib/links/data.txt", R_OK | W_OK), 0);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(regular_file),
	KTAP_CASE(every_call_agrees),
	KTAP_CASE(i386_layouts),
	KTAP_CASE(directories),
	KTAP_CASE(devices),
	KTAP_CASE(pipes),
	KTAP_CASE(dirfd_relative),
	KTAP_CASE(errors),
	KTAP_CASE(symlinks),
	KTAP_CASE(readlink_errors),
	KTAP_CASE(rlimits),
	KTAP_CASE(working_directory),
	KTAP_CASE(clone_fs_shares_cwd),
	KTAP_CASE(access_modes),
	{ 0 }
};

int main(void)
{
	return ktap_main("stat", cases);
}
