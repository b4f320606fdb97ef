/* SPDX-License-Identifier: GPL-2.0 */
/*
 * /proc (fs/proc/): a read-only file system of generated text, as
 * Linux's proc(5) defines it, registered as the file-system type "proc"
 * and mounted on /proc at boot. Documentation/procfs.md lists the files
 * and where every number comes from.
 *
 * The rest of the kernel reaches it through the VFS like any other file
 * system; only these calls are its own.
 */
#ifndef _PROCFS_H
#define _PROCFS_H

#include <types.h>
#include <compiler.h>

struct task_struct;

/**
 * proc_root_init - register the "proc" file-system type
 *
 * Called once at boot, before /proc is mounted. Panics if the type
 * cannot be registered.
 */
void proc_root_init(void);

/**
 * proc_flush_task - forget the /proc names of a task that was reaped
 * @t: the task, just taken off the task list (process context)
 *
 * Takes /proc/PID (PID = t->pid) out of the name cache, so a process
 * that later gets the same pid is found afresh, while whoever still
 * holds the old directory (a cwd, an open dirfd) keeps naming the dead
 * task. Nothing to do before /proc is mounted.
 */
void proc_flush_task(struct task_struct *t);

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

/* The per-process files (fs/proc/array.c), the task referenced. */
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
