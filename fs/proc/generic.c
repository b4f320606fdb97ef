// SPDX-License-Identifier: GPL-2.0
/*
 * The text files of /proc: each open file keeps a snapshot of the text,
 * made by the entry's show function.
 *
 * A read at position 0 takes a new sample (reopening, or lseek to 0, as
 * top does with Linux's /proc); reads further on continue the same
 * snapshot, so a reader with a small buffer never sees a line torn
 * between two samples. pread is the same read at another position.
 *
 * A snapshot is counted: a reader copies out of the one it picked while
 * another, at position 0, installs a newer one. The open file's lock
 * guards only which snapshot is current; no lock is held across the
 * show function or the copy to user memory (both may sleep or fault).
 */
#include "internal.h"
#include <mm.h>
#include <uaccess.h>
#include <printk.h>
#include <string.h>
#include <errno.h>
#include <capability.h>

#define PROC_TEXT_MIN	4096		/* the first try at a file's text */
#define PROC_TEXT_MAX	(128 * 1024)	/* longer text is cut here */

/* ---- text buffers -------------------------------------------------------- */

void pb_printf(struct pbuf *pb, const char *fmt, ...)
{
	size_t room = pb->len < pb->size ? pb->size - pb->len : 0;
	va_list ap;

	va_start(ap, fmt);
	pb->len += vsnprintf(room ? pb->buf + pb->len : NULL, room, fmt, ap);
	va_end(ap);
}

/* As pb_printf: what does not fit is counted but not stored. */
void pb_write(struct pbuf *pb, const void *data, size_t n)
{
	if (pb->len < pb->size)
		memcpy(pb->buf + pb->len, data, min(n, pb->size - pb->len));
	pb->len += n;
}

/* ---- snapshots ----------------------------------------------------------- */

/* One sample of a file's text; readers share it by reference. */
struct proc_snap {
	atomic_t ref;
	size_t len;
	char data[];
};

/* file->private_data of an open text file. */
struct proc_text {
	spinlock_t lock;		/* snap */
	struct proc_snap *snap;		/* the last sample, or NULL */
};

static void put_snap(struct proc_snap *s)
{
	if (s && atomic_dec_and_test(&s->ref))
		kfree(s);
}

/*
 * Generate the file's text into a snapshot, doubling the allocation (a
 * power of two, header included, so kmalloc wastes nothing) until the
 * text fits or PROC_TEXT_MAX is reached.
 */
static struct proc_snap *make_snap(struct proc_inode *pi)
{
	size_t alloc = PROC_TEXT_MIN;

	for (;;) {
		struct proc_snap *s = kmalloc(alloc, GFP_KERNEL);
		size_t room = alloc - sizeof(*s);
		struct pbuf pb;
		int err;

		if (!s)
			return ERR_PTR(-ENOMEM);
		pb = (struct pbuf){ .buf = s->data, .size = room };
		err = pi->entry->show(&pb, pi->task);
		if (err) {
			kfree(s);
			return ERR_PTR(err);
		}
		if (pb.len < room || alloc >= PROC_TEXT_MAX) {
			atomic_set(&s->ref, 1);
			s->len = min(pb.len, room - 1);
			return s;
		}
		kfree(s);
		alloc *= 2;
	}
}

/* The sample a read at pos uses, with a reference: a new one at 0. */
static struct proc_snap *get_snap(struct file *f, loff_t pos)
{
	struct proc_text *pt = f->private_data;
	struct proc_snap *s, *old;

	if (pos) {
		spin_lock(&pt->lock);
		s = pt->snap;
		if (s)
			atomic_inc(&s->ref);
		spin_unlock(&pt->lock);
		if (s)
			return s;
	}
	s = make_snap(PROC_I(file_inode(f)));
	if (IS_ERR(s))
		return s;
	atomic_inc(&s->ref);		/* the open file's */
	spin_lock(&pt->lock);
	old = pt->snap;
	pt->snap = s;
	spin_unlock(&pt->lock);
	put_snap(old);
	return s;
}

/* ---- file operations ----------------------------------------------------- */

/*
 * Only the files with a store function (/proc/sys) are written, by root.
 * Opening any other for writing is refused (-EACCES, what a user without
 * privileges sees on Linux) rather than the write failing later.
 */
static int proc_text_open(struct inode *inode, struct file *f)
{
	const struct proc_entry *e = PROC_I(inode)->entry;
	bool writing = (f->f_flags & O_ACCMODE) != O_RDONLY ||
		       (f->f_mode & FMODE_WRITE) || (f->f_flags & O_TRUNC);
	struct proc_text *pt;

	if (writing && (!e->store || !capable(CAP_SYS_ADMIN)))
		return -EACCES;
	pt = kzalloc(sizeof(*pt), GFP_KERNEL);
	if (!pt)
		return -ENOMEM;
	spin_lock_init(&pt->lock, "proc_text");
	f->private_data = pt;
	return 0;
}

static ssize_t proc_text_read(struct file *f, char __user *buf, size_t n,
			      loff_t *ppos)
{
	loff_t pos = *ppos;
	struct proc_snap *s;
	size_t count;

	if (pos < 0)
		return -EINVAL;
	s = get_snap(f, pos);
	if (IS_ERR(s))
		return PTR_ERR(s);
	count = pos < (loff_t)s->len ? min(n, (size_t)(s->len - pos)) : 0;
	if (count && copy_to_user(buf, s->data + pos, count)) {
		put_snap(s);
		return -EFAULT;
	}
	put_snap(s);
	*ppos = pos + count;
	return count;
}

#define PROC_STORE_MAX	256	/* longer writes are -EINVAL */

/*
 * A write to a /proc/sys file: the whole value in one write, as Linux's
 * sysctl files take it; one trailing newline is dropped. The file keeps
 * no text of its own, so every write replaces the value.
 */
static ssize_t proc_text_write(struct file *f, const char __user *buf,
			       size_t n, loff_t *ppos)
{
	const struct proc_entry *e = PROC_I(file_inode(f))->entry;
	char val[PROC_STORE_MAX];
	size_t len = n;
	int err;

	if (!e->store)
		return -EINVAL;
	if (n >= sizeof(val))
		return -EINVAL;
	if (copy_from_user(val, buf, n))
		return -EFAULT;
	if (len && val[len - 1] == '\n')
		len--;
	val[len] = '\0';
	err = e->store(val, len);
	if (err)
		return err;
	*ppos += n;
	return n;
}

static int proc_text_release(struct inode *inode, struct file *f)
{
	struct proc_text *pt = f->private_data;

	put_snap(pt->snap);
	kfree(pt);
	return 0;
}

/* Seekable anywhere; the size is 0, as Linux's /proc files say. */
const struct file_operations proc_text_file_operations = {
	.open = proc_text_open,
	.read = proc_text_read,
	.write = proc_text_write,
	.llseek = generic_file_llseek,
	.release = proc_text_release,
};
