// SPDX-License-Identifier: GPL-2.0
/*
 * fcntl64: descriptor flags (close-on-exec), duplicating descriptors,
 * and the open file's status flags (O_APPEND, O_NONBLOCK, ...), which
 * change under file->f_lock so two F_SETFL calls cannot lose one
 * another's update. And flock(2), which checks its arguments: there is
 * one user and no persistent storage, so advisory locks are granted.
 * And ioctl(2), which hands the request to the file (->unlocked_ioctl:
 * a terminal's termios, for example).
 */
#include <fs.h>
#include <task.h>
#include <syscalls.h>
#include <kernel.h>
#include <errno.h>
#include <filelock.h>
#include <signal.h>
#include <uaccess.h>
#include <pipe_fs_i.h>

#define F_DUPFD		0
#define F_GETFD		1
#define F_SETFD		2
#define F_GETFL		3
#define F_SETFL		4
#define F_GETLK		5
#define F_SETLK		6
#define F_SETLKW	7
#define F_SETOWN	8
#define F_GETOWN	9
#define F_SETSIG	10
#define F_GETSIG	11
#define F_GETLK64	12
#define F_SETLK64	13
#define F_SETLKW64	14
#define F_SETOWN_EX	15
#define F_GETOWN_EX	16
#define F_OFD_GETLK	36
#define F_OFD_SETLK	37
#define F_OFD_SETLKW	38
#define F_DUPFD_CLOEXEC	1030
#define FD_CLOEXEC	1

/* The status flags F_SETFL may change (Linux's SETFL_MASK). */
#define SETFL_MASK	(O_APPEND | O_NONBLOCK | O_DIRECT | O_NOATIME | \
			 O_ASYNC)

static long set_fd_flags(int fd, unsigned long arg)
{
	struct files_struct *files = current->files;

	spin_lock(&files->lock);
	if (arg & FD_CLOEXEC)
		files->close_on_exec |= 1ULL << fd;
	else
		files->close_on_exec &= ~(1ULL << fd);
	spin_unlock(&files->lock);
	return 0;
}

static long set_fl(struct file *f, unsigned long arg)
{
	/* O_APPEND cannot be cleared on a file opened append-only: no
	 * such files here, so every flag in the mask may change. */
	spin_lock(&f->f_lock);
	f->f_flags = (f->f_flags & ~SETFL_MASK) | (arg & SETFL_MASK);
	spin_unlock(&f->f_lock);
	return 0;
}

/* struct flock on i386: 32-bit offsets (fcntl, and fcntl64's F_GETLK). */
struct flock32 {
	s16 l_type;
	s16 l_whence;
	s32 l_start;
	s32 l_len;
	s32 l_pid;
};

/* struct flock64 on i386: 64-bit offsets at 4-byte alignment, 24 bytes. */
struct flock64 {
	s16 l_type;
	s16 l_whence;
	s64 l_start;
	s64 l_len;
	s32 l_pid;
} __packed;

_Static_assert(sizeof(struct flock32) == 16, "i386 struct flock");
_Static_assert(sizeof(struct flock64) == 24, "i386 struct flock64");

#define OFFT_OFFSET_MAX	0x7fffffffLL
#define OFFSET_MAX_64	0x7fffffffffffffffLL

static int get_flock(struct kflock *kf, const void __user *arg, bool wide)
{
	struct flock32 f32;
	struct flock64 f64;

	if (wide) {
		if (copy_from_user(&f64, arg, sizeof(f64)))
			return -EFAULT;
		*kf = (struct kflock){ f64.l_type, f64.l_whence, f64.l_start,
				       f64.l_len, f64.l_pid };
	} else {
		if (copy_from_user(&f32, arg, sizeof(f32)))
			return -EFAULT;
		*kf = (struct kflock){ f32.l_type, f32.l_whence, f32.l_start,
				       f32.l_len, f32.l_pid };
	}
	return 0;
}

