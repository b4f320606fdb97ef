// SPDX-License-Identifier: GPL-2.0
/*
 * File attributes: stat, lstat, fstat (106-108, the i386 "struct stat"),
 * stat64, lstat64, fstat64, fstatat64 (195-197, 300), statx (383), and
 * readlink, readlinkat (85, 305).
 *
 * Every open file's f_op->getattr fills a struct kstat (include/stat.h);
 * the path calls resolve the name (kernel/namei.c), open the file
 * read-only for the moment it takes, and ask it. A symlink is asked about
 * itself only for lstat/AT_SYMLINK_NOFOLLOW and readlink; it has no open
 * file of its own (open follows it), so its entry is read directly.
 *
 * Who fills what:
 *   initramfs (here)   mode, size, nlink and mtime from the cpio header;
 *                      ino = index + 2 (getdents64's d_ino); dev 0:1
 *   devices.c          S_IFCHR, rdev (null 1:3, zero 1:5, console 5:1,
 *                      tty 5:0); dev 0:5
 *   pipe.c             S_IFIFO, one ino per pipe; dev 0:12
 *   procfs.c           directories 0555, files 0444, symlinks; dev 0:4
 */
#include <stat.h>
#include <asm/stat.h>	/* the i386 layouts of struct stat, stat64 */
#include <namei.h>
#include <fs.h>
#include <initramfs.h>
#include <procfs.h>
#include <uaccess.h>
#include <syscalls.h>
#include <kernel.h>
#include <panic.h>
#include <string.h>
#include <errno.h>

/* ---- struct kstat from the initramfs --------------------------------------- */

/* Is `name` directly inside the directory named `dir` ("" = root)? */
static bool in_directory(const char *dir, const char *name)
{
	size_t dlen = strlen(dir);

	if (!*name)
		return false;	/* the root is inside nothing */
	if (dlen) {
		if (strncmp(name, dir, dlen) || name[dlen] != '/')
			return false;
		name += dlen + 1;
	}
	return *name && !strchr(name, '/');
}

/* A directory's links: its own name, its ".", and each child's "..". */
static u32 dir_nlink(const struct initramfs_entry *dir)
{
	u32 nlink = 2;

	for (int i = 0; i < initramfs_count(); i++) {
		const struct initramfs_entry *e = initramfs_get(i);

		if (S_ISDIR(e->mode) && in_directory(dir->name, e->name))
			nlink++;
	}
	return nlink;
}

void initramfs_entry_getattr(const struct initramfs_entry *e,
			     struct kstat *st)
{
	memset(st, 0, sizeof(*st));
	st->mode = e->mode;
	st->nlink = S_ISDIR(e->mode) ? dir_nlink(e) : max(e->nlink, 1u);
	st->dev = INITRAMFS_DEV;
	st->ino = e->ino;
	/* A directory has no data of its own; a symlink's is its target. */
	st->size = S_ISDIR(e->mode) ? 0 : e->size;
	st->blksize = STAT_BLKSIZE;
	st->blocks = DIV_ROUND_UP((u64)st->size, 512);
	st->atime = st->mtime = st->ctime = e->mtime;
}

int initramfs_getattr(struct file *f, struct kstat *st)
{
	initramfs_entry_getattr(initramfs_file_entry(f), st);
	return 0;
}

/* ---- the lookups ------------------------------------------------------------- */

static int vfs_getattr(struct file *f, struct kstat *st)
{
	memset(st, 0, sizeof(*st));
	/* Every kind of file must have one: a loud warning, not a panic,
	 * since user space got here. */
	if (WARN_ON(!f->f_op->getattr))
		return -EIO;
	return f->f_op->getattr(f, st);
}

static int vfs_fstat(int fd, struct kstat *st)
{
	struct file *f = fget(fd);
	int err;

	if (!f)
		return -EBADF;
	err = vfs_getattr(f, st);
	fput(f);
	return err;
}

/* `path` is canonical (path_at()); a final symlink is followed unless asked. */
static int vfs_stat_path(const char *path, bool nofollow, struct kstat *st)
{
	struct file *f;
	int err;

	if (nofollow && procfs_path(path)) {
		err = procfs_lstat(path, st);
		if (err <= 0)
			return err;	/* a /proc symlink, or an error */
	} else if (nofollow) {
		const struct initramfs_entry *e =
			initramfs_lookup_nofollow(path);

		if (e && S_ISLNK(e->mode)) {
			initramfs_entry_getattr(e, st);
			return 0;
		}
	}
	f = filp_open(path, O_RDONLY);
	if (IS_ERR(f))
		return PTR_ERR(f);
	err = vfs_getattr(f, st);
	fput(f);
	return err;
}

/*
 * The common part of every path-based call. A NULL path with
 * AT_EMPTY_PATH means "", as on Linux 6.11 and later.
 */
