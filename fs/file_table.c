// SPDX-License-Identifier: GPL-2.0
/*
 * struct file: one open of an inode. It is reference counted (a
 * descriptor holds one, a system call in progress another); the last
 * fput() calls the file's ->release and drops its place in the name
 * space (the dentry and the mount, which is what keeps an unlinked file
 * alive until its last close).
 */
#include <fs.h>
#include <dcache.h>
#include <mount.h>
#include <mm.h>
#include <kernel.h>
#include <errno.h>
#include <filelock.h>

/* What an open may do, from its flags and its operations. */
static unsigned int file_mode(const struct inode *inode, unsigned int flags,
			      const struct file_operations *fop)
{
	unsigned int mode = 0;

	if (flags & O_PATH)
		return FMODE_PATH;
	switch (flags & O_ACCMODE) {
	case O_RDONLY:
		mode = FMODE_READ;
		break;
	case O_WRONLY:
		mode = FMODE_WRITE;
		break;
	case O_RDWR:
		mode = FMODE_READ | FMODE_WRITE;
		break;
	}
	if (fop && fop->llseek)
		mode |= FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE;
	else
		mode |= FMODE_STREAM;
	if (inode && (S_ISREG(inode->i_mode) || S_ISDIR(inode->i_mode)))
		mode |= FMODE_ATOMIC_POS;
	return mode;
}

/* O_PATH files: a place, no I/O (every call but close/fstat/fchdir
 * and the *at() family sees -EBADF). */
static const struct file_operations path_fops;

struct file *alloc_file(const struct path *path, unsigned int flags,
			const struct file_operations *fop)
{
	struct file *f = kzalloc(sizeof(*f), GFP_KERNEL);
	struct inode *inode = d_inode(path->dentry);

	if (!f)
		return ERR_PTR(-ENOMEM);
	if (flags & O_PATH)
		fop = &path_fops;
	atomic_set(&f->f_count, 1);
	mutex_init(&f->f_pos_lock, "file->f_pos_lock");
	spin_lock_init(&f->f_lock, "file->f_lock");
	f->f_op = fop;
	f->f_flags = flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC);
	f->f_mode = file_mode(inode, flags, fop);
	f->f_path = *path;
	path_get(path);
	/* A read-only remount waits for no one: it fails while any file
	 * of the mount is open for writing (mnt_writers). */
	if ((f->f_mode & FMODE_WRITE) && path->mnt)
		atomic_inc(&path->mnt->mnt_writers);
	f->f_inode = inode;
	f->f_mapping = inode ? inode->i_mapping : NULL;
	return f;
}

struct file *alloc_file_pseudo(struct inode *inode, struct vfsmount *mnt,
			       const char *name, unsigned int flags,
			       const struct file_operations *fop)
{
	struct dentry *dentry = d_alloc_pseudo(mnt->mnt_sb, name);
	struct path path;
	struct file *f;

	if (!dentry)
		return ERR_PTR(-ENOMEM);
	d_instantiate(dentry, inode);
	path.mnt = mnt;
	path.dentry = dentry;
	f = alloc_file(&path, flags, fop);
	if (IS_ERR(f))
		dentry->d_inode = NULL;	/* the caller keeps its reference */
	dput(dentry);	/* the file holds it now (or it is freed) */
	return f;
}

void get_file(struct file *f)
{
	atomic_inc(&f->f_count);
}

void fput(struct file *f)
{
	if (!atomic_dec_and_test(&f->f_count))
		return;
	locks_remove_file(f);
	if (f->f_op && f->f_op->release)
		f->f_op->release(f->f_inode, f);
	if ((f->f_mode & FMODE_WRITE) && f->f_path.mnt)
		atomic_sub(1, &f->f_path.mnt->mnt_writers);
	path_put(&f->f_path);
	kfree(f);
}

struct file *dentry_open(const struct path *path, unsigned int flags)
{
	struct inode *inode = d_inode(path->dentry);
	struct file *f = alloc_file(path, flags, inode->i_fop);
	int err;

	if (IS_ERR(f))
		return f;
	if (flags & O_PATH)
		return f;
	if (!f->f_op) {
		fput(f);
		return ERR_PTR(-ENXIO);
	}
	if (f->f_op->open) {
		/* A character device's open installs the driver's fops
		 * and sets f_mode to match (chrdev_replace_fops). */
		err = f->f_op->open(inode, f);
		if (err) {
			/* Never opened: no ->release for it. */
			f->f_op = NULL;
			fput(f);
			return ERR_PTR(err);
		}
	}
	return f;
}
