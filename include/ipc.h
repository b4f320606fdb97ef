/* SPDX-License-Identifier: GPL-2.0 */
/*
 * System V IPC (ipc/, Documentation/ipc.md): shared memory segments,
 * semaphore sets and message queues, each named by a key and reached by
 * an id. This header has the Linux i386 ABI (flags, commands and the
 * "64" structures that glibc and musl pass with IPC_64) and the table
 * every kind of object is kept in (ipc/util.c).
 */
#ifndef _IPC_H
#define _IPC_H

#include <types.h>
#include <mutex.h>

/* Keys and flags (Linux's numbers). */
#define IPC_PRIVATE	0
#define IPC_CREAT	00001000
#define IPC_EXCL	00002000
#define IPC_NOWAIT	00004000

/* Control commands common to the three kinds. */
#define IPC_RMID	0
#define IPC_SET		1
#define IPC_STAT	2
#define IPC_INFO	3
/* In the command of ipc(2) and of old binaries: the 64 layouts below. */
#define IPC_64		0x0100
#define IPC_OLD		0

/* struct ipc64_perm on i386: mode and seq are 16 bits, padded. */
struct ipc64_perm {
	s32 key;
	u32 uid, gid, cuid, cgid;
	u16 mode;
	u16 __pad1;
	u16 seq;
	u16 __pad2;
	u32 __unused1, __unused2;
};

/* The old layout (ipc(2) without IPC_64): 16-bit ids. */
struct ipc_perm_old {
	s32 key;
	u16 uid, gid, cuid, cgid;
	u16 mode;
	u16 seq;
};

/* Linux's table size per kind; ids are index + seq * SEQ_MULTIPLIER. */
#define IPCMNI			32768
#define SEQ_MULTIPLIER		IPCMNI
#define IPC_SEQ_MAX		(0x7fffffff / SEQ_MULTIPLIER)
/* How many objects of one kind may exist here at once. */
#define IPC_MAX_OBJECTS		1024

/* The part every IPC object starts with. */
struct kern_ipc_perm {
	int id;
	s32 key;
	bool deleted;		/* removed from the table (IPC_RMID) */
	u32 uid, gid, cuid, cgid;
	u32 mode;		/* 0777 bits, plus kind-specific flags */
	u16 seq;
};

/* All objects of one kind; ids->lock serialises every operation. */
struct ipc_ids {
	struct mutex lock;
	int in_use;
	u16 seq;
	int max_idx;		/* highest index in use + 1 */
	struct kern_ipc_perm *entries[IPC_MAX_OBJECTS];
};

/* What ipcget() needs from a kind: make an object and check one. */
struct ipc_params {
	s32 key;
	int flg;
	unsigned long arg;	/* size (shm), nsems (sem), unused (msg) */
};

struct ipc_ops {
	/* A new object for p (not yet in the table), or an error pointer. */
	struct kern_ipc_perm *(*getnew)(const struct ipc_params *p);
	/* May the caller use existing object perm with p? 0 or -errno. */
	int (*more_checks)(struct kern_ipc_perm *perm,
			   const struct ipc_params *p);
};

void ipc_init_ids(struct ipc_ids *ids, const char *name);
/* The get calls (shmget, semget, msgget): an id, or -errno. */
long ipcget(struct ipc_ids *ids, const struct ipc_ops *ops,
	    const struct ipc_params *p);
/* ids->lock held: the object with this id, or an error pointer. */
struct kern_ipc_perm *ipc_obtain(struct ipc_ids *ids, int id);
/* ids->lock held: the object at table index idx (the *_STAT commands). */
struct kern_ipc_perm *ipc_obtain_idx(struct ipc_ids *ids, int idx);
/* ids->lock held: take the object out of the table (IPC_RMID). */
void ipc_rmid(struct ipc_ids *ids, struct kern_ipc_perm *perm);
/* Access check for an operation wanting S_IRUGO / S_IWUGO bits. */
int ipcperms(struct kern_ipc_perm *perm, u32 flag);
/* IPC_SET and IPC_RMID: is the caller the owner, creator or root? */
int ipc_check_owner(struct kern_ipc_perm *perm);
/* Fill the ABI structs from perm. */
void ipc_fill_perm64(const struct kern_ipc_perm *perm, struct ipc64_perm *out);
void ipc_fill_perm_old(const struct kern_ipc_perm *perm,
		       struct ipc_perm_old *out);
/* IPC_SET: take uid, gid and the low 9 mode bits. */
void ipc_update_perm(struct kern_ipc_perm *perm, u32 uid, u32 gid, u32 mode);
/* Split IPC_64 off a command of ipc(2): returns IPC_64 or IPC_OLD. */
int ipc_parse_version(int *cmd);
/* The wall clock in seconds (the *_time fields). */
u32 ipc_get_seconds(void);

/* ipc/sem.c: apply and free the exiting task's SEM_UNDO adjustments. */
struct task_struct;
void exit_sem(struct task_struct *t);
/* fork/clone: share the undo list (CLONE_SYSVSEM) or start without. */
int copy_semundo(unsigned long clone_flags, struct task_struct *p);

#endif
