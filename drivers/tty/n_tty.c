// SPDX-License-Identifier: GPL-2.0
/*
 * N_TTY, the line discipline (Documentation/tty.md): what a terminal
 * does with the bytes typed on it, as termios says.
 *
 * Input mapping (ISTRIP, IGNCR, ICRNL, INLCR); with ISIG, the INTR, QUIT
 * and SUSP characters send SIGINT, SIGQUIT and SIGTSTP to the
 * foreground process group (and flush the input unless NOFLSH); with
 * ICANON, input is edited a line at a time (ERASE, WERASE, KILL; EOF
 * ends a line without a newline, and at the start of one reads as end
 * of file) and read(2) returns at most one line; without it, bytes are
 * readable at once and VMIN/VTIME say when read(2) returns. ECHO,
 * ECHOE, ECHOK, ECHOKE, ECHONL and ECHOCTL say what is echoed.
 *
 * Received bytes come from any context (the receive interrupt), so the
 * buffer is under tty->lock with interrupts off; signals are sent and
 * readers woken after it is dropped.
 */
#include <tty.h>
#include <fs.h>
#include <task.h>
#include <sched.h>
#include <signal.h>
#include <jobctl.h>
#include <uaccess.h>
#include <time.h>
#include <kernel.h>
#include <string.h>
#include <errno.h>

#define L(tty, f)	((tty)->termios.c_lflag & (f))
#define I(tty, f)	((tty)->termios.c_iflag & (f))
#define CC(tty, v)	((tty)->termios.c_cc[v])

void n_tty_init(struct tty_struct *tty)
{
	tty->rlen = 0;
	tty->canon_len = 0;
	init_waitqueue_head(&tty->read_wait);
}

/* ---- echo ---------------------------------------------------------------- */

static bool is_ctl(char c)
{
	return ((u8)c < 0x20 && c != '\t' && c != '\n') || c == 0x7f;
}

/* Echo c as ECHOCTL says: a control character as ^X. */
static void echo_char(struct tty_struct *tty, char c)
{
	char buf[2] = { '^', c == 0x7f ? '?' : (char)(c + 0x40) };

	if (!L(tty, ECHO))
		return;
	if (L(tty, ECHOCTL) && is_ctl(c))
		tty->ops->write(tty, buf, 2);
	else
		tty->ops->write(tty, &c, 1);
}

/* Take the last byte of the line being edited off the screen too. */
static void erase_last(struct tty_struct *tty)
{
	char c = tty->rbuf[--tty->rlen];
	int width = L(tty, ECHOCTL) && is_ctl(c) ? 2 : 1;

	if (!L(tty, ECHO))
		return;
	if (!L(tty, ECHOE)) {
		echo_char(tty, CC(tty, VERASE));
		return;
	}
	while (width--)
		tty->ops->write(tty, "\b \b", 3);
}

static bool editing(struct tty_struct *tty)
{
	return tty->rlen > tty->canon_len;
}

static void erase_word(struct tty_struct *tty)
{
	while (editing(tty) && tty->rbuf[tty->rlen - 1] == ' ')
		erase_last(tty);
	while (editing(tty) && tty->rbuf[tty->rlen - 1] != ' ')
		erase_last(tty);
}

static void kill_line(struct tty_struct *tty)
{
	if (L(tty, ECHO) && L(tty, ECHOKE) && L(tty, ECHOE)) {
		while (editing(tty))
			erase_last(tty);
		return;
	}
	tty->rlen = tty->canon_len;
	if (L(tty, ECHO)) {
		echo_char(tty, CC(tty, VKILL));
		if (L(tty, ECHOK))
			tty->ops->write(tty, "\n", 1);
	}
}

/* ---- input --------------------------------------------------------------- */

static void put_byte(struct tty_struct *tty, char c, u8 flag)
{
	tty->rbuf[tty->rlen] = c;
	tty->rflag[tty->rlen] = flag;
	tty->rlen++;
}

/* Is c the special character cc[v] (0 disables one, as _POSIX_VDISABLE)? */
static bool is_cc(struct tty_struct *tty, char c, int v)
{
	return CC(tty, v) && (u8)c == CC(tty, v);
}

