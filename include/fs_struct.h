/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A process's file-system context (kernel/fs_struct.c): its working
 * directory and its umask. Threads created with CLONE_FS share one; fork
 * copies it. Tasks without one (kernel threads) work in "/".
 */
#ifndef _FS_STRUCT_H
#define _FS_STRUCT_H

#include <types.h>

struct fs_struct;

/* A new context: cwd "/", umask 022. NULL if out of memory. */
struct fs_struct *fs_alloc(void);
/* For clone: the same context (CLONE_FS) or a copy; NULL: no memory. */
struct fs_struct *copy_fs_struct(struct fs_struct *fs, bool share);
void put_fs_struct(struct fs_struct *fs);

/* The caller's working directory, canonical and absolute, into buf
 * (PATH_MAX bytes). */
void get_cwd(char *buf);
struct task_struct;
/* Task t's working directory into buf (PATH_MAX); false if it has none. */
bool task_get_cwd(struct task_struct *t, char *buf);

#endif
