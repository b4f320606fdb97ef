// SPDX-License-Identifier: GPL-2.0
/*
 * The character devices: /dev/null, /dev/zero, /dev/console and
 * /dev/kmapstat (the per-CPU highmem counters as text).
 *
 * /dev/console writes go through the kernel console (printk's path:
 * console_write() under console_lock, so a line from one process is never
 * cut by another CPU's output mid-chunk). User bytes are first copied out
 * of the process with copy_from_user(), i.e. through kmap_local, in
 * chunks. Reads come from the serial port with a minimal line discipline
 * (echo, backspace, CR -> NL, ^D) and return one line at a time; bytes
 * arrive from the receive interrupt (drivers/serial_irq.c), or, if that
 * is not routed, from a timer that polls the port every tick while a
 * reader or poller waits.
 */
#include <fs.h>
#include <poll.h>
#include <stat.h>
#include <task.h>
#include <sched.h>
#include <wait.h>
#include <uaccess.h>
#include <console.h>
#include <timer.h>
#include <time.h>
#include <kernel.h>
#include <mm.h>
#include <highmem.h>
#include <string.h>
#include <errno.h>

#define CONSOLE_CHUNK	PAGE_SIZE
#define LINE_MAX	256

/* ---- /dev/null and /dev/zero ------------------------------------------------ */

static ssize_t null_read(struct file *f, char __user *buf, size_t n)
{
	return 0;
}

static ssize_t null_write(struct file *f, const char __user *buf, size_t n)
{
	return n;
}

static ssize_t zero_read(struct file *f, char __user *buf, size_t n)
{
	return clear_user(buf, n) ? -EFAULT : (ssize_t)n;
}

/* The position means nothing to these two, so pread/pwrite work (Linux). */
static ssize_t null_pread(struct file *f, char __user *buf, size_t n,
			  long long pos)
{
	return null_read(f, buf, n);
}

static ssize_t zero_pread(struct file *f, char __user *buf, size_t n,
			  long long pos)
{
	return zero_read(f, buf, n);
}

static ssize_t null_pwrite(struct file *f, const char __user *buf, size_t n,
			   long long pos)
{
	return null_write(f, buf, n);
}

static int device_getattr(struct file *f, struct kstat *st);

static const struct file_operations null_fops = {
	.read = null_read,
	.write = null_write,
	.pread = null_pread,
	.pwrite = null_pwrite,
	.getattr = device_getattr,
};

static const struct file_operations zero_fops = {
	.read = zero_read,
	.write = null_write,
	.pread = zero_pread,
	.pwrite = null_pwrite,
	.getattr = device_getattr,
};

/* ---- /dev/kmapstat ---------------------------------------------------------- */

/* Room for the header and one line per CPU at NR_CPUS (about 80 bytes). */
#define KMAPSTAT_SIZE	PAGE_SIZE

/*
 * Each read formats a fresh table and returns the part from f_pos on, so
 * `cat` sees one snapshot when its buffer holds the table (it always does
 * with 4 KiB), and reopening or seeking to 0 samples the counters again.
 */
static ssize_t kmapstat_read(struct file *f, char __user *buf, size_t n)
{
	char *table = kmalloc(KMAPSTAT_SIZE, GFP_KERNEL);
	long long pos;
	ssize_t ret;
	int len;

	if (!table)
		return -ENOMEM;
	len = kmap_stats_show(table, KMAPSTAT_SIZE);
	spin_lock(&f->f_pos_lock);
	pos = f->f_pos;
	ret = pos < len ? (ssize_t)min((long long)n, len - pos) : 0;
	f->f_pos += ret;
	spin_unlock(&f->f_pos_lock);
	if (ret && copy_to_user(buf, table + pos, ret))
		ret = -EFAULT;
	kfree(table);
	return ret;
}

/* Seekable (lseek to 0 takes a new sample); size 0, as a procfs file. */
static long long kmapstat_size(struct file *f)
{
	return 0;
}

static const struct file_operations kmapstat_fops = {
	.read = kmapstat_read,
	.size = kmapstat_size,
	.getattr = device_getattr,
};

/* ---- /dev/console --------------------------------------------------------------- */

/*
 * One writer at a time, so that a write() of many chunks comes out in one
 * piece (printk lines may still fall between chunks of a huge write; a
 * write of up to a page is a single console_write()).
 */
static DECLARE_WAIT_QUEUE_HEAD(console_writers);
static bool console_busy;
static DEFINE_SPINLOCK(console_busy_lock);

static bool console_try_get(void)
{
	bool got;

	spin_lock(&console_busy_lock);
	got = !console_busy;
	console_busy = true;
	spin_unlock(&console_busy_lock);
	return got;
}

static void console_writer_lock(void)
{
	wait_event(console_writers, console_try_get());
}

static void console_writer_unlock(void)
{
	spin_lock(&console_busy_lock);
	console_busy = false;
	spin_unlock(&console_busy_lock);
	wake_up(&console_writers);
}