/* tty->lock held: ISIG's characters; the signal to send, or 0. */
static int isig_char(struct tty_struct *tty, char c)
{
	int sig = is_cc(tty, c, VINTR) ? SIGINT :
		  is_cc(tty, c, VQUIT) ? SIGQUIT :
		  is_cc(tty, c, VSUSP) ? SIGTSTP : 0;

	if (!sig)
		return 0;
	if (!L(tty, NOFLSH))
		tty->rlen = tty->canon_len = 0;
	echo_char(tty, c);
	return sig;
}

/* tty->lock held, ICANON: line editing. True: a line is complete. */
static bool canon_char(struct tty_struct *tty, char c)
{
	if (is_cc(tty, c, VERASE)) {
		if (editing(tty))
			erase_last(tty);
		return false;
	}
	if (L(tty, IEXTEN) && is_cc(tty, c, VWERASE)) {
		erase_word(tty);
		return false;
	}
	if (is_cc(tty, c, VKILL)) {
		kill_line(tty);
		return false;
	}
	if (is_cc(tty, c, VEOF)) {
		put_byte(tty, c, N_TTY_DELIM | N_TTY_EOF);
		tty->canon_len = tty->rlen;
		return true;
	}
	if (c == '\n' || is_cc(tty, c, VEOL) ||
	    (L(tty, IEXTEN) && is_cc(tty, c, VEOL2))) {
		put_byte(tty, c, N_TTY_DELIM);
		tty->canon_len = tty->rlen;
		if (L(tty, ECHO) || (c == '\n' && L(tty, ECHONL)))
			echo_char(tty, c);
		return true;
	}
	/* Keep room for the newline that ends the line. */
	if (tty->rlen >= N_TTY_BUF_SIZE - 1)
		return false;
	put_byte(tty, c, 0);
	echo_char(tty, c);
	return false;
}

/* tty->lock held: one byte; the signal to send (or 0); *wake: readable. */
static int receive_locked(struct tty_struct *tty, char c, bool *wake)
{
	if (I(tty, ISTRIP))
		c &= 0x7f;
	if (c == '\r') {
		if (I(tty, IGNCR))
			return 0;
		if (I(tty, ICRNL))
			c = '\n';
	} else if (c == '\n' && I(tty, INLCR)) {
		c = '\r';
	}
	if (L(tty, ISIG)) {
		int sig = isig_char(tty, c);

		if (sig)
			return sig;
	}
	if (L(tty, ICANON)) {
		*wake = canon_char(tty, c);
		return 0;
	}
	if (tty->rlen >= N_TTY_BUF_SIZE)
		return 0;		/* full: dropped, as Linux does */
	put_byte(tty, c, 0);
	tty->canon_len = tty->rlen;
	echo_char(tty, c);
	*wake = true;
	return 0;
}

void n_tty_receive_char(struct tty_struct *tty, char c)
{
	unsigned long flags;
	bool wake = false;
	pid_t pgrp;
	int sig;

	spin_lock_irqsave(&tty->lock, flags);
	sig = receive_locked(tty, c, &wake);
	pgrp = tty->pgrp;
	spin_unlock_irqrestore(&tty->lock, flags);
	if (sig && pgrp > 0)
		kill_pgrp(pgrp, sig);
	if (wake)
		wake_up_all(&tty->read_wait);
}

void n_tty_flush_input(struct tty_struct *tty)
{
	unsigned long flags;

	spin_lock_irqsave(&tty->lock, flags);
	tty->rlen = tty->canon_len = 0;
	spin_unlock_irqrestore(&tty->lock, flags);
}

void n_tty_set_termios_locked(struct tty_struct *tty,
			      const struct termios_k *old)
{
	/* Leaving canonical mode: the line being edited is readable. */
	if ((old->c_lflag & ICANON) && !L(tty, ICANON))
		tty->canon_len = tty->rlen;
}

/* ---- read ---------------------------------------------------------------- */

static unsigned int readable_locked(struct tty_struct *tty)
{
	return L(tty, ICANON) ? tty->canon_len : tty->rlen;
}

bool n_tty_input_available(struct tty_struct *tty)
{
	unsigned long flags;
	bool ret;

	tty->ops->poll_input(tty);
	spin_lock_irqsave(&tty->lock, flags);
	ret = readable_locked(tty) > 0;
	spin_unlock_irqrestore(&tty->lock, flags);
	return ret;
}

unsigned int n_tty_chars_readable(struct tty_struct *tty)
{
	unsigned long flags;
	unsigned int n;

	spin_lock_irqsave(&tty->lock, flags);
	n = readable_locked(tty);
	spin_unlock_irqrestore(&tty->lock, flags);
	return n;
}

