// SPDX-License-Identifier: GPL-2.0
/*
 * Open files, descriptor tables and the file system calls: open, close,
 * read, write, pread64, pwrite64, readv, writev, preadv, pwritev, lseek,
 * _llseek, ioctl, dup, dup2, dup3, fcntl64, getdents64, fsync, access,
 * and the *at forms openat, faccessat (getcwd and chdir:
 * kernel/fs_struct.c; poll and select: kernel/select.c; the calls that
 * would modify the read-only name space: kernel/fs_readonly.c).
 *
 * There is one namespace: the device nodes of kernel/devices.c and the
 * initramfs (read-only files and directories). A struct file is reference
 * counted; a descriptor table holds one reference per descriptor.
 */
#include <fs.h>
#include <initramfs.h>
#include <procfs.h>
#include <stat.h>
#include <namei.h>
#include <task.h>
#include <uaccess.h>
#include <syscalls.h>
#include <kernel.h>
#include <mm.h>
#include <string.h>
#include <errno.h>
#include <asm/syscall.h>

#define PATH_MAX	256
#define IOV_MAX		1024
#define MAX_RW_COUNT	0x7ffff000UL	/* as Linux: one call moves less */

struct file *alloc_file(const struct file_operations *fop, unsigned int flags,
			const void *private_data)
{
	struct file *f = kzalloc(sizeof(*f), GFP_KERNEL);

	if (!f)
		return NULL;
	atomic_set(&f->count, 1);
	f->f_op = fop;
	f->f_flags = flags;
	f->private_data = private_data;
	spin_lock_init(&f->f_pos_lock, "file->f_pos_lock");
	return f;
}

void get_file(struct file *f)
{
	atomic_inc(&f->count);
}

void fput(struct file *f)
{
	if (!atomic_dec_and_test(&f->count))
		return;
	if (f->f_op->release)
		f->f_op->release(f);
	kfree(f);
}

/* ---- initramfs files ------------------------------------------------------ */

static const struct initramfs_entry *file_entry(struct file *f)
{
	return f->private_data;
}

/* Bytes of the file from pos on that a read of n would return. */
static size_t initramfs_avail(const struct initramfs_entry *e, long long pos,
			      size_t n)
{
	if (pos >= e->size)
		return 0;
	return min((unsigned long long)n, (unsigned long long)e->size - pos);
}

static ssize_t initramfs_read(struct file *f, char __user *buf, size_t n)
{
	const struct initramfs_entry *e = file_entry(f);
	long long pos;
	size_t count;

	spin_lock(&f->f_pos_lock);
	pos = f->f_pos;
	count = initramfs_avail(e, pos, n);
	f->f_pos += count;
	spin_unlock(&f->f_pos_lock);
	if (count && copy_to_user(buf, (const char *)e->data + pos, count))
		return -EFAULT;
	return count;
}

static ssize_t initramfs_pread(struct file *f, char __user *buf, size_t n,
			       long long pos)
{
	const struct initramfs_entry *e = file_entry(f);
	size_t count = initramfs_avail(e, pos, n);

	if (count && copy_to_user(buf, (const char *)e->data + pos, count))
		return -EFAULT;
	return count;
}

static long long initramfs_size(struct file *f)
{
	return file_entry(f)->size;
}

/* Does `name` lie directly inside directory `dir` ("" = root)? */
static const char *child_name(const char *dir, const char *name)
{
	size_t dlen = strlen(dir);

	if (!*name)
		return NULL;	/* the root itself */
	if (dlen) {
		if (strncmp(name, dir, dlen) || name[dlen] != '/')
			return NULL;
		name += dlen + 1;
	}
	return *name && !strchr(name, '/') ? name : NULL;
}

struct linux_dirent64 {
	u64 d_ino;
	s64 d_off;
	u16 d_reclen;
	u8 d_type;
	char d_name[];
} __packed;

