// SPDX-License-Identifier: GPL-2.0
/*
 * System V semaphores: semget, semop/semtimedop, semctl
 * (Documentation/ipc.md).
 *
 * A set is an array of values 0..SEMVMX. semop applies a list of
 * operations all at once or not at all: when one cannot proceed (a
 * decrement below zero, a wait-for-zero on a non-zero value), nothing is
 * changed and the caller either fails (IPC_NOWAIT: EAGAIN) or queues
 * itself on the set's pending list and sleeps. Whoever changes values
 * retries the pending list in order (update_queue()), completes what now
 * fits and wakes those callers with their result.
 *
 * Sleeping: the queue entry lives on the sleeper's stack; sem_ids.lock
 * guards the list and the entry's status. The waker sets the status and
 * wakes the task under the lock, and IPC_RMID does the same with EIDRM
 * for every sleeper before freeing the set; a sleeper that wakes for
 * another reason (signal, timeout) takes the lock and dequeues itself
 * only if its status still says "pending", so it never touches a freed
 * set. A signal ends the wait with EINTR, as on Linux (never restarted).
 *
 * SEM_UNDO: each process (each task, or the tasks that shared it with
 * CLONE_SYSVSEM) has an undo list with one entry per set it used
 * SEM_UNDO on: the sum of the negated operations per semaphore. The
 * last task of the list to exit applies the entries (exit_sem()),
 * clamping each value to 0..SEMVMX. IPC_RMID frees a set's entries;
 * SETVAL and SETALL reset them, as on Linux.
 */
#include <ipc.h>
#include "util.h"
#include <task.h>
#include <sched.h>
#include <signal.h>
#include <time.h>
#include <list.h>
#include <uaccess.h>
#include <syscalls.h>
#include <kernel.h>
#include <mm.h>
#include <string.h>
#include <errno.h>

/* semctl commands (Linux's). */
#define GETPID		11
#define GETVAL		12
#define GETALL		13
#define GETNCNT		14
#define GETZCNT		15
#define SETVAL		16
#define SETALL		17
#define SEM_STAT	18
#define SEM_INFO	19
#define SEM_STAT_ANY	20

#define SEM_UNDO	0x1000

/* Linux's default limits (/proc/sys/kernel/sem: 32000 1024000000 500 32000). */
#define SEMMSL		32000	/* semaphores per set */
#define SEMOPM		500	/* operations per semop */
#define SEMVMX		32767	/* largest value */
#define SEMAEM		SEMVMX	/* largest undo adjustment */
#define SEMMNS		(IPC_MAX_OBJECTS * SEMMSL)

struct sembuf {
	u16 sem_num;
	s16 sem_op;
	s16 sem_flg;
};

struct sem {
	int semval;
	pid_t sempid;		/* the process of the last operation */
};

struct sem_array {
	struct kern_ipc_perm perm;
	u32 otime, ctime;
	int nsems;
	struct list_head pending;	/* struct sem_queue, in arrival order */
	struct list_head undos;		/* struct sem_undo, list_id */
	struct sem sems[];
};

/* A sleeping semop (on the sleeper's stack). */
struct sem_queue {
	struct list_head list;
	struct task_struct *task;
	struct sembuf *sops;
	int nsops;
	int blocking;		/* index of the operation that waits */
	struct sem_undo *undo;	/* SEM_UNDO: the caller's entry */
	pid_t pid;
	int status;		/* -EINPROGRESS until done; then 0 or -errno */
};

/* One process's adjustments for one set. */
struct sem_undo {
	struct list_head list_proc;	/* in the undo list */
	struct list_head list_id;	/* in the set's undos */
	struct sem_undo_list *ulp;
	int semid;
	s16 semadj[];
};

struct sem_undo_list {
	atomic_t refcnt;		/* tasks sharing it (CLONE_SYSVSEM) */
	struct list_head list;		/* struct sem_undo, under sem_ids.lock */
};

/* The i386 semid64_ds (IPC_64) and the old semid_ds. */
struct semid64_ds {
	struct ipc64_perm sem_perm;
	u32 sem_otime, sem_otime_high;
	u32 sem_ctime, sem_ctime_high;
	u32 sem_nsems;
	u32 __unused3, __unused4;
};

