// SPDX-License-Identifier: GPL-2.0
/*
 * A process's root, working directory and umask (include/fs_struct.h),
 * and the calls that use them: chdir, fchdir, chroot, getcwd, umask.
 *
 *   task A --fs--> +----------------------+ <--fs-- thread of A (CLONE_FS)
 *                  | count 2, lock        |
 *                  | umask 022            |
 *                  | root  (mnt, dentry)  |
 *                  | pwd   (mnt, dentry)  |
 *                  +----------------------+
 *   fork of A  --> a copy of its own (the same places, new references)
 *
 * fs->lock is only ever taken on its own: another task's fs_struct is
 * pinned under tasklist_lock (exit clears ->fs under it), and its lock
 * is taken after tasklist_lock is dropped, so the two never nest.
 */
#include <fs_struct.h>
#include <fs.h>
#include <namei.h>
#include <mount.h>
#include <task.h>
#include <uaccess.h>
#include <syscalls.h>
#include <kernel.h>
#include <mm.h>
#include <string.h>
#include <errno.h>

struct fs_struct *fs_alloc(void)
{
	struct fs_struct *fs = kzalloc(sizeof(*fs), GFP_KERNEL);

	if (!fs)
		return NULL;
	atomic_set(&fs->count, 1);
	spin_lock_init(&fs->lock, "fs->lock");
	fs->umask = 022;
	get_init_root(&fs->root);
	get_init_root(&fs->pwd);
	return fs;
}

struct fs_struct *copy_fs_struct(struct fs_struct *old, bool share)
{
	struct fs_struct *fs;

	if (share) {
		atomic_inc(&old->count);
		return old;
	}
	fs = kzalloc(sizeof(*fs), GFP_KERNEL);
	if (!fs)
		return NULL;
	atomic_set(&fs->count, 1);
	spin_lock_init(&fs->lock, "fs->lock");
	spin_lock(&old->lock);
	fs->umask = old->umask;
	fs->root = old->root;
	fs->pwd = old->pwd;
	path_get(&fs->root);
	path_get(&fs->pwd);
	spin_unlock(&old->lock);
	return fs;
}

void put_fs_struct(struct fs_struct *fs)
{
	if (!atomic_dec_and_test(&fs->count))
		return;
	path_put(&fs->root);
	path_put(&fs->pwd);
	kfree(fs);
}

void get_fs_root(struct fs_struct *fs, struct path *root)
{
	spin_lock(&fs->lock);
	*root = fs->root;
	path_get(root);
	spin_unlock(&fs->lock);
}

void get_fs_pwd(struct fs_struct *fs, struct path *pwd)
{
	spin_lock(&fs->lock);
	*pwd = fs->pwd;
	path_get(pwd);
	spin_unlock(&fs->lock);
}

u32 current_umask(void)
{
	return current->fs ? READ_ONCE(current->fs->umask) : 022;
}

/* t's fs_struct with a reference, or NULL (exit drops ->fs under
 * tasklist_lock, which is why reading it there is safe). */
static struct fs_struct *task_fs_get(struct task_struct *t)
{
	struct fs_struct *fs;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	fs = t->fs;
	if (fs)
		atomic_inc(&fs->count);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return fs;
}

bool task_get_pwd(struct task_struct *t, struct path *pwd)
{
	struct fs_struct *fs = task_fs_get(t);

	if (!fs)
		return false;
	get_fs_pwd(fs, pwd);
	put_fs_struct(fs);
	return true;
}

bool task_get_root(struct task_struct *t, struct path *root)
{
	struct fs_struct *fs = task_fs_get(t);

	if (!fs)
		return false;
	get_fs_root(fs, root);
	put_fs_struct(fs);
	return true;
}

/* Replace *slot (the root or the cwd) with path. */
static void set_fs_path(struct path *slot, const struct path *path)
{
	struct fs_struct *fs = current->fs;
	struct path old;

	path_get(path);
	spin_lock(&fs->lock);
	old = *slot;
	*slot = *path;
	spin_unlock(&fs->lock);
	path_put(&old);
}

static long set_pwd_checked(const struct path *path)
{
	if (!S_ISDIR(d_inode(path->dentry)->i_mode))
		return -ENOTDIR;
	if (!current->fs)
		return -ENOENT;	/* kernel threads stay at the root */
	set_fs_path(&current->fs->pwd, path);
	return 0;
}

SYSCALL_DEFINE1(chdir, const char __user *, upath)
{
	struct path path;
	long err = user_path_at(AT_FDCWD, upath,
				LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &path);

	if (err)
		return err;
	err = set_pwd_checked(&path);
	path_put(&path);
	return err;
}

SYSCALL_DEFINE1(fchdir, int, fd)
{
	struct file *f = fget_raw(fd);
	long err;

	if (!f)
		return -EBADF;
	err = set_pwd_checked(&f->f_path);
	fput(f);
	return err;
}

SYSCALL_DEFINE1(chroot, const char __user *, upath)
{
	struct path path;
	long err = user_path_at(AT_FDCWD, upath,
				LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &path);

	if (err)
		return err;
	if (current->fs)
		set_fs_path(&current->fs->root, &path);
	path_put(&path);
	return 0;
}

/*
 * Linux's getcwd: the length with the NUL, -ERANGE if it will not fit,
 * -ENOENT if the directory has been removed.
 */
SYSCALL_DEFINE2(getcwd, char __user *, buf, unsigned long, size)
{
	struct path pwd;
	char *page, *cwd;
	long len;

	if (current->fs)
		get_fs_pwd(current->fs, &pwd);
	else
		get_init_root(&pwd);
	page = kmalloc(PATH_MAX, GFP_KERNEL);
	len = -ENOMEM;
	if (!page)
		goto out;
	len = -ENOENT;
	if (d_unhashed(pwd.dentry) && !IS_ROOT(pwd.dentry))
		goto out;
	cwd = d_path(&pwd, page, PATH_MAX);
	len = PTR_ERR(cwd);
	if (IS_ERR(cwd))
		goto out;
	len = strlen(cwd) + 1;
	if (size < (unsigned long)len)
		len = -ERANGE;
	else if (copy_to_user(buf, cwd, len))
		len = -EFAULT;
out:
	kfree(page);
	path_put(&pwd);
	return len;
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