/* f_pos is the index of the next initramfs entry to consider. */
static long initramfs_getdents64(struct file *f, void __user *buf, size_t n)
{
	const struct initramfs_entry *dir = file_entry(f);
	char rec[sizeof(struct linux_dirent64) + PATH_MAX];
	struct linux_dirent64 *d = (void *)rec;
	size_t done = 0;

	spin_lock(&f->f_pos_lock);
	for (; f->f_pos < initramfs_count(); f->f_pos++) {
		const struct initramfs_entry *e = initramfs_get(f->f_pos);
		const char *name = child_name(dir->name, e->name);
		size_t reclen;

		if (!name)
			continue;
		reclen = ALIGN(sizeof(*d) + strlen(name) + 1, 8);
		if (reclen > sizeof(rec))
			continue;
		if (done + reclen > n)
			break;
		memset(rec, 0, reclen);
		d->d_ino = f->f_pos + 2;
		d->d_off = f->f_pos + 1;
		d->d_reclen = reclen;
		d->d_type = S_ISDIR(e->mode) ? DT_DIR :
			    S_ISLNK(e->mode) ? DT_LNK : DT_REG;
		strlcpy(d->d_name, name, PATH_MAX);
		spin_unlock(&f->f_pos_lock);
		if (copy_to_user((char __user *)buf + done, rec, reclen))
			return -EFAULT;
		spin_lock(&f->f_pos_lock);
		done += reclen;
	}
	spin_unlock(&f->f_pos_lock);
	if (!done && f->f_pos < initramfs_count())
		return -EINVAL;	/* buffer too small for one record */
	return done;
}

static const struct file_operations initramfs_file_fops = {
	.read = initramfs_read,
	.pread = initramfs_pread,
	.size = initramfs_size,
	.getattr = initramfs_getattr,
};

static const struct file_operations initramfs_dir_fops = {
	.getdents64 = initramfs_getdents64,
	.getattr = initramfs_getattr,
};

const struct initramfs_entry *initramfs_file_entry(struct file *f)
{
	if (f->f_op != &initramfs_file_fops && f->f_op != &initramfs_dir_fops)
		return NULL;
	return file_entry(f);
}

/*
 * O_CREAT of a missing name in a directory that exists: on a read-only
 * file system that is -EROFS, not -ENOENT (mkstemp, fopen "w" see it).
 */
static bool creatable(const char *path, unsigned int flags)
{
	char parent[PATH_MAX];
	const struct initramfs_entry *dir;
	size_t len;

	if (!(flags & O_CREAT))
		return false;
	len = strlcpy(parent, path, sizeof(parent));
	if (!len || len >= sizeof(parent) || parent[len - 1] == '/')
		return false;
	while (len && parent[len - 1] != '/')
		len--;
	if (!len)
		return false;
	parent[len - 1] = '\0';	/* "/name" leaves "", the root */
	if (!strcmp(parent, "/dev"))
		return true;
	dir = initramfs_lookup(parent);
	return dir && S_ISDIR(dir->mode);
}

struct file *filp_open(const char *path, unsigned int flags)
{
	const struct initramfs_entry *e;
	struct file *f;

	/* /proc shadows the archive's /proc, as a mount would. */
	if (procfs_path(path))
		return procfs_open(path, flags);
	f = device_open(path, flags);

	if (f)
		return f;
	if (flags & O_NOFOLLOW) {	/* a final symlink is not followed */
		e = initramfs_lookup_nofollow(path);
		if (e && S_ISLNK(e->mode))
			return ERR_PTR(-ELOOP);
	}
	e = initramfs_lookup(path);
	if (!e)
		return ERR_PTR(creatable(path, flags) ? -EROFS : -ENOENT);
	if ((flags & O_ACCMODE) != O_RDONLY || (flags & (O_TRUNC | O_CREAT)))
		return ERR_PTR(S_ISDIR(e->mode) ? -EISDIR : -EROFS);
	if ((flags & O_DIRECTORY) && !S_ISDIR(e->mode))
		return ERR_PTR(-ENOTDIR);
	f = alloc_file(S_ISDIR(e->mode) ? &initramfs_dir_fops
					: &initramfs_file_fops, flags, e);
	return f ? f : ERR_PTR(-ENOMEM);
}

/* ---- descriptor tables ---------------------------------------------------- */

struct files_struct *files_alloc(void)
{
	struct files_struct *files = kzalloc(sizeof(*files), GFP_KERNEL);

	if (!files)
		return NULL;
	atomic_set(&files->count, 1);
	spin_lock_init(&files->lock, "files->lock");
	return files;
}

struct files_struct *dup_files(struct files_struct *old)
{
	struct files_struct *files = files_alloc();

