/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fast user-space mutexes (kernel/futex.c, Documentation/processes.md).
 * User space does the uncontended work with atomic instructions on a
 * 32-bit word; the kernel only parks threads that must wait for the word
 * to change and wakes them when asked. Operations (Linux's numbers):
 * FUTEX_WAIT, FUTEX_WAKE, FUTEX_REQUEUE, FUTEX_CMP_REQUEUE, and glibc's
 * FUTEX_WAIT_BITSET (absolute timeout) and FUTEX_WAKE_BITSET, each with or
 * without FUTEX_PRIVATE_FLAG.
 */
#ifndef _FUTEX_H
#define _FUTEX_H

#include <types.h>


#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_REQUEUE		3
#define FUTEX_CMP_REQUEUE	4
#define FUTEX_WAIT_BITSET	9
#define FUTEX_WAKE_BITSET	10
#define FUTEX_PRIVATE_FLAG	128
#define FUTEX_CLOCK_REALTIME	256
#define FUTEX_CMD_MASK		(~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME))

#define FUTEX_NO_TIMEOUT	(~0ULL)
#define FUTEX_BITSET_MATCH_ANY	0xffffffffU	/* what WAIT and WAKE use */

/* Boot: empty the hash buckets. */
void futex_init(void);

/*
 * Sleep while *uaddr == val, at most timeout_ns (FUTEX_NO_TIMEOUT: no
 * limit). 0 when woken, -EAGAIN if the word differs, -ETIMEDOUT,
 * -ERESTARTSYS / -ERESTARTNOHAND (a signal, without / with a timeout:
 * Documentation/signals.md), -EFAULT, -EINVAL (misaligned).
 */
long futex_wait(u32 __user *uaddr, bool shared, u32 val, u64 timeout_ns);
/* Wake at most nr waiters of uaddr; returns how many were woken. */
long futex_wake(u32 __user *uaddr, bool shared, int nr);

/* Exit of a thread: CLONE_CHILD_CLEARTID / set_tid_address protocol. */
struct task_struct;
void futex_exit_clear_tid(struct task_struct *t);

#endif
