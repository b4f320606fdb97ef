// SPDX-License-Identifier: GPL-2.0
/*
 * shm_open: POSIX shared memory and futexes in shared memory. /dev/shm
 * is a sticky, world-writable tmpfs; shm_open + ftruncate + mmap
 * MAP_SHARED in two processes that open the name separately share the
 * bytes; shm_unlink removes the name. A futex without FUTEX_PRIVATE_FLAG
 * in a MAP_SHARED mapping is one futex for every process mapping that
 * page, whatever the address: through MAP_SHARED|MAP_ANONYMOUS across
 * fork, through a file mapped separately at different offsets, and as a
 * PTHREAD_PROCESS_SHARED mutex and condition variable.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ktap.h"
#include "scratch.h"
#include "util.h"

#define FUTEX_WAIT	0
#define FUTEX_WAKE	1
#define FUTEX_PRIVATE	128

static long futex(volatile uint32_t *uaddr, int op, uint32_t val,
		  const struct timespec *ts)
{
	return syscall(SYS_futex, uaddr, op, val, ts, NULL, 0);
}

static void dev_shm_is_sticky_tmpfs(void)
{
	struct stat st;

	KT_ASSERT_EQ(stat("/dev/shm", &st), 0);
	KT_EXPECT(S_ISDIR(st.st_mode));
	KT_EXPECT_EQ(st.st_mode & 07777, 01777);
	KT_EXPECT_EQ(fs_type("/dev/shm"), TMPFS_MAGIC_NR);
}

static char shm_name[64];

/* The child opens the name on its own, maps it and writes a pattern. */
static void child_writes_by_name(void *arg)
{
	int fd = shm_open(shm_name, O_RDWR, 0);
	char *p;

	(void)arg;
	KT_ASSERT(fd >= 0);
	p = mmap(NULL, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED,
		 fd, 0);
	KT_ASSERT(p != MAP_FAILED);
	close(fd);
	fill_pattern(p, 2 * PAGE_SIZE, 77);
}

static void shm_open_shares_between_processes(void)
{
	char *p;
	int fd;

	snprintf(shm_name, sizeof(shm_name), "/ktest_shm_open_%d", getpid());
	fd = shm_open(shm_name, O_RDWR | O_CREAT | O_EXCL, 0600);
	KT_ASSERT(fd >= 0);
	KT_ASSERT_EQ(ftruncate(fd, 2 * PAGE_SIZE), 0);
	p = mmap(NULL, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		 0);
	KT_ASSERT(p != MAP_FAILED);
	memset(p, 0, 2 * PAGE_SIZE);
	KT_EXPECT_EQ(child_status(child_writes_by_name, NULL), 0);
	KT_EXPECT_EQ(check_pattern(p, 2 * PAGE_SIZE, 77), 2 * PAGE_SIZE);
	/* Opening again with O_EXCL fails; after unlink the name is gone. */
	errno = 0;
	KT_EXPECT_EQ(shm_open(shm_name, O_RDWR | O_CREAT | O_EXCL, 0600), -1);
	KT_EXPECT_EQ(errno, EEXIST);
	KT_EXPECT_EQ(shm_unlink(shm_name), 0);
	errno = 0;
	KT_EXPECT_EQ(shm_open(shm_name, O_RDWR, 0), -1);
	KT_EXPECT_EQ(errno, ENOENT);
	/* The mapping outlives the name. */
	KT_EXPECT_EQ(check_pattern(p, 2 * PAGE_SIZE, 77), 2 * PAGE_SIZE);
	munmap(p, 2 * PAGE_SIZE);
	close(fd);
}

/*
 * The child sleeps on *word (== 0) for at most 10 s; it passes only if a
 * wake ended the sleep. The word never changes, so only a wake whose key
 * matches ends it early.
 */
struct waiter_arg {
	volatile uint32_t *word;
	volatile uint32_t *ready;
	int op;
};

static void child_waits(void *arg)
{
	struct waiter_arg *w = arg;
	struct timespec ts = { .tv_sec = 10 };

	*w->ready = 1;
	KT_EXPECT_EQ(futex(w->word, w->op, 0, &ts), 0);
}

/* Wake *word until a waiter is woken or 10 s pass; how many were. */
static long wake_until_woken(volatile uint32_t *word, int op)
{
	for (int i = 0; i < 10000; i++) {
		long n = futex(word, op, 1, NULL);

		if (n)
			return n;
		usleep(1000);
	}
	return 0;
}

static void futex_shared_anon_across_fork(void)
{
	volatile uint32_t *m = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE,
				    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	struct waiter_arg w = { m, m + 1, FUTEX_WAIT };
	pid_t child;

	KT_ASSERT(m != MAP_FAILED);
	child = spawn(child_waits, &w);
	KT_ASSERT(child > 0);
	KT_EXPECT_EQ(wake_until_woken(m, FUTEX_WAKE), 1);
	KT_EXPECT_EQ(wait_status(child), 0);
	KT_EXPECT_EQ(m[1], 1);
	munmap((void *)m, PAGE_SIZE);
}

/*
 * A private futex in private memory stays private: after fork the
 * parent's FUTEX_WAKE|PRIVATE on the same address finds nobody (the
 * child's address space is another one).
 */