	if (!files)
		return NULL;
	spin_lock(&old->lock);
	for (int fd = 0; fd < NR_OPEN; fd++) {
		files->fd[fd] = old->fd[fd];
		if (files->fd[fd])
			get_file(files->fd[fd]);
	}
	files->close_on_exec = old->close_on_exec;
	spin_unlock(&old->lock);
	return files;
}

void put_files(struct files_struct *files)
{
	if (!atomic_dec_and_test(&files->count))
		return;
	for (int fd = 0; fd < NR_OPEN; fd++)
		if (files->fd[fd])
			fput(files->fd[fd]);
	kfree(files);
}

void close_on_exec(struct files_struct *files)
{
	spin_lock(&files->lock);
	for (int fd = 0; fd < NR_OPEN; fd++) {
		if ((files->close_on_exec >> fd) & 1 && files->fd[fd]) {
			fput(files->fd[fd]);
			files->fd[fd] = NULL;
		}
	}
	files->close_on_exec = 0;
	spin_unlock(&files->lock);
}

struct file *fget(int fd)
{
	struct files_struct *files = current->files;
	struct file *f = NULL;

	if (!files || fd < 0 || fd >= NR_OPEN)
		return NULL;
	spin_lock(&files->lock);
	f = files->fd[fd];
	if (f)
		get_file(f);
	spin_unlock(&files->lock);
	return f;
}

bool fd_is_open(int fd)
{
	struct file *f = fget(fd);

	if (f)
		fput(f);
	return f != NULL;
}

static int install_from(struct file *f, int start, bool cloexec)
{
	struct files_struct *files = current->files;
	int fd;

	if (!files)
		return -EBADF;
	spin_lock(&files->lock);
	for (fd = start; fd < NR_OPEN; fd++) {
		if (!files->fd[fd]) {
			files->fd[fd] = f;
			if (cloexec)
				files->close_on_exec |= 1ULL << fd;
			else
				files->close_on_exec &= ~(1ULL << fd);
			spin_unlock(&files->lock);
			return fd;
		}
	}
	spin_unlock(&files->lock);
	return -EMFILE;
}

int fd_install_lowest(struct file *f)
{
	return install_from(f, 0, false);
}

int fd_install_flags(struct file *f, bool cloexec)
{
	return install_from(f, 0, cloexec);
}

int fd_close(int fd)
{
	struct files_struct *files = current->files;
	struct file *f;

	if (!files || fd < 0 || fd >= NR_OPEN)
		return -EBADF;
	spin_lock(&files->lock);
	f = files->fd[fd];
	files->fd[fd] = NULL;
	files->close_on_exec &= ~(1ULL << fd);
	spin_unlock(&files->lock);
	if (!f)
		return -EBADF;
	fput(f);
	return 0;
}

/* ---- system calls ------------------------------------------------------------ */

/* Paths are resolved by kernel/namei.c: relative to dirfd, canonical. */
static long do_openat(int dirfd, const char __user *upath, int flags)
{
	char path[PATH_MAX];
	int err = user_path_at(dirfd, upath, path);
	struct file *f;
	int fd;

	if (err)
		return err;
	f = filp_open(path, flags);
	if (IS_ERR(f))
		return PTR_ERR(f);
	fd = install_from(f, 0, flags & O_CLOEXEC);
	if (fd < 0)
		fput(f);
	return fd;
}

SYSCALL_DEFINE3(open, const char __user *, upath, int, flags, int, mode)
{
	return do_openat(AT_FDCWD, upath, flags);
}

SYSCALL_DEFINE4(openat, int, dirfd, const char __user *, upath, int, flags,
		int, mode)
{
	return do_openat(dirfd, upath, flags);
}

#define R_OK		4
#define W_OK		2
#define X_OK		1
#define AT_EACCESS	0x200	/* check with the effective ids */

/*
 * access() for the only user there is, root: anything that exists may be
 * read; it may be run if it is a directory or has an execute bit; only
 * device nodes can be written: a file without write bits (all of /proc)
 * is -EACCES, and the initramfs is read-only (-EROFS, as Linux says for
 * a read-only mount).
 */
static long do_faccessat(int dirfd, const char __user *upath, int mode,
			 int flags)
{
	struct kstat st;
	int err;

	if (mode & ~(R_OK | W_OK | X_OK))
		return -EINVAL;
	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = vfs_statat(dirfd, upath, flags & ~AT_EACCESS, &st);
	if (err)
		return err;
	if ((mode & X_OK) && !S_ISDIR(st.mode) && !(st.mode & 0111))
		return -EACCES;
	if ((mode & W_OK) && !S_ISCHR(st.mode))
		/* /proc's files are 0444; the archive is read-only. */
		return st.mode & 0222 ? -EROFS : -EACCES;
	return 0;
}

