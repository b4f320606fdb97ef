// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/PID: one directory per process, found by any of its thread ids,
 * listed by process id.
 *
 *   /proc/PID/stat ...      text files (proc_pid_entries[], the text in
 *                           fs/proc/array.c)
 *   /proc/PID/exe           link: the program, as exec was given it
 *   /proc/PID/cwd, root     magic links: the task's working directory
 *                           and root, jumped to by the path walk
 *   /proc/PID/fd/           fs/proc/fd.c
 *
 * The directory's inode holds a reference to the task it was looked up
 * as (get_task_struct), and so does every inode below it: an open file
 * or a cwd keeps naming that task even after the pid is reused, and the
 * text of a task that was reaped is -ESRCH (fs/proc/array.c). The
 * reference keeps the struct, never the task's place in the world: all
 * that is read under tasklist_lock after checking it is still listed.
 */
#include "internal.h"
#include <fs_struct.h>
#include <mount.h>
#include <task.h>
#include <mm_types.h>
#include <printk.h>
#include <string.h>
#include <errno.h>

/*
 * Inode numbers: unique and stable. A process's from its pid in the
 * high bits: the directory at the base, its entries after it, its fd
 * links from base + 0x100.
 */
u64 proc_pid_base_ino(pid_t pid)
{
	return ((u64)pid << 16) + 0x100;
}

/* Has the task been reaped (off the task list for good)? */
bool proc_task_reaped(struct task_struct *t)
{
	return READ_ONCE(t->exit_state) == EXIT_DEAD;
}

/* ---- links --------------------------------------------------------------- */

/* The program the process runs, as exec was given it (canonical). */
static int exe_link(struct proc_inode *pi, char *buf, int size)
{
	struct task_struct *t = pi->task;
	unsigned long flags;
	int err = -ENOENT;

	spin_lock_irqsave(&tasklist_lock, flags);	/* exit and exec change ->mm */
	if (t->mm && t->mm->exe_path[0]) {
		strlcpy(buf, t->mm->exe_path, size);
		err = 0;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return err;
}

static int cwd_link(struct proc_inode *pi, struct path *path)
{
	return task_get_pwd(pi->task, path) ? 0 : -ENOENT;
}

static int root_link(struct proc_inode *pi, struct path *path)
{
	return task_get_root(pi->task, path) ? 0 : -ENOENT;
}

/* ---- the directory ------------------------------------------------------- */

#define FILE_ENTRY(n, fn)	{ .name = n, .mode = S_IFREG | 0444,	\
				  .fop = &proc_text_file_operations,	\
				  .show = fn }
#define LINK_ENTRY(n, field, fn) { .name = n, .mode = S_IFLNK | 0777,	\
				   .iop = &proc_link_inode_operations,	\
				   .field = fn }

/* In readdir order; entry i has inode number base + 1 + i. */
const struct proc_entry proc_pid_entries[] = {
	FILE_ENTRY("cmdline", proc_pid_cmdline),
	FILE_ENTRY("comm", proc_pid_comm),
	LINK_ENTRY("cwd", link_path, cwd_link),
	FILE_ENTRY("environ", proc_pid_environ),
	LINK_ENTRY("exe", link_text, exe_link),
	{ .name = "fd", .mode = S_IFDIR | 0500,
	  .iop = &proc_fd_inode_operations, .fop = &proc_fd_operations },
	FILE_ENTRY("maps", proc_pid_maps),
	FILE_ENTRY("mounts", proc_mounts_show),
	{ .name = "ns", .mode = S_IFDIR | 0511,
	  .iop = &proc_table_inode_operations, .fop = &proc_table_operations,
	  .table = proc_ns_table, .table_len = PROC_NS_NR,
	  .table_ino = PROC_NS_INO },
	LINK_ENTRY("root", link_path, root_link),
	FILE_ENTRY("stat", proc_pid_stat),
	FILE_ENTRY("statm", proc_pid_statm),
	FILE_ENTRY("status", proc_pid_status),
	{ .name = "task", .mode = S_IFDIR | 0555,
	  .iop = &proc_task_inode_operations, .fop = &proc_task_operations },
};
const size_t proc_pid_nr_entries = ARRAY_SIZE(proc_pid_entries);

