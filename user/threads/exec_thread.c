// SPDX-License-Identifier: GPL-2.0
/*
 * exec_thread: execve in a multi-threaded process, as on Linux. Every
 * other thread is killed and waited for before the new program runs,
 * wherever it was (spinning in user mode, asleep, in a futex wait, in a
 * system-call loop); when a thread other than main calls execve, it takes
 * over the process id. The new image checks from the inside: getpid() and
 * gettid() are the old process id, getppid() the old parent, and every
 * thread id of the old program is gone (tgkill(pid, tid, 0) gives ESRCH,
 * the exec'ing thread's old id included). The interval timer survives the
 * exec, and the parent's wait4 sees the process under its old pid. After
 * many such execs the kernel's free-page counts are back where they were.
 *
 * Timing never decides a result: the new image reports from inside,
 * and waits have hang guards only.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ktap.h"
#include "util.h"

#define GUARD_MS	60000
#define MAX_TIDS	40
#define ROUNDS		10

/* What the new image found wrong: bits of its exit status. */
#define BAD_PID		0x01
#define BAD_TID		0x02
#define BAD_PPID	0x04
#define BAD_THREAD_LEFT	0x08
#define BAD_TIMER	0x10
#define BAD_ARGS	0x20

static const char *self_path;
extern char **environ;

/* ---- the new image ----------------------------------------------------- */

static int tgkill_probe(pid_t pid, pid_t tid)
{
	errno = 0;
	return syscall(SYS_tgkill, pid, tid, 0) == -1 && errno == ESRCH;
}

/* argv: self --after-exec PID PPID TIMER TID... */
static int after_exec(int argc, char **argv)
{
	pid_t pid, ppid, me = getpid();
	int bad = 0, timer;

	if (argc < 5)
		return 0x40 | BAD_ARGS;
	pid = atoi(argv[2]);
	ppid = atoi(argv[3]);
	timer = atoi(argv[4]);
	if (me != pid)
		bad |= BAD_PID;
	if (syscall(SYS_gettid) != pid)
		bad |= BAD_TID;
	if (getppid() != ppid)
		bad |= BAD_PPID;
	for (int i = 5; i < argc; i++) {
		pid_t tid = atoi(argv[i]);

		if (tid != pid && !tgkill_probe(me, tid))
			bad |= BAD_THREAD_LEFT;
	}
	/* alarm(1000) before the exec: still armed (POSIX keeps it). */
	if (timer && alarm(0) == 0)
		bad |= BAD_TIMER;
	return bad ? 0x40 | bad : 0;
}

/* ---- the old image ------------------------------------------------------ */

enum kind { SPIN, SLEEP, FUTEX, SYSCALLS, NR_KINDS };

struct plan {
	bool exec_from_main;	/* else from another thread */
	bool main_exits_first;	/* pthread_exit in main before the exec */
	bool with_timer;	/* alarm(1000) before the exec */
	int execers;		/* threads that call execve at the same time */
};

static const struct plan *plan;
static pid_t tids[MAX_TIDS];
static int nr_tids, started, go;
static pid_t parent_pid;

static void add_tid(void)
{
	int i = __atomic_fetch_add(&nr_tids, 1, __ATOMIC_ACQ_REL);

	if (i < MAX_TIDS)
		__atomic_store_n(&tids[i], syscall(SYS_gettid),
				 __ATOMIC_RELEASE);
}

static void *busy_thread(void *arg)
{
	int kind = (int)(long)arg;
	struct timespec long_sleep = { 1000, 0 };
	pthread_mutex_t never = PTHREAD_MUTEX_INITIALIZER;
	pthread_cond_t cond = PTHREAD_COND_INITIALIZER;

	pin_to_cpu(kind % online_cpus());
	add_tid();
	__atomic_add_fetch(&started, 1, __ATOMIC_RELEASE);
	switch (kind % NR_KINDS) {
	case SPIN:
		for (;;)
			__asm__ volatile("" ::: "memory");
	case SLEEP:
		for (;;)
			nanosleep(&long_sleep, NULL);
	case FUTEX:
		pthread_mutex_lock(&never);
		for (;;)
			pthread_cond_wait(&cond, &never);
	default:
		for (;;)
			getppid();
	}
	return NULL;
}

static __attribute__((noreturn)) void exec_new_image(void)
{
	char args[MAX_TIDS + 5][16];
	char *argv[MAX_TIDS + 6];
	int n = 0, count = __atomic_load_n(&nr_tids, __ATOMIC_ACQUIRE);

	if (count > MAX_TIDS)
		count = MAX_TIDS;
	argv[n++] = (char *)self_path;
	argv[n++] = "--after-exec";
	snprintf(args[0], sizeof(args[0]), "%d", (int)getpid());
	snprintf(args[1], sizeof(args[1]), "%d", (int)parent_pid);
	snprintf(args[2], sizeof(args[2]), "%d", plan->with_timer);
	for (int i = 0; i < 3; i++)
		argv[n++] = args[i];
	for (int i = 0; i < count; i++) {
		snprintf(args[3 + i], sizeof(args[3 + i]), "%d",
			 (int)__atomic_load_n(&tids[i], __ATOMIC_ACQUIRE));
		argv[n++] = args[3 + i];
	}
	argv[n] = NULL;
	execve(self_path, argv, environ);
	/* Lost a race with another execve: SIGKILL is on its way. */
	_exit(100);
}

