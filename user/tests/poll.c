// SPDX-License-Identifier: GPL-2.0
/*
 * poll: poll, ppoll, select and pselect6 on pipes, devices and initramfs
 * files. Readiness is what a read or write would find (a pipe with bytes
 * is readable, an empty one whose writers are gone reads as hang-up, a
 * full one is not writable until a reader makes room for a PIPE_BUF
 * record); a sleeper is woken by another process's write or close, by a
 * timeout, or by a signal; bad descriptors and arguments give the Linux
 * answers (POLLNVAL, EBADF, EINVAL, EFAULT). Timeouts are checked only
 * as lower bounds.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ktap.h"
#include "util.h"

#define NSEC_PER_MSEC	1000000LL

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / NSEC_PER_MSEC;
}

static short poll_one(int fd, short events, int timeout)
{
	struct pollfd p = { .fd = fd, .events = events };
	int n = poll(&p, 1, timeout);

	return n < 0 ? -1 : p.revents;
}

/* A child that sleeps `ms`, then writes one byte to fd (or closes it). */
static pid_t delayed_child(int fd, int ms, bool write_byte, int other)
{
	pid_t pid = fork();

	if (pid == 0) {
		close(other);
		usleep(ms * 1000);
		if (write_byte)
			_exit(write(fd, "w", 1) == 1 ? 0 : 1);
		_exit(0);	/* exit closes fd */
	}
	return pid;
}

static void empty_pipe_times_out(void)
{
	int fds[2];
	struct pollfd p;
	long long t0;

	KT_ASSERT_EQ(pipe(fds), 0);
	p = (struct pollfd){ .fd = fds[0], .events = POLLIN, .revents = -1 };
	t0 = now_ms();
	KT_EXPECT_EQ(poll(&p, 1, 100), 0);
	KT_EXPECT_GE(now_ms() - t0, 100);
	KT_EXPECT_EQ(p.revents, 0);
	/* A zero timeout only looks. */
	KT_EXPECT_EQ(poll(&p, 1, 0), 0);
	close(fds[0]);
	close(fds[1]);
}

static void pipe_readiness(void)
{
	int fds[2];
	char c;

	KT_ASSERT_EQ(pipe(fds), 0);
	KT_EXPECT_EQ(poll_one(fds[1], POLLOUT, 0), POLLOUT);
	KT_EXPECT_EQ(poll_one(fds[0], POLLIN | POLLOUT, 0), 0);
	KT_ASSERT_EQ(write(fds[1], "ab", 2), 2);
	KT_EXPECT_EQ(poll_one(fds[0], POLLIN, 0), POLLIN);
	KT_EXPECT_EQ(poll_one(fds[0], POLLIN | POLLRDNORM, 0),
		     POLLIN | POLLRDNORM);
	/* Asking for nothing still reports nothing but errors/hang-up. */
	KT_EXPECT_EQ(poll_one(fds[0], 0, 0), 0);
	/* Still writable with a few bytes in. */
	KT_EXPECT_EQ(poll_one(fds[1], POLLOUT | POLLWRNORM, 0),
		     POLLOUT | POLLWRNORM);
	KT_EXPECT_EQ(read(fds[0], &c, 1), 1);
	KT_EXPECT_EQ(poll_one(fds[0], POLLIN, 0), POLLIN);
	KT_EXPECT_EQ(read(fds[0], &c, 1), 1);
	KT_EXPECT_EQ(poll_one(fds[0], POLLIN, 0), 0);
	close(fds[0]);
	close(fds[1]);
}

