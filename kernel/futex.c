// SPDX-License-Identifier: GPL-2.0
/*
 * futex(2): the kernel half of user-space locks (include/futex.h).
 *
 * A waiter is queued on a hash bucket chosen by its futex's key:
 *
 *   private (FUTEX_PRIVATE_FLAG): (mm, user address) - only threads of
 *       one address space can share it, no region lookup needed;
 *   shared, in a MAP_SHARED mapping of a file (tmpfs, /dev/shm, memfd,
 *       MAP_SHARED|MAP_ANONYMOUS, SysV shm): (inode, page index in the
 *       file, offset in page) - the same word reached through any
 *       mapping, in any process, at any address, meets;
 *   shared, in private memory: (mm, user address) again, marked shared
 *       so that it never meets a private key. Nobody else can see that
 *       memory (fork copies it), so the address space names it.
 *
 * A shared key names the inode by its address without holding it: if
 * every mapping goes and the inode is freed and reused while a waiter
 * sleeps, a wake on the new file may wake that waiter early, which a
 * futex user must tolerate anyway (it re-checks its word).
 *
 *   futex_hash[]:  bucket 0 ... bucket k ... bucket 255
 *                                  |
 *                       lock + list of struct futex_q (on waiters' stacks)
 *                             q{key, task, woken} -> q -> q
 *
 * No lost wake-ups: FUTEX_WAIT reads the user word while it holds the
 * bucket lock and queues itself in the same lock hold; a waker changes
 * the word in user space first and then takes the same lock to wake. So
 * either the waiter saw the new value (-EAGAIN) or it was queued before
 * the waker looked. The user word is read with get_user(), which walks
 * the page tables and never faults in the kernel.
 *
 * Lock order: bucket lock -> mm->lock (uaccess) and bucket lock ->
 * task->pi_lock -> rq->lock (wake_up_process). Two bucket locks (requeue)
 * are taken in address order.
 */
#include <futex.h>
#include <task.h>
#include <sched.h>
#include <mman.h>
#include <mm.h>
#include <fs.h>
#include <time.h>
#include <list.h>
#include <spinlock.h>
#include <uaccess.h>
#include <syscalls.h>
#include <kernel.h>
#include <errno.h>

#define FUTEX_HASH_BITS		8
#define FUTEX_HASH_SIZE		(1 << FUTEX_HASH_BITS)

struct futex_key {
	unsigned long base;	/* mm, or the inode of a shared mapping */
	unsigned long pgoff;	/* page index in that inode (else 0) */
	unsigned long offset;	/* user address, or the offset in the page */
	bool shared;
};

struct futex_bucket;

struct futex_q {
	struct list_head list;
	struct futex_bucket *hb;	/* whose list it is on; requeue moves it */
	struct futex_key key;
	struct task_struct *task;
	u32 bitset;		/* a WAKE_BITSET wakes it if the sets meet */
	bool woken;		/* set by the waker, under the bucket lock */
};

struct futex_bucket {
	spinlock_t lock;
	struct list_head waiters;
};

static struct futex_bucket futex_hash[FUTEX_HASH_SIZE];

void futex_init(void)
{
	for (int i = 0; i < FUTEX_HASH_SIZE; i++) {
		spin_lock_init(&futex_hash[i].lock, "futex_bucket");
		INIT_LIST_HEAD(&futex_hash[i].waiters);
	}
}

static struct futex_bucket *hash_futex(const struct futex_key *key)
{
	u32 h = (u32)key->base * 0x9E3779B1u ^ (u32)key->offset * 0x85EBCA6Bu ^
		(u32)key->pgoff * 0xC2B2AE35u;

	return &futex_hash[(h ^ (h >> 16) ^ key->shared) &
			   (FUTEX_HASH_SIZE - 1)];
}

static bool match_key(const struct futex_key *a, const struct futex_key *b)
{
	return a->base == b->base && a->offset == b->offset &&
	       a->pgoff == b->pgoff && a->shared == b->shared;
}

/*
 * The key of the futex at uaddr in the caller's address space (see the
 * top of the file). Reading the word first checks the address (-EFAULT)
 * and faults the page in, so that the region lookup finds its region.
 */
