// SPDX-License-Identifier: GPL-2.0
/*
 * sysv_sem: System V semaphores. semctl's value commands; semop applies
 * all or nothing; a blocked semop in another process is counted by
 * GETNCNT/GETZCNT and completed by the semop that makes it fit; SEM_UNDO
 * is reverted when the process exits; IPC_RMID wakes sleepers with
 * EIDRM; a signal ends the wait with EINTR; semtimedop times out with
 * EAGAIN; Linux's errors. Through musl (ipc(2)) and the direct calls.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ktap.h"
#include "util.h"

#define EXPECT_ERR(call, err)						\
	do {								\
		errno = 0;						\
		KT_EXPECT_EQ((long)(call), -1L);			\
		KT_EXPECT_EQ(errno, err);				\
	} while (0)

#define BAD_PTR	((void *)0xC0001000UL)

static int op(int id, int num, int delta, int flg)
{
	struct sembuf sb = { .sem_num = num, .sem_op = delta, .sem_flg = flg };

	return semop(id, &sb, 1);
}

/* Poll cmd (GETNCNT/GETZCNT) on sem 0 until it is want, 10 s at most. */
static bool wait_count(int id, int cmd, int want)
{
	for (int i = 0; i < 10000; i++) {
		if (semctl(id, 0, cmd) == want)
			return true;
		usleep(1000);
	}
	return false;
}

static void values_and_errors(void)
{
	unsigned short all[3] = { 1, 2, 3 }, got[3] = { 0 };
	struct sembuf two[2] = { { 0, -1, IPC_NOWAIT }, { 1, -5, IPC_NOWAIT } };
	struct semid_ds ds;
	int id = semget(IPC_PRIVATE, 3, IPC_CREAT | 0600);

	KT_ASSERT(id >= 0);
	KT_ASSERT_EQ(semctl(id, 0, IPC_STAT, &ds), 0);
	KT_EXPECT_EQ(ds.sem_nsems, 3);
	KT_EXPECT_EQ(ds.sem_perm.mode & 0777, 0600);
	KT_EXPECT_EQ(semctl(id, 1, SETVAL, 7), 0);
	KT_EXPECT_EQ(semctl(id, 1, GETVAL), 7);
	KT_EXPECT_EQ(semctl(id, 1, GETPID), getpid());
	KT_EXPECT_EQ(semctl(id, 0, SETALL, all), 0);
	KT_EXPECT_EQ(semctl(id, 0, GETALL, got), 0);
	KT_EXPECT(!memcmp(all, got, sizeof(all)));
	/* All or nothing: the second op cannot, so the first is undone. */
	EXPECT_ERR(semop(id, two, 2), EAGAIN);
	KT_EXPECT_EQ(semctl(id, 0, GETVAL), 1);
	KT_EXPECT_EQ(op(id, 2, -3, 0), 0);
	KT_EXPECT_EQ(semctl(id, 2, GETVAL), 0);
	EXPECT_ERR(op(id, 2, 0, 0) ? -1 : op(id, 0, 0, IPC_NOWAIT), EAGAIN);

	EXPECT_ERR(semctl(id, 0, SETVAL, -1), ERANGE);
	EXPECT_ERR(semctl(id, 0, SETVAL, 32768), ERANGE);
	KT_EXPECT_EQ(semctl(id, 0, SETVAL, 32767), 0);
	EXPECT_ERR(op(id, 0, 1, 0), ERANGE);
	EXPECT_ERR(semctl(id, 3, GETVAL), EINVAL);
	EXPECT_ERR(op(id, 3, 1, 0), EFBIG);
	EXPECT_ERR(semop(id, two, 0), EINVAL);
	EXPECT_ERR(semop(id, BAD_PTR, 1), EFAULT);
	EXPECT_ERR(semctl(id, 0, GETALL, BAD_PTR), EFAULT);
	EXPECT_ERR(semctl(id, 0, SETALL, BAD_PTR), EFAULT);
	{
		static struct sembuf many[501];

		EXPECT_ERR(semop(id, many, 501), E2BIG);
	}
	EXPECT_ERR(semget(IPC_PRIVATE, 0, 0600), EINVAL);
	EXPECT_ERR(semget(IPC_PRIVATE, 40000, 0600), EINVAL);
	EXPECT_ERR(semctl(id, 0, 0x55), EINVAL);
	KT_EXPECT_EQ(semctl(id, 0, IPC_RMID), 0);
	EXPECT_ERR(semctl(id, 0, GETVAL), EINVAL);
	EXPECT_ERR(op(id, 0, 1, 0), EINVAL);
}

static void child_decrements(void *arg)
{
	KT_EXPECT_EQ(op((int)(long)arg, 0, -2, 0), 0);
}

static void child_waits_zero(void *arg)
{
	KT_EXPECT_EQ(op((int)(long)arg, 0, 0, 0), 0);
}

static void blocked_semop_completes_in_other_process(void)
{
	int id = semget(IPC_PRIVATE, 1, 0600);
	pid_t child;

	KT_ASSERT(id >= 0);
	child = spawn(child_decrements, (void *)(long)id);
	KT_ASSERT(child > 0);
	KT_EXPECT(wait_count(id, GETNCNT, 1));
	KT_EXPECT_EQ(op(id, 0, 1, 0), 0);	/* not enough yet */
	KT_EXPECT_EQ(semctl(id, 0, GETNCNT), 1);
	KT_EXPECT_EQ(op(id, 0, 1, 0), 0);
	KT_EXPECT_EQ(wait_status(child), 0);
	KT_EXPECT_EQ(semctl(id, 0, GETVAL), 0);
	KT_EXPECT_EQ(semctl(id, 0, GETPID), child);

	KT_EXPECT_EQ(semctl(id, 0, SETVAL, 1), 0);
	child = spawn(child_waits_zero, (void *)(long)id);
	KT_ASSERT(child > 0);
	KT_EXPECT(wait_count(id, GETZCNT, 1));
	KT_EXPECT_EQ(op(id, 0, -1, 0), 0);
	KT_EXPECT_EQ(wait_status(child), 0);
	KT_EXPECT_EQ(semctl(id, 0, IPC_RMID), 0);
}