/* A reaped task's directory still opens, but names nothing any more. */
static struct dentry *proc_pid_dir_lookup(struct inode *dir,
					  struct dentry *dentry,
					  unsigned int flags)
{
	struct proc_inode *pdir = PROC_I(dir);
	const struct proc_entry *e;

	e = proc_find_entry(proc_pid_entries, proc_pid_nr_entries,
			    &dentry->d_name);
	if (!e || proc_task_reaped(pdir->task))
		return ERR_PTR(-ENOENT);
	return proc_add_inode(dentry,
			      proc_make_inode(dir->i_sb, e, pdir->task,
					      pdir->pid,
					      proc_pid_base_ino(pdir->pid) + 1 +
					      (e - proc_pid_entries)));
}

static int proc_pid_dir_readdir(struct file *f, struct dir_context *ctx)
{
	struct proc_inode *pdir = PROC_I(file_inode(f));

	if (dir_emit_dots(f, ctx))
		proc_emit_entries(ctx, proc_pid_entries, proc_pid_nr_entries,
				  proc_pid_base_ino(pdir->pid) + 1);
	return 0;
}

static const struct inode_operations proc_pid_inode_operations = {
	.lookup = proc_pid_dir_lookup,
	.setattr = proc_setattr,
};

static const struct file_operations proc_pid_operations = {
	.iterate_shared = proc_pid_dir_readdir,
	.llseek = generic_file_llseek,
};

static const struct proc_entry proc_pid_dir_entry = {
	.name = "PID",
	.mode = S_IFDIR | 0555,
	.iop = &proc_pid_inode_operations,
	.fop = &proc_pid_operations,
};

/**
 * proc_pid_lookup - /proc/PID, for the root directory's lookup
 * @dir: /proc's inode
 * @dentry: the name, a thread id (pid 0 is nobody's)
 *
 * Any thread of a process finds it; the inode holds the task.
 */
struct dentry *proc_pid_lookup(struct inode *dir, struct dentry *dentry)
{
	int pid = proc_parse_number(&dentry->d_name);
	struct task_struct *task;
	struct inode *inode;

	if (pid <= 0)
		return ERR_PTR(-ENOENT);
	task = find_get_task_by_pid(pid);
	if (!task)
		return ERR_PTR(-ENOENT);
	inode = proc_make_inode(dir->i_sb, &proc_pid_dir_entry, task, pid,
				proc_pid_base_ino(pid));
	put_task_struct(task);
	if (inode)
		inode->i_nlink = 3;	/* ".", the name in /proc, fd/.. */
	return proc_add_inode(dentry, inode);
}

/* ---- /proc/PID/task ------------------------------------------------------ */

/*
 * /proc/PID/task/TID: one directory per thread of the process, with the
 * same files as /proc/TID (stat, status, comm... of that thread).
 */
static struct dentry *proc_task_lookup(struct inode *dir,
				       struct dentry *dentry,
				       unsigned int flags)
{
	struct proc_inode *pdir = PROC_I(dir);
	int tid = proc_parse_number(&dentry->d_name);
	struct task_struct *task;
	struct inode *inode;

	if (tid <= 0 || proc_task_reaped(pdir->task))
		return ERR_PTR(-ENOENT);
	task = find_get_task_by_pid(tid);
	if (!task)
		return ERR_PTR(-ENOENT);
	if (task->tgid != pdir->task->tgid) {
		put_task_struct(task);
		return ERR_PTR(-ENOENT);
	}
	inode = proc_make_inode(dir->i_sb, &proc_pid_dir_entry, task, tid,
				proc_pid_base_ino(tid) + PROC_TASK_INO);
	put_task_struct(task);
	return proc_add_inode(dentry, inode);
}

