// SPDX-License-Identifier: GPL-2.0
/*
 * Record locks: byte ranges of a file locked for reading (shared) or
 * writing (exclusive), advisory, as fcntl(2) defines them.
 *
 *   POSIX locks (F_SETLK, F_SETLKW, F_GETLK) belong to a process: to its
 *   descriptor table, so threads share them and fork does not pass them
 *   on. Closing any descriptor of the file, and the end of the process,
 *   drops every lock the process holds on it.
 *   OFD locks (F_OFD_SETLK, ...) belong to the open file description:
 *   dup and fork share them, and they go with its last close.
 *
 * Every inode has a list of the locks on it (i_flock); one owner's locks
 * never overlap one another: a new lock replaces the parts of the owner's
 * old ones it covers, and merges with those of the same type it touches.
 * Two locks conflict when they overlap, have different owners and one
 * of them is a write lock.
 *
 * F_SETLKW sleeps (interruptibly) until nothing is in the way. Before it
 * sleeps it follows the chain "the owner in my way is waiting for a lock
 * of ..." through the waiting POSIX owners: if the chain comes back to
 * the caller, sleeping would never end and it is -EDEADLK instead. OFD
 * waiters are not checked (as on Linux).
 *
 * Locking: one spinlock, file_lock_lock, guards every list and the
 * waiters; nothing under it sleeps or touches user memory. Any change
 * that may free a range wakes every waiter, each of which looks again.
 */
#include <filelock.h>
#include <fs.h>
#include <task.h>
#include <wait.h>
#include <signal.h>
#include <mm.h>
#include <kernel.h>
#include <printk.h>
#include <errno.h>

#define OFFSET_MAX	0x7fffffffffffffffLL
#define DEADLOCK_DEPTH	16	/* Linux's MAX_DEADLK_ITERATIONS is 10 */

struct file_lock {
	struct list_head fl_list;	/* in inode->i_flock */
	void *fl_owner;			/* files_struct, or the file (OFD) */
	pid_t fl_pid;			/* F_GETLK's l_pid: tgid, or -1 */
	bool fl_ofd;
	short fl_type;			/* F_RDLCK or F_WRLCK */
	loff_t fl_start, fl_end;	/* inclusive; OFFSET_MAX: to EOF */
};

/* A POSIX owner asleep in F_SETLKW, and the owner it waits for. */
struct lock_waiter {
	struct list_head list;
	void *owner;
	void *blocker;
};

static DEFINE_SPINLOCK(file_lock_lock);
static LIST_HEAD(blocked_owners);
static DECLARE_WAIT_QUEUE_HEAD(file_lock_wait);

static bool ranges_overlap(const struct file_lock *a, const struct file_lock *b)
{
	return a->fl_start <= b->fl_end && b->fl_start <= a->fl_end;
}

static bool locks_conflict(const struct file_lock *a, const struct file_lock *b)
{
	if (a->fl_owner == b->fl_owner || !ranges_overlap(a, b))
		return false;
	return a->fl_type == F_WRLCK || b->fl_type == F_WRLCK;
}

/* file_lock_lock held: the first lock of another owner in req's way. */
static struct file_lock *find_conflict(struct inode *inode,
				       const struct file_lock *req)
{
	struct file_lock *fl;

	list_for_each_entry(fl, &inode->i_flock, fl_list)
		if (locks_conflict(fl, req))
			return fl;
	return NULL;
}

static loff_t file_size(struct inode *inode)
{
	loff_t size;

	spin_lock(&inode->i_lock);	/* a 64-bit read on i386 */
	size = inode->i_size;
	spin_unlock(&inode->i_lock);
	return size;
}

/*
 * The byte range a struct flock names: from l_whence + l_start, l_len
 * bytes (0: to the end of any file, negative: the bytes before).
 */
static int flock_to_lock(struct file *f, const struct kflock *kf,
			 struct file_lock *fl)
{
	loff_t base, start, end;

	switch (kf->l_whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = READ_ONCE(f->f_pos);
		break;
	case SEEK_END:
		base = file_size(file_inode(f));
		break;
	default:
		return -EINVAL;
	}
	if (kf->l_start > 0 && base > OFFSET_MAX - kf->l_start)
		return -EOVERFLOW;
	start = base + kf->l_start;
	if (start < 0)
		return -EINVAL;
	if (kf->l_len > 0) {
		if (kf->l_len - 1 > OFFSET_MAX - start)
			return -EOVERFLOW;
		end = start + kf->l_len - 1;
	} else if (kf->l_len < 0) {
		end = start - 1;
		if (kf->l_len == (s64)(-OFFSET_MAX - 1) || start + kf->l_len < 0)
			return -EINVAL;
		start += kf->l_len;
	} else {
		end = OFFSET_MAX;
	}
	fl->fl_start = start;
	fl->fl_end = end;
	fl->fl_type = kf->l_type;
	return 0;
}

