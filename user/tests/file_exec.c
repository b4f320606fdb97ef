// SPDX-License-Identifier: GPL-2.0
/*
 * file_exec: programs run from files made at run time. This program
 * copies its own executable (/proc/self/exe) into the scratch directory,
 * by write() or through a MAP_SHARED mapping, makes it executable and
 * runs the copy with a mode argument ("child CODE"): the copy prints its
 * /proc/self/exe and exits with CODE. Also: no execute bit gives EACCES,
 * a symlink to the copy runs it, and one copy runs on every CPU at once.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ktap.h"
#include "scratch.h"
#include "util.h"

#define CHILD_MODE	"child"

/* Our own executable into memory; its length in *len. */
static char *read_self(size_t *len)
{
	int fd = open("/proc/self/exe", O_RDONLY);
	struct stat st;
	char *buf;

	if (fd < 0 || fstat(fd, &st)) {
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	*len = st.st_size;
	buf = malloc(*len);
	if (buf && pread_full(fd, buf, *len, 0)) {
		free(buf);
		buf = NULL;
	}
	close(fd);
	return buf;
}

static int copy_by_write(const char *path)
{
	size_t len;
	char *buf = read_self(&len);
	int fd, err;

	if (!buf)
		return -ENOENT;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	err = fd < 0 ? -errno : write_full(fd, buf, len);
	if (fd >= 0)
		close(fd);
	free(buf);
	return err;
}

/* The copy written through a shared mapping: no write() at all. */
static int copy_by_mmap(const char *path)
{
	size_t len;
	char *buf = read_self(&len), *p;
	int fd = buf ? open(path, O_RDWR | O_CREAT | O_TRUNC, 0600) : -1;

	if (fd < 0 || ftruncate(fd, len)) {
		free(buf);
		return -EIO;
	}
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p != MAP_FAILED) {
		memcpy(p, buf, len);
		munmap(p, len);
	}
	close(fd);
	free(buf);
	return p == MAP_FAILED ? -EIO : 0;
}

/*
 * Run path as "child CODE" with stdout into a pipe; the wait status, and
 * what it printed (up to size - 1 bytes) in out.
 */
static int run_copy(const char *path, int code, char *out, size_t size)
{
	char arg[16], *argv[] = { (char *)path, CHILD_MODE, arg, NULL };
	int fds[2], status;
	size_t got = 0;
	ssize_t n;
	pid_t pid;

	snprintf(arg, sizeof(arg), "%d", code);
	if (pipe(fds))
		return -1;
	pid = fork();
	if (pid == 0) {
		dup2(fds[1], 1);
		execve(path, argv, environ);
		_exit(100 + errno);
	}
	close(fds[1]);
	while (got < size - 1 &&
	       (n = read(fds[0], out + got, size - 1 - got)) > 0)
		got += n;
	out[got] = '\0';
	close(fds[0]);
	status = pid > 0 ? wait_status(pid) : -1;
	return status;
}

/* What the copy prints: "exe=<its /proc/self/exe>". */
static int child_mode(int code)
{
	char exe[PATH_MAX], line[PATH_MAX + 16];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	int len;

	exe[n > 0 ? n : 0] = '\0';
	len = snprintf(line, sizeof(line), "exe=%s\n", exe);
	return write(1, line, len) == len ? code : 99;
}

static void expect_ran(const char *path, int code, const char *exe)
{
	char out[PATH_MAX + 32], want[PATH_MAX + 16], why[64];
	int status = run_copy(path, code, out, sizeof(out));

	if (!WIFEXITED(status) || WEXITSTATUS(status) != code)
		ktap_fail_at(__FILE__, __LINE__, "%s: %s, expected exit %d",
			     path, describe_status(status, why, sizeof(why)),
			     code);
	snprintf(want, sizeof(want), "exe=%s\n", exe);
	if (strcmp(out, want))
		ktap_fail_at(__FILE__, __LINE__, "printed '%s', expected '%s'",
			     out, want);
}

