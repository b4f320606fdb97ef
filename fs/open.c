// SPDX-License-Identifier: GPL-2.0
/*
 * Opening files and changing what an inode says about itself: open,
 * openat, creat, access and its *at forms, chmod, chown, truncate,
 * fallocate (utimes: fs/utimes.c; the walk itself: fs/namei.c).
 *
 * There is one user, root, so permission bits decide little: root may
 * read and write anything the file system lets it, and may execute a
 * file only if some execute bit is set (as Linux's CAP_DAC_OVERRIDE).
 */
#include <fs.h>
#include <namei.h>
#include <mount.h>
#include <task.h>
#include <uaccess.h>
#include <syscalls.h>
#include <kernel.h>
#include <errno.h>
#include <asm/syscall.h>

#define R_OK		4
#define W_OK		2
#define X_OK		1

/* Everything open(2) accepts; anything else is ignored, as Linux does. */
#define VALID_OPEN_FLAGS \
	(O_ACCMODE | O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_APPEND | \
	 O_NONBLOCK | O_DSYNC | O_ASYNC | O_DIRECT | O_LARGEFILE | \
	 O_DIRECTORY | O_NOFOLLOW | O_NOATIME | O_CLOEXEC | __O_SYNC | \
	 O_PATH | __O_TMPFILE)
/* O_PATH keeps only these. */
#define O_PATH_FLAGS	(O_DIRECTORY | O_NOFOLLOW | O_PATH | O_CLOEXEC)

struct file *filp_open(const char *name, unsigned int flags, u32 mode)
{
	struct filename *fn = getname_kernel(name);
	struct file *f;

	if (IS_ERR(fn))
		return ERR_CAST(fn);
	f = do_filp_open(AT_FDCWD, fn, flags, mode);
	putname(fn);
	return f;
}

static long do_sys_open(int dfd, const char __user *upath, int flags,
			u32 mode)
{
	struct filename *name;
	struct file *f;
	int fd;

	flags &= VALID_OPEN_FLAGS;
	if (flags & O_PATH)
		flags &= O_PATH_FLAGS;
	if ((flags & __O_TMPFILE) == __O_TMPFILE)
		return -EOPNOTSUPP;	/* no O_TMPFILE yet: memfd_create */
	name = getname(upath);
	if (IS_ERR(name))
		return PTR_ERR(name);
	f = do_filp_open(dfd, name, flags, mode);
	putname(name);
	if (IS_ERR(f))
		return PTR_ERR(f);
	fd = fd_install_flags(f, flags & O_CLOEXEC);
	if (fd < 0)
		fput(f);
	return fd;
}

SYSCALL_DEFINE3(open, const char __user *, upath, int, flags, u32, mode)
{
	return do_sys_open(AT_FDCWD, upath, flags | O_LARGEFILE, mode);
}

SYSCALL_DEFINE4(openat, int, dfd, const char __user *, upath, int, flags,
		u32, mode)
{
	return do_sys_open(dfd, upath, flags | O_LARGEFILE, mode);
}

SYSCALL_DEFINE2(creat, const char __user *, upath, u32, mode)
{
	return do_sys_open(AT_FDCWD, upath, O_CREAT | O_WRONLY | O_TRUNC,
			   mode);
}

/* ---- access ---------------------------------------------------------- */

static long do_faccessat(int dfd, const char __user *upath, int mode,
			 int flags)
{
	struct path path;
	struct inode *inode;
	long err;

	if (mode & ~(R_OK | W_OK | X_OK))
		return -EINVAL;
	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = user_path_at(dfd, upath, at_lookup_flags(flags), &path);
	if (err)
		return err;
	inode = d_inode(path.dentry);
	if ((mode & X_OK) && !S_ISDIR(inode->i_mode) &&
	    !(inode->i_mode & 0111))
		err = -EACCES;
	else if ((mode & W_OK) && mnt_is_readonly(path.mnt) &&
		 (S_ISREG(inode->i_mode) || S_ISDIR(inode->i_mode) ||
		  S_ISLNK(inode->i_mode)))
		err = -EROFS;
	else if ((mode & W_OK) && !(inode->i_mode & 0222) &&
		 !S_ISREG(inode->i_mode) && !S_ISDIR(inode->i_mode))
		err = -EACCES;	/* /proc's 0444 files: no write op */
	path_put(&path);
	return err;
}

SYSCALL_DEFINE2(access, const char __user *, upath, int, mode)
{
	return do_faccessat(AT_FDCWD, upath, mode, 0);
}

/* The old faccessat has no flags argument (Linux reads none). */
SYSCALL_DEFINE3(faccessat, int, dfd, const char __user *, upath, int, mode)
{
	return do_faccessat(dfd, upath, mode, 0);
}

