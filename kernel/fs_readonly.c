// SPDX-License-Identifier: GPL-2.0
/*
 * The calls that would change the name space or a file's attributes, and
 * the file-system-wide ones, answered as Linux answers them on a file
 * system mounted read-only: the initramfs and the device nodes are the
 * whole name space here, and nothing in it can be created, removed,
 * renamed, truncated or given new attributes.
 *
 * Each call still resolves its paths and checks its arguments first, in
 * Linux's order, so a program sees the error it would see there:
 *
 *   create (mkdir, mknod, symlink, link's new name):
 *            parent missing -ENOENT/-ENOTDIR, name exists -EEXIST,
 *            else -EROFS
 *   remove or rename (unlink, rmdir, rename): once the parents resolve,
 *            -EROFS (Linux asks for write access before looking up
 *            the last component)
 *   change (chmod, chown, utimes, truncate): the file must exist
 *            (-ENOENT), then -EROFS; truncate of a directory -EISDIR,
 *            of a device -EINVAL; ftruncate needs a regular file open
 *            for writing, which cannot exist: -EINVAL
 *   statfs:  a ramfs-like answer (tmpfs for /dev, pipefs for pipes),
 *            flagged read-only
 *   sync, syncfs, fadvise: nothing to write back, nothing to advise
 */
#include <fs.h>
#include <initramfs.h>
#include <procfs.h>
#include <namei.h>
#include <stat.h>
#include <task.h>
#include <uaccess.h>
#include <syscalls.h>
#include <kernel.h>
#include <string.h>
#include <errno.h>
#include <asm/syscall.h>

#ifndef S_IFBLK
#define S_IFBLK			0060000
#endif
#ifndef S_IFSOCK
#define S_IFSOCK		0140000
#endif

#define AT_REMOVEDIR		0x200
#define AT_SYMLINK_FOLLOW	0x400

#define RENAME_NOREPLACE	(1 << 0)
#define RENAME_EXCHANGE		(1 << 1)
#define RENAME_WHITEOUT		(1 << 2)

/* ---- looking things up -------------------------------------------------- */

/* The mode of what `path` (canonical) names: 0 or -ENOENT. */
static int path_mode(const char *path, bool nofollow, u32 *mode)
{
	const struct initramfs_entry *e;
	struct kstat st;
	struct file *f;
	int err;

	if (!strcmp(path, "/dev")) {	/* a directory for path purposes */
		*mode = S_IFDIR | 0755;
		return 0;
	}
	if (nofollow && procfs_path(path)) {
		err = procfs_lstat(path, &st);
		if (err < 0)
			return err;
		if (!err) {
			*mode = st.mode;	/* a /proc symlink */
			return 0;
		}
	}
	e = nofollow ? initramfs_lookup_nofollow(path) : NULL;
	if (e && S_ISLNK(e->mode)) {
		*mode = e->mode;
		return 0;
	}
	f = filp_open(path, O_RDONLY);
	if (IS_ERR(f))
		return PTR_ERR(f);
	memset(&st, 0, sizeof(st));
	err = f->f_op->getattr ? f->f_op->getattr(f, &st) : -EIO;
	fput(f);
	if (!err)
		*mode = st.mode;
	return err;
}

/*
 * Resolve a user path; path_at() has checked that every component but
 * the last is a directory, i.e. the parent exists.
 */
static int resolve(int dirfd, const char __user *upath, char *path)
{
	return user_path_at(dirfd, upath, path);
}

/* Something would be created at upath. */
static long create_at(int dirfd, const char __user *upath)
{
	char path[PATH_MAX];
	u32 mode;
	int err = resolve(dirfd, upath, path);

	if (err)
		return err;
	return path_mode(path, true, &mode) ? -EROFS : -EEXIST;
}

/* Something at upath would be removed or renamed. */
static long remove_at(int dirfd, const char __user *upath, bool dir)
{
	char path[PATH_MAX];
	int err = resolve(dirfd, upath, path);

	if (err)
		return err;
	if (!strcmp(path, "/"))
		return dir ? -EBUSY : -EISDIR;
	return -EROFS;
}