static void consume_locked(struct tty_struct *tty, unsigned int len)
{
	memmove(tty->rbuf, tty->rbuf + len, tty->rlen - len);
	memmove(tty->rflag, tty->rflag + len, tty->rlen - len);
	tty->rlen -= len;
	tty->canon_len -= min(len, tty->canon_len);
}

/*
 * tty->lock held: move up to n readable bytes to out. In canonical mode
 * at most one line, its EOF character left out; *end: the line's end
 * was reached (read returns, with what came before an EOF, maybe nothing).
 */
static size_t take_locked(struct tty_struct *tty, char *out, size_t n,
			  bool *end)
{
	unsigned int avail = readable_locked(tty), len = 0, used = 0;

	*end = false;
	if (!L(tty, ICANON)) {
		len = min((size_t)avail, n);
		memcpy(out, tty->rbuf, len);
		consume_locked(tty, len);
		return len;
	}
	while (used < avail && len < n) {
		u8 fl = tty->rflag[used];

		if (fl & N_TTY_EOF) {
			used++;
			*end = true;
			break;
		}
		out[len++] = tty->rbuf[used++];
		if (fl & N_TTY_DELIM) {
			*end = true;
			break;
		}
	}
	consume_locked(tty, used);
	return len;
}

#define READ_CHUNK	256

/* Sleep until input comes, a signal, or (deadline != 0) the deadline. */
static void wait_for_input(struct tty_struct *tty, u64 deadline)
{
	DEFINE_WAIT(w);
	u64 now;

	prepare_to_wait(&tty->read_wait, &w, TASK_INTERRUPTIBLE);
	tty->ops->expect_input(tty);
	if (!n_tty_input_available(tty)) {
		now = ktime_get_ns();
		if (!deadline)
			schedule();
		else if (now < deadline)
			schedule_timeout(deadline - now);
	}
	finish_wait(&tty->read_wait, &w);
}

/*
 * When a raw read is done (termios(3)): MIN > 0 when MIN bytes (or n)
 * are in; MIN 0 with TIME 0 at once; MIN 0 with TIME at the first byte
 * or TIME tenths of a second; MIN and TIME: MIN bytes, or TIME after the
 * last byte once one came.
 */
static bool raw_read_done(struct tty_struct *tty, size_t got, size_t n,
			  u64 deadline)
{
	size_t min_bytes = min((size_t)CC(tty, VMIN), n);

	if (got >= n)
		return true;
	if (!CC(tty, VMIN))
		return got > 0 || !CC(tty, VTIME) ||
		       ktime_get_ns() >= deadline;
	if (got >= min_bytes)
		return true;
	return got && CC(tty, VTIME) && ktime_get_ns() >= deadline;
}

ssize_t n_tty_read(struct tty_struct *tty, struct file *f, char __user *buf,
		   size_t n)
{
	char out[READ_CHUNK];
	unsigned long flags;
	size_t got = 0, len;
	u64 deadline = 0, tenth = NSEC_PER_SEC / 10;
	bool canon, end;

	if (!n)
		return 0;
	tty->ops->poll_input(tty);
	if (!L(tty, ICANON) && !CC(tty, VMIN) && CC(tty, VTIME))
		deadline = ktime_get_ns() + CC(tty, VTIME) * tenth;
	for (;;) {
		spin_lock_irqsave(&tty->lock, flags);
		canon = L(tty, ICANON);
		len = take_locked(tty, out, min(n - got, sizeof(out)), &end);
		spin_unlock_irqrestore(&tty->lock, flags);
		if (len && copy_to_user(buf + got, out, len))
			return got ? (ssize_t)got : -EFAULT;
		got += len;
		if (canon && (end || got == n))
			return got;	/* one line at most */
		if (canon && len)
			continue;	/* a long line: the next chunk */
		if (!canon && len && CC(tty, VTIME))
			deadline = ktime_get_ns() + CC(tty, VTIME) * tenth;
		if (!canon && raw_read_done(tty, got, n, deadline))
			return got;
		if (len)
			continue;
		if (f->f_flags & O_NONBLOCK)
			return got ? (ssize_t)got : -EAGAIN;
		if (signal_pending(current))
			return got ? (ssize_t)got : -ERESTARTSYS;
		wait_for_input(tty, deadline);
	}
}