static int get_futex_key(u32 __user *uaddr, bool shared,
			 struct futex_key *key)
{
	unsigned long a = (unsigned long)uaddr;
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	u32 val;

	if (a & 3)
		return -EINVAL;
	if (!mm || get_user(val, uaddr))
		return -EFAULT;
	key->shared = shared;
	key->base = (unsigned long)mm;
	key->pgoff = 0;
	key->offset = a;
	if (!shared)
		return 0;
	spin_lock(&mm->lock);
	vma = find_vma(mm, a);
	if (!vma || vma->vm_start > a) {
		spin_unlock(&mm->lock);
		return -EFAULT;		/* unmapped since get_user() */
	}
	if (vma->vm_file && (vma->vm_flags & VM_SHARED)) {
		key->base = (unsigned long)file_inode(vma->vm_file);
		key->pgoff = vma->vm_pgoff +
			     ((a - vma->vm_start) >> PAGE_SHIFT);
		key->offset = a & ~PAGE_MASK;
	}
	spin_unlock(&mm->lock);
	return 0;
}

/*
 * Lock the bucket q is queued on. A requeue may move q (under both
 * buckets' locks) until we hold the right one, hence the re-check.
 */
static struct futex_bucket *lock_q_bucket(struct futex_q *q)
{
	for (;;) {
		struct futex_bucket *hb = READ_ONCE(q->hb);

		spin_lock(&hb->lock);
		if (hb == READ_ONCE(q->hb))
			return hb;
		spin_unlock(&hb->lock);
	}
}

/* Bucket lock held: dequeue q and let its task run. */
static void wake_futex(struct futex_q *q)
{
	struct task_struct *p = q->task;

	list_del_init(&q->list);
	/* Once woken is set, the waiter may return and q disappear; it
	 * cannot before we drop the bucket lock, which it takes to leave. */
	WRITE_ONCE(q->woken, true);
	wake_up_process(p);
}

static long futex_wait_bitset(u32 __user *uaddr, bool shared, u32 val,
			      u64 timeout_ns, u32 bitset)
{
	struct futex_q q = { .task = current, .bitset = bitset };
	struct futex_bucket *hb;
	u64 deadline = 0, left = timeout_ns;
	long ret;
	u32 cur;

	ret = get_futex_key(uaddr, shared, &q.key);
	if (ret)
		return ret;
	if (timeout_ns != FUTEX_NO_TIMEOUT)
		deadline = ktime_get_ns() + timeout_ns;
	hb = hash_futex(&q.key);

	spin_lock(&hb->lock);
	if (get_user(cur, uaddr)) {
		spin_unlock(&hb->lock);
		return -EFAULT;
	}
	if (cur != val) {
		spin_unlock(&hb->lock);
		return -EAGAIN;
	}
	q.hb = hb;
	list_add_tail(&q.list, &hb->waiters);
	set_current_state(TASK_INTERRUPTIBLE);
	spin_unlock(&hb->lock);

	ret = 0;
	while (!READ_ONCE(q.woken)) {
		/*
		 * Without a timeout the wait is simply made again (SA_RESTART
		 * or no handler); with one, a handler gets -EINTR and without
		 * a handler the call restarts with its original timeout.
		 */
		if (signal_pending(current)) {
			ret = timeout_ns == FUTEX_NO_TIMEOUT ? -ERESTARTSYS
							    : -ERESTARTNOHAND;
			break;
		}
		if (timeout_ns != FUTEX_NO_TIMEOUT) {
			u64 now = ktime_get_ns();

			if (now >= deadline) {
				ret = -ETIMEDOUT;
				break;
			}
			left = deadline - now;
		}
		schedule_timeout(left);
		set_current_state(TASK_INTERRUPTIBLE);
	}
	__set_current_state(TASK_RUNNING);

	/* A wake-up that raced with the timeout or signal still counts. */
	hb = lock_q_bucket(&q);
	if (q.woken)
		ret = 0;
	else
		list_del(&q.list);
	spin_unlock(&hb->lock);
	return ret;
}

long futex_wait(u32 __user *uaddr, bool shared, u32 val, u64 timeout_ns)
{
	return futex_wait_bitset(uaddr, shared, val, timeout_ns,
				 FUTEX_BITSET_MATCH_ANY);
}