/* The answer of F_GETLK; -EOVERFLOW if a 32-bit struct cannot hold it. */
static int put_flock(const struct kflock *kf, void __user *arg, bool wide)
{
	struct flock32 f32;
	struct flock64 f64;

	if (wide) {
		f64 = (struct flock64){ kf->l_type, kf->l_whence, kf->l_start,
					kf->l_len, kf->l_pid };
		return copy_to_user(arg, &f64, sizeof(f64)) ? -EFAULT : 0;
	}
	if (kf->l_type != F_UNLCK &&
	    (kf->l_start > OFFT_OFFSET_MAX ||
	     kf->l_start + kf->l_len - 1 > OFFT_OFFSET_MAX))
		return -EOVERFLOW;
	f32 = (struct flock32){ kf->l_type, kf->l_whence, kf->l_start,
				kf->l_len, kf->l_pid };
	return copy_to_user(arg, &f32, sizeof(f32)) ? -EFAULT : 0;
}

static long do_getlk(struct file *f, bool ofd, void __user *arg, bool wide)
{
	struct kflock kf;
	int err = get_flock(&kf, arg, wide);

	if (!err)
		err = fcntl_getlk(f, ofd, &kf);
	if (!err)
		err = put_flock(&kf, arg, wide);
	return err;
}

static long do_setlk(struct file *f, bool ofd, bool wait,
		     const void __user *arg, bool wide)
{
	struct kflock kf;
	int err = get_flock(&kf, arg, wide);

	return err ? err : fcntl_setlk(f, ofd, wait, &kf);
}

#define F_OWNER_TID	0
#define F_OWNER_PID	1
#define F_OWNER_PGRP	2

struct f_owner_ex {
	s32 type;
	s32 pid;
};

/*
 * Whom SIGIO would go to: a thread, a process or a process group; only
 * recorded here (no I/O here raises SIGIO yet). pid 0 clears it; an id
 * nobody has is -ESRCH, as Linux.
 */
static long set_owner(struct file *f, int type, pid_t pid)
{
	struct task_struct *t;

	if (type != F_OWNER_TID && type != F_OWNER_PID && type != F_OWNER_PGRP)
		return -EINVAL;
	if (pid < 0)
		return -EINVAL;
	if (pid) {
		t = find_get_task_by_pid(pid);
		if (!t)
			return -ESRCH;
		put_task_struct(t);
	}
	spin_lock(&f->f_lock);
	f->f_owner_type = type;
	f->f_owner_pid = pid;
	spin_unlock(&f->f_lock);
	return 0;
}

/* F_GETOWN: a process group is negative. */
static long get_owner(struct file *f)
{
	long ret;

	spin_lock(&f->f_lock);
	ret = f->f_owner_type == F_OWNER_PGRP ? -f->f_owner_pid
					      : f->f_owner_pid;
	spin_unlock(&f->f_lock);
	return ret;
}

static long set_owner_ex(struct file *f, const struct f_owner_ex __user *arg)
{
	struct f_owner_ex o;

	if (copy_from_user(&o, arg, sizeof(o)))
		return -EFAULT;
	return set_owner(f, o.type, o.pid);
}

static long get_owner_ex(struct file *f, struct f_owner_ex __user *arg)
{
	struct f_owner_ex o;

	spin_lock(&f->f_lock);
	o.type = f->f_owner_type;
	o.pid = f->f_owner_pid;
	spin_unlock(&f->f_lock);
	return copy_to_user(arg, &o, sizeof(o)) ? -EFAULT : 0;
}

static long set_owner_sig(struct file *f, unsigned long sig)
{
	if (sig && !valid_signal(sig))
		return -EINVAL;
	spin_lock(&f->f_lock);
	f->f_owner_sig = sig;
	spin_unlock(&f->f_lock);
	return 0;
}