static void hangup_and_error(void)
{
	int fds[2];
	char c;

	KT_ASSERT_EQ(pipe(fds), 0);
	KT_ASSERT_EQ(write(fds[1], "z", 1), 1);
	close(fds[1]);
	/* Data first, then the hang-up is reported with it. */
	KT_EXPECT_EQ(poll_one(fds[0], POLLIN, 0), POLLIN | POLLHUP);
	KT_EXPECT_EQ(read(fds[0], &c, 1), 1);
	/* POLLHUP comes even when not asked for. */
	KT_EXPECT_EQ(poll_one(fds[0], 0, 0), POLLHUP);
	KT_EXPECT_EQ(poll_one(fds[0], POLLIN, -1), POLLHUP);
	close(fds[0]);

	KT_ASSERT_EQ(pipe(fds), 0);
	close(fds[0]);
	KT_EXPECT_EQ(poll_one(fds[1], POLLOUT, 0), POLLOUT | POLLERR);
	KT_EXPECT_EQ(poll_one(fds[1], 0, -1), POLLERR);
	close(fds[1]);
}

static void full_pipe_not_writable(void)
{
	static char buf[4096];
	int fds[2];
	long total = 0;

	KT_ASSERT_EQ(pipe2(fds, O_NONBLOCK), 0);
	while (write(fds[1], buf, 512) == 512 && total < (1 << 24))
		total += 512;
	KT_EXPECT_EQ(errno, EAGAIN);
	KT_EXPECT_EQ(poll_one(fds[1], POLLOUT, 0), 0);
	KT_EXPECT_EQ(poll_one(fds[0], POLLIN, 0), POLLIN);
	/* Room for one PIPE_BUF record makes it writable again. */
	KT_ASSERT_EQ(read(fds[0], buf, sizeof(buf)), (ssize_t)sizeof(buf));
	KT_EXPECT_EQ(poll_one(fds[1], POLLOUT, 0), POLLOUT);
	KT_EXPECT_EQ(write(fds[1], buf, sizeof(buf)), (ssize_t)sizeof(buf));
	ktap_diag("pipe capacity %ld bytes", total);
	close(fds[0]);
	close(fds[1]);
}

/* A sleeping poller is woken by another process's write, then its close. */
static void writer_wakes_poller(void)
{
	int fds[2];
	struct pollfd p;
	pid_t pid;
	char c;

	KT_ASSERT_EQ(pipe(fds), 0);
	pid = delayed_child(fds[1], 100, true, fds[0]);
	KT_ASSERT(pid > 0);
	close(fds[1]);
	p = (struct pollfd){ .fd = fds[0], .events = POLLIN };
	KT_EXPECT_EQ(poll(&p, 1, 120000), 1);
	KT_EXPECT(p.revents & POLLIN);
	KT_EXPECT_EQ(read(fds[0], &c, 1), 1);
	/* The child's exit closes the last write end: POLLHUP wakes us. */
	KT_EXPECT_EQ(poll(&p, 1, 120000), 1);
	KT_EXPECT_EQ(p.revents, POLLHUP);
	KT_EXPECT_EQ(wait_status(pid), 0);
	close(fds[0]);
}

/* Many pipes, one poll: only the one that gets data is reported. */
static void one_of_many(void)
{
	enum { N = 8 };
	int fds[N][2];
	struct pollfd p[N];
	pid_t pid;
	int ready = 0;

	for (int i = 0; i < N; i++) {
		KT_ASSERT_EQ(pipe(fds[i]), 0);
		p[i] = (struct pollfd){ .fd = fds[i][0], .events = POLLIN };
	}
	pid = delayed_child(fds[5][1], 50, true, fds[5][0]);
	KT_ASSERT(pid > 0);
	KT_EXPECT_EQ(poll(p, N, 120000), 1);
	for (int i = 0; i < N; i++)
		ready += p[i].revents != 0;
	KT_EXPECT_EQ(ready, 1);
	KT_EXPECT_EQ(p[5].revents, POLLIN);
	KT_EXPECT_EQ(wait_status(pid), 0);
	for (int i = 0; i < N; i++) {
		close(fds[i][0]);
		close(fds[i][1]);
	}
}

