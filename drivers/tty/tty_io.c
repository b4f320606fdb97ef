// SPDX-License-Identifier: GPL-2.0
/*
 * The terminal device files and what POSIX job control asks of a
 * terminal (Documentation/tty.md): read/write/poll through the line
 * discipline (n_tty.c), the termios and window-size ioctls, the
 * controlling terminal of a session (TIOCSCTTY, TIOCNOTTY, opening a
 * terminal as a session leader, /dev/tty), its foreground process group
 * (TIOCSPGRP/TIOCGPGRP, TIOCGSID), and the stops a background process
 * meets: reading sends SIGTTIN to its group, writing with TOSTOP and
 * changing the terminal send SIGTTOU (unless ignored or blocked), as
 * Linux does. A session leader's end hangs its terminal up.
 *
 * There is one terminal, the serial console (console.c): /dev/ttyS0,
 * /dev/console and, for a process whose controlling terminal it is,
 * /dev/tty. As on Linux, /dev/console never becomes a controlling
 * terminal by being opened.
 */
#include <tty.h>
#include <fs.h>
#include <mm.h>
#include <uio.h>
#include <poll.h>
#include <devices.h>
#include <stat.h>
#include <task.h>
#include <sched.h>
#include <signal.h>
#include <jobctl.h>
#include <uaccess.h>
#include <kernel.h>
#include <string.h>
#include <errno.h>

#define TTY_MAJOR		4	/* ttyS0 is minor 64 */
#define TTYAUX_MAJOR		5	/* tty 0, console 1 */

#define TCGETS		0x5401
#define TCSETS		0x5402
#define TCSETSW		0x5403
#define TCSETSF		0x5404
#define TCSBRK		0x5409
#define TCXONC		0x540A
#define TCFLSH		0x540B
#define TIOCSCTTY	0x540E
#define TIOCGPGRP	0x540F
#define TIOCSPGRP	0x5410
#define TIOCOUTQ	0x5411
#define TIOCSTI		0x5412
#define TIOCGWINSZ	0x5413
#define TIOCSWINSZ	0x5414
#define FIONREAD	0x541B
#define FIONBIO		0x5421
#define TIOCNOTTY	0x5422
#define TIOCGSID	0x5429

#define TCIFLUSH	0
#define TCOFLUSH	1
#define TCIOFLUSH	2

static struct tty_struct *the_tty;	/* the console */

void tty_register(struct tty_struct *tty)
{
	the_tty = tty;
}

int tty_devnum(struct tty_struct *tty)
{
	u32 major = MAJOR(tty->devnum), minor = MINOR(tty->devnum);

	/* proc(5)'s tty_nr encoding. */
	return (minor & 0xff) | (major << 8) | ((minor & ~0xffu) << 12);
}

pid_t tty_fg_pgrp(struct tty_struct *tty)
{
	return READ_ONCE(tty->pgrp) ?: -1;
}

/* ---- sessions and the controlling terminal ------------------------------ */

static struct tty_struct *current_ctty(void)
{
	struct tty_struct *tty;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	tty = task_group_leader(current)->tty;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return tty;
}

/* tasklist_lock held: tty becomes the controlling terminal of me's session. */
static void set_ctty_locked(struct task_struct *me, struct tty_struct *tty)
{
	spin_lock(&tty->lock);
	tty->session = me->session;
	tty->pgrp = me->pgrp;
	spin_unlock(&tty->lock);
	me->tty = tty;
}

/*
 * tasklist_lock held: the session loses its terminal. Its foreground
 * group hears of the hang-up (SIGHUP, and SIGCONT should it be stopped).
 */
static void disassociate_locked(struct tty_struct *tty)
{
	struct ksiginfo info = { .code = SI_KERNEL };
	struct task_struct *p;
	pid_t fg, sid;

	spin_lock(&tty->lock);
	fg = tty->pgrp;
	sid = tty->session;
	tty->pgrp = tty->session = 0;
	spin_unlock(&tty->lock);
	if (fg > 0) {
		kill_pgrp_locked(fg, SIGHUP, &info);
		kill_pgrp_locked(fg, SIGCONT, &info);
	}
	list_for_each_entry(p, &task_list, tasks)
		if (p->tty == tty && p->session == sid)
			p->tty = NULL;
}

void tty_session_leader_exit_locked(struct task_struct *leader)
{
	struct tty_struct *tty = leader->tty;

	if (tty && READ_ONCE(tty->session) == leader->session)
		disassociate_locked(tty);
	leader->tty = NULL;
}

