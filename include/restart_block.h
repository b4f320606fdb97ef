/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How an interrupted system call continues when no handler ran: a call
 * that cannot simply be repeated with the same arguments (a relative
 * sleep) returns -ERESTART_RESTARTBLOCK after filling current's
 * restart_block; the signal code then makes user space re-enter with
 * restart_syscall (0), which calls restart_block.fn.
 */
#ifndef _RESTART_BLOCK_H
#define _RESTART_BLOCK_H

#include <types.h>

struct restart_block {
	long (*fn)(struct restart_block *rb);
	union {
		struct {
			int clk;
			u64 expires;	/* absolute, ns of clk */
			void *rmtp;	/* user: where the time left goes */
			bool time64;	/* rmtp is a timespec64 */
		} nanosleep;
	};
};

/* The default fn: nothing to continue, the call ends with -EINTR. */
long do_no_restart_syscall(struct restart_block *rb);

#endif