static void child_waits_briefly(void *arg)
{
	volatile uint32_t *word = arg;
	struct timespec ts = { .tv_nsec = 300 * 1000 * 1000 };

	KT_EXPECT_EQ(futex(word, FUTEX_WAIT | FUTEX_PRIVATE, 0, &ts), -1);
	KT_EXPECT_EQ(errno, ETIMEDOUT);
}

static void futex_private_memory_stays_private(void)
{
	static volatile uint32_t word;
	pid_t child = spawn(child_waits_briefly, (void *)&word);

	KT_ASSERT(child > 0);
	for (int i = 0; i < 50; i++) {
		KT_EXPECT_EQ(futex(&word, FUTEX_WAKE | FUTEX_PRIVATE, 1, NULL),
			     0);
		KT_EXPECT_EQ(futex(&word, FUTEX_WAKE, 1, NULL), 0);
		usleep(2000);
	}
	KT_EXPECT_EQ(wait_status(child), 0);
}

static char futex_file[256];

/* Maps only page 1 of the file: another address, another region. */
static void child_waits_on_file(void *arg)
{
	int fd = open(futex_file, O_RDWR);
	volatile uint32_t *p;
	struct timespec ts = { .tv_sec = 10 };

	(void)arg;
	KT_ASSERT(fd >= 0);
	p = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		 PAGE_SIZE);
	KT_ASSERT(p != MAP_FAILED);
	close(fd);
	p[3] = 1;	/* ready */
	KT_EXPECT_EQ(futex(&p[2], FUTEX_WAIT, 0, &ts), 0);
}

static void futex_shared_file_mapped_twice(void)
{
	volatile uint32_t *p;
	pid_t child;
	int fd;

	snprintf(futex_file, sizeof(futex_file), "/dev/shm/ktest_futex_%d",
		 getpid());
	fd = open(futex_file, O_RDWR | O_CREAT | O_TRUNC, 0600);
	KT_ASSERT(fd >= 0);
	KT_ASSERT_EQ(ftruncate(fd, 2 * PAGE_SIZE), 0);
	/* The child maps the file itself, after fork: nothing inherited. */
	child = spawn(child_waits_on_file, NULL);
	KT_ASSERT(child > 0);
	p = mmap(NULL, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		 0);
	KT_ASSERT(p != MAP_FAILED);
	/* The word is at page 1, offset 8 of the file in both. */
	KT_EXPECT_EQ(wake_until_woken(p + PAGE_SIZE / 4 + 2, FUTEX_WAKE), 1);
	KT_EXPECT_EQ(wait_status(child), 0);
	KT_EXPECT_EQ(p[PAGE_SIZE / 4 + 3], 1);
	munmap((void *)p, 2 * PAGE_SIZE);
	close(fd);
	unlink(futex_file);
}

struct pshared {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int flag, child_saw;
};

static void child_waits_on_cond(void *arg)
{
	struct pshared *s = arg;
	struct timespec deadline;
	int err = 0;

	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += 10;
	KT_ASSERT_EQ(pthread_mutex_lock(&s->lock), 0);
	s->child_saw = 1;
	while (!s->flag && !err)
		err = pthread_cond_timedwait(&s->cond, &s->lock, &deadline);
	KT_EXPECT_EQ(err, 0);
	KT_EXPECT_EQ(s->flag, 1);
	s->child_saw = 2;
	pthread_mutex_unlock(&s->lock);
}

static void pthread_process_shared_mutex_cond(void)
{
	struct pshared *s = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE,
				 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pthread_mutexattr_t ma;
	pthread_condattr_t ca;
	pid_t child;

	KT_ASSERT(s != MAP_FAILED);
	pthread_mutexattr_init(&ma);
	pthread_mutexattr_setpshared(&ma, PTHREAD_PROCESS_SHARED);
	pthread_condattr_init(&ca);
	pthread_condattr_setpshared(&ca, PTHREAD_PROCESS_SHARED);
	KT_ASSERT_EQ(pthread_mutex_init(&s->lock, &ma), 0);
	KT_ASSERT_EQ(pthread_cond_init(&s->cond, &ca), 0);
	child = spawn(child_waits_on_cond, s);
	KT_ASSERT(child > 0);
	/* Wait until the child holds or has held the lock, then signal. */
	for (int i = 0; i < 10000 && !__atomic_load_n(&s->child_saw,
						      __ATOMIC_SEQ_CST); i++)
		usleep(1000);
	KT_EXPECT_EQ(pthread_mutex_lock(&s->lock), 0);
	s->flag = 1;
	pthread_cond_signal(&s->cond);
	pthread_mutex_unlock(&s->lock);
	KT_EXPECT_EQ(wait_status(child), 0);
	KT_EXPECT_EQ(s->child_saw, 2);
	munmap(s, PAGE_SIZE);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(dev_shm_is_sticky_tmpfs),
	KTAP_CASE(shm_open_shares_between_processes),
	KTAP_CASE(futex_shared_anon_across_fork),
	KTAP_CASE(futex_private_memory_stays_private),
	KTAP_CASE(futex_shared_file_mapped_twice),
	KTAP_CASE(pthread_process_shared_mutex_cond),
	{ 0 }
};

int main(void)
{
	return ktap_main("shm_open", cases);
}
