/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Readiness of open files for poll(), ppoll() and the select() family
 * (kernel/select.c).
 *
 * Each kind of file may have a `poll` operation (struct file_operations,
 * include/fs.h). It does two things, in this order:
 *
 *   1. poll_wait(f, &queue, pt) for every wait queue whose wake-up can
 *      change the answer (a pipe's reader and writer queues, the console's
 *      input queue); with pt NULL this does nothing;
 *   2. returns the POLL* bits that hold right now.
 *
 * Registering before looking means no wake-up is lost: one that comes
 * after the look finds the poller's entry on the queue. A file without a
 * poll operation is always ready for reading and writing
 * (DEFAULT_POLLMASK), as on Linux for regular files and simple devices.
 */
#ifndef _POLL_H
#define _POLL_H

#include <types.h>

/* The Linux values (asm-generic/poll.h). */
#define POLLIN		0x0001
#define POLLPRI		0x0002
#define POLLOUT		0x0004
#define POLLERR		0x0008
#define POLLHUP		0x0010
#define POLLNVAL	0x0020
#define POLLRDNORM	0x0040
#define POLLRDBAND	0x0080
#define POLLWRNORM	0x0100
#define POLLWRBAND	0x0200
#define POLLMSG		0x0400
#define POLLRDHUP	0x2000

#define DEFAULT_POLLMASK (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)

struct file;
struct wait_queue_head;
struct poll_table_struct;

typedef void (*poll_queue_proc)(struct file *f, struct wait_queue_head *wq,
				struct poll_table_struct *pt);

/* Handed to ->poll(); NULL once the caller only wants the current bits. */
typedef struct poll_table_struct {
	poll_queue_proc qproc;
} poll_table;

static inline void poll_wait(struct file *f, struct wait_queue_head *wq,
			     poll_table *pt)
{
	if (pt && pt->qproc && wq)
		pt->qproc(f, wq, pt);
}

/* f's poll operation, or DEFAULT_POLLMASK if it has none. */
unsigned int vfs_poll(struct file *f, poll_table *pt);

#endif
