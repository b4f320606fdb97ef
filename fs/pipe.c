// SPDX-License-Identifier: GPL-2.0
/*
 * Pipes and FIFOs: a two-page ring buffer between read ends and write
 * ends, hung off an inode (include/pipe_fs_i.h).
 *
 *   writers --write()--> [ ring of PIPE_SIZE bytes ] --read()--> readers
 *                         head (next write), tail (next read)
 *
 * pipe(2) makes an inode in pipefs, a file system mounted nowhere, and
 * two files on it (one dentry, named "pipe:[ino]" for /proc/PID/fd). A
 * FIFO is an S_IFIFO inode of tmpfs (mknod, mkfifo): its ring is made by
 * the first open and freed by the last close. Re-opening a pipe through
 * /proc/PID/fd/N is a FIFO open of the pipefs inode. Both are
 * pipefifo_fops.
 *
 * The ring holds two PIPE_BUF records so that "writable" for poll() can
 * mean what it means on Linux, that a write of PIPE_BUF bytes will not
 * block, and still be true while some bytes wait to be read.
 *
 * read() blocks while the pipe is empty and a writer exists; it returns 0
 * (EOF) once the last writer has closed. write() blocks while there is no
 * room; a write of at most PIPE_BUF bytes (a writev too: the total
 * counts) is atomic: it waits until it fits entirely and goes in as one
 * record, so records from several writers never interleave. A write
 * with no reader left fails with -EPIPE and sends the writer SIGPIPE. A
 * signal interrupts a wait with -ERESTARTSYS: the call is restarted
 * (SA_RESTART) or ends with -EINTR, unless some bytes already moved.
 *
 * Locking: pipe->lock (a spinlock) guards the counters and is never held
 * across a copy. The copies go straight between user memory (through
 * kmap_local, inside copy_to_iter/copy_from_iter) and the ring, without
 * a bounce buffer: one reader at a time holds rd_turn and only it moves
 * tail; one writer at a time holds wr_turn and only it moves head. So
 * [tail, head) is the reader's to copy out and the rest the writer's to
 * fill, and each side publishes its move under pipe->lock once the copy
 * is done. A copy that faults moves nothing it did not finish: a reader
 * consumes only the bytes that reached the user, and a writer's chunk
 * goes in whole or not at all.
 */
#include <fs.h>
#include <mm.h>
#include <uio.h>
#include <pipe_fs_i.h>
#include <mount.h>
#include <dcache.h>
#include <devices.h>
#include <poll.h>
#include <stat.h>
#include <task.h>
#include <wait.h>
#include <signal.h>
#include <uaccess.h>
#include <syscalls.h>
#include <kernel.h>
#include <printk.h>
#include <panic.h>
#include <string.h>
#include <errno.h>
#include <capability.h>

static struct vfsmount *pipe_mnt;

/*
 * Attaching a FIFO's ring to its inode and detaching it at the last
 * close: taken outside pipe->lock. Opens and closes only, never I/O.
 */
static DEFINE_SPINLOCK(pipe_attach_lock);

#define PACKET_HDR	2	/* O_DIRECT: a u16 length before each packet */

static unsigned int pipe_used(const struct pipe_inode_info *p)
{
	return p->head - p->tail;
}

unsigned int pipe_max_size = 1048576;

/* The room a write of n bytes takes: a packet has a 2-byte length. */
static unsigned int pipe_need(const struct pipe_inode_info *p, size_t n)
{
	return n + (p->packets ? PACKET_HDR : 0);
}

static struct pipe_inode_info *alloc_pipe_info(void)
{
	struct pipe_inode_info *p = kzalloc(sizeof(*p), GFP_KERNEL);

	if (!p)
		return NULL;
	p->buf = __get_free_pages(GFP_KERNEL, PIPE_ORDER);
	if (!p->buf) {
		kfree(p);
		return NULL;
	}
	p->order = PIPE_ORDER;
	p->size = PIPE_SIZE;
	spin_lock_init(&p->lock, "pipe->lock");
	init_waitqueue_head(&p->rd_wait);
	init_waitqueue_head(&p->wr_wait);
	init_waitqueue_head(&p->rd_turn.wait);
	init_waitqueue_head(&p->wr_turn.wait);
	return p;
}

static void free_pipe_info(struct pipe_inode_info *p)
{
	free_pages(p->buf, p->order);
	kfree(p);
}

/* ---- taking turns -------------------------------------------------------- */

