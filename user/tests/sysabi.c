// SPDX-License-Identifier: GPL-2.0
/*
 * sysabi: system calls and /proc files an outside Linux conformance suite
 * looks at, with Linux i386's numbers, magic values and error codes:
 * reboot, personality, unshare, capget/capset, modify_ldt, clock_settime,
 * settimeofday, gettimeofday's tz, waitpid(INT_MIN), PATH_MAX/NAME_MAX,
 * CLONE_PARENT, prctl's timer slack and TSC, uname and /proc/sys,
 * /proc/self/ns, /proc/self/task.
 *
 * On a Linux host nothing system-wide is changed: the clock, the host
 * name and Ctrl-Alt-Del are set only on kmapos.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ktap.h"
#include "scratch.h"
#include "sys.h"
#include "util.h"

#define MAGIC1		0xfee1dead
#define MAGIC2		672274793
#define CMD_CAD_ON	0x89ABCDEF
#define CMD_CAD_OFF	0x00000000
#define CMD_BOGUS	0x12345678

static void reboot_errors(void)
{
	long r = raw_syscall5(SYS_reboot, MAGIC1, MAGIC2, CMD_BOGUS, 0, 0);

	if (r == -EPERM && on_linux()) {
		ktap_skip("no CAP_SYS_BOOT here (a container)");
		return;
	}
	KT_EXPECT_EQ(r, -EINVAL);
	KT_EXPECT_EQ(raw_syscall5(SYS_reboot, 0x1234, MAGIC2, CMD_CAD_OFF,
				  0, 0), -EINVAL);
	KT_EXPECT_EQ(raw_syscall5(SYS_reboot, MAGIC1, 42, CMD_CAD_OFF, 0, 0),
		     -EINVAL);
	if (on_linux())
		return;		/* leave the host's Ctrl-Alt-Del alone */
	KT_EXPECT_EQ(raw_syscall5(SYS_reboot, MAGIC1, MAGIC2, CMD_CAD_ON,
				  0, 0), 0);
	KT_EXPECT_EQ(raw_syscall5(SYS_reboot, MAGIC1, 85072278, CMD_CAD_OFF,
				  0, 0), 0);
}

/* Root may not reboot after giving CAP_SYS_BOOT up. */
static void reboot_needs_cap(void *unused)
{
	struct { unsigned int version; int pid; } hdr = { 0x20080522, 0 };
	struct { unsigned int eff, prm, inh; } data[2];

	(void)unused;
	KT_ASSERT_EQ(raw_syscall3(SYS_capget, (long)&hdr, (long)data, 0), 0);
	data[0].eff &= ~(1u << 22);
	KT_ASSERT_EQ(raw_syscall3(SYS_capset, (long)&hdr, (long)data, 0), 0);
	KT_EXPECT_EQ(raw_syscall5(SYS_reboot, MAGIC1, MAGIC2, CMD_BOGUS, 0, 0),
		     -EPERM);
	/* Effective may come back from permitted. */
	data[0].eff |= 1u << 22;
	KT_EXPECT_EQ(raw_syscall3(SYS_capset, (long)&hdr, (long)data, 0), 0);
	/* Permitted cannot. */
	data[0].prm &= ~(1u << 22);
	data[0].eff &= ~(1u << 22);
	KT_EXPECT_EQ(raw_syscall3(SYS_capset, (long)&hdr, (long)data, 0), 0);
	data[0].prm |= 1u << 22;
	KT_EXPECT_EQ(raw_syscall3(SYS_capset, (long)&hdr, (long)data, 0),
		     -EPERM);
}

static void reboot_permission(void)
{
	KT_EXPECT_EQ(child_status(reboot_needs_cap, NULL), 0);
}

