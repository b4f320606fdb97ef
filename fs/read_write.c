// SPDX-License-Identifier: GPL-2.0
/*
 * Moving data through open files: read, write, readv, writev, pread64,
 * pwrite64, preadv, pwritev, lseek, _llseek, sendfile, sendfile64,
 * copy_file_range, and kernel_read/kernel_write for the kernel itself.
 *
 * A file does its I/O either through ->read/->write on one user buffer
 * (devices, pipes, /proc) or through ->read_iter/->write_iter on an
 * iov_iter (page-cache files, and anything that wants a whole writev
 * at once). The calls here pick whichever the file has.
 *
 * The file position: for regular files and directories (FMODE_ATOMIC_
 * POS) the read or write holds file->f_pos_lock from reading f_pos to
 * storing the new one, so two threads sharing an open file never use
 * the same position twice. Streams (pipes, terminals) have no position:
 * pread and lseek give -ESPIPE.
 */
#include <fs.h>
#include <uio.h>
#include <task.h>
#include <signal.h>
#include <uaccess.h>
#include <syscalls.h>
#include <mm.h>
#include <kernel.h>
#include <string.h>
#include <errno.h>
#include <asm/syscall.h>



/* ---- positions ------------------------------------------------------ */

loff_t vfs_setpos(struct file *f, loff_t pos, loff_t maxsize)
{
	if (pos < 0 || pos > maxsize)
		return -EINVAL;
	f->f_pos = pos;
	return pos;
}

/* f_pos_lock held by the caller (the lseek system call takes it). */
loff_t generic_file_llseek(struct file *f, loff_t off, int whence)
{
	struct inode *inode = file_inode(f);
	loff_t size;

	spin_lock(&inode->i_lock);	/* a 64-bit read on i386 */
	size = inode->i_size;
	spin_unlock(&inode->i_lock);

	switch (whence) {
	case SEEK_SET:
		break;
	case SEEK_CUR:
		off += f->f_pos;
		break;
	case SEEK_END:
		off += size;
		break;
	case SEEK_DATA:
		if (off < 0 || off >= size)
			return -ENXIO;
		break;
	case SEEK_HOLE:
		if (off < 0 || off >= size)
			return -ENXIO;
		off = size;
		break;
	default:
		return -EINVAL;
	}
	return vfs_setpos(f, off, MAX_LFS_FILESIZE);
}

/* Devices whose position means nothing (/dev/null): always 0. */
loff_t noop_llseek(struct file *f, loff_t off, int whence)
{
	return whence <= SEEK_END ? 0 : -EINVAL;
}

/* Take the position lock of a file that has one; 0 or -EINTR. */
/* subclass: 0, or 1 for the second of two (fpos_lock_two). */
static int fpos_lock_nested(struct file *f, int subclass)
{
	if (!(f->f_mode & FMODE_ATOMIC_POS))
		return 0;
	return mutex_lock_killable_nested(&f->f_pos_lock, subclass);
}

static int fpos_lock(struct file *f)
{
	return fpos_lock_nested(f, 0);
}

static void fpos_unlock(struct file *f)
{
	if (f->f_mode & FMODE_ATOMIC_POS)
		mutex_unlock(&f->f_pos_lock);
}

/*
 * The positions of two files (sendfile, copy_file_range): one lock if
 * they are the same open file, else both in address order, so two
 * callers copying a->b and b->a cannot wait for each other. NULL: none.
 */
static int fpos_lock_two(struct file *a, struct file *b)
{
	int err;

	if (!a || a == b)
		return b ? fpos_lock(b) : 0;
	if (!b)
		return fpos_lock(a);
	if ((unsigned long)a > (unsigned long)b) {
		struct file *t = a;

		a = b;
		b = t;
	}
	err = fpos_lock(a);
	if (!err) {
		err = fpos_lock_nested(b, 1);
		if (err)
			fpos_unlock(a);
	}
	return err;
}

static void fpos_unlock_two(struct file *a, struct file *b)
{
	if (a)
		fpos_unlock(a);
	if (b && b != a)
		fpos_unlock(b);
}

/* Linux's rw_verify_area(): the end of the range must not pass 2^63. */
static bool bad_offset_range(loff_t pos, size_t count)
{
	return pos < 0 || (loff_t)((u64)pos + count) < 0;
}

/* ---- the core of read and write ---------------------------------------- */

static ssize_t call_read_iter(struct file *f, struct iov_iter *iter,
			      loff_t *ppos)
{
	struct kiocb kiocb = { .ki_filp = f, .ki_pos = *ppos };
	ssize_t ret = f->f_op->read_iter(&kiocb, iter);

	if (ret > 0)
		*ppos = kiocb.ki_pos;
	return ret;
}

