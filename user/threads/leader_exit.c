// SPDX-License-Identifier: GPL-2.0
/*
 * leader_exit: a process whose main thread has ended (pthread_exit) while
 * another thread still runs is still a whole process, as on Linux. Its
 * pid takes kill() (the live thread runs the handler, a default action
 * ends the process), its interval timer fires, SIGCHLD and wait4() for
 * its children work from the other thread, its children keep it as their
 * parent, and its own parent sees it end once, when the last thread goes,
 * with the status Linux gives (exit_group's, or the last thread's exit).
 * A parent that ignores SIGCHLD gets no zombie from it either.
 *
 * Each such process is a fresh image of this program (fork + execve):
 * musl registers its thread-list lock as the main thread's tid word only
 * at start-up, not after a fork, and both a main thread that pthread_exits
 * and pthread_join() on it rely on the kernel clearing that word. The
 * second thread waits in pthread_join() for the main thread, which returns
 * once the kernel cleared the word, i.e. in the main thread's exit: every
 * check below runs after the main thread started exiting. Timing never
 * decides a result: the waits have hang guards only.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ktap.h"
#include "util.h"

#define GUARD_MS	60000	/* hang guard for every wait */

static int to_parent[2], to_child[2];
static pid_t test_pid;		/* the test process: our children's parent */

/* One byte from fd, or -1 if none came within the hang guard. */
static int read_byte(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	unsigned char c;
	int n;

	do
		n = poll(&p, 1, GUARD_MS);
	while (n < 0 && errno == EINTR);
	if (n != 1 || read(fd, &c, 1) != 1)
		return -1;
	return c;
}

static void put_byte(int fd, char c)
{
	if (write(fd, &c, 1) != 1)
		_exit(101);
}

/* waitpid() with a hang guard: a child still there then is killed. */
static int wait_guarded(pid_t pid)
{
	struct timespec tick = { 0, 10 * 1000 * 1000 };
	int status;

	for (int ms = 0; ms < GUARD_MS; ms += 10) {
		pid_t r = waitpid(pid, &status, WNOHANG);

		if (r == pid)
			return status;
		if (r < 0 && errno != EINTR) {
			ktap_diag("waitpid(%d): %s", pid, strerror(errno));
			return -1;
		}
		nanosleep(&tick, NULL);
	}
	ktap_diag("child %d still running after %d ms: killed", pid,
		  GUARD_MS);
	kill(pid, SIGKILL);
	wait_status(pid);
	return -1;
}

static bool exited_with(int status, int code)
{
	char why[64];

	if (WIFEXITED(status) && WEXITSTATUS(status) == code)
		return true;
	ktap_diag("expected exit %d: %s", code,
		  describe_status(status, why, sizeof(why)));
	return false;
}

static void set_handler(int sig, void (*fn)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sigaction(sig, &sa, NULL);
}

static void block(int sig)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, sig);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
}

static void open_pipes(void)
{
	if (pipe(to_parent) || pipe(to_child))
		ktap_fail_at(__FILE__, __LINE__, "pipe: %s", strerror(errno));
}

static void close_pipes(void)
{
	close(to_parent[0]);
	close(to_parent[1]);
	close(to_child[0]);
	close(to_child[1]);
}

/* ---- a process whose main thread ends first ------------------------ */

static const char *self_path;
extern char **environ;

/* fork, and run this program as `mode` in the child (see the top). */
static pid_t spawn_image(const char *mode)
{
	char state[64];
	char *argv[] = { (char *)self_path, "--child", (char *)mode, state,
			 NULL };
	pid_t pid = fork();

	if (pid < 0)
		ktap_fail_at(__FILE__, __LINE__, "fork: %s", strerror(errno));
	if (pid)
		return pid;
	snprintf(state, sizeof(state), "%d %d %d %d %d", to_parent[0],
		 to_parent[1], to_child[0], to_child[1], (int)test_pid);
	execve(self_path, argv, environ);
	_exit(100);
}

static pthread_t main_thread;
static void (*second_body)(void);

static void *second_thread(void *unused)
{
	(void)unused;
	/* Returns once the kernel cleared main's tid word: in its exit. */
	pthread_join(main_thread, NULL);
	second_body();
	exit(ktap_case_failed() ? KTAP_EXIT_FAIL : KTAP_EXIT_PASS);
}

/* In a child process: end the main thread, go on with body in another. */
static __attribute__((noreturn)) void run_after_main_exits(void (*body)(void))
{
	pthread_t t;

	main_thread = pthread_self();
	second_body = body;
	if (pthread_create(&t, NULL, second_thread, NULL))
		_exit(100);
	pthread_exit(NULL);
}

/* ---- kill() --------------------------------------------------------- */

static void report_usr1(int sig)
{
	(void)sig;
	put_byte(to_parent[1], 'S');
}

static void wait_for_kill(void)
{
	put_byte(to_parent[1], 'R');
	for (;;)
		pause();	/* SIGUSR1 (handled), then SIGTERM */
}