/* The file at upath would get new attributes. */
static long change_at(int dirfd, const char __user *upath, bool nofollow)
{
	char path[PATH_MAX];
	u32 mode;
	int err = resolve(dirfd, upath, path);

	if (!err)
		err = path_mode(path, nofollow, &mode);
	return err ? err : -EROFS;
}

/* The open file fd would get new attributes. */
static long change_fd(int fd)
{
	return fd_is_open(fd) ? -EROFS : -EBADF;
}

/* ---- create -------------------------------------------------------------- */

SYSCALL_DEFINE2(mkdir, const char __user *, upath, int, mode)
{
	return create_at(AT_FDCWD, upath);
}

SYSCALL_DEFINE3(mkdirat, int, dirfd, const char __user *, upath, int, mode)
{
	return create_at(dirfd, upath);
}

/* Linux's may_mknod(): what a node may be, before the path is looked at. */
static long check_mknod_mode(u32 mode)
{
	switch (mode & S_IFMT) {
	case 0:
	case S_IFREG:
	case S_IFCHR:
	case S_IFBLK:
	case S_IFIFO:
	case S_IFSOCK:
		return 0;
	case S_IFDIR:
		return -EPERM;
	default:
		return -EINVAL;
	}
}

static long do_mknodat(int dirfd, const char __user *upath, u32 mode)
{
	long err = check_mknod_mode(mode);

	return err ? err : create_at(dirfd, upath);
}

SYSCALL_DEFINE3(mknod, const char __user *, upath, u32, mode, u32, dev)
{
	return do_mknodat(AT_FDCWD, upath, mode);
}

SYSCALL_DEFINE4(mknodat, int, dirfd, const char __user *, upath, u32, mode,
		u32, dev)
{
	return do_mknodat(dirfd, upath, mode);
}

static long do_symlinkat(const char __user *utarget, int dirfd,
			 const char __user *upath)
{
	char target[PATH_MAX];
	long len = getname(utarget, target);

	if (len < 0)
		return len;
	if (!len)
		return -ENOENT;
	return create_at(dirfd, upath);
}

SYSCALL_DEFINE2(symlink, const char __user *, target,
		const char __user *, upath)
{
	return do_symlinkat(target, AT_FDCWD, upath);
}

SYSCALL_DEFINE3(symlinkat, const char __user *, target, int, dirfd,
		const char __user *, upath)
{
	return do_symlinkat(target, dirfd, upath);
}

static long do_linkat(int olddirfd, const char __user *uold, int newdirfd,
		      const char __user *unew, int flags)
{
	char old[PATH_MAX];
	u32 mode;
	long err;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = resolve(olddirfd, uold, old);
	if (!err)
		err = path_mode(old, !(flags & AT_SYMLINK_FOLLOW), &mode);
	return err ? err : create_at(newdirfd, unew);
}

SYSCALL_DEFINE2(link, const char __user *, uold, const char __user *, unew)
{
	return do_linkat(AT_FDCWD, uold, AT_FDCWD, unew, 0);
}

SYSCALL_DEFINE5(linkat, int, olddirfd, const char __user *, uold,
		int, newdirfd, const char __user *, unew, int, flags)
{
	return do_linkat(olddirfd, uold, newdirfd, unew, flags);
}

/* ---- remove and rename --------------------------------------------------------- */

SYSCALL_DEFINE1(unlink, const char __user *, upath)
{
	return remove_at(AT_FDCWD, upath, false);
}

SYSCALL_DEFINE1(rmdir, const char __user *, upath)
{
	return remove_at(AT_FDCWD, upath, true);
}

SYSCALL_DEFINE3(unlinkat, int, dirfd, const char __user *, upath, int, flags)
{
	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	return remove_at(dirfd, upath, flags & AT_REMOVEDIR);
}

