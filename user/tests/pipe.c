// SPDX-License-Identifier: GPL-2.0
/*
 * pipe: the sink the other tests rely on, checked on its own. read()
 * returns 0 only at end of file (every writer gone and nothing left), even
 * with several readers racing for the same bytes; data written before the
 * last writer closed is still read; a write with no reader fails; and
 * many concurrent small writes arrive whole.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ktap.h"
#include "util.h"

#define READERS		8
#define ROUNDS		50

/* A reader that must get exactly one byte; exit 0 if it did. */
static void read_one_byte(int fd)
{
	char c;
	ssize_t n = read(fd, &c, 1);

	_exit(n == 1 && c == 'x' ? 0 : n == 0 ? 10 : 11);
}

/*
 * READERS processes block in read(fd, 1 byte); the parent writes one byte
 * per reader, then closes. Every reader gets a byte: a reader that loses
 * the race for a byte must wait for the next one, not report EOF.
 */
static void racing_readers_never_see_false_eof(void)
{
	int false_eof = 0, other = 0, failed_writes = 0;
	char why[64];

	for (int r = 0; r < ROUNDS; r++) {
		pid_t pids[READERS];
		int fds[2];

		KT_ASSERT_EQ(pipe(fds), 0);
		for (int i = 0; i < READERS; i++) {
			pids[i] = fork();
			if (pids[i] == 0) {
				close(fds[1]);
				read_one_byte(fds[0]);
			}
		}
		close(fds[0]);
		/* Fails with EPIPE once every reader has (wrongly) left. */
		for (int i = 0; i < READERS; i++)
			failed_writes += write(fds[1], "x", 1) != 1;
		close(fds[1]);
		for (int i = 0; i < READERS; i++) {
			int status = wait_status(pids[i]);

			if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
				continue;
			if (WIFEXITED(status) && WEXITSTATUS(status) == 10)
				false_eof++;
			else if (other++ < 3)
				ktap_diag("reader: %s",
					  describe_status(status, why, sizeof(why)));
		}
	}
	KT_EXPECT_EQ(false_eof, 0);
	KT_EXPECT_EQ(other, 0);
	KT_EXPECT_EQ(failed_writes, 0);
}

static void data_before_close_is_read_then_eof(void)
{
	char buf[64];
	int fds[2];

	KT_ASSERT_EQ(pipe(fds), 0);
	KT_ASSERT_EQ(write(fds[1], "hello", 5), 5);
	close(fds[1]);
	KT_EXPECT_EQ(read(fds[0], buf, sizeof(buf)), 5);
	KT_EXPECT(!memcmp(buf, "hello", 5));
	KT_EXPECT_EQ(read(fds[0], buf, sizeof(buf)), 0);
	KT_EXPECT_EQ(read(fds[0], buf, sizeof(buf)), 0);
	close(fds[0]);
}

static void write_without_reader(void *arg)
{
	int fd = (int)(long)arg;

	/* Linux sends SIGPIPE (default: die); without signals, -EPIPE. */
	_exit(write(fd, "x", 1) == -1 && errno == EPIPE ? 0 : 1);
}

static void write_with_no_reader_fails(void)
{
	char why[64];
	int fds[2], status;

	KT_ASSERT_EQ(pipe(fds), 0);
	close(fds[0]);
	status = child_status(write_without_reader, (void *)(long)fds[1]);
	if (!(WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE) &&
	    !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
		ktap_fail_at(__FILE__, __LINE__, "writer %s, expected SIGPIPE "
			     "or EPIPE", describe_status(status, why, sizeof(why)));
	close(fds[1]);
}

static void bad_arguments(void)
{
	int fds[2];
	char c;

	KT_ASSERT_EQ(pipe(fds), 0);
	/* Wrong direction on each end. */
	KT_EXPECT_EQ(write(fds[0], "x", 1), -1);
	KT_EXPECT_EQ(errno, EBADF);
	KT_EXPECT_EQ(read(fds[1], &c, 1), -1);
	KT_EXPECT_EQ(errno, EBADF);
	/* A bad pointer: EFAULT, and the pipe still works. */
	KT_EXPECT_EQ(write(fds[1], (void *)0xE0000000, 1), -1);
	KT_EXPECT_EQ(errno, EFAULT);
	KT_EXPECT_EQ(pipe((int *)0xE0000000), -1);
	KT_EXPECT_EQ(errno, EFAULT);
	KT_EXPECT_EQ(write(fds[1], "y", 1), 1);
	KT_EXPECT_EQ(read(fds[0], &c, 1), 1);
	KT_EXPECT_EQ(c, 'y');
	close(fds[0]);
	close(fds[1]);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(data_before_close_is_read_then_eof),
	KTAP_CASE(racing_readers_never_see_false_eof),
	KTAP_CASE(write_with_no_reader_fails),
	KTAP_CASE(bad_arguments),
	{ 0 }
};

int main(void)
{
	return ktap_main("pipe", cases);
}
