// SPDX-License-Identifier: GPL-2.0
/*
 * System V message queues: msgget, msgsnd, msgrcv, msgctl
 * (Documentation/ipc.md).
 *
 * A queue is a list of typed messages (mtype > 0, up to MSGMAX bytes of
 * text) holding at most msg_qbytes bytes and msg_qbytes messages (the
 * second limit is Linux's too). msgrcv picks the first message (msgtyp
 * 0), the first of a type (> 0; with MSG_EXCEPT the first of another),
 * or the first of the lowest type not above -msgtyp (< 0).
 *
 * Blocking: a sender waiting for room and a receiver waiting for a
 * message queue a struct msg_waiter (on their stack) and sleep with
 * msg_ids.lock dropped. Any send wakes every receiver, any receive every
 * sender, and they look again; IPC_RMID wakes them all with EIDRM. As
 * in ipc/sem.c, the waiter's status is written only under the lock, and
 * a waiter leaves the list itself only while its status is still
 * pending, so nobody touches a freed queue. A signal ends the wait with
 * -ERESTARTNOHAND: EINTR for a handler, a silent restart otherwise
 * (Linux's behaviour; SA_RESTART does not restart these calls).
 */
#include <ipc.h>
#include "util.h"
#include <task.h>
#include <sched.h>
#include <signal.h>
#include <list.h>
#include <uaccess.h>
#include <syscalls.h>
#include <kernel.h>
#include <mm.h>
#include <string.h>
#include <errno.h>

#define MSG_STAT	11
#define MSG_INFO	12
#define MSG_STAT_ANY	13

#define MSG_NOERROR	010000
#define MSG_EXCEPT	020000
#define MSG_COPY	040000

/* Linux's defaults (/proc/sys/kernel/msgmax, msgmnb). */
#define MSGMAX		8192
#define MSGMNB		16384
#define MSGPOOL		(IPC_MAX_OBJECTS * MSGMNB / 1024)
#define MSGTQL		MSGMNB
#define MSGSSZ		16
#define MSGSEG		0xffff

struct msg_msg {
	struct list_head list;
	s32 mtype;
	size_t len;
	char text[];
};

struct msg_queue {
	struct kern_ipc_perm perm;
	u32 stime, rtime, ctime;
	unsigned long cbytes, qnum, qbytes;
	pid_t lspid, lrpid;
	struct list_head messages;
	struct list_head receivers;	/* struct msg_waiter */
	struct list_head senders;
};

struct msg_waiter {
	struct list_head list;
	struct task_struct *task;
	int status;		/* -EINPROGRESS; 0: look again; -EIDRM */
};

/* The i386 msqid64_ds (IPC_64) and the old msqid_ds. */
struct msqid64_ds {
	struct ipc64_perm msg_perm;
	u32 msg_stime, msg_stime_high;
	u32 msg_rtime, msg_rtime_high;
	u32 msg_ctime, msg_ctime_high;
	u32 msg_cbytes, msg_qnum, msg_qbytes;
	s32 msg_lspid, msg_lrpid;
	u32 __unused4, __unused5;
};

struct msqid_ds_old {
	struct ipc_perm_old msg_perm;
	u32 msg_first, msg_last;
	s32 msg_stime, msg_rtime, msg_ctime;
	u32 msg_lcbytes, msg_lqbytes;
	u16 msg_cbytes, msg_qnum, msg_qbytes;
	u16 msg_lspid, msg_lrpid;
};

struct msginfo {
	s32 msgpool, msgmap, msgmax, msgmnb, msgmni, msgssz, msgtql;
	u16 msgseg;
};

static struct ipc_ids msg_ids;
static bool msg_ids_ready;
static DEFINE_MUTEX(msg_init_lock);

static struct ipc_ids *msg_table(void)
{
	if (!READ_ONCE(msg_ids_ready)) {
		mutex_lock(&msg_init_lock);
		if (!msg_ids_ready) {
			ipc_init_ids(&msg_ids, "msg_ids.lock");
			WRITE_ONCE(msg_ids_ready, true);
		}
		mutex_unlock(&msg_init_lock);
	}
	return &msg_ids;
}

static struct msg_queue *to_msq(struct kern_ipc_perm *perm)
{
	return container_of(perm, struct msg_queue, perm);
}

