// SPDX-License-Identifier: GPL-2.0
/*
 * Waiting for several files at once: poll, ppoll, ppoll_time64,
 * _newselect (select), pselect6 and pselect6_time64.
 *
 * Every call comes down to the same loop over the files it was given:
 *
 *   pass 1:   mask = f->f_op->poll(f, pt) for each file; pt registers one
 *             poll_table_entry (holding a file reference) on every wait
 *             queue the file names, whose wake function marks the whole
 *             call "triggered" and wakes the caller
 *   if nothing is ready, no signal is pending and time is left:
 *             sleep until triggered or the deadline
 *   pass 2..: the same with pt NULL (the entries stay queued)
 *   the end:  every entry leaves its queue, its file reference is dropped
 *
 * A wake-up between a pass and the sleep is not lost: "triggered" is
 * tested after the task state is set (see include/wait.h), so the sleep
 * either sees it or is ended by the wake-up itself.
 *
 * Timeouts are kept as an absolute deadline on the monotonic clock, so a
 * wake-up that finds nothing ready goes back to sleep for what is left;
 * select and ppoll/pselect write the time left back, as Linux does.
 * ppoll and pselect6 take a signal mask that is in force while they
 * wait (set_user_sigmask): a signal it unblocks ends the wait, its
 * handler runs under that mask, and the old mask is back when the call
 * returns -EINTR; with no handler to run the call restarts.
 */
#include <poll.h>
#include <fs.h>
#include <task.h>
#include <signal.h>
#include <sched.h>
#include <time.h>
#include <uaccess.h>
#include <syscalls.h>
#include <kernel.h>
#include <mm.h>
#include <string.h>
#include <errno.h>

#define POLL_FOREVER	(~0ULL)		/* no deadline */
#define RLIMIT_NOFILE_CUR NR_OPEN	/* what prlimit64 reports */

/* ---- wait-queue registration -------------------------------------------- */

struct poll_wqueues;

struct poll_table_entry {
	struct file *filp;		/* a reference: keeps wq alive */
	struct wait_queue_head *wq;
	struct wait_queue_entry wait;
	struct poll_wqueues *pwq;
};

#define ENTRIES_PER_PAGE						\
	((PAGE_SIZE - 2 * sizeof(void *)) / sizeof(struct poll_table_entry))

struct poll_table_page {
	struct poll_table_page *next;
	unsigned int nr;
	struct poll_table_entry entries[ENTRIES_PER_PAGE];
};

struct poll_wqueues {
	poll_table pt;
	struct poll_table_page *pages;
	bool triggered;
	int error;			/* -ENOMEM from a registration */
};

/* Called under wq->lock with interrupts off, from whoever wakes wq. */
static int pollwake(struct wait_queue_entry *w, unsigned int mode)
{
	struct poll_table_entry *e = container_of(w, struct poll_table_entry,
						  wait);

	/* Seen by the sleeper before the wake-up can be. */
	__atomic_store_n(&e->pwq->triggered, true, __ATOMIC_SEQ_CST);
	return default_wake_function(w, mode);
}

static struct poll_table_entry *poll_get_entry(struct poll_wqueues *pwq)
{
	struct poll_table_page *page = pwq->pages;

	if (!page || page->nr == ENTRIES_PER_PAGE) {
		page = kmalloc(sizeof(*page), GFP_KERNEL);
		if (!page)
			return NULL;
		page->nr = 0;
		page->next = pwq->pages;
		pwq->pages = page;
	}
	return &page->entries[page->nr++];
}

static void __pollwait(struct file *f, struct wait_queue_head *wq,
		       poll_table *pt)
{
	struct poll_wqueues *pwq = container_of(pt, struct poll_wqueues, pt);
	struct poll_table_entry *e = poll_get_entry(pwq);

	if (!e) {
		pwq->error = -ENOMEM;
		return;
	}
	get_file(f);
	e->filp = f;
	e->wq = wq;
	e->pwq = pwq;
	e->wait = (struct wait_queue_entry){
		.task = current,
		.func = pollwake,
		.entry = LIST_HEAD_INIT(e->wait.entry),
	};
	add_wait_queue(wq, &e->wait);
}

