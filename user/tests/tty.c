// SPDX-License-Identifier: GPL-2.0
/*
 * The terminal (issue 12): termios and the line discipline, sessions,
 * the controlling terminal, process groups and job control.
 *
 * Every case runs in a child that starts a session and takes a terminal
 * as its controlling terminal: on Linux a pseudo-terminal (keystrokes are
 * written to its master), on kmapos, which has no ptys, the console
 * /dev/ttyS0 (keystrokes go in with TIOCSTI, as if typed). ECHO is off so
 * that nothing typed reaches the console's KTAP; the terminal's settings
 * are put back at the end. Echo and the real keyboard path are tested
 * by the harness, which types into QEMU's serial port (scripts/ktest.py,
 * the user-tty rows).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "ktap.h"
#include "util.h"

static int tty_fd = -1, master_fd = -1;
static struct termios saved;

/* Sleep ms milliseconds (pty input arrives a moment after the write). */
static void nap(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static int open_pty(void)
{
	char *name;
	int fd;

	master_fd = posix_openpt(O_RDWR | O_NOCTTY);
	if (master_fd < 0)
		return -1;
	if (grantpt(master_fd) || unlockpt(master_fd) ||
	    !(name = ptsname(master_fd))) {
		close(master_fd);
		master_fd = -1;
		return -1;
	}
	fd = open(name, O_RDWR);
	return fd;
}

/* In the child: a new session whose controlling terminal is tty_fd. */
static void take_terminal(void)
{
	struct termios t;

	KT_ASSERT_EQ(setsid(), getpid());
	tty_fd = open_pty();
	if (tty_fd < 0)
		tty_fd = open("/dev/ttyS0", O_RDWR);
	KT_ASSERT(tty_fd >= 0);
	KT_ASSERT_EQ(ioctl(tty_fd, TIOCSCTTY, 0), 0);
	KT_ASSERT_EQ(tcgetattr(tty_fd, &saved), 0);
	t = saved;
	t.c_lflag &= ~(ECHO | ECHONL | TOSTOP);
	t.c_lflag |= ICANON | ISIG | IEXTEN;
	t.c_iflag |= ICRNL;
	KT_ASSERT_EQ(tcsetattr(tty_fd, TCSAFLUSH, &t), 0);
}

static void give_back_terminal(void)
{
	tcsetattr(tty_fd, TCSAFLUSH, &saved);
}

/* Keystrokes, as if typed on the terminal. */
static void type(const char *s)
{
	if (master_fd >= 0) {
		KT_EXPECT_EQ(write(master_fd, s, strlen(s)), (ssize_t)strlen(s));
	} else {
		for (; *s; s++)
			KT_EXPECT_EQ(ioctl(tty_fd, TIOCSTI, s), 0);
	}
	nap(50);
}

static void set_lflag(tcflag_t on, tcflag_t off, int vmin, int vtime)
{
	struct termios t;

	KT_ASSERT_EQ(tcgetattr(tty_fd, &t), 0);
	t.c_lflag = (t.c_lflag | on) & ~off;
	t.c_cc[VMIN] = vmin;
	t.c_cc[VTIME] = vtime;
	KT_ASSERT_EQ(tcsetattr(tty_fd, TCSANOW, &t), 0);
}

/* read() into a string; its length or -1. */
static ssize_t read_str(char *buf, size_t size)
{
	ssize_t n = read(tty_fd, buf, size - 1);

	buf[n > 0 ? n : 0] = '\0';
	return n;
}

/* Run fn in a child with its own session and terminal. */
static void in_session(void (*fn)(void))
{
	char why[64];
	pid_t pid = fork();
	int status;

	KT_ASSERT(pid >= 0);
	if (pid == 0) {
		take_terminal();
		fn();
		give_back_terminal();
		_exit(ktap_case_failed() ? 1 : 0);
	}
	status = wait_status(pid);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		ktap_fail_at(__FILE__, __LINE__, "child %s",
			     describe_status(status, why, sizeof(why)));
}

static volatile sig_atomic_t hits, last_sig;

static void count_handler(int sig)
{
	hits++;
	last_sig = sig;
}

static void set_handler(int sig, void (*fn)(int))
{
	struct sigaction sa = { .sa_handler = fn };

	sigaction(sig, &sa, NULL);
}

static bool wait_hits(int n)
{
	for (int i = 0; i < 200 && hits < n; i++)
		nap(10);
	return hits >= n;
}

/* ---- canonical mode ------------------------------------------------------- */

static void canonical_reads_one_line(void)
{
	char buf[64];

	type("one\ntwo\n");
	KT_EXPECT_EQ(read_str(buf, sizeof(buf)), 4);
	KT_EXPECT(!strcmp(buf, "one\n"));
	KT_EXPECT_EQ(read_str(buf, sizeof(buf)), 4);
	KT_EXPECT(!strcmp(buf, "two\n"));
	/* A short read takes the rest of the line next time. */
	type("abcdef\n");
	KT_EXPECT_EQ(read(tty_fd, buf, 3), 3);
	KT_EXPECT_EQ(read_str(buf, sizeof(buf)), 4);
	KT_EXPECT(!strcmp(buf, "def\n"));
	/* ICRNL: a carriage return ends the line as a newline. */
	type("cr\r");
	KT_EXPECT_EQ(read_str(buf, sizeof(buf)), 3);
	KT_EXPECT(!strcmp(buf, "cr\n"));
}

static void canonical_line_editing(void)
{
	char buf[64];

	type("abx\x7f" "c\n");		/* ERASE */
	KT_EXPECT_EQ(read_str(buf, sizeof(buf)), 4);
	KT_EXPECT(!strcmp(buf, "abc\n"));
	type("junk\x15" "ok\n");	/* KILL */
	KT_EXPECT_EQ(read_str(buf, sizeof(buf)), 3);
	KT_EXPECT(!strcmp(buf, "ok\n"));
	type("foo bar\x17" "baz\n");	/* WERASE */
	KT_EXPECT_EQ(read_str(buf, sizeof(buf)), 8);
	KT_EXPECT(!strcmp(buf, "foo baz\n"));
	type("\x7f\x7f" "x\n");		/* nothing to erase */
	KT_EXPECT_EQ(read_str(buf, sizeof(buf)), 2);
}

static void canonical_eof(void)
{
	char buf[64];

	type("\x04");
	KT_EXPECT_EQ(read_str(buf, sizeof(buf)), 0);
	type("ab\x04");
	KT_EXPECT_EQ(read_str(buf, sizeof(buf)), 2);
	KT_EXPECT(!strcmp(buf, "ab"));
}

static void canonical_mode(void)
{
	in_session(canonical_reads_one_line);
	in_session(canonical_line_editing);
	in_session(canonical_eof);
}

/* ---- raw mode ------------------------------------------------------------- */

static void raw_reads(void)
{
	char buf[64];
	int avail = -1;

	/* MIN 0, TIME 0: whatever is there, maybe nothing, at once. */
	set_lflag(0, ICANON, 0, 0);
	KT_EXPECT_EQ(read_str(buf, sizeof(buf)), 0);
	type("xy");
	KT_EXPECT_EQ(ioctl(tty_fd, FIONREAD, &avail), 0);
	KT_EXPECT_EQ(avail, 2);
	KT_EXPECT_EQ(read_str(buf, sizeof(buf)), 2);
	KT_EXPECT(!strcmp(buf, "xy"));
	/* MIN 0, TIME 2: nothing comes in 0.2 s, read returns 0. */
	set_lflag(0, ICANON, 0, 2);
	KT_EXPECT_EQ(read_str(buf, sizeof(buf)), 0);
	/* MIN 3: no newline needed, at least 3 bytes. */
	set_lflag(0, ICANON, 3, 0);
	type("abcd");
	KT_EXPECT_GE(read_str(buf, sizeof(buf)), 3);
	/* Raw input keeps the bytes canonical mode would act on. */
	set_lflag(0, ICANON, 1, 0);
	type("\x7f\x15");
	KT_EXPECT_EQ(read_str(buf, sizeof(buf)), 2);
	KT_EXPECT_EQ(buf[0], 0x7f);
	/* Leaving canonical mode makes a half-typed line readable. */
	set_lflag(ICANON, 0, 1, 0);
	type("half");
	set_lflag(0, ICANON, 1, 0);
	KT_EXPECT_EQ(read_str(buf, sizeof(buf)), 4);
}

static void raw_mode(void)
{
	in_session(raw_reads);
}

/* ---- signals from the keyboard --------------------------------------------- */

static void intr_signals_foreground(void)
{
	char buf[64];

	set_handler(SIGINT, count_handler);
	set_handler(SIGQUIT, count_handler);
	KT_EXPECT_EQ(tcgetpgrp(tty_fd), getpgrp());
	/* ^C: SIGINT, and what was typed before it is thrown away. */
	type("lost");
	type("\x03");
	KT_EXPECT(wait_hits(1));
	KT_EXPECT_EQ(last_sig, SIGINT);
	type("kept\n");
	KT_EXPECT_EQ(read_str(buf, sizeof(buf)), 5);
	KT_EXPECT(!strcmp(buf, "kept\n"));
	type("\x1c");
	KT_EXPECT(wait_hits(2));
	KT_EXPECT_EQ(last_sig, SIGQUIT);
	/* Without ISIG, ^C is a byte like another. */
	set_lflag(0, ISIG | ICANON, 1, 0);
	type("\x03");
	KT_EXPECT_EQ(read_str(buf, sizeof(buf)), 1);
	KT_EXPECT_EQ(buf[0], 3);
	KT_EXPECT_EQ(hits, 2);
}

static void keyboard_signals(void)
{
	in_session(intr_signals_foreground);
}

/* ---- job control ------------------------------------------------------------ */

/* A child in a process group of its own that waits to be killed. */
static pid_t start_job(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		setpgid(0, 0);
		for (;;)
			pause();
	}
	KT_ASSERT(pid > 0);
	setpgid(pid, pid);	/* both sides: no race with the child */
	return pid;
}

