// SPDX-License-Identifier: GPL-2.0
/*
 * The terminals: /dev/console (5:1), /dev/tty (5:0, the controlling
 * terminal, which is always the console) and /dev/ttyS0 (4:64, the
 * serial port the console is on). All three are this one device.
 *
 * Writes go through the kernel console (printk's path:
 * console_write() under console_lock, so a line from one process is never
 * cut by another CPU's output mid-chunk). User bytes are first copied out
 * of the process with copy_from_iter(), i.e. through kmap_local, in
 * chunks; a writev() comes out in one piece. Reads come from the serial port with a minimal line discipline
 * (echo, backspace, CR -> NL, ^D) and return one line at a time; bytes
 * arrive from the receive interrupt (drivers/serial_irq.c), or, if that
 * is not routed, from a timer that polls the port every tick while a
 * reader or poller waits.
 */
#include <fs.h>
#include <mm.h>		/* struct page, for uio.h */
#include <uio.h>
#include <devices.h>
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
#include <string.h>
#include <errno.h>

#define TTY_MAJOR		4	/* ttyS0 is minor 64 */
#define TTYAUX_MAJOR		5	/* tty 0, console 1 */
#define CONSOLE_CHUNK		PAGE_SIZE
#define LINE_MAX		256

/* ---- output ------------------------------------------------------------ */

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

/*
 * Print what the iter holds, a chunk at a time: the copy from user
 * memory (through kmap_local) cannot be done under console_lock. Every
 * vector of a writev goes out under one console_writer_lock(), so the
 * whole call comes out in one piece. Returns the bytes printed.
 */
static size_t console_put_iter(char *chunk, struct iov_iter *from)
{
	size_t done = 0;

	while (iov_iter_count(from)) {
		size_t len = min(iov_iter_count(from), (size_t)CONSOLE_CHUNK);
		size_t got = copy_from_iter(chunk, len, from);

		if (got)
			console_write(chunk, got);
		done += got;
		if (got < len)
			break;		/* a user buffer was not mapped */
	}
	return done;
}

static ssize_t console_write_iter(struct kiocb *iocb, struct iov_iter *from)
{
	size_t n = iov_iter_count(from), done;
	char *chunk;

	if (!n)
		return 0;
	chunk = kmalloc(CONSOLE_CHUNK, GFP_KERNEL);
	if (!chunk)
		return -ENOMEM;
	console_writer_lock();
	done = console_put_iter(chunk, from);
	console_writer_unlock();
	kfree(chunk);
	return done ? (ssize_t)done : -EFAULT;
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

static ssize_t console_read(struct file *f, char __user *buf, size_t n,
			    loff_t *ppos)
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

/* A terminal has no position: lseek, pread and pwrite are -ESPIPE. */
static int console_open(struct inode *inode, struct file *f)
{
	u32 major = MAJOR(inode->i_rdev), minor = MINOR(inode->i_rdev);

	if (major == TTYAUX_MAJOR ? minor > 1 : minor != 64)
		return -ENXIO;
	file_make_stream(f);
	return 0;
}

static const struct file_operations console_fops = {
	.open = console_open,
	.read = console_read,
	.write_iter = console_write_iter,
	.unlocked_ioctl = console_ioctl,
	.poll = console_poll,
};

void tty_chr_init(void)
{
	register_chrdev(TTYAUX_MAJOR, "tty", &console_fops);
	register_chrdev(TTY_MAJOR, "ttyS", &console_fops);
}
