/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A process's place in the name space (fs/fs_struct.c): its root, its
 * working directory and its umask. Threads created with CLONE_FS share
 * one; fork copies it. Both places hold references, so a working
 * directory that is removed stays usable (getcwd says "(deleted)").
 */
#ifndef _FS_STRUCT_H
#define _FS_STRUCT_H

#include <types.h>
#include <fs.h>

struct fs_struct {
	atomic_t count;
	spinlock_t lock;	/* root, pwd and umask change under it */
	u32 umask;
	struct path root, pwd;
};

struct task_struct;

/* A new context at the name space's root, umask 022; NULL: no memory. */
struct fs_struct *fs_alloc(void);
/* For clone: the same context (CLONE_FS) or a copy; NULL: no memory. */
struct fs_struct *copy_fs_struct(struct fs_struct *fs, bool share);
void put_fs_struct(struct fs_struct *fs);
/* The caller's root and working directory, with references. */
void get_fs_root(struct fs_struct *fs, struct path *root);
void get_fs_pwd(struct fs_struct *fs, struct path *pwd);
/* Another task's (/proc/PID/cwd): false if it has none (exited). */
bool task_get_pwd(struct task_struct *t, struct path *pwd);
bool task_get_root(struct task_struct *t, struct path *root);
/* The caller's umask (creat, mkdir apply it). */
u32 current_umask(void);

#endif
