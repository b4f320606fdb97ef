// SPDX-License-Identifier: GPL-2.0
/* Helpers shared by the user test programs: see util.h. */
#define _GNU_SOURCE
#include "util.h"
#include "ktap.h"

#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/*
 * Not the caller's own affinity: musl's sysconf(_SC_NPROCESSORS_ONLN)
 * counts that, so a thread pinned to one CPU would see one CPU online
 * and "pin_to_cpu(1 % online_cpus())" would pin every thread to CPU 0.
 * init (pid 1) is never pinned: its mask is every online CPU.
 */
int online_cpus(void)
{
	cpu_set_t set;
	long n;

	if (!sched_getaffinity(1, sizeof(set), &set) && CPU_COUNT(&set) > 0)
		return CPU_COUNT(&set);
	n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : (int)n;
}

int current_cpu(void)
{
	return sched_getcpu();
}

int pin_to_cpu(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return sched_setaffinity(0, sizeof(set), &set) ? -errno : 0;
}

static struct utsname *uts(void)
{
	static struct utsname u;
	static bool done;

	if (!done) {
		if (uname(&u))
			memset(&u, 0, sizeof(u));
		done = true;
	}
	return &u;
}

/* kmapos also says "Linux" (it implements its ABI); its version names it. */
bool on_linux(void)
{
	return !strcmp(uts()->sysname, "Linux") &&
	       !strstr(uts()->version, "kmapos");
}

bool on_linux_compat(void)
{
	return on_linux() && !strcmp(uts()->machine, "x86_64");
}

pid_t spawn(void (*fn)(void *), void *arg)
{
	pid_t pid = fork();

	if (pid < 0) {
		ktap_fail_at(__FILE__, __LINE__, "fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		fn(arg);
		_exit(ktap_case_failed() ? KTAP_EXIT_FAIL : KTAP_EXIT_PASS);
	}
	return pid;
}

int wait_status(pid_t pid)
{
	int status;
	pid_t r;

	if (pid < 0)
		return -1;
	do
		r = waitpid(pid, &status, 0);
	while (r < 0 && errno == EINTR);
	if (r != pid) {
		ktap_fail_at(__FILE__, __LINE__, "waitpid(%d): %s", pid,
			     strerror(errno));
		return -1;
	}
	return status;
}

int child_status(void (*fn)(void *), void *arg)
{
	return wait_status(spawn(fn, arg));
}

const char *describe_status(int status, char *buf, size_t size)
{
	if (status == -1)
		snprintf(buf, size, "no status");
	else if (WIFEXITED(status))
		snprintf(buf, size, "exited %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, size, "killed by signal %d (%s)",
			 WTERMSIG(status), strsignal(WTERMSIG(status)));
	else
		snprintf(buf, size, "status 0x%x", status);
	return buf;
}

uint8_t pattern_byte(uint32_t seed, size_t i)
{
	/* A cheap hash: neighbouring bytes and seeds all differ. */
	uint32_t x = seed * 2654435761u + (uint32_t)i * 40503u;

	x ^= x >> 15;
	x *= 2246822519u;
	x ^= x >> 13;
	return (uint8_t)x;
}

void fill_pattern(void *buf, size_t len, uint32_t seed)
{
	uint8_t *p = buf;

	for (size_t i = 0; i < len; i++)
		p[i] = pattern_byte(seed, i);
}

size_t check_pattern(const void *buf, size_t len, uint32_t seed)
{
	const uint8_t *p = buf;

	for (size_t i = 0; i < len; i++)
		if (p[i] != pattern_byte(seed, i))
			return i;
	return len;
}

int free_pages(unsigned long *low, unsigned long *high)
{
	struct sysinfo si;
	unsigned long long unit, all, hi;

	if (sysinfo(&si))
		return -errno;
	unit = si.mem_unit ? si.mem_unit : 1;
	all = (unsigned long long)si.freeram * unit / PAGE_SIZE;
	hi = (unsigned long long)si.freehigh * unit / PAGE_SIZE;
	*low = (unsigned long)(all - hi);
	*high = (unsigned long)hi;
	return 0;
}

bool free_pages_settle(unsigned long low0, unsigned long high0,
		       unsigned long *low, unsigned long *high, int ms)
{
	struct timespec tick = { 0, 10 * 1000 * 1000 };

	for (int waited = 0;; waited += 10) {
		if (free_pages(low, high))
			return false;
		if ((*low == low0 && *high == high0) || waited >= ms)
			return *low == low0 && *high == high0;
		nanosleep(&tick, NULL);
	}
}

void expect_free_pages_back(unsigned long low0, unsigned long high0)
{
	unsigned long low, high;

	if (on_linux()) {
		ktap_skip("Linux host: free memory is shared with the system");
		return;
	}
	KT_EXPECT(free_pages_settle(low0, high0, &low, &high, 20000));
	ktap_diag("free pages before: lowmem %lu highmem %lu; after: lowmem "
		  "%lu highmem %lu", low0, high0, low, high);
}

void *map_pages(size_t n)
{
	char *p = mmap(NULL, n * PAGE_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	for (size_t i = 0; i < n; i++)
		p[i * PAGE_SIZE] = 0;
	return p;
}
