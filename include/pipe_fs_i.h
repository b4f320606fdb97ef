/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The buffer behind a pipe or a FIFO (fs/pipe.c), hung off its inode's
 * i_pipe. An anonymous pipe's inode lives in pipefs, a file system with
 * no name in the tree; a FIFO's inode is a node made by mknod/mkfifo in
 * tmpfs. Both are opened through pipefifo_fops (include/fs.h).
 * Documentation/filesystems/pipes.md describes the ring and its locks.
 */
#ifndef _PIPE_FS_I_H
#define _PIPE_FS_I_H

#include <types.h>
#include <spinlock.h>
#include <wait.h>
#include <mm.h>

#define PIPEFS_MAGIC	0x50495045	/* statfs f_type: "PIPE" */

#define PIPE_ORDER	1	/* a new pipe's ring: two pages */
#define PIPE_SIZE	(PAGE_SIZE << PIPE_ORDER)
#define PIPE_BUF	PAGE_SIZE	/* writes this small are atomic */

#define F_SETPIPE_SZ	1031
#define F_GETPIPE_SZ	1032

/*
 * One side's turn: a sleeping lock whose wait a signal interrupts
 * (struct mutex has only the killable form). Guarded by pipe->lock.
 */
struct pipe_turn {
	bool busy;
	struct wait_queue_head wait;
};

struct pipe_inode_info {
	spinlock_t lock;		/* the fields below, but not buf */
	char *buf;			/* size bytes, lowmem */
	unsigned int size;		/* the ring: a power of two, >= a page */
	unsigned int order;		/* of its allocation */
	bool packets;			/* O_DIRECT: writes are packets */
	unsigned int head, tail;	/* free-running byte counters */
	int readers, writers;		/* open files of each kind */
	/* Opens so far of each kind: a FIFO open waits for them to move. */
	unsigned int r_counter, w_counter;
	struct wait_queue_head rd_wait;	/* data, a writer, the last writer */
	struct wait_queue_head wr_wait;	/* room, a reader, the last reader */
	struct pipe_turn rd_turn;	/* one reader consumes at a time */
	struct pipe_turn wr_turn;	/* one writer produces at a time */
};

/* Boot (vfs_caches_init, after mnt_init): the pipefs mount. */
void pipe_init(void);

/*
 * The largest ring F_SETPIPE_SZ grants without CAP_SYS_RESOURCE, bytes
 * (/proc/sys/fs/pipe-max-size); 1 MiB as Linux.
 */
extern unsigned int pipe_max_size;
/* Round a requested ring size as Linux: 0 if too large (over 2 GiB). */
unsigned int round_pipe_size(unsigned long size);

struct file;
/**
 * pipe_fcntl - F_GETPIPE_SZ and F_SETPIPE_SZ
 * @f: the file; -EBADF unless it is a pipe or FIFO
 * @cmd: which
 * @arg: F_SETPIPE_SZ's size in bytes
 *
 * Returns the ring's size in bytes, or -EINVAL (too large), -EPERM (over
 * pipe_max_size without privilege), -EBUSY (the data would not fit),
 * -ENOMEM, -ERESTARTSYS.
 */
long pipe_fcntl(struct file *f, unsigned int cmd, unsigned long arg);

#endif
