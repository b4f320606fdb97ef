// SPDX-License-Identifier: GPL-2.0
/*
 * The memory devices of major 1 (Linux's numbers, Documentation/
 * admin-guide/devices.txt): /dev/null (minor 3) reads as end of file and
 * swallows writes, /dev/zero (5) reads as zeros and swallows writes,
 * /dev/full (7) reads as zeros and is always full (-ENOSPC).
 *
 * The position means nothing to them, so pread and pwrite work (as on
 * Linux), but lseek is -ESPIPE (no llseek), as it has always been here.
 * Each has read/write for user buffers and read_iter/write_iter for
 * everything else (readv/writev, kernel callers such as sendfile).
 */
#include <fs.h>
#include <mm.h>		/* struct page, for uio.h */
#include <uio.h>
#include <devices.h>
#include <stat.h>
#include <uaccess.h>
#include <kernel.h>
#include <errno.h>

#define MEM_MAJOR	1

/* ---- /dev/null --------------------------------------------------------- */

static ssize_t null_read(struct file *f, char __user *buf, size_t n,
			 loff_t *ppos)
{
	return 0;
}

static ssize_t null_write(struct file *f, const char __user *buf, size_t n,
			  loff_t *ppos)
{
	return n;
}

static ssize_t null_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	return 0;
}

static ssize_t null_write_iter(struct kiocb *iocb, struct iov_iter *from)
{
	size_t n = iov_iter_count(from);

	iov_iter_advance(from, n);
	return n;
}

static const struct file_operations null_fops = {
	.read = null_read,
	.write = null_write,
	.read_iter = null_read_iter,
	.write_iter = null_write_iter,
};

/* ---- /dev/zero and /dev/full ------------------------------------------- */

static ssize_t zero_read(struct file *f, char __user *buf, size_t n,
			 loff_t *ppos)
{
	return clear_user(buf, n) ? -EFAULT : (ssize_t)n;
}

static ssize_t zero_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	size_t n = iov_iter_count(to), done = iov_iter_zero(n, to);

	return done || !n ? (ssize_t)done : -EFAULT;
}

static const struct file_operations zero_fops = {
	.read = zero_read,
	.write = null_write,
	.read_iter = zero_read_iter,
	.write_iter = null_write_iter,
};

static ssize_t full_write(struct file *f, const char __user *buf, size_t n,
			  loff_t *ppos)
{
	return -ENOSPC;
}

static ssize_t full_write_iter(struct kiocb *iocb, struct iov_iter *from)
{
	return -ENOSPC;
}

static const struct file_operations full_fops = {
	.read = zero_read,
	.write = full_write,
	.read_iter = zero_read_iter,
	.write_iter = full_write_iter,
};

/* ---- minor dispatch ---------------------------------------------------- */

static const struct file_operations *const mem_minors[] = {
	[3] = &null_fops,
	[5] = &zero_fops,
	[7] = &full_fops,
};

static int memory_open(struct inode *inode, struct file *f)
{
	u32 minor = MINOR(inode->i_rdev);
	const struct file_operations *fops;

	if (minor >= ARRAY_SIZE(mem_minors) || !mem_minors[minor])
		return -ENXIO;
	fops = mem_minors[minor];
	chrdev_replace_fops(f, fops);
	return fops->open ? fops->open(inode, f) : 0;
}

static const struct file_operations memory_fops = {
	.open = memory_open,
};

void mem_chr_init(void)
{
	register_chrdev(MEM_MAJOR, "mem", &memory_fops);
}
