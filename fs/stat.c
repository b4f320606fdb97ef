// SPDX-License-Identifier: GPL-2.0
/*
 * stat(2) and its relatives, and readlink(2).
 *
 * The attributes come from the inode (generic_fillattr), refined by the
 * file system's ->getattr where it has more to say; the system calls
 * then copy them out in whichever user layout was asked for: the old
 * struct stat, struct stat64, or struct statx.
 */
#include <stat.h>
#include <asm/stat.h>	/* the i386 layouts of struct stat, stat64 */
#include <namei.h>
#include <mount.h>
#include <fs.h>
#include <uaccess.h>
#include <syscalls.h>
#include <mm.h>
#include <kernel.h>
#include <panic.h>
#include <string.h>
#include <errno.h>

int vfs_getattr(const struct path *path, struct kstat *st)
{
	struct inode *inode = d_inode(path->dentry);

	generic_fillattr(inode, st);
	if (inode->i_op && inode->i_op->getattr)
		return inode->i_op->getattr(path, st);
	return 0;
}

static int vfs_fstat(int fd, struct kstat *st)
{
	struct file *f = fget_raw(fd);
	int err;

	if (!f)
		return -EBADF;
	err = vfs_getattr(&f->f_path, st);
	fput(f);
	return err;
}

/* flags: AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH ("" names dirfd itself). */
static int vfs_statat(int dfd, const char __user *upath, unsigned int flags,
		      struct kstat *st)
{
	struct path path;
	int err;

	err = user_path_at(dfd, upath, at_lookup_flags(flags), &path);
	if (err)
		return err;
	err = vfs_getattr(&path, st);
	path_put(&path);
	return err;
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
	s.st_atime = st->atime.tv_sec;
	s.st_atime_nsec = st->atime.tv_nsec;
	s.st_mtime = st->mtime.tv_sec;
	s.st_mtime_nsec = st->mtime.tv_nsec;
	s.st_ctime = st->ctime.tv_sec;
	s.st_ctime_nsec = st->ctime.tv_nsec;
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
	s.st_atime = st->atime.tv_sec;
	s.st_atime_nsec = st->atime.tv_nsec;
	s.st_mtime = st->mtime.tv_sec;
	s.st_mtime_nsec = st->mtime.tv_nsec;
	s.st_ctime = st->ctime.tv_sec;
	s.st_ctime_nsec = st->ctime.tv_nsec;
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
	s.stx_atime.tv_sec = st->atime.tv_sec;
	s.stx_atime.tv_nsec = st->atime.tv_nsec;
	s.stx_ctime.tv_sec = st->ctime.tv_sec;
	s.stx_ctime.tv_nsec = st->ctime.tv_nsec;
	s.stx_mtime.tv_sec = st->mtime.tv_sec;
	s.stx_mtime.tv_nsec = st->mtime.tv_nsec;
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

/* readlink(2): the link's text, not NUL-terminated, cut to bufsiz. */
static long vfs_readlink(struct dentry *dentry, char __user *buf, int bufsiz)
{
	struct inode *inode = d_inode(dentry);
	struct link_target lt = { 0 };
	long len;

	if (!S_ISLNK(inode->i_mode) || !inode->i_op)
		return -EINVAL;
	lt.buf = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!lt.buf)
		return -ENOMEM;
	if (inode->i_op->readlink) {
		len = inode->i_op->readlink(dentry, lt.buf, PATH_MAX);
	} else if (inode->i_op->get_link) {
		len = inode->i_op->get_link(dentry, &lt);
		if (lt.jump.dentry) {
			path_put(&lt.jump);
			len = -EINVAL;
		} else if (!len) {
			len = strnlen(lt.buf, PATH_MAX);
		}
	} else {
		len = -EINVAL;
	}
	if (len > bufsiz)
		len = bufsiz;
	if (len > 0 && copy_to_user(buf, lt.buf, len))
		len = -EFAULT;
	kfree(lt.buf);
	return len;
}

static long do_readlinkat(int dfd, const char __user *upath,
			  char __user *buf, int bufsiz)
{
	struct path path;
	long err;

	if (bufsiz <= 0)
		return -EINVAL;
	/* "" names dfd itself (an O_PATH link), never the cwd. */
	err = user_path_at(dfd, upath, dfd == AT_FDCWD ? 0 : LOOKUP_EMPTY,
			   &path);
	if (err)
		return err;
	err = vfs_readlink(path.dentry, buf, bufsiz);
	path_put(&path);
	return err;
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