struct semid_ds_old {
	struct ipc_perm_old sem_perm;
	s32 sem_otime, sem_ctime;
	u32 sem_base, sem_pending, sem_pending_last, undo;
	u16 sem_nsems;
	u16 __pad;
};

struct seminfo {
	s32 semmap, semmni, semmns, semmnu, semmsl, semopm, semume, semusz;
	s32 semvmx, semaem;
};

static struct ipc_ids sem_ids;
static bool sem_ids_ready;
static DEFINE_MUTEX(sem_init_lock);

static struct ipc_ids *sem_table(void)
{
	if (!READ_ONCE(sem_ids_ready)) {
		mutex_lock(&sem_init_lock);
		if (!sem_ids_ready) {
			ipc_init_ids(&sem_ids, "sem_ids.lock");
			WRITE_ONCE(sem_ids_ready, true);
		}
		mutex_unlock(&sem_init_lock);
	}
	return &sem_ids;
}

static struct sem_array *to_sma(struct kern_ipc_perm *perm)
{
	return container_of(perm, struct sem_array, perm);
}

/* ---- semget ---------------------------------------------------------- */

static struct kern_ipc_perm *sem_newary(const struct ipc_params *p)
{
	int nsems = (int)p->arg;
	struct sem_array *sma;

	if (nsems <= 0 || nsems > SEMMSL)
		return ERR_PTR(-EINVAL);
	sma = kzalloc(sizeof(*sma) + nsems * sizeof(struct sem), GFP_KERNEL);
	if (!sma)
		return ERR_PTR(-ENOMEM);
	sma->nsems = nsems;
	sma->ctime = ipc_get_seconds();
	INIT_LIST_HEAD(&sma->pending);
	INIT_LIST_HEAD(&sma->undos);
	return &sma->perm;
}

static int sem_more_checks(struct kern_ipc_perm *perm,
			   const struct ipc_params *p)
{
	return (int)p->arg > to_sma(perm)->nsems ? -EINVAL : 0;
}

/**
 * ksys_semget - semget(2)
 * @key: the key, or IPC_PRIVATE
 * @nsems: semaphores in a new set (1..SEMMSL); at most the set's for an
 *	   existing one (0 accepted)
 * @semflg: IPC_CREAT, IPC_EXCL and the mode bits
 */
long ksys_semget(s32 key, int nsems, int semflg)
{
	static const struct ipc_ops ops = {
		.getnew = sem_newary,
		.more_checks = sem_more_checks,
	};
	struct ipc_params p = { .key = key, .flg = semflg, .arg = nsems };

	if (nsems < 0 || nsems > SEMMSL)
		return -EINVAL;
	return ipcget(sem_table(), &ops, &p);
}

/* ---- the operations -------------------------------------------------- */

/*
 * Try all of sops on sma. 0: done (values, pids and undo changed);
 * 1: one must wait (*blocking says which; nothing changed); -EAGAIN
 * instead when that one has IPC_NOWAIT; -ERANGE past SEMVMX or SEMAEM.
 */
static int try_atomic_semop(struct sem_array *sma, struct sembuf *sops,
			    int nsops, struct sem_undo *un, pid_t pid,
			    int *blocking)
{
	int i, ret;

	for (i = 0; i < nsops; i++) {
		struct sembuf *sop = &sops[i];
		struct sem *s = &sma->sems[sop->sem_num];
		int result = s->semval + sop->sem_op;

		if ((!sop->sem_op && s->semval) || result < 0) {
			*blocking = i;
			ret = (sop->sem_flg & IPC_NOWAIT) ? -EAGAIN : 1;
			goto revert;
		}
		if (result > SEMVMX) {
			ret = -ERANGE;
			goto revert;
		}
		if (sop->sem_flg & SEM_UNDO) {
			int adj = un->semadj[sop->sem_num] - sop->sem_op;

			if (adj < -SEMAEM - 1 || adj > SEMAEM) {
				ret = -ERANGE;
				goto revert;
			}
		}
		s->semval = result;
	}
	for (i = 0; i < nsops; i++) {
		sma->sems[sops[i].sem_num].sempid = pid;
		if (sops[i].sem_flg & SEM_UNDO)
			un->semadj[sops[i].sem_num] -= sops[i].sem_op;
	}
	sma->otime = ipc_get_seconds();
	return 0;
revert:
	while (--i >= 0)
		sma->sems[sops[i].sem_num].semval -= sops[i].sem_op;
	return ret;
}

