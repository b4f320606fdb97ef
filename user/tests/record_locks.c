// SPDX-License-Identifier: GPL-2.0
/*
 * record_locks: fcntl's advisory record locks as Linux i386 has them.
 *
 * POSIX locks (F_SETLK, F_SETLKW, F_GETLK) belong to the process: a lock
 * of another process is in the way, and F_GETLK names its pid; closing
 * any descriptor of the file drops every lock the process holds on it;
 * exit drops them. OFD locks (F_OFD_*) belong to the open file: two
 * opens of one file conflict even in one process. F_SETLKW sleeps until
 * the way is free, a signal interrupts it, and the simple two-process
 * cycle is EDEADLK. Both struct layouts are checked: struct flock with
 * 32-bit offsets through fcntl (55) and struct flock64 through fcntl64.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ktap.h"
#include "scratch.h"
#include "sys.h"
#include "util.h"

/* The i386 kernel structs, whatever the C library's flock is. */
struct flock32 {
	int16_t l_type, l_whence;
	int32_t l_start, l_len;
	int32_t l_pid;
};

struct flock64k {
	int16_t l_type, l_whence;
	int64_t l_start, l_len;
	int32_t l_pid;
} __attribute__((packed));

#define K_F_GETLK	5
#define K_F_SETLK	6
#define K_F_SETLKW	7
#define K_F_GETLK64	12
#define K_F_SETLK64	13
#define K_F_SETLKW64	14
#define K_F_OFD_GETLK	36
#define K_F_OFD_SETLK	37
#define K_F_OFD_SETLKW	38

static int open_file(void)
{
	static int n;
	const char *path = spath("f%d", n++);
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);

	if (fd >= 0)
		write_full(fd, "0123456789", 10);
	return fd;
}

static long lk32(int fd, int cmd, int type, int start, int len)
{
	struct flock32 fl = { type, SEEK_SET, start, len, 0 };

	return raw_syscall3(SYS_fcntl, fd, cmd, (long)&fl);
}

static long lk64(int fd, int cmd, int type, int64_t start, int64_t len)
{
	struct flock64k fl = { type, SEEK_SET, start, len, 0 };

	return raw_syscall3(SYS_fcntl64, fd, cmd, (long)&fl);
}

/* F_GETLK64 through fcntl64 for [start, start+len): the answer. */
static struct flock64k getlk64(int fd, int cmd, int type, int64_t start,
			       int64_t len)
{
	struct flock64k fl = { type, SEEK_SET, start, len, 0 };
	long r = raw_syscall3(SYS_fcntl64, fd, cmd, (long)&fl);

	if (r)
		fl.l_type = -1000 + r;
	return fl;
}

/* A child process holding a write lock on [0,5) until its pipe closes. */
static pid_t hold_lock(int fd, int type, int start, int len, int *release)
{
	int ready[2], go[2];
	pid_t pid;
	char c;

	if (pipe(ready) || pipe(go))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(ready[0]);
		close(go[1]);
		c = lk64(fd, K_F_SETLK64, type, start, len) ? 'n' : 'y';
		write(ready[1], &c, 1);
		read(go[0], &c, 1);
		_exit(0);
	}
	close(ready[1]);
	close(go[0]);
	if (read(ready[0], &c, 1) != 1 || c != 'y') {
		close(ready[0]);
		close(go[1]);
		return -1;
	}
	close(ready[0]);
	*release = go[1];
	return pid;
}

static void release_child(pid_t pid, int release)
{
	close(release);
	waitpid(pid, NULL, 0);
}

