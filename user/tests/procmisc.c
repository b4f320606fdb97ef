// SPDX-License-Identifier: GPL-2.0
/*
 * procmisc: calls ordinary programs make that the other suites do not
 * cover, found by booting unseen programs: mremap (realloc of a large
 * block), getsid/setpgid, getpriority/setpriority (nice), fsync and
 * fdatasync. (O_CREAT on a read-only file system, mkstemp and fopen "w",
 * is rofs's create_on_read_only_fs.)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include "ktap.h"
#include "util.h"

#define PG	4096UL

static void *map_filled(size_t pages, uint32_t seed)
{
	void *p = mmap(NULL, pages * PG, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p != MAP_FAILED)
		fill_pattern(p, pages * PG, seed);
	return p;
}

static void mremap_grows_and_moves(void)
{
	char *p = map_filled(4, 7), *q, *blocker, *r;

	KT_ASSERT(p != MAP_FAILED);
	/* Room above? Make sure there is none: the block has to move. */
	blocker = mmap(p + 4 * PG, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS |
		       MAP_FIXED_NOREPLACE, -1, 0);
	q = mremap(p, 4 * PG, 64 * PG, MREMAP_MAYMOVE);
	KT_ASSERT(q != MAP_FAILED);
	KT_EXPECT_EQ(check_pattern(q, 4 * PG, 7), 4 * PG);
	/* The new part is zero and usable. */
	KT_EXPECT_EQ(q[4 * PG] | q[64 * PG - 1], 0);
	memset(q + 4 * PG, 1, 60 * PG);
	if (blocker != MAP_FAILED) {
		KT_EXPECT(q != p);
		munmap(blocker, PG);
	}
	/* Shrinking keeps the address and the data. */
	r = mremap(q, 64 * PG, 2 * PG, 0);
	KT_EXPECT(r == q);
	KT_EXPECT_EQ(check_pattern(r, 2 * PG, 7), 2 * PG);
	KT_EXPECT_EQ(munmap(r, 2 * PG), 0);
}

static void mremap_moved_range_is_gone(void)
{
	char *p = map_filled(2, 9), *q;
	int status;
	pid_t pid;

	KT_ASSERT(p != MAP_FAILED);
	q = mmap(NULL, 8 * PG, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	KT_ASSERT(q != MAP_FAILED);
	/* MREMAP_FIXED: to exactly q, replacing what was there. */
	KT_ASSERT(mremap(p, 2 * PG, 8 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, q)
		  == q);
	KT_EXPECT_EQ(check_pattern(q, 2 * PG, 9), 2 * PG);
	pid = fork();
	KT_ASSERT(pid >= 0);
	if (pid == 0) {
		volatile char c = p[0];	/* the old place is unmapped */

		(void)c;
		_exit(0);
	}
	status = wait_status(pid);
	KT_EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);
	munmap(q, 8 * PG);
}

static void mremap_grows_in_place(void)
{
	char *p = mmap(NULL, 16 * PG, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), *q;

	KT_ASSERT(p != MAP_FAILED);
	KT_ASSERT_EQ(munmap(p + 4 * PG, 12 * PG), 0);
	fill_pattern(p, 4 * PG, 3);
	/* Without MREMAP_MAYMOVE it must stay: there is room above. */
	q = mremap(p, 4 * PG, 16 * PG, 0);
	KT_EXPECT(q == p);
	KT_EXPECT_EQ(check_pattern(p, 4 * PG, 3), 4 * PG);
	p[16 * PG - 1] = 1;
	munmap(p, 16 * PG);
}