static void poll_initwait(struct poll_wqueues *pwq)
{
	pwq->pt.qproc = __pollwait;
	pwq->pages = NULL;
	pwq->triggered = false;
	pwq->error = 0;
}

static void poll_freewait(struct poll_wqueues *pwq)
{
	struct poll_table_page *page = pwq->pages, *next;

	for (; page; page = next) {
		for (unsigned int i = 0; i < page->nr; i++) {
			remove_wait_queue(page->entries[i].wq,
					  &page->entries[i].wait);
			fput(page->entries[i].filp);
		}
		next = page->next;
		kfree(page);
	}
	pwq->pages = NULL;
}

unsigned int vfs_poll(struct file *f, poll_table *pt)
{
	if (!f->f_op->poll)
		return DEFAULT_POLLMASK;
	return f->f_op->poll(f, pt);
}

/* ---- sleeping until woken or the deadline --------------------------------- */

static bool deadline_passed(u64 end)
{
	return end != POLL_FOREVER && ktime_get_ns() >= end;
}

/* Sleep unless a wake-up already came; false once the deadline passed. */
static bool poll_schedule(struct poll_wqueues *pwq, u64 end)
{
	u64 now;

	set_current_state(TASK_INTERRUPTIBLE);
	if (!__atomic_load_n(&pwq->triggered, __ATOMIC_SEQ_CST)) {
		now = ktime_get_ns();
		if (end == POLL_FOREVER)
			schedule();
		else if (now < end)
			schedule_timeout(end - now);
	}
	__set_current_state(TASK_RUNNING);
	__atomic_store_n(&pwq->triggered, false, __ATOMIC_SEQ_CST);
	return !deadline_passed(end);
}

/*
 * The loop shared by poll and select: scan() looks at every file once
 * (registering on the queues when given a table) and returns how many
 * are ready, or -errno. Returns scan's count, 0 on timeout, -EINTR.
 */
typedef int (*poll_scan_fn)(void *arg, poll_table *pt);

static int poll_loop(poll_scan_fn scan, void *arg, u64 end)
{
	struct poll_wqueues pwq;
	poll_table *pt = &pwq.pt;
	bool time_left = end != 0;
	int count;

	poll_initwait(&pwq);
	if (!time_left)
		pt = NULL;	/* nothing will wait: register nothing */
	for (;;) {
		count = scan(arg, pt);
		pt = NULL;
		if (count || !time_left)
			break;
		if (pwq.error) {
			count = pwq.error;
			break;
		}
		if (signal_pending(current)) {
			count = -EINTR;
			break;
		}
		time_left = poll_schedule(&pwq, end);
	}
	poll_freewait(&pwq);
	return count;
}

/* ---- timeouts ----------------------------------------------------------------- */

/* A relative timeout of sec + nsec to a deadline; -EINVAL if malformed. */
static int deadline_from(s64 sec, s64 nsec, u64 *end)
{
	u64 now = ktime_get_ns();

	if (sec < 0 || nsec < 0 || nsec >= (s64)NSEC_PER_SEC)
		return -EINVAL;
	if (!sec && !nsec) {
		*end = 0;
		return 0;
	}
	/* Some hundreds of years count as for ever (no overflow). */
	if ((u64)sec >= (POLL_FOREVER - now) / NSEC_PER_SEC - 1)
		*end = POLL_FOREVER;
	else
		*end = now + (u64)sec * NSEC_PER_SEC + nsec;
	return 0;
}

static u64 time_left_ns(u64 end)
{
	u64 now = ktime_get_ns();

	return end > now ? end - now : 0;
}

struct timespec32_k {
	s32 tv_sec;
	s32 tv_nsec;
};

/* Linux's __kernel_timespec: a 32-bit kernel reads the low nsec half. */
struct timespec64_k {
	s64 tv_sec;
	s32 tv_nsec;
	s32 pad;
};

struct timeval32_k {
	s32 tv_sec;
	s32 tv_usec;
};