static void conflicts_and_getlk(void)
{
	int fd = open_file(), rel;
	struct flock64k fl;
	pid_t pid;

	KT_ASSERT(fd >= 0);
	pid = hold_lock(fd, F_WRLCK, 0, 5, &rel);
	KT_ASSERT(pid > 0);
	/* The child's lock is in the way of ours, not of bytes after it. */
	KT_EXPECT_EQ(lk64(fd, K_F_SETLK64, F_WRLCK, 2, 2), -EAGAIN);
	KT_EXPECT_EQ(lk64(fd, K_F_SETLK64, F_RDLCK, 4, 1), -EAGAIN);
	KT_EXPECT_EQ(lk32(fd, K_F_SETLK, F_RDLCK, 0, 0), -EAGAIN);
	KT_EXPECT_EQ(lk64(fd, K_F_SETLK64, F_WRLCK, 5, 5), 0);
	fl = getlk64(fd, K_F_GETLK64, F_RDLCK, 0, 0);
	KT_EXPECT_EQ(fl.l_type, F_WRLCK);
	KT_EXPECT_EQ(fl.l_whence, SEEK_SET);
	KT_EXPECT_EQ(fl.l_start, 0);
	KT_EXPECT_EQ(fl.l_len, 5);
	KT_EXPECT_EQ(fl.l_pid, pid);
	/* Our own lock is never in our way. */
	fl = getlk64(fd, K_F_GETLK64, F_WRLCK, 5, 5);
	KT_EXPECT_EQ(fl.l_type, F_UNLCK);
	release_child(pid, rel);
	/* Its exit dropped its lock. */
	fl = getlk64(fd, K_F_GETLK64, F_WRLCK, 0, 5);
	KT_EXPECT_EQ(fl.l_type, F_UNLCK);
	KT_EXPECT_EQ(lk64(fd, K_F_SETLK64, F_WRLCK, 0, 5), 0);
	close(fd);
}

static void shared_read_locks(void)
{
	int fd = open_file(), rel;
	pid_t pid;

	KT_ASSERT(fd >= 0);
	pid = hold_lock(fd, F_RDLCK, 0, 10, &rel);
	KT_ASSERT(pid > 0);
	KT_EXPECT_EQ(lk64(fd, K_F_SETLK64, F_RDLCK, 0, 10), 0);
	KT_EXPECT_EQ(lk64(fd, K_F_SETLK64, F_WRLCK, 9, 1), -EAGAIN);
	release_child(pid, rel);
	close(fd);
}

/* Splitting and merging: F_GETLK from a child sees the owner's ranges. */
static void split_and_merge(void)
{
	int fd = open_file();
	struct flock64k fl;
	int status;
	pid_t pid;

	KT_ASSERT(fd >= 0);
	KT_EXPECT_EQ(lk64(fd, K_F_SETLK64, F_WRLCK, 0, 10), 0);
	KT_EXPECT_EQ(lk64(fd, K_F_SETLK64, F_UNLCK, 3, 2), 0);	/* [0,3) [5,10) */
	KT_EXPECT_EQ(lk64(fd, K_F_SETLK64, F_RDLCK, 7, 1), 0);	/* [5,7) r [8,10) */
	pid = fork();
	if (pid == 0) {
		fl = getlk64(fd, K_F_GETLK64, F_RDLCK, 3, 2);
		if (fl.l_type != F_UNLCK)
			_exit(1);
		fl = getlk64(fd, K_F_GETLK64, F_RDLCK, 0, 0);
		if (fl.l_type != F_WRLCK || fl.l_start != 0 || fl.l_len != 3)
			_exit(2);
		fl = getlk64(fd, K_F_GETLK64, F_WRLCK, 7, 1);
		if (fl.l_type != F_RDLCK || fl.l_start != 7 || fl.l_len != 1)
			_exit(3);
		fl = getlk64(fd, K_F_GETLK64, F_RDLCK, 8, 0);
		if (fl.l_type != F_WRLCK || fl.l_start != 8 || fl.l_len != 2)
			_exit(4);
		/* A read lock elsewhere is no conflict with a read lock. */
		fl = getlk64(fd, K_F_GETLK64, F_RDLCK, 7, 1);
		_exit(fl.l_type == F_UNLCK ? 0 : 5);
	}
	KT_ASSERT(pid > 0);
	status = wait_status(pid);
	KT_EXPECT_EQ(status, 0);
	/* Write again over all of it: one lock [0, 10). */
	KT_EXPECT_EQ(lk64(fd, K_F_SETLK64, F_WRLCK, 0, 10), 0);
	pid = fork();
	if (pid == 0) {
		fl = getlk64(fd, K_F_GETLK64, F_RDLCK, 0, 0);
		_exit(fl.l_type == F_WRLCK && fl.l_start == 0 &&
		      fl.l_len == 10 ? 0 : 1);
	}
	KT_EXPECT_EQ(wait_status(pid), 0);
	close(fd);
}