static void mremap_errors(void)
{
	char *p = map_filled(2, 1), *blocker;

	KT_ASSERT(p != MAP_FAILED);
	errno = 0;
	KT_EXPECT(mremap(p + 1, PG, 2 * PG, MREMAP_MAYMOVE) == MAP_FAILED);
	KT_EXPECT_EQ(errno, EINVAL);
	errno = 0;
	KT_EXPECT(mremap(p, PG, 0, MREMAP_MAYMOVE) == MAP_FAILED);
	KT_EXPECT_EQ(errno, EINVAL);
	errno = 0;
	KT_EXPECT(mremap(p, PG, 2 * PG, 0x80) == MAP_FAILED);
	KT_EXPECT_EQ(errno, EINVAL);
	errno = 0;
	KT_EXPECT(mremap(p, PG, 2 * PG, MREMAP_FIXED, p + 8 * PG) ==
		  MAP_FAILED);
	KT_EXPECT_EQ(errno, EINVAL);	/* FIXED needs MAYMOVE */
	/* Overlapping FIXED target. */
	errno = 0;
	KT_EXPECT(mremap(p, 2 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED,
			 p + PG) == MAP_FAILED);
	KT_EXPECT_EQ(errno, EINVAL);
	/* Longer than user space: nowhere to put it (the search for room
	 * must not wrap around and land on the program). */
	errno = 0;
	KT_EXPECT(mremap(p, PG, 0xfffff000UL, MREMAP_MAYMOVE) == MAP_FAILED);
	KT_EXPECT_EQ(errno, ENOMEM);
	errno = 0;
	KT_EXPECT(mmap(NULL, 0xfffff000UL, PROT_READ, MAP_PRIVATE |
		       MAP_ANONYMOUS, -1, 0) == MAP_FAILED);
	KT_EXPECT_EQ(errno, ENOMEM);
	/* Not one mapping (past its end). */
	errno = 0;
	KT_EXPECT(mremap(p, 64 * PG, 128 * PG, MREMAP_MAYMOVE) == MAP_FAILED);
	KT_EXPECT_EQ(errno, EFAULT);
	/* Cannot grow in place and may not move. */
	blocker = mmap(p + 2 * PG, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS |
		       MAP_FIXED_NOREPLACE, -1, 0);
	if (blocker == p + 2 * PG) {
		errno = 0;
		KT_EXPECT(mremap(p, 2 * PG, 4 * PG, 0) == MAP_FAILED);
		KT_EXPECT_EQ(errno, ENOMEM);
		munmap(blocker, PG);
	}
	munmap(p, 2 * PG);
}

/* realloc of large blocks: both libcs use mremap for these. */
static void realloc_large_blocks(void)
{
	size_t n = 300 * 1024;
	unsigned char *p = malloc(n);

	KT_ASSERT(p != NULL);
	fill_pattern(p, n, 5);
	for (int i = 0; i < 6; i++) {
		p = realloc(p, n * 2);
		KT_ASSERT(p != NULL);
		KT_EXPECT_EQ(check_pattern(p, n, 5), n);
		n *= 2;
		fill_pattern(p, n, 5);
	}
	free(p);
}

static void sessions_and_groups(void)
{
	pid_t me = getpid(), pid;
	int fds[2];
	char c;

	KT_EXPECT_EQ(getsid(0), getsid(me));
	KT_EXPECT_GT(getsid(0), 0);
	errno = 0;
	KT_EXPECT_EQ(getsid(-5), -1);
	KT_EXPECT_EQ(errno, ESRCH);
	KT_ASSERT_EQ(pipe(fds), 0);
	pid = fork();
	KT_ASSERT(pid >= 0);
	if (pid == 0) {
		/* Leading its own group is always possible. */
		_exit(setpgid(0, 0) == 0 && getpgrp() == getpid() &&
		      read(fds[0], &c, 1) == 1 ? 0 : 1);
	}
	/* The parent may put its child in a group of its own. */
	KT_EXPECT_EQ(setpgid(pid, pid), 0);
	errno = 0;
	KT_EXPECT_EQ(setpgid(0, -1), -1);
	KT_EXPECT_EQ(errno, EINVAL);
	errno = 0;
	KT_EXPECT_EQ(setpgid(999999, 0), -1);
	KT_EXPECT_EQ(errno, ESRCH);
	KT_ASSERT_EQ(write(fds[1], "x", 1), 1);
	KT_EXPECT_EQ(wait_status(pid), 0);
	close(fds[0]);
	close(fds[1]);
}

static void nice_values(void)
{
	int prio0 = getpriority(PRIO_PROCESS, 0), status;
	pid_t pid;

	KT_ASSERT_EQ(setpriority(PRIO_PROCESS, 0, 5), 0);
	KT_EXPECT_EQ(getpriority(PRIO_PROCESS, 0), 5);
	/* The raw call returns 20 - nice. */
	KT_EXPECT_EQ(syscall(SYS_getpriority, PRIO_PROCESS, 0), 15);
	/* Out of range is clamped. */
	KT_ASSERT_EQ(setpriority(PRIO_PROCESS, 0, 100), 0);
	KT_EXPECT_EQ(getpriority(PRIO_PROCESS, 0), 19);
	/* fork inherits it. */
	pid = fork();
	KT_ASSERT(pid >= 0);
	if (pid == 0)
		_exit(getpriority(PRIO_PROCESS, 0) == 19 ? 0 : 1);
	status = wait_status(pid);
	KT_EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	errno = 0;
	KT_EXPECT_EQ(getpriority(7, 0), -1);
	KT_EXPECT_EQ(errno, EINVAL);
	errno = 0;
	KT_EXPECT_EQ(setpriority(PRIO_PROCESS, 999999, 0), -1);
	KT_EXPECT_EQ(errno, ESRCH);
	/* Back: root may lower the value again (a Linux user may not). */
	if (geteuid() == 0) {
		KT_EXPECT_EQ(setpriority(PRIO_PROCESS, 0, prio0), 0);
		KT_EXPECT_EQ(getpriority(PRIO_PROCESS, 0), prio0);
	}
}

