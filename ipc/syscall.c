// SPDX-License-Identifier: GPL-2.0
/*
 * ipc(2): the one i386 system call (117) through which old and current
 * libcs reach System V IPC (musl always; glibc on i386 too). call's low
 * 16 bits pick the operation, its high 16 bits a version; the command
 * of the *ctl operations carries IPC_64 when the caller uses the 64
 * layouts (every libc of this century). The direct calls (shmget 395 and
 * the rest) are in ipc/shm.c, sem.c and msg.c.
 */
#include <ipc.h>
#include "util.h"
#include <uaccess.h>
#include <syscalls.h>
#include <kernel.h>
#include <mm.h>
#include <errno.h>

#define SEMOP		1
#define SEMGET		2
#define SEMCTL		3
#define SEMTIMEDOP	4
#define MSGSND		11
#define MSGRCV		12
#define MSGGET		13
#define MSGCTL		14
#define SHMAT		21
#define SHMDT		22
#define SHMGET		23
#define SHMCTL		24

/* msgrcv's old calling convention (version 0): msgp and msgtyp in memory. */
struct ipc_kludge {
	u32 msgp;
	s32 msgtyp;
};

static long ipc_msgrcv(int version, int first, int second, int third,
		       void __user *ptr, long fifth)
{
	struct ipc_kludge k;

	if (version)
		return do_msgrcv(first, ptr, second, fifth, third);
	if (!ptr)
		return -EINVAL;
	if (copy_from_user(&k, ptr, sizeof(k)))
		return -EFAULT;
	return do_msgrcv(first, (void __user *)(unsigned long)k.msgp, second,
			 k.msgtyp, third);
}

static long ipc_shmat(int version, int first, int second,
		      unsigned long __user *third, void __user *ptr)
{
	unsigned long raddr;
	long ret;

	if (version == 1)	/* iBCS2 emulation: not on Linux either */
		return -EINVAL;
	ret = do_shmat(first, (unsigned long)ptr, second, &raddr);
	if (ret)
		return ret;
	return put_user(raddr, third) ? -EFAULT : 0;
}

static long ipc_semctl(int first, int second, int third, void __user *ptr)
{
	unsigned long arg;
	int version;

	if (!ptr)
		return -EINVAL;
	if (get_user(arg, (unsigned long __user *)ptr))
		return -EFAULT;
	version = ipc_parse_version(&third);
	return ksys_semctl(first, second, third, arg, version);
}

SYSCALL_DEFINE6(ipc, unsigned int, call, int, first, unsigned long, second,
		unsigned long, third, void __user *, ptr, long, fifth)
{
	int version = call >> 16;
	int cmd = (int)second;

	switch (call & 0xffff) {
	case SEMOP:
		return do_semtimedop(first, ptr, second, NULL, false);
	case SEMTIMEDOP:
		return do_semtimedop(first, ptr, second,
				     (const void __user *)fifth, false);
	case SEMGET:
		return ksys_semget(first, second, third);
	case SEMCTL:
		return ipc_semctl(first, second, third, ptr);
	case MSGSND:
		return ksys_msgsnd(first, ptr, second, third);
	case MSGRCV:
		return ipc_msgrcv(version, first, second, third, ptr, fifth);
	case MSGGET:
		return ksys_msgget(first, second);
	case MSGCTL:
		version = ipc_parse_version(&cmd);
		return ksys_msgctl(first, cmd, ptr, version);
	case SHMAT:
		return ipc_shmat(version, first, second,
				 (unsigned long __user *)third, ptr);
	case SHMDT:
		return ksys_shmdt((unsigned long)ptr);
	case SHMGET:
		return ksys_shmget(first, second, third);
	case SHMCTL:
		version = ipc_parse_version(&cmd);
		return ksys_shmctl(first, cmd, ptr, version);
	default:
		return -ENOSYS;
	}
}
