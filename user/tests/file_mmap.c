// SPDX-License-Identifier: GPL-2.0
/*
 * file_mmap: mappings of files on a writable file system. A MAP_SHARED
 * mapping and read()/write() see one page cache both ways, also across
 * processes; MAP_PRIVATE stores are copies nobody else sees; msync; a
 * mapping past end of file reads zeros in the last page and raises
 * SIGBUS beyond it; the mapping outlives close() and unlink(); the
 * permission checks of mmap against the open mode; one process per CPU
 * storing into its own pages of one shared mapping.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ktap.h"
#include "scratch.h"
#include "util.h"

#define PAGES		16
#define LEN		(PAGES * PAGE_SIZE)

/* A file of LEN pattern bytes (seed), opened read/write. */
static int pattern_file(const char *name, uint32_t seed)
{
	if (make_file(spath("%s", name), LEN, seed))
		return -1;
	return open(spath("%s", name), O_RDWR);
}

static char *map_file(int fd, size_t len, int prot, int flags, off_t off)
{
	char *p = mmap(NULL, len, prot, flags, fd, off);

	return p == MAP_FAILED ? NULL : p;
}

static void shared_map_sees_writes(void)
{
	int fd = pattern_file("s1", 1);
	char *p;

	KT_ASSERT(fd >= 0);
	p = map_file(fd, LEN, PROT_READ, MAP_SHARED, 0);
	KT_ASSERT(p);
	KT_EXPECT_EQ(check_pattern(p, LEN, 1), LEN);
	/* write() after the mapping exists, across a page boundary. */
	KT_EXPECT_EQ(pwrite(fd, "ABCDEFGH", 8, 3 * PAGE_SIZE - 4), 8);
	KT_EXPECT(!memcmp(p + 3 * PAGE_SIZE - 4, "ABCDEFGH", 8));
	KT_EXPECT_EQ(ftruncate(fd, LEN), 0);	/* same size: no change */
	KT_EXPECT(!memcmp(p + 3 * PAGE_SIZE - 4, "ABCDEFGH", 8));
	munmap(p, LEN);
	close(fd);
}

static void shared_stores_reach_the_file(void)
{
	int fd = pattern_file("s2", 2), fd2;
	char *p, buf[16];

	KT_ASSERT(fd >= 0);
	p = map_file(fd, LEN, PROT_READ | PROT_WRITE, MAP_SHARED, 0);
	KT_ASSERT(p);
	memcpy(p + 5 * PAGE_SIZE - 3, "stored!", 7);
	KT_EXPECT_EQ(pread(fd, buf, 7, 5 * PAGE_SIZE - 3), 7);
	KT_EXPECT(!memcmp(buf, "stored!", 7));
	/* Through another open file, too, and after unmap and close. */
	fd2 = open(spath("s2"), O_RDONLY);
	KT_EXPECT_EQ(pread(fd2, buf, 7, 5 * PAGE_SIZE - 3), 7);
	KT_EXPECT(!memcmp(buf, "stored!", 7));
	p[LEN - 1] = 'Z';
	KT_EXPECT_EQ(munmap(p, LEN), 0);
	close(fd);
	KT_EXPECT_EQ(pread(fd2, buf, 1, LEN - 1), 1);
	KT_EXPECT_EQ(buf[0], 'Z');
	KT_EXPECT_EQ(lseek(fd2, 0, SEEK_END), (off_t)LEN);	/* no growth */
	close(fd2);
}

struct shared_child {
	int fd;
	char *map;
};

/* The child stores through its own mapping, then checks the parent's. */
static void child_maps_and_stores(void *arg)
{
	struct shared_child *c = arg;
	char *q = map_file(c->fd, LEN, PROT_READ | PROT_WRITE, MAP_SHARED, 0);

	KT_ASSERT(q);
	memcpy(q + 7 * PAGE_SIZE, "from child", 10);
	/* The parent's store, made before the fork, in its own mapping. */
	KT_EXPECT(!memcmp(q + PAGE_SIZE, "from parent", 11));
	/* The inherited mapping is the same shared pages. */
	KT_EXPECT(!memcmp(c->map + 7 * PAGE_SIZE, "from child", 10));
}

static void shared_across_processes(void)
{
	struct shared_child c;
	int status;

	c.fd = pattern_file("s3", 3);
	KT_ASSERT(c.fd >= 0);
	c.map = map_file(c.fd, LEN, PROT_READ | PROT_WRITE, MAP_SHARED, 0);
	KT_ASSERT(c.map);
	memcpy(c.map + PAGE_SIZE, "from parent", 11);
	status = child_status(child_maps_and_stores, &c);
	KT_EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	KT_EXPECT(!memcmp(c.map + 7 * PAGE_SIZE, "from child", 10));
	munmap(c.map, LEN);
	close(c.fd);
}