static void capabilities(void)
{
	struct { unsigned int version; int pid; } hdr = { 0x20080522, 0 };
	struct { unsigned int eff, prm, inh; } data[2];

	KT_ASSERT_EQ(raw_syscall3(SYS_capget, (long)&hdr, (long)data, 0), 0);
	/* Root: every capability up to CAP_LAST_CAP (a host may bound it). */
	KT_EXPECT_EQ(data[0].eff & (1u << 22), 1u << 22);
	KT_EXPECT_NE(data[1].prm, 0);
	if (!on_linux()) {
		KT_EXPECT_EQ(data[0].eff, 0xffffffffu);
		KT_EXPECT_EQ(data[0].prm, 0xffffffffu);
		KT_EXPECT_EQ(data[1].prm, 0x1ffu);
	}
	/* The version 1 form: one word. */
	hdr.version = 0x19980330;
	memset(data, 0x55, sizeof(data));
	KT_EXPECT_EQ(raw_syscall3(SYS_capget, (long)&hdr, (long)data, 0), 0);
	KT_EXPECT_EQ(data[0].eff & (1u << 22), 1u << 22);
	KT_EXPECT_EQ(data[1].eff, 0x55555555u);	/* untouched */
	/* An unknown version: EINVAL, and the preferred one written back. */
	hdr.version = 0x1234;
	KT_EXPECT_EQ(raw_syscall3(SYS_capget, (long)&hdr, (long)data, 0),
		     -EINVAL);
	KT_EXPECT_EQ(hdr.version, 0x20080522u);
	/* A NULL data pointer only checks the version. */
	KT_EXPECT_EQ(raw_syscall3(SYS_capget, (long)&hdr, 0, 0), 0);
	KT_EXPECT_EQ(raw_syscall3(SYS_capget, 0, 0, 0), -EFAULT);
	KT_EXPECT_EQ(raw_syscall3(SYS_capget, (long)&hdr, 0xE0000000, 0),
		     -EFAULT);
	hdr.pid = -5;
	KT_EXPECT_EQ(raw_syscall3(SYS_capget, (long)&hdr, (long)data, 0),
		     -EINVAL);
	hdr.pid = 0x3ffffff0;
	KT_EXPECT_EQ(raw_syscall3(SYS_capget, (long)&hdr, (long)data, 0),
		     -ESRCH);
}

static void personality_calls(void)
{
	long old = raw_syscall3(SYS_personality, 0xffffffff, 0, 0);

	KT_EXPECT_EQ(old & 0xff, 0);	/* PER_LINUX */
	KT_EXPECT_EQ(raw_syscall3(SYS_personality, 0x0040000, 0, 0), old);
	KT_EXPECT_EQ(raw_syscall3(SYS_personality, 0xffffffff, 0, 0),
		     0x0040000);
	KT_EXPECT_EQ(raw_syscall3(SYS_personality, old, 0, 0), 0x0040000);
	KT_EXPECT_EQ(raw_syscall3(SYS_personality, 0xffffffff, 0, 0), old);
}

static void unshare_calls(void)
{
	int fd;

	KT_EXPECT_EQ(unshare(CLONE_FILES), 0);
	KT_EXPECT_EQ(unshare(CLONE_FS), 0);
	KT_EXPECT_EQ(unshare(CLONE_SYSVSEM), 0);
	KT_EXPECT_EQ(unshare(0), 0);
	/* One thread: nothing to unshare, so these succeed. */
	KT_EXPECT_EQ(unshare(CLONE_VM | CLONE_SIGHAND), 0);
	/* Bits no clone flag has. */
	KT_EXPECT_EQ(raw_syscall3(SYS_unshare, 0x40, 0, 0), -EINVAL);
	/* The descriptor table still works. */
	fd = dup(1);
	KT_EXPECT_GE(fd, 0);
	close(fd);
}

static void modify_ldt_calls(void)
{
	char buf[64];
	struct {
		unsigned int entry, base, limit, flags;
	} desc = { 0, 0, 0, 0 };

	memset(buf, 0x55, sizeof(buf));
	/* An LDT nobody set up reads as nothing. */
	KT_EXPECT_EQ(raw_syscall3(SYS_modify_ldt, 0, (long)buf, sizeof(buf)), 0);
	KT_EXPECT_EQ(raw_syscall3(SYS_modify_ldt, 9, (long)buf, sizeof(buf)),
		     -ENOSYS);
	/* Writes: the size of struct user_desc, entries below 8192. */
	KT_EXPECT_EQ(raw_syscall3(SYS_modify_ldt, 1, (long)&desc, 8), -EINVAL);
	desc.entry = 8192;
	KT_EXPECT_EQ(raw_syscall3(SYS_modify_ldt, 1, (long)&desc,
				  sizeof(desc)), -EINVAL);
	KT_EXPECT_EQ(raw_syscall3(SYS_modify_ldt, 0x11, 0, sizeof(desc)),
		     -EFAULT);
	/* Clearing an entry: read_exec_only and seg_not_present set. */
	desc.entry = 0;
	desc.flags = (1 << 3) | (1 << 5);
	KT_EXPECT_EQ(raw_syscall3(SYS_modify_ldt, 0x11, (long)&desc,
				  sizeof(desc)), 0);
}