SYSCALL_DEFINE2(access, const char __user *, upath, int, mode)
{
	return do_faccessat(AT_FDCWD, upath, mode, 0);
}

/* The old faccessat has no flags argument (Linux reads none). */
SYSCALL_DEFINE3(faccessat, int, dirfd, const char __user *, upath, int, mode)
{
	return do_faccessat(dirfd, upath, mode, 0);
}

SYSCALL_DEFINE4(faccessat2, int, dirfd, const char __user *, upath, int, mode,
		int, flags)
{
	return do_faccessat(dirfd, upath, mode, flags);
}

SYSCALL_DEFINE1(close, int, fd)
{
	return fd_close(fd);
}

SYSCALL_DEFINE1(dup, int, oldfd)
{
	struct file *f = fget(oldfd);
	int fd;

	if (!f)
		return -EBADF;
	fd = fd_install_lowest(f);
	if (fd < 0)
		fput(f);
	return fd;
}

/* Make newfd (closed first if open) refer to oldfd's file. */
static long do_dup3(int oldfd, int newfd, unsigned int flags)
{
	struct files_struct *files = current->files;
	struct file *f = fget(oldfd), *old;

	if (!f)
		return -EBADF;
	if (newfd < 0 || newfd >= NR_OPEN) {
		fput(f);
		return -EBADF;
	}
	spin_lock(&files->lock);
	old = files->fd[newfd];
	files->fd[newfd] = f;
	if (flags & O_CLOEXEC)
		files->close_on_exec |= 1ULL << newfd;
	else
		files->close_on_exec &= ~(1ULL << newfd);
	spin_unlock(&files->lock);
	if (old)
		fput(old);
	return newfd;
}

SYSCALL_DEFINE2(dup2, int, oldfd, int, newfd)
{
	struct file *f;

	if (newfd != oldfd)
		return do_dup3(oldfd, newfd, 0);
	/* The same fd: nothing changes, not even close-on-exec. */
	f = fget(oldfd);
	if (!f)
		return -EBADF;
	fput(f);
	return newfd;
}

/* dup2 with flags; unlike dup2, the same fd twice is an error. */
SYSCALL_DEFINE3(dup3, int, oldfd, int, newfd, unsigned int, flags)
{
	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (oldfd == newfd)
		return -EINVAL;
	return do_dup3(oldfd, newfd, flags);
}

#define F_DUPFD		0
#define F_GETFD		1
#define F_SETFD		2
#define F_GETFL		3
#define F_SETFL		4
#define F_DUPFD_CLOEXEC	1030
#define FD_CLOEXEC	1

SYSCALL_DEFINE3(fcntl64, int, fd, int, cmd, unsigned long, arg)
{
	struct files_struct *files = current->files;
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		ret = arg < NR_OPEN ? install_from(f, arg, cmd == F_DUPFD_CLOEXEC)
				    : -EINVAL;
		if (ret >= 0)
			return ret;	/* the reference went to the new fd */
		break;
	case F_GETFD:
		ret = (files->close_on_exec >> fd) & 1 ? FD_CLOEXEC : 0;
		break;
	case F_SETFD:
		spin_lock(&files->lock);
		if (arg & FD_CLOEXEC)
			files->close_on_exec |= 1ULL << fd;
		else
			files->close_on_exec &= ~(1ULL << fd);
		spin_unlock(&files->lock);
		ret = 0;
		break;
	case F_GETFL:
		ret = f->f_flags;
		break;
	case F_SETFL:
		f->f_flags = (f->f_flags & ~O_NONBLOCK) | (arg & O_NONBLOCK);
		ret = 0;
		break;
	default:
		ret = -EINVAL;
	}
	fput(f);
	return ret;
}

static ssize_t do_read(int fd, char __user *buf, size_t count)
{
	struct file *f = fget(fd);
	ssize_t ret;

	if (!f)
		return -EBADF;
	if ((f->f_flags & O_ACCMODE) == O_WRONLY || !f->f_op->read)
		ret = f->f_op->getdents64 ? -EISDIR : -EBADF;
	else if (!access_ok(buf, count))
		ret = -EFAULT;
	else
		ret = f->f_op->read(f, buf, min(count, (size_t)MAX_RW_COUNT));
	fput(f);
	return ret;
}