static void exec_a_written_copy(void)
{
	const char *f = spath("copy");
	struct stat st;

	KT_ASSERT_EQ(copy_by_write(f), 0);
	KT_ASSERT_EQ(stat(f, &st), 0);
	KT_EXPECT_EQ(st.st_mode & 0777, 0755);
	expect_ran(f, 42, f);
	expect_ran(f, 7, f);		/* and again, from the cached file */
}

static void exec_a_mapped_copy(void)
{
	const char *f = spath("mcopy");

	KT_ASSERT_EQ(copy_by_mmap(f), 0);
	KT_ASSERT_EQ(chmod(f, 0755), 0);
	expect_ran(f, 43, f);
}

/*
 * Each of these execve()s must fail. They run in a child: one that
 * wrongly succeeds becomes the copy in child mode and exits 77.
 */
static void refused_execs(void *arg)
{
	const char *f = arg;
	char *argv[] = { (char *)f, CHILD_MODE, "77", NULL };

	/* Even root needs an execute bit on a regular file. */
	errno = 0;
	KT_EXPECT_EQ(execve(f, argv, environ), -1);
	KT_EXPECT_EQ(errno, EACCES);
	errno = 0;
	KT_EXPECT_EQ(execve(scratch_dir(), argv, environ), -1);
	KT_EXPECT_EQ(errno, EACCES);
	errno = 0;
	KT_EXPECT_EQ(execve(spath("missing"), argv, environ), -1);
	KT_EXPECT_EQ(errno, ENOENT);
	/* An empty file is no program. */
	errno = 0;
	KT_EXPECT_EQ(execve(spath("empty"), argv, environ), -1);
	KT_EXPECT_EQ(errno, ENOEXEC);
}

static void exec_needs_permission(void)
{
	const char *f = spath("noexec");
	char why[64];
	int status;

	KT_ASSERT_EQ(copy_by_write(f), 0);
	KT_ASSERT_EQ(chmod(f, 0644), 0);
	KT_ASSERT_EQ(make_file(spath("empty"), 0, 0), 0);
	KT_ASSERT_EQ(chmod(spath("empty"), 0755), 0);
	status = child_status(refused_execs, (void *)f);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		ktap_fail_at(__FILE__, __LINE__, "child %s (77: an exec ran)",
			     describe_status(status, why, sizeof(why)));
}

static void exec_through_a_symlink(void)
{
	const char *f = spath("target"), *l = spath("link");

	KT_ASSERT_EQ(copy_by_write(f), 0);
	KT_ASSERT_EQ(symlink("target", l), 0);
	expect_ran(l, 44, f);		/* /proc/self/exe names the target */
}

static void exec_once_per_cpu(void)
{
	const char *f = spath("many");
	int cpus = online_cpus(), n = cpus > 16 ? 32 : 2 * cpus, bad = 0;
	char *argv[] = { (char *)f, CHILD_MODE, "0", NULL };
	pid_t pid[32];

	KT_ASSERT_EQ(copy_by_write(f), 0);
	for (int i = 0; i < n; i++) {
		pid[i] = fork();
		if (pid[i] == 0) {
			int null = open("/dev/null", O_WRONLY);

			pin_to_cpu(i % cpus);
			dup2(null, 1);
			execve(f, argv, environ);
			_exit(100);
		}
	}
	for (int i = 0; i < n; i++) {
		int status = pid[i] > 0 ? wait_status(pid[i]) : -1;

		bad += !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	KT_EXPECT_EQ(bad, 0);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(exec_a_written_copy),
	KTAP_CASE(exec_a_mapped_copy),
	KTAP_CASE(exec_needs_permission),
	KTAP_CASE(exec_through_a_symlink),
	KTAP_CASE(exec_once_per_cpu),
	{ 0 }
};

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], CHILD_MODE))
		return child_mode(atoi(argv[2]));
	umask(022);
	scratch_init("file_exec");
	return ktap_main("file_exec", cases);
}