static long do_renameat2(int olddirfd, const char __user *uold, int newdirfd,
			 const char __user *unew, unsigned int flags)
{
	char old[PATH_MAX], new[PATH_MAX];
	long err;

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT))
		return -EINVAL;
	if ((flags & RENAME_EXCHANGE) &&
	    (flags & (RENAME_NOREPLACE | RENAME_WHITEOUT)))
		return -EINVAL;
	err = resolve(olddirfd, uold, old);
	if (!err)
		err = resolve(newdirfd, unew, new);
	if (err)
		return err;
	if (!strcmp(old, "/") || !strcmp(new, "/"))
		return -EBUSY;
	return -EROFS;
}

SYSCALL_DEFINE2(rename, const char __user *, uold, const char __user *, unew)
{
	return do_renameat2(AT_FDCWD, uold, AT_FDCWD, unew, 0);
}

SYSCALL_DEFINE4(renameat, int, olddirfd, const char __user *, uold,
		int, newdirfd, const char __user *, unew)
{
	return do_renameat2(olddirfd, uold, newdirfd, unew, 0);
}

SYSCALL_DEFINE5(renameat2, int, olddirfd, const char __user *, uold,
		int, newdirfd, const char __user *, unew, unsigned int, flags)
{
	return do_renameat2(olddirfd, uold, newdirfd, unew, flags);
}

/* ---- attributes ---------------------------------------------------------------- */

SYSCALL_DEFINE2(chmod, const char __user *, upath, u32, mode)
{
	return change_at(AT_FDCWD, upath, false);
}

SYSCALL_DEFINE3(fchmodat, int, dirfd, const char __user *, upath, u32, mode)
{
	return change_at(dirfd, upath, false);
}

SYSCALL_DEFINE2(fchmod, int, fd, u32, mode)
{
	return change_fd(fd);
}

/* The 16-bit-id calls (16, 95, 182) and the 32-bit ones answer alike. */
SYSCALL_DEFINE3(chown, const char __user *, upath, u32, uid, u32, gid)
{
	return change_at(AT_FDCWD, upath, false);
}

SYSCALL_DEFINE3(lchown, const char __user *, upath, u32, uid, u32, gid)
{
	return change_at(AT_FDCWD, upath, true);
}

SYSCALL_DEFINE3(fchown, int, fd, u32, uid, u32, gid)
{
	return change_fd(fd);
}

SYSCALL_DEFINE3(chown32, const char __user *, upath, u32, uid, u32, gid)
{
	return change_at(AT_FDCWD, upath, false);
}

SYSCALL_DEFINE3(lchown32, const char __user *, upath, u32, uid, u32, gid)
{
	return change_at(AT_FDCWD, upath, true);
}

SYSCALL_DEFINE3(fchown32, int, fd, u32, uid, u32, gid)
{
	return change_fd(fd);
}

SYSCALL_DEFINE5(fchownat, int, dirfd, const char __user *, upath, u32, uid,
		u32, gid, int, flags)
{
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if ((flags & AT_EMPTY_PATH) && dirfd != AT_FDCWD) {
		char c;

		if (get_user(c, upath))
			return -EFAULT;
		if (!c)
			return change_fd(dirfd);
	}
	return change_at(dirfd, upath, flags & AT_SYMLINK_NOFOLLOW);
}

/* ---- times ----------------------------------------------------------------------- */

#define UTIME_NOW	((1L << 30) - 1L)
#define UTIME_OMIT	((1L << 30) - 2L)

struct timeval_pair {
	s32 sec, usec;
};

static bool bad_nsec(s32 nsec)
{
	return nsec != UTIME_NOW && nsec != UTIME_OMIT &&
	       (nsec < 0 || nsec >= 1000000000);
}

/*
 * utimensat with the times already copied in (nsec[2] of the two
 * timespecs, NULL: "now"). A NULL path names dirfd itself (futimens).
 */
static long do_utimensat(int dirfd, const char __user *upath,
			 const s32 *nsec, int flags)
{
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (nsec && (bad_nsec(nsec[0]) || bad_nsec(nsec[1])))
		return -EINVAL;
	if (nsec && nsec[0] == UTIME_OMIT && nsec[1] == UTIME_OMIT)
		return 0;	/* nothing to change: Linux does not look */
	if (!upath)
		return dirfd == AT_FDCWD ? -EFAULT : change_fd(dirfd);
	return change_at(dirfd, upath, flags & AT_SYMLINK_NOFOLLOW);
}

