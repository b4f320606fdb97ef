// SPDX-License-Identifier: GPL-2.0
/*
 * killable: a process the kernel makes wait on something another user
 * process controls still dies of SIGKILL.
 *
 *   test --fork--> middle --vfork--> spinner (shares middle's memory,
 *     |                                 never execs or exits; writes its
 *     |                                 pid to a shared page, spins)
 *     kill(middle, SIGKILL): middle, waiting in vfork(), must die
 *     kill(spinner, SIGKILL), reap both
 *
 * Before vfork's wait was killable the middle process slept on forever.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ktap.h"
#include "util.h"

#define GIVE_UP_MS	5000

static volatile pid_t *shared_pid;

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Reap pid within GIVE_UP_MS; its wait status, or -1 if it lives on. */
static int reap_within(pid_t pid)
{
	int status;

	for (int ms = 0; ms < GIVE_UP_MS; ms += 10) {
		pid_t r = waitpid(pid, &status, WNOHANG);

		if (r == pid)
			return status;
		if (r < 0)
			return -1;
		sleep_ms(10);
	}
	return -1;
}

static void vfork_middle(void)
{
	/* The raw system call: the C library's wrapper may not return
	 * correctly in the child on every libc. */
	long pid = syscall(SYS_vfork);

	if (pid == 0) {
		*shared_pid = syscall(SYS_getpid);
		for (;;)
			;		/* never execs or exits */
	}
	_exit(3);			/* vfork returned: the child was killed */
}

static void vfork_parent_dies_of_sigkill(void)
{
	pid_t middle, spinner = 0;
	int status;

	shared_pid = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	KT_ASSERT(shared_pid != MAP_FAILED);
	*shared_pid = 0;
	middle = fork();
	KT_ASSERT(middle >= 0);
	if (middle == 0)
		vfork_middle();
	for (int ms = 0; ms < GIVE_UP_MS && !spinner; ms += 10) {
		sleep_ms(10);
		spinner = *shared_pid;
	}
	KT_EXPECT(spinner > 0);
	sleep_ms(50);		/* middle is asleep in vfork() by now */
	KT_EXPECT_EQ(kill(middle, SIGKILL), 0);
	status = reap_within(middle);
	if (status == -1)
		ktap_diag("the vfork parent did not die of SIGKILL in %d ms",
			  GIVE_UP_MS);
	KT_EXPECT(status != -1 && WIFSIGNALED(status) &&
		  WTERMSIG(status) == SIGKILL);
	if (spinner > 0)
		kill(spinner, SIGKILL);
	if (status == -1) {
		kill(middle, SIGKILL);
		waitpid(middle, &status, 0);
	}
	munmap((void *)shared_pid, 4096);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(vfork_parent_dies_of_sigkill),
	{}
};

int main(void)
{
	return ktap_main("killable", cases);
}