int vfs_statat(int dirfd, const char __user *upath, unsigned int flags,
	       struct kstat *st)
{
	char name[PATH_MAX], path[PATH_MAX];
	long len = 0;
	int err;

	if (upath || !(flags & AT_EMPTY_PATH))
		len = getname(upath, name);
	if (len < 0)
		return len;
	if (!len) {
		if (!(flags & AT_EMPTY_PATH))
			return -ENOENT;
		if (dirfd != AT_FDCWD)
			return vfs_fstat(dirfd, st);
		name[0] = '.';
		name[1] = '\0';
	}
	err = path_at(dirfd, name, path);
	if (err)
		return err;
	return vfs_stat_path(path, flags & AT_SYMLINK_NOFOLLOW, st);
}

/* ---- user layouts ------------------------------------------------------------ */

/* Linux's new_encode_dev(): 12-bit major, 20-bit minor, old values kept. */
static u32 encode_dev(u32 dev)
{
	u32 major = MAJOR(dev), minor = MINOR(dev);

	return (minor & 0xff) | (major << 8) | ((minor & ~0xffu) << 12);
}

struct statx_timestamp {
	s64 tv_sec;
	u32 tv_nsec;
	s32 __reserved;
};

/* struct statx (linux/stat.h): the same on every architecture. */
struct statx {
	u32 stx_mask;		/* what is filled in: STATX_* */
	u32 stx_blksize;
	u64 stx_attributes;
	u32 stx_nlink;
	u32 stx_uid;
	u32 stx_gid;
	u16 stx_mode;
	u16 __spare0;
	u64 stx_ino;
	u64 stx_size;
	u64 stx_blocks;
	u64 stx_attributes_mask;
	struct statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
	u32 stx_rdev_major, stx_rdev_minor;
	u32 stx_dev_major, stx_dev_minor;
	u64 stx_mnt_id;
	u32 stx_dio_mem_align, stx_dio_offset_align;
	u64 __spare3[12];
} __packed;

_Static_assert(sizeof(struct statx) == 256, "struct statx");
_Static_assert(__builtin_offsetof(struct statx, stx_rdev_major) == 128,
	       "stx_rdev_major");

#define STATX_BASIC_STATS	0x000007ffU	/* type .. blocks, no btime */
#define STATX__RESERVED		0x80000000U
#define AT_STATX_SYNC_TYPE	0x6000		/* FORCE_SYNC | DONT_SYNC */

static int put_stat64(const struct kstat *st, struct stat64 __user *ubuf)
{
	struct stat64 s;

	memset(&s, 0, sizeof(s));
	s.st_dev = encode_dev(st->dev);
	s.__st_ino = (u32)st->ino;
	s.st_mode = st->mode;
	s.st_nlink = st->nlink;
	s.st_uid = st->uid;
	s.st_gid = st->gid;
	s.st_rdev = encode_dev(st->rdev);
	s.st_size = st->size;
	s.st_blksize = st->blksize;
	s.st_blocks = st->blocks;
	s.st_atime = st->atime;
	s.st_mtime = st->mtime;
	s.st_ctime = st->ctime;
	s.st_ino = st->ino;
	return copy_to_user(ubuf, &s, sizeof(s)) ? -EFAULT : 0;
}

/* The old layout cannot hold everything: -EOVERFLOW, as Linux. */
static int put_stat32(const struct kstat *st, struct stat32 __user *ubuf)
{
	struct stat32 s;

	if (st->ino > 0xffffffffULL || st->nlink > 0xffff ||
	    st->size > 0x7fffffffLL)
		return -EOVERFLOW;
	memset(&s, 0, sizeof(s));
	s.st_dev = encode_dev(st->dev);
	s.st_ino = st->ino;
	s.st_mode = st->mode;
	s.st_nlink = st->nlink;
	s.st_uid = st->uid;
	s.st_gid = st->gid;
	s.st_rdev = encode_dev(st->rdev);
	s.st_size = st->size;
	s.st_blksize = st->blksize;
	s.st_blocks = st->blocks;
	s.st_atime = st->atime;
	s.st_mtime = st->mtime;
	s.st_ctime = st->ctime;
	return copy_to_user(ubuf, &s, sizeof(s)) ? -EFAULT : 0;
}

static int put_statx(const struct kstat *st, struct statx __user *ubuf)
{
	struct statx s;

	memset(&s, 0, sizeof(s));
	s.stx_mask = STATX_BASIC_STATS;
	s.stx_blksize = st->blksize;
	s.stx_nlink = st->nlink;
	s.stx_uid = st->uid;
	s.stx_gid = st->gid;
	s.stx_mode = st->mode;
	s.stx_ino = st->ino;
	s.stx_size = st->size;
	s.stx_blocks = st->blocks;
	s.stx_atime.tv_sec = st->atime;
	s.stx_ctime.tv_sec = st->ctime;
	s.stx_mtime.tv_sec = st->mtime;
	s.stx_rdev_major = MAJOR(st->rdev);
	s.stx_rdev_minor = MINOR(st->rdev);
	s.stx_dev_major = MAJOR(st->dev);
	s.stx_dev_minor = MINOR(st->dev);
	return copy_to_user(ubuf, &s, sizeof(s)) ? -EFAULT : 0;
}

