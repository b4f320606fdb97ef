/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the files of fs/proc/ share. Documentation/procfs.md describes
 * the design: every inode is made by a lookup and describes one
 * struct proc_entry (and, below /proc/PID, one task); nothing is cached.
 */
#ifndef _FS_PROC_INTERNAL_H
#define _FS_PROC_INTERNAL_H

#include <procfs.h>
#include <fs.h>
#include <dcache.h>
#include <namei.h>
#include <kernel.h>

struct task_struct;
struct proc_inode;

#define PROC_SUPER_MAGIC	0x9fa0
#define PROC_ROOT_INO		1
#define PID_POS_BASE		256	/* readdir position of pid N in /proc */

/*
 * One kind of /proc object: a system file, a per-process file, a link,
 * or one of the directories. Its inodes get mode, operations and (for a
 * text file) show from here.
 */
struct proc_entry {
	const char *name;
	u32 mode;
	const struct inode_operations *iop;
	const struct file_operations *fop;
	/* A text file: generate it (t: the task, NULL for system files). */
	int (*show)(struct pbuf *pb, struct task_struct *t);
	/* A link with a text target (self, mounts, exe): PATH_MAX bytes. */
	int (*link_text)(struct proc_inode *pi, char *buf, int size);
	/* A "magic" link (cwd, root, fd/N): the place, with references. */
	int (*link_path)(struct proc_inode *pi, struct path *path);
	/* A writable text file (/proc/sys): take what was written. */
	int (*store)(const char *buf, size_t len);
	/* A directory that is a table (/proc/sys/..., ns): its entries. */
	const struct proc_entry *table;
	unsigned int table_len;
	u32 table_ino;		/* table[0]'s number (below /proc/PID: offset) */
};

/* The inode of one /proc object, made by a lookup, freed by its iput. */
struct proc_inode {
	const struct proc_entry *entry;
	struct task_struct *task;	/* /proc/PID and below: a reference */
	pid_t pid;			/* the number it was looked up by */
	int fd;				/* /proc/PID/fd/N */
	struct inode vfs_inode;
};

static inline struct proc_inode *PROC_I(struct inode *inode)
{
	return container_of(inode, struct proc_inode, vfs_inode);
}

static inline struct proc_inode *proc_dentry_inode(struct dentry *dentry)
{
	return PROC_I(d_inode(dentry));
}

/* inode.c: making inodes, the operations every kind shares. */
struct inode *proc_make_inode(struct super_block *sb,
			      const struct proc_entry *entry,
			      struct task_struct *task, pid_t pid, u64 ino);
struct dentry *proc_add_inode(struct dentry *dentry, struct inode *inode);
const struct proc_entry *proc_find_entry(const struct proc_entry *tab,
					 size_t n, const struct qstr *name);
int proc_parse_number(const struct qstr *name);
bool proc_emit_entries(struct dir_context *ctx, const struct proc_entry *tab,
		       size_t n, u64 ino_base);
int proc_setattr(struct dentry *dentry, struct iattr *attr);
u64 proc_boot_time_sec(void);
extern const struct inode_operations proc_link_inode_operations;
extern const struct super_operations proc_sops;
extern const struct dentry_operations proc_dentry_operations;

/* generic.c: text files (a snapshot per open), pbuf. */
extern const struct file_operations proc_text_file_operations;

/* root.c: /proc itself and the system files. */
extern const struct proc_entry proc_root_entry;
extern const struct proc_entry proc_root_entries[];
extern const size_t proc_root_nr_entries;
struct dentry *proc_get_root(void);

/* base.c: /proc/PID. */
struct dentry *proc_pid_lookup(struct inode *dir, struct dentry *dentry);
int proc_pid_readdir(struct file *f, struct dir_context *ctx);
unsigned int proc_nr_processes(void);
bool proc_task_reaped(struct task_struct *t);
u64 proc_pid_base_ino(pid_t pid);
extern const struct proc_entry proc_pid_entries[];
extern const size_t proc_pid_nr_entries;

/* fd.c: /proc/PID/fd. */
extern const struct inode_operations proc_fd_inode_operations;
extern const struct file_operations proc_fd_operations;

/* proc_sysctl.c: table directories, /proc/sys, /proc/PID/ns. */
extern const struct inode_operations proc_table_inode_operations;
extern const struct file_operations proc_table_operations;
extern const struct proc_entry proc_sys_table[];
extern const struct proc_entry proc_ns_table[];
#define PROC_SYS_NR	3	/* fs, kernel, vm */
#define PROC_SYS_INO	0x1000
#define PROC_NS_NR	10
#define PROC_NS_INO	0x200	/* below /proc/PID's base */
#define PROC_TASK_INO	0x4000	/* /proc/PID/task/TID: from TID's base */
#define PROC_TABLE_DIR(n, tab, len, ino)				\
	{ .name = n, .mode = S_IFDIR | 0555,				\
	  .iop = &proc_table_inode_operations,				\
	  .fop = &proc_table_operations,				\
	  .table = tab, .table_len = len, .table_ino = ino }

/* base.c: /proc/PID/task. */
extern const struct inode_operations proc_task_inode_operations;
extern const struct file_operations proc_task_operations;

/* mounts.c: /proc/mounts and /proc/filesystems. */
int proc_mounts_show(struct pbuf *pb, struct task_struct *t);
int proc_filesystems_show(struct pbuf *pb, struct task_struct *t);

/* system.c: the other system files. */
int proc_meminfo_show(struct pbuf *pb, struct task_struct *t);
int proc_uptime_show(struct pbuf *pb, struct task_struct *t);
int proc_loadavg_show(struct pbuf *pb, struct task_struct *t);
int proc_cpuinfo_show(struct pbuf *pb, struct task_struct *t);
int proc_stat_show(struct pbuf *pb, struct task_struct *t);
int proc_version_show(struct pbuf *pb, struct task_struct *t);
int proc_cmdline_show(struct pbuf *pb, struct task_struct *t);

#endif