/* A user timespec (32- or 64-bit) to a deadline; NULL means for ever. */
static int get_deadline(const void __user *uts, bool time64, u64 *end)
{
	if (!uts) {
		*end = POLL_FOREVER;
		return 0;
	}
	if (time64) {
		struct timespec64_k ts;

		if (copy_from_user(&ts, uts, sizeof(ts)))
			return -EFAULT;
		return deadline_from(ts.tv_sec, ts.tv_nsec, end);
	} else {
		struct timespec32_k ts;

		if (copy_from_user(&ts, uts, sizeof(ts)))
			return -EFAULT;
		return deadline_from(ts.tv_sec, ts.tv_nsec, end);
	}
}

/*
 * Write the time left back, as Linux does for ppoll, pselect6 and
 * select. A buffer that became unwritable is not an error then: the
 * call's work is done (Linux ignores it too).
 */
static void put_time_left(void __user *uts, bool time64, u64 end)
{
	u64 left = end == POLL_FOREVER ? 0 : time_left_ns(end);

	if (!uts || end == POLL_FOREVER)
		return;
	if (time64) {
		struct timespec64_k ts = { left / NSEC_PER_SEC,
					   left % NSEC_PER_SEC, 0 };

		(void)copy_to_user(uts, &ts, sizeof(ts));
	} else {
		struct timespec32_k ts = { left / NSEC_PER_SEC,
					   left % NSEC_PER_SEC };

		(void)copy_to_user(uts, &ts, sizeof(ts));
	}
}

/*
 * ppoll/pselect6 end: a signal that interrupted the wait restarts the
 * call if no handler runs (with the time left, which put_time_left wrote
 * back), else the caller sees EINTR; the temporary mask stays until then.
 */
static long finish_masked_wait(long ret)
{
	if (ret == -EINTR)
		ret = -ERESTARTNOHAND;
	restore_saved_sigmask_unless(ret == -ERESTARTNOHAND);
	return ret;
}

/* ---- poll ------------------------------------------------------------------- */

struct pollfd_k {
	int fd;
	s16 events;
	s16 revents;
};

struct poll_list {
	struct pollfd_k *fds;
	unsigned int nfds;
};

static unsigned int pollfd_mask(struct pollfd_k *pfd, poll_table *pt)
{
	/* Error and hang-up are reported whether asked for or not. */
	unsigned int want = (u16)pfd->events | POLLERR | POLLHUP;
	struct file *f;
	unsigned int mask;

	if (pfd->fd < 0)
		return 0;
	f = fget(pfd->fd);
	if (!f)
		return POLLNVAL;
	mask = vfs_poll(f, pt) & want;
	fput(f);
	return mask;
}

static int poll_scan(void *arg, poll_table *pt)
{
	struct poll_list *list = arg;
	int count = 0;

	for (unsigned int i = 0; i < list->nfds; i++) {
		struct pollfd_k *pfd = &list->fds[i];

		pfd->revents = pollfd_mask(pfd, pt);
		if (pfd->revents) {
			count++;
			pt = NULL;	/* an answer is ready: no sleep */
		}
	}
	return count;
}

static long do_sys_poll(struct pollfd_k __user *ufds, unsigned int nfds,
			u64 end)
{
	struct poll_list list = { .nfds = nfds };
	size_t size = nfds * sizeof(*list.fds);
	long ret;

	if (nfds > RLIMIT_NOFILE_CUR)
		return -EINVAL;
	list.fds = nfds ? kmalloc(size, GFP_KERNEL) : NULL;
	if (nfds && !list.fds)
		return -ENOMEM;
	if (copy_from_user(list.fds, ufds, size)) {
		ret = -EFAULT;
		goto out;
	}
	ret = poll_loop(poll_scan, &list, end);
	/* revents go back in every case, as on Linux. */
	for (unsigned int i = 0; i < nfds; i++) {
		if (put_user(list.fds[i].revents, &ufds[i].revents)) {
			ret = -EFAULT;
			break;
		}
	}
out:
	kfree(list.fds);
	return ret;
}

SYSCALL_DEFINE3(poll, struct pollfd_k __user *, ufds, unsigned int, nfds,
		int, timeout_ms)
{
	u64 end = POLL_FOREVER;

	if (timeout_ms >= 0 &&
	    deadline_from(timeout_ms / 1000,
			  (s64)(timeout_ms % 1000) * NSEC_PER_MSEC, &end))
		return -EINVAL;
	return do_sys_poll(ufds, nfds, end);
}

