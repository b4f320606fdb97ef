// SPDX-License-Identifier: GPL-2.0
/*
 * Descriptor tables: each task's files_struct maps small integers to
 * struct file pointers (one reference per descriptor), shared on
 * CLONE_FILES and copied by fork; and the calls that only move
 * descriptors around: close, dup, dup2, dup3.
 */
#include <fs.h>
#include <task.h>
#include <syscalls.h>
#include <mm.h>
#include <kernel.h>
#include <errno.h>
#include <filelock.h>

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

/*
 * A descriptor of files was closed: the process's record locks on the
 * file go too (POSIX), then its reference.
 */
static void filp_close(struct file *f, struct files_struct *files)
{
	locks_remove_posix(f, files);
	fput(f);
}

void put_files(struct files_struct *files)
{
	if (!atomic_dec_and_test(&files->count))
		return;
	for (int fd = 0; fd < NR_OPEN; fd++)
		if (files->fd[fd])
			filp_close(files->fd[fd], files);
	kfree(files);
}

/* The last fput may sleep (a release, a page-cache eviction): collect
 * the files under the lock, put them after it. */
void close_on_exec(struct files_struct *files)
{
	struct file *closing[NR_OPEN];
	int n = 0;

	spin_lock(&files->lock);
	for (int fd = 0; fd < NR_OPEN; fd++) {
		if ((files->close_on_exec >> fd) & 1 && files->fd[fd]) {
			closing[n++] = files->fd[fd];
			files->fd[fd] = NULL;
		}
	}
	files->close_on_exec = 0;
	spin_unlock(&files->lock);
	while (n)
		filp_close(closing[--n], files);
}

struct file *files_fget(struct files_struct *files, int fd)
{
	struct file *f;

	if (!files || fd < 0 || fd >= NR_OPEN)
		return NULL;
	spin_lock(&files->lock);
	f = files->fd[fd];
	if (f)
		get_file(f);
	spin_unlock(&files->lock);
	return f;
}

struct file *fget_raw(int fd)
{
	return files_fget(current->files, fd);
}

/* O_PATH descriptors do no I/O: for most calls they are not open. */
struct file *fget(int fd)
{
	struct file *f = fget_raw(fd);

	if (f && (f->f_mode & FMODE_PATH)) {
		fput(f);
		return NULL;
	}
	return f;
}

bool fd_is_open(int fd)
{
	struct file *f = fget_raw(fd);

	if (f)
		fput(f);
	return f != NULL;
}

int fd_install_from(struct file *f, int start, bool cloexec)
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
	return fd_install_from(f, 0, false);
}

int fd_install_flags(struct file *f, bool cloexec)
{
	return fd_install_from(f, 0, cloexec);
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
	filp_close(f, files);
	return 0;
}

SYSCALL_DEFINE1(close, int, fd)
{
	return fd_close(fd);
}

SYSCALL_DEFINE1(dup, int, oldfd)
{
	struct file *f = fget_raw(oldfd);
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
	struct file *f = fget_raw(oldfd), *old;

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
		filp_close(old, files);
	return newfd;
}

SYSCALL_DEFINE2(dup2, int, oldfd, int, newfd)
{
	struct file *f;

	if (newfd != oldfd)
		return do_dup3(oldfd, newfd, 0);
	/* The same fd: nothing changes, not even close-on-exec. */
	f = fget_raw(oldfd);
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