/* sem_ids.lock held: finish q with status and wake its task. */
static void sem_wake(struct sem_queue *q, int status)
{
	list_del_init(&q->list);
	WRITE_ONCE(q->status, status);
	wake_up_process(q->task);
}

/*
 * Values changed: complete every pending semop that now fits, oldest
 * first, starting over after each success (it changed values too).
 */
static void update_queue(struct sem_array *sma)
{
	struct sem_queue *q, *tmp;
	bool again;

	do {
		again = false;
		list_for_each_entry_safe(q, tmp, &sma->pending, list) {
			int ret = try_atomic_semop(sma, q->sops, q->nsops,
						   q->undo, q->pid,
						   &q->blocking);

			if (ret == 1)
				continue;
			/* A waiter does not carry IPC_NOWAIT: 0 or -ERANGE. */
			sem_wake(q, ret);
			if (!ret) {
				again = true;
				break;
			}
		}
	} while (again);
}

/* sem_ids.lock held: the caller's undo entry for sma, made if needed. */
static struct sem_undo *find_alloc_undo(struct sem_array *sma)
{
	struct sem_undo_list *ulp = current->sysvsem_undo;
	struct sem_undo *un;

	if (!ulp) {
		ulp = kzalloc(sizeof(*ulp), GFP_KERNEL);
		if (!ulp)
			return ERR_PTR(-ENOMEM);
		atomic_set(&ulp->refcnt, 1);
		INIT_LIST_HEAD(&ulp->list);
		current->sysvsem_undo = ulp;
	}
	list_for_each_entry(un, &ulp->list, list_proc)
		if (un->semid == sma->perm.id)
			return un;
	un = kzalloc(sizeof(*un) + sma->nsems * sizeof(s16), GFP_KERNEL);
	if (!un)
		return ERR_PTR(-ENOMEM);
	un->ulp = ulp;
	un->semid = sma->perm.id;
	list_add(&un->list_proc, &ulp->list);
	list_add(&un->list_id, &sma->undos);
	return un;
}

static void free_undo(struct sem_undo *un)
{
	list_del(&un->list_proc);
	list_del(&un->list_id);
	kfree(un);
}

/* A relative timeout (old or 64-bit timespec) in ns; FUTEX-style ~0. */
static long sem_get_timeout(const void __user *uts, bool time64, u64 *ns)
{
	s64 sec, nsec;

	*ns = ~0ULL;
	if (!uts)
		return 0;
	if (time64) {
		struct { s64 tv_sec; s32 tv_nsec, pad; } ts;

		if (copy_from_user(&ts, uts, sizeof(ts)))
			return -EFAULT;
		sec = ts.tv_sec;
		nsec = ts.tv_nsec;
	} else {
		struct { s32 tv_sec, tv_nsec; } ts;

		if (copy_from_user(&ts, uts, sizeof(ts)))
			return -EFAULT;
		sec = ts.tv_sec;
		nsec = ts.tv_nsec;
	}
	if (sec < 0 || nsec < 0 || nsec >= (s64)NSEC_PER_SEC)
		return -EINVAL;
	if (sec < 100LL * 365 * 24 * 3600)
		*ns = (u64)sec * NSEC_PER_SEC + (u64)nsec;
	return 0;
}

