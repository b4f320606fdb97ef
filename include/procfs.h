/* SPDX-License-Identifier: GPL-2.0 */
/*
 * /proc (kernel/procfs.c, kernel/procfs_pid.c): a read-only file system of
 * generated text, as Linux's proc(5) defines it. It is looked up before
 * the initramfs, as if mounted on /proc. Documentation/procfs.md lists
 * the files and where every number comes from.
 *
 * The rest of the name space reaches it through five calls: the path
 * walk (procfs_walk), open (procfs_open), lstat and readlink of its
 * symlinks, and the path of an open directory (for the *at() calls).
 */
#ifndef _PROCFS_H
#define _PROCFS_H

#include <types.h>
#include <compiler.h>

struct file;
struct kstat;
struct task_struct;

/* Is the canonical `path` /proc or inside it? */
bool procfs_path(const char *path);
/*
 * The walk needs `path` (inside /proc) as a directory: 0 (a symlink such
 * as /proc/self is replaced by its target), -ENOTDIR or -ENOENT.
 */
int procfs_walk(char *path);
/* Open a /proc path, following a final symlink: a file or ERR_PTR. */
struct file *procfs_open(const char *path, unsigned int flags);
/* lstat: 0 with *st filled for a symlink, 1 if not a symlink, -errno. */
int procfs_lstat(const char *path, struct kstat *st);
/* readlink: the target's length (not terminated, at most size), -EINVAL
 * for what is no symlink, -ENOENT. */
long procfs_readlink(const char *path, char *buf, size_t size);
/* The canonical path of an open /proc file or directory, or false. */
bool procfs_file_path(struct file *f, char *out, size_t size);

/*
 * The text of a generated file is built into a bounded buffer; len keeps
 * counting past size, so the caller sees that it needs a larger one.
 */
struct pbuf {
	char *buf;
	size_t size;
	size_t len;
};

__printf(2, 3) void pb_printf(struct pbuf *pb, const char *fmt, ...);
void pb_write(struct pbuf *pb, const void *data, size_t n);

/* The per-process files (kernel/procfs_pid.c), the task referenced. */
int proc_pid_stat(struct pbuf *pb, struct task_struct *t);
int proc_pid_status(struct pbuf *pb, struct task_struct *t);
int proc_pid_statm(struct pbuf *pb, struct task_struct *t);
int proc_pid_cmdline(struct pbuf *pb, struct task_struct *t);
int proc_pid_environ(struct pbuf *pb, struct task_struct *t);
int proc_pid_comm(struct pbuf *pb, struct task_struct *t);
int proc_pid_maps(struct pbuf *pb, struct task_struct *t);
/* /proc/cpuinfo's block for one CPU (arch/x86/kernel/cpuinfo.c). */
void arch_cpuinfo_show(struct pbuf *pb, int cpu);

#endif
