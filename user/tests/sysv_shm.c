// SPDX-License-Identifier: GPL-2.0
/*
 * sysv_shm: System V shared memory through musl's wrappers (ipc(2) on
 * i386) and the direct calls (shmget 395 ... shmdt 398). A segment is
 * shared across fork and between processes that find it by key;
 * shm_nattch counts attachments (fork adds one, exit and shmdt remove
 * them); IPC_RMID of an attached segment hides its key and destroys it
 * at the last detach; SHM_RDONLY, SHM_RND; Linux's errors.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ktap.h"
#include "util.h"

#define EXPECT_ERR(call, err)						\
	do {								\
		errno = 0;						\
		KT_EXPECT_EQ((long)(call), -1L);			\
		KT_EXPECT_EQ(errno, err);				\
	} while (0)

#define SIZE	(3 * PAGE_SIZE)
/* The kernel's command numbers (musl's IPC_STAT carries its time64 bit). */
#define K_IPC_STAT	2
#define K_IPC_64	0x100
#define BAD_PTR	((void *)0xC0001000UL)	/* kernel half (i386) */

static unsigned long nattch(int id)
{
	struct shmid_ds ds;

	if (shmctl(id, IPC_STAT, &ds))
		return ~0UL;
	return ds.shm_nattch;
}

static key_t test_key(int n)
{
	return (key_t)(0x4b000000 | ((getpid() & 0xffff) << 8) | n);
}

static void child_writes(void *arg)
{
	int id = (int)(long)arg;
	char *p = shmat(id, NULL, 0);

	KT_ASSERT(p != (void *)-1);
	KT_EXPECT_EQ(nattch(id), 3);	/* the parent's, its copy, ours */
	fill_pattern(p, SIZE, 5);
}

static void private_segment_shared_across_fork(void)
{
	int id = shmget(IPC_PRIVATE, SIZE, IPC_CREAT | 0600);
	struct shmid_ds ds;
	char *p;

	KT_ASSERT(id >= 0);
	KT_ASSERT_EQ(shmctl(id, IPC_STAT, &ds), 0);
	KT_EXPECT_EQ(ds.shm_segsz, SIZE);
	KT_EXPECT_EQ(ds.shm_nattch, 0);
	KT_EXPECT_EQ(ds.shm_cpid, getpid());
	KT_EXPECT_EQ(ds.shm_perm.mode & 0777, 0600);
	p = shmat(id, NULL, 0);
	KT_ASSERT(p != (void *)-1);
	KT_EXPECT_EQ(nattch(id), 1);
	for (size_t i = 0; i < SIZE; i++)
		if (p[i]) {
			KT_EXPECT_EQ(p[i], 0);
			break;
		}
	KT_EXPECT_EQ(child_status(child_writes, (void *)(long)id), 0);
	KT_EXPECT_EQ(check_pattern(p, SIZE, 5), SIZE);
	/* The child's two attachments went with it. */
	KT_EXPECT_EQ(nattch(id), 1);
	KT_ASSERT_EQ(shmctl(id, IPC_STAT, &ds), 0);
	KT_EXPECT_NE(ds.shm_lpid, getpid());
	KT_EXPECT_EQ(shmdt(p), 0);
	KT_EXPECT_EQ(nattch(id), 0);
	EXPECT_ERR(shmdt(p), EINVAL);
	KT_EXPECT_EQ(shmctl(id, IPC_RMID, NULL), 0);
	EXPECT_ERR(shmctl(id, IPC_STAT, &ds), EINVAL);
}

static void rmid_while_attached_destroys_at_detach(void)
{
	key_t key = test_key(1);
	int id = shmget(key, SIZE, IPC_CREAT | IPC_EXCL | 0600);
	struct shmid_ds ds;
	char *p;

	KT_ASSERT(id >= 0);
	p = shmat(id, NULL, 0);
	KT_ASSERT(p != (void *)-1);
	KT_EXPECT_EQ(shmctl(id, IPC_RMID, NULL), 0);
	/* Still there by id, marked, its key gone. */
	KT_ASSERT_EQ(shmctl(id, IPC_STAT, &ds), 0);
	KT_EXPECT_EQ(ds.shm_perm.__ipc_perm_key, IPC_PRIVATE);
	KT_EXPECT(ds.shm_perm.mode & 01000);	/* SHM_DEST */
	KT_EXPECT_EQ(ds.shm_nattch, 1);
	EXPECT_ERR(shmget(key, SIZE, 0600), ENOENT);
	memset(p, 0x5a, SIZE);		/* the memory still works */
	KT_EXPECT_EQ(p[SIZE - 1], 0x5a);
	KT_EXPECT_EQ(shmdt(p), 0);
	EXPECT_ERR(shmctl(id, IPC_STAT, &ds), EINVAL);
	EXPECT_ERR(shmat(id, NULL, 0), EINVAL);
}