/* Regular files and /dev/null, /dev/zero are always ready, as on Linux. */
static void files_and_devices_always_ready(void)
{
	const short rw = POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM;
	int null = open("/dev/null", O_RDWR);
	int zero = open("/dev/zero", O_RDONLY);
	int file = open(on_linux() ? "/proc/self/exe" : "/init", O_RDONLY);

	KT_ASSERT(null >= 0 && zero >= 0 && file >= 0);
	KT_EXPECT_EQ(poll_one(null, rw, -1), rw);
	KT_EXPECT_EQ(poll_one(zero, POLLIN, -1), POLLIN);
	KT_EXPECT_EQ(poll_one(file, rw, -1), rw);
	close(null);
	close(zero);
	close(file);
}

static void console_writable(void)
{
	int fd;

	if (on_linux()) {
		ktap_skip("the host's /dev/console needs root");
		return;
	}
	fd = open("/dev/console", O_WRONLY);
	KT_ASSERT(fd >= 0);
	KT_EXPECT_EQ(poll_one(fd, POLLOUT, 0), POLLOUT);
	/* Nothing typed: no complete line to read. */
	KT_EXPECT_EQ(poll_one(fd, POLLIN, 0), 0);
	close(fd);
}

static void bad_descriptors(void)
{
	struct pollfd p[3] = {
		{ .fd = 60, .events = POLLIN },
		{ .fd = -1, .events = POLLIN, .revents = 7 },
		{ .fd = 1, .events = 0 },
	};

	/* A closed fd counts (POLLNVAL); a negative one is skipped. */
	KT_EXPECT_EQ(poll(p, 3, -1), 1);
	KT_EXPECT_EQ(p[0].revents, POLLNVAL);
	KT_EXPECT_EQ(p[1].revents, 0);
	KT_EXPECT_EQ(p[2].revents, 0);
}

static void bad_arguments(void)
{
	struct pollfd p = { .fd = 0, .events = POLLIN };
	struct rlimit rl;

	KT_ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &rl), 0);
	errno = 0;
	KT_EXPECT_EQ(poll(&p, rl.rlim_cur + 1, 0), -1);
	KT_EXPECT_EQ(errno, EINVAL);
	errno = 0;
	KT_EXPECT_EQ(poll((struct pollfd *)0xDEAD0000, 1, 0), -1);
	KT_EXPECT_EQ(errno, EFAULT);
	/* No descriptors is a sleep. */
	KT_EXPECT_EQ(poll(NULL, 0, 10), 0);
}

/* The old 32-bit timespec of ppoll (309) and pselect6 (308). */
struct ts32 {
	int32_t sec, nsec;
};

static void ppoll_timeout_and_mask(void)
{
	int fds[2];
	struct pollfd p;
	struct ts32 ts = { 0, 50 * NSEC_PER_MSEC };
	struct timespec ts64;
	unsigned long long mask = 0;

	KT_ASSERT_EQ(pipe(fds), 0);
	p = (struct pollfd){ .fd = fds[0], .events = POLLIN };
	/* Through the raw call: the kernel writes the time left back. */
	KT_EXPECT_EQ(syscall(SYS_ppoll, &p, 1, &ts, NULL, 0), 0);
	KT_EXPECT(ts.sec == 0 && ts.nsec == 0);
	ts = (struct ts32){ 0, NSEC_PER_MSEC };
	KT_EXPECT_EQ(syscall(SYS_ppoll, &p, 1, &ts, &mask, 8), 0);
	errno = 0;
	KT_EXPECT_EQ(syscall(SYS_ppoll, &p, 1, &ts, &mask, 4), -1);
	KT_EXPECT_EQ(errno, EINVAL);
	errno = 0;
	KT_EXPECT_EQ(syscall(SYS_ppoll, &p, 1, &ts, (void *)0xDEAD0000, 8), -1);
	KT_EXPECT_EQ(errno, EFAULT);
	ts = (struct ts32){ 0, 1000000000 };
	errno = 0;
	KT_EXPECT_EQ(syscall(SYS_ppoll, &p, 1, &ts, NULL, 0), -1);
	KT_EXPECT_EQ(errno, EINVAL);
	ts = (struct ts32){ -1, 0 };
	errno = 0;
	KT_EXPECT_EQ(syscall(SYS_ppoll, &p, 1, &ts, NULL, 0), -1);
	KT_EXPECT_EQ(errno, EINVAL);
	KT_ASSERT_EQ(write(fds[1], "x", 1), 1);
	ts = (struct ts32){ 100, 0 };
	KT_EXPECT_EQ(syscall(SYS_ppoll, &p, 1, &ts, NULL, 0), 1);
	KT_EXPECT_EQ(p.revents, POLLIN);
	KT_EXPECT(ts.sec >= 99 && ts.sec <= 100);
	/* The 64-bit time call, as musl and glibc make it. */
	ts64 = (struct timespec){ 100, 0 };
	KT_EXPECT_EQ(syscall(SYS_ppoll_time64, &p, 1, &ts64, NULL, 0), 1);
	KT_EXPECT(ts64.tv_sec >= 99 && ts64.tv_sec <= 100);
	ts64 = (struct timespec){ 0, 0 };
	KT_EXPECT_EQ(ppoll(&p, 1, &ts64, NULL), 1);
	close(fds[0]);
	close(fds[1]);
}

