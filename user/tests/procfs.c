// SPDX-License-Identifier: GPL-2.0
/*
 * procfs: /proc as programs read it (fs/proc/). The system files
 * are checked against the system calls that report the same numbers
 * (sysinfo, sysconf, getpid, getppid), the process files against what
 * the process knows of itself (argv, its pid and name), the listing
 * against fork and wait, and everything for being read-only. A reader of
 * a process that exits meanwhile must see text, end of file or ESRCH,
 * never a crash.
 *
 * The same binary passes on a Linux host: the formats are Linux's. Where
 * Linux legitimately differs it says so at the check.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ktap.h"
#include "util.h"

#define TEXT_MAX	65536
#define EXIT_ROUNDS	40

static int main_argc;
static char **main_argv;

/* The whole file, NUL-terminated; its length, or -errno. */
static long read_file(const char *path, char *buf, size_t size)
{
	long len = 0, n;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -errno;
	while ((size_t)len < size - 1 &&
	       (n = read(fd, buf + len, size - 1 - len)) > 0)
		len += n;
	if (n < 0)
		len = -errno;
	close(fd);
	if (len >= 0)
		buf[len] = '\0';
	return len;
}

/* "Key:   123 kB" in /proc/meminfo: the number, or -1. */
static long meminfo_kb(const char *text, const char *key)
{
	const char *p = strstr(text, key);
	long v;

	if (!p || sscanf(p + strlen(key), " %ld kB", &v) != 1)
		return -1;
	return v;
}

static void self_stat_names_this_process(void)
{
	static char text[4096];
	char comm[64], state;
	int pid, ppid;

	KT_ASSERT_GE(read_file("/proc/self/stat", text, sizeof(text)), 0);
	KT_ASSERT_EQ(sscanf(text, "%d (%63[^)]) %c %d", &pid, comm, &state,
			    &ppid), 4);
	KT_EXPECT_EQ(pid, getpid());
	KT_EXPECT_EQ(ppid, getppid());
	KT_EXPECT_EQ(state, 'R');	/* it is reading */
	KT_EXPECT(!strcmp(comm, "procfs"));
	KT_ASSERT_GE(read_file("/proc/self/comm", text, sizeof(text)), 0);
	KT_EXPECT(!strcmp(text, "procfs\n"));
}

/* 52 fields (Linux 3.5 and later): count the ones after "(comm)". */
static void stat_has_every_field(void)
{
	static char text[4096];
	char *p;
	int fields = 2;

	KT_ASSERT_GE(read_file("/proc/self/stat", text, sizeof(text)), 0);
	p = strrchr(text, ')');
	KT_ASSERT(p != NULL);
	for (p = strtok(p + 1, " \n"); p; p = strtok(NULL, " \n"))
		fields++;
	KT_EXPECT_GE(fields, 52);
}

static void status_names_this_process(void)
{
	static char text[4096];
	char line[80];
	long rss;

	KT_ASSERT_GE(read_file("/proc/self/status", text, sizeof(text)), 0);
	KT_EXPECT(!strncmp(text, "Name:\tprocfs\n", 13));
	snprintf(line, sizeof(line), "\nPid:\t%d\n", getpid());
	KT_EXPECT(strstr(text, line) != NULL);
	snprintf(line, sizeof(line), "\nTgid:\t%d\n", getpid());
	KT_EXPECT(strstr(text, line) != NULL);
	snprintf(line, sizeof(line), "\nPPid:\t%d\n", getppid());
	KT_EXPECT(strstr(text, line) != NULL);
	KT_EXPECT(strstr(text, "\nThreads:\t1\n") != NULL);
	rss = meminfo_kb(text, "VmRSS:");
	KT_EXPECT_GT(rss, 0);
	KT_EXPECT_GE(meminfo_kb(text, "VmSize:"), rss);
}

