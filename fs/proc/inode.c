// SPDX-License-Identifier: GPL-2.0
/*
 * /proc's inodes. Each one is made by a lookup (new_inode()) from a
 * struct proc_entry, the table row that says what it is; below /proc/PID
 * it also holds a reference to the task (get_task_struct), dropped when
 * the inode is evicted. The super block is SB_NOCACHE and every dentry
 * is deleted at its last dput, so an inode lives exactly as long as
 * somebody uses its name: a cwd or an open file in /proc/42 keeps naming
 * the task it was looked up as, and a new lookup sees the world as it is
 * now.
 *
 * Also here: the links (text targets and "magic" ones that jump to a
 * place), the shared lookup and readdir helpers, and the refusal of
 * every attribute change.
 */
#include "internal.h"
#include <mount.h>
#include <task.h>
#include <time.h>
#include <mm.h>
#include <string.h>
#include <errno.h>

/* ---- inodes -------------------------------------------------------------- */

static struct inode *proc_alloc_inode(struct super_block *sb)
{
	struct proc_inode *pi = kzalloc(sizeof(*pi), GFP_KERNEL);

	return pi ? &pi->vfs_inode : NULL;
}

static void proc_free_inode(struct inode *inode)
{
	kfree(PROC_I(inode));
}

/* The last iput: the task is no longer named by it. */
static void proc_evict_inode(struct inode *inode)
{
	struct proc_inode *pi = PROC_I(inode);

	if (pi->task)
		put_task_struct(pi->task);
	pi->task = NULL;
}

const struct super_operations proc_sops = {
	.alloc_inode = proc_alloc_inode,
	.free_inode = proc_free_inode,
	.evict_inode = proc_evict_inode,
	.statfs = simple_statfs,
};

u64 proc_boot_time_sec(void)
{
	u64 now;

	if (clock_now(CLOCK_REALTIME, &now))
		return 0;
	return (now - ktime_get_ns()) / NSEC_PER_SEC;
}

/**
 * proc_make_inode - a new inode for a /proc object
 * @sb: /proc's super block
 * @entry: what it is (mode and operations come from here)
 * @task: the process it belongs to (a reference is taken), or NULL
 * @pid: the number it was looked up by (0 for system objects)
 * @ino: its inode number: stable, so that two lookups agree
 *
 * Times are the boot time, or the process's start. Returns the inode
 * with one reference, or NULL without memory.
 */
struct inode *proc_make_inode(struct super_block *sb,
			      const struct proc_entry *entry,
			      struct task_struct *task, pid_t pid, u64 ino)
{
	struct inode *inode = new_inode(sb);
	struct proc_inode *pi;
	struct timespec64 t;

	if (!inode)
		return NULL;
	pi = PROC_I(inode);
	pi->entry = entry;
	pi->pid = pid;
	pi->fd = -1;
	if (task) {
		get_task_struct(task);
		pi->task = task;
	}
	inode->i_ino = ino;
	inode->i_mode = entry->mode;
	inode->i_uid = inode->i_gid = 0;
	inode->i_nlink = S_ISDIR(entry->mode) ? 2 : 1;
	inode->i_size = 0;
	inode->i_op = entry->iop;
	inode->i_fop = entry->fop;
	inode->i_private = (void *)entry;
	t.tv_sec = proc_boot_time_sec() +
		   (task ? task->start_time / NSEC_PER_SEC : 0);
	t.tv_nsec = 0;
	inode->i_atime = inode->i_mtime = inode->i_ctime = t;
	return inode;
}

/* ->lookup's end: attach the inode made for dentry (NULL: no memory). */
struct dentry *proc_add_inode(struct dentry *dentry, struct inode *inode)
{
	if (!inode)
		return ERR_PTR(-ENOMEM);
	dentry->d_op = &proc_dentry_operations;
	d_add(dentry, inode);
	return NULL;
}

/* Never keep an unused /proc name: the next lookup asks again. */
static bool proc_d_delete(const struct dentry *dentry)
{
	return true;
}

const struct dentry_operations proc_dentry_operations = {
	.d_delete = proc_d_delete,
};

/* ---- shared lookup and readdir helpers ----------------------------------- */

const struct proc_entry *proc_find_entry(const struct proc_entry *tab,
					 size_t n, const struct qstr *name)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(tab[i].name) == name->len &&
		    !memcmp(tab[i].name, name->name, name->len))
			return &tab[i];
	return NULL;
}

/* A decimal name without sign or leading zero: the value, else -1. */
int proc_parse_number(const struct qstr *name)
{
	const char *s = name->name;
	int v = 0;

	if (!name->len || name->len > 9 || (s[0] == '0' && name->len > 1))
		return -1;
	for (u32 i = 0; i < name->len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/*
 * Readdir of a table at positions 2.. (after "." and ".."); entry i has
 * inode number ino_base + i. False if the reader's buffer filled up.
 */
bool proc_emit_entries(struct dir_context *ctx, const struct proc_entry *tab,
		       size_t n, u64 ino_base)
{
	while (ctx->pos >= 2 && ctx->pos < 2 + (loff_t)n) {
		const struct proc_entry *e = &tab[ctx->pos - 2];

		if (!dir_emit(ctx, e->name, strlen(e->name),
			      ino_base + (ctx->pos - 2), mode_to_dtype(e->mode)))
			return false;
		ctx->pos++;
	}
	return true;
}

/* chmod, chown, utimes, truncate: nothing in /proc changes. */
int proc_setattr(struct dentry *dentry, struct iattr *attr)
{
	return -EPERM;
}

/* ---- links --------------------------------------------------------------- */

/*
 * For the path walk: a text target (relative ones, "42" and
 * "self/mounts", are walked from the link's directory), or for a magic
 * link the place itself, which the walk jumps to without a name: so
 * /proc/PID/fd/N reaches a deleted file or a pipe too.
 */
static int proc_get_link(struct dentry *dentry, struct link_target *lt)
{
	struct proc_inode *pi = proc_dentry_inode(dentry);

	if (pi->entry->link_text)
		return pi->entry->link_text(pi, lt->buf, PATH_MAX);
	return pi->entry->link_path(pi, &lt->jump);
}

/* The name of a magic link's place, as readlink shows it. */
static int magic_link_name(struct proc_inode *pi, char *buf, char **name)
{
	struct path path;
	int err = pi->entry->link_path(pi, &path);

	if (err)
		return err;
	*name = d_path(&path, buf, PATH_MAX);
	path_put(&path);
	return IS_ERR(*name) ? PTR_ERR(*name) : 0;
}

/* readlink(2): the target, cut at size, not terminated; its length. */
static int proc_readlink(struct dentry *dentry, char *buf, int size)
{
	struct proc_inode *pi = proc_dentry_inode(dentry);
	char *tmp = kmalloc(PATH_MAX, GFP_KERNEL), *name = tmp;
	int err, len;

	if (!tmp)
		return -ENOMEM;
	if (pi->entry->link_text)
		err = pi->entry->link_text(pi, tmp, PATH_MAX);
	else
		err = magic_link_name(pi, tmp, &name);
	if (!err) {
		len = min((int)strlen(name), size);
		memcpy(buf, name, len);
		err = len;
	}
	kfree(tmp);
	return err;
}

const struct inode_operations proc_link_inode_operations = {
	.get_link = proc_get_link,
	.readlink = proc_readlink,
	.setattr = proc_setattr,
};