SYSCALL_DEFINE4(faccessat2, int, dfd, const char __user *, upath, int, mode,
		int, flags)
{
	return do_faccessat(dfd, upath, mode, flags);
}

/* ---- attribute changes ----------------------------------------------- */

/**
 * notify_change - apply an attribute change to the inode at a dentry
 * @dentry: the file
 * @attr: what changes; ATTR_CTIME is added
 *
 * Takes the inode's i_rwsem. Returns 0 or -errno.
 */
int notify_change(struct dentry *dentry, struct iattr *attr)
{
	struct inode *inode = d_inode(dentry);
	int err;

	attr->ia_valid |= ATTR_CTIME;
	attr->ia_ctime = current_time(inode);
	if (!(attr->ia_valid & ATTR_ATIME_SET))
		attr->ia_atime = attr->ia_ctime;
	if (!(attr->ia_valid & ATTR_MTIME_SET))
		attr->ia_mtime = attr->ia_ctime;
	err = inode_lock_killable(inode);
	if (err)
		return err;
	if (inode->i_op && inode->i_op->setattr)
		err = inode->i_op->setattr(dentry, attr);
	else
		err = simple_setattr(dentry, attr);
	inode_unlock(inode);
	return err;
}

int do_truncate(struct dentry *dentry, loff_t length)
{
	struct iattr attr = {
		.ia_valid = ATTR_SIZE | ATTR_MTIME,
		.ia_size = length,
	};

	if (length < 0)
		return -EINVAL;
	return notify_change(dentry, &attr);
}

int vfs_truncate(const struct path *path, loff_t length)
{
	struct inode *inode = d_inode(path->dentry);

	if (S_ISDIR(inode->i_mode))
		return -EISDIR;
	if (!S_ISREG(inode->i_mode))
		return -EINVAL;
	if (mnt_is_readonly(path->mnt))
		return -EROFS;
	return do_truncate(path->dentry, length);
}

static long do_sys_truncate(const char __user *upath, loff_t length)
{
	struct path path;
	long err;

	if (length < 0)
		return -EINVAL;
	err = user_path_at(AT_FDCWD, upath, LOOKUP_FOLLOW, &path);
	if (err)
		return err;
	err = vfs_truncate(&path, length);
	path_put(&path);
	return err;
}

static long do_sys_ftruncate(int fd, loff_t length)
{
	struct file *f;
	long err;

	if (length < 0)
		return -EINVAL;
	f = fget(fd);
	if (!f)
		return -EBADF;
	if (!S_ISREG(file_inode(f)->i_mode) || !(f->f_mode & FMODE_WRITE))
		err = -EINVAL;
	else
		err = do_truncate(f->f_path.dentry, length);
	fput(f);
	return err;
}

SYSCALL_DEFINE2(truncate, const char __user *, upath, long, length)
{
	return do_sys_truncate(upath, length);
}

SYSCALL_DEFINE3(truncate64, const char __user *, upath, u32, len_lo,
		u32, len_hi)
{
	return do_sys_truncate(upath, arg_u64(len_lo, len_hi));
}

SYSCALL_DEFINE2(ftruncate, int, fd, long, length)
{
	return do_sys_ftruncate(fd, length);
}

SYSCALL_DEFINE3(ftruncate64, int, fd, u32, len_lo, u32, len_hi)
{
	return do_sys_ftruncate(fd, arg_u64(len_lo, len_hi));
}

static long do_fallocate(int fd, int mode, loff_t off, loff_t len)
{
	struct file *f;
	struct inode *inode;
	long err;

	if (off < 0 || len <= 0)
		return -EINVAL;
	if (mode & ~(FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE))
		return -EOPNOTSUPP;
	if ((mode & FALLOC_FL_PUNCH_HOLE) && !(mode & FALLOC_FL_KEEP_SIZE))
		return -EOPNOTSUPP;
	f = fget(fd);
	if (!f)
		return -EBADF;
	inode = file_inode(f);
	if (!(f->f_mode & FMODE_WRITE))
		err = -EBADF;
	else if (S_ISDIR(inode->i_mode))
		err = -EISDIR;
	else if (S_ISFIFO(inode->i_mode))
		err = -ESPIPE;
	else if (!S_ISREG(inode->i_mode))
		err = -ENODEV;
	else if (off + len < 0 || off + len > MAX_LFS_FILESIZE)
		err = -EFBIG;
	else if (!f->f_op->fallocate)
		err = -EOPNOTSUPP;
	else
		err = f->f_op->fallocate(f, mode, off, len);
	fput(f);
	return err;
}