/* A signal ends the sleep: here a fatal one, the only kind with effect. */
static void signal_ends_poll(void)
{
	int fds[2], status;
	pid_t pid;

	KT_ASSERT_EQ(pipe(fds), 0);
	pid = fork();
	KT_ASSERT(pid >= 0);
	if (pid == 0) {
		struct pollfd p = { .fd = fds[0], .events = POLLIN };

		close(fds[1]);
		poll(&p, 1, -1);
		_exit(3);
	}
	usleep(100 * 1000);
	KT_EXPECT_EQ(kill(pid, SIGTERM), 0);
	status = wait_status(pid);
	KT_EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
	close(fds[0]);
	close(fds[1]);
}

static void select_pipes(void)
{
	int a[2], b[2];
	fd_set rd, wr;
	struct timeval tv = { 0, 0 };

	KT_ASSERT_EQ(pipe(a), 0);
	KT_ASSERT_EQ(pipe(b), 0);
	KT_ASSERT_EQ(write(b[1], "x", 1), 1);
	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_SET(a[0], &rd);
	FD_SET(b[0], &rd);
	FD_SET(a[1], &wr);
	/* b[0] readable and a[1] writable: two bits. */
	KT_EXPECT_EQ(select(b[1] + 1, &rd, &wr, NULL, &tv), 2);
	KT_EXPECT(!FD_ISSET(a[0], &rd));
	KT_EXPECT(FD_ISSET(b[0], &rd));
	KT_EXPECT(FD_ISSET(a[1], &wr));
	/* Nothing ready: the sets come back empty. */
	FD_ZERO(&rd);
	FD_SET(a[0], &rd);
	tv = (struct timeval){ 0, 20000 };
	KT_EXPECT_EQ(select(a[0] + 1, &rd, NULL, NULL, &tv), 0);
	KT_EXPECT(!FD_ISSET(a[0], &rd));
	/* A hang-up reads as readable. */
	close(a[1]);
	FD_SET(a[0], &rd);
	KT_EXPECT_EQ(select(a[0] + 1, &rd, NULL, NULL, NULL), 1);
	KT_EXPECT(FD_ISSET(a[0], &rd));
	close(a[0]);
	close(b[0]);
	close(b[1]);
}