/* Sleep on q until it is done, a signal or the deadline; 0 or -errno. */
static long sem_sleep(struct ipc_ids *ids, struct sem_queue *q, u64 timeout)
{
	u64 deadline = timeout == ~0ULL ? ~0ULL : ktime_get_ns() + timeout;
	long ret;

	for (;;) {
		u64 now;

		set_current_state(TASK_INTERRUPTIBLE);
		if (READ_ONCE(q->status) != -EINPROGRESS ||
		    signal_pending(current))
			break;
		now = ktime_get_ns();
		if (deadline != ~0ULL && now >= deadline)
			break;
		schedule_timeout(deadline == ~0ULL ? ~0ULL : deadline - now);
	}
	__set_current_state(TASK_RUNNING);

	mutex_lock(&ids->lock);
	ret = q->status;
	if (ret == -EINPROGRESS) {
		list_del(&q->list);	/* the set still exists: see the top */
		ret = signal_pending(current) ? -EINTR : -EAGAIN;
	}
	mutex_unlock(&ids->lock);
	return ret;
}

/**
 * do_semtimedop - semop(2) and semtimedop(2)
 * @semid: the set
 * @usops: the operations
 * @nsops: how many (1..SEMOPM)
 * @uts: relative timeout (old or time64 timespec), or NULL
 * @time64: which timespec uts points to
 *
 * Returns 0, or -EINVAL, -E2BIG, -EFBIG (sem_num), -EFAULT, -EACCES,
 * -EIDRM, -EAGAIN (IPC_NOWAIT or timeout), -ERANGE, -EINTR, -ENOMEM.
 */
long do_semtimedop(int semid, const void __user *usops, unsigned int nsops,
		   const void __user *uts, bool time64)
{
	struct ipc_ids *ids = sem_table();
	struct sem_queue q = { .status = -EINPROGRESS };
	struct kern_ipc_perm *perm;
	struct sem_array *sma;
	struct sembuf *sops;
	bool alter = false, undo = false;
	u16 max = 0;
	u64 timeout;
	long ret;

	if (semid < 0 || nsops < 1)
		return -EINVAL;
	if (nsops > SEMOPM)
		return -E2BIG;
	sops = kmalloc(nsops * sizeof(*sops), GFP_KERNEL);
	if (!sops)
		return -ENOMEM;
	ret = -EFAULT;
	if (copy_from_user(sops, usops, nsops * sizeof(*sops)))
		goto out_free;
	ret = sem_get_timeout(uts, time64, &timeout);
	if (ret)
		goto out_free;
	for (unsigned int i = 0; i < nsops; i++) {
		if (sops[i].sem_num > max)
			max = sops[i].sem_num;
		if (sops[i].sem_flg & SEM_UNDO)
			undo = true;
		if (sops[i].sem_op)
			alter = true;
	}

	ret = -EINTR;
	if (mutex_lock_killable(&ids->lock))
		goto out_free;
	perm = ipc_obtain(ids, semid);
	ret = PTR_ERR(perm);
	if (IS_ERR(perm))
		goto out_unlock;
	sma = to_sma(perm);
	ret = -EFBIG;
	if (max >= sma->nsems)
		goto out_unlock;
	ret = ipcperms(perm, alter ? 0222 : 0444);
	if (ret)
		goto out_unlock;
	if (undo) {
		q.undo = find_alloc_undo(sma);
		if (IS_ERR(q.undo)) {
			ret = PTR_ERR(q.undo);
			goto out_unlock;
		}
	}
	q.pid = current->tgid;
	ret = try_atomic_semop(sma, sops, nsops, q.undo, q.pid, &q.blocking);
	if (ret <= 0) {
		if (!ret && alter)
			update_queue(sma);
		goto out_unlock;
	}
	q.task = current;
	q.sops = sops;
	q.nsops = nsops;
	list_add_tail(&q.list, &sma->pending);
	mutex_unlock(&ids->lock);
	ret = sem_sleep(ids, &q, timeout);
	goto out_free;
out_unlock:
	mutex_unlock(&ids->lock);
out_free:
	kfree(sops);
	return ret;
}

/* ---- semctl ---------------------------------------------------------- */

