// SPDX-License-Identifier: GPL-2.0
/*
 * Pipes: a two-page ring buffer between a read end and a write end.
 *
 *   writers --write()--> [ ring of PIPE_SIZE bytes ] --read()--> readers
 *                         head (next write), tail (next read)
 *
 * The ring holds two PIPE_BUF records so that "writable" for poll() can
 * mean what it means on Linux, that a write of PIPE_BUF bytes will not
 * block, and still be true while some bytes wait to be read.
 *
 * read() blocks while the pipe is empty and a writer exists; it returns 0
 * (EOF) once the last writer has closed. write() blocks while there is no
 * room; a write of at most PIPE_BUF bytes is atomic: it waits until it
 * fits entirely and is copied in one go under the lock, so records from
 * several writers never interleave. A write with no reader left fails
 * with -EPIPE and sends the writer SIGPIPE. A signal interrupts a wait
 * with -ERESTARTSYS: the call is restarted (SA_RESTART) or ends with
 * -EINTR, unless some bytes already moved.
 *
 * User memory is copied with copy_from_user/copy_to_user, i.e. through
 * kmap_local, never while holding the pipe's spinlock: the data goes
 * through a kernel bounce buffer.
 */
#include <fs.h>
#include <poll.h>
#include <stat.h>
#include <task.h>
#include <wait.h>
#include <uaccess.h>
#include <syscalls.h>
#include <kernel.h>
#include <mm.h>
#include <string.h>
#include <errno.h>

#define PIPE_ORDER	1
#define PIPE_SIZE	(PAGE_SIZE << PIPE_ORDER)
#define PIPE_BUF	PAGE_SIZE
/* What one read or write step moves through the bounce buffer. */
#define BOUNCE_SIZE	PIPE_BUF

struct pipe {
	spinlock_t lock;
	char *buf;			/* PIPE_SIZE bytes, lowmem */
	unsigned int head, tail;	/* free-running byte counters */
	int readers, writers;
	u32 ino;			/* st_ino, one per pipe */
	struct wait_queue_head rd_wait;	/* readers wait for data */
	struct wait_queue_head wr_wait;	/* writers wait for room */
	struct mutex_like { bool busy; struct wait_queue_head wait; } wr_lock;
};

static unsigned int pipe_used(const struct pipe *p)
{
	return p->head - p->tail;
}

static struct pipe *file_pipe(struct file *f)
{
	return (struct pipe *)f->private_data;
}

/* One writer at a time moves data, so big writes stay contiguous too. */
static int pipe_writer_lock(struct pipe *p)
{
	spin_lock(&p->lock);
	while (p->wr_lock.busy) {
		DEFINE_WAIT(w);

		prepare_to_wait(&p->wr_lock.wait, &w, TASK_INTERRUPTIBLE);
		spin_unlock(&p->lock);
		if (signal_pending(current)) {
			finish_wait(&p->wr_lock.wait, &w);
			return -ERESTARTSYS;
		}
		schedule();
		finish_wait(&p->wr_lock.wait, &w);
		spin_lock(&p->lock);
	}
	p->wr_lock.busy = true;
	spin_unlock(&p->lock);
	return 0;
}

static void pipe_writer_unlock(struct pipe *p)
{
	spin_lock(&p->lock);
	p->wr_lock.busy = false;
	spin_unlock(&p->lock);
	wake_up(&p->wr_lock.wait);
}