SYSCALL_DEFINE4(utimensat, int, dirfd, const char __user *, upath,
		const s32 __user *, uts, int, flags)
{
	s32 ts[4];	/* two struct timespec of 32-bit sec, nsec */
	s32 nsec[2];

	if (uts) {
		if (copy_from_user(ts, uts, sizeof(ts)))
			return -EFAULT;
		nsec[0] = ts[1];
		nsec[1] = ts[3];
	}
	return do_utimensat(dirfd, upath, uts ? nsec : NULL, flags);
}

SYSCALL_DEFINE4(utimensat_time64, int, dirfd, const char __user *, upath,
		const s32 __user *, uts, int, flags)
{
	s32 ts[8];	/* two 16-byte timespecs: sec lo, hi, nsec, pad */
	s32 nsec[2];

	if (uts) {
		if (copy_from_user(ts, uts, sizeof(ts)))
			return -EFAULT;
		nsec[0] = ts[2];
		nsec[1] = ts[6];
	}
	return do_utimensat(dirfd, upath, uts ? nsec : NULL, flags);
}

static long do_futimesat(int dirfd, const char __user *upath,
			 const struct timeval_pair __user *utv)
{
	struct timeval_pair tv[2];

	if (utv) {
		if (copy_from_user(tv, utv, sizeof(tv)))
			return -EFAULT;
		if (tv[0].usec < 0 || tv[0].usec >= 1000000 ||
		    tv[1].usec < 0 || tv[1].usec >= 1000000)
			return -EINVAL;
	}
	return change_at(dirfd, upath, false);
}

SYSCALL_DEFINE2(utimes, const char __user *, upath,
		const struct timeval_pair __user *, utv)
{
	return do_futimesat(AT_FDCWD, upath, utv);
}

SYSCALL_DEFINE3(futimesat, int, dirfd, const char __user *, upath,
		const struct timeval_pair __user *, utv)
{
	return do_futimesat(dirfd, upath, utv);
}

/* struct utimbuf: two 32-bit times, nothing to validate. */
SYSCALL_DEFINE2(utime, const char __user *, upath, const s32 __user *, ubuf)
{
	s32 times[2];

	if (ubuf && copy_from_user(times, ubuf, sizeof(times)))
		return -EFAULT;
	return change_at(AT_FDCWD, upath, false);
}

/* ---- truncate ----------------------------------------------------------------- */

static long do_truncate(const char __user *upath, long long length)
{
	char path[PATH_MAX];
	u32 mode;
	int err;

	if (length < 0)
		return -EINVAL;
	err = resolve(AT_FDCWD, upath, path);
	if (!err)
		err = path_mode(path, false, &mode);
	if (err)
		return err;
	if (S_ISDIR(mode))
		return -EISDIR;
	return S_ISREG(mode) ? -EROFS : -EINVAL;
}

/* Only a regular file open for writing can be truncated: none can be. */
static long do_ftruncate(int fd, long long length)
{
	if (length < 0)
		return -EINVAL;
	/* Open, but on a file system that cannot change it. */
	return fd_is_open(fd) ? -EINVAL : -EBADF;
}

SYSCALL_DEFINE2(truncate, const char __user *, upath, long, length)
{
	return do_truncate(upath, length);
}

SYSCALL_DEFINE3(truncate64, const char __user *, upath, u32, len_lo,
		u32, len_hi)
{
	return do_truncate(upath, arg_u64(len_lo, len_hi));
}

SYSCALL_DEFINE2(ftruncate, int, fd, long, length)
{
	return do_ftruncate(fd, length);
}

SYSCALL_DEFINE3(ftruncate64, int, fd, u32, len_lo, u32, len_hi)
{
	return do_ftruncate(fd, arg_u64(len_lo, len_hi));
}

/* ---- statfs ---------------------------------------------------------------------- */