static void meminfo_matches_sysinfo(void)
{
	static char text[TEXT_MAX];
	struct sysinfo si;
	long total, free_kb, avail;
	unsigned long long si_total, si_free;

	KT_ASSERT_GE(read_file("/proc/meminfo", text, sizeof(text)), 0);
	KT_ASSERT_EQ(sysinfo(&si), 0);
	total = meminfo_kb(text, "MemTotal:");
	free_kb = meminfo_kb(text, "MemFree:");
	avail = meminfo_kb(text, "MemAvailable:");
	KT_EXPECT_GT(free_kb, 0);
	KT_EXPECT_GT(total, free_kb);
	KT_EXPECT_GT(avail, 0);
	si_total = (unsigned long long)si.totalram * si.mem_unit / 1024;
	si_free = (unsigned long long)si.freeram * si.mem_unit / 1024;
	KT_EXPECT_EQ(total, si_total);
	/* Free memory moves between the two calls: within 1/16 of all. */
	KT_EXPECT_LT(llabs((long long)free_kb - (long long)si_free),
		     total / 16 + 1);
	KT_EXPECT_EQ(meminfo_kb(text, "SwapTotal:"), 0);
	/* Linux without CONFIG_HIGHMEM has no High or Low lines. */
	if (meminfo_kb(text, "HighTotal:") >= 0) {
		KT_EXPECT_EQ(meminfo_kb(text, "HighTotal:") +
			     meminfo_kb(text, "LowTotal:"), total);
		KT_EXPECT_EQ(meminfo_kb(text, "HighTotal:"),
			     (long long)si.totalhigh * si.mem_unit / 1024);
	} else {
		KT_EXPECT(on_linux());
	}
}

static void cpuinfo_has_every_online_cpu(void)
{
	static char text[TEXT_MAX];
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int processors = 0, cpu_lines = 0;
	char *line;

	KT_ASSERT_GE(read_file("/proc/cpuinfo", text, sizeof(text)), 0);
	for (line = strtok(text, "\n"); line; line = strtok(NULL, "\n"))
		processors += !strncmp(line, "processor", 9);
	KT_EXPECT_EQ(processors, cpus);
	KT_ASSERT_GE(read_file("/proc/stat", text, sizeof(text)), 0);
	KT_EXPECT(!strncmp(text, "cpu  ", 5));
	for (line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		cpu_lines += !strncmp(line, "cpu", 3) && line[3] != ' ';
		if (!strncmp(line, "btime ", 6))
			KT_EXPECT_GT(atol(line + 6), 1000000000L);
	}
	KT_EXPECT_EQ(cpu_lines, cpus);
}

static void uptime_and_loadavg_parse(void)
{
	char text[256];
	double up, idle, l1, l5, l15;
	int running, tasks, last;

	KT_ASSERT_GE(read_file("/proc/uptime", text, sizeof(text)), 0);
	KT_ASSERT_EQ(sscanf(text, "%lf %lf", &up, &idle), 2);
	KT_EXPECT(up > 0);
	KT_ASSERT_GE(read_file("/proc/loadavg", text, sizeof(text)), 0);
	KT_ASSERT_EQ(sscanf(text, "%lf %lf %lf %d/%d %d", &l1, &l5, &l15,
			    &running, &tasks, &last), 6);
	KT_EXPECT_GE(running, 1);	/* this reader */
	KT_EXPECT_GE(tasks, running);
	KT_EXPECT_GT(last, 0);
}

static void self_cmdline_is_argv(void)
{
	static char text[TEXT_MAX], want[TEXT_MAX];
	long len, want_len = 0;

	for (int i = 0; i < main_argc; i++) {
		size_t n = strlen(main_argv[i]) + 1;

		memcpy(want + want_len, main_argv[i], n);
		want_len += n;
	}
	len = read_file("/proc/self/cmdline", text, sizeof(text));
	KT_EXPECT_EQ(len, want_len);
	KT_EXPECT(len == want_len && !memcmp(text, want, len));
}