static ssize_t do_write(int fd, const char __user *buf, size_t count)
{
	struct file *f = fget(fd);
	ssize_t ret;

	if (!f)
		return -EBADF;
	if ((f->f_flags & O_ACCMODE) == O_RDONLY || !f->f_op->write)
		ret = -EBADF;
	else if (!user_range_ok(buf, count, false))
		ret = -EFAULT;	/* all or nothing: no half-written output */
	else
		ret = f->f_op->write(f, buf, min(count, (size_t)MAX_RW_COUNT));
	fput(f);
	return ret;
}

SYSCALL_DEFINE3(read, int, fd, char __user *, buf, size_t, count)
{
	return do_read(fd, buf, count);
}

SYSCALL_DEFINE3(write, int, fd, const char __user *, buf, size_t, count)
{
	return do_write(fd, buf, count);
}

/*
 * pread64/pwrite64 need a file that has positions: initramfs files and
 * the position-free devices (/dev/null, /dev/zero). Pipes and the
 * console are streams there: -ESPIPE before any other check but the
 * offset's, as on Linux.
 */
static bool file_is_stream(struct file *f)
{
	return !f->f_op->pread && !f->f_op->pwrite && !f->f_op->getdents64;
}

/* Linux's rw_verify_area(): the end of the range must not pass 2^63. */
static bool bad_offset_range(long long pos, size_t count)
{
	return pos < 0 || (long long)((u64)pos + count) < 0;
}

static ssize_t do_pread(int fd, char __user *buf, size_t count, long long pos)
{
	struct file *f;
	ssize_t ret;

	if (pos < 0)
		return -EINVAL;
	f = fget(fd);
	if (!f)
		return -EBADF;
	if (file_is_stream(f))
		ret = -ESPIPE;
	else if ((f->f_flags & O_ACCMODE) == O_WRONLY)
		ret = -EBADF;
	else if (f->f_op->getdents64)
		ret = -EISDIR;
	else if (!f->f_op->pread)
		ret = -EINVAL;
	else if (!access_ok(buf, count))
		ret = -EFAULT;
	else if (bad_offset_range(pos, count))
		ret = -EINVAL;
	else
		ret = f->f_op->pread(f, buf, min(count, (size_t)MAX_RW_COUNT),
				     pos);
	fput(f);
	return ret;
}

static ssize_t do_pwrite(int fd, const char __user *buf, size_t count,
			 long long pos)
{
	struct file *f;
	ssize_t ret;

	if (pos < 0)
		return -EINVAL;
	f = fget(fd);
	if (!f)
		return -EBADF;
	if (file_is_stream(f))
		ret = -ESPIPE;
	else if ((f->f_flags & O_ACCMODE) == O_RDONLY)
		ret = -EBADF;
	else if (!f->f_op->pwrite)
		ret = -EINVAL;
	else if (!user_range_ok(buf, count, false))
		ret = -EFAULT;	/* all or nothing, as write() */
	else if (bad_offset_range(pos, count))
		ret = -EINVAL;
	else
		ret = f->f_op->pwrite(f, buf, min(count, (size_t)MAX_RW_COUNT),
				      pos);
	fput(f);
	return ret;
}

SYSCALL_DEFINE5(pread64, int, fd, char __user *, buf, size_t, count,
		unsigned long, pos_lo, unsigned long, pos_hi)
{
	return do_pread(fd, buf, count, arg_u64(pos_lo, pos_hi));
}

SYSCALL_DEFINE5(pwrite64, int, fd, const char __user *, buf, size_t, count,
		unsigned long, pos_lo, unsigned long, pos_hi)
{
	return do_pwrite(fd, buf, count, arg_u64(pos_lo, pos_hi));
}

/* One vector's transfer, at *pos (advanced) or at the file position. */
static ssize_t iov_step(int fd, const struct iovec *v, bool write,
			long long *pos)
{
	ssize_t n;

	if (!pos)
		return write ? do_write(fd, v->iov_base, v->iov_len)
			     : do_read(fd, v->iov_base, v->iov_len);
	n = write ? do_pwrite(fd, v->iov_base, v->iov_len, *pos)
		  : do_pread(fd, v->iov_base, v->iov_len, *pos);
	if (n > 0)
		*pos += n;
	return n;
}