static void suspend_and_continue_job(void)
{
	pid_t job = start_job();
	int status;

	/* The job in the foreground: ^Z stops it, ^C ends it. */
	KT_ASSERT_EQ(tcsetpgrp(tty_fd, job), 0);
	KT_EXPECT_EQ(tcgetpgrp(tty_fd), job);
	type("\x1a");
	KT_ASSERT_EQ(waitpid(job, &status, WUNTRACED), job);
	KT_EXPECT(WIFSTOPPED(status));
	KT_EXPECT_EQ(WSTOPSIG(status), SIGTSTP);
	/* Reported once. */
	KT_EXPECT_EQ(waitpid(job, &status, WUNTRACED | WNOHANG), 0);
	KT_EXPECT_EQ(kill(-job, SIGCONT), 0);
	KT_ASSERT_EQ(waitpid(job, &status, WCONTINUED), job);
	KT_EXPECT(WIFCONTINUED(status));
	type("\x03");
	KT_ASSERT_EQ(waitpid(job, &status, 0), job);
	KT_EXPECT(WIFSIGNALED(status));
	KT_EXPECT_EQ(WTERMSIG(status), SIGINT);
	/* The shell takes the terminal back: it ignores SIGTTOU as ash does. */
	signal(SIGTTOU, SIG_IGN);
	KT_EXPECT_EQ(tcsetpgrp(tty_fd, getpgrp()), 0);
	KT_EXPECT_EQ(tcgetpgrp(tty_fd), getpgrp());
}

