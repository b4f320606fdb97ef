/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Terminals (Documentation/tty.md). A struct tty_struct is one terminal:
 * its termios and window size, its line discipline's input buffer
 * (drivers/tty/n_tty.c), the session it controls and that session's
 * foreground process group (drivers/tty/tty_io.c). The driver under it
 * (drivers/tty/console.c: the serial console) puts bytes out and feeds
 * received ones to n_tty_receive_char().
 *
 * Locking: tty->lock (interrupts off: input arrives from the receive
 * interrupt) guards the termios, the window size, the input buffer and
 * the foreground group and session ids, which change with tasklist_lock
 * held too (order: tasklist_lock -> tty->lock).
 */
#ifndef _TTY_H
#define _TTY_H

#include <types.h>
#include <spinlock.h>
#include <wait.h>

struct file;
struct task_struct;
struct iov_iter;

/* c_iflag */
#define ISTRIP		0x0020
#define INLCR		0x0040
#define IGNCR		0x0080
#define ICRNL		0x0100
#define IXON		0x0400
/* c_oflag */
#define OPOST		0x0001
#define ONLCR		0x0004
/* c_lflag */
#define ISIG		0x0001
#define ICANON		0x0002
#define ECHO		0x0008
#define ECHOE		0x0010
#define ECHOK		0x0020
#define ECHONL		0x0040
#define NOFLSH		0x0080
#define TOSTOP		0x0100
#define ECHOCTL		0x0200
#define ECHOKE		0x0800
#define IEXTEN		0x8000
/* c_cc indices */
#define VINTR		0
#define VQUIT		1
#define VERASE		2
#define VKILL		3
#define VEOF		4
#define VTIME		5
#define VMIN		6
#define VSUSP		10
#define VEOL		11
#define VWERASE		14
#define VEOL2		16
#define NCCS		19

/*
 * Linux's struct termios as TCGETS copies it (asm-generic/termbits.h):
 * 36 bytes, no speed fields. musl's user struct is larger and glibc's
 * __kernel_termios is exactly this: writing more smashes glibc's stack.
 */
struct termios_k {
	u32 c_iflag, c_oflag, c_cflag, c_lflag;
	u8 c_line;
	u8 c_cc[NCCS];
};

struct winsize_k {
	u16 ws_row, ws_col, ws_xpixel, ws_ypixel;
};

#define N_TTY_BUF_SIZE	4096

struct tty_struct;

struct tty_operations {
	/* Put bytes out; any context (echo comes from the interrupt). */
	void (*write)(struct tty_struct *tty, const char *buf, size_t n);
	/* write(2): bytes from user space; returns the count or -errno. */
	ssize_t (*write_iter)(struct tty_struct *tty, struct iov_iter *from);
	/* A reader is about to sleep for input (the driver may poll). */
	void (*expect_input)(struct tty_struct *tty);
	/* Take whatever the hardware holds now (a reader polls). */
	void (*poll_input)(struct tty_struct *tty);
};

struct tty_struct {
	spinlock_t lock;
	const struct tty_operations *ops;
	const char *name;		/* "ttyS0" */
	u32 devnum;			/* its device number, for tty_nr */
	struct termios_k termios;
	struct winsize_k winsize;
	pid_t pgrp;			/* foreground process group, 0: none */
	pid_t session;			/* session it controls, 0: none */
	struct wait_queue_head read_wait;

	/* n_tty: input not read yet; [0, canon_len) is complete lines. */
	char rbuf[N_TTY_BUF_SIZE];
	u8 rflag[N_TTY_BUF_SIZE];	/* N_TTY_* of each byte */
	unsigned int rlen;
	unsigned int canon_len;
};

/* rflag: a line ends after this byte; this byte is the EOF character. */
#define N_TTY_DELIM	0x1
#define N_TTY_EOF	0x2

/* drivers/tty/n_tty.c: the line discipline. */
void n_tty_init(struct tty_struct *tty);
/* A received byte (any context, interrupts may be off). */
void n_tty_receive_char(struct tty_struct *tty, char c);
ssize_t n_tty_read(struct tty_struct *tty, struct file *f, char __user *buf,
		   size_t n);
bool n_tty_input_available(struct tty_struct *tty);
unsigned int n_tty_chars_readable(struct tty_struct *tty);
void n_tty_flush_input(struct tty_struct *tty);
/* tty->lock held: termios changed from *old. */
void n_tty_set_termios_locked(struct tty_struct *tty,
			      const struct termios_k *old);

/* drivers/tty/tty_io.c: the terminal device files and job control. */
void tty_register(struct tty_struct *tty);
extern const struct file_operations tty_fops;
int tty_devnum(struct tty_struct *tty);
pid_t tty_fg_pgrp(struct tty_struct *tty);
/*
 * tasklist_lock held, a session leader's process is ending: its
 * terminal's foreground group gets SIGHUP and SIGCONT and the session
 * loses the terminal.
 */
void tty_session_leader_exit_locked(struct task_struct *leader);

#endif /* _TTY_H */