/* readv/writev, and with pos preadv/pwritev. */
static ssize_t do_iov(int fd, const struct iovec __user *uiov, int iovcnt,
		      bool write, long long *pos)
{
	struct iovec *iov;
	struct file *f;
	size_t total = 0;
	ssize_t done = 0;

	if (iovcnt < 0 || iovcnt > IOV_MAX)
		return -EINVAL;
	if (!iovcnt)
		return 0;
	iov = kmalloc(iovcnt * sizeof(*iov), GFP_KERNEL);
	if (!iov)
		return -ENOMEM;
	if (copy_from_user(iov, uiov, iovcnt * sizeof(*iov))) {
		done = -EFAULT;
		goto out;
	}
	/* Validate every vector first: a bad one fails the whole call. */
	for (int i = 0; i < iovcnt; i++) {
		if (iov[i].iov_len > MAX_RW_COUNT - total) {
			done = -EINVAL;
			goto out;
		}
		total += iov[i].iov_len;
		if (!user_range_ok(iov[i].iov_base, iov[i].iov_len, !write)) {
			done = -EFAULT;
			goto out;
		}
	}
	f = write && !pos ? fget(fd) : NULL;
	if (f && f->f_op->writev && (f->f_flags & O_ACCMODE) != O_RDONLY) {
		done = f->f_op->writev(f, iov, iovcnt);
		fput(f);
		goto out;
	}
	if (f)
		fput(f);
	for (int i = 0; i < iovcnt; i++) {
		ssize_t n;

		if (!iov[i].iov_len)
			continue;
		n = iov_step(fd, &iov[i], write, pos);
		if (n < 0) {
			done = done ? done : n;
			break;
		}
		done += n;
		if ((size_t)n < iov[i].iov_len)
			break;
	}
out:
	kfree(iov);
	return done;
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
		       bool write, long long pos)
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

static long long do_lseek(int fd, long long off, unsigned int whence)
{
	struct file *f = fget(fd);
	long long pos;

	if (!f)
		return -EBADF;
	if (!f->f_op->size) {
		fput(f);
		return -ESPIPE;
	}
	spin_lock(&f->f_pos_lock);
	switch (whence) {
	case SEEK_SET:
		pos = off;
		break;
	case SEEK_CUR:
		pos = f->f_pos + off;
		break;
	case SEEK_END:
		pos = f->f_op->size(f) + off;
		break;
	default:
		pos = -EINVAL;
	}
	if (pos >= 0)
		f->f_pos = pos;
	else if (whence <= SEEK_END)
		pos = -EINVAL;
	spin_unlock(&f->f_pos_lock);
	fput(f);
	return pos;
}

SYSCALL_DEFINE3(lseek, int, fd, long, off, unsigned int, whence)
{
	long long pos = do_lseek(fd, off, whence);

	/* _llseek can move past 2 GiB; as Linux, the position still moves. */
	return pos > 0x7fffffffLL ? -EOVERFLOW : pos;
}

SYSCALL_DEFINE5(_llseek, int, fd, unsigned long, off_hi, unsigned long, off_lo,
		long long __user *, result, unsigned int, whence)
{
	long long pos = do_lseek(fd, arg_u64(off_lo, off_hi),
				 whence);

	if (pos < 0)
		return pos;
	if (copy_to_user(result, &pos, sizeof(pos)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE3(ioctl, int, fd, unsigned int, cmd, unsigned long, arg)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = f->f_op->ioctl ? f->f_op->ioctl(f, cmd, arg) : -ENOTTY;
	fput(f);
	return ret;
}

/*
 * Initramfs files live in memory, so there is nothing to write back: 0,
 * as Linux's ramfs. Pipes and character devices cannot be synced: -EINVAL.
 */
static long do_fsync(int fd)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = initramfs_file_entry(f) ? 0 : -EINVAL;
	fput(f);
	return ret;
}

SYSCALL_DEFINE1(fsync, int, fd)
{
	return do_fsync(fd);
}

SYSCALL_DEFINE1(fdatasync, int, fd)
{
	return do_fsync(fd);
}

SYSCALL_DEFINE3(getdents64, int, fd, void __user *, buf, size_t, count)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = f->f_op->getdents64 ? f->f_op->getdents64(f, buf, count)
				  : -ENOTDIR;
	fput(f);
	return ret;
}
