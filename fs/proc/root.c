// SPDX-License-Identifier: GPL-2.0
/*
 * /proc: the file-system type "proc", its one super block and its root
 * directory.
 *
 *   /proc                     directory: the entries below, then one
 *                             directory per process (thread-group leader)
 *   /proc/meminfo ...         system files (proc_root_entries[])
 *   /proc/self                symlink to the caller's process id
 *   /proc/mounts              symlink to self/mounts
 *   /proc/PID/...             fs/proc/base.c; any thread id works, only
 *                             processes are listed
 *
 * Every mount shares one super block (mount_single). It is SB_NOCACHE:
 * its names are looked up afresh each time they are not in use, so the
 * list of processes is always today's (fs/proc/inode.c).
 */
#include "internal.h"
#include <mount.h>
#include <task.h>
#include <panic.h>
#include <printk.h>
#include <string.h>
#include <errno.h>

/* The mounted instance, for proc_flush_task(); NULL until mounted. */
static DEFINE_SPINLOCK(proc_sb_lock);
static struct super_block *proc_sb;

static int self_link(struct proc_inode *pi, char *buf, int size)
{
	snprintf(buf, size, "%d", current->tgid);
	return 0;
}

static int mounts_link(struct proc_inode *pi, char *buf, int size)
{
	strlcpy(buf, "self/mounts", size);
	return 0;
}

#define FILE_ENTRY(n, fn)	{ .name = n, .mode = S_IFREG | 0444,	\
				  .fop = &proc_text_file_operations,	\
				  .show = fn }
#define LINK_ENTRY(n, fn)	{ .name = n, .mode = S_IFLNK | 0777,	\
				  .iop = &proc_link_inode_operations,	\
				  .link_text = fn }

/* In readdir order; entry i has inode number 2 + i. */
const struct proc_entry proc_root_entries[] = {
	FILE_ENTRY("cmdline", proc_cmdline_show),
	FILE_ENTRY("cpuinfo", proc_cpuinfo_show),
	FILE_ENTRY("filesystems", proc_filesystems_show),
	FILE_ENTRY("loadavg", proc_loadavg_show),
	FILE_ENTRY("meminfo", proc_meminfo_show),
	LINK_ENTRY("mounts", mounts_link),
	LINK_ENTRY("self", self_link),
	FILE_ENTRY("stat", proc_stat_show),
	PROC_TABLE_DIR("sys", proc_sys_table, PROC_SYS_NR, PROC_SYS_INO + 1),
	FILE_ENTRY("uptime", proc_uptime_show),
	FILE_ENTRY("version", proc_version_show),
};
const size_t proc_root_nr_entries = ARRAY_SIZE(proc_root_entries);

#define ROOT_ENTRY_INO	2

static struct dentry *proc_root_lookup(struct inode *dir,
				       struct dentry *dentry,
				       unsigned int flags)
{
	const struct proc_entry *e;

	e = proc_find_entry(proc_root_entries, proc_root_nr_entries,
			    &dentry->d_name);
	if (!e)
		return proc_pid_lookup(dir, dentry);
	return proc_add_inode(dentry,
			      proc_make_inode(dir->i_sb, e, NULL, 0,
					      ROOT_ENTRY_INO +
					      (e - proc_root_entries)));
}

/* A directory per process counts as a link of /proc (its ".."). */
static int proc_root_getattr(const struct path *path, struct kstat *st)
{
	generic_fillattr(d_inode(path->dentry), st);
	st->nlink = 2 + proc_nr_processes();
	return 0;
}

/*
 * ".", "..", the system entries, then the processes by pid (their
 * positions in fs/proc/base.c).
 */
static int proc_root_readdir(struct file *f, struct dir_context *ctx)
{
	if (!dir_emit_dots(f, ctx) ||
	    !proc_emit_entries(ctx, proc_root_entries, proc_root_nr_entries,
			       ROOT_ENTRY_INO))
		return 0;
	return proc_pid_readdir(f, ctx);
}

static const struct inode_operations proc_root_inode_operations = {
	.lookup = proc_root_lookup,
	.getattr = proc_root_getattr,
	.setattr = proc_setattr,
};

static const struct file_operations proc_root_operations = {
	.iterate_shared = proc_root_readdir,
	.llseek = generic_file_llseek,
};

const struct proc_entry proc_root_entry = {
	.name = "/proc",
	.mode = S_IFDIR | 0555,
	.iop = &proc_root_inode_operations,
	.fop = &proc_root_operations,
};

/* ---- the file-system type ------------------------------------------------ */

static int proc_fill_super(struct super_block *sb, void *data)
{
	struct inode *root;

	sb->s_magic = PROC_SUPER_MAGIC;
	sb->s_flags |= SB_NOCACHE;
	sb->s_blocksize = STAT_BLKSIZE;
	sb->s_op = &proc_sops;
	root = proc_make_inode(sb, &proc_root_entry, NULL, 0, PROC_ROOT_INO);
	if (!root)
		return -ENOMEM;
	sb->s_root = d_make_root(root);
	if (!sb->s_root)
		return -ENOMEM;
	spin_lock(&proc_sb_lock);
	proc_sb = sb;
	spin_unlock(&proc_sb_lock);
	return 0;
}

static struct dentry *proc_mount(struct file_system_type *type, int flags,
				 const char *dev_name, void *data)
{
	return mount_single(type, flags, data, proc_fill_super);
}

static void proc_kill_sb(struct super_block *sb)
{
	spin_lock(&proc_sb_lock);
	if (proc_sb == sb)
		proc_sb = NULL;
	spin_unlock(&proc_sb_lock);
	kill_anon_super(sb);
}

static struct file_system_type proc_fs_type = {
	.name = "proc",
	.fs_flags = FS_USERMOUNT,
	.mount = proc_mount,
	.kill_sb = proc_kill_sb,
};

/* The root of the mounted /proc with a reference, or NULL. */
struct dentry *proc_get_root(void)
{
	struct dentry *root = NULL;

	spin_lock(&proc_sb_lock);
	if (proc_sb)
		root = dget(proc_sb->s_root);
	spin_unlock(&proc_sb_lock);
	return root;
}

void proc_root_init(void)
{
	if (register_filesystem(&proc_fs_type))
		panic("proc: cannot register the file-system type");
}