/* Fill in the owner: the process's table, or the open file (OFD). */
static int lock_owner(struct file *f, bool ofd, const struct kflock *kf,
		      struct file_lock *fl)
{
	if (ofd) {
		/* l_pid must be 0 for OFD requests (Linux). */
		if (kf->l_pid)
			return -EINVAL;
		fl->fl_owner = f;
		fl->fl_pid = -1;
	} else {
		fl->fl_owner = current->files;
		fl->fl_pid = current->tgid;
	}
	fl->fl_ofd = ofd;
	return 0;
}

static int lock_request(struct file *f, bool ofd, const struct kflock *kf,
			struct file_lock *fl)
{
	int err;

	if (f->f_mode & FMODE_PATH)
		return -EBADF;
	if (kf->l_type != F_RDLCK && kf->l_type != F_WRLCK &&
	    kf->l_type != F_UNLCK)
		return -EINVAL;
	err = flock_to_lock(f, kf, fl);
	if (err)
		return err;
	return lock_owner(f, ofd, kf, fl);
}

int fcntl_getlk(struct file *f, bool ofd, struct kflock *kf)
{
	struct inode *inode = file_inode(f);
	struct file_lock req, *fl;
	int err;

	if (kf->l_type == F_UNLCK)
		return -EINVAL;
	err = lock_request(f, ofd, kf, &req);
	if (err)
		return err;
	spin_lock(&file_lock_lock);
	fl = find_conflict(inode, &req);
	if (fl) {
		kf->l_type = fl->fl_type;
		kf->l_whence = SEEK_SET;
		kf->l_start = fl->fl_start;
		kf->l_len = fl->fl_end == OFFSET_MAX ? 0 :
			    fl->fl_end - fl->fl_start + 1;
		kf->l_pid = fl->fl_pid;
	} else {
		kf->l_type = F_UNLCK;
	}
	spin_unlock(&file_lock_lock);
	return 0;
}

/*
 * file_lock_lock held. Would owner `me`, waiting for `blocker`, close a
 * cycle? Follow who each waiting owner waits for.
 */
static bool posix_deadlock(void *me, void *blocker)
{
	for (int i = 0; i < DEADLOCK_DEPTH && blocker; i++) {
		struct lock_waiter *w, *found = NULL;

		if (blocker == me)
			return true;
		list_for_each_entry(w, &blocked_owners, list) {
			if (w->owner == blocker) {
				found = w;
				break;
			}
		}
		blocker = found ? found->blocker : NULL;
	}
	return false;
}

static void free_lock(struct file_lock *fl)
{
	list_del(&fl->fl_list);
	kfree(fl);
}

/*
 * file_lock_lock held: put req (or, for F_UNLCK, a hole) over the
 * owner's locks on inode. spare[] holds two preallocated locks, for the
 * new lock and for the tail of an old one it splits; what is used is
 * set to NULL.
 */
static void apply_lock(struct inode *inode, struct file_lock *req,
		       struct file_lock **spare)
{
	struct file_lock *fl, *tmp, *split;
	loff_t start = req->fl_start, end = req->fl_end;

	list_for_each_entry_safe(fl, tmp, &inode->i_flock, fl_list) {
		if (fl->fl_owner != req->fl_owner)
			continue;
		if (fl->fl_type == req->fl_type) {
			/* Same type, overlapping or touching: merge. */
			bool touches = (start > 0 && fl->fl_end == start - 1) ||
				       (end < OFFSET_MAX && fl->fl_start == end + 1);

			if (!ranges_overlap(fl, req) && !touches)
				continue;
			start = min(start, fl->fl_start);
			end = max(end, fl->fl_end);
			free_lock(fl);
			continue;
		}
		if (!ranges_overlap(fl, req))
			continue;
		if (fl->fl_start >= req->fl_start && fl->fl_end <= req->fl_end) {
			free_lock(fl);
		} else if (fl->fl_start < req->fl_start &&
			   fl->fl_end > req->fl_end) {
			split = spare[1];
			spare[1] = NULL;
			*split = *fl;
			split->fl_start = req->fl_end + 1;
			list_add(&split->fl_list, &fl->fl_list);
			fl->fl_end = req->fl_start - 1;
		} else if (fl->fl_start < req->fl_start) {
			fl->fl_end = req->fl_start - 1;
		} else {
			fl->fl_start = req->fl_end + 1;
		}
	}
	if (req->fl_type == F_UNLCK)
		return;
	fl = spare[0];
	spare[0] = NULL;
	*fl = *req;
	fl->fl_start = start;
	fl->fl_end = end;
	list_add_tail(&fl->fl_list, &inode->i_flock);
}