static void clock_settime_errors(void)
{
	struct timespec ts = { 1000, 0 };
	struct { int32_t sec, nsec; } t32 = { 1000, 0 };

	KT_EXPECT_EQ(raw_syscall3(SYS_clock_settime32, CLOCK_MONOTONIC,
				  (long)&t32, 0), -EINVAL);
	KT_EXPECT_EQ(raw_syscall3(SYS_clock_settime32, 99, (long)&t32, 0),
		     -EINVAL);
	KT_EXPECT_EQ(raw_syscall3(SYS_clock_settime32, CLOCK_REALTIME, 0, 0),
		     -EFAULT);
	t32.nsec = 1000000000;
	KT_EXPECT_EQ(raw_syscall3(SYS_clock_settime32, CLOCK_REALTIME,
				  (long)&t32, 0), -EINVAL);
	t32.nsec = -1;
	KT_EXPECT_EQ(raw_syscall3(SYS_clock_settime32, CLOCK_REALTIME,
				  (long)&t32, 0), -EINVAL);
	(void)ts;
}

/* On kmapos only: move the clock forward a day and back. */
static void clock_settime_moves_realtime(void)
{
	struct { int32_t sec, nsec; } now, set, after;
	struct { int32_t sec, usec; } tv;

	if (on_linux()) {
		ktap_skip("not setting the host's clock");
		return;
	}
	KT_ASSERT_EQ(raw_syscall3(SYS_clock_gettime32, CLOCK_REALTIME,
				  (long)&now, 0), 0);
	set.sec = now.sec + 86400;
	set.nsec = 0;
	KT_EXPECT_EQ(raw_syscall3(SYS_clock_settime32, CLOCK_REALTIME,
				  (long)&set, 0), 0);
	KT_ASSERT_EQ(raw_syscall3(SYS_clock_gettime32, CLOCK_REALTIME,
				  (long)&after, 0), 0);
	KT_EXPECT_GE(after.sec, now.sec + 86400);
	KT_EXPECT_LT(after.sec, now.sec + 86400 + 10);
	/* settimeofday back to where it was. */
	tv.sec = now.sec + 1;
	tv.usec = 0;
	KT_EXPECT_EQ(raw_syscall3(SYS_settimeofday_time32, (long)&tv, 0, 0), 0);
	KT_ASSERT_EQ(raw_syscall3(SYS_clock_gettime32, CLOCK_REALTIME,
				  (long)&after, 0), 0);
	KT_EXPECT_LT(after.sec, now.sec + 10);
}

static void timeofday_errors(void)
{
	struct { int32_t sec, usec; } tv;
	struct { int32_t mw, dst; } tz;

	KT_EXPECT_EQ(raw_syscall3(SYS_gettimeofday_time32, (long)&tv, 0xE0000000, 0),
		     -EFAULT);
	KT_EXPECT_EQ(raw_syscall3(SYS_gettimeofday_time32, 0xE0000000, 0, 0), -EFAULT);
	KT_EXPECT_EQ(raw_syscall3(SYS_gettimeofday_time32, (long)&tv, (long)&tz, 0),
		     0);
	KT_EXPECT_EQ(raw_syscall3(SYS_gettimeofday_time32, 0, 0, 0), 0);
	tv.sec = 0;
	tv.usec = 1000000;
	KT_EXPECT_EQ(raw_syscall3(SYS_settimeofday_time32, (long)&tv, 0, 0), -EINVAL);
	tv.usec = -1;
	KT_EXPECT_EQ(raw_syscall3(SYS_settimeofday_time32, (long)&tv, 0, 0), -EINVAL);
	KT_EXPECT_EQ(raw_syscall3(SYS_settimeofday_time32, 0xE0000000, 0, 0), -EFAULT);
	/* Neither: nothing to do. */
	KT_EXPECT_EQ(raw_syscall3(SYS_settimeofday_time32, 0, 0, 0), 0);
}

