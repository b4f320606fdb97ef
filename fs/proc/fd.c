// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/PID/fd: one magic link per open descriptor of the process.
 *
 * readlink shows the name of what the descriptor has open (d_path:
 * "/tmp/x", "/tmp/x (deleted)", "pipe:[7]"); the path walk jumps to the
 * open file's place itself, so open() of the link opens that inode again
 * (a pipe's other end, a deleted file) and the access it asks for is
 * checked against the inode, as on Linux.
 *
 * The descriptor table is read through a reference of its own, taken
 * under tasklist_lock: do_exit() clears ->files under it before dropping
 * the table, so a task that exits meanwhile just has no descriptors.
 */
#include "internal.h"
#include <mount.h>
#include <task.h>
#include <printk.h>
#include <errno.h>

/* The task's descriptor table with a reference, or NULL (exited). */
static struct files_struct *get_task_files(struct task_struct *t)
{
	struct files_struct *files;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	files = t->files;
	if (files)
		atomic_inc(&files->count);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return files;
}

/* Descriptor fd of the task, with a reference; NULL if none. */
static struct file *task_fget(struct task_struct *t, int fd)
{
	struct files_struct *files = get_task_files(t);
	struct file *f;

	if (!files)
		return NULL;
	f = files_fget(files, fd);
	put_files(files);
	return f;
}

/* The lowest open descriptor >= fd (0 <= fd) of the task, or -1. */
static int task_next_fd(struct task_struct *t, int fd)
{
	struct files_struct *files;
	int found = -1;

	if (fd < 0 || fd >= NR_OPEN)
		return -1;
	files = get_task_files(t);
	if (!files)
		return -1;
	spin_lock(&files->lock);
	for (; fd < NR_OPEN && found < 0; fd++)
		if (files->fd[fd])
			found = fd;
	spin_unlock(&files->lock);
	put_files(files);
	return found;
}

/* Where the descriptor's file is, with references; -ENOENT once closed. */
static int fd_link(struct proc_inode *pi, struct path *path)
{
	struct file *f = task_fget(pi->task, pi->fd);

	if (!f)
		return -ENOENT;
	*path = f->f_path;
	path_get(path);
	fput(f);
	return 0;
}

static const struct proc_entry proc_fd_link_entry = {
	.name = "N",
	.mode = S_IFLNK | 0777,
	.iop = &proc_link_inode_operations,
	.link_path = fd_link,
};

/* fd link inode numbers, after the process's directory and entries. */
static u64 fd_ino(pid_t pid, int fd)
{
	return proc_pid_base_ino(pid) + 0x100 + fd;
}

static struct dentry *proc_fd_lookup(struct inode *dir, struct dentry *dentry,
				     unsigned int flags)
{
	struct proc_inode *pdir = PROC_I(dir);
	int fd = proc_parse_number(&dentry->d_name);
	struct inode *inode;
	struct file *f;

	f = task_fget(pdir->task, fd);
	if (!f)
		return ERR_PTR(-ENOENT);
	fput(f);
	inode = proc_make_inode(dir->i_sb, &proc_fd_link_entry, pdir->task,
				pdir->pid, fd_ino(pdir->pid, fd));
	if (inode)
		PROC_I(inode)->fd = fd;
	return proc_add_inode(dentry, inode);
}

/*
 * ".", "..", then descriptor N at position 2 + N. A position past the
 * table (lseek allows any) lists nothing.
 */
static int proc_fd_readdir(struct file *f, struct dir_context *ctx)
{
	struct proc_inode *pdir = PROC_I(file_inode(f));
	int fd;

	if (!dir_emit_dots(f, ctx))
		return 0;
	while (ctx->pos - 2 < NR_OPEN &&
	       (fd = task_next_fd(pdir->task, (int)(ctx->pos - 2))) >= 0) {
		char name[12];
		int len = snprintf(name, sizeof(name), "%d", fd);

		ctx->pos = 2 + fd;
		if (!dir_emit(ctx, name, len, fd_ino(pdir->pid, fd), DT_LNK))
			return 0;
		ctx->pos++;
	}
	return 0;
}

const struct inode_operations proc_fd_inode_operations = {
	.lookup = proc_fd_lookup,
	.setattr = proc_setattr,
};

const struct file_operations proc_fd_operations = {
	.iterate_shared = proc_fd_readdir,
	.llseek = generic_file_llseek,
};