static void select_wakes_and_times_out(void)
{
	int fds[2];
	fd_set rd;
	pid_t pid;
	long long t0;
	struct { long sec, usec; } tv = { 0, 100000 };

	KT_ASSERT_EQ(pipe(fds), 0);
	FD_ZERO(&rd);
	FD_SET(fds[0], &rd);
	t0 = now_ms();
	/* The raw call writes the time left back (0 after a timeout). */
	KT_EXPECT_EQ(syscall(SYS__newselect, fds[0] + 1, &rd, NULL, NULL, &tv),
		     0);
	KT_EXPECT_GE(now_ms() - t0, 100);
	KT_EXPECT(tv.sec == 0 && tv.usec == 0);
	pid = delayed_child(fds[1], 50, true, fds[0]);
	KT_ASSERT(pid > 0);
	FD_SET(fds[0], &rd);
	tv.sec = 100;
	KT_EXPECT_EQ(syscall(SYS__newselect, fds[0] + 1, &rd, NULL, NULL, &tv),
		     1);
	KT_EXPECT(FD_ISSET(fds[0], &rd));
	KT_EXPECT(tv.sec >= 98 && tv.sec < 100);
	KT_EXPECT_EQ(wait_status(pid), 0);
	close(fds[0]);
	close(fds[1]);
}

static void select_errors(void)
{
	fd_set rd;
	struct timeval tv = { 0, 0 };
	int fds[2];

	KT_ASSERT_EQ(pipe(fds), 0);
	close(fds[1]);
	FD_ZERO(&rd);
	FD_SET(fds[1], &rd);	/* closed */
	errno = 0;
	KT_EXPECT_EQ(select(fds[1] + 1, &rd, NULL, NULL, &tv), -1);
	KT_EXPECT_EQ(errno, EBADF);
	/* Bits at or above n are not looked at. */
	KT_EXPECT_EQ(select(fds[1], &rd, NULL, NULL, &tv), 0);
	errno = 0;
	KT_EXPECT_EQ(select(-1, NULL, NULL, NULL, &tv), -1);
	KT_EXPECT_EQ(errno, EINVAL);
	tv.tv_usec = -1;
	errno = 0;
	KT_EXPECT_EQ(select(0, NULL, NULL, NULL, &tv), -1);
	KT_EXPECT_EQ(errno, EINVAL);
	tv = (struct timeval){ 0, 0 };
	errno = 0;
	KT_EXPECT_EQ(select(1, (fd_set *)0xDEAD0000, NULL, NULL, &tv), -1);
	KT_EXPECT_EQ(errno, EFAULT);
	close(fds[0]);
}

static void pselect6_mask(void)
{
	int fds[2];
	fd_set rd;
	unsigned long long mask = 0;
	struct ts32 ts = { 0, 0 };
	struct timespec ts64 = { 0, 0 };
	struct { void *ss; unsigned long len; } sig = { &mask, 8 };

	KT_ASSERT_EQ(pipe(fds), 0);
	KT_ASSERT_EQ(write(fds[1], "x", 1), 1);
	FD_ZERO(&rd);
	FD_SET(fds[0], &rd);
	KT_EXPECT_EQ(syscall(SYS_pselect6, fds[0] + 1, &rd, NULL, NULL, &ts,
			     &sig), 1);
	KT_EXPECT_EQ(syscall(SYS_pselect6_time64, fds[0] + 1, &rd, NULL, NULL,
			     &ts64, &sig), 1);
	sig.len = 16;
	errno = 0;
	KT_EXPECT_EQ(syscall(SYS_pselect6, fds[0] + 1, &rd, NULL, NULL, &ts,
			     &sig), -1);
	KT_EXPECT_EQ(errno, EINVAL);
	ts.nsec = -5;
	errno = 0;
	KT_EXPECT_EQ(syscall(SYS_pselect6, fds[0] + 1, &rd, NULL, NULL, &ts,
			     NULL), -1);
	KT_EXPECT_EQ(errno, EINVAL);
	/* The libc wrapper. */
	FD_SET(fds[0], &rd);
	KT_EXPECT_EQ(pselect(fds[0] + 1, &rd, NULL, NULL, &ts64, NULL), 1);
	close(fds[0]);
	close(fds[1]);
}

/* ---- the masks of ppoll and pselect6 ---- */

static volatile sig_atomic_t usr1_runs, usr2_blocked_in_handler;

