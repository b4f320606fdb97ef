// SPDX-License-Identifier: GPL-2.0
/*
 * statfs(2), fstatfs(2) and their 64-bit forms: what a file system says
 * about itself (->statfs: its type, block size, how much is used).
 */
#include <fs.h>
#include <namei.h>
#include <mount.h>
#include <uaccess.h>
#include <syscalls.h>
#include <kernel.h>
#include <string.h>
#include <errno.h>

#define ST_RDONLY	0x0001
#define ST_NOSUID	0x0002
#define ST_NODEV	0x0004
#define ST_NOEXEC	0x0008
#define ST_VALID	0x0020

/* Linux's i386 struct statfs (64 bytes) and statfs64 (84, packed). */
struct statfs32 {
	u32 f_type, f_bsize, f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	s32 f_fsid[2];
	u32 f_namelen, f_frsize, f_flags, f_spare[4];
};

struct statfs64 {
	u32 f_type, f_bsize;
	u64 f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	s32 f_fsid[2];
	u32 f_namelen, f_frsize, f_flags, f_spare[4];
} __packed;

_Static_assert(sizeof(struct statfs32) == 64, "i386 struct statfs");
_Static_assert(sizeof(struct statfs64) == 84, "i386 struct statfs64");

static long mount_st_flags(const struct vfsmount *mnt)
{
	long flags = ST_VALID;

	if (mnt_is_readonly(mnt))
		flags |= ST_RDONLY;
	if (mnt->mnt_flags & MNT_NOSUID)
		flags |= ST_NOSUID;
	if (mnt->mnt_flags & MNT_NODEV)
		flags |= ST_NODEV;
	if (mnt->mnt_flags & MNT_NOEXEC)
		flags |= ST_NOEXEC;
	return flags;
}

int vfs_statfs(const struct path *path, struct kstatfs *buf)
{
	struct super_block *sb = path->dentry->d_sb;
	int err;

	memset(buf, 0, sizeof(*buf));
	if (sb->s_op && sb->s_op->statfs)
		err = sb->s_op->statfs(path->dentry, buf);
	else
		err = simple_statfs(path->dentry, buf);
	if (err)
		return err;
	if (!buf->f_frsize)
		buf->f_frsize = buf->f_bsize;
	buf->f_fsid[0] = sb->s_dev;
	buf->f_flags = mount_st_flags(path->mnt);
	return 0;
}

static void to_statfs64(const struct kstatfs *k, struct statfs64 *st)
{
	memset(st, 0, sizeof(*st));
	st->f_type = k->f_type;
	st->f_bsize = k->f_bsize;
	st->f_blocks = k->f_blocks;
	st->f_bfree = k->f_bfree;
	st->f_bavail = k->f_bavail;
	st->f_files = k->f_files;
	st->f_ffree = k->f_ffree;
	st->f_fsid[0] = k->f_fsid[0];
	st->f_fsid[1] = k->f_fsid[1];
	st->f_namelen = k->f_namelen;
	st->f_frsize = k->f_frsize;
	st->f_flags = k->f_flags;
}

static int path_statfs(const char __user *upath, struct statfs64 *st)
{
	struct kstatfs k;
	struct path path;
	int err = user_path_at(AT_FDCWD, upath, LOOKUP_FOLLOW, &path);

	if (err)
		return err;
	err = vfs_statfs(&path, &k);
	path_put(&path);
	if (!err)
		to_statfs64(&k, st);
	return err;
}

static int fd_statfs(int fd, struct statfs64 *st)
{
	struct file *f = fget_raw(fd);
	struct kstatfs k;
	int err;

	if (!f)
		return -EBADF;
	err = vfs_statfs(&f->f_path, &k);
	fput(f);
	if (!err)
		to_statfs64(&k, st);
	return err;
}

/* The old layout: -EOVERFLOW if a count does not fit, as Linux. */
static long put_statfs32(struct statfs32 __user *ubuf,
			 const struct statfs64 *st)
{
	struct statfs32 s = {
		.f_type = st->f_type, .f_bsize = st->f_bsize,
		.f_blocks = st->f_blocks, .f_bfree = st->f_bfree,
		.f_bavail = st->f_bavail, .f_files = st->f_files,
		.f_ffree = st->f_ffree,
		.f_fsid = { st->f_fsid[0], st->f_fsid[1] },
		.f_namelen = st->f_namelen, .f_frsize = st->f_frsize,
		.f_flags = st->f_flags,
	};

	if ((st->f_blocks | st->f_bfree | st->f_bavail) >> 32)
		return -EOVERFLOW;
	return copy_to_user(ubuf, &s, sizeof(s)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(statfs, const char __user *, upath,
		struct statfs32 __user *, ubuf)
{
	struct statfs64 st;
	int err = path_statfs(upath, &st);

	return err ? err : put_statfs32(ubuf, &st);
}

SYSCALL_DEFINE2(fstatfs, int, fd, struct statfs32 __user *, ubuf)
{
	struct statfs64 st;
	int err = fd_statfs(fd, &st);

	return err ? err : put_statfs32(ubuf, &st);
}

SYSCALL_DEFINE3(statfs64, const char __user *, upath, size_t, size,
		struct statfs64 __user *, ubuf)
{
	struct statfs64 st;
	int err;

	if (size != sizeof(st))
		return -EINVAL;
	err = path_statfs(upath, &st);
	if (err)
		return err;
	return copy_to_user(ubuf, &st, sizeof(st)) ? -EFAULT : 0;
}

SYSCALL_DEFINE3(fstatfs64, int, fd, size_t, size,
		struct statfs64 __user *, ubuf)
{
	struct statfs64 st;
	int err;

	if (size != sizeof(st))
		return -EINVAL;
	err = fd_statfs(fd, &st);
	if (err)
		return err;
	return copy_to_user(ubuf, &st, sizeof(st)) ? -EFAULT : 0;
}