static int sem_copy_out(void __user *buf, struct sem_array *sma, int version)
{
	if (version == IPC_64) {
		struct semid64_ds ds = {
			.sem_otime = sma->otime, .sem_ctime = sma->ctime,
			.sem_nsems = sma->nsems,
		};

		ipc_fill_perm64(&sma->perm, &ds.sem_perm);
		return copy_to_user(buf, &ds, sizeof(ds)) ? -EFAULT : 0;
	} else {
		struct semid_ds_old ds = {
			.sem_otime = sma->otime, .sem_ctime = sma->ctime,
			.sem_nsems = sma->nsems,
		};

		ipc_fill_perm_old(&sma->perm, &ds.sem_perm);
		return copy_to_user(buf, &ds, sizeof(ds)) ? -EFAULT : 0;
	}
}

static long semctl_info(int cmd, void __user *buf)
{
	struct ipc_ids *ids = sem_table();
	struct seminfo si = {
		.semmni = IPC_MAX_OBJECTS, .semmns = SEMMNS,
		.semmsl = SEMMSL, .semopm = SEMOPM, .semvmx = SEMVMX,
		.semaem = SEMAEM, .semmnu = SEMMNS, .semmap = SEMMNS,
		.semume = SEMOPM, .semusz = sizeof(struct sem_undo),
	};
	long ret;

	mutex_lock(&ids->lock);
	if (cmd == SEM_INFO) {
		/* Linux puts the sets in use and their semaphores here. */
		si.semusz = ids->in_use;
		si.semaem = 0;
		for (int i = 0; i < ids->max_idx; i++)
			if (ids->entries[i])
				si.semaem += to_sma(ids->entries[i])->nsems;
	}
	ret = ids->max_idx ? ids->max_idx - 1 : 0;
	mutex_unlock(&ids->lock);
	if (copy_to_user(buf, &si, sizeof(si)))
		return -EFAULT;
	return ret;
}

/* sem_ids.lock held: forget every process's adjustment of sem semnum
 * (-1: all of them), as a SETVAL or SETALL does on Linux. */
static void sem_reset_undo(struct sem_array *sma, int semnum)
{
	struct sem_undo *un;

	list_for_each_entry(un, &sma->undos, list_id) {
		if (semnum >= 0)
			un->semadj[semnum] = 0;
		else
			memset(un->semadj, 0, sma->nsems * sizeof(s16));
	}
}

/* sem_ids.lock held: IPC_RMID - every sleeper gets EIDRM. */
static void sem_free(struct ipc_ids *ids, struct sem_array *sma)
{
	struct sem_queue *q, *qt;
	struct sem_undo *un, *ut;

	list_for_each_entry_safe(q, qt, &sma->pending, list)
		sem_wake(q, -EIDRM);
	list_for_each_entry_safe(un, ut, &sma->undos, list_id)
		free_undo(un);
	ipc_rmid(ids, &sma->perm);
	kfree(sma);
}

/* GETNCNT / GETZCNT: sleepers whose waiting operation is on semnum. */
static int sem_count_waiters(struct sem_array *sma, int semnum, bool zero)
{
	struct sem_queue *q;
	int n = 0;

	list_for_each_entry(q, &sma->pending, list) {
		struct sembuf *sop = &q->sops[q->blocking];

		if (sop->sem_num == semnum && (zero ? !sop->sem_op
						    : sop->sem_op < 0))
			n++;
	}
	return n;
}

/* The commands on one set's values; sem_ids.lock held. */
static long semctl_values(struct sem_array *sma, int semnum, int cmd,
			  unsigned long arg, u16 *vals)
{
	switch (cmd) {
	case GETALL:
		for (int i = 0; i < sma->nsems; i++)
			vals[i] = sma->sems[i].semval;
		return 0;
	case SETALL:
		for (int i = 0; i < sma->nsems; i++)
			if (vals[i] > SEMVMX)
				return -ERANGE;
		for (int i = 0; i < sma->nsems; i++) {
			sma->sems[i].semval = vals[i];
			sma->sems[i].sempid = current->tgid;
		}
		sem_reset_undo(sma, -1);
		sma->ctime = ipc_get_seconds();
		update_queue(sma);
		return 0;
	}
	if (semnum < 0 || semnum >= sma->nsems)
		return -EINVAL;
	switch (cmd) {
	case GETVAL:
		return sma->sems[semnum].semval;
	case GETPID:
		return sma->sems[semnum].sempid;
	case GETNCNT:
		return sem_count_waiters(sma, semnum, false);
	case GETZCNT:
		return sem_count_waiters(sma, semnum, true);
	case SETVAL:
		if ((int)arg < 0 || (int)arg > SEMVMX)
			return -ERANGE;
		sma->sems[semnum].semval = (int)arg;
		sma->sems[semnum].sempid = current->tgid;
		sem_reset_undo(sma, semnum);
		sma->ctime = ipc_get_seconds();
		update_queue(sma);
		return 0;
	}
	return -EINVAL;
}

