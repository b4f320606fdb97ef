// SPDX-License-Identifier: GPL-2.0
/*
 * /init: the first user process.
 *
 *	/init ktest	run the user test programs, print one KTAP document,
 *			exit 0 if all passed (the kernel then powers off)
 *	/init		banner, a demo of concurrent write() with one process
 *			per CPU, then busybox's sh on the console, as a
 *			session leader whose controlling terminal it is;
 *			the small shell below if there is no /bin/sh or
 *			initshell=builtin is given
 *
 * The kernel passes init the words of its command line that it does not
 * use itself (Linux's rules: "word" goes to argv, "name=value" to envp,
 * everything after "--" verbatim), so `-- ktest` on the kernel command
 * line selects the tests. Environment knobs: utest=name,name (which test
 * programs; "all" = every test; benchmarks only by name or "bench"),
 * utest_timeout=SECONDS,
 * UTEST_ROOT=dir (prefix for /bin, to run the staged tree on a Linux
 * host). Documentation/userland.md has the details.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "programs.h"
#include "util.h"

/*
 * The thread tests (user/threads/) need clone, futex and set_thread_area
 * per thread (issue 6). The kernel has them now, so they run by default;
 * 0 would run them only when asked for (utest=all or by name).
 */
#define RUN_THREAD_TESTS_BY_DEFAULT	1

#define DEFAULT_TIMEOUT_S	300
#define MAX_LINE		256
#define MAX_ARGS		16

/* NULL-terminated: a directory may be empty. */
static const char *const user_tests[] = { USER_TESTS NULL };
static const char *const thread_tests[] = { USER_THREAD_TESTS NULL };
static const char *const user_bins[] = { USER_BINS NULL };
static const char *const user_benches[] = { USER_BENCHES NULL };

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

extern char **environ;

/* printf-like output with one write(2) per call: lines never tear. */
static __attribute__((format(printf, 1, 2))) void say(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(buf) - 1)
		n = sizeof(buf) - 1;
	if (write(1, buf, n) < 0)
		return;
}