/* Sleep until a lock changes; 0, or -ERESTARTSYS on a signal. */
static int wait_for_unlock(struct lock_waiter *waiter)
{
	DEFINE_WAIT(w);
	int ret = 0;

	/* Queued before file_lock_lock is dropped: no wake-up is lost. */
	prepare_to_wait(&file_lock_wait, &w, TASK_INTERRUPTIBLE);
	list_add(&waiter->list, &blocked_owners);
	spin_unlock(&file_lock_lock);
	if (signal_pending(current))
		ret = -ERESTARTSYS;
	else
		schedule();
	finish_wait(&file_lock_wait, &w);
	spin_lock(&file_lock_lock);
	list_del(&waiter->list);
	spin_unlock(&file_lock_lock);
	return ret;
}

int fcntl_setlk(struct file *f, bool ofd, bool wait, const struct kflock *kf)
{
	struct inode *inode = file_inode(f);
	struct file_lock req, *fl, *spare[2];
	struct lock_waiter waiter;
	int err;

	err = lock_request(f, ofd, kf, &req);
	if (err)
		return err;
	if ((req.fl_type == F_RDLCK && !(f->f_mode & FMODE_READ)) ||
	    (req.fl_type == F_WRLCK && !(f->f_mode & FMODE_WRITE)))
		return -EBADF;
	spare[0] = kmalloc(sizeof(*fl), GFP_KERNEL);
	spare[1] = kmalloc(sizeof(*fl), GFP_KERNEL);
	err = -ENOMEM;
	if (!spare[0] || !spare[1])
		goto out;
	for (;;) {
		spin_lock(&file_lock_lock);
		fl = req.fl_type == F_UNLCK ? NULL : find_conflict(inode, &req);
		if (!fl) {
			apply_lock(inode, &req, spare);
			spin_unlock(&file_lock_lock);
			wake_up_all(&file_lock_wait);
			err = 0;
			break;
		}
		err = -EAGAIN;
		if (wait && !ofd && posix_deadlock(req.fl_owner, fl->fl_owner))
			err = -EDEADLK;
		if (!wait || err == -EDEADLK) {
			spin_unlock(&file_lock_lock);
			break;
		}
		waiter.owner = req.fl_owner;
		waiter.blocker = ofd ? NULL : fl->fl_owner;
		err = wait_for_unlock(&waiter);	/* drops file_lock_lock */
		if (err)
			break;
	}
out:
	kfree(spare[0]);
	kfree(spare[1]);
	return err;
}

/* Remove every lock of owner (POSIX or OFD as ofd says) on inode. */
static void remove_owner_locks(struct inode *inode, void *owner, bool ofd)
{
	struct file_lock *fl, *tmp;
	bool removed = false;

	if (list_empty(&inode->i_flock))
		return;
	spin_lock(&file_lock_lock);
	list_for_each_entry_safe(fl, tmp, &inode->i_flock, fl_list) {
		if (fl->fl_owner == owner && fl->fl_ofd == ofd) {
			free_lock(fl);
			removed = true;
		}
	}
	spin_unlock(&file_lock_lock);
	if (removed)
		wake_up_all(&file_lock_wait);
}

void locks_remove_posix(struct file *f, struct files_struct *owner)
{
	if (f->f_inode && owner)
		remove_owner_locks(f->f_inode, owner, false);
}

void locks_remove_file(struct file *f)
{
	if (f->f_inode)
		remove_owner_locks(f->f_inode, f, true);
}

void locks_free_inode(struct inode *inode)
{
	struct file_lock *fl, *tmp;

	spin_lock(&file_lock_lock);
	list_for_each_entry_safe(fl, tmp, &inode->i_flock, fl_list) {
		pr_warn("locks: inode %llu freed with a lock of pid %d\n",
			(unsigned long long)inode->i_ino, fl->fl_pid);
		free_lock(fl);
	}
	spin_unlock(&file_lock_lock);
}