static bool sem_cmd_writes(int cmd)
{
	return cmd == SETVAL || cmd == SETALL;
}

/**
 * ksys_semctl - semctl(2)
 * @semid: the set (an index for SEM_STAT, SEM_STAT_ANY)
 * @semnum: the semaphore, for the per-semaphore commands
 * @cmd: the command, without IPC_64
 * @arg: union semun passed by value: val, or a user pointer
 * @version: IPC_64 or IPC_OLD (the layout of struct semid_ds)
 */
long ksys_semctl(int semid, int semnum, int cmd, unsigned long arg,
		 int version)
{
	struct ipc_ids *ids = sem_table();
	void __user *uptr = (void __user *)arg;
	struct kern_ipc_perm *perm;
	struct sem_array *sma;
	u16 *vals = NULL;
	int nsems = 0;
	u32 uid = 0, gid = 0, mode = 0;
	long ret;

	if (semid < 0)
		return -EINVAL;
	switch (cmd) {
	case IPC_INFO:
	case SEM_INFO:
		return semctl_info(cmd, uptr);
	case IPC_SET:
		if (version == IPC_64) {
			struct semid64_ds ds;

			if (copy_from_user(&ds, uptr, sizeof(ds)))
				return -EFAULT;
			uid = ds.sem_perm.uid;
			gid = ds.sem_perm.gid;
			mode = ds.sem_perm.mode;
		} else {
			struct semid_ds_old ds;

			if (copy_from_user(&ds, uptr, sizeof(ds)))
				return -EFAULT;
			uid = ds.sem_perm.uid;
			gid = ds.sem_perm.gid;
			mode = ds.sem_perm.mode;
		}
		break;
	case IPC_STAT: case SEM_STAT: case SEM_STAT_ANY: case IPC_RMID:
	case GETVAL: case GETPID: case GETNCNT: case GETZCNT: case SETVAL:
	case GETALL: case SETALL:
		break;
	default:
		return -EINVAL;
	}

	mutex_lock(&ids->lock);
again:
	perm = (cmd == SEM_STAT || cmd == SEM_STAT_ANY) ?
		ipc_obtain_idx(ids, semid) : ipc_obtain(ids, semid);
	ret = PTR_ERR(perm);
	if (IS_ERR(perm))
		goto out;
	sma = to_sma(perm);
	if ((cmd == GETALL || cmd == SETALL) && nsems != sma->nsems) {
		/* A buffer for the values, copied without the lock. */
		nsems = sma->nsems;
		mutex_unlock(&ids->lock);
		kfree(vals);
		vals = kmalloc(nsems * sizeof(u16), GFP_KERNEL);
		if (!vals)
			return -ENOMEM;
		if (cmd == SETALL &&
		    copy_from_user(vals, uptr, nsems * sizeof(u16))) {
			kfree(vals);
			return -EFAULT;
		}
		mutex_lock(&ids->lock);
		goto again;	/* the set may be gone or another one now */
	}
	switch (cmd) {
	case IPC_RMID:
	case IPC_SET:
		ret = ipc_check_owner(perm);
		if (ret)
			break;
		if (cmd == IPC_RMID) {
			sem_free(ids, sma);
		} else {
			ipc_update_perm(perm, uid, gid, mode);
			sma->ctime = ipc_get_seconds();
		}
		break;
	case IPC_STAT:
	case SEM_STAT:
	case SEM_STAT_ANY:
		ret = cmd == SEM_STAT_ANY ? 0 : ipcperms(perm, 0444);
		if (ret)
			break;
		ret = sem_copy_out(uptr, sma, version);
		if (!ret && cmd != IPC_STAT)
			ret = perm->id;
		break;
	default:
		ret = ipcperms(perm, sem_cmd_writes(cmd) ? 0222 : 0444);
		if (!ret)
			ret = semctl_values(sma, semnum, cmd, arg, vals);
		break;
	}
out:
	mutex_unlock(&ids->lock);
	if (!ret && cmd == GETALL &&
	    copy_to_user(uptr, vals, nsems * sizeof(u16)))
		ret = -EFAULT;
	kfree(vals);
	return ret;
}