static int pipefd[2];

/* Another process finds the segment by key only (made after fork). */
static void child_finds_by_key(void *arg)
{
	key_t key = (key_t)(long)arg;
	char c;
	int id;
	uint32_t *p;

	KT_ASSERT_EQ(read(pipefd[0], &c, 1), 1);
	id = shmget(key, 0, 0);
	KT_ASSERT(id >= 0);
	p = shmat(id, NULL, 0);
	KT_ASSERT(p != (void *)-1);
	KT_EXPECT_EQ(p[0], 0x12345678u);
	p[1] = 0x9abcdef0u;
	KT_EXPECT_EQ(shmdt(p), 0);
}

static void segment_found_by_key_in_another_process(void)
{
	key_t key = test_key(2);
	pid_t child;
	uint32_t *p;
	int id;

	KT_ASSERT_EQ(pipe(pipefd), 0);
	child = spawn(child_finds_by_key, (void *)(long)key);
	KT_ASSERT(child > 0);
	id = shmget(key, PAGE_SIZE, IPC_CREAT | 0666);
	KT_ASSERT(id >= 0);
	p = shmat(id, NULL, 0);
	KT_ASSERT(p != (void *)-1);
	p[0] = 0x12345678u;
	KT_EXPECT_EQ(write(pipefd[1], "x", 1), 1);
	KT_EXPECT_EQ(wait_status(child), 0);
	KT_EXPECT_EQ(p[1], 0x9abcdef0u);
	/* The same key again: the same id; IPC_EXCL refuses. */
	KT_EXPECT_EQ(shmget(key, PAGE_SIZE, IPC_CREAT | 0666), id);
	EXPECT_ERR(shmget(key, PAGE_SIZE, IPC_CREAT | IPC_EXCL | 0666), EEXIST);
	EXPECT_ERR(shmget(key, 2 * PAGE_SIZE, 0666), EINVAL);
	KT_EXPECT_EQ(shmdt(p), 0);
	KT_EXPECT_EQ(shmctl(id, IPC_RMID, NULL), 0);
	close(pipefd[0]);
	close(pipefd[1]);
}

static void child_writes_readonly(void *arg)
{
	*(volatile char *)arg = 1;
}

static void rdonly_and_rnd(void)
{
	int id = shmget(IPC_PRIVATE, PAGE_SIZE, 0600);
	char *hole, *p;
	int status;

	KT_ASSERT(id >= 0);
	p = shmat(id, NULL, SHM_RDONLY);
	KT_ASSERT(p != (void *)-1);
	KT_EXPECT_EQ(p[0], 0);
	status = child_status(child_writes_readonly, p);
	KT_EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);
	EXPECT_ERR(mprotect(p, PAGE_SIZE, PROT_READ | PROT_WRITE), EACCES);
	KT_EXPECT_EQ(shmdt(p), 0);

	/* A free spot: map and unmap two pages. */
	hole = mmap(NULL, 2 * PAGE_SIZE, PROT_NONE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	KT_ASSERT(hole != MAP_FAILED);
	munmap(hole, 2 * PAGE_SIZE);
	EXPECT_ERR(shmat(id, hole + 123, 0), EINVAL);
	p = shmat(id, hole + PAGE_SIZE + 123, SHM_RND);
	KT_EXPECT(p == hole + PAGE_SIZE);
	/* Over an existing mapping only with SHM_REMAP. */
	EXPECT_ERR(shmat(id, hole + PAGE_SIZE, 0), EINVAL);
	KT_EXPECT(shmat(id, hole + PAGE_SIZE, SHM_REMAP) == hole + PAGE_SIZE);
	KT_EXPECT_EQ(nattch(id), 1);
	KT_EXPECT_EQ(shmdt(hole + PAGE_SIZE), 0);
	KT_EXPECT_EQ(nattch(id), 0);
	KT_EXPECT_EQ(shmctl(id, IPC_RMID, NULL), 0);
}