static void process_waiting_for_kill(void)
{
	set_handler(SIGUSR1, report_usr1);
	run_after_main_exits(wait_for_kill);
}

static void kill_reaches_thread_after_main_exit(void)
{
	pid_t pid;

	open_pipes();
	pid = spawn_image("wait_for_kill");
	KT_ASSERT(pid > 0);
	KT_EXPECT_EQ(read_byte(to_parent[0]), 'R');
	KT_EXPECT_EQ(kill(pid, 0), 0);
	KT_EXPECT_EQ(kill(pid, SIGUSR1), 0);
	/* The handler ran in the thread that is left. */
	KT_EXPECT_EQ(read_byte(to_parent[0]), 'S');
	/* A default action ends the whole process. */
	KT_EXPECT_EQ(kill(pid, SIGTERM), 0);
	KT_EXPECT_EQ(wait_guarded(pid), SIGTERM);
	close_pipes();
}

/* ---- interval timer -------------------------------------------------- */

static volatile sig_atomic_t alarms;

static void count_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static void wait_alarms(int n)
{
	sigset_t none;

	sigemptyset(&none);
	while (alarms < n)
		sigsuspend(&none);
}

static void take_alarms(void)
{
	struct itimerval once = { { 0, 0 }, { 0, 20000 } };
	struct itimerval every = { { 0, 10000 }, { 0, 10000 } };
	struct itimerval off = { { 0, 0 }, { 0, 0 } };

	/* Armed by main before it exited. */
	wait_alarms(1);
	/* Armed by this thread, with the process's main thread gone. */
	KT_EXPECT_EQ(setitimer(ITIMER_REAL, &once, NULL), 0);
	wait_alarms(2);
	KT_EXPECT_EQ(setitimer(ITIMER_REAL, &every, NULL), 0);
	wait_alarms(5);
	KT_EXPECT_EQ(setitimer(ITIMER_REAL, &off, NULL), 0);
}

static void process_with_timer(void)
{
	struct itimerval once = { { 0, 0 }, { 0, 50000 } };

	/* Blocked everywhere: it waits for sigsuspend, never lost. */
	block(SIGALRM);
	set_handler(SIGALRM, count_alarm);
	setitimer(ITIMER_REAL, &once, NULL);
	run_after_main_exits(take_alarms);
}

static void timer_fires_after_main_exit(void)
{
	pid_t pid = spawn_image("timer");

	KT_ASSERT(pid > 0);
	KT_EXPECT(exited_with(wait_guarded(pid), 0));
}

/* ---- the parent's wait4 and SIGCHLD ------------------------------------ */

static volatile sig_atomic_t chld_count, chld_pid, chld_status, chld_code;

static void record_sigchld(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	chld_count++;
	chld_pid = si->si_pid;
	chld_status = si->si_status;
	chld_code = si->si_code;
}

static void catch_sigchld(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = record_sigchld;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigaction(SIGCHLD, &sa, NULL);
	chld_count = chld_pid = chld_status = chld_code = 0;
}

static void exit_when_told(void)
{
	KT_EXPECT_EQ(getppid(), test_pid);
	put_byte(to_parent[1], 'R');
	if (read_byte(to_child[0]) == 'g')
		exit(5);			/* exit_group */
	syscall(SYS_exit, 9);			/* this thread only */
}

static void process_exiting_when_told(void)
{
	run_after_main_exits(exit_when_told);
}

/*
 * The child's main thread is gone, its other thread waits for a byte:
 * the parent must see nothing until that thread ends, then one end.
 */
static int end_of_process_after_main(char how, pid_t *pid)
{
	int status;

	test_pid = getpid();
	open_pipes();
	*pid = spawn_image("exit_when_told");
	if (*pid < 0)
		return -1;
	KT_EXPECT_EQ(read_byte(to_parent[0]), 'R');
	KT_EXPECT_EQ(waitpid(*pid, &status, WNOHANG), 0);
	catch_sigchld();
	put_byte(to_child[1], how);
	status = wait_guarded(*pid);
	set_handler(SIGCHLD, SIG_DFL);
	close_pipes();
	return status;
}

static void wait4_sees_exit_group_of_last_thread(void)
{
	pid_t pid;
	int status = end_of_process_after_main('g', &pid);

	KT_EXPECT(exited_with(status, 5));
	KT_EXPECT_EQ(chld_count, 1);
	KT_EXPECT_EQ(chld_pid, pid);
	KT_EXPECT_EQ(chld_code, CLD_EXITED);
	KT_EXPECT_EQ(chld_status, 5);
}

/* Without exit_group the process's status is the last thread's exit(). */
static void wait4_sees_exit_of_last_thread(void)
{
	pid_t pid;
	int status = end_of_process_after_main('x', &pid);

	KT_EXPECT(exited_with(status, 9));
	KT_EXPECT_EQ(chld_status, 9);
	KT_EXPECT_EQ(chld_count, 1);
	KT_EXPECT_EQ(chld_pid, pid);
}