static void fsync_kinds(void)
{
	int file = open(on_linux() ? "/proc/self/exe" : "/init", O_RDONLY);
	int fds[2];

	KT_ASSERT(file >= 0);
	KT_EXPECT_EQ(fsync(file), 0);
	KT_EXPECT_EQ(fdatasync(file), 0);
	close(file);
	KT_ASSERT_EQ(pipe(fds), 0);
	errno = 0;
	KT_EXPECT_EQ(fsync(fds[0]), -1);
	KT_EXPECT_EQ(errno, EINVAL);
	close(fds[0]);
	close(fds[1]);
	errno = 0;
	KT_EXPECT_EQ(fsync(60), -1);
	KT_EXPECT_EQ(errno, EBADF);
}

/* prctl: the thread's name, dumpable and no_new_privs. */
static void prctl_options(void)
{
	char name[32];
	int status;
	pid_t pid;

	KT_EXPECT_EQ(prctl(PR_SET_NAME, "a-name-longer-than-15", 0, 0, 0), 0);
	memset(name, 'x', sizeof(name));
	KT_EXPECT_EQ(prctl(PR_GET_NAME, name, 0, 0, 0), 0);
	KT_EXPECT(!strcmp(name, "a-name-longer-t"));
	errno = 0;
	KT_EXPECT_EQ(prctl(PR_SET_NAME, (char *)1, 0, 0, 0), -1);
	KT_EXPECT_EQ(errno, EFAULT);
	KT_EXPECT_EQ(prctl(PR_SET_NAME, "procmisc", 0, 0, 0), 0);

	KT_EXPECT_EQ(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 1);
	KT_EXPECT_EQ(prctl(PR_SET_DUMPABLE, 0, 0, 0, 0), 0);
	KT_EXPECT_EQ(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 0);
	pid = fork();
	if (pid == 0)	/* fork inherits the setting */
		_exit(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0 ? 0 : 1);
	status = wait_status(pid);
	KT_EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	errno = 0;
	KT_EXPECT_EQ(prctl(PR_SET_DUMPABLE, 2, 0, 0, 0), -1);
	KT_EXPECT_EQ(errno, EINVAL);
	KT_EXPECT_EQ(prctl(PR_SET_DUMPABLE, 1, 0, 0, 0), 0);

	pid = fork();
	if (pid == 0) {	/* no_new_privs cannot be unset: try in a child */
		if (prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 0 ||
		    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
		    prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 1)
			_exit(1);
		_exit(0);
	}
	status = wait_status(pid);
	KT_EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	errno = 0;
	KT_EXPECT_EQ(prctl(PR_SET_NO_NEW_PRIVS, 0, 0, 0, 0), -1);
	KT_EXPECT_EQ(errno, EINVAL);
	errno = 0;
	KT_EXPECT_EQ(prctl(0x7fff1234, 0, 0, 0, 0), -1);
	KT_EXPECT_EQ(errno, EINVAL);
}

static int pdeath_fd = -1;

static void on_parent_death(int sig)
{
	char c = (char)sig;

	if (write(pdeath_fd, &c, 1) != 1)
		_exit(9);
	_exit(0);
}

/* The grandchild: asks for SIGUSR1 at its parent's death, then waits. */
static void orphan_to_be(int ready_fd)
{
	signal(SIGUSR1, on_parent_death);
	if (prctl(PR_SET_PDEATHSIG, SIGUSR1, 0, 0, 0))
		_exit(2);
	if (write(ready_fd, "r", 1) != 1)
		_exit(3);
	for (int i = 0; i < 200; i++)	/* 20 s hang guard */
		usleep(100000);
	_exit(4);
}