static struct kern_ipc_perm *msg_newque(const struct ipc_params *p)
{
	struct msg_queue *msq = kzalloc(sizeof(*msq), GFP_KERNEL);

	(void)p;
	if (!msq)
		return ERR_PTR(-ENOMEM);
	msq->qbytes = MSGMNB;
	msq->ctime = ipc_get_seconds();
	INIT_LIST_HEAD(&msq->messages);
	INIT_LIST_HEAD(&msq->receivers);
	INIT_LIST_HEAD(&msq->senders);
	return &msq->perm;
}

static int msg_more_checks(struct kern_ipc_perm *perm,
			   const struct ipc_params *p)
{
	(void)perm;
	(void)p;
	return 0;
}

/** ksys_msgget - msgget(2): a queue's id for key, made with IPC_CREAT. */
long ksys_msgget(s32 key, int msgflg)
{
	static const struct ipc_ops ops = {
		.getnew = msg_newque,
		.more_checks = msg_more_checks,
	};
	struct ipc_params p = { .key = key, .flg = msgflg };

	return ipcget(msg_table(), &ops, &p);
}

/* msg_ids.lock held: wake every waiter on list with status. */
static void msg_wake_all(struct list_head *list, int status)
{
	struct msg_waiter *w, *tmp;

	list_for_each_entry_safe(w, tmp, list, list) {
		list_del_init(&w->list);
		WRITE_ONCE(w->status, status);
		wake_up_process(w->task);
	}
}

/*
 * Queue w on list, drop the lock and sleep until woken or a signal;
 * returns with msg_ids.lock held again: 0 (look again), -EIDRM or
 * -ERESTARTNOHAND.
 */
static int msg_wait(struct ipc_ids *ids, struct list_head *list,
		    struct msg_waiter *w)
{
	int ret;

	w->task = current;
	w->status = -EINPROGRESS;
	list_add_tail(&w->list, list);
	mutex_unlock(&ids->lock);
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (READ_ONCE(w->status) != -EINPROGRESS ||
		    signal_pending(current))
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	mutex_lock(&ids->lock);
	ret = w->status;
	if (ret == -EINPROGRESS) {
		list_del(&w->list);
		ret = -ERESTARTNOHAND;
	}
	return ret;
}

/* Look up the queue again after a wait: gone means removed (EIDRM). */
static struct kern_ipc_perm *msg_obtain(struct ipc_ids *ids, int id,
					bool waited)
{
	struct kern_ipc_perm *perm = ipc_obtain(ids, id);

	if (IS_ERR(perm) && waited)
		return ERR_PTR(-EIDRM);
	return perm;
}

/**
 * do_msgsnd - msgsnd(2)
 * @msqid: the queue
 * @mtype: the message type (> 0), read from the user's struct msgbuf
 * @mtext: the user's text
 * @msgsz: its length (0..MSGMAX)
 * @msgflg: IPC_NOWAIT
 */