/* ---- the process's own children ---------------------------------------- */

static volatile sig_atomic_t got_sigchld;
static pid_t grandchild;

static void note_sigchld(int sig)
{
	(void)sig;
	got_sigchld = 1;
}

/* SIGCHLD is blocked: sigsuspend takes the pending one, or waits. */
static void wait_sigchld(void)
{
	sigset_t none;

	sigemptyset(&none);
	while (!got_sigchld)
		sigsuspend(&none);
	got_sigchld = 0;
}

/* fork from the thread that is left; SIGCHLD and wait4 reach it. */
static void fork_and_reap(void)
{
	int status = -1;
	pid_t c = fork();

	if (c == 0)
		_exit(6);
	KT_ASSERT(c > 0);
	wait_sigchld();
	KT_EXPECT_EQ(waitpid(c, &status, 0), c);
	KT_EXPECT(exited_with(status, 6));
}

/* The child forked by main before it exited is still ours. */
static void reap_main_child(void)
{
	int status = -1;

	put_byte(to_child[1], 'g');
	wait_sigchld();
	KT_EXPECT_EQ(waitpid(grandchild, &status, 0), grandchild);
	KT_EXPECT(exited_with(status, 0));
	fork_and_reap();
}

static void process_with_children(void)
{
	pid_t me = getpid();

	block(SIGCHLD);
	set_handler(SIGCHLD, note_sigchld);
	grandchild = fork();
	if (grandchild == 0) {
		/* Its parent is still our process, not init. */
		_exit(read_byte(to_child[0]) == 'g' && getppid() == me ? 0 : 1);
	}
	if (grandchild < 0)
		_exit(102);
	run_after_main_exits(reap_main_child);
}

static void children_stay_with_process_after_main_exit(void)
{
	pid_t pid;

	open_pipes();
	pid = spawn_image("children");
	KT_ASSERT(pid > 0);
	KT_EXPECT(exited_with(wait_guarded(pid), 0));
	close_pipes();
}

/* ---- a parent that ignores SIGCHLD ------------------------------------- */

static void report_then_exit(void)
{
	put_byte(to_parent[1], 'R');
	exit(3);
}

static void process_reporting_then_exiting(void)
{
	run_after_main_exits(report_then_exit);
}

/* In a child: this process ignores SIGCHLD, its child's main exits first. */
static void parent_ignoring_sigchld(void *unused)
{
	pid_t pid;

	(void)unused;
	set_handler(SIGCHLD, SIG_IGN);
	pid = spawn_image("report_then_exit");
	KT_EXPECT_EQ(read_byte(to_parent[0]), 'R');
	/* wait4 sleeps until the child is gone, then there is none. */
	errno = 0;
	KT_EXPECT_EQ(waitpid(pid, NULL, 0), -1);
	KT_EXPECT_EQ(errno, ECHILD);
	KT_EXPECT_EQ(kill(pid, 0), -1);
}

static void sigchld_ignored_no_zombie_after_main_exit(void)
{
	pid_t pid;

	open_pipes();
	pid = spawn(parent_ignoring_sigchld, NULL);
	KT_ASSERT(pid > 0);
	KT_EXPECT(exited_with(wait_guarded(pid), 0));
	close_pipes();
}

static const struct ktap_case cases[] = {
	KTAP_CASE(kill_reaches_thread_after_main_exit),
	KTAP_CASE(timer_fires_after_main_exit),
	KTAP_CASE(wait4_sees_exit_group_of_last_thread),
	KTAP_CASE(wait4_sees_exit_of_last_thread),
	KTAP_CASE(children_stay_with_process_after_main_exit),
	KTAP_CASE(sigchld_ignored_no_zombie_after_main_exit),
	{ 0 }
};

static const struct {
	const char *mode;
	void (*run)(void);
} images[] = {
	{ "wait_for_kill", process_waiting_for_kill },
	{ "timer", process_with_timer },
	{ "exit_when_told", process_exiting_when_told },
	{ "children", process_with_children },
	{ "report_then_exit", process_reporting_then_exiting },
};

static int run_image(const char *mode, const char *state)
{
	int tp = 0;

	if (sscanf(state, "%d %d %d %d %d", &to_parent[0], &to_parent[1],
		   &to_child[0], &to_child[1], &tp) != 5)
		return 103;
	test_pid = tp;
	for (size_t i = 0; i < sizeof(images) / sizeof(images[0]); i++)
		if (!strcmp(images[i].mode, mode))
			images[i].run();	/* does not return */
	return 104;
}

int main(int argc, char **argv)
{
	self_path = argv[0];
	if (argc == 4 && !strcmp(argv[1], "--child"))
		return run_image(argv[2], argv[3]);
	return ktap_main("leader_exit", cases);
}
