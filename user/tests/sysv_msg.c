// SPDX-License-Identifier: GPL-2.0
/*
 * sysv_msg: System V message queues. msgrcv's selection by type (0, > 0,
 * < 0, MSG_EXCEPT), MSG_NOERROR and E2BIG, IPC_NOWAIT (ENOMSG, EAGAIN
 * on a full queue), a receiver blocked in another process, IPC_RMID
 * waking it with EIDRM, msgctl's counters and Linux's errors.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
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

#define BAD_PTR	((void *)0xC0001000UL)

struct kmsg {
	long mtype;
	char mtext[8200];
};

static int send(int id, long type, const char *text, int flg)
{
	struct kmsg m = { .mtype = type };

	strcpy(m.mtext, text);
	return msgsnd(id, &m, strlen(text), flg);
}

/* Receive; the text's length, with the type in *type and text in buf. */
static long recv(int id, long typ, int flg, long *type, char *buf, size_t n)
{
	struct kmsg m;
	long r = msgrcv(id, &m, n, typ, flg);

	if (r >= 0) {
		*type = m.mtype;
		memcpy(buf, m.mtext, r);
		buf[r] = '\0';
	}
	return r;
}

static void selection_by_type(void)
{
	int id = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
	struct msqid_ds ds;
	char buf[64];
	long type;

	KT_ASSERT(id >= 0);
	KT_EXPECT_EQ(send(id, 3, "three", 0), 0);
	KT_EXPECT_EQ(send(id, 1, "one", 0), 0);
	KT_EXPECT_EQ(send(id, 2, "two", 0), 0);
	KT_EXPECT_EQ(send(id, 5, "five", 0), 0);
	KT_ASSERT_EQ(msgctl(id, IPC_STAT, &ds), 0);
	KT_EXPECT_EQ(ds.msg_qnum, 4);
	KT_EXPECT_EQ(ds.msg_cbytes, 15);
	KT_EXPECT_EQ(ds.msg_qbytes, 16384);
	KT_EXPECT_EQ(ds.msg_lspid, getpid());

	KT_EXPECT_EQ(recv(id, 2, 0, &type, buf, 64), 3);
	KT_EXPECT_EQ(type, 2);
	KT_EXPECT_EQ(recv(id, -4, 0, &type, buf, 64), 3);	/* lowest <= 4 */
	KT_EXPECT_EQ(type, 1);
	KT_EXPECT(!strcmp(buf, "one"));
	KT_EXPECT_EQ(recv(id, 3, MSG_EXCEPT, &type, buf, 64), 4);
	KT_EXPECT_EQ(type, 5);
	KT_EXPECT_EQ(recv(id, 0, 0, &type, buf, 64), 5);
	KT_EXPECT(!strcmp(buf, "three"));
	EXPECT_ERR(recv(id, 0, IPC_NOWAIT, &type, buf, 64), ENOMSG);
	KT_EXPECT_EQ(msgctl(id, IPC_RMID, NULL), 0);
}

static void sizes_and_errors(void)
{
	int id = msgget(IPC_PRIVATE, 0600);
	static struct kmsg big = { .mtype = 1 };
	char buf[64];
	long type;

	KT_ASSERT(id >= 0);
	KT_EXPECT_EQ(send(id, 1, "0123456789", 0), 0);
	EXPECT_ERR(recv(id, 0, 0, &type, buf, 4), E2BIG);	/* stays */
	KT_EXPECT_EQ(recv(id, 0, MSG_NOERROR, &type, buf, 4), 4);
	KT_EXPECT(!strcmp(buf, "0123"));
	EXPECT_ERR(send(id, 0, "x", 0), EINVAL);
	EXPECT_ERR(msgsnd(id, &big, 8193, 0), EINVAL);
	KT_EXPECT_EQ(msgsnd(id, &big, 8192, 0), 0);
	KT_EXPECT_EQ(msgsnd(id, &big, 8192, 0), 0);
	/* 16384 bytes queued: full. */
	EXPECT_ERR(msgsnd(id, &big, 1, IPC_NOWAIT), EAGAIN);
	EXPECT_ERR(msgsnd(id, BAD_PTR, 1, 0), EFAULT);
	EXPECT_ERR(msgrcv(id, BAD_PTR, 8192, 0, 0), EFAULT);
	{
		struct msqid_ds ds;

		KT_ASSERT_EQ(msgctl(id, IPC_STAT, &ds), 0);
		KT_EXPECT_EQ(ds.msg_qnum, 1);	/* Linux: EFAULT loses it */
	}
	EXPECT_ERR(msgsnd(-1, &big, 1, 0), EINVAL);
	EXPECT_ERR(msgrcv(-1, &big, 1, 0, 0), EINVAL);
	EXPECT_ERR(msgctl(id, 0x55, NULL), EINVAL);
	EXPECT_ERR(syscall(402, id, 2, BAD_PTR), EFAULT);	/* IPC_STAT */
	EXPECT_ERR(msgget(0x4d000000 | getpid(), 0600), ENOENT);
	KT_EXPECT_EQ(msgctl(id, IPC_RMID, NULL), 0);
	EXPECT_ERR(msgctl(id, IPC_RMID, NULL), EINVAL);
}

/* Until pid sleeps (state S in /proc/PID/stat), 10 s at most. */
static bool wait_sleeping(pid_t pid)
{
	char path[64], buf[256], *p;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	for (int i = 0; i < 10000; i++) {
		FILE *f = fopen(path, "r");
		size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;

		if (f)
			fclose(f);
		buf[n] = '\0';
		p = strrchr(buf, ')');
		if (p && p[1] == ' ' && p[2] == 'S')
			return true;
		usleep(1000);
	}
	return false;
}

static void child_receives(void *arg)
{
	char buf[64];
	long type;

	KT_EXPECT_EQ(recv((int)(long)arg, 7, 0, &type, buf, 64), 5);
	KT_EXPECT(!strcmp(buf, "hello"));
}

static void child_sees_eidrm(void *arg)
{
	char buf[64];
	long type;

	EXPECT_ERR(recv((int)(long)arg, 9, 0, &type, buf, 64), EIDRM);
}

static void blocked_receiver(void)
{
	key_t key = 0x4d000000 | (getpid() & 0xffff) << 4;
	int id = msgget(key, IPC_CREAT | IPC_EXCL | 0600);
	pid_t child;

	KT_ASSERT(id >= 0);
	EXPECT_ERR(msgget(key, IPC_CREAT | IPC_EXCL | 0600), EEXIST);
	KT_EXPECT_EQ(msgget(key, 0), id);
	child = spawn(child_receives, (void *)(long)id);
	KT_ASSERT(child > 0);
	KT_EXPECT(wait_sleeping(child));
	KT_EXPECT_EQ(send(id, 6, "other", 0), 0);
	KT_EXPECT_EQ(send(id, 7, "hello", 0), 0);
	KT_EXPECT_EQ(wait_status(child), 0);

	child = spawn(child_sees_eidrm, (void *)(long)id);
	KT_ASSERT(child > 0);
	KT_EXPECT(wait_sleeping(child));	/* in msgrcv: no type 9 */
	KT_EXPECT_EQ(msgctl(id, IPC_RMID, NULL), 0);
	KT_EXPECT_EQ(wait_status(child), 0);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(selection_by_type),
	KTAP_CASE(sizes_and_errors),
	KTAP_CASE(blocked_receiver),
	{ 0 }
};

int main(void)
{
	return ktap_main("sysv_msg", cases);
}