/* Copy from user memory (through kmap) and print; bytes done. */
static size_t console_put_user(char *chunk, const char __user *buf, size_t n)
{
	size_t done = 0;

	while (done < n) {
		size_t len = min(n - done, (size_t)CONSOLE_CHUNK);

		if (copy_from_user(chunk, buf + done, len))
			break;
		console_write(chunk, len);
		done += len;
	}
	return done;
}

static ssize_t console_dev_write(struct file *f, const char __user *buf,
				 size_t n)
{
	char *chunk = kmalloc(CONSOLE_CHUNK, GFP_KERNEL);
	size_t done;

	if (!chunk)
		return -ENOMEM;
	console_writer_lock();
	done = console_put_user(chunk, buf, n);
	console_writer_unlock();
	kfree(chunk);
	return done || !n ? (ssize_t)done : -EFAULT;
}

static ssize_t console_dev_writev(struct file *f, const struct iovec *iov,
				  int cnt)
{
	char *chunk = kmalloc(CONSOLE_CHUNK, GFP_KERNEL);
	ssize_t done = 0;

	if (!chunk)
		return -ENOMEM;
	console_writer_lock();
	for (int i = 0; i < cnt; i++) {
		size_t n = console_put_user(chunk, iov[i].iov_base,
					    iov[i].iov_len);

		done += n;
		if (n < iov[i].iov_len)
			break;
	}
	console_writer_unlock();
	kfree(chunk);
	return done;	/* the vectors were checked: only a race fails */
}

/*
 * Console input: a line discipline fed by the serial receive interrupt
 * (console_rx, interrupts off) or, if the interrupt is not routed, by
 * rx_poll_timer polling the port once per tick while anyone waits for
 * input. Both go through feed_char() under line_lock.
 */
static DEFINE_SPINLOCK(line_lock);
static DECLARE_WAIT_QUEUE_HEAD(console_readers);
static struct timer_list rx_poll_timer;
static DEFINE_SPINLOCK(rx_poll_lock);	/* add_timer() is not reentrant */
static char line[LINE_MAX];
static unsigned int line_len;	/* bytes in line[] */
static bool line_done;		/* line[] is ready to read (or EOF) */

/* line_lock held. */
static void feed_char(char c)
{
	char ch = c == '\r' ? '\n' : c;

	if (line_done)
		return;		/* a line is waiting: type-ahead is dropped */
	if (ch == 0x7f || ch == '\b') {
		if (line_len) {
			line_len--;
			console_write("\b \b", 3);
		}
		return;
	}
	if (ch == 0x04 && !line_len) {	/* ^D on an empty line: EOF */
		line_done = true;
		return;
	}
	if (line_len == LINE_MAX - 1 && ch != '\n')
		return;
	line[line_len++] = ch;
	console_write(&ch, 1);		/* echo */
	if (ch == '\n')
		line_done = true;
}

static void console_rx(char c)
{
	unsigned long flags;
	bool done;

	spin_lock_irqsave(&line_lock, flags);
	feed_char(c);
	done = line_done;
	spin_unlock_irqrestore(&line_lock, flags);
	if (done)
		wake_up(&console_readers);
}

/* Take what the port holds (when no interrupt delivers it); ready? */
static bool console_poll_input(void)
{
	unsigned long flags;
	bool done;
	int c;

	spin_lock_irqsave(&line_lock, flags);
	while (!line_done && (c = serial_getc()) >= 0)
		feed_char((char)c);
	done = line_done;
	spin_unlock_irqrestore(&line_lock, flags);
	return done;
}

static void arm_rx_poll(void)
{
	unsigned long flags;

	spin_lock_irqsave(&rx_poll_lock, flags);
	if (!timer_pending(&rx_poll_timer))
		add_timer(&rx_poll_timer, ktime_get_ns() + TICK_NSEC);
	spin_unlock_irqrestore(&rx_poll_lock, flags);
}

/* Without the receive interrupt: poll each tick while someone waits. */
static void rx_poll_tick(struct timer_list *t)
{
	(void)t;
	if (console_poll_input())
		wake_up(&console_readers);
	if (waitqueue_active(&console_readers))
		arm_rx_poll();
}

/* The caller is on console_readers and about to sleep. */
static void console_expect_input(void)
{
	if (!serial_rx_irq_routed())
		arm_rx_poll();
}

void console_input_init(void)
{
	timer_setup(&rx_poll_timer, rx_poll_tick);
	serial_set_rx_handler(console_rx);
}

static ssize_t console_dev_read(struct file *f, char __user *buf, size_t n)
{
	char out[LINE_MAX];
	unsigned long flags;
	size_t len;

	if (!n)
		return 0;
	while (!console_poll_input()) {
		DEFINE_WAIT(w);

		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (signal_pending(current))
			return -ERESTARTSYS;
		prepare_to_wait(&console_readers, &w, TASK_INTERRUPTIBLE);
		console_expect_input();
		if (!READ_ONCE(line_done))
			schedule();
		finish_wait(&console_readers, &w);
	}
	spin_lock_irqsave(&line_lock, flags);
	len = min(n, (size_t)line_len);
	memcpy(out, line, len);
	memmove(line, line + len, line_len - len);
	line_len -= len;
	if (!line_len)
		line_done = false;
	spin_unlock_irqrestore(&line_lock, flags);
	if (copy_to_user(buf, out, len))
		return -EFAULT;
	return len;
}