/* PR_SET_PDEATHSIG: the signal comes when the parent process ends. */
static void parent_death_signal(void)
{
	int ready[2], told[2], sig = -1, status;
	struct pollfd p;
	char c = 0;
	pid_t mid;

	KT_EXPECT_EQ(prctl(PR_SET_PDEATHSIG, SIGUSR2, 0, 0, 0), 0);
	KT_EXPECT_EQ(prctl(PR_GET_PDEATHSIG, &sig, 0, 0, 0), 0);
	KT_EXPECT_EQ(sig, SIGUSR2);
	mid = fork();
	if (mid == 0)	/* fork clears it */
		_exit(prctl(PR_GET_PDEATHSIG, &sig, 0, 0, 0) == 0 && !sig ?
		      0 : 1);
	status = wait_status(mid);
	KT_EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	KT_EXPECT_EQ(prctl(PR_SET_PDEATHSIG, 0, 0, 0, 0), 0);
	errno = 0;
	KT_EXPECT_EQ(prctl(PR_SET_PDEATHSIG, 65, 0, 0, 0), -1);
	KT_EXPECT_EQ(errno, EINVAL);

	KT_ASSERT_EQ(pipe(ready), 0);
	KT_ASSERT_EQ(pipe(told), 0);
	pdeath_fd = told[1];
	mid = fork();
	if (mid == 0) {
		if (fork() == 0)
			orphan_to_be(ready[1]);
		/* Exit once the grandchild is ready: it must hear of it. */
		_exit(read(ready[0], &c, 1) == 1 ? 0 : 1);
	}
	status = wait_status(mid);
	KT_EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	p = (struct pollfd){ .fd = told[0], .events = POLLIN };
	KT_ASSERT_EQ(poll(&p, 1, 20000), 1);
	KT_EXPECT_EQ(read(told[0], &c, 1), 1);
	KT_EXPECT_EQ(c, SIGUSR1);
	close(ready[0]);
	close(ready[1]);
	close(told[0]);
	close(told[1]);
}

/* Root with no supplementary groups; there is nobody else to become. */
static void ids_and_groups(void)
{
	unsigned int r = 1, e = 1, sv = 1;
	gid_t g[4] = { 0 };

	KT_EXPECT_EQ(getresuid(&r, &e, &sv), 0);
	if (on_linux()) {
		ktap_skip("Linux host: ids and groups are the host's");
		return;
	}
	KT_EXPECT(r == 0 && e == 0 && sv == 0);
	KT_EXPECT_EQ(getresgid(&r, &e, &sv), 0);
	KT_EXPECT(r == 0 && e == 0 && sv == 0);
	KT_EXPECT_EQ(getgroups(0, NULL), 0);
	KT_EXPECT_EQ(getgroups(4, g), 0);
	errno = 0;
	KT_EXPECT_EQ(syscall(SYS_getgroups32, -1, g), -1);
	KT_EXPECT_EQ(errno, EINVAL);
	KT_EXPECT_EQ(setgroups(0, NULL), 0);
	KT_EXPECT_EQ(setgroups(1, g), 0);	/* { 0 } */
	g[1] = 5;
	errno = 0;
	KT_EXPECT_EQ(setgroups(2, g), -1);
	KT_EXPECT_EQ(errno, EPERM);
	errno = 0;
	KT_EXPECT_EQ(setgroups(1, (gid_t *)8), -1);
	KT_EXPECT_EQ(errno, EFAULT);
	KT_EXPECT_EQ(setuid(0), 0);
	KT_EXPECT_EQ(setresuid(-1, -1, -1), 0);
	KT_EXPECT_EQ(setregid(0, -1), 0);
	errno = 0;
	KT_EXPECT_EQ(setuid(1000), -1);
	KT_EXPECT_EQ(errno, EPERM);
	errno = 0;
	KT_EXPECT_EQ(setuid(-1), -1);	/* no "unchanged" for setuid */
	KT_EXPECT_EQ(errno, EINVAL);
	errno = 0;
	KT_EXPECT_EQ(setresgid(0, 100, 0), -1);
	KT_EXPECT_EQ(errno, EPERM);
	KT_EXPECT_EQ(getuid(), 0);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(mremap_grows_and_moves),
	KTAP_CASE(mremap_moved_range_is_gone),
	KTAP_CASE(mremap_grows_in_place),
	KTAP_CASE(mremap_errors),
	KTAP_CASE(realloc_large_blocks),
	KTAP_CASE(sessions_and_groups),
	KTAP_CASE(nice_values),
	KTAP_CASE(fsync_kinds),
	KTAP_CASE(prctl_options),
	KTAP_CASE(parent_death_signal),
	KTAP_CASE(ids_and_groups),
	{ 0 }
};

int main(void)
{
	return ktap_main("procmisc", cases);
}