static long futex_wake_bitset(u32 __user *uaddr, bool shared, int nr,
			      u32 bitset)
{
	struct futex_key key;
	struct futex_bucket *hb;
	struct futex_q *q, *tmp;
	long ret;
	int woken = 0;

	ret = get_futex_key(uaddr, shared, &key);
	if (ret)
		return ret;
	hb = hash_futex(&key);
	spin_lock(&hb->lock);
	list_for_each_entry_safe(q, tmp, &hb->waiters, list) {
		if (woken >= nr)
			break;
		if (match_key(&q->key, &key) && (q->bitset & bitset)) {
			wake_futex(q);
			woken++;
		}
	}
	spin_unlock(&hb->lock);
	return woken;
}

long futex_wake(u32 __user *uaddr, bool shared, int nr)
{
	return futex_wake_bitset(uaddr, shared, nr, FUTEX_BITSET_MATCH_ANY);
}

static void double_lock(struct futex_bucket *a, struct futex_bucket *b)
{
	if (a > b) {
		struct futex_bucket *t = a;

		a = b;
		b = t;
	}
	spin_lock(&a->lock);
	if (a != b)
		spin_lock(&b->lock);
}

static void double_unlock(struct futex_bucket *a, struct futex_bucket *b)
{
	if (a != b)
		spin_unlock(&b->lock);
	spin_unlock(&a->lock);
}

/*
 * Wake nr_wake waiters of uaddr and move up to nr_requeue others to
 * uaddr2 (without waking them). CMP_REQUEUE first checks *uaddr == cmp.
 * musl's condition variables hand waiters over to the mutex this way.
 */
static long futex_requeue(u32 __user *uaddr, u32 __user *uaddr2, bool shared,
			  int nr_wake, int nr_requeue, const u32 *cmp)
{
	struct futex_key key1, key2;
	struct futex_bucket *hb1, *hb2;
	struct futex_q *q, *tmp;
	long ret;
	int done = 0, moved = 0;
	u32 cur;

	if (nr_wake < 0 || nr_requeue < 0)
		return -EINVAL;
	ret = get_futex_key(uaddr, shared, &key1);
	if (!ret)
		ret = get_futex_key(uaddr2, shared, &key2);
	if (ret)
		return ret;
	hb1 = hash_futex(&key1);
	hb2 = hash_futex(&key2);
	double_lock(hb1, hb2);
	if (cmp) {
		if (get_user(cur, uaddr)) {
			ret = -EFAULT;
			goto out;
		}
		if (cur != *cmp) {
			ret = -EAGAIN;
			goto out;
		}
	}
	list_for_each_entry_safe(q, tmp, &hb1->waiters, list) {
		if (!match_key(&q->key, &key1))
			continue;
		if (done < nr_wake) {
			wake_futex(q);
			done++;
		} else if (moved < nr_requeue) {
			q->key = key2;
			if (hb1 != hb2) {
				list_del(&q->list);
				list_add_tail(&q->list, &hb2->waiters);
				WRITE_ONCE(q->hb, hb2);
			}
			moved++;
		} else {
			break;
		}
	}
	ret = cmp ? done + moved : done;
out:
	double_unlock(hb1, hb2);
	return ret;
}

/* A relative timeout from user space, in ns; -errno if invalid. */
static long futex_timeout(const void __user *utime, bool time64, u64 *ns)
{
	s64 sec, nsec;

	if (!utime) {
		*ns = FUTEX_NO_TIMEOUT;
		return 0;
	}
	if (time64) {
		struct { s64 tv_sec; s32 tv_nsec, pad; } ts;

		if (copy_from_user(&ts, utime, sizeof(ts)))
			return -EFAULT;
		sec = ts.tv_sec;
		nsec = ts.tv_nsec;
	} else {
		struct { s32 tv_sec, tv_nsec; } ts;

		if (copy_from_user(&ts, utime, sizeof(ts)))
			return -EFAULT;
		sec = ts.tv_sec;
		nsec = ts.tv_nsec;
	}
	if (sec < 0 || nsec < 0 || nsec >= 1000000000)
		return -EINVAL;
	/* Past a century means "for ever" in practice; avoid overflow. */
	if (sec > 100LL * 365 * 24 * 3600)
		*ns = FUTEX_NO_TIMEOUT;
	else
		*ns = (u64)sec * 1000000000ULL + (u64)nsec;
	return 0;
}