/*
 * Readable once a whole line (or ^D) is in, as a Linux tty in canonical
 * mode; console_rx() or rx_poll_tick() wakes console_readers then. Output
 * never blocks for long: always writable.
 */
static unsigned int console_poll(struct file *f, poll_table *pt)
{
	unsigned int mask = POLLOUT | POLLWRNORM;

	poll_wait(f, &console_readers, pt);
	if (console_poll_input())
		mask |= POLLIN | POLLRDNORM;
	else if (pt)
		console_expect_input();
	return mask;
}

#define TCGETS		0x5401
#define TCSETS		0x5402
#define TCSETSW		0x5403
#define TCSETSF		0x5404
#define TIOCGPGRP	0x540F
#define TIOCSPGRP	0x5410
#define TIOCGWINSZ	0x5413

struct winsize {
	u16 ws_row, ws_col, ws_xpixel, ws_ypixel;
};

/*
 * Linux's struct termios as TCGETS copies it (asm-generic/termbits.h):
 * 36 bytes, no speed fields. musl's user struct is larger and glibc's
 * __kernel_termios is exactly this: writing more smashes glibc's stack.
 */
struct termios_k {
	u32 c_iflag, c_oflag, c_cflag, c_lflag;
	u8 c_line;
	u8 c_cc[19];
};

_Static_assert(sizeof(struct termios_k) == 36, "i386 kernel struct termios");

static long console_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	switch (cmd) {
	case TCGETS: {
		struct termios_k t = {
			.c_iflag = 0x500,	/* ICRNL | IXON */
			.c_oflag = 0x5,		/* OPOST | ONLCR */
			.c_cflag = 0xbf,	/* B38400 | CS8 | CREAD */
			.c_lflag = 0x8a3b,	/* ISIG ICANON ECHO ECHOE ... */
		};

		return copy_to_user((void __user *)arg, &t, sizeof(t)) ?
			-EFAULT : 0;
	}
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		return 0;	/* accepted; the line discipline is fixed */
	case TIOCGWINSZ: {
		struct winsize ws = { .ws_row = 25, .ws_col = 80 };

		return copy_to_user((void __user *)arg, &ws, sizeof(ws)) ?
			-EFAULT : 0;
	}
	case TIOCGPGRP: {
		int pgrp = current->tgid;

		return copy_to_user((void __user *)arg, &pgrp, sizeof(pgrp)) ?
			-EFAULT : 0;
	}
	case TIOCSPGRP:
		return 0;
	default:
		return -ENOTTY;
	}
}

const struct file_operations console_fops = {
	.read = console_dev_read,
	.write = console_dev_write,
	.writev = console_dev_writev,
	.ioctl = console_ioctl,
	.getattr = device_getattr,
	.poll = console_poll,
};

/* Linux's numbers (Documentation/admin-guide/devices.txt). */
struct device_node {
	const char *path;
	const struct file_operations *fops;
	u32 rdev;
	u32 ino;	/* st_ino, unique within DEVFS_DEV */
};

static const struct device_node devices[] = {
	{ "/dev/null", &null_fops, MKDEV(1, 3), 3 },
	{ "/dev/zero", &zero_fops, MKDEV(1, 5), 5 },
	{ "/dev/console", &console_fops, MKDEV(5, 1), 6 },
	{ "/dev/tty", &console_fops, MKDEV(5, 0), 7 },
	/* A misc-device minor from the local/experimental range. */
	{ "/dev/kmapstat", &kmapstat_fops, MKDEV(10, 240), 8 },
};

/*
 * device_open() leaves the node in private_data; a console file made
 * without one (alloc_file(&console_fops, ...)) reads as /dev/console.
 */
static int device_getattr(struct file *f, struct kstat *st)
{
	const struct device_node *node = f->private_data ?: &devices[2];

	st->mode = S_IFCHR | 0666;
	st->nlink = 1;
	st->dev = DEVFS_DEV;
	st->rdev = node->rdev;
	st->ino = node->ino;
	st->blksize = STAT_BLKSIZE;
	return 0;
}

const char *device_file_path(struct file *f)
{
	if (f->f_op->getattr != device_getattr)
		return NULL;
	return ((const struct device_node *)f->private_data ?: &devices[2])->path;
}

bool device_exists(const char *path)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(devices); i++)
		if (!strcmp(path, devices[i].path))
			return true;
	return false;
}

struct file *device_open(const char *path, unsigned int flags)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(devices); i++) {
		if (strcmp(path, devices[i].path))
			continue;
		/* A character device is no directory (open, chdir). */
		if (flags & O_DIRECTORY)
			return ERR_PTR(-ENOTDIR);
		return alloc_file(devices[i].fops, flags, &devices[i]) ?:
		       ERR_PTR(-ENOMEM);
	}
	return NULL;
}