/* The commands fcntl and fcntl64 share; the lock ones are theirs. */
static long do_fcntl(int fd, struct file *f, int cmd, unsigned long arg)
{
	struct files_struct *files = current->files;
	long ret;

	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		ret = arg < NR_OPEN ?
		      fd_install_from(f, arg, cmd == F_DUPFD_CLOEXEC) : -EINVAL;
		if (ret >= 0)
			get_file(f);	/* the new fd's reference */
		return ret;
	case F_GETFD:
		return (files->close_on_exec >> fd) & 1 ? FD_CLOEXEC : 0;
	case F_SETFD:
		return set_fd_flags(fd, arg);
	case F_GETFL:
		return f->f_flags;
	case F_SETFL:
		return (f->f_mode & FMODE_PATH) ? -EBADF : set_fl(f, arg);
	}
	/* The rest need a file open for I/O, not O_PATH. */
	if (f->f_mode & FMODE_PATH)
		return -EBADF;
	switch (cmd) {
	case F_GETLK:
	case F_OFD_GETLK:
		return do_getlk(f, cmd == F_OFD_GETLK, (void __user *)arg, false);
	case F_SETLK:
	case F_SETLKW:
	case F_OFD_SETLK:
	case F_OFD_SETLKW:
		return do_setlk(f, cmd == F_OFD_SETLK || cmd == F_OFD_SETLKW,
				cmd == F_SETLKW || cmd == F_OFD_SETLKW,
				(const void __user *)arg, false);
	case F_SETOWN:
		return (long)arg < 0 ? set_owner(f, F_OWNER_PGRP, -(long)arg)
				     : set_owner(f, F_OWNER_PID, arg);
	case F_GETOWN:
		return get_owner(f);
	case F_SETOWN_EX:
		return set_owner_ex(f, (const struct f_owner_ex __user *)arg);
	case F_GETOWN_EX:
		return get_owner_ex(f, (struct f_owner_ex __user *)arg);
	case F_SETSIG:
		return set_owner_sig(f, arg);
	case F_GETSIG:
		return READ_ONCE(f->f_owner_sig);
	case F_SETPIPE_SZ:
	case F_GETPIPE_SZ:
		return pipe_fcntl(f, cmd, arg);
	default:
		return -EINVAL;
	}
}

/* fcntl64: the 64-bit lock structs for F_*LK64 and the OFD commands. */
SYSCALL_DEFINE3(fcntl64, int, fd, int, cmd, unsigned long, arg)
{
	struct file *f = fget_raw(fd);
	long ret;

	if (!f)
		return -EBADF;
	switch (cmd) {
	case F_GETLK64:
	case F_OFD_GETLK:
		ret = (f->f_mode & FMODE_PATH) ? -EBADF :
		      do_getlk(f, cmd == F_OFD_GETLK, (void __user *)arg, true);
		break;
	case F_SETLK64:
	case F_SETLKW64:
	case F_OFD_SETLK:
	case F_OFD_SETLKW:
		ret = (f->f_mode & FMODE_PATH) ? -EBADF :
		      do_setlk(f, cmd == F_OFD_SETLK || cmd == F_OFD_SETLKW,
			       cmd == F_SETLKW64 || cmd == F_OFD_SETLKW,
			       (const void __user *)arg, true);
		break;
	default:
		ret = do_fcntl(fd, f, cmd, arg);
	}
	fput(f);
	return ret;
}

/* fcntl: the 32-bit struct flock, for the OFD commands too. */
SYSCALL_DEFINE3(fcntl, int, fd, int, cmd, unsigned long, arg)
{
	struct file *f = fget_raw(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = do_fcntl(fd, f, cmd, arg);
	fput(f);
	return ret;
}

#define LOCK_SH		1
#define LOCK_EX		2
#define LOCK_NB		4
#define LOCK_UN		8

SYSCALL_DEFINE3(ioctl, int, fd, unsigned int, cmd, unsigned long, arg)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = f->f_op->unlocked_ioctl ? f->f_op->unlocked_ioctl(f, cmd, arg)
				      : -ENOTTY;
	fput(f);
	return ret;
}

SYSCALL_DEFINE2(flock, int, fd, unsigned int, cmd)
{
	struct file *f = fget(fd);
	unsigned int op = cmd & ~LOCK_NB;
	long ret = 0;

	if (!f)
		return -EBADF;
	if (op != LOCK_SH && op != LOCK_EX && op != LOCK_UN)
		ret = -EINVAL;
	fput(f);
	return ret;
}
