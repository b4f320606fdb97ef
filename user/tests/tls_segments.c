// SPDX-License-Identifier: GPL-2.0
/*
 * tls_segments: a process may load one of its TLS descriptors into SS
 * (mov %ss is allowed for any present, writable DPL 3 data segment) and
 * then make that descriptor unusable with set_thread_area(). The iret
 * back to user mode must not fault in the kernel: the process dies of a
 * signal (Linux: SIGSEGV/SIGILL from its iret fixup) and everything else
 * goes on.
 *
 * The child: set_thread_area(-1) a flat 32-bit data segment, load its
 * selector into SS, then (in the same asm block, no stack use) make the
 * entry not present with set_thread_area and try to carry on.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
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

static void ss_descriptor_vanishes(void *arg)
{
	unsigned int sel, ret;

	(void)arg;
	flat = (struct user_desc){ .entry_number = -1, .limit = 0xfffff,
				   .seg_32bit = 1, .limit_in_pages = 1,
				   .useable = 1 };
	if (syscall(SYS_set_thread_area, &flat))
		_exit(3);
	gone = flat;
	gone.seg_not_present = 1;
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

static void not_present_ss_kills_only_the_process(void)
{
	char why[64];
	int status = child_status(ss_descriptor_vanishes, NULL);

	ktap_diag("child %s", describe_status(status, why, sizeof(why)));
	KT_EXPECT(WIFSIGNALED(status) || (WIFEXITED(status) &&
					       WEXITSTATUS(status) == 0));
	KT_EXPECT_GT(getpid(), 0);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(not_present_ss_kills_only_the_process),
	{ 0 }
};

int main(void)
{
	return ktap_main("tls_segments", cases);
}