static long do_ppoll(struct pollfd_k __user *ufds, unsigned int nfds,
		     void __user *uts, bool time64,
		     const void __user *umask, size_t sigsetsize)
{
	u64 end;
	long ret = get_deadline(uts, time64, &end);

	if (ret)
		return ret;
	ret = set_user_sigmask(umask, sigsetsize);
	if (ret)
		return ret;
	ret = do_sys_poll(ufds, nfds, end);
	put_time_left(uts, time64, end);
	return finish_masked_wait(ret);
}

SYSCALL_DEFINE5(ppoll, struct pollfd_k __user *, ufds, unsigned int, nfds,
		struct timespec32_k __user *, uts, const void __user *, umask,
		size_t, sigsetsize)
{
	return do_ppoll(ufds, nfds, uts, false, umask, sigsetsize);
}

SYSCALL_DEFINE5(ppoll_time64, struct pollfd_k __user *, ufds,
		unsigned int, nfds, struct timespec64_k __user *, uts,
		const void __user *, umask, size_t, sigsetsize)
{
	return do_ppoll(ufds, nfds, uts, true, umask, sigsetsize);
}

/* ---- select ------------------------------------------------------------------- */

#define SELECT_WORDS	DIV_ROUND_UP(NR_OPEN, 32)

/* The three sets asked about and the three answered, as bitmaps. */
struct select_sets {
	int n;
	u32 in[SELECT_WORDS], out[SELECT_WORDS], ex[SELECT_WORDS];
	u32 res_in[SELECT_WORDS], res_out[SELECT_WORDS], res_ex[SELECT_WORDS];
};

/* Linux's POLLIN_SET, POLLOUT_SET and POLLEX_SET. */
#define SELECT_IN	(POLLRDNORM | POLLRDBAND | POLLIN | POLLHUP | POLLERR)
#define SELECT_OUT	(POLLWRBAND | POLLWRNORM | POLLOUT | POLLERR)
#define SELECT_EX	(POLLPRI)

static bool test_fd(const u32 *set, int fd)
{
	return (set[fd / 32] >> (fd % 32)) & 1;
}

static void set_fd(u32 *set, int fd)
{
	set[fd / 32] |= 1u << (fd % 32);
}

/* The answer bits for one descriptor; how many it adds to the count. */
static int select_one(struct select_sets *s, int fd, poll_table *pt)
{
	struct file *f = fget(fd);
	unsigned int mask;
	int count = 0;

	if (!f)
		return 0;	/* closed since the check: counts as nothing */
	mask = vfs_poll(f, pt);
	fput(f);
	if (test_fd(s->in, fd) && (mask & SELECT_IN)) {
		set_fd(s->res_in, fd);
		count++;
	}
	if (test_fd(s->out, fd) && (mask & SELECT_OUT)) {
		set_fd(s->res_out, fd);
		count++;
	}
	if (test_fd(s->ex, fd) && (mask & SELECT_EX)) {
		set_fd(s->res_ex, fd);
		count++;
	}
	return count;
}

static int select_scan(void *arg, poll_table *pt)
{
	struct select_sets *s = arg;
	int count = 0;

	memset(s->res_in, 0, sizeof(s->res_in));
	memset(s->res_out, 0, sizeof(s->res_out));
	memset(s->res_ex, 0, sizeof(s->res_ex));
	for (int fd = 0; fd < s->n; fd++) {
		if (!test_fd(s->in, fd) && !test_fd(s->out, fd) &&
		    !test_fd(s->ex, fd))
			continue;
		count += select_one(s, fd, pt);
		if (count)
			pt = NULL;
	}
	return count;
}

/* Copy one fd_set of n bits in (a NULL set is empty). */
static int get_fd_set(u32 *set, const u32 __user *uset, int n)
{
	memset(set, 0, SELECT_WORDS * sizeof(u32));
	if (!uset || !n)
		return 0;
	if (copy_from_user(set, uset, DIV_ROUND_UP(n, 32) * sizeof(u32)))
		return -EFAULT;
	if (n % 32)	/* bits past n are not looked at */
		set[(n - 1) / 32] &= (1u << (n % 32)) - 1;
	return 0;
}