static void waitpid_int_min(void)
{
	KT_EXPECT_EQ(raw_syscall3(SYS_waitpid, INT_MIN, 0, 0), -ESRCH);
	KT_EXPECT_EQ(raw_syscall5(SYS_wait4, INT_MIN, 0, 0, 0, 0), -ESRCH);
	KT_EXPECT_EQ(raw_syscall3(SYS_waitpid, -1, 0, WNOHANG), -ECHILD);
}

/* A name of 255 bytes is fine, 256 is not; paths up to 4095 bytes. */
static void path_limits(void)
{
	char name[300], *path;
	size_t dirlen;
	int fd;

	memset(name, 'n', 255);
	name[255] = '\0';
	fd = open(spath("%s", name), O_CREAT | O_WRONLY, 0600);
	KT_EXPECT_GE(fd, 0);
	close(fd);
	KT_EXPECT_EQ(unlink(spath("%s", name)), 0);
	name[255] = 'n';
	name[256] = '\0';
	KT_EXPECT_EQ(open(spath("%s", name), O_CREAT | O_WRONLY, 0600), -1);
	KT_EXPECT_EQ(errno, ENAMETOOLONG);
	/* A long path of "./" components: under 4096 is walked. */
	path = malloc(8192);
	KT_ASSERT(path);
	strcpy(path, scratch_dir());
	dirlen = strlen(path);
	while (strlen(path) < 4000)
		strcat(path, "/.");
	KT_EXPECT_EQ(access(path, F_OK), 0);
	while (strlen(path) < 4096)
		strcat(path, "/.");
	KT_EXPECT_EQ(access(path, F_OK), -1);
	KT_EXPECT_EQ(errno, ENAMETOOLONG);
	(void)dirlen;
	free(path);
	KT_EXPECT_EQ(pathconf("/", _PC_NAME_MAX), 255);
	KT_EXPECT_EQ(PATH_MAX, 4096);
}

/* CLONE_PARENT: the child is our parent's; we cannot wait for it. */
static void clone_parent_child(void *unused)
{
	pid_t me = getpid();
	long pid;

	(void)unused;
	pid = raw_syscall5(SYS_clone, CLONE_PARENT | SIGCHLD, 0, 0, 0, 0);
	if (pid == 0) {
		/* The grandchild: its parent is our caller's parent. */
		_exit(getppid() == me ? 1 : 0);
	}
	KT_ASSERT(pid > 0);
	KT_EXPECT_EQ(waitpid(pid, NULL, 0), -1);
	KT_EXPECT_EQ(errno, ECHILD);
	/* Tell the test process the grandchild's pid. */
	_exit(pid & 0x7f);
}

static void clone_parent(void)
{
	pid_t child = spawn(clone_parent_child, NULL), got;
	int status, gstatus;

	KT_ASSERT(child > 0);
	/* Two children to reap: the child and the grandchild. */
	got = waitpid(child, &status, 0);
	KT_EXPECT_EQ(got, child);
	got = wait(&gstatus);
	KT_EXPECT_GT(got, 0);
	KT_EXPECT_EQ(got & 0x7f, WEXITSTATUS(status));
	KT_EXPECT(WIFEXITED(gstatus) && WEXITSTATUS(gstatus) == 0);
}

