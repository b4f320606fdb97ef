// SPDX-License-Identifier: GPL-2.0
/*
 * The working directory and the umask: chdir, fchdir, getcwd, umask.
 *
 * The working directory is kept as the canonical path of a directory
 * (what kernel/namei.c produces), not as a reference to it: resolving a
 * relative path is prefixing it. An initramfs directory never goes away;
 * a /proc/PID one does when the process is reaped, and then names
 * nothing (-ENOENT), or, once the pid is used again, the new process
 * (Linux would keep the old, dead directory). The umask is stored and returned; no
 * call creates files yet, so nothing applies it.
 *
 *   task A --fs--> +-------------------+ <--fs-- thread of A (CLONE_FS)
 *                  | count 2, lock     |
 *                  | umask 022         |
 *                  | cwd "/bin"        |
 *                  +-------------------+
 *   fork of A  --> a copy of its own
 */
#include <fs_struct.h>
#include <fs.h>
#include <namei.h>
#include <initramfs.h>
#include <procfs.h>
#include <task.h>
#include <uaccess.h>
#include <syscalls.h>
#include <kernel.h>
#include <mm.h>
#include <string.h>
#include <errno.h>

struct fs_struct {
	atomic_t count;
	spinlock_t lock;	/* cwd and umask change under it */
	u32 umask;
	char cwd[PATH_MAX];
};

struct fs_struct *fs_alloc(void)
{
	struct fs_struct *fs = kzalloc(sizeof(*fs), GFP_KERNEL);

	if (!fs)
		return NULL;
	atomic_set(&fs->count, 1);
	spin_lock_init(&fs->lock, "fs->lock");
	fs->umask = 022;
	fs->cwd[0] = '/';
	return fs;
}

struct fs_struct *copy_fs_struct(struct fs_struct *old, bool share)
{
	struct fs_struct *fs;

	if (share) {
		atomic_inc(&old->count);
		return old;
	}
	fs = fs_alloc();
	if (!fs)
		return NULL;
	spin_lock(&old->lock);
	fs->umask = old->umask;
	memcpy(fs->cwd, old->cwd, sizeof(fs->cwd));
	spin_unlock(&old->lock);
	return fs;
}

void put_fs_struct(struct fs_struct *fs)
{
	if (atomic_dec_and_test(&fs->count))
		kfree(fs);
}

void get_cwd(char *buf)
{
	struct fs_struct *fs = current->fs;

	if (!fs) {
		strlcpy(buf, "/", PATH_MAX);
		return;
	}
	spin_lock(&fs->lock);
	memcpy(buf, fs->cwd, PATH_MAX);
	spin_unlock(&fs->lock);
}

/*
 * Another task's working directory (/proc/PID/cwd) into buf (PATH_MAX
 * bytes); false if it has none (a kernel thread, or it exited: exit
 * drops ->fs under tasklist_lock, which makes reading it here safe).
 */
bool task_get_cwd(struct task_struct *t, char *buf)
{
	unsigned long flags;
	bool found = false;

	spin_lock_irqsave(&tasklist_lock, flags);
	if (t->fs) {
		spin_lock(&t->fs->lock);
		memcpy(buf, t->fs->cwd, PATH_MAX);
		spin_unlock(&t->fs->lock);
		found = true;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return found;
}

/* The canonical path of the directory f is open on: 0 or -ENOTDIR. */
static int dir_path(struct file *f, char *path)
{
	const struct initramfs_entry *e = initramfs_file_entry(f);

	if (e && S_ISDIR(e->mode)) {
		path[0] = '/';
		strlcpy(path + 1, e->name, PATH_MAX - 1);
		return 0;
	}
	/* A /proc directory (top's chdir("/proc")). */
	if (!e && f->f_op->getdents64 && procfs_file_path(f, path, PATH_MAX))
		return 0;
	return -ENOTDIR;
}

/* Make the directory f is open on the working directory. */
static long set_cwd_to(struct file *f)
{
	struct fs_struct *fs = current->fs;
	char path[PATH_MAX];
	int err = dir_path(f, path);

	if (err)
		return err;
	if (!fs)
		return -ENOENT;	/* kernel threads stay in "/" */
	spin_lock(&fs->lock);
	memcpy(fs->cwd, path, PATH_MAX);
	spin_unlock(&fs->lock);
	return 0;
}

SYSCALL_DEFINE1(chdir, const char __user *, upath)
{
	char path[PATH_MAX];
	struct file *f;
	long err = user_path_at(AT_FDCWD, upath, path);

	if (err)
		return err;
	f = filp_open(path, O_RDONLY | O_DIRECTORY);
	if (IS_ERR(f))
		return PTR_ERR(f);
	err = set_cwd_to(f);
	fput(f);
	return err;
}

SYSCALL_DEFINE1(fchdir, int, fd)
{
	struct file *f = fget(fd);
	long err;

	if (!f)
		return -EBADF;
	err = set_cwd_to(f);
	fput(f);
	return err;
}

/* Linux's getcwd: the length with the NUL, or -ERANGE if it won't fit. */
SYSCALL_DEFINE2(getcwd, char __user *, buf, unsigned long, size)
{
	char cwd[PATH_MAX];
	size_t len;

	get_cwd(cwd);
	len = strlen(cwd) + 1;
	if (size < len)
		return -ERANGE;
	return copy_to_user(buf, cwd, len) ? -EFAULT : (long)len;
}

SYSCALL_DEFINE1(umask, unsigned int, mask)
{
	struct fs_struct *fs = current->fs;
	u32 old = 022;

	if (!fs)
		return old;
	spin_lock(&fs->lock);
	old = fs->umask;
	fs->umask = mask & 0777;
	spin_unlock(&fs->lock);
	return old;
}