/* The smallest thread id >= tid of process tgid, or -1. */
static pid_t next_thread(pid_t tgid, pid_t tid)
{
	struct task_struct *p;
	unsigned long flags;
	pid_t found = -1;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks)
		if (p->tgid == tgid && p->pid >= tid && !p->exit_state &&
		    (found < 0 || p->pid < found))
			found = p->pid;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return found;
}

/* ".", "..", then the threads: tid N at position PID_POS_BASE + N. */
static int proc_task_readdir(struct file *f, struct dir_context *ctx)
{
	struct proc_inode *pdir = PROC_I(file_inode(f));
	pid_t tgid = pdir->task->tgid, tid;

	if (!dir_emit_dots(f, ctx))
		return 0;
	if (ctx->pos < PID_POS_BASE)
		ctx->pos = PID_POS_BASE;
	while (ctx->pos - PID_POS_BASE <= INT_MAX &&
	       (tid = next_thread(tgid, ctx->pos - PID_POS_BASE)) >= 0) {
		char name[12];
		int len = snprintf(name, sizeof(name), "%d", tid);

		ctx->pos = PID_POS_BASE + tid;
		if (!dir_emit(ctx, name, len, proc_pid_base_ino(tid) +
			      PROC_TASK_INO, DT_DIR))
			return 0;
		ctx->pos++;
	}
	return 0;
}

const struct inode_operations proc_task_inode_operations = {
	.lookup = proc_task_lookup,
	.setattr = proc_setattr,
};

const struct file_operations proc_task_operations = {
	.iterate_shared = proc_task_readdir,
	.llseek = generic_file_llseek,
};

/* ---- listing the processes ----------------------------------------------- */

static bool is_process(struct task_struct *p)
{
	return p->pid == p->tgid && p->pid > 0;
}

/* The smallest process id >= pid, or -1. */
static pid_t next_process(pid_t pid)
{
	struct task_struct *p;
	unsigned long flags;
	pid_t found = -1;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks)
		if (is_process(p) && p->pid >= pid &&
		    (found < 0 || p->pid < found))
			found = p->pid;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return found;
}

unsigned int proc_nr_processes(void)
{
	struct task_struct *p;
	unsigned long flags;
	unsigned int n = 0;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks)
		n += is_process(p);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return n;
}

/*
 * The processes in /proc's listing: pid N at position PID_POS_BASE + N,
 * so a listing taken in several calls neither repeats nor skips a
 * process that stays, whatever comes and goes meanwhile.
 */
int proc_pid_readdir(struct file *f, struct dir_context *ctx)
{
	pid_t pid;

	if (ctx->pos < PID_POS_BASE)
		ctx->pos = PID_POS_BASE;
	/* The position is any 64-bit value lseek accepted: bound it. */
	while (ctx->pos - PID_POS_BASE <= INT_MAX &&
	       (pid = next_process(ctx->pos - PID_POS_BASE)) >= 0) {
		char name[12];
		int len = snprintf(name, sizeof(name), "%d", pid);

		ctx->pos = PID_POS_BASE + pid;
		if (!dir_emit(ctx, name, len, proc_pid_base_ino(pid), DT_DIR))
			return 0;
		ctx->pos++;
	}
	return 0;
}

/* ---- a reaped task ------------------------------------------------------- */

void proc_flush_task(struct task_struct *t)
{
	struct dentry *root = proc_get_root(), *d;
	char name[12];
	struct qstr q;

	if (!root)
		return;
	q.len = snprintf(name, sizeof(name), "%d", t->pid);
	q.name = name;
	q.hash = full_name_hash(name, q.len);
	d = d_lookup(root, &q);
	if (d) {
		d_drop(d);
		dput(d);
	}
	dput(root);
}
