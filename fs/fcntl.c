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

#define F_DUPFD		0
#define F_GETFD		1
#define F_SETFD		2
#define F_GETFL		3
#define F_SETFL		4
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

SYSCALL_DEFINE3(fcntl64, int, fd, int, cmd, unsigned long, arg)
{
	struct files_struct *files = current->files;
	struct file *f = fget_raw(fd);
	long ret;

	if (!f)
		return -EBADF;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		ret = arg < NR_OPEN ?
		      fd_install_from(f, arg, cmd == F_DUPFD_CLOEXEC) : -EINVAL;
		if (ret >= 0)
			return ret;	/* the reference went to the new fd */
		break;
	case F_GETFD:
		ret = (files->close_on_exec >> fd) & 1 ? FD_CLOEXEC : 0;
		break;
	case F_SETFD:
		ret = set_fd_flags(fd, arg);
		break;
	case F_GETFL:
		ret = f->f_flags;
		break;
	case F_SETFL:
		ret = (f->f_mode & FMODE_PATH) ? -EBADF : set_fl(f, arg);
		break;
	default:
		ret = -EINVAL;
	}
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