/* Closing any descriptor of the file drops the process's locks. */
static void close_drops_posix_locks(void)
{
	int fd = open_file(), fd2, status;
	pid_t pid;

	KT_ASSERT(fd >= 0);
	fd2 = open(spath("f%d", 0), O_RDONLY);	/* another file */
	KT_EXPECT_EQ(lk64(fd, K_F_SETLK64, F_WRLCK, 0, 0), 0);
	close(fd2);
	fd2 = dup(fd);
	KT_EXPECT_EQ(close(fd2), 0);
	pid = fork();
	if (pid == 0) {
		struct flock64k fl = getlk64(fd, K_F_GETLK64, F_WRLCK, 0, 0);

		_exit(fl.l_type == F_UNLCK ? 0 : 1);
	}
	status = wait_status(pid);
	KT_EXPECT_EQ(status, 0);
	close(fd);
}

static void ofd_locks(void)
{
	int fd = open_file(), fd2, fd3;
	struct flock64k fl;

	KT_ASSERT(fd >= 0);
	fd2 = open(spath("f%d", 4), O_RDWR);
	KT_ASSERT(fd2 >= 0);
	KT_EXPECT_EQ(lk64(fd, K_F_OFD_SETLK, F_WRLCK, 0, 4), 0);
	/* Another open file of the same process conflicts. */
	KT_EXPECT_EQ(lk64(fd2, K_F_OFD_SETLK, F_RDLCK, 2, 1), -EAGAIN);
	fl = getlk64(fd2, K_F_OFD_GETLK, F_RDLCK, 0, 0);
	KT_EXPECT_EQ(fl.l_type, F_WRLCK);
	KT_EXPECT_EQ(fl.l_pid, -1);
	KT_EXPECT_EQ(fl.l_len, 4);
	/* POSIX locks of this process conflict with it too. */
	KT_EXPECT_EQ(lk64(fd2, K_F_SETLK64, F_RDLCK, 0, 1), -EAGAIN);
	/* A dup shares the open file: the lock stays after one close. */
	fd3 = dup(fd);
	close(fd);
	KT_EXPECT_EQ(lk64(fd2, K_F_OFD_SETLK, F_RDLCK, 0, 1), -EAGAIN);
	close(fd3);
	KT_EXPECT_EQ(lk64(fd2, K_F_OFD_SETLK, F_RDLCK, 0, 1), 0);
	/* l_pid must be 0 in an OFD request. */
	{
		struct flock64k bad = { F_RDLCK, SEEK_SET, 0, 1, 1 };

		KT_EXPECT_EQ(raw_syscall3(SYS_fcntl64, fd2, K_F_OFD_SETLK,
					  (long)&bad), -EINVAL);
	}
	close(fd2);
}

static void on_alarm(int sig)
{
	(void)sig;
}

static void setlkw_waits_and_is_interrupted(void)
{
	int fd = open_file(), rel;
	struct sigaction sa;
	pid_t pid;

	KT_ASSERT(fd >= 0);
	pid = hold_lock(fd, F_WRLCK, 0, 1, &rel);
	KT_ASSERT(pid > 0);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;	/* no SA_RESTART: EINTR */
	sigaction(SIGALRM, &sa, NULL);
	alarm(1);
	KT_EXPECT_EQ(lk64(fd, K_F_SETLKW64, F_WRLCK, 0, 1), -EINTR);
	alarm(0);
	/* Granted once the holder is gone. */
	close(rel);
	KT_EXPECT_EQ(lk64(fd, K_F_SETLKW64, F_WRLCK, 0, 1), 0);
	waitpid(pid, NULL, 0);
	close(fd);
}