static ssize_t call_write_iter(struct file *f, struct iov_iter *iter,
			       loff_t *ppos)
{
	struct kiocb kiocb = { .ki_filp = f, .ki_pos = *ppos };
	ssize_t ret;

	if (f->f_flags & O_APPEND)
		kiocb.ki_flags |= IOCB_APPEND;
	ret = f->f_op->write_iter(&kiocb, iter);
	if (ret > 0)
		*ppos = kiocb.ki_pos;
	return ret;
}

static int may_read(struct file *f)
{
	if (!(f->f_mode & FMODE_READ))
		return -EBADF;
	if (S_ISDIR(file_inode(f)->i_mode))
		return -EISDIR;
	if (!f->f_op->read && !f->f_op->read_iter)
		return -EINVAL;
	return 0;
}

static int may_write(struct file *f)
{
	if (!(f->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!f->f_op->write && !f->f_op->write_iter)
		return -EINVAL;
	return 0;
}

ssize_t vfs_read(struct file *f, char __user *buf, size_t n, loff_t *ppos)
{
	struct iov_iter iter;
	struct iovec iov;
	int err = may_read(f);

	if (err)
		return err;
	if (!access_ok(buf, n))
		return -EFAULT;
	n = min(n, (size_t)MAX_RW_COUNT);
	if (f->f_op->read)
		return f->f_op->read(f, buf, n, ppos);
	iov_iter_ubuf(&iter, READ, &iov, buf, n);
	return call_read_iter(f, &iter, ppos);
}

ssize_t vfs_write(struct file *f, const char __user *buf, size_t n,
		  loff_t *ppos)
{
	struct iov_iter iter;
	struct iovec iov;
	int err = may_write(f);

	if (err)
		return err;
	if (!access_ok(buf, n))
		return -EFAULT;
	n = min(n, (size_t)MAX_RW_COUNT);
	/*
	 * A regular file copies what it can: a bad page ends the write
	 * there, with the count done so far. Devices and pipes take all
	 * or nothing, so no half line reaches a terminal or a reader.
	 */
	if (!S_ISREG(file_inode(f)->i_mode) && !user_range_ok(buf, n, false))
		return -EFAULT;
	if (f->f_op->write_iter) {
		iov_iter_ubuf(&iter, WRITE, &iov, (void __user *)buf, n);
		return call_write_iter(f, &iter, ppos);
	}
	return f->f_op->write(f, buf, n, ppos);
}

/* read(2) and write(2): at the file position, under its lock. */
static ssize_t ksys_rw(int fd, char __user *buf, size_t n, bool write)
{
	struct file *f = fget(fd);
	loff_t pos;
	ssize_t ret;

	if (!f)
		return -EBADF;
	ret = fpos_lock(f);
	if (!ret) {
		pos = f->f_pos;
		ret = write ? vfs_write(f, buf, n, &pos)
			    : vfs_read(f, buf, n, &pos);
		if (ret >= 0 && !(f->f_mode & FMODE_STREAM))
			f->f_pos = pos;
		fpos_unlock(f);
	}
	fput(f);
	return ret;
}

SYSCALL_DEFINE3(read, int, fd, char __user *, buf, size_t, count)
{
	return ksys_rw(fd, buf, count, false);
}

SYSCALL_DEFINE3(write, int, fd, const char __user *, buf, size_t, count)
{
	return ksys_rw(fd, (char __user *)buf, count, true);
}

/*
 * pread64/pwrite64 need a file with positions: streams are -ESPIPE.
 * An O_APPEND file still appends with pwrite (IOCB_APPEND), as on Linux.
 */
static ssize_t ksys_prw(int fd, char __user *buf, size_t n, loff_t pos,
			bool write)
{
	struct file *f;
	ssize_t ret;

	if (pos < 0)
		return -EINVAL;
	f = fget(fd);
	if (!f)
		return -EBADF;
	if (!(f->f_mode & (write ? FMODE_PWRITE : FMODE_PREAD)))
		ret = -ESPIPE;
	else if (bad_offset_range(pos, n))
		ret = -EINVAL;
	else
		ret = write ? vfs_write(f, buf, n, &pos)
			    : vfs_read(f, buf, n, &pos);
	fput(f);
	return ret;
}

SYSCALL_DEFINE5(pread64, int, fd, char __user *, buf, size_t, count,
		unsigned long, pos_lo, unsigned long, pos_hi)
{
	return ksys_prw(fd, buf, count, arg_u64(pos_lo, pos_hi), false);
}

SYSCALL_DEFINE5(pwrite64, int, fd, const char __user *, buf, size_t, count,
		unsigned long, pos_lo, unsigned long, pos_hi)
{
	return ksys_prw(fd, (char __user *)buf, count,
			arg_u64(pos_lo, pos_hi), true);
}

/* ---- vectors ------------------------------------------------------------- */

/* Vectors one by one through ->read/->write (files without iters). */
static ssize_t do_loop_readv_writev(struct file *f, struct iov_iter *iter,
				    loff_t *ppos, bool write)
{
	ssize_t done = 0;

	for (unsigned long i = 0; i < iter->nr_segs; i++) {
		const struct iovec *v = &iter->iov[i];
		ssize_t n;

		if (!v->iov_len)
			continue;
		if (write)
			n = f->f_op->write(f, v->iov_base, v->iov_len, ppos);
		else
			n = f->f_op->read(f, v->iov_base, v->iov_len, ppos);
		if (n < 0)
			return done ? done : n;
		done += n;
		if ((size_t)n < v->iov_len)
			break;
	}
	return done;
}

static ssize_t vfs_iter(struct file *f, struct iov_iter *iter, loff_t *ppos,
			bool write)
{
	int err = write ? may_write(f) : may_read(f);

	if (err)
		return err;
	if (!iov_iter_count(iter))
		return 0;
	if (write && f->f_op->write_iter)
		return call_write_iter(f, iter, ppos);
	if (!write && f->f_op->read_iter)
		return call_read_iter(f, iter, ppos);
	return do_loop_readv_writev(f, iter, ppos, write);
}

/* Is every vector's memory there (readable for a write, writable for a
 * read)? Nothing is faulted in; the regions decide. */
static bool iovec_all_ok(const struct iov_iter *iter, bool write)
{
	for (unsigned long i = 0; i < iter->nr_segs; i++)
		if (!user_range_ok(iter->iov[i].iov_base, iter->iov[i].iov_len,
				   !write))
			return false;
	return true;
}

/* readv/writev (pos NULL: at the file position) and preadv/pwritev. */
static ssize_t do_iov(int fd, const struct iovec __user *uvec, int cnt,
		      bool write, loff_t *pos)
{
	struct iovec fast[UIO_FASTIOV], *iov = fast;
	struct iov_iter iter;
	struct file *f;
	loff_t fpos;
	ssize_t ret;

	if (cnt < 0)
		return -EINVAL;
	f = fget(fd);
	if (!f)
		return -EBADF;
	ret = import_iovec(write ? WRITE : READ, uvec, cnt, fast, &iov,
			   &iter);
	if (ret < 0)
		goto out;
	if (!S_ISREG(file_inode(f)->i_mode) && !iovec_all_ok(&iter, write)) {
		ret = -EFAULT;	/* devices and pipes: all or nothing */
		goto free;
	}
	if (pos) {
		ret = !(f->f_mode & (write ? FMODE_PWRITE : FMODE_PREAD)) ?
		      -ESPIPE : bad_offset_range(*pos, iov_iter_count(&iter)) ?
		      -EINVAL : vfs_iter(f, &iter, pos, write);
	} else {
		ret = fpos_lock(f);
		if (!ret) {
			fpos = f->f_pos;
			ret = vfs_iter(f, &iter, &fpos, write);
			if (ret >= 0 && !(f->f_mode & FMODE_STREAM))
				f->f_pos = fpos;
			fpos_unlock(f);
		}
	}
free:
	if (iov != fast)
		kfree(iov);
out:
	fput(f);
	return ret;
}

SYSCALL_DEFINE3(writev, int, fd, const struct iovec __user *, iov, int, cnt)
{
	return do_iov(fd, iov, cnt, true, NULL);
}

SYSCALL_DEFINE3(readv, int, fd, const struct iovec __user *, iov, int, cnt)
{
	return do_iov(fd, iov, cnt, false, NULL);
}

static ssize_t do_piov(int fd, const struct iovec __user *iov, int cnt,
		       bool write, loff_t pos)
{
	if (pos < 0)
		return -EINVAL;
	return do_iov(fd, iov, cnt, write, &pos);
}

SYSCALL_DEFINE5(preadv, int, fd, const struct iovec __user *, iov, int, cnt,
		unsigned long, pos_lo, unsigned long, pos_hi)
{
	return do_piov(fd, iov, cnt, false, arg_u64(pos_lo, pos_hi));
}

SYSCALL_DEFINE5(pwritev, int, fd, const struct iovec __user *, iov, int, cnt,
		unsigned long, pos_lo, unsigned long, pos_hi)
{
	return do_piov(fd, iov, cnt, true, arg_u64(pos_lo, pos_hi));
}

/* ---- lseek ---------------------------------------------------------------- */

static loff_t ksys_lseek(int fd, loff_t off, unsigned int whence)
{
	struct file *f = fget(fd);
	loff_t pos;

	if (!f)
		return -EBADF;
	if (!(f->f_mode & FMODE_LSEEK)) {
		fput(f);
		return -ESPIPE;
	}
	if (whence > SEEK_HOLE) {
		fput(f);
		return -EINVAL;
	}
	pos = fpos_lock(f);
	if (!pos) {
		pos = f->f_op->llseek(f, off, whence);
		fpos_unlock(f);
	}
	fput(f);
	return pos;
}

SYSCALL_DEFINE3(lseek, int, fd, long, off, unsigned int, whence)
{
	loff_t pos = ksys_lseek(fd, off, whence);

	/* _llseek can move past 2 GiB; as Linux, the position still moves. */
	return pos > 0x7fffffffLL ? -EOVERFLOW : pos;
}

SYSCALL_DEFINE5(_llseek, int, fd, unsigned long, off_hi, unsigned long, off_lo,
		loff_t __user *, result, unsigned int, whence)
{
	loff_t pos = ksys_lseek(fd, arg_u64(off_lo, off_hi), whence);

	if (pos < 0)
		return pos;
	if (copy_to_user(result, &pos, sizeof(pos)))
		return -EFAULT;
	return 0;
}

/* ---- from kernel memory ------------------------------------------------------ */

ssize_t kernel_read(struct file *f, void *buf, size_t n, loff_t *pos)
{
	struct kvec kv = { .iov_base = buf, .iov_len = n };
	struct iov_iter iter;

	if (!(f->f_mode & FMODE_READ))
		return -EBADF;
	if (!f->f_op->read_iter)
		return -EINVAL;
	iov_iter_kvec(&iter, READ, &kv, 1, n);
	return call_read_iter(f, &iter, pos);
}

ssize_t kernel_write(struct file *f, const void *buf, size_t n, loff_t *pos)
{
	struct kvec kv = { .iov_base = (void *)buf, .iov_len = n };
	struct iov_iter iter;

	if (!(f->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!f->f_op->write_iter)
		return -EINVAL;
	iov_iter_kvec(&iter, WRITE, &kv, 1, n);
	return call_write_iter(f, &iter, pos);
}

/* ---- sendfile and copy_file_range ------------------------------------------ */

/*
 * Copy count bytes from in at *in_pos to out at *out_pos through one
 * bounce page, a page at a time, until done, a short read (end of file),
 * an error or SIGKILL. Returns the bytes copied, or -errno if none.
 */
static ssize_t copy_through_page(struct file *in, loff_t *in_pos,
				 struct file *out, loff_t *out_pos,
				 size_t count)
{
	char *page = kmalloc(PAGE_SIZE, GFP_KERNEL);
	ssize_t done = 0, err = 0;

	if (!page)
		return -ENOMEM;
	while (count) {
		size_t chunk = min(count, (size_t)PAGE_SIZE);
		ssize_t got, put;

		if (fatal_signal_pending(current))
			break;
		got = kernel_read(in, page, chunk, in_pos);
		if (got <= 0) {
			err = got;
			break;
		}
		put = kernel_write(out, page, got, out_pos);
		if (put < 0) {
			err = put;
			break;
		}
		done += put;
		count -= put;
		if (put < got) {
			*in_pos -= got - put;	/* not consumed */
			break;
		}
	}
	kfree(page);
	return done ? done : err;
}

static ssize_t do_sendfile(int out_fd, int in_fd, loff_t __user *uoff,
			   size_t count, bool off64)
{
	struct file *in = fget(in_fd), *out = fget(out_fd);
	loff_t pos = 0, out_pos;
	ssize_t ret;

	ret = -EBADF;
	if (!in || !out || !(in->f_mode & FMODE_READ) ||
	    !(out->f_mode & FMODE_WRITE))
		goto out;
	ret = -EINVAL;
	if (!in->f_op->read_iter || !out->f_op->write_iter ||
	    (out->f_flags & O_APPEND))
		goto out;
	if (uoff) {
		s32 off32;

		ret = -EFAULT;
		if (off64 ? copy_from_user(&pos, uoff, sizeof(pos))
			  : copy_from_user(&off32, uoff, sizeof(off32)))
			goto out;
		if (!off64)
			pos = off32;
		ret = -EINVAL;
		if (pos < 0)
			goto out;
	}
	count = min(count, (size_t)MAX_RW_COUNT);
	ret = fpos_lock_two(uoff ? NULL : in, out);
	if (ret)
		goto out;
	out_pos = out->f_pos;
	if (!uoff)
		pos = in->f_pos;
	ret = copy_through_page(in, &pos, out, &out_pos, count);
	if (!uoff)
		in->f_pos = pos;
	if (!(out->f_mode & FMODE_STREAM))
		out->f_pos = out_pos;
	fpos_unlock_two(uoff ? NULL : in, out);
	if (uoff && ret >= 0) {
		s32 off32 = pos;

		if (off64 ? copy_to_user(uoff, &pos, sizeof(pos))
			  : copy_to_user(uoff, &off32, sizeof(off32)))
			ret = -EFAULT;
	}
out:
	if (in)
		fput(in);
	if (out)
		fput(out);
	return ret;
}

SYSCALL_DEFINE4(sendfile, int, out_fd, int, in_fd, s32 __user *, off,
		size_t, count)
{
	return do_sendfile(out_fd, in_fd, (loff_t __user *)off, count, false);
}

SYSCALL_DEFINE4(sendfile64, int, out_fd, int, in_fd, loff_t __user *, off,
		size_t, count)
{
	return do_sendfile(out_fd, in_fd, off, count, true);
}

/* copy_file_range's checks on the two files; 0 or -errno. */
static int check_copy_files(struct file *in, struct file *out)
{
	struct inode *ii = file_inode(in), *io = file_inode(out);

	if (!(in->f_mode & FMODE_READ) || !(out->f_mode & FMODE_WRITE) ||
	    (out->f_flags & O_APPEND))
		return -EBADF;
	if (S_ISDIR(ii->i_mode) || S_ISDIR(io->i_mode))
		return -EISDIR;
	if (!S_ISREG(ii->i_mode) || !S_ISREG(io->i_mode))
		return -EINVAL;
	if (!in->f_op->read_iter || !out->f_op->write_iter)
		return -EINVAL;
	return 0;
}

/* Read a user offset, or take the file's own under its lock. */
static int get_range_pos(loff_t __user *uoff, struct file *f, loff_t *pos)
{
	if (uoff) {
		if (copy_from_user(pos, uoff, sizeof(*pos)))
			return -EFAULT;
		return *pos < 0 ? -EINVAL : 0;
	}
	*pos = f->f_pos;
	return 0;
}

static ssize_t do_copy_file_range(struct file *in, loff_t __user *uoff_in,
				  struct file *out, loff_t __user *uoff_out,
				  size_t len)
{
	loff_t pin, pout;
	ssize_t ret = get_range_pos(uoff_in, in, &pin);

	if (!ret)
		ret = get_range_pos(uoff_out, out, &pout);
	if (ret)
		return ret;
	if (file_inode(in) == file_inode(out) &&
	    pin < pout + (loff_t)len && pout < pin + (loff_t)len)
		return -EINVAL;	/* overlapping ranges of one file */
	if (bad_offset_range(pin, len) || bad_offset_range(pout, len))
		return -EINVAL;
	ret = copy_through_page(in, &pin, out, &pout,
				min(len, (size_t)MAX_RW_COUNT));
	if (ret < 0)
		return ret;
	if (uoff_in ? copy_to_user(uoff_in, &pin, sizeof(pin)) : 0)
		return -EFAULT;
	if (uoff_out ? copy_to_user(uoff_out, &pout, sizeof(pout)) : 0)
		return -EFAULT;
	if (!uoff_in)
		in->f_pos = pin;
	if (!uoff_out)
		out->f_pos = pout;
	return ret;
}

SYSCALL_DEFINE6(copy_file_range, int, fd_in, loff_t __user *, off_in,
		int, fd_out, loff_t __user *, off_out, size_t, len,
		unsigned int, flags)
{
	struct file *in, *out;
	ssize_t ret;

	if (flags)
		return -EINVAL;
	in = fget(fd_in);
	out = fget(fd_out);
	ret = -EBADF;
	if (!in || !out)
		goto out;
	ret = check_copy_files(in, out);
	if (ret)
		goto out;
	ret = fpos_lock_two(off_in ? NULL : in, off_out ? NULL : out);
	if (!ret) {
		ret = do_copy_file_range(in, off_in, out, off_out, len);
		fpos_unlock_two(off_in ? NULL : in, off_out ? NULL : out);
	}
out:
	if (in)
		fput(in);
	if (out)
		fput(out);
	return ret;
}