/* Opening a terminal: a session leader without one gets it (not /dev/console). */
static void open_sets_ctty(struct tty_struct *tty, struct file *f, u32 dev)
{
	struct task_struct *me = task_group_leader(current);
	unsigned long flags;

	if ((f->f_flags & O_NOCTTY) || dev == MKDEV(TTYAUX_MAJOR, 1))
		return;
	spin_lock_irqsave(&tasklist_lock, flags);
	if (me->session == me->tgid && !me->tty && !tty->session)
		set_ctty_locked(me, tty);
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

static long tiocsctty(struct tty_struct *tty, unsigned long arg)
{
	struct task_struct *me = task_group_leader(current), *p;
	unsigned long flags;
	long ret = 0;

	spin_lock_irqsave(&tasklist_lock, flags);
	if (me->tty == tty && tty->session == me->session)
		goto out;
	ret = -EPERM;
	if (me->session != me->tgid || me->tty)
		goto out;
	if (tty->session) {
		/* Stealing it from another session takes arg 1 (and root). */
		if (arg != 1)
			goto out;
		list_for_each_entry(p, &task_list, tasks)
			if (p->tty == tty)
				p->tty = NULL;
	}
	set_ctty_locked(me, tty);
	ret = 0;
out:
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

static long tiocnotty(struct tty_struct *tty)
{
	struct task_struct *me = task_group_leader(current);
	unsigned long flags;
	long ret = 0;

	spin_lock_irqsave(&tasklist_lock, flags);
	if (me->tty != tty)
		ret = -ENOTTY;
	else if (me->session == me->tgid)
		disassociate_locked(tty);
	else
		me->tty = NULL;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

/* ---- job control ---------------------------------------------------------- */

/*
 * May current use tty (read: SIGTTIN; write with TOSTOP, or change it:
 * SIGTTOU)? Yes if it is not its controlling terminal or current is in
 * the foreground. A background process is stopped: its group gets the
 * signal and the call restarts once it is continued; unless it ignores
 * or blocks SIGTTOU (then it may), or SIGTTIN (-EIO), or its group is
 * orphaned (-EIO: nobody would continue it).
 */
static long tty_check_background(struct tty_struct *tty, int sig)
{
	struct task_struct *me = task_group_leader(current);
	unsigned long flags;
	bool orphaned;
	pid_t pgrp;

	spin_lock_irqsave(&tasklist_lock, flags);
	pgrp = me->pgrp;
	if (me->tty != tty || !tty->pgrp || tty->pgrp == pgrp) {
		spin_unlock_irqrestore(&tasklist_lock, flags);
		return 0;
	}
	orphaned = pgrp_is_orphaned_locked(pgrp, NULL);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (current_ignores_or_blocks(sig))
		return sig == SIGTTOU ? 0 : -EIO;
	if (orphaned)
		return -EIO;
	kill_pgrp(pgrp, sig);
	return -ERESTARTSYS;
}

static long tiocspgrp(struct tty_struct *tty, pid_t __user *up)
{
	struct task_struct *me = task_group_leader(current);
	unsigned long flags;
	pid_t pgrp;
	long ret;

	ret = tty_check_background(tty, SIGTTOU);
	if (ret)
		return ret;
	if (get_user(pgrp, up))
		return -EFAULT;
	if (pgrp < 0)
		return -EINVAL;
	spin_lock_irqsave(&tasklist_lock, flags);
	if (me->tty != tty || tty->session != me->session)
		ret = -ENOTTY;
	else if (!pgrp_in_session_locked(pgrp, me->session))
		ret = -EPERM;
	else
		WRITE_ONCE(tty->pgrp, pgrp);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

/* TIOCGPGRP and TIOCGSID answer only about the caller's own terminal. */
static long tty_get_id(struct tty_struct *tty, pid_t __user *up, bool sid)
{
	pid_t id;

	if (current_ctty() != tty)
		return -ENOTTY;
	id = sid ? READ_ONCE(tty->session) : READ_ONCE(tty->pgrp);
	if (sid && !id)
		return -ENOTTY;
	return put_user(id, up) ? -EFAULT : 0;
}

/* ---- termios and the window -------------------------------------------- */

static long tty_set_termios(struct tty_struct *tty, unsigned int cmd,
			    const void __user *arg)
{
	struct termios_k t, old;
	unsigned long flags;
	long ret;

	ret = tty_check_background(tty, SIGTTOU);
	if (ret)
		return ret;
	if (copy_from_user(&t, arg, sizeof(t)))
		return -EFAULT;
	/* Output is never queued: TCSETSW has nothing to wait for. */
	if (cmd == TCSETSF)
		n_tty_flush_input(tty);
	spin_lock_irqsave(&tty->lock, flags);
	old = tty->termios;
	tty->termios = t;
	n_tty_set_termios_locked(tty, &old);
	spin_unlock_irqrestore(&tty->lock, flags);
	wake_up_all(&tty->read_wait);
	return 0;
}

static long tiocswinsz(struct tty_struct *tty, const void __user *arg)
{
	struct winsize_k ws;
	unsigned long flags;
	bool changed;
	pid_t pgrp;

	if (copy_from_user(&ws, arg, sizeof(ws)))
		return -EFAULT;
	spin_lock_irqsave(&tty->lock, flags);
	changed = memcmp(&ws, &tty->winsize, sizeof(ws)) != 0;
	tty->winsize = ws;
	pgrp = tty->pgrp;
	spin_unlock_irqrestore(&tty->lock, flags);
	if (changed && pgrp > 0)
		kill_pgrp(pgrp, SIGWINCH);
	return 0;
}

/* TIOCSTI: a byte as if typed (root may do it on any terminal). */
static long tiocsti(struct tty_struct *tty, const char __user *up)
{
	char c;

	if (get_user(c, up))
		return -EFAULT;
	n_tty_receive_char(tty, c);
	return 0;
}

static long tcflsh(struct tty_struct *tty, unsigned long arg)
{
	long ret = tty_check_background(tty, SIGTTOU);

	if (ret)
		return ret;
	if (arg > TCIOFLUSH)
		return -EINVAL;
	if (arg != TCOFLUSH)
		n_tty_flush_input(tty);
	return 0;
}

static long tty_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct tty_struct *tty = f->private_data;
	void __user *up = (void __user *)arg;
	struct termios_k t;
	struct winsize_k ws;
	unsigned long flags;

	switch (cmd) {
	case TCGETS:
		spin_lock_irqsave(&tty->lock, flags);
		t = tty->termios;
		spin_unlock_irqrestore(&tty->lock, flags);
		return copy_to_user(up, &t, sizeof(t)) ? -EFAULT : 0;
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		return tty_set_termios(tty, cmd, up);
	case TIOCGWINSZ:
		spin_lock_irqsave(&tty->lock, flags);
		ws = tty->winsize;
		spin_unlock_irqrestore(&tty->lock, flags);
		return copy_to_user(up, &ws, sizeof(ws)) ? -EFAULT : 0;
	case TIOCSWINSZ:
		return tiocswinsz(tty, up);
	case TIOCGPGRP:
		return tty_get_id(tty, up, false);
	case TIOCGSID:
		return tty_get_id(tty, up, true);
	case TIOCSPGRP:
		return tiocspgrp(tty, up);
	case TIOCSCTTY:
		return tiocsctty(tty, arg);
	case TIOCNOTTY:
		return tiocnotty(tty);
	case TIOCSTI:
		return tiocsti(tty, up);
	case FIONREAD:
		return put_user((int)n_tty_chars_readable(tty), (int __user *)up)
			? -EFAULT : 0;
	case TIOCOUTQ:
		return put_user(0, (int __user *)up) ? -EFAULT : 0;
	case TCFLSH:
		return tcflsh(tty, arg);
	case TCSBRK:
	case TCXONC:
		return tty_check_background(tty, SIGTTOU);
	default:
		return -ENOTTY;
	}
}

/* ---- the file ------------------------------------------------------------- */

static ssize_t tty_read(struct file *f, char __user *buf, size_t n,
			loff_t *ppos)
{
	struct tty_struct *tty = f->private_data;
	long ret = tty_check_background(tty, SIGTTIN);

	if (ret)
		return ret;
	return n_tty_read(tty, f, buf, n);
}

static ssize_t tty_write_iter(struct kiocb *iocb, struct iov_iter *from)
{
	struct tty_struct *tty = iocb->ki_filp->private_data;
	long ret;

	if (tty->termios.c_lflag & TOSTOP) {
		ret = tty_check_background(tty, SIGTTOU);
		if (ret)
			return ret;
	}
	return tty->ops->write_iter(tty, from);
}

/*
 * Readable once a whole line (or EOF) is in, in canonical mode, or any
 * byte without it. Output never blocks for long: always writable.
 */
static unsigned int tty_poll(struct file *f, poll_table *pt)
{
	struct tty_struct *tty = f->private_data;
	unsigned int mask = POLLOUT | POLLWRNORM;

	poll_wait(f, &tty->read_wait, pt);
	if (n_tty_input_available(tty))
		mask |= POLLIN | POLLRDNORM;
	else if (pt)
		tty->ops->expect_input(tty);
	return mask;
}

/* A terminal has no position: lseek, pread and pwrite are -ESPIPE. */
static int tty_open(struct inode *inode, struct file *f)
{
	u32 major = MAJOR(inode->i_rdev), minor = MINOR(inode->i_rdev);
	struct tty_struct *tty = the_tty;

	if (major == TTYAUX_MAJOR ? minor > 1 : minor != 64)
		return -ENXIO;
	if (!tty)
		return -ENODEV;
	if (major == TTYAUX_MAJOR && minor == 0) {
		/* /dev/tty: the caller's controlling terminal. */
		tty = current_ctty();
		if (!tty)
			return -ENXIO;
	} else {
		open_sets_ctty(tty, f, inode->i_rdev);
	}
	f->private_data = tty;
	file_make_stream(f);
	return 0;
}

const struct file_operations tty_fops = {
	.open = tty_open,
	.read = tty_read,
	.write_iter = tty_write_iter,
	.unlocked_ioctl = tty_ioctl,
	.poll = tty_poll,
};

void tty_chr_init(void)
{
	register_chrdev(TTYAUX_MAJOR, "tty", &tty_fops);
	register_chrdev(TTY_MAJOR, "ttyS", &tty_fops);
}