/* ---- system calls ------------------------------------------------------------ */

/* What Linux's vfs_statx() accepts, for fstatat64 as for statx: the
 * sync hints mean nothing here (everything is in memory). */
#define FSTATAT_FLAGS	(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | \
			 AT_EMPTY_PATH | AT_STATX_SYNC_TYPE)

SYSCALL_DEFINE2(stat, const char __user *, path, struct stat32 __user *, buf)
{
	struct kstat st;
	int err = vfs_statat(AT_FDCWD, path, 0, &st);

	return err ? err : put_stat32(&st, buf);
}

SYSCALL_DEFINE2(lstat, const char __user *, path, struct stat32 __user *, buf)
{
	struct kstat st;
	int err = vfs_statat(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, &st);

	return err ? err : put_stat32(&st, buf);
}

SYSCALL_DEFINE2(fstat, int, fd, struct stat32 __user *, buf)
{
	struct kstat st;
	int err = vfs_fstat(fd, &st);

	return err ? err : put_stat32(&st, buf);
}

SYSCALL_DEFINE2(stat64, const char __user *, path, struct stat64 __user *, buf)
{
	struct kstat st;
	int err = vfs_statat(AT_FDCWD, path, 0, &st);

	return err ? err : put_stat64(&st, buf);
}

SYSCALL_DEFINE2(lstat64, const char __user *, path,
		struct stat64 __user *, buf)
{
	struct kstat st;
	int err = vfs_statat(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, &st);

	return err ? err : put_stat64(&st, buf);
}

SYSCALL_DEFINE2(fstat64, int, fd, struct stat64 __user *, buf)
{
	struct kstat st;
	int err = vfs_fstat(fd, &st);

	return err ? err : put_stat64(&st, buf);
}

SYSCALL_DEFINE4(fstatat64, int, dirfd, const char __user *, path,
		struct stat64 __user *, buf, int, flags)
{
	struct kstat st;
	int err;

	if (flags & ~FSTATAT_FLAGS)
		return -EINVAL;
	err = vfs_statat(dirfd, path, flags, &st);
	return err ? err : put_stat64(&st, buf);
}

SYSCALL_DEFINE5(statx, int, dirfd, const char __user *, path, int, flags,
		unsigned int, mask, struct statx __user *, buf)
{
	struct kstat st;
	int err;

	if (flags & ~FSTATAT_FLAGS)
		return -EINVAL;
	/* Both hints at once: only statx checks (do_statx()). */
	if ((flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE)
		return -EINVAL;
	if (mask & STATX__RESERVED)
		return -EINVAL;
	/* Everything is in memory: every field is cheap, whatever the mask. */
	err = vfs_statat(dirfd, path, flags, &st);
	return err ? err : put_statx(&st, buf);
}

static long procfs_readlink_user(const char *path, char __user *buf,
				 int bufsiz)
{
	char target[PATH_MAX];
	long len = procfs_readlink(path, target, min(bufsiz, PATH_MAX));

	if (len < 0)
		return len;
	return copy_to_user(buf, target, len) ? -EFAULT : len;
}

static long do_readlinkat(int dirfd, const char __user *upath,
			  char __user *buf, int bufsiz)
{
	const struct initramfs_entry *e;
	char path[PATH_MAX];
	int err;

	if (bufsiz <= 0)
		return -EINVAL;
	err = user_path_at(dirfd, upath, path);
	if (err)
		return err;
	if (procfs_path(path))
		return procfs_readlink_user(path, buf, bufsiz);
	if (device_exists(path))
		return -EINVAL;		/* exists, and is no symlink */
	e = initramfs_lookup_nofollow(path);
	if (!e)
		return -ENOENT;
	if (!S_ISLNK(e->mode))
		return -EINVAL;
	/* The target is not NUL-terminated, in the archive nor here. */
	bufsiz = min((u32)bufsiz, e->size);
	return copy_to_user(buf, e->data, bufsiz) ? -EFAULT : bufsiz;
}

SYSCALL_DEFINE3(readlink, const char __user *, path, char __user *, buf,
		int, bufsiz)
{
	return do_readlinkat(AT_FDCWD, path, buf, bufsiz);
}

SYSCALL_DEFINE4(readlinkat, int, dirfd, const char __user *, path,
		char __user *, buf, int, bufsiz)
{
	return do_readlinkat(dirfd, path, buf, bufsiz);
}