SYSCALL_DEFINE6(fallocate, int, fd, int, mode, u32, off_lo, u32, off_hi,
		u32, len_lo, u32, len_hi)
{
	return do_fallocate(fd, mode, arg_u64(off_lo, off_hi),
			    arg_u64(len_lo, len_hi));
}

/* ---- chmod and chown --------------------------------------------------- */

static long chmod_common(const struct path *path, u32 mode)
{
	struct inode *inode = d_inode(path->dentry);
	struct iattr attr = { .ia_valid = ATTR_MODE };

	if (mnt_is_readonly(path->mnt))
		return -EROFS;
	attr.ia_mode = (mode & S_IALLUGO) | (inode->i_mode & S_IFMT);
	return notify_change(path->dentry, &attr);
}

static long do_fchmodat(int dfd, const char __user *upath, u32 mode)
{
	struct path path;
	long err = user_path_at(dfd, upath, LOOKUP_FOLLOW, &path);

	if (err)
		return err;
	err = chmod_common(&path, mode);
	path_put(&path);
	return err;
}

SYSCALL_DEFINE2(chmod, const char __user *, upath, u32, mode)
{
	return do_fchmodat(AT_FDCWD, upath, mode);
}

SYSCALL_DEFINE3(fchmodat, int, dfd, const char __user *, upath, u32, mode)
{
	return do_fchmodat(dfd, upath, mode);
}

SYSCALL_DEFINE2(fchmod, int, fd, u32, mode)
{
	struct file *f = fget(fd);
	long err;

	if (!f)
		return -EBADF;
	err = chmod_common(&f->f_path, mode);
	fput(f);
	return err;
}

/* (u32)-1 leaves an id as it is; the 16-bit calls pass 0xffff for it. */
static long chown_common(const struct path *path, u32 uid, u32 gid)
{
	struct inode *inode = d_inode(path->dentry);
	struct iattr attr = { .ia_valid = 0 };

	if (mnt_is_readonly(path->mnt))
		return -EROFS;
	if (uid != (u32)-1) {
		attr.ia_valid |= ATTR_UID;
		attr.ia_uid = uid;
	}
	if (gid != (u32)-1) {
		attr.ia_valid |= ATTR_GID;
		attr.ia_gid = gid;
	}
	/* A change of owner clears set-user-ID and set-group-ID. */
	if (!S_ISDIR(inode->i_mode) && (inode->i_mode & (S_ISUID | S_ISGID))) {
		attr.ia_valid |= ATTR_MODE;
		attr.ia_mode = inode->i_mode & ~(S_ISUID | S_ISGID);
	}
	return notify_change(path->dentry, &attr);
}

static long do_fchownat(int dfd, const char __user *upath, u32 uid, u32 gid,
			int flags)
{
	struct path path;
	long err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = user_path_at(dfd, upath, at_lookup_flags(flags), &path);
	if (err)
		return err;
	err = chown_common(&path, uid, gid);
	path_put(&path);
	return err;
}

static u32 id16(u32 id)
{
	return (u16)id == 0xffff ? (u32)-1 : (u16)id;
}

SYSCALL_DEFINE3(chown, const char __user *, upath, u32, uid, u32, gid)
{
	return do_fchownat(AT_FDCWD, upath, id16(uid), id16(gid), 0);
}

SYSCALL_DEFINE3(lchown, const char __user *, upath, u32, uid, u32, gid)
{
	return do_fchownat(AT_FDCWD, upath, id16(uid), id16(gid),
			   AT_SYMLINK_NOFOLLOW);
}

static long do_fchown(int fd, u32 uid, u32 gid)
{
	struct file *f = fget(fd);
	long err;

	if (!f)
		return -EBADF;
	err = chown_common(&f->f_path, uid, gid);
	fput(f);
	return err;
}

SYSCALL_DEFINE3(fchown, int, fd, u32, uid, u32, gid)
{
	return do_fchown(fd, id16(uid), id16(gid));
}

SYSCALL_DEFINE3(chown32, const char __user *, upath, u32, uid, u32, gid)
{
	return do_fchownat(AT_FDCWD, upath, uid, gid, 0);
}

SYSCALL_DEFINE3(lchown32, const char __user *, upath, u32, uid, u32, gid)
{
	return do_fchownat(AT_FDCWD, upath, uid, gid, AT_SYMLINK_NOFOLLOW);
}

SYSCALL_DEFINE3(fchown32, int, fd, u32, uid, u32, gid)
{
	return do_fchown(fd, uid, gid);
}

SYSCALL_DEFINE5(fchownat, int, dfd, const char __user *, upath, u32, uid,
		u32, gid, int, flags)
{
	return do_fchownat(dfd, upath, uid, gid, flags);
}
