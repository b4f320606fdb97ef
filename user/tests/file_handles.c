// SPDX-License-Identifier: GPL-2.0
/*
 * file_handles: files reached through descriptors. An unlinked file stays
 * readable and writable while it is open (and a new file under its name
 * is another file); memfd_create makes a nameless one (MFD_CLOEXEC, mmap,
 * ftruncate); sendfile and copy_file_range copy between descriptors, with
 * and without offsets, short at end of file.
 *
 * Everything happens in a fresh scratch directory (scratch.h). The
 * expectations are Linux's, checked on the host.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "ktap.h"
#include "scratch.h"
#include "util.h"

#define BAD_PTR		((void *)0xDEAD0000)

static int put(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644), err;

	if (fd < 0)
		return -errno;
	err = write_full(fd, text, strlen(text));
	close(fd);
	return err;
}

static void unlinked_file_stays_open(void)
{
	const char *f = spath("ghost");
	struct stat st;
	int fd, fd2;

	KT_ASSERT_EQ(make_file(f, 50000, 9), 0);
	fd = open(f, O_RDWR);
	KT_ASSERT(fd >= 0);
	KT_EXPECT_EQ(unlink(f), 0);
	EXPECT_ERR(access(f, F_OK), ENOENT);
	KT_EXPECT_EQ(fstat(fd, &st), 0);
	KT_EXPECT_EQ(st.st_nlink, 0);
	KT_EXPECT_EQ(st.st_size, 50000);
	KT_EXPECT(file_has_pattern(fd, 0, 50000, 9));
	KT_EXPECT_EQ(pwrite(fd, "more", 4, 50000), 4);
	KT_EXPECT_EQ(fstat(fd, &st), 0);
	KT_EXPECT_EQ(st.st_size, 50004);
	/* A new file under the same name is another file. */
	KT_ASSERT_EQ(put(f, "new"), 0);
	fd2 = open(f, O_RDONLY);
	KT_EXPECT(fd2 >= 0);
	KT_EXPECT_EQ(fstat(fd2, &st), 0);
	KT_EXPECT_EQ(st.st_size, 3);
	close(fd2);
	KT_EXPECT(file_has_pattern(fd, 0, 50000, 9));
	close(fd);
}

static void memfd(void)
{
	int fd = memfd_create("ktest", 0), fd2;
	struct stat st;
	char *p;

	KT_ASSERT(fd >= 0);
	KT_EXPECT_EQ(fcntl(fd, F_GETFD), 0);
	KT_EXPECT_EQ(fstat(fd, &st), 0);
	KT_EXPECT(S_ISREG(st.st_mode));
	KT_EXPECT_EQ(st.st_size, 0);
	KT_EXPECT_EQ(write(fd, "memfd!", 6), 6);
	KT_EXPECT_EQ(ftruncate(fd, 8192), 0);
	p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	KT_ASSERT(p != MAP_FAILED);
	KT_EXPECT(!memcmp(p, "memfd!", 6));
	p[5000] = 'Q';
	{
		char c = 0;

		KT_EXPECT_EQ(pread(fd, &c, 1, 5000), 1);
		KT_EXPECT_EQ(c, 'Q');
	}
	munmap(p, 8192);
	close(fd);
	fd2 = memfd_create("ktest-cloexec", MFD_CLOEXEC);
	KT_ASSERT(fd2 >= 0);
	KT_EXPECT_EQ(fcntl(fd2, F_GETFD), FD_CLOEXEC);
	close(fd2);
	EXPECT_ERR(memfd_create("bad", 0x100), EINVAL);
	EXPECT_ERR(memfd_create(BAD_PTR, 0), EFAULT);
}

/* Do len bytes of fd at off hold the source pattern from src_off on? */
static bool copied_from(int fd, off_t off, size_t len, off_t src_off)
{
	uint8_t buf[4096];

	while (len) {
		size_t n = len < sizeof(buf) ? len : sizeof(buf);

		if (pread_full(fd, buf, n, off))
			return false;
		for (size_t i = 0; i < n; i++)
			if (buf[i] != pattern_byte(10, src_off + i))
				return false;
		off += n;
		src_off += n;
		len -= n;
	}
	return true;
}