static void prctl_slack_tsc(void)
{
	int mode = 0;
	long def = prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0);

	KT_EXPECT_GT(def, 0);
	KT_EXPECT_EQ(prctl(PR_SET_TIMERSLACK, 1000000, 0, 0, 0), 0);
	KT_EXPECT_EQ(prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0), 1000000);
	KT_EXPECT_EQ(prctl(PR_SET_TIMERSLACK, 0, 0, 0, 0), 0);
	KT_EXPECT_EQ(prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0), def);
	KT_EXPECT_EQ(prctl(PR_GET_TSC, (unsigned long)&mode, 0, 0, 0), 0);
	KT_EXPECT_EQ(mode, PR_TSC_ENABLE);
	KT_EXPECT_EQ(prctl(PR_SET_TSC, PR_TSC_ENABLE, 0, 0, 0), 0);
	KT_EXPECT_EQ(prctl(PR_SET_TSC, 7, 0, 0, 0), -1);
	KT_EXPECT_EQ(errno, EINVAL);
	KT_EXPECT_EQ(raw_syscall5(SYS_prctl, PR_GET_TSC, 0, 0, 0, 0), -EFAULT);
}

static bool read_line(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return false;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return true;
}

static void identity(void)
{
	struct utsname u;
	char buf[256];

	KT_ASSERT_EQ(uname(&u), 0);
	KT_EXPECT(!strcmp(u.sysname, "Linux"));
	KT_EXPECT(u.release[0] >= '3' && u.release[0] <= '9');
	KT_ASSERT(read_line("/proc/sys/kernel/osrelease", buf, sizeof(buf)));
	KT_EXPECT(!strcmp(buf, u.release));
	KT_ASSERT(read_line("/proc/sys/kernel/ostype", buf, sizeof(buf)));
	KT_EXPECT(!strcmp(buf, "Linux"));
	KT_ASSERT(read_line("/proc/sys/kernel/hostname", buf, sizeof(buf)));
	KT_EXPECT(!strcmp(buf, u.nodename));
	KT_ASSERT(read_line("/proc/version", buf, sizeof(buf)));
	KT_EXPECT(!strncmp(buf, "Linux version ", 14));
	KT_EXPECT(strstr(buf, u.release) != NULL);
	ktap_diag("%s", buf);
	if (!on_linux()) {
		KT_EXPECT(strstr(buf, "kmapos") != NULL);
		KT_EXPECT(strstr(u.version, "kmapos") != NULL);
	}
}

static void sethostname_calls(void)
{
	struct utsname u;
	char buf[80];
	int fd;

	KT_EXPECT_EQ(raw_syscall3(SYS_sethostname, (long)"x", 65, 0), -EINVAL);
	KT_EXPECT_EQ(raw_syscall3(SYS_sethostname, (long)"x", -1, 0), -EINVAL);
	if (on_linux()) {
		ktap_skip("not renaming the host");
		return;
	}
	KT_EXPECT_EQ(raw_syscall3(SYS_sethostname, 0xE0000000, 4, 0), -EFAULT);
	KT_EXPECT_EQ(sethostname("testhost", 8), 0);
	KT_ASSERT_EQ(uname(&u), 0);
	KT_EXPECT(!strcmp(u.nodename, "testhost"));
	fd = open("/proc/sys/kernel/hostname", O_WRONLY | O_TRUNC);
	KT_ASSERT(fd >= 0);
	KT_EXPECT_EQ(write(fd, "kmapos\n", 7), 7);
	close(fd);
	KT_ASSERT(read_line("/proc/sys/kernel/hostname", buf, sizeof(buf)));
	KT_EXPECT(!strcmp(buf, "kmapos"));
}

static long read_num(const char *path)
{
	char buf[64];

	return read_line(path, buf, sizeof(buf)) ? strtol(buf, NULL, 10) : -1;
}