static void wait_started(int n)
{
	while (__atomic_load_n(&started, __ATOMIC_ACQUIRE) < n)
		sched_yield();
}

static pthread_t main_thread;

static void *execer_thread(void *unused)
{
	(void)unused;
	add_tid();
	__atomic_add_fetch(&started, 1, __ATOMIC_RELEASE);
	if (plan->main_exits_first)
		pthread_join(main_thread, NULL);	/* main is exiting */
	/* Several execers: let them all go at once. */
	__atomic_add_fetch(&go, 1, __ATOMIC_ACQ_REL);
	while (__atomic_load_n(&go, __ATOMIC_ACQUIRE) < plan->execers)
		;
	exec_new_image();
}

/* The process under test: busy threads, then the exec from one of them. */
static __attribute__((noreturn)) void run_plan(const struct plan *p)
{
	int busy = 2 * online_cpus() < 8 ? 8 : 2 * online_cpus();
	pthread_t t;

	plan = p;
	if (busy > MAX_TIDS - 4)
		busy = MAX_TIDS - 4;
	main_thread = pthread_self();
	add_tid();			/* main: its id is the pid */
	if (p->with_timer)
		alarm(1000);
	for (int i = 0; i < busy; i++)
		if (pthread_create(&t, NULL, busy_thread, (void *)(long)i))
			_exit(101);
	wait_started(busy);
	if (p->exec_from_main)
		exec_new_image();
	for (int i = 0; i < p->execers; i++)
		if (pthread_create(&t, NULL, execer_thread, NULL))
			_exit(102);
	wait_started(busy + p->execers);
	if (p->main_exits_first)
		pthread_exit(NULL);
	for (;;)
		pause();
}

static const struct plan plans[] = {
	{ .exec_from_main = true, .with_timer = true },
	{ .execers = 1, .with_timer = true },
	{ .execers = 1, .main_exits_first = true },
	{ .execers = 2 },
};

/* argv: self --plan N PARENT: a fresh image (musl's main-thread state). */
static int run_plan_image(int argc, char **argv)
{
	int n = argc == 4 ? atoi(argv[2]) : -1;

	if (n < 0 || n >= (int)(sizeof(plans) / sizeof(plans[0])))
		return 103;
	parent_pid = atoi(argv[3]);
	run_plan(&plans[n]);
}

/* ---- the test process --------------------------------------------------- */

static pid_t spawn_plan(int n)
{
	char num[16], parent[16];
	char *argv[] = { (char *)self_path, "--plan", num, parent, NULL };
	pid_t pid;

	snprintf(num, sizeof(num), "%d", n);
	snprintf(parent, sizeof(parent), "%d", (int)getpid());
	pid = fork();
	if (pid == 0) {
		execve(self_path, argv, environ);
		_exit(104);
	}
	return pid;
}

/* wait4(-1) with a hang guard; the pid it returned, or -1. */
static pid_t wait_any_guarded(pid_t pid, int *status)
{
	struct timespec tick = { 0, 10 * 1000 * 1000 };

	for (int ms = 0; ms < GUARD_MS; ms += 10) {
		pid_t r = waitpid(-1, status, WNOHANG);

		if (r != 0)
			return r;
		nanosleep(&tick, NULL);
	}
	ktap_diag("process %d still running after %d ms: killed", pid,
		  GUARD_MS);
	kill(pid, SIGKILL);
	wait_status(pid);
	return -1;
}

static void run_rounds(int n, int rounds)
{
	char why[64];
	int bad = 0;

	for (int r = 0; r < rounds; r++) {
		int status = -1;
		pid_t pid = spawn_plan(n);
		pid_t got = pid > 0 ? wait_any_guarded(pid, &status) : -1;
		bool ok = got == pid && WIFEXITED(status) &&
			  WEXITSTATUS(status) == 0;

		if (!ok && bad++ < 3)
			ktap_diag("round %d: pid %d, wait4 gave %d, %s", r, pid,
				  got, describe_status(status, why,
						       sizeof(why)));
	}
	KT_EXPECT_EQ(bad, 0);
}

static void exec_from_main_kills_other_threads(void)
{
	run_rounds(0, ROUNDS);
}

static void exec_from_thread_takes_over_pid(void)
{
	run_rounds(1, ROUNDS);
}

static void exec_from_thread_after_main_exit(void)
{
	run_rounds(2, ROUNDS);
}

static void two_threads_exec_at_once(void)
{
	run_rounds(3, ROUNDS);
}

/* The old leader's task and every killed thread's are freed. */
static void exec_leaves_free_pages_unchanged(void)
{
	unsigned long low0, high0;

	run_rounds(1, 2);		/* warm-up */
	KT_ASSERT_EQ(free_pages(&low0, &high0), 0);
	for (int n = 0; n < 4; n++)
		run_rounds(n, ROUNDS / 2);
	expect_free_pages_back(low0, high0);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(exec_from_main_kills_other_threads),
	KTAP_CASE(exec_from_thread_takes_over_pid),
	KTAP_CASE(exec_from_thread_after_main_exit),
	KTAP_CASE(two_threads_exec_at_once),
	KTAP_CASE(exec_leaves_free_pages_unchanged),
	{ 0 }
};

int main(int argc, char **argv)
{
	self_path = argv[0];
	if (argc > 1 && !strcmp(argv[1], "--after-exec"))
		return after_exec(argc, argv);
	if (argc > 1 && !strcmp(argv[1], "--plan"))
		return run_plan_image(argc, argv);
	return ktap_main("exec_thread", cases);
}