static ssize_t pipe_read(struct file *f, char __user *ubuf, size_t n)
{
	struct pipe *p = file_pipe(f);
	size_t len = 0, first;
	ssize_t ret;
	char *bounce;

	if (!n)
		return 0;
	bounce = kmalloc(BOUNCE_SIZE, GFP_KERNEL);
	if (!bounce)
		return -ENOMEM;
	for (;;) {
		DEFINE_WAIT(w);

		prepare_to_wait(&p->rd_wait, &w, TASK_INTERRUPTIBLE);
		spin_lock(&p->lock);
		/*
		 * Test and take under one lock hold: with several readers,
		 * bytes seen here could otherwise be gone once we come back
		 * for them, and an empty read would look like end of file.
		 */
		if (pipe_used(p)) {
			len = min(min(n, (size_t)pipe_used(p)),
				  (size_t)BOUNCE_SIZE);
			first = min(len, (size_t)(PIPE_SIZE - p->tail % PIPE_SIZE));
			memcpy(bounce, p->buf + p->tail % PIPE_SIZE, first);
			memcpy(bounce + first, p->buf, len - first);
			p->tail += len;
			spin_unlock(&p->lock);
			finish_wait(&p->rd_wait, &w);
			break;
		}
		if (!p->writers) {
			spin_unlock(&p->lock);
			finish_wait(&p->rd_wait, &w);
			break;		/* end of file: len stays 0 */
		}
		spin_unlock(&p->lock);
		ret = (f->f_flags & O_NONBLOCK) ? -EAGAIN :
		      signal_pending(current) ? -ERESTARTSYS : 0;
		if (ret) {
			finish_wait(&p->rd_wait, &w);
			kfree(bounce);
			return ret;
		}
		schedule();
		finish_wait(&p->rd_wait, &w);
	}
	if (len)
		wake_up_all(&p->wr_wait);
	ret = len;
	if (len && copy_to_user(ubuf, bounce, len))
		ret = -EFAULT;	/* the bytes are gone, as on Linux */
	kfree(bounce);
	return ret;
}

/* Wait until `need` bytes fit; 0, -EPIPE, -ERESTARTSYS or -EAGAIN. */
static int pipe_wait_room(struct file *f, struct pipe *p, size_t need)
{
	for (;;) {
		DEFINE_WAIT(w);
		int ret = 0;

		prepare_to_wait(&p->wr_wait, &w, TASK_INTERRUPTIBLE);
		spin_lock(&p->lock);
		if (!p->readers)
			ret = -EPIPE;
		else if (PIPE_SIZE - pipe_used(p) >= need)
			ret = 1;
		spin_unlock(&p->lock);
		if (!ret && (f->f_flags & O_NONBLOCK))
			ret = -EAGAIN;
		if (!ret && signal_pending(current))
			ret = -ERESTARTSYS;
		if (ret) {
			finish_wait(&p->wr_wait, &w);
			return ret < 0 ? ret : 0;
		}
		schedule();
		finish_wait(&p->wr_wait, &w);
	}
}

static ssize_t pipe_write(struct file *f, const char __user *ubuf, size_t n)
{
	struct pipe *p = file_pipe(f);
	size_t done = 0;
	bool locked;
	char *bounce;
	int err;

	if (!n)
		return 0;
	bounce = kmalloc(BOUNCE_SIZE, GFP_KERNEL);
	if (!bounce)
		return -ENOMEM;
	err = pipe_writer_lock(p);
	locked = !err;
	while (!err && done < n) {
		size_t chunk = min(n - done, (size_t)PIPE_BUF), first, head;

		if (copy_from_user(bounce, ubuf + done, chunk)) {
			err = -EFAULT;
			break;
		}
		/* Atomic up to PIPE_BUF: wait for room for the whole chunk. */
		err = pipe_wait_room(f, p, chunk);
		if (err)
			break;
		spin_lock(&p->lock);
		head = p->head % PIPE_SIZE;
		first = min(chunk, PIPE_SIZE - head);
		memcpy(p->buf + head, bounce, first);
		memcpy(p->buf, bounce + first, chunk - first);
		p->head += chunk;
		spin_unlock(&p->lock);
		wake_up_all(&p->rd_wait);
		done += chunk;
	}
	if (locked)
		pipe_writer_unlock(p);
	kfree(bounce);
	/* As Linux: SIGPIPE even if part of the data went in. */
	if (err == -EPIPE)
		send_sig_info(current, SIGPIPE, &(struct ksiginfo){
				      .code = SI_USER,
				      .fields = { current->tgid, 0, 0 } },
			      false);
	return done ? (ssize_t)done : err;
}

static void pipe_release(struct file *f)
{
	struct pipe *p = file_pipe(f);
	bool last;

	spin_lock(&p->lock);
	if ((f->f_flags & O_ACCMODE) == O_WRONLY)
		p->writers--;
	else
		p->readers--;
	last = !p->readers && !p->writers;
	/*
	 * Wake the other end's sleepers before unlocking: once we unlock,
	 * the other end's last release may free the pipe under our feet.
	 * The last release has nobody left to wake.
	 */
	if (!last) {
		wake_up_all(&p->rd_wait);
		wake_up_all(&p->wr_wait);
	}
	spin_unlock(&p->lock);
	if (last) {
		free_pages(p->buf, PIPE_ORDER);
		kfree(p);
	}
}

