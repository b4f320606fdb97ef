// SPDX-License-Identifier: GPL-2.0
/*
 * Setting a file's access and modification times: utimensat (and its
 * 64-bit-time form), futimesat, utimes, utime. Each time may be a value,
 * "now" (UTIME_NOW) or left alone (UTIME_OMIT).
 */
#include <fs.h>
#include <namei.h>
#include <mount.h>
#include <uaccess.h>
#include <syscalls.h>
#include <kernel.h>
#include <errno.h>

#define UTIME_NOW	((1L << 30) - 1L)
#define UTIME_OMIT	((1L << 30) - 2L)


static bool bad_nsec(long nsec)
{
	return nsec != UTIME_NOW && nsec != UTIME_OMIT &&
	       (nsec < 0 || nsec >= 1000000000);
}

/* One of the two times into attr: its ATTR_* bits. */
static unsigned int time_attr(const struct timespec64 *ts,
			      struct timespec64 *out, unsigned int set_bit,
			      unsigned int bit)
{
	if (ts->tv_nsec == UTIME_OMIT)
		return 0;
	if (ts->tv_nsec == UTIME_NOW)
		return bit;
	*out = *ts;
	return bit | set_bit;
}

static long utimes_common(const struct path *path,
			  const struct timespec64 *times)
{
	struct iattr attr = { .ia_valid = ATTR_ATIME | ATTR_MTIME };

	if (mnt_is_readonly(path->mnt))
		return -EROFS;
	if (times) {
		attr.ia_valid = time_attr(&times[0], &attr.ia_atime,
					  ATTR_ATIME_SET, ATTR_ATIME) |
				time_attr(&times[1], &attr.ia_mtime,
					  ATTR_MTIME_SET, ATTR_MTIME);
	}
	return notify_change(path->dentry, &attr);
}

/* times NULL: both "now". A NULL path names dfd itself (futimens). */
static long do_utimes(int dfd, const char __user *upath,
		      const struct timespec64 *times, int flags)
{
	struct path path;
	struct file *f;
	long err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (times && (bad_nsec(times[0].tv_nsec) || bad_nsec(times[1].tv_nsec)))
		return -EINVAL;
	if (times && times[0].tv_nsec == UTIME_OMIT &&
	    times[1].tv_nsec == UTIME_OMIT)
		return 0;	/* nothing to change: Linux does not look */
	if (!upath) {
		if (dfd == AT_FDCWD)
			return -EFAULT;
		f = fget(dfd);
		if (!f)
			return -EBADF;
		err = utimes_common(&f->f_path, times);
		fput(f);
		return err;
	}
	err = user_path_at(dfd, upath, at_lookup_flags(flags), &path);
	if (err)
		return err;
	err = utimes_common(&path, times);
	path_put(&path);
	return err;
}

SYSCALL_DEFINE4(utimensat, int, dfd, const char __user *, upath,
		const s32 __user *, uts, int, flags)
{
	struct timespec64 t[2];
	s32 ts[4];	/* two struct timespec of 32-bit sec, nsec */

	if (uts) {
		if (copy_from_user(ts, uts, sizeof(ts)))
			return -EFAULT;
		t[0] = (struct timespec64){ ts[0], ts[1] };
		t[1] = (struct timespec64){ ts[2], ts[3] };
	}
	return do_utimes(dfd, upath, uts ? t : NULL, flags);
}

SYSCALL_DEFINE4(utimensat_time64, int, dfd, const char __user *, upath,
		const s64 __user *, uts, int, flags)
{
	struct timespec64 t[2];
	s64 ts[4];	/* two 16-byte timespecs: sec, nsec (+pad) */

	if (uts) {
		if (copy_from_user(ts, uts, sizeof(ts)))
			return -EFAULT;
		t[0] = (struct timespec64){ ts[0], (s32)ts[1] };
		t[1] = (struct timespec64){ ts[2], (s32)ts[3] };
	}
	return do_utimes(dfd, upath, uts ? t : NULL, flags);
}

struct timeval_pair {
	s32 sec, usec;
};

static long do_futimesat(int dfd, const char __user *upath,
			 const struct timeval_pair __user *utv)
{
	struct timeval_pair tv[2];
	struct timespec64 t[2];

	if (!utv)
		return do_utimes(dfd, upath, NULL, 0);
	if (copy_from_user(tv, utv, sizeof(tv)))
		return -EFAULT;
	if (tv[0].usec < 0 || tv[0].usec >= 1000000 ||
	    tv[1].usec < 0 || tv[1].usec >= 1000000)
		return -EINVAL;
	t[0] = (struct timespec64){ tv[0].sec, tv[0].usec * 1000L };
	t[1] = (struct timespec64){ tv[1].sec, tv[1].usec * 1000L };
	return do_utimes(dfd, upath, t, 0);
}

SYSCALL_DEFINE2(utimes, const char __user *, upath,
		const struct timeval_pair __user *, utv)
{
	return do_futimesat(AT_FDCWD, upath, utv);
}

SYSCALL_DEFINE3(futimesat, int, dfd, const char __user *, upath,
		const struct timeval_pair __user *, utv)
{
	return do_futimesat(dfd, upath, utv);
}

/* struct utimbuf: two 32-bit times. */
SYSCALL_DEFINE2(utime, const char __user *, upath, const s32 __user *, ubuf)
{
	struct timespec64 t[2];
	s32 times[2];

	if (!ubuf)
		return do_utimes(AT_FDCWD, upath, NULL, 0);
	if (copy_from_user(times, ubuf, sizeof(times)))
		return -EFAULT;
	t[0] = (struct timespec64){ times[0], 0 };
	t[1] = (struct timespec64){ times[1], 0 };
	return do_utimes(AT_FDCWD, upath, t, 0);
}
