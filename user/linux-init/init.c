// SPDX-License-Identifier: GPL-2.0
/*
 * /init for a real Linux i386 kernel: the reference side of
 * `make bench-linux` (scripts/bench-linux.py). Not a kmapos program: it
 * lives outside user/Makefile.inc's program directories, so kmapos's
 * initramfs never carries it.
 *
 * It mounts devtmpfs on /dev, proc on /proc and tmpfs on /tmp, runs
 * /bin/write_bench (the very binary kmapos's initramfs carries) and powers
 * the machine off. The benchmark's options come the way they do on
 * kmapos: Linux hands init the "name=value" words of its command line as
 * environment (WB_SECONDS=0.5 WB_SINKS=...), which write_bench reads.
 * init's own arguments are not passed on: Linux also puts there the words
 * it does not know, such as the decompressor's "nokaslr". Kernel
 * messages are kept off the console while the benchmark runs.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define BENCH	"/bin/write_bench"
/* syslog(2) SYSLOG_ACTION_CONSOLE_LEVEL, and the level: emergencies only. */
#define CONSOLE_LEVEL_ACTION	8
#define CONSOLE_QUIET		1

extern char **environ;

static void say(const char *msg, const char *arg)
{
	dprintf(2, "linux-init: %s%s%s\n", msg, arg ? ": " : "",
		arg ? arg : "");
}

static void mount_fs(const char *type, const char *dir)
{
	if (mkdir(dir, 0755) && errno != EEXIST)
		say("mkdir failed", dir);
	if (mount(type, dir, type, 0, NULL))
		dprintf(2, "linux-init: mount %s on %s: %s\n", type, dir,
			strerror(errno));
}

/* The kernel opens /dev/console for init; if that failed, try again. */
static void ensure_console(void)
{
	int fd;

	if (fcntl(1, F_GETFD) != -1)
		return;
	fd = open("/dev/console", O_RDWR);
	if (fd < 0)
		return;
	for (int i = 0; i < 3; i++)
		dup2(fd, i);
	if (fd > 2)
		close(fd);
}

/* Run write_bench with init's environment; its wait status, or -1. */
static int run_bench(void)
{
	char *argv[] = { BENCH, NULL };
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		execve(BENCH, argv, environ);
		say("cannot run " BENCH, strerror(errno));
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

int main(void)
{
	int status;

	mount_fs("devtmpfs", "/dev");
	ensure_console();
	mount_fs("proc", "/proc");
	mount_fs("tmpfs", "/tmp");
	/* The boot log is on the console already; from now on a kernel
	 * message would only cut the benchmark's lines (a panic still shows). */
	klogctl(CONSOLE_LEVEL_ACTION, NULL, CONSOLE_QUIET);
	status = run_bench();
	dprintf(1, "linux-init: write_bench %s %d; powering off\n",
		WIFEXITED(status) ? "exited" : "ended with status",
		WIFEXITED(status) ? WEXITSTATUS(status) : status);
	sync();
	reboot(RB_POWER_OFF);
	say("reboot(RB_POWER_OFF) failed", strerror(errno));
	return 1;
}