static void proc_sys_values(void)
{
	long pid_max = read_num("/proc/sys/kernel/pid_max");
	int fd;

	KT_EXPECT_GE(pid_max, 301);
	KT_EXPECT_GE(read_num("/proc/sys/kernel/threads-max"), 20);
	KT_EXPECT_GE(read_num("/proc/sys/kernel/tainted"), 0);
	KT_EXPECT_GT(read_num("/proc/sys/fs/file-max"), 0);
	KT_EXPECT_GE(read_num("/proc/sys/fs/pipe-max-size"), 4096);
	KT_EXPECT_GE(read_num("/proc/sys/vm/overcommit_memory"), 0);
	KT_EXPECT_LE(read_num("/proc/sys/vm/overcommit_memory"), 2);
	KT_EXPECT_GE(read_num("/proc/sys/kernel/cap_last_cap"), 36);
	if (on_linux())
		return;
	KT_EXPECT_EQ(read_num("/proc/sys/kernel/tainted"), 0);
	/* Writable where it means something; bad values are EINVAL. */
	fd = open("/proc/sys/kernel/pid_max", O_WRONLY);
	KT_ASSERT(fd >= 0);
	KT_EXPECT_EQ(write(fd, "100", 3), -1);
	KT_EXPECT_EQ(errno, EINVAL);
	KT_EXPECT_EQ(write(fd, "20000\n", 6), 6);
	close(fd);
	KT_EXPECT_EQ(read_num("/proc/sys/kernel/pid_max"), 20000);
	fd = open("/proc/sys/kernel/pid_max", O_WRONLY);
	KT_EXPECT_EQ(write(fd, "32768", 5), 5);
	close(fd);
	/* Read-only ones refuse the open. */
	KT_EXPECT_EQ(open("/proc/sys/kernel/osrelease", O_WRONLY), -1);
	KT_EXPECT_EQ(errno, EACCES);
	fd = open("/proc/sys/vm/overcommit_memory", O_WRONLY);
	KT_EXPECT_EQ(write(fd, "3", 1), -1);
	KT_EXPECT_EQ(write(fd, "0", 1), 1);
	close(fd);
}

static void proc_ns_and_task(void)
{
	char buf[64], path[64];
	struct dirent *de;
	bool found = false;
	DIR *d;
	ssize_t n;

	n = readlink("/proc/self/ns/uts", buf, sizeof(buf) - 1);
	KT_ASSERT(n > 0);
	buf[n] = '\0';
	KT_EXPECT(!strncmp(buf, "uts:[", 5));
	n = readlink("/proc/1/ns/uts", path, sizeof(path) - 1);
	if (n > 0) {
		path[n] = '\0';
		/* Not in a container: the same namespace as init. */
		if (!on_linux())
			KT_EXPECT(!strcmp(buf, path));
	}
	n = readlink("/proc/self/ns/mnt", buf, sizeof(buf) - 1);
	KT_EXPECT_GT(n, 5);
	/* /proc/self/task/<tid> with the per-thread files. */
	d = opendir("/proc/self/task");
	KT_ASSERT(d);
	while ((de = readdir(d)))
		if (atoi(de->d_name) == getpid())
			found = true;
	closedir(d);
	KT_EXPECT(found);
	snprintf(path, sizeof(path), "/proc/self/task/%d/comm", getpid());
	KT_ASSERT(read_line(path, buf, sizeof(buf)));
	KT_EXPECT(!strcmp(buf, "sysabi"));
	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", getpid());
	KT_ASSERT(read_line(path, buf, sizeof(buf)));
	KT_EXPECT_EQ(atoi(buf), getpid());
	snprintf(path, sizeof(path), "/proc/self/task/%d/status", getpid());
	KT_EXPECT(read_line(path, buf, sizeof(buf)));
	/* Not one of our threads. */
	KT_EXPECT_EQ(access("/proc/self/task/1/stat", F_OK), -1);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(reboot_errors),
	KTAP_CASE(reboot_permission),
	KTAP_CASE(capabilities),
	KTAP_CASE(personality_calls),
	KTAP_CASE(unshare_calls),
	KTAP_CASE(modify_ldt_calls),
	KTAP_CASE(clock_settime_errors),
	KTAP_CASE(clock_settime_moves_realtime),
	KTAP_CASE(timeofday_errors),
	KTAP_CASE(waitpid_int_min),
	KTAP_CASE(path_limits),
	KTAP_CASE(clone_parent),
	KTAP_CASE(prctl_slack_tsc),
	KTAP_CASE(identity),
	KTAP_CASE(sethostname_calls),
	KTAP_CASE(proc_sys_values),
	KTAP_CASE(proc_ns_and_task),
	{ 0 }
};

int main(void)
{
	if (scratch_init("sysabi"))
		return KTAP_EXIT_FAIL;
	return ktap_main("sysabi", cases);
}
