/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The operations of ipc/shm.c, sem.c and msg.c that both their direct
 * system calls and the multiplexed ipc(2) (ipc/syscall.c) call.
 */
#ifndef _IPC_UTIL_H
#define _IPC_UTIL_H

#include <types.h>

long ksys_shmget(s32 key, size_t size, int shmflg);
long do_shmat(int shmid, unsigned long shmaddr, int shmflg,
	      unsigned long *raddr);
long ksys_shmdt(unsigned long addr);
long ksys_shmctl(int shmid, int cmd, void __user *buf, int version);

long ksys_semget(s32 key, int nsems, int semflg);
long do_semtimedop(int semid, const void __user *usops, unsigned int nsops,
		   const void __user *uts, bool time64);
long ksys_semctl(int semid, int semnum, int cmd, unsigned long arg,
		 int version);

long ksys_msgget(s32 key, int msgflg);
long ksys_msgsnd(int msqid, const void __user *msgp, size_t msgsz,
		 int msgflg);
long do_msgrcv(int msqid, void __user *msgp, size_t msgsz, long msgtyp,
	       int msgflg);
long ksys_msgctl(int msqid, int cmd, void __user *buf, int version);

#endif