static void errors(void)
{
	struct shmid_ds ds;
	int id;

	EXPECT_ERR(shmget(IPC_PRIVATE, 0, 0600), EINVAL);
	EXPECT_ERR(shmget(test_key(3), PAGE_SIZE, 0600), ENOENT);
	EXPECT_ERR(shmat(-1, NULL, 0), EINVAL);
	EXPECT_ERR(shmat(0x7fff0000, NULL, 0), EINVAL);
	EXPECT_ERR(shmdt((void *)PAGE_SIZE), EINVAL);
	EXPECT_ERR(shmdt((char *)map_pages(1) + 1), EINVAL);
	EXPECT_ERR(shmctl(-1, IPC_STAT, &ds), EINVAL);
	id = shmget(IPC_PRIVATE, PAGE_SIZE, 0600);
	KT_ASSERT(id >= 0);
	EXPECT_ERR(shmctl(id, 0x55, &ds), EINVAL);
	/* Raw calls: musl's wrapper itself writes the time64 fields. */
	EXPECT_ERR(syscall(396, id, K_IPC_STAT, BAD_PTR), EFAULT);
	EXPECT_ERR(syscall(396, id, IPC_SET, BAD_PTR), EFAULT);
	EXPECT_ERR(syscall(SYS_ipc, 24, id, K_IPC_STAT | K_IPC_64, 0, BAD_PTR),
		   EFAULT);
	KT_ASSERT_EQ(shmctl(id, IPC_STAT, &ds), 0);
	ds.shm_perm.mode = 0640;
	KT_EXPECT_EQ(shmctl(id, IPC_SET, &ds), 0);
	KT_ASSERT_EQ(shmctl(id, IPC_STAT, &ds), 0);
	KT_EXPECT_EQ(ds.shm_perm.mode & 0777, 0640);
	KT_EXPECT_EQ(shmctl(id, IPC_RMID, NULL), 0);
	EXPECT_ERR(shmctl(id, IPC_RMID, NULL), EINVAL);
}

/* The kernel's struct shmid64_ds as i386 lays it out. */
struct shmid64 {
	int32_t key;
	uint32_t uid, gid, cuid, cgid;
	uint16_t mode, pad1, seq, pad2;
	uint32_t unused1, unused2;
	uint32_t segsz;
	uint32_t atime, atime_hi, dtime, dtime_hi, ctime, ctime_hi;
	int32_t cpid, lpid;
	uint32_t nattch, unused4, unused5;
};

static void direct_system_calls(void)
{
	struct shmid64 ds;
	long id, addr;

	_Static_assert(sizeof(struct shmid64) == 84, "i386 shmid64_ds");
	id = syscall(395, IPC_PRIVATE, 5000, 0600);	/* shmget */
	KT_ASSERT(id >= 0);
	addr = syscall(397, id, 0, 0);			/* shmat */
	KT_ASSERT(addr != -1);
	memset(&ds, 0xff, sizeof(ds));
	KT_ASSERT_EQ(syscall(396, id, K_IPC_STAT, &ds), 0);	/* shmctl */
	KT_EXPECT_EQ(ds.segsz, 5000);
	KT_EXPECT_EQ(ds.nattch, 1);
	KT_EXPECT_EQ(ds.mode & 0777, 0600);
	KT_EXPECT_EQ(ds.cpid, getpid());
	/* The direct call takes no IPC_64 flag: it is always that layout. */
	errno = 0;
	KT_EXPECT_EQ(syscall(396, id, K_IPC_STAT | K_IPC_64, &ds), -1);
	KT_EXPECT_EQ(errno, EINVAL);
	KT_EXPECT_EQ(syscall(398, addr), 0);		/* shmdt */
	KT_EXPECT_EQ(syscall(396, id, IPC_RMID, NULL), 0);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(private_segment_shared_across_fork),
	KTAP_CASE(rmid_while_attached_destroys_at_detach),
	KTAP_CASE(segment_found_by_key_in_another_process),
	KTAP_CASE(rdonly_and_rnd),
	KTAP_CASE(errors),
	KTAP_CASE(direct_system_calls),
	{ 0 }
};

int main(void)
{
	return ktap_main("sysv_shm", cases);
}