static void sendfile_between_files(void)
{
	int in, out, fds[2];
	loff_t off = 1000;
	uint8_t buf[64];

	KT_ASSERT_EQ(make_file(spath("src"), 100000, 10), 0);
	in = open(spath("src"), O_RDONLY);
	out = open(spath("dst"), O_RDWR | O_CREAT | O_TRUNC, 0644);
	KT_ASSERT(in >= 0 && out >= 0);
	/* With an offset: it advances, the file position does not. */
	KT_EXPECT_EQ(sendfile(out, in, &off, 50000), 50000);
	KT_EXPECT_EQ(off, 51000);
	KT_EXPECT_EQ(lseek(in, 0, SEEK_CUR), 0);
	KT_EXPECT_EQ(lseek(out, 0, SEEK_CUR), 50000);
	/* Without: the position moves; short at end of file. */
	KT_EXPECT_EQ(lseek(in, 90000, SEEK_SET), 90000);
	KT_EXPECT_EQ(sendfile(out, in, NULL, 50000), 10000);
	KT_EXPECT_EQ(lseek(in, 0, SEEK_CUR), 100000);
	KT_EXPECT_EQ(sendfile(out, in, NULL, 50000), 0);
	KT_EXPECT(copied_from(out, 0, 50000, 1000));
	KT_EXPECT(copied_from(out, 50000, 10000, 90000));
	/* Into a pipe. */
	KT_ASSERT_EQ(pipe(fds), 0);
	off = 7;
	KT_EXPECT_EQ(sendfile(fds[1], in, &off, 64), 64);
	KT_EXPECT_EQ(read(fds[0], buf, 64), 64);
	for (int i = 0; i < 64; i++)
		KT_EXPECT_EQ(buf[i], pattern_byte(10, 7 + i));
	close(fds[0]);
	close(fds[1]);
	EXPECT_ERR(sendfile(in, out, NULL, 10), EBADF);	/* in is read-only */
	close(in);
	close(out);
}

static long copy_range(int in, loff_t *ioff, int out, loff_t *ooff,
		       size_t len, unsigned int flags)
{
	return syscall(SYS_copy_file_range, in, ioff, out, ooff, len, flags);
}

static void copy_file_range_between_files(void)
{
	loff_t off = 4096, ooff = 0;
	int in, out;

	KT_ASSERT_EQ(make_file(spath("csrc"), 100000, 10), 0);
	in = open(spath("csrc"), O_RDWR);
	out = open(spath("cdst"), O_RDWR | O_CREAT | O_TRUNC, 0644);
	KT_ASSERT(in >= 0 && out >= 0);
	/* With both offsets: they advance, the positions do not. */
	KT_EXPECT_EQ(copy_range(in, &off, out, &ooff, 8192, 0), 8192);
	KT_EXPECT_EQ(off, 4096 + 8192);
	KT_EXPECT_EQ(ooff, 8192);
	KT_EXPECT_EQ(lseek(in, 0, SEEK_CUR), 0);
	KT_EXPECT_EQ(lseek(out, 0, SEEK_CUR), 0);
	/* With the positions. */
	KT_EXPECT_EQ(lseek(out, 8192, SEEK_SET), 8192);
	KT_EXPECT_EQ(copy_range(in, NULL, out, NULL, 100, 0), 100);
	KT_EXPECT_EQ(lseek(in, 0, SEEK_CUR), 100);
	KT_EXPECT_EQ(lseek(out, 0, SEEK_CUR), 8292);
	KT_EXPECT(copied_from(out, 0, 8192, 4096));
	KT_EXPECT(copied_from(out, 8192, 100, 0));
	/* Short at end of file; nothing past it. */
	off = 99990;
	KT_EXPECT_EQ(copy_range(in, &off, out, NULL, 100, 0), 10);
	KT_EXPECT_EQ(copy_range(in, &off, out, NULL, 100, 0), 0);
	/* Overlapping ranges of one file, and flags, are refused. */
	off = 0;
	ooff = 100;
	EXPECT_ERR(copy_range(in, &off, in, &ooff, 1000, 0), EINVAL);
	EXPECT_ERR(copy_range(in, NULL, out, NULL, 100, 1), EINVAL);
	EXPECT_ERR(copy_range(out, NULL, -1, NULL, 100, 0), EBADF);
	close(in);
	close(out);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(unlinked_file_stays_open),
	KTAP_CASE(memfd),
	KTAP_CASE(sendfile_between_files),
	KTAP_CASE(copy_file_range_between_files),
	{ 0 }
};

int main(void)
{
	umask(022);
	scratch_init("file_handles");
	return ktap_main("file_handles", cases);
}