static int put_fd_set(u32 __user *uset, const u32 *set, int n)
{
	if (!uset || !n)
		return 0;
	return copy_to_user(uset, set, DIV_ROUND_UP(n, 32) * sizeof(u32)) ?
	       -EFAULT : 0;
}

/* Every descriptor named must be open (Linux: -EBADF before waiting). */
static int check_select_fds(const struct select_sets *s)
{
	for (int fd = 0; fd < s->n; fd++) {
		if (!test_fd(s->in, fd) && !test_fd(s->out, fd) &&
		    !test_fd(s->ex, fd))
			continue;
		if (!fd_is_open(fd))
			return -EBADF;
	}
	return 0;
}

static long do_select(int n, u32 __user *uin, u32 __user *uout,
		      u32 __user *uex, u64 end)
{
	struct select_sets *s;
	long ret;

	if (n < 0)
		return -EINVAL;
	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	/* Bits past the largest possible descriptor are ignored (Linux). */
	s->n = min(n, NR_OPEN);
	ret = get_fd_set(s->in, uin, s->n);
	if (!ret)
		ret = get_fd_set(s->out, uout, s->n);
	if (!ret)
		ret = get_fd_set(s->ex, uex, s->n);
	if (!ret)
		ret = check_select_fds(s);
	if (!ret)
		ret = poll_loop(select_scan, s, end);
	if (ret >= 0 && (put_fd_set(uin, s->res_in, s->n) ||
			 put_fd_set(uout, s->res_out, s->n) ||
			 put_fd_set(uex, s->res_ex, s->n)))
		ret = -EFAULT;
	kfree(s);
	return ret;
}

SYSCALL_DEFINE5(_newselect, int, n, u32 __user *, uin, u32 __user *, uout,
		u32 __user *, uex, struct timeval32_k __user *, utv)
{
	struct timeval32_k tv;
	u64 end = POLL_FOREVER, left;
	long ret;

	if (utv) {
		if (copy_from_user(&tv, utv, sizeof(tv)))
			return -EFAULT;
		/* Whole seconds in tv_usec are carried over, as Linux does. */
		if (tv.tv_sec < 0 || tv.tv_usec < 0 ||
		    deadline_from((s64)tv.tv_sec + tv.tv_usec / 1000000,
				  (s64)(tv.tv_usec % 1000000) * NSEC_PER_USEC,
				  &end))
			return -EINVAL;
	}
	ret = do_select(n, uin, uout, uex, end);
	if (utv && end != POLL_FOREVER) {
		left = time_left_ns(end);
		tv.tv_sec = left / NSEC_PER_SEC;
		tv.tv_usec = left % NSEC_PER_SEC / NSEC_PER_USEC;
		(void)copy_to_user(utv, &tv, sizeof(tv));
	}
	return ret;
}

/* pselect6's sixth argument: { const sigset_t *ss; size_t ss_len; }. */
struct sigset_arg {
	u32 ss;
	u32 ss_len;
};

static long do_pselect6(int n, u32 __user *uin, u32 __user *uout,
			u32 __user *uex, void __user *uts, bool time64,
			const struct sigset_arg __user *usig)
{
	struct sigset_arg sig = { 0, 0 };
	u64 end;
	long ret = get_deadline(uts, time64, &end);

	if (ret)
		return ret;
	if (usig && copy_from_user(&sig, usig, sizeof(sig)))
		return -EFAULT;
	ret = set_user_sigmask((const sigset_t __user *)(unsigned long)sig.ss,
			       sig.ss_len);
	if (ret)
		return ret;
	ret = do_select(n, uin, uout, uex, end);
	put_time_left(uts, time64, end);
	return finish_masked_wait(ret);
}

SYSCALL_DEFINE6(pselect6, int, n, u32 __user *, uin, u32 __user *, uout,
		u32 __user *, uex, struct timespec32_k __user *, uts,
		const struct sigset_arg __user *, usig)
{
	return do_pselect6(n, uin, uout, uex, uts, false, usig);
}

SYSCALL_DEFINE6(pselect6_time64, int, n, u32 __user *, uin,
		u32 __user *, uout, u32 __user *, uex,
		struct timespec64_k __user *, uts,
		const struct sigset_arg __user *, usig)
{
	return do_pselect6(n, uin, uout, uex, uts, true, usig);
}