/*
 * We hold byte 0, the child byte 1. The child waits for byte 0; our
 * wait for byte 1 would close the cycle: EDEADLK.
 */
static void setlkw_deadlock(void)
{
	int fd = open_file(), rel, status;
	pid_t pid;

	KT_ASSERT(fd >= 0);
	KT_EXPECT_EQ(lk64(fd, K_F_SETLK64, F_WRLCK, 0, 1), 0);
	pid = hold_lock(fd, F_WRLCK, 1, 1, &rel);
	KT_ASSERT(pid > 0);
	close(rel);	/* its pipe: unused, the child waits below instead */
	status = wait_status(pid);
	KT_EXPECT_EQ(status, 0);
	pid = fork();
	if (pid == 0) {
		if (lk64(fd, K_F_SETLK64, F_WRLCK, 1, 1))
			_exit(10);
		/* Blocks until the parent's lock goes. */
		_exit(lk64(fd, K_F_SETLKW64, F_WRLCK, 0, 1) ? 11 : 0);
	}
	KT_ASSERT(pid > 0);
	/* Wait until the child holds byte 1 and sleeps for byte 0. */
	for (int i = 0; i < 200; i++) {
		struct flock64k fl = getlk64(fd, K_F_GETLK64, F_WRLCK, 1, 1);

		if (fl.l_type == F_WRLCK)
			break;
		usleep(10000);
	}
	usleep(100000);
	KT_EXPECT_EQ(lk64(fd, K_F_SETLKW64, F_WRLCK, 1, 1), -EDEADLK);
	/* Unlocking byte 0 lets the child have it and finish. */
	KT_EXPECT_EQ(lk64(fd, K_F_SETLK64, F_UNLCK, 0, 1), 0);
	KT_EXPECT_EQ(wait_status(pid), 0);
	close(fd);
}

static void errors(void)
{
	int fd = open_file(), rd;
	struct flock32 fl = { F_WRLCK, SEEK_SET, 0, 1, 0 };

	KT_ASSERT(fd >= 0);
	/* A bad pointer is EFAULT, for every form. */
	KT_EXPECT_EQ(raw_syscall3(SYS_fcntl, fd, K_F_SETLK, 0), -EFAULT);
	KT_EXPECT_EQ(raw_syscall3(SYS_fcntl64, fd, K_F_SETLK64, 0xE0000000),
		     -EFAULT);
	KT_EXPECT_EQ(raw_syscall3(SYS_fcntl64, fd, K_F_GETLK64, 0), -EFAULT);
	KT_EXPECT_EQ(raw_syscall3(SYS_fcntl, fd, K_F_OFD_SETLK, 1), -EFAULT);
	/* Bad type, whence, start. */
	fl.l_type = 7;
	KT_EXPECT_EQ(raw_syscall3(SYS_fcntl, fd, K_F_SETLK, (long)&fl), -EINVAL);
	fl.l_type = F_WRLCK;
	fl.l_whence = 5;
	KT_EXPECT_EQ(raw_syscall3(SYS_fcntl, fd, K_F_SETLK, (long)&fl), -EINVAL);
	KT_EXPECT_EQ(lk32(fd, K_F_SETLK, F_WRLCK, -1, 1), -EINVAL);
	KT_EXPECT_EQ(lk32(fd, K_F_GETLK, F_UNLCK, 0, 1), -EINVAL);
	/* The file must be open for the kind of lock. */
	rd = open(spath("f%d", 0), O_RDONLY);
	KT_ASSERT(rd >= 0);
	KT_EXPECT_EQ(lk64(rd, K_F_SETLK64, F_WRLCK, 0, 1), -EBADF);
	KT_EXPECT_EQ(lk64(rd, K_F_SETLK64, F_RDLCK, 0, 1), 0);
	KT_EXPECT_EQ(lk64(-1, K_F_SETLK64, F_RDLCK, 0, 1), -EBADF);
	/* A negative length locks the bytes before the start. */
	KT_EXPECT_EQ(lk64(fd, K_F_SETLK64, F_WRLCK, 5, -2), 0);
	KT_EXPECT_EQ(lk64(fd, K_F_SETLK64, F_WRLCK, 1, -2), -EINVAL);
	close(rd);
	close(fd);
}

