// SPDX-License-Identifier: GPL-2.0
/*
 * faults: a CPU exception in user mode kills only the process that took
 * it, with the signal Linux would send, and everything else goes on.
 *
 * Each case forks a child that does one bad thing; the parent checks the
 * wait status (WIFSIGNALED and the signal number) and that it can still
 * run and write afterwards. The kernel is expected to print one line per
 * fault (like Linux's "segfault at ADDR ip IP"); those are printk lines,
 * not KTAP, and the harness ignores them.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ktap.h"
#include "util.h"

int main(void);

/* Run fn in a child; the child must die of `sig`. */
static void expect_killed_by(void (*fn)(void *), void *arg, int sig)
{
	char why[64];
	int status = child_status(fn, arg);

	if (!WIFSIGNALED(status) || WTERMSIG(status) != sig)
		ktap_fail_at(__FILE__, __LINE__, "child %s, expected signal %d (%s)",
			     describe_status(status, why, sizeof(why)), sig,
			     strsignal(sig));
	/* The parent is untouched and the kernel still serves it. */
	KT_EXPECT_GT(getpid(), 0);
}

static void read_address(void *addr)
{
	(void)*(volatile char *)addr;
	ktap_diag("read of %p did not fault", addr);
}

static void write_address(void *addr)
{
	*(volatile char *)addr = 1;
	ktap_diag("write to %p did not fault", addr);
}

static void read_kmap_area_kills_only_child(void)
{
	expect_killed_by(read_address, (void *)0xE0000000, SIGSEGV);
}

static void read_pkmap_area_kills_only_child(void)
{
	expect_killed_by(read_address, (void *)0xE0400000, SIGSEGV);
}

static void read_kernel_direct_map_kills_child(void)
{
	expect_killed_by(read_address, (void *)0xC0100000, SIGSEGV);
}

static void write_kernel_kills_child(void)
{
	expect_killed_by(write_address, (void *)0xC0000000, SIGSEGV);
}

static void null_dereference_kills_child(void)
{
	expect_killed_by(read_address, NULL, SIGSEGV);
	expect_killed_by(write_address, NULL, SIGSEGV);
}

static void write_to_text_kills_child(void)
{
	expect_killed_by(write_address, (void *)(unsigned long)main, SIGSEGV);
}

static void call_address(void *addr)
{
	((void (*)(void))addr)();
}

static void jump_into_kernel_kills_child(void)
{
	expect_killed_by(call_address, (void *)0xC0100000, SIGSEGV);
}

static void invalid_opcode(void *unused)
{
	(void)unused;
	__asm__ volatile("ud2");
}

static void invalid_opcode_sigill(void)
{
	expect_killed_by(invalid_opcode, NULL, SIGILL);
}

static void divide_by_zero(void *zero)
{
	volatile int d = (int)(long)zero, n = 1;

	__asm__ volatile("" : : "r"(n / d));
}

static void divide_error_sigfpe(void)
{
	expect_killed_by(divide_by_zero, NULL, SIGFPE);
}

static void breakpoint(void *unused)
{
	(void)unused;
	__asm__ volatile("int3");
}

static void breakpoint_sigtrap(void)
{
	expect_killed_by(breakpoint, NULL, SIGTRAP);
}

/* Privileged instructions raise #GP in ring 3: SIGSEGV on Linux. */
static void privileged(void *which)
{
	if (which)
		__asm__ volatile("cli");
	else
		__asm__ volatile("hlt");
}

static void privileged_instruction_sigsegv(void)
{
	expect_killed_by(privileged, NULL, SIGSEGV);
	expect_killed_by(privileged, (void *)1, SIGSEGV);
}

/* A system-call gate other than 0x80 is not open to user mode. */
static void kernel_only_vector(void *unused)
{
	(void)unused;
	__asm__ volatile("int $0x0e");	/* the page-fault vector */
}

static void int_to_kernel_vector_sigsegv(void)
{
	expect_killed_by(kernel_only_vector, NULL, SIGSEGV);
}

/* Never reached: the compiler must not see an endless recursion. */
static volatile int recursion_limit = 0x7fffffff;

static int recurse(int depth)
{
	volatile char pad[1024];

	if (depth >= recursion_limit)
		return 0;
	pad[0] = (char)depth;
	return recurse(depth + 1) + pad[0];
}

static void overflow_stack(void *unused)
{
	(void)unused;
	recurse(0);
}

static void stack_overflow_kills_child(void)
{
	expect_killed_by(overflow_stack, NULL, SIGSEGV);
}

static void spin_forever(void *unused)
{
	(void)unused;
	for (;;)
		__asm__ volatile("" ::: "memory");
}

/* kill(SIGKILL) ends a process that never enters the kernel. */
static void sigkill_spinning_child(void)
{
	struct timespec ts = { 0, 20 * 1000 * 1000 };
	pid_t pid = spawn(spin_forever, NULL);
	char why[64];
	int status;

	KT_ASSERT(pid > 0);
	nanosleep(&ts, NULL);
	KT_EXPECT_EQ(kill(pid, SIGKILL), 0);
	status = wait_status(pid);
	if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL)
		ktap_fail_at(__FILE__, __LINE__, "child %s, expected SIGKILL",
			     describe_status(status, why, sizeof(why)));
}

/* Many faulting children at once, on every CPU. */
static void many_faults_in_parallel(void)
{
	int n = 4 * online_cpus(), bad = 0;
	pid_t pids[64];
	char why[64];

	if (n > 64)
		n = 64;
	for (int i = 0; i < n; i++)
		pids[i] = spawn(read_address, (void *)(0xE0000000ul + i * 4096));
	for (int i = 0; i < n; i++) {
		int status = wait_status(pids[i]);

		if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGSEGV) {
			ktap_diag("child %d %s", i,
				  describe_status(status, why, sizeof(why)));
			bad++;
		}
	}
	KT_EXPECT_EQ(bad, 0);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(read_kmap_area_kills_only_child),
	KTAP_CASE(read_pkmap_area_kills_only_child),
	KTAP_CASE(read_kernel_direct_map_kills_child),
	KTAP_CASE(write_kernel_kills_child),
	KTAP_CASE(null_dereference_kills_child),
	KTAP_CASE(write_to_text_kills_child),
	KTAP_CASE(jump_into_kernel_kills_child),
	KTAP_CASE(invalid_opcode_sigill),
	KTAP_CASE(divide_error_sigfpe),
	KTAP_CASE(breakpoint_sigtrap),
	KTAP_CASE(privileged_instruction_sigsegv),
	KTAP_CASE(int_to_kernel_vector_sigsegv),
	KTAP_CASE(stack_overflow_kills_child),
	KTAP_CASE(sigkill_spinning_child),
	KTAP_CASE(many_faults_in_parallel),
	{ 0 }
};

int main(void)
{
	return ktap_main("faults", cases);
}