/* Is there a directory /proc/<pid> in a getdents64 listing of /proc? */
static int listed(pid_t pid)
{
	char buf[1024], name[16];
	int fd = open("/proc", O_RDONLY | O_DIRECTORY), found = 0;
	long n;

	if (fd < 0)
		return -1;
	snprintf(name, sizeof(name), "%d", pid);
	while ((n = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0) {
		for (long off = 0; off < n;) {
			struct dirent *d = (struct dirent *)(buf + off);

			found |= !strcmp(d->d_name, name) && d->d_type == DT_DIR;
			off += d->d_reclen;
		}
	}
	close(fd);
	return n < 0 ? -1 : found;
}

static void child_listed_until_reaped(void)
{
	int pipefd[2], status;
	char c;
	pid_t pid;

	KT_ASSERT_EQ(pipe(pipefd), 0);
	pid = fork();
	if (pid == 0) {
		close(pipefd[1]);
		_exit(read(pipefd[0], &c, 1) == 0 ? 0 : 1);
	}
	KT_ASSERT_GE(pid, 1);
	close(pipefd[0]);
	KT_EXPECT_EQ(listed(pid), 1);
	KT_EXPECT_EQ(listed(getpid()), 1);
	close(pipefd[1]);		/* the child's read sees EOF */
	KT_EXPECT_EQ(waitpid(pid, &status, 0), pid);
	KT_EXPECT_EQ(status, 0);
	KT_EXPECT_EQ(listed(pid), 0);
}

static void self_links_and_attributes(void)
{
	char target[32], want[32];
	struct stat st;
	ssize_t n;
	int dirfd, fd;

	snprintf(want, sizeof(want), "%d", getpid());
	n = readlink("/proc/self", target, sizeof(target) - 1);
	KT_ASSERT_GE(n, 1);
	target[n] = '\0';
	KT_EXPECT(!strcmp(target, want));
	KT_ASSERT_EQ(lstat("/proc/self", &st), 0);
	KT_EXPECT(S_ISLNK(st.st_mode));
	KT_ASSERT_EQ(stat("/proc/self", &st), 0);
	KT_EXPECT(S_ISDIR(st.st_mode));
	KT_ASSERT_EQ(stat("/proc", &st), 0);
	KT_EXPECT(S_ISDIR(st.st_mode));
	KT_ASSERT_EQ(stat("/proc/self/stat", &st), 0);
	KT_EXPECT(S_ISREG(st.st_mode));
	KT_EXPECT_EQ(st.st_size, 0);	/* generated: no size */
	/* The *at() calls relative to a /proc directory. */
	dirfd = open("/proc/self", O_RDONLY | O_DIRECTORY);
	KT_ASSERT_GE(dirfd, 0);
	fd = openat(dirfd, "status", O_RDONLY);
	KT_EXPECT_GE(fd, 0);
	KT_EXPECT_EQ(fstat(fd, &st), 0);
	KT_EXPECT(S_ISREG(st.st_mode));
	close(fd);
	close(dirfd);
}

/* lseek to 0 reads the text again, from the start. */
static void lseek_rereads(void)
{
	char a[512], b[512];
	ssize_t na, nb;
	int fd = open("/proc/self/stat", O_RDONLY);

	KT_ASSERT_GE(fd, 0);
	na = read(fd, a, 10);
	KT_EXPECT_EQ(na, 10);
	KT_EXPECT_EQ(lseek(fd, 0, SEEK_SET), 0);
	nb = read(fd, b, sizeof(b));
	KT_EXPECT_GE(nb, 10);
	KT_EXPECT(!memcmp(a, b, 10));
	KT_EXPECT_EQ(lseek(fd, 4, SEEK_SET), 4);
	KT_EXPECT_EQ(read(fd, a, 4), 4);
	close(fd);
}

static void fd_links_name_open_files(void)
{
	char target[64];
	ssize_t n;
	int fd = open("/proc/meminfo", O_RDONLY);
	char path[32];

	KT_ASSERT_GE(fd, 0);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, target, sizeof(target) - 1);
	KT_EXPECT_GE(n, 1);
	if (n > 0) {
		target[n] = '\0';
		KT_EXPECT(!strcmp(target, "/proc/meminfo"));
	}
	close(fd);
	KT_EXPECT_EQ(readlink(path, target, sizeof(target)), -1);
	KT_EXPECT_EQ(errno, ENOENT);
	if (isatty(0))
		KT_EXPECT(ttyname(0) != NULL);
}

/*
 * Nothing in /proc can be written. kmapos refuses the open (EACCES, what
 * a user without privileges sees on Linux); Linux lets root open the file
 * and fails the write (EIO, EINVAL).
 */
