// SPDX-License-Identifier: GPL-2.0
/*
 * uaccess: the kernel reading and writing user memory (copy_from_user and
 * copy_to_user through kmap), the seed's three cases and the bad pointers.
 *
 * write(2) of a good buffer must return its whole length; a bad buffer,
 * or a range that is bad anywhere, must give -EFAULT and nothing else:
 * no crash, no partial write, and the next write works. The bad-pointer
 * cases use raw int $0x80 so the exact kernel return value is checked.
 *
 * What reaches the console cannot be read back by the program: the lines
 * written here are KTAP diagnostics, so they show in the log. Content is
 * checked where it can come back: through /dev/zero reads and a pipe.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "ktap.h"
#include "sys.h"
#include "util.h"

/* write() through int $0x80 on fd 1: the kernel's own answer. */
static long raw_write(const void *buf, unsigned long len)
{
	return raw_syscall3(SYS_write, 1, (long)buf, (long)len);
}

static long raw_read(int fd, void *buf, unsigned long len)
{
	return raw_syscall3(SYS_read, fd, (long)buf, (long)len);
}

/*
 * A write from a buffer that is good for its first `valid` bytes only.
 * kmapos refuses the whole call with -EFAULT (the issue asks for it and it
 * keeps half-lines off the console). Linux may instead write the good part
 * and return a short count (pipes, files, and ttys at their chunk size), a
 * POSIX-legal answer that is accepted only when running on Linux.
 */
static void expect_efault_or_linux_short(long ret, long valid,
					 const char *what)
{
	if (ret == -EFAULT)
		return;
	if (on_linux() && ret >= 0 && ret <= valid) {
		ktap_diag("%s: Linux wrote the good %ld bytes of %ld", what, ret,
			  valid);
		return;
	}
	ktap_fail_at(__FILE__, __LINE__, "%s returned %ld, expected -EFAULT",
		     what, ret);
}

/*
 * Fill buf with diagnostic lines at this program's KTAP depth, so that the
 * console output stays valid KTAP: lines of about 100 bytes, the last one
 * stretched to end exactly at buf + len with a newline (len >= 80).
 */
static void fill_diag_lines(char *buf, size_t len, const char *tag)
{
	size_t i = 0;
	int line = 0;

	while (i < len) {
		size_t rest = len - i, n = rest < 180 ? rest : 100;

		snprintf(buf + i, n, "%*s# %s: line %d ", 4 * ktap_depth(), "",
			 tag, line++);
		for (size_t k = strlen(buf + i); k < n - 1; k++)
			buf[i + k] = 'a' + (line + k) % 26;
		buf[i + n - 1] = '\n';
		i += n;
	}
}

static void write_prints_buffer(void)
{
	char line[128];
	int n = snprintf(line, sizeof(line),
			 "%*s# write_prints_buffer: hello from user space "
			 "through write(1)\n", 4 * ktap_depth(), "");

	KT_EXPECT_EQ(raw_write(line, n), n);
}

static void write_zero_length(void)
{
	KT_EXPECT_EQ(raw_write("x", 0), 0);
}

/* A line that starts 40 bytes before a page boundary of an mmap region. */
static void write_straddles_page_boundary(void)
{
	char *p = map_pages(2);
	char *buf;
	size_t len = 120;

	KT_ASSERT(p != NULL);
	buf = p + PAGE_SIZE - 40;
	fill_diag_lines(buf, len, "straddle");
	KT_EXPECT_EQ(raw_write(buf, len), (long)len);
	munmap(p, 2 * PAGE_SIZE);
}

/* Three pages touched by one write: two boundaries, odd start and end. */
static void write_spans_three_pages(void)
{
	char *p = map_pages(3);
	char *buf;
	size_t len = PAGE_SIZE + 200;

	KT_ASSERT(p != NULL);
	buf = p + PAGE_SIZE - 100;
	fill_diag_lines(buf, len, "three_pages");
	KT_EXPECT_EQ(raw_write(buf, len), (long)len);
	munmap(p, 3 * PAGE_SIZE);
}

/* The seed's third case, and the kernel goes on afterwards. */
static void write_deadbeef_efault(void)
{
	KT_EXPECT_EQ(raw_write((void *)0xDEADBEEF, 100), -EFAULT);
	write_prints_buffer();
}

