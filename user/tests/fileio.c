// SPDX-License-Identifier: GPL-2.0
/*
 * fileio: pread64/pwrite64 and dup3. pread reads at an offset and leaves
 * the file position alone; it works on files and on the position-free
 * devices, and a pipe or a terminal is a stream (ESPIPE). dup3 is dup2
 * with O_CLOEXEC and without dup2's "same fd" shortcut.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "ktap.h"
#include "util.h"

/* A file every system has, and its first bytes (an ELF header). */
static int open_elf(void)
{
	return open(on_linux() ? "/proc/self/exe" : "/init", O_RDONLY);
}

static void pread_reads_at_offset(void)
{
	int fd = open_elf();
	char a[16], b[16];

	KT_ASSERT(fd >= 0);
	KT_ASSERT_EQ(read(fd, a, 16), 16);
	KT_EXPECT_EQ(memcmp(a, "\177ELF", 4), 0);
	/* The position stays where read() left it. */
	KT_EXPECT_EQ(pread(fd, b, 4, 0), 4);
	KT_EXPECT_EQ(memcmp(b, "\177ELF", 4), 0);
	KT_EXPECT_EQ(pread(fd, b, 8, 8), 8);
	KT_EXPECT_EQ(memcmp(b, a + 8, 8), 0);
	KT_EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 16);
	KT_EXPECT_EQ(read(fd, b, 4), 4);
	KT_EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 20);
	close(fd);
}

static void pread_end_of_file(void)
{
	int fd = open_elf();
	struct stat st;
	char buf[64];

	KT_ASSERT(fd >= 0);
	KT_ASSERT_EQ(fstat(fd, &st), 0);
	KT_EXPECT_EQ(pread(fd, buf, sizeof(buf), st.st_size - 10), 10);
	KT_EXPECT_EQ(pread(fd, buf, sizeof(buf), st.st_size), 0);
	KT_EXPECT_EQ(pread(fd, buf, sizeof(buf), st.st_size + 4096), 0);
	/* A 64-bit offset past 4 GiB (the high register half is used). */
	KT_EXPECT_EQ(pread(fd, buf, sizeof(buf), 0x100000000LL), 0);
	KT_EXPECT_EQ(pread(fd, buf, 0, 0), 0);
	close(fd);
}

static void pread_errors(void)
{
	int fd = open_elf(), fds[2];
	char buf[8];

	KT_ASSERT(fd >= 0);
	errno = 0;
	KT_EXPECT_EQ(pread(fd, buf, 4, -1), -1);
	KT_EXPECT_EQ(errno, EINVAL);
	errno = 0;
	KT_EXPECT_EQ(pread(fd, (void *)0xDEAD0000, 4, 0), -1);
	KT_EXPECT_EQ(errno, EFAULT);
	errno = 0;
	KT_EXPECT_EQ(pread(60, buf, 4, 0), -1);
	KT_EXPECT_EQ(errno, EBADF);
	errno = 0;
	KT_EXPECT_EQ(pwrite(fd, buf, 4, 0), -1);
	KT_EXPECT_EQ(errno, EBADF);	/* opened read-only */
	close(fd);

	fd = open("/", O_RDONLY | O_DIRECTORY);
	KT_ASSERT(fd >= 0);
	errno = 0;
	KT_EXPECT_EQ(pread(fd, buf, 4, 0), -1);
	KT_EXPECT_EQ(errno, EISDIR);
	close(fd);

	/* Pipes are streams: ESPIPE, whichever end. */
	KT_ASSERT_EQ(pipe(fds), 0);
	KT_ASSERT_EQ(write(fds[1], "abcd", 4), 4);
	errno = 0;
	KT_EXPECT_EQ(pread(fds[0], buf, 4, 0), -1);
	KT_EXPECT_EQ(errno, ESPIPE);
	errno = 0;
	KT_EXPECT_EQ(pwrite(fds[1], buf, 4, 0), -1);
	KT_EXPECT_EQ(errno, ESPIPE);
	errno = 0;
	KT_EXPECT_EQ(pread(fds[1], buf, 4, 0), -1);
	KT_EXPECT_EQ(errno, ESPIPE);
	/* Nothing was consumed. */
	KT_EXPECT_EQ(read(fds[0], buf, 8), 4);
	close(fds[0]);
	close(fds[1]);
}

static void pread_pwrite_devices(void)
{
	int zero = open("/dev/zero", O_RDWR), null = open("/dev/null", O_RDWR);
	char buf[32];

	KT_ASSERT(zero >= 0 && null >= 0);
	memset(buf, 'x', sizeof(buf));
	KT_EXPECT_EQ(pread(zero, buf, sizeof(buf), 12345),
		     (ssize_t)sizeof(buf));
	KT_EXPECT_EQ(buf[0] | buf[31], 0);
	KT_EXPECT_EQ(pread(null, buf, sizeof(buf), 7), 0);
	KT_EXPECT_EQ(pwrite(null, buf, sizeof(buf), 99), (ssize_t)sizeof(buf));
	KT_EXPECT_EQ(pwrite(zero, buf, 5, 0), 5);
	close(zero);
	close(null);
}

static void dup3_sets_cloexec(void)
{
	int fd = open("/dev/null", O_RDONLY);

	KT_ASSERT(fd >= 0);
	KT_EXPECT_EQ(dup3(fd, 20, O_CLOEXEC), 20);
	KT_EXPECT_EQ(fcntl(20, F_GETFD), FD_CLOEXEC);
	/* Over an open fd: it is replaced, and the flag follows the call. */
	KT_EXPECT_EQ(dup3(fd, 20, 0), 20);
	KT_EXPECT_EQ(fcntl(20, F_GETFD), 0);
	close(20);
	close(fd);
}

static void dup3_errors(void)
{
	int fd = open("/dev/null", O_RDONLY);

	KT_ASSERT(fd >= 0);
	/* Unlike dup2, the same fd twice is an error. */
	errno = 0;
	KT_EXPECT_EQ(syscall(SYS_dup3, fd, fd, 0), -1);
	KT_EXPECT_EQ(errno, EINVAL);
	KT_EXPECT_EQ(dup2(fd, fd), fd);
	errno = 0;
	KT_EXPECT_EQ(syscall(SYS_dup3, fd, 21, O_NONBLOCK), -1);
	KT_EXPECT_EQ(errno, EINVAL);
	errno = 0;
	KT_EXPECT_EQ(syscall(SYS_dup3, 60, 21, 0), -1);
	KT_EXPECT_EQ(errno, EBADF);
	errno = 0;
	KT_EXPECT_EQ(syscall(SYS_dup3, fd, -1, 0), -1);
	KT_EXPECT_EQ(errno, EBADF);
	errno = 0;
	KT_EXPECT_EQ(syscall(SYS_dup3, fd, 1 << 20, 0), -1);
	KT_EXPECT_EQ(errno, EBADF);
	close(fd);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(pread_reads_at_offset),
	KTAP_CASE(pread_end_of_file),
	KTAP_CASE(pread_errors),
	KTAP_CASE(pread_pwrite_devices),
	KTAP_CASE(dup3_sets_cloexec),
	KTAP_CASE(dup3_errors),
	{ 0 }
};

int main(void)
{
	return ktap_main("fileio", cases);
}
