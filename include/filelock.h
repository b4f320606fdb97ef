/* SPDX-License-Identifier: GPL-2.0 */
/*
 * POSIX record locks and open-file-description (OFD) locks (fs/locks.c),
 * the locks of fcntl(F_SETLK, F_SETLKW, F_GETLK) and their F_OFD_ forms.
 * Documentation/filesystems/locking.md ("Record locks") has the rules.
 */
#ifndef _FILELOCK_H
#define _FILELOCK_H

#include <types.h>

struct file;
struct inode;
struct files_struct;

#define F_RDLCK		0
#define F_WRLCK		1
#define F_UNLCK		2

/* A struct flock or flock64 as the kernel reads it, whichever came in. */
struct kflock {
	s16 l_type;
	s16 l_whence;
	s64 l_start;
	s64 l_len;
	s32 l_pid;
};

/**
 * fcntl_getlk - F_GETLK and F_OFD_GETLK
 * @f: the open file
 * @ofd: the caller asks as the open file (F_OFD_GETLK), not the process
 * @fl: in: the lock it would take; out: the first lock in its way, or
 *      l_type F_UNLCK (the other fields untouched) if none is
 *
 * Returns 0 or -EINVAL / -EBADF; -EOVERFLOW is the caller's (a 32-bit
 * struct that cannot hold the answer).
 */
int fcntl_getlk(struct file *f, bool ofd, struct kflock *fl);

/**
 * fcntl_setlk - F_SETLK, F_SETLKW and their OFD forms
 * @f: the open file
 * @ofd: the lock belongs to the open file, not to the process
 * @wait: sleep until the lock can be had (interruptibly)
 * @fl: the request (F_UNLCK removes)
 *
 * Returns 0, -EAGAIN (in the way and @wait false), -EDEADLK (waiting
 * would close a cycle of POSIX owners), -ERESTARTSYS, -EBADF (the file
 * is not open for that kind of lock), -EINVAL, -ENOMEM.
 */
int fcntl_setlk(struct file *f, bool ofd, bool wait, const struct kflock *fl);

/**
 * locks_remove_posix - a process closed a descriptor of this file
 * @f: the file being closed
 * @owner: the descriptor table it was in
 *
 * POSIX semantics: every lock the owner holds on the inode goes, whichever
 * descriptor took it. Called by every close (fs/file.c), before the put.
 */
void locks_remove_posix(struct file *f, struct files_struct *owner);

/* The last reference of f is going: its OFD locks go (fput). */
void locks_remove_file(struct file *f);

/* An inode is being freed: no lock may be left on it (evict). */
void locks_free_inode(struct inode *inode);

#endif