static void private_map_is_a_copy(void)
{
	int fd = pattern_file("p1", 4);
	char *priv, *shared, buf[8];

	KT_ASSERT(fd >= 0);
	priv = map_file(fd, LEN, PROT_READ | PROT_WRITE, MAP_PRIVATE, 0);
	shared = map_file(fd, LEN, PROT_READ, MAP_SHARED, 0);
	KT_ASSERT(priv && shared);
	KT_EXPECT_EQ(check_pattern(priv, LEN, 4), LEN);
	memcpy(priv + 2 * PAGE_SIZE, "private", 7);
	KT_EXPECT_EQ(pread(fd, buf, 7, 2 * PAGE_SIZE), 7);
	KT_EXPECT(memcmp(buf, "private", 7) != 0);
	KT_EXPECT_EQ(check_pattern(shared, LEN, 4), LEN);
	/* A later write() to the file does not reach the copied page. */
	KT_EXPECT_EQ(pwrite(fd, "written", 7, 2 * PAGE_SIZE), 7);
	KT_EXPECT(!memcmp(priv + 2 * PAGE_SIZE, "private", 7));
	KT_EXPECT(!memcmp(shared + 2 * PAGE_SIZE, "written", 7));
	/* A private mapping of a read-only fd may still be written. */
	munmap(priv, LEN);
	close(fd);
	fd = open(spath("p1"), O_RDONLY);
	priv = map_file(fd, LEN, PROT_READ | PROT_WRITE, MAP_PRIVATE, 0);
	KT_ASSERT(priv);
	priv[0] ^= 0xff;
	KT_EXPECT(file_has_pattern(fd, 0, 16, 4));
	munmap(priv, LEN);
	munmap(shared, LEN);
	close(fd);
}

static void msync_calls(void)
{
	int fd = pattern_file("m1", 5);
	char *p;

	KT_ASSERT(fd >= 0);
	p = map_file(fd, LEN, PROT_READ | PROT_WRITE, MAP_SHARED, 0);
	KT_ASSERT(p);
	p[100] = 'x';
	KT_EXPECT_EQ(msync(p, LEN, MS_SYNC), 0);
	KT_EXPECT_EQ(msync(p + PAGE_SIZE, PAGE_SIZE, MS_ASYNC), 0);
	KT_EXPECT_EQ(msync(p, LEN, MS_INVALIDATE), 0);
	KT_EXPECT_EQ(p[100], 'x');	/* MS_INVALIDATE keeps shared stores */
	EXPECT_ERR(msync(p + 1, PAGE_SIZE, MS_SYNC), EINVAL);
	EXPECT_ERR(msync(p, LEN, MS_SYNC | MS_ASYNC), EINVAL);
	EXPECT_ERR(msync(p, LEN, 0x100), EINVAL);
	munmap(p, LEN);
	EXPECT_ERR(msync(p, LEN, MS_SYNC), ENOMEM);	/* nothing mapped */
	KT_EXPECT(file_has_pattern(fd, 0, 100, 5));
	close(fd);
}

/*
 * Two pages mapped of a 100-byte file: the rest of the first page reads
 * as zeros and a store there does not grow the file; the second page is
 * beyond end of file and a touch raises SIGBUS.
 */
static void touch_second_page(void *arg)
{
	volatile char *p = arg;

	(void)p[PAGE_SIZE];
	_exit(0);
}

static void map_past_end_of_file(void)
{
	const char *f = spath("eof");
	int fd, status;
	char *p, why[64];
	struct stat st;

	KT_ASSERT_EQ(make_file(f, 100, 6), 0);
	fd = open(f, O_RDWR);
	KT_ASSERT(fd >= 0);
	p = map_file(fd, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, 0);
	KT_ASSERT(p);
	KT_EXPECT_EQ(check_pattern(p, 100, 6), 100);
	for (size_t i = 100; i < PAGE_SIZE; i++)
		if (p[i]) {
			KT_EXPECT_EQ(p[i], 0);
			break;
		}
	p[200] = 'x';
	KT_EXPECT_EQ(fstat(fd, &st), 0);
	KT_EXPECT_EQ(st.st_size, 100);
	status = child_status(touch_second_page, p);
	KT_EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGBUS);
	if (!(WIFSIGNALED(status) && WTERMSIG(status) == SIGBUS))
		ktap_diag("child %s",
			  describe_status(status, why, sizeof(why)));
	/* Once the file covers it, the second page is there. */
	KT_EXPECT_EQ(ftruncate(fd, 2 * PAGE_SIZE), 0);
	KT_EXPECT_EQ(p[PAGE_SIZE + 5], 0);
	p[PAGE_SIZE + 5] = 'y';
	KT_EXPECT_EQ(pread(fd, why, 1, PAGE_SIZE + 5), 1);
	KT_EXPECT_EQ(why[0], 'y');
	munmap(p, 2 * PAGE_SIZE);
	close(fd);
}