static void writes_fail(void)
{
	int fd = open("/proc/meminfo", O_WRONLY);

	if (fd >= 0) {
		KT_EXPECT(on_linux());
		KT_EXPECT_EQ(write(fd, "x", 1), -1);
		close(fd);
	} else {
		KT_EXPECT_EQ(errno, EACCES);
	}
	KT_EXPECT_EQ(open("/proc/self/stat", O_RDWR | O_TRUNC) >= 0 &&
		     !on_linux(), 0);
	KT_EXPECT_EQ(open("/proc/new-file", O_WRONLY | O_CREAT, 0644), -1);
	KT_EXPECT_EQ(mkdir("/proc/new-dir", 0755), -1);
	KT_EXPECT_EQ(unlink("/proc/meminfo"), -1);
	KT_EXPECT_EQ(open("/proc", O_WRONLY), -1);
	KT_EXPECT_EQ(errno, EISDIR);
}

static void missing_pids_are_enoent(void)
{
	struct stat st;

	KT_EXPECT_EQ(open("/proc/99999/stat", O_RDONLY), -1);
	KT_EXPECT_EQ(errno, ENOENT);
	KT_EXPECT_EQ(stat("/proc/99999", &st), -1);
	KT_EXPECT_EQ(errno, ENOENT);
	KT_EXPECT_EQ(open("/proc/0/stat", O_RDONLY), -1);
	KT_EXPECT_EQ(errno, ENOENT);
	KT_EXPECT_EQ(open("/proc/no-such-file", O_RDONLY), -1);
	KT_EXPECT_EQ(errno, ENOENT);
	KT_EXPECT_EQ(open("/proc/self/no-such-file", O_RDONLY), -1);
	KT_EXPECT_EQ(errno, ENOENT);
	KT_EXPECT_EQ(open("/proc/meminfo/x", O_RDONLY), -1);
	KT_EXPECT_EQ(errno, ENOTDIR);
}

/* Read the open cmdline until the child is gone; 0 if every read was
 * text, EOF or ESRCH. */
static int read_while_exiting(int fd, pid_t pid)
{
	char buf[256];
	int status, bad = 0;

	for (int i = 0; i < 1000; i++) {
		ssize_t n = pread(fd, buf, sizeof(buf), 0);

		if (n < 0 && errno != ESRCH)
			bad = 1;
		if (waitpid(pid, &status, WNOHANG) == pid)
			break;
	}
	return bad;
}

/*
 * A process exiting while another reads its /proc files: the reader gets
 * text, nothing (a zombie has no memory) or ESRCH (reaped), whatever the
 * timing; the kernel must not fault. Several rounds, the child exiting
 * at a different moment in each.
 */
static void cmdline_of_exiting_child(void)
{
	char path[32], buf[64];
	int bad = 0;

	for (int round = 0; round < EXIT_ROUNDS; round++) {
		pid_t pid = fork();
		int fd;

		if (pid == 0) {
			for (volatile int i = 0; i < round * 1000; i++)
				;
			_exit(0);
		}
		KT_ASSERT_GE(pid, 1);
		snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
		fd = open(path, O_RDONLY);
		if (fd < 0) {
			bad |= errno != ENOENT;
			waitpid(pid, NULL, 0);
			continue;
		}
		bad |= read_while_exiting(fd, pid);
		waitpid(pid, NULL, 0);
		/* Reaped: nothing to read any more. */
		if (pread(fd, buf, sizeof(buf), 0) > 0)
			bad = 1;
		close(fd);
	}
	KT_EXPECT_EQ(bad, 0);
}

/*
 * /proc/PID/fd at any position lseek accepts: nothing past the last
 * descriptor, and never a kernel fault (a position near 2^31 once made
 * the descriptor scan run off the table).
 */
static void fd_dir_at_large_positions(void)
{
	static const unsigned long long positions[] = {
		66, 0x80000002ULL, 0xffffffffULL, 0x100000000ULL - 62,
		0x7fffffffffffff00ULL,
	};
	char buf[4096];
	int fd = open("/proc/self/fd", O_RDONLY | O_DIRECTORY);

	KT_ASSERT(fd >= 0);
	for (unsigned int i = 0; i < sizeof(positions) / sizeof(positions[0]);
	     i++) {
		unsigned long long p = positions[i];
		long long r;

		if (syscall(SYS__llseek, fd, (unsigned long)(p >> 32),
			    (unsigned long)p, &r, SEEK_SET))
			continue;	/* refused: also fine */
		long n = syscall(SYS_getdents64, fd, buf, sizeof(buf));

		KT_EXPECT(n >= 0);
		if (!on_linux())	/* Linux numbers its entries otherwise */
			KT_EXPECT_EQ(n, 0);
	}
	close(fd);
}

