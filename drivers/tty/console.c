// SPDX-License-Identifier: GPL-2.0
/*
 * The serial console as a terminal: the driver under the tty layer
 * (tty_io.c, n_tty.c) for /dev/ttyS0 (4:64), /dev/console (5:1) and
 * /dev/tty (5:0) of the processes it controls.
 *
 * Writes go through the kernel console (printk's path:
 * console_write() under console_lock, so a line from one process is never
 * cut by another CPU's output mid-chunk). User bytes are first copied out
 * of the process with copy_from_iter(), i.e. through kmap_local, in
 * chunks; a writev() comes out in one piece. The serial driver always
 * sends "\r\n" for "\n" (OPOST|ONLCR, the default; a program that clears
 * them gets the carriage return anyway). Received bytes arrive from the
 * receive interrupt (drivers/serial_irq.c), or, if that is not routed,
 * from a timer that polls the port every tick while a reader or poller
 * waits, and go to the line discipline.
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
#include <tty.h>

#define CONSOLE_CHUNK		PAGE_SIZE

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

static ssize_t console_write_iter(struct iov_iter *from)
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
 * Console input: bytes from the serial receive interrupt (console_rx,
 * interrupts off) or, if that is not routed, from rx_poll_timer polling
 * the port once per tick while a reader waits, go to the line
 * discipline (n_tty.c).
 */
static struct tty_struct console_tty;
static struct timer_list rx_poll_timer;
static DEFINE_SPINLOCK(rx_poll_lock);	/* add_timer() is not reentrant */
static DEFINE_SPINLOCK(rx_drain_lock);	/* bytes in order: one poller */

static void console_rx(char c)
{
	n_tty_receive_char(&console_tty, c);
}

/* Take what the port holds (when no interrupt delivers it). */
static void console_poll_input(struct tty_struct *tty)
{
	unsigned long flags;
	int c;

	if (serial_rx_irq_routed())
		return;
	local_irq_save(flags);
	if (!spin_trylock(&rx_drain_lock)) {
		local_irq_restore(flags);
		return;
	}
	while ((c = serial_getc()) >= 0)
		n_tty_receive_char(tty, (char)c);
	spin_unlock(&rx_drain_lock);
	local_irq_restore(flags);
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
	console_poll_input(&console_tty);
	if (waitqueue_active(&console_tty.read_wait))
		arm_rx_poll();
}

/* The caller is on read_wait and about to sleep. */
static void console_expect_input(struct tty_struct *tty)
{
	if (!serial_rx_irq_routed())
		arm_rx_poll();
}

static void console_tty_write(struct tty_struct *tty, const char *buf,
			      size_t n)
{
	console_write(buf, n);
}

static ssize_t console_tty_write_iter(struct tty_struct *tty,
				      struct iov_iter *from)
{
	return console_write_iter(from);
}

static const struct tty_operations console_tty_ops = {
	.write = console_tty_write,
	.write_iter = console_tty_write_iter,
	.expect_input = console_expect_input,
	.poll_input = console_poll_input,
};

/* Linux's defaults for a serial line: cooked, echoing, 38400 8N1. */
static const struct termios_k default_termios = {
	.c_iflag = ICRNL | IXON,
	.c_oflag = OPOST | ONLCR,
	.c_cflag = 0xbf,	/* B38400 | CS8 | CREAD */
	.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE |
		   IEXTEN,
	.c_cc = {
		[VINTR] = 0x03, [VQUIT] = 0x1c, [VERASE] = 0x7f,
		[VKILL] = 0x15, [VEOF] = 0x04, [VTIME] = 0, [VMIN] = 1,
		[8] = 0x11, [9] = 0x13, [VSUSP] = 0x1a, [12] = 0x12,
		[13] = 0x0f, [VWERASE] = 0x17, [15] = 0x16,
	},
};

void console_input_init(void)
{
	struct tty_struct *tty = &console_tty;

	spin_lock_init(&tty->lock, "tty->lock");
	tty->ops = &console_tty_ops;
	tty->name = "ttyS0";
	tty->devnum = MKDEV(4, 64);
	tty->termios = default_termios;
	tty->winsize = (struct winsize_k){ .ws_row = 24, .ws_col = 80 };
	n_tty_init(tty);
	tty_register(tty);
	timer_setup(&rx_poll_timer, rx_poll_tick);
	serial_set_rx_handler(console_rx);
}