#define RAMFS_MAGIC	0x858458f6
#define TMPFS_MAGIC	0x01021994
#define PIPEFS_MAGIC	0x50495045
#define NAME_MAX	255
#define ST_RDONLY	0x0001
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

/*
 * Which file system a file is on, as a ramfs (simple_statfs) answers:
 * only the type, block size and name length are known; no block or
 * inode counts. Read-only, as everything here.
 */
static int file_statfs(struct file *f, struct statfs64 *st)
{
	struct kstat ks;
	int err;

	memset(&ks, 0, sizeof(ks));
	err = f->f_op->getattr ? f->f_op->getattr(f, &ks) : -EIO;
	if (err)
		return err;
	memset(st, 0, sizeof(*st));
	st->f_type = ks.dev == PIPEFS_DEV ? PIPEFS_MAGIC :
		     ks.dev == DEVFS_DEV ? TMPFS_MAGIC : RAMFS_MAGIC;
	st->f_bsize = STAT_BLKSIZE;
	st->f_frsize = STAT_BLKSIZE;
	st->f_namelen = NAME_MAX;
	st->f_fsid[0] = ks.dev;
	st->f_flags = ST_RDONLY | ST_VALID;
	return 0;
}

static int path_statfs(const char __user *upath, struct statfs64 *st)
{
	char path[PATH_MAX];
	struct file *f;
	int err = resolve(AT_FDCWD, upath, path);

	if (err)
		return err;
	/* /dev has no node of its own: answer for its devices. */
	f = filp_open(strcmp(path, "/dev") ? path : "/dev/null", O_RDONLY);
	if (IS_ERR(f))
		return PTR_ERR(f);
	err = file_statfs(f, st);
	fput(f);
	return err;
}

static int fd_statfs(int fd, struct statfs64 *st)
{
	struct file *f = fget(fd);
	int err;

	if (!f)
		return -EBADF;
	err = file_statfs(f, st);
	fput(f);
	return err;
}

static long put_statfs32(struct statfs32 __user *ubuf,
			 const struct statfs64 *st)
{
	struct statfs32 s = {
		.f_type = st->f_type, .f_bsize = st->f_bsize,
		.f_fsid = { st->f_fsid[0], st->f_fsid[1] },
		.f_namelen = st->f_namelen, .f_frsize = st->f_frsize,
		.f_flags = st->f_flags,
	};

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

/* ---- sync and advice ----------------------------------------------------------- */

SYSCALL_DEFINE0(sync)
{
	return 0;	/* everything lives in memory */
}

SYSCALL_DEFINE1(syncfs, int, fd)
{
	return fd_is_open(fd) ? 0 : -EBADF;
}

#define POSIX_FADV_DONTNEED	4
#define POSIX_FADV_NOREUSE	5

/*
 * Advice about how a file will be read: there is no page cache to act
 * on, so valid advice is accepted and changes nothing (as for ramfs).
 */
static long do_fadvise(int fd, long long offset, long long len, int advice)
{
	struct kstat st;
	struct file *f;
	long ret = 0;

	f = fget(fd);
	if (!f)
		return -EBADF;
	memset(&st, 0, sizeof(st));
	if (f->f_op->getattr)
		f->f_op->getattr(f, &st);
	if (S_ISFIFO(st.mode))
		ret = -ESPIPE;
	else if (advice < 0 || advice > POSIX_FADV_NOREUSE || len < 0)
		ret = -EINVAL;
	fput(f);
	(void)offset;
	return ret;
}

SYSCALL_DEFINE5(fadvise64, int, fd, u32, off_lo, u32, off_hi, u32, len,
		int, advice)
{
	return do_fadvise(fd, arg_u64(off_lo, off_hi), len,
			  advice);
}

SYSCALL_DEFINE6(fadvise64_64, int, fd, u32, off_lo, u32, off_hi,
		u32, len_lo, u32, len_hi, int, advice)
{
	return do_fadvise(fd, arg_u64(off_lo, off_hi),
			  arg_u64(len_lo, len_hi), advice);
}