long do_msgsnd(int msqid, s32 mtype, const void __user *mtext, size_t msgsz,
	       int msgflg)
{
	struct ipc_ids *ids = msg_table();
	struct kern_ipc_perm *perm;
	struct msg_queue *msq;
	struct msg_msg *msg;
	struct msg_waiter w;
	bool waited = false;
	long ret;

	if (msgsz > MSGMAX || (long)msgsz < 0 || msqid < 0)
		return -EINVAL;
	if (mtype < 1)
		return -EINVAL;
	msg = kmalloc(sizeof(*msg) + msgsz, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	msg->mtype = mtype;
	msg->len = msgsz;
	if (copy_from_user(msg->text, mtext, msgsz)) {
		kfree(msg);
		return -EFAULT;
	}
	if (mutex_lock_killable(&ids->lock)) {
		kfree(msg);
		return -EINTR;
	}
	for (;;) {
		perm = msg_obtain(ids, msqid, waited);
		ret = PTR_ERR(perm);
		if (IS_ERR(perm))
			break;
		msq = to_msq(perm);
		ret = ipcperms(perm, 0222);
		if (ret)
			break;
		if (msq->cbytes + msgsz <= msq->qbytes &&
		    msq->qnum + 1 <= msq->qbytes) {
			list_add_tail(&msg->list, &msq->messages);
			msq->cbytes += msgsz;
			msq->qnum++;
			msq->lspid = current->tgid;
			msq->stime = ipc_get_seconds();
			msg_wake_all(&msq->receivers, 0);
			msg = NULL;
			ret = 0;
			break;
		}
		ret = -EAGAIN;
		if (msgflg & IPC_NOWAIT)
			break;
		ret = msg_wait(ids, &msq->senders, &w);
		if (ret)
			break;
		waited = true;
	}
	mutex_unlock(&ids->lock);
	kfree(msg);
	return ret;
}

/* msg_ids.lock held: the message msgrcv would take, or NULL. */
static struct msg_msg *msg_find(struct msg_queue *msq, long msgtyp,
				int msgflg)
{
	struct msg_msg *m, *best = NULL;
	long n = 0;

	list_for_each_entry(m, &msq->messages, list) {
		if (msgflg & MSG_COPY) {
			if (n++ == msgtyp)
				return m;
		} else if (!msgtyp) {
			return m;
		} else if (msgtyp > 0) {
			if ((msgflg & MSG_EXCEPT) ? m->mtype != msgtyp
						  : m->mtype == msgtyp)
				return m;
		} else if (m->mtype <= -msgtyp &&
			   (!best || m->mtype < best->mtype)) {
			best = m;
		}
	}
	return best;
}

/**
 * do_msgrcv - msgrcv(2)
 * @msqid: the queue
 * @msgp: the user's struct msgbuf (long mtype, then the text)
 * @msgsz: room for text
 * @msgtyp: which message (see the top of the file)
 * @msgflg: IPC_NOWAIT, MSG_NOERROR (truncate), MSG_EXCEPT, MSG_COPY
 *
 * The text's length, or -E2BIG (too long without MSG_NOERROR; the
 * message stays), -ENOMSG (IPC_NOWAIT, or MSG_COPY past the end),
 * -EIDRM, -EINVAL, -EFAULT (the message is gone, as on Linux), -EACCES.
 */
long do_msgrcv(int msqid, void __user *msgp, size_t msgsz, long msgtyp,
	       int msgflg)
{
	struct ipc_ids *ids = msg_table();
	struct kern_ipc_perm *perm;
	struct msg_queue *msq;
	struct msg_msg *msg;
	struct msg_waiter w;
	bool waited = false;
	long ret;
	size_t n;

	if (msqid < 0 || (long)msgsz < 0)
		return -EINVAL;
	if (msgflg & MSG_COPY) {
		if ((msgflg & MSG_EXCEPT) || !(msgflg & IPC_NOWAIT) ||
		    msgtyp < 0)
			return -EINVAL;
	}
	if (mutex_lock_killable(&ids->lock))
		return -EINTR;
	for (;;) {
		perm = msg_obtain(ids, msqid, waited);
		ret = PTR_ERR(perm);
		if (IS_ERR(perm))
			break;
		msq = to_msq(perm);
		ret = ipcperms(perm, 0444);
		if (ret)
			break;
		msg = msg_find(msq, msgtyp, msgflg);
		if (msg) {
			ret = -E2BIG;
			if (msg->len > msgsz && !(msgflg & MSG_NOERROR))
				break;
			n = min(msg->len, msgsz);
			ret = n;
			/* A bad buffer loses the message, as on Linux. */
			if (put_user((long)msg->mtype, (long __user *)msgp) ||
			    copy_to_user((char __user *)msgp + sizeof(long),
					 msg->text, n))
				ret = -EFAULT;
			if (msgflg & MSG_COPY)
				break;
			list_del(&msg->list);
			msq->cbytes -= msg->len;
			msq->qnum--;
			msq->lrpid = current->tgid;
			msq->rtime = ipc_get_seconds();
			kfree(msg);
			msg_wake_all(&msq->senders, 0);
			break;
		}
		ret = -ENOMSG;
		if (msgflg & IPC_NOWAIT)
			break;
		ret = msg_wait(ids, &msq->receivers, &w);
		if (ret)
			break;
		waited = true;
	}
	mutex_unlock(&ids->lock);
	return ret;
}

/* ---- msgctl ---------------------------------------------------------- */

static void msg_fill64(struct msg_queue *msq, struct msqid64_ds *ds)
{
	memset(ds, 0, sizeof(*ds));
	ipc_fill_perm64(&msq->perm, &ds->msg_perm);
	ds->msg_stime = msq->stime;
	ds->msg_rtime = msq->rtime;
	ds->msg_ctime = msq->ctime;
	ds->msg_cbytes = msq->cbytes;
	ds->msg_qnum = msq->qnum;
	ds->msg_qbytes = msq->qbytes;
	ds->msg_lspid = msq->lspid;
	ds->msg_lrpid = msq->lrpid;
}

static int msg_copy_out(void __user *buf, const struct msqid64_ds *ds,
			int version)
{
	struct msqid_ds_old old;

	if (version == IPC_64)
		return copy_to_user(buf, ds, sizeof(*ds)) ? -EFAULT : 0;
	memset(&old, 0, sizeof(old));
	old.msg_perm = (struct ipc_perm_old){
		.key = ds->msg_perm.key, .uid = ds->msg_perm.uid,
		.gid = ds->msg_perm.gid, .cuid = ds->msg_perm.cuid,
		.cgid = ds->msg_perm.cgid, .mode = ds->msg_perm.mode,
		.seq = ds->msg_perm.seq,
	};
	old.msg_stime = ds->msg_stime;
	old.msg_rtime = ds->msg_rtime;
	old.msg_ctime = ds->msg_ctime;
	old.msg_lcbytes = ds->msg_cbytes;
	old.msg_lqbytes = ds->msg_qbytes;
	old.msg_cbytes = min(ds->msg_cbytes, 0xffffu);
	old.msg_qnum = min(ds->msg_qnum, 0xffffu);
	old.msg_qbytes = min(ds->msg_qbytes, 0xffffu);
	old.msg_lspid = ds->msg_lspid;
	old.msg_lrpid = ds->msg_lrpid;
	return copy_to_user(buf, &old, sizeof(old)) ? -EFAULT : 0;
}

static int msg_copy_in(const void __user *buf, int version,
		       struct msqid64_ds *ds)
{
	struct msqid_ds_old old;

	if (version == IPC_64)
		return copy_from_user(ds, buf, sizeof(*ds)) ? -EFAULT : 0;
	if (copy_from_user(&old, buf, sizeof(old)))
		return -EFAULT;
	memset(ds, 0, sizeof(*ds));
	ds->msg_perm.uid = old.msg_perm.uid;
	ds->msg_perm.gid = old.msg_perm.gid;
	ds->msg_perm.mode = old.msg_perm.mode;
	ds->msg_qbytes = old.msg_qbytes ? old.msg_qbytes : old.msg_lqbytes;
	return 0;
}

static long msgctl_info(int cmd, void __user *buf)
{
	struct ipc_ids *ids = msg_table();
	struct msginfo mi = {
		.msgpool = MSGPOOL, .msgmap = MSGTQL, .msgmax = MSGMAX,
		.msgmnb = MSGMNB, .msgmni = IPC_MAX_OBJECTS,
		.msgssz = MSGSSZ, .msgtql = MSGTQL, .msgseg = MSGSEG,
	};
	long ret;

	mutex_lock(&ids->lock);
	if (cmd == MSG_INFO) {
		/* Linux: queues in use, messages, bytes queued. */
		mi.msgpool = ids->in_use;
		mi.msgmap = 0;
		mi.msgtql = 0;
		for (int i = 0; i < ids->max_idx; i++) {
			if (!ids->entries[i])
				continue;
			mi.msgmap += to_msq(ids->entries[i])->qnum;
			mi.msgtql += to_msq(ids->entries[i])->cbytes;
		}
	}
	ret = ids->max_idx ? ids->max_idx - 1 : 0;
	mutex_unlock(&ids->lock);
	if (copy_to_user(buf, &mi, sizeof(mi)))
		return -EFAULT;
	return ret;
}

/* msg_ids.lock held: IPC_RMID - free the messages, wake every waiter. */
static void msg_free(struct ipc_ids *ids, struct msg_queue *msq)
{
	struct msg_msg *m, *tmp;

	msg_wake_all(&msq->receivers, -EIDRM);
	msg_wake_all(&msq->senders, -EIDRM);
	list_for_each_entry_safe(m, tmp, &msq->messages, list)
		kfree(m);
	ipc_rmid(ids, &msq->perm);
	kfree(msq);
}

/**
 * ksys_msgctl - msgctl(2)
 * @msqid: the queue (an index for MSG_STAT, MSG_STAT_ANY)
 * @cmd: the command, without IPC_64
 * @buf: the user's msqid_ds or msginfo
 * @version: IPC_64 or IPC_OLD
 */
long ksys_msgctl(int msqid, int cmd, void __user *buf, int version)
{
	struct ipc_ids *ids = msg_table();
	struct kern_ipc_perm *perm;
	struct msg_queue *msq;
	struct msqid64_ds ds;
	long ret;

	if (msqid < 0 || cmd < 0)
		return -EINVAL;
	switch (cmd) {
	case IPC_INFO:
	case MSG_INFO:
		return msgctl_info(cmd, buf);
	case IPC_SET:
		if (msg_copy_in(buf, version, &ds))
			return -EFAULT;
		break;
	case IPC_STAT: case MSG_STAT: case MSG_STAT_ANY: case IPC_RMID:
		break;
	default:
		return -EINVAL;
	}
	mutex_lock(&ids->lock);
	perm = (cmd == MSG_STAT || cmd == MSG_STAT_ANY) ?
		ipc_obtain_idx(ids, msqid) : ipc_obtain(ids, msqid);
	ret = PTR_ERR(perm);
	if (IS_ERR(perm))
		goto out;
	msq = to_msq(perm);
	switch (cmd) {
	case IPC_STAT:
	case MSG_STAT:
	case MSG_STAT_ANY:
		ret = cmd == MSG_STAT_ANY ? 0 : ipcperms(perm, 0444);
		if (ret)
			break;
		msg_fill64(msq, &ds);
		ret = cmd == IPC_STAT ? 0 : perm->id;
		break;
	case IPC_SET:
		ret = ipc_check_owner(perm);
		if (ret)
			break;
		/* Raising msg_qbytes past MSGMNB is root's (everyone). */
		ipc_update_perm(perm, ds.msg_perm.uid, ds.msg_perm.gid,
				ds.msg_perm.mode);
		msq->qbytes = ds.msg_qbytes;
		msq->ctime = ipc_get_seconds();
		msg_wake_all(&msq->senders, 0);	/* maybe room now */
		break;
	case IPC_RMID:
		ret = ipc_check_owner(perm);
		if (!ret)
			msg_free(ids, msq);
		break;
	}
out:
	mutex_unlock(&ids->lock);
	if (ret >= 0 && (cmd == IPC_STAT || cmd == MSG_STAT ||
			 cmd == MSG_STAT_ANY) &&
	    msg_copy_out(buf, &ds, version))
		ret = -EFAULT;
	return ret;
}

SYSCALL_DEFINE2(msgget, s32, key, int, msgflg)
{
	return ksys_msgget(key, msgflg);
}

/* struct msgbuf: a long mtype, then the text. */
long ksys_msgsnd(int msqid, const void __user *msgp, size_t msgsz,
		 int msgflg)
{
	long mtype;

	if (msqid < 0 || (long)msgsz < 0)
		return -EINVAL;
	if (get_user(mtype, (const long __user *)msgp))
		return -EFAULT;
	return do_msgsnd(msqid, mtype, (const char __user *)msgp + sizeof(long),
			 msgsz, msgflg);
}

SYSCALL_DEFINE4(msgsnd, int, msqid, const void __user *, msgp, size_t, msgsz,
		int, msgflg)
{
	return ksys_msgsnd(msqid, msgp, msgsz, msgflg);
}

SYSCALL_DEFINE5(msgrcv, int, msqid, void __user *, msgp, size_t, msgsz,
		long, msgtyp, int, msgflg)
{
	return do_msgrcv(msqid, msgp, msgsz, msgtyp, msgflg);
}

SYSCALL_DEFINE3(msgctl, int, msqid, int, cmd, void __user *, buf)
{
	return ksys_msgctl(msqid, cmd, buf, IPC_64);
}