/* Wait for this side's turn: 0, or -ERESTARTSYS on a signal. */
static int pipe_turn_lock(struct pipe_inode_info *p, struct pipe_turn *turn)
{
	spin_lock(&p->lock);
	while (turn->busy) {
		DEFINE_WAIT(w);

		prepare_to_wait(&turn->wait, &w, TASK_INTERRUPTIBLE);
		spin_unlock(&p->lock);
		if (signal_pending(current)) {
			finish_wait(&turn->wait, &w);
			return -ERESTARTSYS;
		}
		schedule();
		finish_wait(&turn->wait, &w);
		spin_lock(&p->lock);
	}
	turn->busy = true;
	spin_unlock(&p->lock);
	return 0;
}

static void pipe_turn_unlock(struct pipe_inode_info *p, struct pipe_turn *turn)
{
	spin_lock(&p->lock);
	turn->busy = false;
	spin_unlock(&p->lock);
	wake_up(&turn->wait);
}

/* ---- read ---------------------------------------------------------------- */

/* Copy len bytes of the ring from byte counter tail out; bytes done. */
static size_t ring_to_iter(struct pipe_inode_info *p, unsigned int tail,
			   size_t len, struct iov_iter *to)
{
	size_t off = tail % p->size, first = min(len, p->size - off);
	size_t got = copy_to_iter(p->buf + off, first, to);

	if (got == first && len > first)
		got += copy_to_iter(p->buf, len - first, to);
	return got;
}

/* A packet's length header at byte counter pos (the reader's or writer's). */
static unsigned int ring_get_u16(struct pipe_inode_info *p, unsigned int pos)
{
	return (u8)p->buf[pos % p->size] |
	       ((u8)p->buf[(pos + 1) % p->size] << 8);
}

static void ring_put_u16(struct pipe_inode_info *p, unsigned int pos,
			 unsigned int v)
{
	p->buf[pos % p->size] = v & 0xff;
	p->buf[(pos + 1) % p->size] = v >> 8;
}

/*
 * O_DIRECT: read one packet (writers publish whole packets only). What
 * does not fit the reader's buffer is dropped with it, as Linux does.
 */
static size_t packet_to_iter(struct pipe_inode_info *p, unsigned int tail,
			     struct iov_iter *to)
{
	unsigned int len = ring_get_u16(p, tail);
	size_t want = min(iov_iter_count(to), (size_t)len);
	size_t got = ring_to_iter(p, tail + PACKET_HDR, want, to);

	if (got || !want) {
		spin_lock(&p->lock);
		p->tail += PACKET_HDR + len;
		spin_unlock(&p->lock);
	}
	return got;
}

/* Sleep until bytes or the last writer's close might have come. */
static int pipe_wait_readable(struct pipe_inode_info *p)
{
	DEFINE_WAIT(w);
	bool ready;
	int ret = 0;

	prepare_to_wait(&p->rd_wait, &w, TASK_INTERRUPTIBLE);
	spin_lock(&p->lock);
	ready = pipe_used(p) || !p->writers;
	spin_unlock(&p->lock);
	if (!ready && signal_pending(current))
		ret = -ERESTARTSYS;
	else if (!ready)
		schedule();
	finish_wait(&p->rd_wait, &w);
	return ret;
}

static ssize_t pipe_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	struct file *f = iocb->ki_filp;
	struct pipe_inode_info *p = f->private_data;
	bool nonblock = (f->f_flags & O_NONBLOCK) ||
			(iocb->ki_flags & IOCB_NOWAIT);
	unsigned int used, tail;
	size_t got;
	int writers, err;

	if (!iov_iter_count(to))
		return 0;
	for (;;) {
		err = pipe_turn_lock(p, &p->rd_turn);
		if (err)
			return err;
		/* Data and writers seen together: empty with none is EOF. */
		spin_lock(&p->lock);
		used = pipe_used(p);
		tail = p->tail;
		writers = p->writers;
		spin_unlock(&p->lock);
		if (used)
			break;		/* ours until we give the turn back */
		pipe_turn_unlock(p, &p->rd_turn);
		if (!writers)
			return 0;
		if (nonblock)
			return -EAGAIN;
		err = pipe_wait_readable(p);
		if (err)
			return err;
	}
	if (p->packets) {
		got = packet_to_iter(p, tail, to);
	} else {
		/* Consume only what reached the reader: a fault loses nothing. */
		got = ring_to_iter(p, tail, min(iov_iter_count(to),
						(size_t)used), to);
		if (got) {
			spin_lock(&p->lock);
			p->tail += got;
			spin_unlock(&p->lock);
		}
	}
	pipe_turn_unlock(p, &p->rd_turn);
	if (!got)
		return -EFAULT;
	wake_up_all(&p->wr_wait);
	return got;
}