/* F_GETLK through the 32-bit struct cannot name a lock past 2 GiB. */
static void flock32_overflow(void)
{
	int fd = open_file();
	pid_t pid;

	KT_ASSERT(fd >= 0);
	KT_EXPECT_EQ(lk64(fd, K_F_SETLK64, F_WRLCK, 0x100000000LL, 1), 0);
	pid = fork();
	if (pid == 0) {
		struct flock32 fl = { F_RDLCK, SEEK_SET, 0, 0, 0 };

		_exit(raw_syscall3(SYS_fcntl, fd, K_F_GETLK, (long)&fl) ==
		      -EOVERFLOW ? 0 : 1);
	}
	KT_EXPECT_EQ(wait_status(pid), 0);
	close(fd);
}

static void owner_ex(void)
{
	struct { int type; int pid; } own = { 1, 0 }, got;
	int fd = open_file();

	KT_ASSERT(fd >= 0);
	KT_EXPECT_EQ(raw_syscall3(SYS_fcntl64, fd, F_GETOWN, 0), 0);
	KT_EXPECT_EQ(raw_syscall3(SYS_fcntl64, fd, F_SETOWN, getpid()), 0);
	KT_EXPECT_EQ(raw_syscall3(SYS_fcntl64, fd, F_GETOWN, 0), getpid());
	own.pid = getpid();
	KT_EXPECT_EQ(raw_syscall3(SYS_fcntl64, fd, F_SETOWN_EX, (long)&own), 0);
	memset(&got, 0xff, sizeof(got));
	KT_EXPECT_EQ(raw_syscall3(SYS_fcntl64, fd, F_GETOWN_EX, (long)&got), 0);
	KT_EXPECT_EQ(got.type, 1);
	KT_EXPECT_EQ(got.pid, getpid());
	own.type = 0;	/* F_OWNER_TID */
	KT_EXPECT_EQ(raw_syscall3(SYS_fcntl64, fd, F_SETOWN_EX, (long)&own), 0);
	KT_EXPECT_EQ(raw_syscall3(SYS_fcntl64, fd, F_GETOWN_EX, (long)&got), 0);
	KT_EXPECT_EQ(got.type, 0);
	own.type = 9;
	KT_EXPECT_EQ(raw_syscall3(SYS_fcntl64, fd, F_SETOWN_EX, (long)&own),
		     -EINVAL);
	KT_EXPECT_EQ(raw_syscall3(SYS_fcntl64, fd, F_SETOWN_EX, 0), -EFAULT);
	KT_EXPECT_EQ(raw_syscall3(SYS_fcntl64, fd, F_GETOWN_EX, 0), -EFAULT);
	/* A pid nobody has. */
	KT_EXPECT_EQ(raw_syscall3(SYS_fcntl64, fd, F_SETOWN, 0x3ffffff0),
		     -ESRCH);
	KT_EXPECT_EQ(raw_syscall3(SYS_fcntl64, fd, F_SETSIG, SIGUSR1), 0);
	KT_EXPECT_EQ(raw_syscall3(SYS_fcntl64, fd, F_GETSIG, 0), SIGUSR1);
	KT_EXPECT_EQ(raw_syscall3(SYS_fcntl64, fd, F_SETSIG, 1000), -EINVAL);
	close(fd);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(conflicts_and_getlk),
	KTAP_CASE(shared_read_locks),
	KTAP_CASE(split_and_merge),
	KTAP_CASE(close_drops_posix_locks),
	KTAP_CASE(ofd_locks),
	KTAP_CASE(setlkw_waits_and_is_interrupted),
	KTAP_CASE(setlkw_deadlock),
	KTAP_CASE(errors),
	KTAP_CASE(flock32_overflow),
	KTAP_CASE(owner_ex),
	{ 0 }
};

int main(void)
{
	if (scratch_init("record_locks"))
		return KTAP_EXIT_FAIL;
	return ktap_main("record_locks", cases);
}