static const char *root(void)
{
	const char *r = getenv("UTEST_ROOT");

	return r ? r : "";
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static void banner(void)
{
	struct utsname u;

	if (uname(&u))
		memset(&u, 0, sizeof(u));
	say("\n%s %s init: pid %d, %d CPU(s) online, machine %s\n",
	    u.sysname, u.release, getpid(), online_cpus(), u.machine);
}

/* ---- running programs --------------------------------------------------- */

/* fork + execve /bin/name; the child's pid, or -1. */
static pid_t start_program(const char *name, char *const argv[])
{
	char path[256];
	pid_t pid;

	snprintf(path, sizeof(path), "%s/bin/%s", root(), name);
	pid = fork();
	if (pid == 0) {
		execve(path, argv, environ);
		say("init: cannot run %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	if (pid < 0)
		say("init: fork: %s\n", strerror(errno));
	return pid;
}

/*
 * Wait for `pid`, reaping any orphan handed to init meanwhile, and kill it
 * after timeout_s seconds (0: never). Returns its wait status, or -1.
 */
static int wait_program(pid_t pid, long timeout_s, bool *timed_out)
{
	long long deadline = now_ms() + timeout_s * 1000;
	int status;

	*timed_out = false;
	for (;;) {
		pid_t r = waitpid(-1, &status, timeout_s ? WNOHANG : 0);

		if (r == pid)
			return status;
		if (r > 0)
			continue;	/* an orphan: reaped, nothing else */
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 && errno == EINVAL && timeout_s) {
			timeout_s = 0;	/* no WNOHANG: wait without a limit */
			continue;
		}
		if (r < 0)
			return -1;
		if (!*timed_out && now_ms() > deadline) {
			*timed_out = true;
			kill(pid, SIGKILL);
		}
		sleep_ms(20);
	}
}

/* ---- ktest mode ------------------------------------------------------------ */

static bool name_in_list(const char *name, const char *list)
{
	size_t len = strlen(name);

	for (const char *p = list; *p;) {
		size_t n = strcspn(p, ",");

		if (n == len && !strncmp(p, name, n))
			return true;
		p += n + (p[n] == ',');
	}
	return false;
}

static bool selected(const char *name, bool threads)
{
	const char *filter = getenv("utest");

	if (!filter || !*filter)
		return !threads || RUN_THREAD_TESTS_BY_DEFAULT;
	if (name_in_list(name, filter))
		return true;
	return name_in_list("all", filter) ||
	       (!threads && name_in_list("issue5", filter));
}

/*
 * Benchmarks (user/bench/) run for a fixed time and are worth their
 * numbers, not a verdict, so neither the default list nor "all" has
 * them: only their name or "bench" in utest= (make bench does that).
 */
static bool bench_selected(const char *name)
{
	const char *filter = getenv("utest");

	return filter && (name_in_list(name, filter) ||
			  name_in_list("bench", filter));
}

static int collect_tests(const char **list, int max)
{
	int n = 0;

	for (int i = 0; user_tests[i] && n < max; i++)
		if (selected(user_tests[i], false))
			list[n++] = user_tests[i];
	for (int i = 0; thread_tests[i] && n < max; i++)
		if (selected(thread_tests[i], true))
			list[n++] = thread_tests[i];
	for (int i = 0; user_benches[i] && n < max; i++)
		if (bench_selected(user_benches[i]))
			list[n++] = user_benches[i];
	return n;
}

/* One test program as a KTAP subtest; returns true if it passed. */
static bool run_test(const char *name, int nr, long timeout_s)
{
	char *argv[] = { NULL, NULL };
	char path[256], why[64];
	long long t0 = now_ms();
	bool timed_out;
	int status;
	pid_t pid;

	/* argv[0] is the real path: tests re-execute themselves through it. */
	snprintf(path, sizeof(path), "%s/bin/%s", root(), name);
	argv[0] = path;
	pid = start_program(name, argv);
	status = pid < 0 ? -1 : wait_program(pid, timeout_s, &timed_out);
	/* Where a slow configuration spends its time (never judged). */
	say("# init: %s ran %lld ms\n", name, now_ms() - t0);
	if (status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		say("ok %d %s\n", nr, name);
		return true;
	}
	if (status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 77) {
		say("ok %d %s # SKIP every case skipped\n", nr, name);
		return true;
	}
	if (timed_out)
		say("# init: %s timed out after %ld s and was killed\n", name,
		    timeout_s);
	else
		say("# init: %s %s\n", name,
		    describe_status(status, why, sizeof(why)));
	say("not ok %d %s\n", nr, name);
	return false;
}

static int run_tests(void)
{
	const char *tests[64];
	const char *t = getenv("utest_timeout");
	long timeout_s = t ? atol(t) : DEFAULT_TIMEOUT_S;
	int n = collect_tests(tests, ARRAY_SIZE(tests)), failed = 0;

	/* The programs print their subtest blocks one level in. */
	setenv("KTAP_DEPTH", "1", 1);
	say("KTAP version 1\n1..%d\n", n);
	for (int i = 0; i < n; i++)
		failed += !run_test(tests[i], i + 1, timeout_s);
	say("# init: %d test programs, %d failed\n", n, failed);
	unsetenv("KTAP_DEPTH");
	return failed ? 1 : 0;
}

static bool ktest_requested(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "ktest") || !strncmp(argv[i], "ktest=", 6))
			return true;
	return getenv("ktest") != NULL;
}

/* ---- the demo: one writer per CPU ---------------------------------------- */

#define DEMO_STEPS	6

/* Some arithmetic between writes, so the workers overlap in time. */
static unsigned int busy_work(unsigned int seed)
{
	for (int i = 0; i < 20000000; i++) {
		seed = seed * 1103515245u + 12345u;
		/* Keep the compiler from folding the loop into a formula. */
		__asm__ volatile("" : "+r"(seed));
	}
	return seed;
}

static long long demo_start_ms;

