// SPDX-License-Identifier: GPL-2.0
/*
 * pipe_size: a pipe's ring size (F_GETPIPE_SZ, F_SETPIPE_SZ and its
 * limit /proc/sys/fs/pipe-max-size) and packet mode (pipe2 O_DIRECT), as
 * Linux i386 has them.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "ktap.h"
#include "sys.h"
#include "util.h"

#ifndef F_SETPIPE_SZ
#define F_SETPIPE_SZ	1031
#define F_GETPIPE_SZ	1032
#endif

static long read_long(const char *path)
{
	char buf[32] = "";
	int fd = open(path, O_RDONLY);
	long n = -1;

	if (fd >= 0 && read(fd, buf, sizeof(buf) - 1) > 0)
		n = strtol(buf, NULL, 10);
	if (fd >= 0)
		close(fd);
	return n;
}

static void get_and_set(void)
{
	int p[2];
	long sz;

	KT_ASSERT_EQ(pipe(p), 0);
	sz = fcntl(p[0], F_GETPIPE_SZ);
	KT_EXPECT_GE(sz, 4096);
	ktap_diag("default ring: %ld bytes", sz);
	KT_EXPECT_EQ(fcntl(p[1], F_GETPIPE_SZ), sz);
	/* Rounded up to a power of two pages. */
	KT_EXPECT_EQ(fcntl(p[1], F_SETPIPE_SZ, 5 * 4096), 8 * 4096);
	KT_EXPECT_EQ(fcntl(p[0], F_GETPIPE_SZ), 8 * 4096);
	/* Below a page is a page (0 too). */
	KT_EXPECT_EQ(fcntl(p[1], F_SETPIPE_SZ, 0), 4096);
	KT_EXPECT_EQ(fcntl(p[1], F_SETPIPE_SZ, 100), 4096);
	/* 4 GiB - 1 is too large (EINVAL), whoever asks. */
	KT_EXPECT_EQ(raw_syscall3(SYS_fcntl64, p[1], F_SETPIPE_SZ,
				  0xffffffffL), -EINVAL);
	KT_EXPECT_EQ(fcntl(p[1], F_SETPIPE_SZ, 65536), 65536);
	close(p[0]);
	close(p[1]);
	/* Not a pipe: EBADF. */
	KT_EXPECT_EQ(raw_syscall3(SYS_fcntl64, 0 + open("/proc/self/stat",
				  O_RDONLY), F_GETPIPE_SZ, 0), -EBADF);
}

/* The data must still fit; a full ring of the new size holds it. */
static void shrink_busy(void)
{
	char buf[8192];
	int p[2];

	KT_ASSERT_EQ(pipe2(p, O_NONBLOCK), 0);
	KT_ASSERT_EQ(fcntl(p[1], F_SETPIPE_SZ, 16384), 16384);
	memset(buf, 'x', sizeof(buf));
	KT_ASSERT_EQ(write(p[1], buf, 6000), 6000);
	KT_EXPECT_EQ(raw_syscall3(SYS_fcntl64, p[1], F_SETPIPE_SZ, 4096),
		     -EBUSY);
	KT_EXPECT_EQ(fcntl(p[1], F_SETPIPE_SZ, 8192), 8192);
	/* The bytes survived the move; the ring is 8192 now. */
	KT_EXPECT_EQ(write(p[1], buf, 4000), -1);
	KT_EXPECT_EQ(errno, EAGAIN);
	KT_EXPECT_EQ(read(p[0], buf, sizeof(buf)), 6000);
	KT_EXPECT_EQ(buf[5999], 'x');
	KT_EXPECT_EQ(write(p[1], buf, 8192), 8192);
	KT_EXPECT_EQ(write(p[1], buf, 1), -1);
	close(p[0]);
	close(p[1]);
}

static bool write_str(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_TRUNC);
	bool ok = fd >= 0 && write(fd, s, strlen(s)) == (ssize_t)strlen(s);

	if (fd >= 0)
		close(fd);
	return ok;
}

/*
 * Without CAP_SYS_RESOURCE a ring may not grow past pipe-max-size. The
 * child drops the capability with capset.
 */