/* /proc/self/fd/N of a pipe: the flags asked for are checked. */
static void fd_link_open_flags(void)
{
	int p[2], fd;

	KT_ASSERT_EQ(pipe(p), 0);
	{
		char path[40];

		snprintf(path, sizeof(path), "/proc/self/fd/%d", p[0]);
		errno = 0;
		KT_EXPECT_EQ(open(path, O_RDONLY | O_DIRECTORY), -1);
		KT_EXPECT_EQ(errno, ENOTDIR);
		fd = open(path, O_RDONLY);
		KT_EXPECT(fd >= 0);
		if (fd >= 0)
			close(fd);
		errno = 0;
		KT_EXPECT_EQ(open("/proc/self", O_RDONLY | O_NOFOLLOW), -1);
		KT_EXPECT_EQ(errno, ELOOP);
	}
	close(p[0]);
	close(p[1]);
}

/* /proc/self/exe names the program: the same file as argv[0] here. */
static void exe_link_names_the_program(void)
{
	char target[256];
	struct stat a, b;
	ssize_t n = readlink("/proc/self/exe", target, sizeof(target) - 1);

	KT_ASSERT_GE(n, 1);
	target[n] = '\0';
	ktap_diag("exe -> %s", target);
	KT_EXPECT_EQ(target[0], '/');
	KT_ASSERT_EQ(stat(target, &a), 0);
	KT_ASSERT_EQ(stat(main_argv[0], &b), 0);
	KT_EXPECT_EQ(a.st_ino, b.st_ino);
	KT_ASSERT_EQ(stat("/proc/self/exe", &b), 0);	/* followed */
	KT_EXPECT_EQ(a.st_ino, b.st_ino);
}

/* /proc/self/cwd follows chdir. */
static void cwd_link_follows_chdir(void)
{
	char target[256], old[256];
	ssize_t n;

	KT_ASSERT(getcwd(old, sizeof(old)) != NULL);
	KT_ASSERT_EQ(chdir("/proc"), 0);
	n = readlink("/proc/self/cwd", target, sizeof(target) - 1);
	KT_ASSERT_GE(n, 1);
	target[n] = '\0';
	KT_EXPECT(!strcmp(target, "/proc"));
	KT_ASSERT_EQ(chdir("/"), 0);
	n = readlink("/proc/self/cwd", target, sizeof(target) - 1);
	KT_ASSERT_GE(n, 1);
	target[n] = '\0';
	KT_EXPECT(!strcmp(target, "/"));
	KT_EXPECT_EQ(chdir(old), 0);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(self_stat_names_this_process),
	KTAP_CASE(stat_has_every_field),
	KTAP_CASE(status_names_this_process),
	KTAP_CASE(meminfo_matches_sysinfo),
	KTAP_CASE(cpuinfo_has_every_online_cpu),
	KTAP_CASE(uptime_and_loadavg_parse),
	KTAP_CASE(self_cmdline_is_argv),
	KTAP_CASE(child_listed_until_reaped),
	KTAP_CASE(self_links_and_attributes),
	KTAP_CASE(lseek_rereads),
	KTAP_CASE(fd_links_name_open_files),
	KTAP_CASE(writes_fail),
	KTAP_CASE(missing_pids_are_enoent),
	KTAP_CASE(cmdline_of_exiting_child),
	KTAP_CASE(fd_dir_at_large_positions),
	KTAP_CASE(fd_link_open_flags),
	KTAP_CASE(exe_link_names_the_program),
	KTAP_CASE(cwd_link_follows_chdir),
	{ 0 }
};

int main(int argc, char **argv)
{
	main_argc = argc;
	main_argv = argv;
	return ktap_main("procfs", cases);
}