static void on_usr1(int sig)
{
	sigset_t cur;

	(void)sig;
	usr1_runs++;
	sigprocmask(SIG_BLOCK, NULL, &cur);
	usr2_blocked_in_handler = sigismember(&cur, SIGUSR2);
}

/* SIGUSR1 blocked and pending; handler installed; counters cleared. */
static void usr1_pending_and_blocked(sigset_t *old)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	sigset_t block;

	sigaction(SIGUSR1, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, old);
	usr1_runs = usr2_blocked_in_handler = 0;
	raise(SIGUSR1);
}

/* After the call: SIGUSR1 blocked again, SIGUSR2 not; old mask back. */
static void expect_mask_restored(const sigset_t *old)
{
	sigset_t cur;

	sigprocmask(SIG_BLOCK, NULL, &cur);
	KT_EXPECT(sigismember(&cur, SIGUSR1));
	KT_EXPECT(!sigismember(&cur, SIGUSR2));
	sigprocmask(SIG_SETMASK, old, NULL);
	signal(SIGUSR1, SIG_DFL);
}

static int wait_masked(bool use_select, int fd, long ms, const sigset_t *m)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * NSEC_PER_MSEC };
	struct pollfd p = { .fd = fd, .events = POLLIN };
	fd_set rd;

	if (!use_select)
		return ppoll(&p, 1, &ts, m);
	FD_ZERO(&rd);
	FD_SET(fd, &rd);
	return pselect(fd + 1, &rd, NULL, NULL, &ts, m);
}

/*
 * A signal blocked by the caller but not by the call's mask ends the
 * wait: its handler runs under the call's mask (which blocks SIGUSR2 here)
 * and the call returns EINTR with the caller's mask back. A signal the
 * call's mask also blocks does not end it.
 */
static void call_mask_in_force(bool use_select)
{
	int fds[2];
	sigset_t old, only_usr2, all_usr;

	KT_ASSERT_EQ(pipe(fds), 0);
	sigemptyset(&only_usr2);
	sigaddset(&only_usr2, SIGUSR2);
	all_usr = only_usr2;
	sigaddset(&all_usr, SIGUSR1);

	usr1_pending_and_blocked(&old);
	KT_EXPECT_EQ(wait_masked(use_select, fds[0], 30000, &only_usr2), -1);
	KT_EXPECT_EQ(errno, EINTR);
	KT_EXPECT_EQ(usr1_runs, 1);
	KT_EXPECT_EQ(usr2_blocked_in_handler, 1);
	expect_mask_restored(&old);

	usr1_pending_and_blocked(&old);
	KT_EXPECT_EQ(wait_masked(use_select, fds[0], 50, &all_usr), 0);
	KT_EXPECT_EQ(usr1_runs, 0);
	expect_mask_restored(&old);	/* unblocking runs the handler now */
	KT_EXPECT_EQ(usr1_runs, 1);
	close(fds[0]);
	close(fds[1]);
}

static void ppoll_mask_in_force(void)
{
	call_mask_in_force(false);
}

static void pselect6_mask_in_force(void)
{
	call_mask_in_force(true);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(empty_pipe_times_out),
	KTAP_CASE(pipe_readiness),
	KTAP_CASE(hangup_and_error),
	KTAP_CASE(full_pipe_not_writable),
	KTAP_CASE(writer_wakes_poller),
	KTAP_CASE(one_of_many),
	KTAP_CASE(files_and_devices_always_ready),
	KTAP_CASE(console_writable),
	KTAP_CASE(bad_descriptors),
	KTAP_CASE(bad_arguments),
	KTAP_CASE(ppoll_timeout_and_mask),
	KTAP_CASE(signal_ends_poll),
	KTAP_CASE(select_pipes),
	KTAP_CASE(select_wakes_and_times_out),
	KTAP_CASE(select_errors),
	KTAP_CASE(pselect6_mask),
	KTAP_CASE(ppoll_mask_in_force),
	KTAP_CASE(pselect6_mask_in_force),
	{ 0 }
};

int main(void)
{
	return ktap_main("poll", cases);
}