static void max_size_for_unprivileged(void *arg)
{
	struct { unsigned int version; int pid; } hdr = { 0x20080522, 0 };
	struct { unsigned int eff, prm, inh; } data[2];
	long max = (long)arg;
	int p[2];

	if (raw_syscall3(SYS_capget, (long)&hdr, (long)data, 0))
		exit(2);
	data[0].eff &= ~(1u << 24);	/* CAP_SYS_RESOURCE */
	data[0].prm &= ~(1u << 24);
	if (raw_syscall3(SYS_capset, (long)&hdr, (long)data, 0))
		exit(3);
	KT_ASSERT_EQ(pipe(p), 0);
	KT_EXPECT_EQ(fcntl(p[0], F_SETPIPE_SZ, max), max);
	KT_EXPECT_EQ(raw_syscall3(SYS_fcntl64, p[0], F_SETPIPE_SZ, max * 2),
		     -EPERM);
	KT_EXPECT_EQ(fcntl(p[0], F_GETPIPE_SZ), max);
}

static void pipe_max_size(void)
{
	long max = read_long("/proc/sys/fs/pipe-max-size");
	int status;

	KT_ASSERT(max >= 4096);
	ktap_diag("pipe-max-size %ld", max);
	if (!on_linux()) {
		KT_EXPECT_EQ(max, 1048576);
		/* Writable, rounded up to a power of two pages. */
		KT_EXPECT(write_str("/proc/sys/fs/pipe-max-size", "70000\n"));
		KT_EXPECT_EQ(read_long("/proc/sys/fs/pipe-max-size"), 131072);
		KT_EXPECT(!write_str("/proc/sys/fs/pipe-max-size", "abc"));
		KT_EXPECT(write_str("/proc/sys/fs/pipe-max-size", "1048576"));
	}
	status = child_status(max_size_for_unprivileged, (void *)max);
	KT_EXPECT_EQ(status, 0);
}

/* pipe2(O_DIRECT): every write is a packet; a read takes one at most. */
static void packet_mode(void)
{
	char buf[64];
	int p[2];

	KT_ASSERT_EQ(pipe2(p, O_DIRECT), 0);
	KT_EXPECT(fcntl(p[1], F_GETFL) & O_DIRECT);
	KT_EXPECT_EQ(write(p[1], "abc", 3), 3);
	KT_EXPECT_EQ(write(p[1], "defgh", 5), 5);
	KT_EXPECT_EQ(write(p[1], "ijklmnop", 8), 8);
	KT_EXPECT_EQ(read(p[0], buf, sizeof(buf)), 3);
	KT_EXPECT(!memcmp(buf, "abc", 3));
	KT_EXPECT_EQ(read(p[0], buf, sizeof(buf)), 5);
	KT_EXPECT(!memcmp(buf, "defgh", 5));
	/* A short read takes part of the packet; the rest is dropped. */
	KT_EXPECT_EQ(read(p[0], buf, 4), 4);
	KT_EXPECT(!memcmp(buf, "ijkl", 4));
	KT_EXPECT_EQ(write(p[1], "q", 1), 1);
	KT_EXPECT_EQ(read(p[0], buf, sizeof(buf)), 1);
	KT_EXPECT_EQ(buf[0], 'q');
	close(p[0]);
	close(p[1]);
	/* Without O_DIRECT the writes run together. */
	KT_ASSERT_EQ(pipe(p), 0);
	write(p[1], "abc", 3);
	write(p[1], "def", 3);
	KT_EXPECT_EQ(read(p[0], buf, sizeof(buf)), 6);
	close(p[0]);
	close(p[1]);
	KT_EXPECT_EQ(raw_syscall3(SYS_pipe2, (long)p, 0x1000000, 0), -EINVAL);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(get_and_set),
	KTAP_CASE(shrink_busy),
	KTAP_CASE(pipe_max_size),
	KTAP_CASE(packet_mode),
	{ 0 }
};

int main(void)
{
	return ktap_main("pipe_size", cases);
}