static void write_null_efault(void)
{
	KT_EXPECT_EQ(raw_write(NULL, 100), -EFAULT);
	KT_EXPECT_EQ(raw_write(NULL, 1), -EFAULT);
}

/* The kernel's direct map and the kmap windows are not user memory. */
static void write_kernel_addresses_efault(void)
{
	KT_EXPECT_EQ(raw_write((void *)0xC0000000, 100), -EFAULT);
	KT_EXPECT_EQ(raw_write((void *)0xC0100000, 16), -EFAULT);
	KT_EXPECT_EQ(raw_write((void *)0xE0000000, 100), -EFAULT);
	KT_EXPECT_EQ(raw_write((void *)0xE0400000, 100), -EFAULT);
	KT_EXPECT_EQ(raw_write((void *)0xFFFFF000, 100), -EFAULT);
}

/* The first page is fine, the second is gone: the whole write fails. */
static void write_second_page_unmapped_efault(void)
{
	char *p = map_pages(2);

	KT_ASSERT(p != NULL);
	KT_ASSERT_EQ(munmap(p + PAGE_SIZE, PAGE_SIZE), 0);
	fill_diag_lines(p, PAGE_SIZE, "must_not_appear");
	expect_efault_or_linux_short(raw_write(p + PAGE_SIZE - 50, 100), 50,
				     "write(50 good + 50 unmapped)");
	expect_efault_or_linux_short(raw_write(p, PAGE_SIZE + 1), PAGE_SIZE,
				     "write(page + 1 unmapped byte)");
	munmap(p, PAGE_SIZE);
}

/* A read-only user page is fine to write() from. */
static void write_from_readonly_page(void)
{
	char *p = map_pages(1);

	KT_ASSERT(p != NULL);
	fill_diag_lines(p, 200, "readonly_source");
	KT_ASSERT_EQ(mprotect(p, PAGE_SIZE, PROT_READ), 0);
	KT_EXPECT_EQ(raw_write(p, 200), 200);
	munmap(p, PAGE_SIZE);
}

/*
 * buf + len past 4 GiB must not wrap into a "valid" small range. On a
 * 64-bit Linux host a 32-bit process has no kernel half and access_ok()
 * is 64-bit, so Linux writes what it can there: only the i386 answer is
 * checked, and only where the kernel is i386.
 */
static void write_length_wraps_efault(void)
{
	char *p = map_pages(1);
	uintptr_t a;

	KT_ASSERT(p != NULL);
	if (on_linux_compat()) {
		ktap_skip("64-bit Linux host: no i386 address-space limit");
		munmap(p, PAGE_SIZE);
		return;
	}
	a = (uintptr_t)p;
	KT_EXPECT_EQ(raw_write(p, 0xFFFFFFFFul), -EFAULT);
	KT_EXPECT_EQ(raw_write(p, 0x80000000ul), -EFAULT);
	KT_EXPECT_EQ(raw_write(p, (unsigned long)(0 - a) + 16), -EFAULT);
	KT_EXPECT_EQ(raw_write(p, (unsigned long)(0xC0000000u - a) + 1),
		     -EFAULT);
	munmap(p, PAGE_SIZE);
}

static void writev_bad_iovec_efault(void)
{
	char line[96];
	int n = snprintf(line, sizeof(line), "%*s# writev_bad_iovec_efault: "
			 "good iovec\n", 4 * ktap_depth(), "");
	struct iovec good[2] = {
		{ line, 10 }, { line + 10, n - 10 },
	};
	struct iovec bad[2] = {
		{ line, 10 }, { (void *)0xE0000000, 10 },
	};

	KT_EXPECT_EQ(raw_syscall3(SYS_writev, 1, (long)good, 2), n);
	expect_efault_or_linux_short(raw_syscall3(SYS_writev, 1, (long)bad, 2),
				     10, "writev(good, bad)");
	KT_EXPECT_EQ(raw_syscall3(SYS_writev, 1, 0xE0000000, 2), -EFAULT);
}

