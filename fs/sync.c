// SPDX-License-Identifier: GPL-2.0
/*
 * sync, syncfs, fsync, fdatasync and fadvise. Every file system here
 * lives in memory, so there is never anything to write back: the calls
 * check their arguments and succeed, as on Linux's tmpfs. A file that
 * cannot be synced at all (a pipe, a terminal) says -EINVAL.
 */
#include <fs.h>
#include <syscalls.h>
#include <kernel.h>
#include <errno.h>
#include <asm/syscall.h>

int noop_fsync(struct file *f, loff_t start, loff_t end, int datasync)
{
	return 0;
}

static long do_fsync(int fd, int datasync)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = f->f_op->fsync ? f->f_op->fsync(f, 0, MAX_LFS_FILESIZE, datasync)
			     : -EINVAL;
	fput(f);
	return ret;
}

SYSCALL_DEFINE1(fsync, int, fd)
{
	return do_fsync(fd, 0);
}

SYSCALL_DEFINE1(fdatasync, int, fd)
{
	return do_fsync(fd, 1);
}

SYSCALL_DEFINE0(sync)
{
	return 0;
}

SYSCALL_DEFINE1(syncfs, int, fd)
{
	return fd_is_open(fd) ? 0 : -EBADF;
}

#define POSIX_FADV_NOREUSE	5

/* Advice about how a file will be read: accepted, changes nothing. */
static long do_fadvise(int fd, loff_t offset, loff_t len, int advice)
{
	struct file *f = fget(fd);
	long ret = 0;

	if (!f)
		return -EBADF;
	if (S_ISFIFO(file_inode(f)->i_mode))
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
	return do_fadvise(fd, arg_u64(off_lo, off_hi), len, advice);
}

SYSCALL_DEFINE6(fadvise64_64, int, fd, u32, off_lo, u32, off_hi,
		u32, len_lo, u32, len_hi, int, advice)
{
	return do_fadvise(fd, arg_u64(off_lo, off_hi),
			  arg_u64(len_lo, len_hi), advice);
}

#define SYNC_FILE_RANGE_ALL	7	/* WAIT_BEFORE | WRITE | WAIT_AFTER */

/* Nothing is ever dirty on disk here: check the arguments as Linux. */
static long do_sync_file_range(int fd, loff_t offset, loff_t nbytes,
			       unsigned int flags)
{
	struct file *f;
	long ret = 0;

	if (flags & ~SYNC_FILE_RANGE_ALL)
		return -EINVAL;
	if (offset < 0 || nbytes < 0 || offset + nbytes < 0)
		return -EINVAL;
	f = fget(fd);
	if (!f)
		return -EBADF;
	if (!S_ISREG(file_inode(f)->i_mode) &&
	    !S_ISDIR(file_inode(f)->i_mode) && !S_ISLNK(file_inode(f)->i_mode))
		ret = -ESPIPE;
	fput(f);
	return ret;
}

SYSCALL_DEFINE6(sync_file_range, int, fd, u32, off_lo, u32, off_hi,
		u32, len_lo, u32, len_hi, unsigned int, flags)
{
	return do_sync_file_range(fd, arg_u64(off_lo, off_hi),
				  arg_u64(len_lo, len_hi), flags);
}