/* ---- fork and exit --------------------------------------------------- */

/**
 * copy_semundo - a new task's undo list
 * @clone_flags: CLONE_SYSVSEM shares the caller's (made now if it has
 *		 none, so that both see what either adds later)
 * @p: the new task
 *
 * Without CLONE_SYSVSEM the task starts with no adjustments (Linux).
 * Returns 0 or -ENOMEM.
 */
int copy_semundo(unsigned long clone_flags, struct task_struct *p)
{
	struct sem_undo_list *ulp;

	p->sysvsem_undo = NULL;
	if (!(clone_flags & CLONE_SYSVSEM))
		return 0;
	ulp = current->sysvsem_undo;
	if (!ulp) {
		ulp = kzalloc(sizeof(*ulp), GFP_KERNEL);
		if (!ulp)
			return -ENOMEM;
		atomic_set(&ulp->refcnt, 1);
		INIT_LIST_HEAD(&ulp->list);
		current->sysvsem_undo = ulp;
	}
	atomic_inc(&ulp->refcnt);
	p->sysvsem_undo = ulp;
	return 0;
}

/* sem_ids.lock held: apply one undo entry to its set (which exists:
 * IPC_RMID frees a set's entries) and free it. */
static void sem_apply_undo(struct ipc_ids *ids, struct sem_undo *un,
			   pid_t pid)
{
	struct kern_ipc_perm *perm = ipc_obtain(ids, un->semid);
	struct sem_array *sma;

	if (WARN_ON(IS_ERR(perm))) {
		free_undo(un);
		return;
	}
	sma = to_sma(perm);
	for (int i = 0; i < sma->nsems; i++) {
		int v = sma->sems[i].semval + un->semadj[i];

		if (!un->semadj[i])
			continue;
		sma->sems[i].semval = v < 0 ? 0 : v > SEMVMX ? SEMVMX : v;
		sma->sems[i].sempid = pid;
	}
	free_undo(un);
	update_queue(sma);
}

/**
 * exit_sem - a task exits: its SEM_UNDO adjustments
 * @t: the exiting task (current)
 *
 * The last task sharing the undo list applies every entry, each set's
 * values clamped to 0..SEMVMX, and wakes the semops that now fit.
 */
void exit_sem(struct task_struct *t)
{
	struct sem_undo_list *ulp = t->sysvsem_undo;
	struct sem_undo *un, *tmp;
	struct ipc_ids *ids;

	if (!ulp)
		return;
	t->sysvsem_undo = NULL;
	if (!atomic_dec_and_test(&ulp->refcnt))
		return;
	/* A list CLONE_SYSVSEM made may come before any sem call. */
	ids = sem_table();
	mutex_lock(&ids->lock);
	list_for_each_entry_safe(un, tmp, &ulp->list, list_proc)
		sem_apply_undo(ids, un, t->tgid);
	mutex_unlock(&ids->lock);
	kfree(ulp);
}

SYSCALL_DEFINE3(semget, s32, key, int, nsems, int, semflg)
{
	return ksys_semget(key, nsems, semflg);
}

SYSCALL_DEFINE4(semctl, int, semid, int, semnum, int, cmd,
		unsigned long, arg)
{
	return ksys_semctl(semid, semnum, cmd, arg, IPC_64);
}

SYSCALL_DEFINE4(semtimedop_time64, int, semid, const void __user *, sops,
		unsigned int, nsops, const void __user *, timeout)
{
	return do_semtimedop(semid, sops, nsops, timeout, true);
}