/* Both ends are the same FIFO: same ino; st_size is 0, as on Linux. */
static int pipe_getattr(struct file *f, struct kstat *st)
{
	st->mode = S_IFIFO | 0600;
	st->nlink = 1;
	st->dev = PIPEFS_DEV;
	st->ino = file_pipe(f)->ino;
	st->blksize = PIPE_BUF;
	return 0;
}

/*
 * Readable: bytes wait, or every writer is gone (read() returns 0 at
 * once; POLLHUP says why). Writable: a PIPE_BUF write fits; no reader
 * left is POLLERR (write() fails at once). Writers wake rd_wait and
 * readers wr_wait after every move, and the last close wakes both.
 */
static unsigned int pipe_poll(struct file *f, poll_table *pt)
{
	struct pipe *p = file_pipe(f);
	unsigned int mask = 0;
	bool reader = (f->f_flags & O_ACCMODE) != O_WRONLY;

	poll_wait(f, reader ? &p->rd_wait : &p->wr_wait, pt);
	spin_lock(&p->lock);
	if (reader) {
		if (pipe_used(p))
			mask |= POLLIN | POLLRDNORM;
		if (!p->writers)
			mask |= POLLHUP;
	} else {
		if (PIPE_SIZE - pipe_used(p) >= PIPE_BUF)
			mask |= POLLOUT | POLLWRNORM;
		if (!p->readers)
			mask |= POLLERR;
	}
	spin_unlock(&p->lock);
	return mask;
}

static const struct file_operations pipe_read_fops = {
	.read = pipe_read,
	.release = pipe_release,
	.getattr = pipe_getattr,
	.poll = pipe_poll,
};

static const struct file_operations pipe_write_fops = {
	.write = pipe_write,
	.release = pipe_release,
	.getattr = pipe_getattr,
	.poll = pipe_poll,
};

static atomic_t pipe_ino = ATOMIC_INIT(0);

static long do_pipe(int __user *ufds, unsigned int flags)
{
	struct file *rf = NULL, *wf = NULL;
	int fds[2] = { -1, -1 };
	unsigned int fl = flags & O_NONBLOCK;
	long err = -ENOMEM;
	struct pipe *p;

	if (flags & ~(O_NONBLOCK | O_CLOEXEC))
		return -EINVAL;
	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	p->buf = __get_free_pages(GFP_KERNEL, PIPE_ORDER);
	if (!p->buf)
		goto fail;
	spin_lock_init(&p->lock, "pipe->lock");
	init_waitqueue_head(&p->rd_wait);
	init_waitqueue_head(&p->wr_wait);
	init_waitqueue_head(&p->wr_lock.wait);
	p->readers = p->writers = 1;
	p->ino = atomic_add_return(1, &pipe_ino);
	rf = alloc_file(&pipe_read_fops, O_RDONLY | fl, p);
	wf = alloc_file(&pipe_write_fops, O_WRONLY | fl, p);
	if (!rf || !wf) {
		kfree(rf);	/* never installed: no release to run */
		kfree(wf);
		goto fail;
	}
	/* From here the two files own the pipe. */
	fds[0] = fd_install_flags(rf, flags & O_CLOEXEC);
	if (fds[0] < 0) {
		fput(rf);
		fput(wf);
		return fds[0];
	}
	fds[1] = fd_install_flags(wf, flags & O_CLOEXEC);
	if (fds[1] < 0) {
		fd_close(fds[0]);
		fput(wf);
		return fds[1];
	}
	if (copy_to_user(ufds, fds, sizeof(fds))) {
		fd_close(fds[0]);
		fd_close(fds[1]);
		return -EFAULT;
	}
	return 0;
fail:
	if (p->buf)
		free_pages(p->buf, PIPE_ORDER);
	kfree(p);
	return err;
}

SYSCALL_DEFINE1(pipe, int __user *, fds)
{
	return do_pipe(fds, 0);
}

SYSCALL_DEFINE2(pipe2, int __user *, fds, int, flags)
{
	return do_pipe(fds, flags);
}