/* ---- write --------------------------------------------------------------- */

/* Copy len bytes into the ring at byte counter head; bytes done. */
static size_t ring_from_iter(struct pipe_inode_info *p, unsigned int head,
			     size_t len, struct iov_iter *from)
{
	size_t off = head % p->size, first = min(len, p->size - off);
	size_t got = copy_from_iter(p->buf + off, first, from);

	if (got == first && len > first)
		got += copy_from_iter(p->buf, len - first, from);
	return got;
}

/* Wait until `need` bytes fit; 0, -EPIPE, -ERESTARTSYS or -EAGAIN. */
static int pipe_wait_room(struct pipe_inode_info *p, size_t need,
			  bool nonblock)
{
	for (;;) {
		DEFINE_WAIT(w);
		int ret = 0;

		prepare_to_wait(&p->wr_wait, &w, TASK_INTERRUPTIBLE);
		spin_lock(&p->lock);
		if (!p->readers)
			ret = -EPIPE;
		else if (p->size - pipe_used(p) >= need)
			ret = 1;
		spin_unlock(&p->lock);
		if (!ret && nonblock)
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

static void send_sigpipe(void)
{
	send_sig_info(current, SIGPIPE, &(struct ksiginfo){
			      .code = SI_USER,
			      .fields = { current->tgid, 0, 0 } },
		      false);
}

static ssize_t pipe_write_iter(struct kiocb *iocb, struct iov_iter *from)
{
	struct file *f = iocb->ki_filp;
	struct pipe_inode_info *p = f->private_data;
	bool nonblock = (f->f_flags & O_NONBLOCK) ||
			(iocb->ki_flags & IOCB_NOWAIT);
	size_t done = 0;
	bool locked;
	int err;

	if (!iov_iter_count(from))
		return 0;
	/* One writer at a time, so big writes stay contiguous too. */
	err = pipe_turn_lock(p, &p->wr_turn);
	locked = !err;
	while (!err && iov_iter_count(from)) {
		/* A ring of one page holds a packet of a page less its header. */
		size_t chunk = min(iov_iter_count(from),
				   (size_t)PIPE_BUF - (p->size == PIPE_BUF ?
						       pipe_need(p, 0) : 0));
		unsigned int head;

		unsigned int hdr;

		/* Atomic up to PIPE_BUF: wait for room for the whole chunk. */
		err = pipe_wait_room(p, pipe_need(p, chunk), nonblock);
		if (err)
			break;
		spin_lock(&p->lock);
		head = p->head;		/* only we move it */
		hdr = pipe_need(p, 0);
		spin_unlock(&p->lock);
		if (hdr)
			ring_put_u16(p, head, chunk);
		if (ring_from_iter(p, head + hdr, chunk, from) != chunk) {
			err = -EFAULT;	/* the chunk is not published */
			break;
		}
		spin_lock(&p->lock);
		p->head += hdr + chunk;
		spin_unlock(&p->lock);
		wake_up_all(&p->rd_wait);
		done += chunk;
	}
	if (locked)
		pipe_turn_unlock(p, &p->wr_turn);
	/* As Linux: SIGPIPE even if part of the data went in. */
	if (err == -EPIPE)
		send_sigpipe();
	return done ? (ssize_t)done : err;
}

/* ---- poll ---------------------------------------------------------------- */

/*
 * Readable: bytes wait, or every writer is gone (read() returns 0 at
 * once; POLLHUP says why). Writable: a PIPE_BUF write fits; no reader
 * left is POLLERR (write() fails at once). Writers wake rd_wait and
 * readers wr_wait after every move, and every open and close of either
 * end wakes both. A FIFO opened for both has both answers.
 */
static unsigned int pipe_poll(struct file *f, poll_table *pt)
{
	struct pipe_inode_info *p = f->private_data;
	unsigned int mask = 0;

	if (f->f_mode & FMODE_READ)
		poll_wait(f, &p->rd_wait, pt);
	if (f->f_mode & FMODE_WRITE)
		poll_wait(f, &p->wr_wait, pt);
	spin_lock(&p->lock);
	if (f->f_mode & FMODE_READ) {
		if (pipe_used(p))
			mask |= POLLIN | POLLRDNORM;
		if (!p->writers)
			mask |= POLLHUP;
	}
	if (f->f_mode & FMODE_WRITE) {
		if (p->size - pipe_used(p) >= pipe_need(p, PIPE_BUF))
			mask |= POLLOUT | POLLWRNORM;
		if (!p->readers)
			mask |= POLLERR;
	}
	spin_unlock(&p->lock);
	return mask;
}

/* ---- open and close ------------------------------------------------------ */

/*
 * Drop one end (fmode: FMODE_READ and/or FMODE_WRITE). The last end of
 * all detaches the ring from the inode and frees it; otherwise the
 * other end's sleepers are woken before unlocking: once we unlock, the
 * other end's last close may free the ring under our feet.
 */
static void pipe_put_end(struct inode *inode, struct pipe_inode_info *p,
			 unsigned int fmode)
{
	bool last;

	spin_lock(&pipe_attach_lock);
	spin_lock(&p->lock);
	if (fmode & FMODE_READ)
		p->readers--;
	if (fmode & FMODE_WRITE)
		p->writers--;
	last = !p->readers && !p->writers;
	if (last) {
		inode->i_pipe = NULL;
	} else {
		wake_up_all(&p->rd_wait);
		wake_up_all(&p->wr_wait);
	}
	spin_unlock(&p->lock);
	spin_unlock(&pipe_attach_lock);
	if (last)
		free_pipe_info(p);
}

static int pipe_release(struct inode *inode, struct file *f)
{
	pipe_put_end(inode, f->private_data,
		     f->f_mode & (FMODE_READ | FMODE_WRITE));
	return 0;
}

/* The inode's ring, made if this is the first open of a FIFO. */
static struct pipe_inode_info *fifo_get_pipe(struct inode *inode)
{
	struct pipe_inode_info *p, *fresh = NULL;

	for (;;) {
		spin_lock(&pipe_attach_lock);
		p = inode->i_pipe;
		if (!p && fresh) {
			inode->i_pipe = p = fresh;
			fresh = NULL;
		}
		if (p) {
			/* Hold it: nothing frees it while we count in. */
			spin_lock(&p->lock);
			return p;	/* both locks held */
		}
		spin_unlock(&pipe_attach_lock);
		fresh = alloc_pipe_info();	/* may sleep: unlocked */
		if (!fresh)
			return NULL;
	}
}

/* Sleep until *counter moves off seen (the other end opened). */
static int fifo_wait_for_partner(struct pipe_inode_info *p,
				 struct wait_queue_head *wq,
				 const unsigned int *counter, unsigned int seen)
{
	int ret = 0;

	for (;;) {
		DEFINE_WAIT(w);
		bool moved;

		prepare_to_wait(wq, &w, TASK_INTERRUPTIBLE);
		spin_lock(&p->lock);
		moved = READ_ONCE(*counter) != seen;
		spin_unlock(&p->lock);
		if (!moved && signal_pending(current))
			ret = -ERESTARTSYS;
		if (!moved && !ret)
			schedule();
		finish_wait(wq, &w);
		if (moved || ret)
			return ret;
	}
}

/*
 * open() of a FIFO, or of a pipe again through /proc/PID/fd/N: count the
 * new end in. Opening to read waits for a writer and opening to write
 * for a reader (each counts as the other's arrival: r_counter and
 * w_counter move), unless O_NONBLOCK: then a reader opens at once and a
 * writer with no reader fails with -ENXIO. O_RDWR never waits.
 */
static int fifo_open(struct inode *inode, struct file *f)
{
	bool nonblock = f->f_flags & O_NONBLOCK;
	unsigned int accmode = f->f_flags & O_ACCMODE, seen = 0;
	struct pipe_inode_info *p;
	bool wait = false, unused;
	int err = 0;

	if (accmode != O_RDONLY && accmode != O_WRONLY && accmode != O_RDWR)
		return -EINVAL;
	p = fifo_get_pipe(inode);
	if (!p)
		return -ENOMEM;
	if (accmode == O_WRONLY && !p->readers && nonblock) {
		err = -ENXIO;
	} else {
		if (accmode != O_WRONLY) {
			p->readers++;
			p->r_counter++;
		}
		if (accmode != O_RDONLY) {
			p->writers++;
			p->w_counter++;
		}
		if (accmode == O_RDONLY && !p->writers && !nonblock) {
			wait = true;
			seen = p->w_counter;
		} else if (accmode == O_WRONLY && !p->readers) {
			wait = true;
			seen = p->r_counter;
		}
		wake_up_all(&p->rd_wait);
		wake_up_all(&p->wr_wait);
	}
	unused = !p->readers && !p->writers;	/* a fresh ring, refused */
	if (unused)
		inode->i_pipe = NULL;
	spin_unlock(&p->lock);
	spin_unlock(&pipe_attach_lock);
	if (unused) {
		free_pipe_info(p);
		return err;
	}
	if (err)
		return err;
	f->private_data = p;
	file_make_stream(f);
	if (wait) {
		err = fifo_wait_for_partner(p, accmode == O_RDONLY ?
					    &p->rd_wait : &p->wr_wait,
					    accmode == O_RDONLY ?
					    &p->w_counter : &p->r_counter,
					    seen);
		if (err)
			pipe_put_end(inode, p, accmode == O_RDONLY ?
				     FMODE_READ : FMODE_WRITE);
	}
	return err;
}

const struct file_operations pipefifo_fops = {
	.open = fifo_open,
	.read_iter = pipe_read_iter,
	.write_iter = pipe_write_iter,
	.poll = pipe_poll,
	.release = pipe_release,
};

/* ---- pipefs and pipe(2) -------------------------------------------------- */

/* /proc/PID/fd/N of a pipe reads "pipe:[ino]", as on Linux. */
static void pipefs_dname(struct dentry *dentry, char *buf, int size)
{
	snprintf(buf, size, "pipe:[%llu]",
		 (unsigned long long)d_inode(dentry)->i_ino);
}

static const struct dentry_operations pipefs_dentry_operations = {
	.d_dname = pipefs_dname,
};

static const struct super_operations pipefs_super_operations = {
	.statfs = simple_statfs,
};

static int pipefs_fill_super(struct super_block *sb, void *data)
{
	struct inode *root;

	sb->s_magic = PIPEFS_MAGIC;
	sb->s_op = &pipefs_super_operations;
	root = new_inode(sb);
	if (!root)
		return -ENOMEM;
	root->i_mode = S_IFDIR | 0700;
	sb->s_root = d_make_root(root);
	return sb->s_root ? 0 : -ENOMEM;
}

static struct dentry *pipefs_mount(struct file_system_type *type, int flags,
				   const char *dev_name, void *data)
{
	return mount_single(type, flags, data, pipefs_fill_super);
}

static struct file_system_type pipe_fs_type = {
	.name = "pipefs",
	.mount = pipefs_mount,
	.kill_sb = kill_anon_super,
};

/**
 * pipe_init - register pipefs and mount the instance pipes live in
 *
 * Called once at boot (vfs_caches_init, after mnt_init), before the
 * first pipe(2).
 */
void pipe_init(void)
{
	int err = register_filesystem(&pipe_fs_type);

	if (err)
		panic("pipe: cannot register pipefs: %d", err);
	pipe_mnt = vfs_kern_mount(&pipe_fs_type, 0, "pipe:", NULL);
	if (IS_ERR(pipe_mnt))
		panic("pipe: cannot mount pipefs: %ld", PTR_ERR(pipe_mnt));
}

/* A pipefs inode with a ring, counted as one reader and one writer. */
static struct inode *get_pipe_inode(void)
{
	struct inode *inode = new_inode(pipe_mnt->mnt_sb);
	struct pipe_inode_info *p;

	if (!inode)
		return NULL;
	p = alloc_pipe_info();
	if (!p) {
		iput(inode);
		return NULL;
	}
	p->readers = p->writers = 1;
	p->r_counter = p->w_counter = 1;
	inode->i_pipe = p;
	inode->i_mode = S_IFIFO | 0600;
	inode->i_fop = &pipefifo_fops;
	return inode;
}

/* The two ends of a new pipe: res[0] reads, res[1] writes. */
static int create_pipe_files(struct file **res, unsigned int flags)
{
	struct inode *inode = get_pipe_inode();
	unsigned int nb = flags & (O_NONBLOCK | O_DIRECT);
	struct pipe_inode_info *p;
	struct file *rf, *wf;

	if (!inode)
		return -ENOMEM;
	p = inode->i_pipe;
	/* On success the file's dentry takes over our inode reference. */
	rf = alloc_file_pseudo(inode, pipe_mnt, "", O_RDONLY | nb,
			       &pipefifo_fops);
	if (IS_ERR(rf)) {
		inode->i_pipe = NULL;
		free_pipe_info(p);
		iput(inode);
		return PTR_ERR(rf);
	}
	rf->f_path.dentry->d_op = &pipefs_dentry_operations;
	rf->private_data = p;
	file_make_stream(rf);
	wf = alloc_file(&rf->f_path, O_WRONLY | nb, &pipefifo_fops);
	if (IS_ERR(wf)) {
		/* No write end after all: rf's release frees the ring. */
		spin_lock(&p->lock);
		p->writers = 0;
		spin_unlock(&p->lock);
		fput(rf);
		return PTR_ERR(wf);
	}
	wf->private_data = p;
	file_make_stream(wf);
	res[0] = rf;
	res[1] = wf;
	return 0;
}

static long do_pipe2(int __user *ufds, unsigned int flags)
{
	struct file *files[2];
	int fds[2];
	long err;

	if (flags & ~(O_NONBLOCK | O_CLOEXEC | O_DIRECT))
		return -EINVAL;
	err = create_pipe_files(files, flags);
	if (err)
		return err;
	/* Set before either end is visible: the ring is still empty. */
	if (flags & O_DIRECT)
		((struct pipe_inode_info *)files[0]->private_data)->packets = true;
	/* From here the two files own the pipe. */
	fds[0] = fd_install_flags(files[0], flags & O_CLOEXEC);
	if (fds[0] < 0) {
		fput(files[0]);
		fput(files[1]);
		return fds[0];
	}
	fds[1] = fd_install_flags(files[1], flags & O_CLOEXEC);
	if (fds[1] < 0) {
		fd_close(fds[0]);
		fput(files[1]);
		return fds[1];
	}
	if (copy_to_user(ufds, fds, sizeof(fds))) {
		fd_close(fds[0]);
		fd_close(fds[1]);
		return -EFAULT;
	}
	return 0;
}

SYSCALL_DEFINE1(pipe, int __user *, fds)
{
	return do_pipe2(fds, 0);
}

SYSCALL_DEFINE2(pipe2, int __user *, fds, int, flags)
{
	return do_pipe2(fds, flags);
}

/* ---- the ring's size: F_GETPIPE_SZ, F_SETPIPE_SZ ------------------------- */

unsigned int round_pipe_size(unsigned long size)
{
	unsigned int r = PAGE_SIZE;

	if (size > (1UL << 31))
		return 0;
	while (r < size)
		r <<= 1;
	return r;
}

/*
 * Give the ring a new size: both turns are taken, so no copy is under
 * way, and the bytes waiting move to the start of the new ring.
 */
static long pipe_resize(struct pipe_inode_info *p, unsigned int size)
{
	unsigned int order = 0, used, old_order;
	char *buf, *old;
	long err;

	while ((PAGE_SIZE << order) < size)
		order++;
	if (order >= MAX_ORDER)
		return -ENOMEM;
	buf = __get_free_pages(GFP_KERNEL, order);
	if (!buf)
		return -ENOMEM;
	err = pipe_turn_lock(p, &p->rd_turn);
	if (err)
		goto out_free;
	err = pipe_turn_lock(p, &p->wr_turn);
	if (err)
		goto out_rd;
	spin_lock(&p->lock);
	used = pipe_used(p);
	if (used > size) {
		spin_unlock(&p->lock);
		err = -EBUSY;
		goto out_wr;
	}
	for (unsigned int i = 0; i < used; i++)
		buf[i] = p->buf[(p->tail + i) % p->size];
	old = p->buf;
	old_order = p->order;
	p->buf = buf;
	p->order = order;
	p->size = size;
	p->tail = 0;
	p->head = used;
	spin_unlock(&p->lock);
	buf = old;
	order = old_order;
	err = size;
	wake_up_all(&p->wr_wait);
out_wr:
	pipe_turn_unlock(p, &p->wr_turn);
out_rd:
	pipe_turn_unlock(p, &p->rd_turn);
out_free:
	free_pages(buf, order);
	return err;
}

long pipe_fcntl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct pipe_inode_info *p = f->private_data;
	unsigned int size, cur;

	if (f->f_op != &pipefifo_fops || !p)
		return -EBADF;
	spin_lock(&p->lock);
	cur = p->size;
	spin_unlock(&p->lock);
	if (cmd == F_GETPIPE_SZ)
		return cur;
	size = round_pipe_size(arg);
	if (!size)
		return -EINVAL;
	if (size > cur && size > READ_ONCE(pipe_max_size) &&
	    !capable(CAP_SYS_RESOURCE))
		return -EPERM;
	if (size == cur)
		return cur;
	return pipe_resize(p, size);
}