/* A background job that reads is stopped by SIGTTIN. */
static void background_read_stops(void)
{
	pid_t pid = fork();
	int status;
	char c;

	if (pid == 0) {
		setpgid(0, 0);
		_exit(read(tty_fd, &c, 1) < 0 ? 2 : 3);
	}
	KT_ASSERT(pid > 0);
	setpgid(pid, pid);
	KT_ASSERT_EQ(waitpid(pid, &status, WUNTRACED), pid);
	KT_EXPECT(WIFSTOPPED(status));
	KT_EXPECT_EQ(WSTOPSIG(status), SIGTTIN);
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	/* Ignoring SIGTTIN: the read fails with EIO instead. */
	pid = fork();
	if (pid == 0) {
		setpgid(0, 0);
		signal(SIGTTIN, SIG_IGN);
		_exit(read(tty_fd, &c, 1) < 0 && errno == EIO ? 0 : 1);
	}
	KT_ASSERT(pid > 0);
	setpgid(pid, pid);
	KT_ASSERT_EQ(waitpid(pid, &status, 0), pid);
	KT_EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* With TOSTOP a background job that writes is stopped by SIGTTOU. */
static void background_write_stops_with_tostop(void)
{
	int status;
	pid_t pid;

	set_lflag(TOSTOP, 0, 1, 0);
	pid = fork();
	if (pid == 0) {
		setpgid(0, 0);
		_exit(write(tty_fd, "x\n", 2) == 2 ? 3 : 2);
	}
	KT_ASSERT(pid > 0);
	setpgid(pid, pid);
	KT_ASSERT_EQ(waitpid(pid, &status, WUNTRACED), pid);
	KT_EXPECT(WIFSTOPPED(status));
	KT_EXPECT_EQ(WSTOPSIG(status), SIGTTOU);
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	set_lflag(0, TOSTOP, 1, 0);
}

static void job_control(void)
{
	in_session(suspend_and_continue_job);
	in_session(background_read_stops);
	in_session(background_write_stops_with_tostop);
}

/* ---- process groups ----------------------------------------------------------- */

static void kill_reaches_every_member_child(void *arg)
{
	pid_t a, b;
	int status;

	(void)arg;
	a = start_job();
	b = fork();
	if (b == 0) {
		setpgid(0, a);
		for (;;)
			pause();
	}
	KT_ASSERT(b > 0);
	setpgid(b, a);
	KT_EXPECT_EQ(getpgid(b), a);
	KT_EXPECT_EQ(getpgid(a), a);
	/* A group in another session, or none at all, cannot be joined. */
	KT_EXPECT_EQ(setpgid(0, 999999), -1);
	KT_EXPECT_EQ(errno, EPERM);
	KT_EXPECT_EQ(kill(-a, SIGTERM), 0);
	KT_EXPECT_EQ(waitpid(a, &status, 0), a);
	KT_EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
	KT_EXPECT_EQ(waitpid(b, &status, 0), b);
	KT_EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
	errno = 0;
	KT_EXPECT_EQ(kill(-a, 0), -1);
	KT_EXPECT_EQ(errno, ESRCH);
}

static void session_leader_cannot_move(void *arg)
{
	(void)arg;
	KT_ASSERT_EQ(setsid(), getpid());
	KT_EXPECT_EQ(getsid(0), getpid());
	KT_EXPECT_EQ(getpgrp(), getpid());
	/* A group leader (it is one now) may not start a session. */
	errno = 0;
	KT_EXPECT_EQ(setsid(), -1);
	KT_EXPECT_EQ(errno, EPERM);
	errno = 0;
	KT_EXPECT_EQ(setpgid(0, 0), -1);
	KT_EXPECT_EQ(errno, EPERM);
}

static void process_groups(void)
{
	char why[64];
	int st;

	st = child_status(kill_reaches_every_member_child, NULL);
	if (!WIFEXITED(st) || WEXITSTATUS(st))
		ktap_fail_at(__FILE__, __LINE__, "child %s",
			     describe_status(st, why, sizeof(why)));
	st = child_status(session_leader_cannot_move, NULL);
	if (!WIFEXITED(st) || WEXITSTATUS(st))
		ktap_fail_at(__FILE__, __LINE__, "child %s",
			     describe_status(st, why, sizeof(why)));
}

/* ---- sessions and the controlling terminal ---------------------------------- */

static void controlling_terminal_calls(void)
{
	pid_t sid = -1;
	int fd;

	KT_EXPECT_EQ(ioctl(tty_fd, TIOCGSID, &sid), 0);
	KT_EXPECT_EQ(sid, getpid());
	fd = open("/dev/tty", O_RDWR);
	KT_EXPECT(fd >= 0);
	if (fd >= 0)
		close(fd);
	/* The session leader gives the terminal up. */
	signal(SIGHUP, SIG_IGN);
	KT_EXPECT_EQ(ioctl(tty_fd, TIOCNOTTY), 0);
	errno = 0;
	KT_EXPECT_EQ(tcgetpgrp(tty_fd), -1);
	KT_EXPECT_EQ(errno, ENOTTY);
	errno = 0;
	KT_EXPECT_EQ(open("/dev/tty", O_RDWR), -1);
	KT_EXPECT_EQ(errno, ENXIO);
	/* And takes it again. */
	KT_EXPECT_EQ(ioctl(tty_fd, TIOCSCTTY, 0), 0);
	KT_EXPECT_EQ(tcgetpgrp(tty_fd), getpgrp());
}

static void window_size_and_sigwinch(void)
{
	struct winsize old, ws = { .ws_row = 33, .ws_col = 101 }, got;

	set_handler(SIGWINCH, count_handler);
	KT_ASSERT_EQ(ioctl(tty_fd, TIOCGWINSZ, &old), 0);
	KT_EXPECT_EQ(ioctl(tty_fd, TIOCSWINSZ, &ws), 0);
	KT_EXPECT(wait_hits(1));
	KT_EXPECT_EQ(last_sig, SIGWINCH);
	KT_EXPECT_EQ(ioctl(tty_fd, TIOCGWINSZ, &got), 0);
	KT_EXPECT_EQ(got.ws_row, 33);
	KT_EXPECT_EQ(got.ws_col, 101);
	KT_EXPECT_EQ(ioctl(tty_fd, TIOCSWINSZ, &old), 0);
	errno = 0;
	KT_EXPECT_EQ(ioctl(tty_fd, TIOCGWINSZ, (void *)16), -1);
	KT_EXPECT_EQ(errno, EFAULT);
}

static void sessions(void)
{
	in_session(controlling_terminal_calls);
	in_session(window_size_and_sigwinch);
}

/* ---- orphaned process groups ------------------------------------------------------ */

static int hup_pipe[2];

static void hup_handler(int sig)
{
	pid_t me = getpid();

	(void)sig;
	if (write(hup_pipe[1], &me, sizeof(me)) != sizeof(me))
		_exit(3);
	_exit(0);
}

/* The orphan is init's to reap: wait for that, so no test after this
 * one sees its memory come back. */
static void wait_until_reaped(pid_t pid)
{
	for (int i = 0; i < 1000 && kill(pid, 0) == 0; i++)
		nap(10);
}

/*
 * A stopped group whose last link to its session's other groups (its
 * parent) exits is orphaned: it gets SIGHUP and SIGCONT.
 */
static void orphaned_stopped_group_gets_sighup(void)
{
	struct pollfd p;
	pid_t mid, orphan = 0;
	int status;

	KT_ASSERT_EQ(pipe(hup_pipe), 0);
	mid = fork();
	KT_ASSERT(mid >= 0);
	if (mid == 0) {
		pid_t job;

		setsid();
		job = fork();
		if (job == 0) {
			setpgid(0, 0);
			signal(SIGHUP, hup_handler);
			raise(SIGSTOP);
			_exit(4);
		}
		setpgid(job, job);
		waitpid(job, &status, WUNTRACED);
		_exit(WIFSTOPPED(status) ? 0 : 1);
	}
	KT_ASSERT_EQ(waitpid(mid, &status, 0), mid);
	KT_EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	p = (struct pollfd){ .fd = hup_pipe[0], .events = POLLIN };
	KT_EXPECT_EQ(poll(&p, 1, 10000), 1);
	KT_EXPECT_EQ(read(hup_pipe[0], &orphan, sizeof(orphan)),
		     (ssize_t)sizeof(orphan));
	KT_EXPECT_GT(orphan, 0);
	if (orphan > 0)
		wait_until_reaped(orphan);
	close(hup_pipe[0]);
	close(hup_pipe[1]);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(canonical_mode),
	KTAP_CASE(raw_mode),
	KTAP_CASE(keyboard_signals),
	KTAP_CASE(job_control),
	KTAP_CASE(process_groups),
	KTAP_CASE(sessions),
	KTAP_CASE(orphaned_stopped_group_gets_sighup),
	{ 0 }
};

int main(void)
{
	return ktap_main("tty", cases);
}