static void mapping_outlives_close_and_unlink(void)
{
	int fd = pattern_file("gone", 7);
	char *p;

	KT_ASSERT(fd >= 0);
	p = map_file(fd, LEN, PROT_READ | PROT_WRITE, MAP_SHARED, 0);
	KT_ASSERT(p);
	close(fd);
	KT_EXPECT_EQ(unlink(spath("gone")), 0);
	KT_EXPECT_EQ(check_pattern(p, LEN, 7), LEN);
	memset(p, 0x5a, LEN);
	KT_EXPECT_EQ((unsigned char)p[LEN - 1], 0x5a);
	KT_EXPECT_EQ(munmap(p, LEN), 0);
}

static void offsets_and_permissions(void)
{
	int fd = pattern_file("perm", 8), ro, wo;
	char *p;

	KT_ASSERT(fd >= 0);
	/* An offset maps the file from there. */
	p = map_file(fd, PAGE_SIZE, PROT_READ, MAP_SHARED, 3 * PAGE_SIZE);
	KT_ASSERT(p);
	KT_EXPECT_EQ((uint8_t)p[10], pattern_byte(8, 3 * PAGE_SIZE + 10));
	munmap(p, PAGE_SIZE);
	EXPECT_ERR(mmap(NULL, PAGE_SIZE, PROT_READ, MAP_SHARED, fd, 100),
		   EINVAL);
	ro = open(spath("perm"), O_RDONLY);
	wo = open(spath("perm"), O_WRONLY);
	KT_ASSERT(ro >= 0 && wo >= 0);
	EXPECT_ERR(mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED,
			ro, 0), EACCES);
	EXPECT_ERR(mmap(NULL, PAGE_SIZE, PROT_READ, MAP_SHARED, wo, 0),
		   EACCES);
	/* Read-only shared, then mprotect to writable: refused too. */
	p = map_file(ro, PAGE_SIZE, PROT_READ, MAP_SHARED, 0);
	KT_ASSERT(p);
	EXPECT_ERR(mprotect(p, PAGE_SIZE, PROT_READ | PROT_WRITE), EACCES);
	munmap(p, PAGE_SIZE);
	EXPECT_ERR(mmap(NULL, PAGE_SIZE, PROT_READ, MAP_SHARED, 999, 0), EBADF);
	close(ro);
	close(wo);
	close(fd);
}

struct page_writer {
	char *map;
	int id, cpu, pages;
};

/* Fill my pages, round after round, each round a different byte. */
static void store_my_pages(void *arg)
{
	struct page_writer *w = arg;
	char *mine = w->map + (size_t)w->id * w->pages * PAGE_SIZE;

	pin_to_cpu(w->cpu);
	for (int round = 0; round < 64; round++)
		memset(mine, (w->id * 64 + round) & 0xff, w->pages * PAGE_SIZE);
}

static void writers_per_cpu_share_one_mapping(void)
{
	int cpus = online_cpus(), n = 2 * cpus, fd, bad = 0, status;
	const int pages = 8;
	size_t len = (size_t)n * pages * PAGE_SIZE;
	struct page_writer w;
	pid_t pid[64];
	char *buf;

	if (n > 64)
		n = 64;
	fd = open(spath("percpu"), O_RDWR | O_CREAT | O_TRUNC, 0644);
	KT_ASSERT(fd >= 0);
	KT_ASSERT_EQ(ftruncate(fd, len), 0);
	w.map = map_file(fd, len, PROT_READ | PROT_WRITE, MAP_SHARED, 0);
	KT_ASSERT(w.map);
	w.pages = pages;
	for (int i = 0; i < n; i++) {
		w.id = i;
		w.cpu = i % cpus;
		pid[i] = spawn(store_my_pages, &w);
	}
	for (int i = 0; i < n; i++) {
		status = wait_status(pid[i]);
		KT_EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	/* Every byte as its writer's last round left it, through read(). */
	buf = malloc(pages * PAGE_SIZE);
	KT_ASSERT(buf);
	for (int i = 0; i < n; i++) {
		int want = (i * 64 + 63) & 0xff;

		KT_ASSERT_EQ(pread_full(fd, buf, pages * PAGE_SIZE,
					(off_t)i * pages * PAGE_SIZE), 0);
		for (int j = 0; j < pages * (int)PAGE_SIZE; j++)
			bad += (uint8_t)buf[j] != want;
	}
	KT_EXPECT_EQ(bad, 0);
	free(buf);
	munmap(w.map, len);
	close(fd);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(shared_map_sees_writes),
	KTAP_CASE(shared_stores_reach_the_file),
	KTAP_CASE(shared_across_processes),
	KTAP_CASE(private_map_is_a_copy),
	KTAP_CASE(msync_calls),
	KTAP_CASE(map_past_end_of_file),
	KTAP_CASE(mapping_outlives_close_and_unlink),
	KTAP_CASE(offsets_and_permissions),
	KTAP_CASE(writers_per_cpu_share_one_mapping),
	{ 0 }
};

int main(void)
{
	umask(022);
	scratch_init("file_mmap");
	return ktap_main("file_mmap", cases);
}