static void demo_worker(int id, int start_fd)
{
	unsigned int seed = id, seen = 0;
	char go;

	/* One worker per CPU, if the kernel lets us choose (issue 6). */
	pin_to_cpu(id);
	/* Wait until every worker exists, so that they really run at once. */
	if (start_fd >= 0 && read(start_fd, &go, 1) != 1)
		_exit(0);
	for (int step = 1; step <= DEMO_STEPS; step++) {
		char bar[DEMO_STEPS + 1];
		int cpu;

		seed = busy_work(seed);
		cpu = current_cpu();
		if (cpu >= 0 && cpu < 8)
			seen |= 1u << cpu;
		for (int i = 0; i < DEMO_STEPS; i++)
			bar[i] = i < step ? '#' : '.';
		bar[DEMO_STEPS] = '\0';
		say("  %5lld ms  worker %d on CPU %d  [%s] %d/%d\n",
		    now_ms() - demo_start_ms, id, cpu, bar, step, DEMO_STEPS);
	}
	/* The exit code tells the parent which CPUs this worker ran on. */
	_exit(seen & 0xff);
}

static void demo(void)
{
	int n = online_cpus(), seen = 0, start[2] = { -1, -1 };
	pid_t pids[32];

	if (n > 32)
		n = 32;
	say("demo: %d processes writing at once, one per CPU\n", n);
	demo_start_ms = now_ms();
	if (pipe(start))
		start[0] = start[1] = -1;	/* no barrier: still a demo */
	for (int i = 0; i < n; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			close(start[1]);
			demo_worker(i, start[0]);
		}
	}
	close(start[0]);
	for (int i = 0; i < n; i++)
		if (start[1] >= 0 && write(start[1], "g", 1) != 1)
			break;
	close(start[1]);
	for (int i = 0; i < n; i++) {
		int status = pids[i] > 0 ? wait_status(pids[i]) : -1;

		if (status != -1 && WIFEXITED(status))
			seen |= WEXITSTATUS(status);
	}
	say("demo: done; CPUs that ran a worker:");
	for (int cpu = 0; cpu < 8; cpu++)
		if (seen & (1 << cpu))
			say(" %d", cpu);
	say("\n");
}

/* ---- the shell -------------------------------------------------------------- */