/* copy_to_user: /dev/zero fills a buffer that straddles pages. */
static void read_zero_straddling_pages(void)
{
	char *p = map_pages(3);
	int fd = open("/dev/zero", O_RDONLY);
	size_t len = PAGE_SIZE + 300, i;

	KT_ASSERT(p != NULL);
	KT_ASSERT(fd >= 0);
	memset(p, 0xAA, 3 * PAGE_SIZE);
	KT_EXPECT_EQ(raw_read(fd, p + PAGE_SIZE - 150, len), (long)len);
	for (i = 0; i < len && !p[PAGE_SIZE - 150 + i]; i++)
		;
	KT_EXPECT_EQ(i, len);
	/* Nothing outside the buffer was touched. */
	KT_EXPECT_EQ((unsigned char)p[PAGE_SIZE - 151], 0xAA);
	KT_EXPECT_EQ((unsigned char)p[PAGE_SIZE - 150 + len], 0xAA);
	close(fd);
	munmap(p, 3 * PAGE_SIZE);
}

static void read_into_bad_buffer_efault(void)
{
	int fd = open("/dev/zero", O_RDONLY);
	char *p = map_pages(1);

	KT_ASSERT(fd >= 0);
	KT_ASSERT(p != NULL);
	KT_EXPECT_EQ(raw_read(fd, NULL, 10), -EFAULT);
	KT_EXPECT_EQ(raw_read(fd, (void *)0xC0000000, 10), -EFAULT);
	KT_EXPECT_EQ(raw_read(fd, (void *)0xE0000000, 10), -EFAULT);
	/* Writable by the kernel only if writable by the user. */
	KT_ASSERT_EQ(mprotect(p, PAGE_SIZE, PROT_READ), 0);
	KT_EXPECT_EQ(raw_read(fd, p, 10), -EFAULT);
	close(fd);
	munmap(p, PAGE_SIZE);
}

/* Bytes out through write() and back through read(), pages straddled. */
static void pipe_roundtrip_straddling(void)
{
	char *src = map_pages(3), *dst = map_pages(3);
	size_t len = PAGE_SIZE - 1000;	/* fits the pipe: no reader thread */
	int fds[2];
	long got = 0, n;

	KT_ASSERT(src && dst);
	KT_ASSERT_EQ(pipe(fds), 0);
	fill_pattern(src + PAGE_SIZE - 7, len, 0x5eed);
	memset(dst, 0, 3 * PAGE_SIZE);
	KT_EXPECT_EQ(raw_syscall3(SYS_write, fds[1], (long)(src + PAGE_SIZE - 7),
				  len), (long)len);
	while (got < (long)len &&
	       (n = raw_read(fds[0], dst + 2 * PAGE_SIZE - 13 - len + got,
			     len - got)) > 0)
		got += n;
	KT_EXPECT_EQ(got, (long)len);
	KT_EXPECT_EQ(check_pattern(dst + 2 * PAGE_SIZE - 13 - len, len, 0x5eed),
		     len);
	close(fds[0]);
	close(fds[1]);
	munmap(src, 3 * PAGE_SIZE);
	munmap(dst, 3 * PAGE_SIZE);
}

/* After all the faults above, this process and the kernel work. */
static void kernel_goes_on(void)
{
	KT_EXPECT_GT(getpid(), 0);
	write_prints_buffer();
}

static const struct ktap_case cases[] = {
	KTAP_CASE(write_prints_buffer),
	KTAP_CASE(write_zero_length),
	KTAP_CASE(write_straddles_page_boundary),
	KTAP_CASE(write_spans_three_pages),
	KTAP_CASE(write_deadbeef_efault),
	KTAP_CASE(write_null_efault),
	KTAP_CASE(write_kernel_addresses_efault),
	KTAP_CASE(write_second_page_unmapped_efault),
	KTAP_CASE(write_from_readonly_page),
	KTAP_CASE(write_length_wraps_efault),
	KTAP_CASE(writev_bad_iovec_efault),
	KTAP_CASE(read_zero_straddling_pages),
	KTAP_CASE(read_into_bad_buffer_efault),
	KTAP_CASE(pipe_roundtrip_straddling),
	KTAP_CASE(kernel_goes_on),
	{ 0 }
};

int main(void)
{
	return ktap_main("uaccess", cases);
}