static void child_undo(void *arg)
{
	int id = (int)(long)arg;

	KT_EXPECT_EQ(op(id, 0, 3, SEM_UNDO), 0);
	KT_EXPECT_EQ(op(id, 1, -1, SEM_UNDO), 0);
	KT_EXPECT_EQ(op(id, 1, -1, SEM_UNDO), 0);
	KT_EXPECT_EQ(semctl(id, 0, GETVAL), 3);
	KT_EXPECT_EQ(semctl(id, 1, GETVAL), 3);
}

static void sem_undo_applied_at_exit(void)
{
	int id = semget(IPC_PRIVATE, 2, 0600);

	KT_ASSERT(id >= 0);
	KT_ASSERT_EQ(semctl(id, 1, SETVAL, 5), 0);
	KT_EXPECT_EQ(child_status(child_undo, (void *)(long)id), 0);
	KT_EXPECT_EQ(semctl(id, 0, GETVAL), 0);
	KT_EXPECT_EQ(semctl(id, 1, GETVAL), 5);
	KT_EXPECT_EQ(semctl(id, 0, IPC_RMID), 0);
}

static void child_sees_eidrm(void *arg)
{
	EXPECT_ERR(op((int)(long)arg, 0, -1, 0), EIDRM);
}

static void rmid_wakes_sleepers(void)
{
	int id = semget(IPC_PRIVATE, 1, 0600);
	pid_t child;

	KT_ASSERT(id >= 0);
	child = spawn(child_sees_eidrm, (void *)(long)id);
	KT_ASSERT(child > 0);
	KT_EXPECT(wait_count(id, GETNCNT, 1));
	KT_EXPECT_EQ(semctl(id, 0, IPC_RMID), 0);
	KT_EXPECT_EQ(wait_status(child), 0);
}

static void on_usr1(int sig)
{
	(void)sig;
}

static void child_interrupted(void *arg)
{
	struct sigaction sa = { .sa_handler = on_usr1, .sa_flags = SA_RESTART };

	sigaction(SIGUSR1, &sa, NULL);
	/* Never restarted, even with SA_RESTART (signal(7)). */
	EXPECT_ERR(op((int)(long)arg, 0, -1, 0), EINTR);
}

static void signal_interrupts_semop(void)
{
	int id = semget(IPC_PRIVATE, 1, 0600);
	pid_t child;

	KT_ASSERT(id >= 0);
	child = spawn(child_interrupted, (void *)(long)id);
	KT_ASSERT(child > 0);
	KT_EXPECT(wait_count(id, GETNCNT, 1));
	kill(child, SIGUSR1);
	KT_EXPECT_EQ(wait_status(child), 0);
	KT_EXPECT_EQ(semctl(id, 0, GETNCNT), 0);
	KT_EXPECT_EQ(semctl(id, 0, IPC_RMID), 0);
}

static void semtimedop_times_out(void)
{
	struct sembuf sb = { 0, -1, 0 };
	struct timespec ts = { 0, 50 * 1000 * 1000 };
	int id = semget(IPC_PRIVATE, 1, 0600);

	KT_ASSERT(id >= 0);
	EXPECT_ERR(semtimedop(id, &sb, 1, &ts), EAGAIN);
	ts.tv_nsec = 1000000000;
	EXPECT_ERR(semtimedop(id, &sb, 1, &ts), EINVAL);
	KT_EXPECT_EQ(semctl(id, 0, GETNCNT), 0);
	/* ipc(2) SEMTIMEDOP with the old 32-bit timespec. */
	{
		int32_t ts32[2] = { 0, 1000000 };

		EXPECT_ERR(syscall(SYS_ipc, 4, id, 1, 0, &sb, ts32), EAGAIN);
	}
	KT_EXPECT_EQ(semctl(id, 0, IPC_RMID), 0);
}

static void direct_system_calls(void)
{
	struct sembuf sb = { 0, 2, 0 };
	long id = syscall(393, IPC_PRIVATE, 2, 0600);	/* semget */

	KT_ASSERT(id >= 0);
	KT_EXPECT_EQ(syscall(394, id, 1, 16, 9), 0);	/* semctl SETVAL */
	KT_EXPECT_EQ(syscall(394, id, 1, 12, 0), 9);	/* GETVAL */
	KT_EXPECT_EQ(syscall(420, id, &sb, 1, NULL), 0);	/* semtimedop */
	KT_EXPECT_EQ(syscall(394, id, 0, 12, 0), 2);
	KT_EXPECT_EQ(syscall(394, id, 0, 0, 0), 0);	/* IPC_RMID */
}

static const struct ktap_case cases[] = {
	KTAP_CASE(values_and_errors),
	KTAP_CASE(blocked_semop_completes_in_other_process),
	KTAP_CASE(sem_undo_applied_at_exit),
	KTAP_CASE(rmid_wakes_sleepers),
	KTAP_CASE(signal_interrupts_semop),
	KTAP_CASE(semtimedop_times_out),
	KTAP_CASE(direct_system_calls),
	{ 0 }
};

int main(void)
{
	return ktap_main("sysv_sem", cases);
}