static void shell_help(void)
{
	say("commands:\n"
	    "  ls                 list the programs in /bin\n"
	    "  NAME [ARGS...]     run /bin/NAME (also: run NAME ...)\n"
	    "  ktest              run the user test programs (KTAP)\n"
	    "  demo               the one-writer-per-CPU demo again\n"
	    "  help               this text\n"
	    "  poweroff, exit     leave init: the kernel powers off\n");
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void shell_ls(void)
{
	char path[256], *names[128];
	struct dirent *d;
	int n = 0;
	DIR *dir;

	snprintf(path, sizeof(path), "%s/bin", root());
	dir = opendir(path);
	if (!dir) {
		/* No getdents64 in the kernel (yet): the list built in. */
		say("(%s: %s; programs built into init:)\n", path,
		    strerror(errno));
		for (int i = 0; user_bins[i]; i++)
			say("  %s\n", user_bins[i]);
		for (int i = 0; user_tests[i]; i++)
			say("  %s (test)\n", user_tests[i]);
		for (int i = 0; thread_tests[i]; i++)
			say("  %s (thread test)\n", thread_tests[i]);
		for (int i = 0; user_benches[i]; i++)
			say("  %s (benchmark)\n", user_benches[i]);
		return;
	}
	while ((d = readdir(dir)) && n < 128)
		if (d->d_name[0] != '.' && (names[n] = strdup(d->d_name)))
			n++;
	closedir(dir);
	qsort(names, n, sizeof(names[0]), compare_names);
	for (int i = 0; i < n; i++) {
		say("  %s\n", names[i]);
		free(names[i]);
	}
}

static void shell_run(int argc, char **argv)
{
	char why[64];
	bool timed_out;
	int status;
	pid_t pid;

	argv[argc] = NULL;
	pid = start_program(argv[0], argv);
	if (pid < 0)
		return;
	status = wait_program(pid, 0, &timed_out);
	if (status != 0)
		say("%s: %s\n", argv[0], describe_status(status, why,
							 sizeof(why)));
}

/* Read one line from fd 0; false at end of input. */
static bool read_line(char *line, size_t size)
{
	size_t len = 0;

	while (len < size - 1) {
		ssize_t n = read(0, line + len, 1);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return len > 0 ? (line[len] = '\0', true) : false;
		if (line[len] == '\n' || line[len] == '\r')
			break;
		len++;
	}
	line[len] = '\0';
	return true;
}

static int split_words(char *line, char **argv, int max)
{
	int argc = 0;

	for (char *w = strtok(line, " \t"); w && argc < max - 1;
	     w = strtok(NULL, " \t"))
		argv[argc++] = w;
	return argc;
}

static void shell(void)
{
	char line[MAX_LINE], *argv[MAX_ARGS];

	say("shell: type 'help' for commands\n");
	for (;;) {
		int argc;

		say("kmapos# ");
		if (!read_line(line, sizeof(line))) {
			say("\nshell: end of input\n");
			return;
		}
		argc = split_words(line, argv, MAX_ARGS);
		if (!argc)
			continue;
		if (!strcmp(argv[0], "poweroff") || !strcmp(argv[0], "exit") ||
		    !strcmp(argv[0], "halt"))
			return;
		if (!strcmp(argv[0], "help"))
			shell_help();
		else if (!strcmp(argv[0], "ls"))
			shell_ls();
		else if (!strcmp(argv[0], "ktest"))
			run_tests();
		else if (!strcmp(argv[0], "demo"))
			demo();
		else if (!strcmp(argv[0], "run") && argc > 1)
			shell_run(argc - 1, argv + 1);
		else
			shell_run(argc, argv);
	}
}

/* ---- the login shell: busybox sh ------------------------------------------ */

#define CONSOLE_TTY	"/dev/ttyS0"

static volatile sig_atomic_t shutdown_requested;

/* busybox's halt, reboot and poweroff (without -f) signal init. */
static void on_shutdown_signal(int sig)
{
	(void)sig;
	shutdown_requested = 1;
}

/*
 * The child's side: a session of its own, the console as its controlling
 * terminal (opened as a session leader), on fds 0-2, then sh.
 */
static void exec_login_shell(void)
{
	char *const argv[] = { "-sh", NULL };
	char *const envp[] = {
		"PATH=/sbin:/usr/sbin:/usr/bin:/bin", "HOME=/root",
		"TERM=vt100", "SHELL=/bin/sh", "USER=root",
		"PS1=\\w # ", NULL,
	};
	int fd;

	setsid();
	fd = open(CONSOLE_TTY, O_RDWR);
	if (fd < 0 || ioctl(fd, TIOCSCTTY, 0) < 0)
		say("init: %s as controlling terminal: %s\n", CONSOLE_TTY,
		    strerror(errno));
	if (fd >= 0) {
		for (int i = 0; i < 3; i++)
			dup2(fd, i);
		if (fd > 2)
			close(fd);
	}
	if (chdir("/root") < 0)
		chdir("/");
	execve("/bin/sh", argv, envp);
	say("init: cannot run /bin/sh: %s\n", strerror(errno));
	_exit(127);
}

/*
 * Run busybox sh and reap whatever is handed to init until it ends or
 * busybox's poweroff signals init. False: there is no /bin/sh.
 */
static bool login_shell(void)
{
	struct sigaction sa = { .sa_handler = on_shutdown_signal };
	const char *choice = getenv("initshell");
	pid_t pid;
	int status;

	if ((choice && !strcmp(choice, "builtin")) ||
	    access("/bin/sh", X_OK) < 0)
		return false;
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGUSR2, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	say("init: starting /bin/sh (busybox) on %s; 'poweroff' to leave\n",
	    CONSOLE_TTY);
	pid = fork();
	if (pid == 0)
		exec_login_shell();
	if (pid < 0)
		return false;
	while (!shutdown_requested) {
		pid_t r = waitpid(-1, &status, 0);

		if (r == pid || (r < 0 && errno == ECHILD))
			break;
	}
	if (shutdown_requested) {
		kill(-1, SIGTERM);
		sleep_ms(100);
		kill(-1, SIGKILL);
	}
	return true;
}

/*
 * Words after a bare "--" on the kernel command line reach init as
 * arguments, "name=value" ones included (Linux's rule): take those as
 * settings too, so "-- ktest utest=abi" selects tests either way.
 */
static void settings_from_args(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (strchr(argv[i], '='))
			putenv(argv[i]);
}

int main(int argc, char **argv)
{
	settings_from_args(argc, argv);
	/* A session of init's own (as real inits do): getsid() is not 0. */
	setsid();
	banner();
	if (ktest_requested(argc, argv))
		return run_tests();
	demo();
	if (!login_shell())
		shell();
	say("init: exiting; the kernel powers off\n");
	return 0;
}
