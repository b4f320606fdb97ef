// SPDX-License-Identifier: GPL-2.0
/*
 * The table of one kind of System V IPC object (include/ipc.h), shared by
 * ipc/shm.c, ipc/sem.c and ipc/msg.c.
 *
 * An object sits at an index of ids->entries; its id is
 * index + seq * SEQ_MULTIPLIER, where seq counts the objects ever made of
 * that kind, so a stale id (its object removed, the index reused) is
 * EINVAL and not somebody else's object. ids->lock, a sleeping mutex, is
 * held across every lookup and change; the blocking operations
 * (semop, msgsnd, msgrcv) sleep with it dropped.
 *
 * Permissions: every process here is root (kernel/cred.c), which Linux
 * lets through every check (CAP_IPC_OWNER, CAP_SYS_ADMIN); the checks are
 * made in ipcperms() and ipc_check_owner() only, for the day there are
 * other users.
 */
#include <ipc.h>
#include <task.h>
#include <time.h>
#include <stat.h>
#include <kernel.h>
#include <mm.h>
#include <errno.h>

void ipc_init_ids(struct ipc_ids *ids, const char *name)
{
	mutex_init(&ids->lock, name);
	ids->in_use = 0;
	ids->seq = 0;
	ids->max_idx = 0;
}

static struct kern_ipc_perm *ipc_findkey(struct ipc_ids *ids, s32 key)
{
	for (int i = 0; i < ids->max_idx; i++) {
		struct kern_ipc_perm *p = ids->entries[i];

		if (p && p->key == key)
			return p;
	}
	return NULL;
}

/* Put a new object in the table and give it an id; -ENOSPC if full. */
static int ipc_addid(struct ipc_ids *ids, struct kern_ipc_perm *perm)
{
	int idx;

	for (idx = 0; idx < IPC_MAX_OBJECTS; idx++)
		if (!ids->entries[idx])
			break;
	if (idx == IPC_MAX_OBJECTS)
		return -ENOSPC;
	perm->seq = ids->seq++;	/* u16: wraps at IPC_SEQ_MAX */
	perm->id = idx + perm->seq * SEQ_MULTIPLIER;
	perm->deleted = false;
	perm->uid = perm->cuid = 0;	/* the caller's ids: root */
	perm->gid = perm->cgid = 0;
	ids->entries[idx] = perm;
	ids->in_use++;
	if (idx >= ids->max_idx)
		ids->max_idx = idx + 1;
	return perm->id;
}

/**
 * ipcget - find or make the object for a key (shmget, semget, msgget)
 * @ids: the kind's table
 * @ops: how to make one and how to check an existing one
 * @p: key, flags and the kind's argument
 *
 * IPC_PRIVATE always makes a new object. Otherwise an existing key is
 * returned unless IPC_CREAT|IPC_EXCL (-EEXIST); a missing one is made
 * with IPC_CREAT, else -ENOENT. Returns the id or -errno.
 */
long ipcget(struct ipc_ids *ids, const struct ipc_ops *ops,
	    const struct ipc_params *p)
{
	struct kern_ipc_perm *perm;
	long ret;

	if (mutex_lock_killable(&ids->lock))
		return -EINTR;
	perm = p->key == IPC_PRIVATE ? NULL : ipc_findkey(ids, p->key);
	if (perm) {
		ret = -EEXIST;
		if ((p->flg & IPC_CREAT) && (p->flg & IPC_EXCL))
			goto out;
		ret = ops->more_checks(perm, p);
		if (!ret)
			ret = ipcperms(perm, p->flg);
		if (!ret)
			ret = perm->id;
		goto out;
	}
	ret = -ENOENT;
	if (p->key != IPC_PRIVATE && !(p->flg & IPC_CREAT))
		goto out;
	ret = -ENOSPC;
	if (ids->in_use >= IPC_MAX_OBJECTS)
		goto out;
	perm = ops->getnew(p);
	if (IS_ERR(perm)) {
		ret = PTR_ERR(perm);
		goto out;
	}
	perm->key = p->key;
	perm->mode = p->flg & 0777;
	ret = ipc_addid(ids, perm);
out:
	mutex_unlock(&ids->lock);
	return ret;
}

struct kern_ipc_perm *ipc_obtain_idx(struct ipc_ids *ids, int idx)
{
	if (idx < 0 || idx >= IPC_MAX_OBJECTS || !ids->entries[idx])
		return ERR_PTR(-EINVAL);
	return ids->entries[idx];
}

struct kern_ipc_perm *ipc_obtain(struct ipc_ids *ids, int id)
{
	struct kern_ipc_perm *perm;

	if (id < 0)
		return ERR_PTR(-EINVAL);
	perm = ipc_obtain_idx(ids, id % SEQ_MULTIPLIER);
	if (!IS_ERR(perm) && perm->id != id)
		return ERR_PTR(-EINVAL);	/* a stale id: the index was reused */
	return perm;
}

void ipc_rmid(struct ipc_ids *ids, struct kern_ipc_perm *perm)
{
	int idx = perm->id % SEQ_MULTIPLIER;

	ids->entries[idx] = NULL;
	ids->in_use--;
	perm->deleted = true;
	while (ids->max_idx && !ids->entries[ids->max_idx - 1])
		ids->max_idx--;
}

/*
 * The caller's access to perm for the S_IRUGO / S_IWUGO bits in flag:
 * the owner's, group's or others' bits as Linux picks them. Root (every
 * caller today) passes regardless, as CAP_IPC_OWNER does on Linux.
 */
int ipcperms(struct kern_ipc_perm *perm, u32 flag)
{
	u32 euid = 0, egid = 0;
	u32 requested = (flag >> 6) | (flag >> 3) | flag;
	u32 granted = perm->mode;

	requested &= 07;
	if (euid == perm->cuid || euid == perm->uid)
		granted >>= 6;
	else if (egid == perm->cgid || egid == perm->gid)
		granted >>= 3;
	if ((requested & ~granted & 07) && euid != 0)
		return -EACCES;
	return 0;
}

int ipc_check_owner(struct kern_ipc_perm *perm)
{
	u32 euid = 0;

	if (euid == perm->uid || euid == perm->cuid || euid == 0)
		return 0;
	return -EPERM;
}

void ipc_fill_perm64(const struct kern_ipc_perm *perm, struct ipc64_perm *out)
{
	*out = (struct ipc64_perm){
		.key = perm->key, .uid = perm->uid, .gid = perm->gid,
		.cuid = perm->cuid, .cgid = perm->cgid,
		.mode = perm->mode, .seq = perm->seq,
	};
}

void ipc_fill_perm_old(const struct kern_ipc_perm *perm,
		       struct ipc_perm_old *out)
{
	*out = (struct ipc_perm_old){
		.key = perm->key, .uid = perm->uid, .gid = perm->gid,
		.cuid = perm->cuid, .cgid = perm->cgid,
		.mode = perm->mode, .seq = perm->seq,
	};
}

void ipc_update_perm(struct kern_ipc_perm *perm, u32 uid, u32 gid, u32 mode)
{
	perm->uid = uid;
	perm->gid = gid;
	perm->mode = (perm->mode & ~0777) | (mode & 0777);
}

int ipc_parse_version(int *cmd)
{
	if (*cmd & IPC_64) {
		*cmd ^= IPC_64;
		return IPC_64;
	}
	return IPC_OLD;
}

u32 ipc_get_seconds(void)
{
	u64 ns = 0;

	clock_now(CLOCK_REALTIME, &ns);
	return (u32)(ns / NSEC_PER_SEC);
}
