// SPDX-License-Identifier: GPL-2.0
/*
 * tls_segments: a process may load one of its TLS descriptors into SS
 * (mov %ss is allowed for any present, writable DPL 3 data segment) and
 * then clear that descriptor with set_thread_area(). The iret
 * back to user mode must not fault in the kernel: the process dies of a
 * signal (Linux: SIGSEGV/SIGILL from its iret fixup) and everything else
 * goes on.
 *
 * The child: set_thread_area(-1) a flat 32-bit data segment, load its
 * selector into SS, then (in the same asm block, no stack use) make the
 * entry empty with set_thread_area and try to carry on.
 *
 * A second case does the same to GS, many times over, while a sibling
 * spins on the same CPU so the system calls get preempted: the kernel
 * must never run with a selector whose descriptor it is changing (a
 * nested interrupt's return would reload it and fault in the kernel).
 * Both here and on Linux the user's GS reads back as 0 afterwards.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ktap.h"
#include "util.h"

struct user_desc {
	unsigned int entry_number;
	unsigned int base_addr;
	unsigned int limit;
	unsigned int seg_32bit:1;
	unsigned int contents:2;
	unsigned int read_exec_only:1;
	unsigned int limit_in_pages:1;
	unsigned int seg_not_present:1;
	unsigned int useable:1;
};

static struct user_desc flat, gone;

/* arg NULL: the SS descriptor is cleared; else it becomes read-only. */
static void ss_descriptor_vanishes(void *arg)
{
	unsigned int sel, ret;

	flat = (struct user_desc){ .entry_number = -1, .limit = 0xfffff,
				   .seg_32bit = 1, .limit_in_pages = 1,
				   .useable = 1 };
	if (syscall(SYS_set_thread_area, &flat))
		_exit(3);
	/* Linux's way to clear a TLS entry ("LDT_empty"). */
	gone = (struct user_desc){ .entry_number = flat.entry_number,
				   .read_exec_only = 1, .seg_not_present = 1 };
	if (arg) {
		gone = flat;
		gone.read_exec_only = 1;	/* SS must be writable */
	}
	sel = flat.entry_number * 8 + 3;
	__asm__ __volatile__(
		"movl %%ss, %%edi\n\t"
		"movl %1, %%ss\n\t"
		"int $0x80\n\t"
		"movl %%edi, %%ss\n\t"
		: "=a"(ret)
		: "r"(sel), "a"(SYS_set_thread_area), "b"(&gone)
		: "edi", "memory");
	(void)ret;
	_exit(0);	/* ran on with an unusable SS: no harm either */
}

static void unusable_ss_kills_only_the_process(void)
{
	char why[64];

	for (long ro = 0; ro < 2; ro++) {
		int status = child_status(ss_descriptor_vanishes, (void *)ro);

		ktap_diag("SS descriptor %s: child %s",
			  ro ? "made read-only" : "cleared",
			  describe_status(status, why, sizeof(why)));
		KT_EXPECT(WIFSIGNALED(status) ||
			  (WIFEXITED(status) && WEXITSTATUS(status) == 0));
	}
	KT_EXPECT_GT(getpid(), 0);
}

#define GS_ROUNDS	20000
#define GS_MAX_NS	1500000000LL	/* stop early on slow machines */

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Load sel into GS, then replace its descriptor with *bad. GS after. */
static unsigned int gs_under_changing_descriptor(unsigned int sel,
						 struct user_desc *bad)
{
	unsigned int ret, gs;

	__asm__ __volatile__(
		"movl %%gs, %%edi\n\t"
		"movl %3, %%gs\n\t"
		"int $0x80\n\t"
		"movl %%gs, %1\n\t"
		"movl %%edi, %%gs\n\t"
		: "=a"(ret), "=r"(gs)
		: "a"(SYS_set_thread_area), "r"(sel), "b"(bad)
		: "edi", "memory");
	return ret ? ~0u : gs;
}

static void gs_descriptor_churn(void *arg)
{
	struct user_desc data, bad;
	long long deadline = now_ns() + GS_MAX_NS;
	unsigned int sel, gs;
	int i;

	(void)arg;
	if (pin_to_cpu(0))
		_exit(4);
	data = (struct user_desc){ .entry_number = -1, .limit = 0xfffff,
				   .seg_32bit = 1, .limit_in_pages = 1,
				   .useable = 1 };
	if (syscall(SYS_set_thread_area, &data))
		_exit(3);
	sel = data.entry_number * 8 + 3;
	for (i = 0; i < GS_ROUNDS && now_ns() < deadline; i++) {
		/* The two ways Linux accepts to clear an entry. */
		bad = (struct user_desc){ .entry_number = data.entry_number };
		if (i & 1)
			bad.read_exec_only = bad.seg_not_present = 1;
		gs = gs_under_changing_descriptor(sel, &bad);
		if (gs != 0)
			_exit(5);
		if (syscall(SYS_set_thread_area, &data))
			_exit(6);
	}
	_exit(0);
}

static void spin_on_cpu0(void *arg)
{
	long long deadline = now_ns() + GS_MAX_NS + 500000000LL;

	(void)arg;
	pin_to_cpu(0);
	while (now_ns() < deadline && getppid() != 1)
		;
	_exit(0);
}

static void gs_descriptor_changes_under_preemption(void)
{
	char why[64];
	pid_t spinner = spawn(spin_on_cpu0, NULL);
	int status = child_status(gs_descriptor_churn, NULL);

	ktap_diag("churning child %s", describe_status(status, why,
							sizeof(why)));
	KT_EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	if (spinner > 0) {
		kill(spinner, SIGKILL);
		wait_status(spinner);
	}
}

/* Linux's rules (tls_desc_okay): only present 32-bit data segments. */
static void code_and_not_present_descriptors_are_refused(void)
{
	struct user_desc u = { .entry_number = -1, .limit = 0xfffff,
			       .seg_32bit = 1, .limit_in_pages = 1 };

	u.contents = 2;			/* code */
	KT_EXPECT_EQ(syscall(SYS_set_thread_area, &u), -1);
	KT_EXPECT_EQ(errno, EINVAL);
	u.contents = 0;
	u.seg_not_present = 1;
	KT_EXPECT_EQ(syscall(SYS_set_thread_area, &u), -1);
	KT_EXPECT_EQ(errno, EINVAL);
	u.seg_not_present = 0;
	u.seg_32bit = 0;		/* 16-bit */
	KT_EXPECT_EQ(syscall(SYS_set_thread_area, &u), -1);
	KT_EXPECT_EQ(errno, EINVAL);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(code_and_not_present_descriptors_are_refused),
	KTAP_CASE(unusable_ss_kills_only_the_process),
	KTAP_CASE(gs_descriptor_changes_under_preemption),
	{ 0 }
};

int main(void)
{
	return ktap_main("tls_segments", cases);
}