/* An absolute deadline on the op's clock, as time left from now. */
static u64 futex_abs_to_rel(int op, u64 deadline)
{
	u64 now;

	clock_now(op & FUTEX_CLOCK_REALTIME ? CLOCK_REALTIME : CLOCK_MONOTONIC,
		  &now);
	return deadline > now ? deadline - now : 0;
}

static long do_futex(u32 __user *uaddr, int op, u32 val,
		     const void __user *utime, u32 __user *uaddr2, u32 val3,
		     bool time64)
{
	bool shared = !(op & FUTEX_PRIVATE_FLAG);
	u64 ns;
	long ret;

	switch (op & FUTEX_CMD_MASK) {
	case FUTEX_WAIT:
		/* Only CLOCK_MONOTONIC relative waits, as Linux's WAIT. */
		if (op & FUTEX_CLOCK_REALTIME)
			return -ENOSYS;
		ret = futex_timeout(utime, time64, &ns);
		if (ret)
			return ret;
		return futex_wait(uaddr, shared, val, ns);
	case FUTEX_WAIT_BITSET:
		/* glibc's waits: an absolute deadline on either clock. */
		if (!val3)
			return -EINVAL;
		ret = futex_timeout(utime, time64, &ns);
		if (ret)
			return ret;
		if (ns != FUTEX_NO_TIMEOUT)
			ns = futex_abs_to_rel(op, ns);
		return futex_wait_bitset(uaddr, shared, val, ns, val3);
	case FUTEX_WAKE_BITSET:
		if (!val3)
			return -EINVAL;
		return futex_wake_bitset(uaddr, shared, (int)val, val3);
	case FUTEX_WAKE:
		return futex_wake(uaddr, shared, (int)val);
	case FUTEX_REQUEUE:
		/* The 4th argument is nr_requeue, not a timeout. */
		return futex_requeue(uaddr, uaddr2, shared, (int)val,
				     (int)(unsigned long)utime, NULL);
	case FUTEX_CMP_REQUEUE:
		return futex_requeue(uaddr, uaddr2, shared, (int)val,
				     (int)(unsigned long)utime, &val3);
	default:
		return -ENOSYS;
	}
}

SYSCALL_DEFINE6(futex, u32 __user *, uaddr, int, op, u32, val,
		const void __user *, utime, u32 __user *, uaddr2, u32, val3)
{
	return do_futex(uaddr, op, val, utime, uaddr2, val3, false);
}

SYSCALL_DEFINE6(futex_time64, u32 __user *, uaddr, int, op, u32, val,
		const void __user *, utime, u32 __user *, uaddr2, u32, val3)
{
	return do_futex(uaddr, op, val, utime, uaddr2, val3, true);
}

/*
 * A thread ends: if it asked (CLONE_CHILD_CLEARTID or set_tid_address),
 * zero its tid word and wake one waiter. pthread_join() sleeps on that
 * word, and musl's thread-list lock is handed over through it.
 */
void futex_exit_clear_tid(struct task_struct *t)
{
	u32 __user *tidptr = (u32 __user *)(unsigned long)t->clear_child_tid;

	if (!tidptr || !t->mm)
		return;
	t->clear_child_tid = 0;
	if (put_user(0u, tidptr))
		return;
	/* musl waits with FUTEX_PRIVATE; Linux wakes both kinds. */
	do_futex(tidptr, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, NULL, NULL, 0,
		 false);
	do_futex(tidptr, FUTEX_WAKE, 1, NULL, NULL, 0, false);
}

/*
 * The robust-futex list head is remembered (get_robust_list is not
 * provided) but not walked at exit: a thread that dies holding a robust
 * mutex leaves it locked (Documentation/syscalls.md).
 */
SYSCALL_DEFINE2(set_robust_list, void __user *, head, size_t, len)
{
	if (len != 12)		/* sizeof(struct robust_list_head) on i386 */
		return -EINVAL;
	current->robust_list = (u32)(unsigned long)head;
	return 0;
}
