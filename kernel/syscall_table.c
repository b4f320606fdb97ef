// SPDX-License-Identifier: GPL-2.0
/*
 * The system-call table: Linux i386 numbers to handlers, in one place.
 * A number without a handler returns -ENOSYS; the first time each such
 * number is seen, the kernel says which program asked for it.
 */
#include <syscalls.h>
#include <task.h>
#include <kernel.h>
#include <errno.h>

#define SYSCALL_ENTRY(name)	[__NR_##name] = sys_##name,

static const syscall_fn_t syscall_table[NR_syscalls] = {
	SYSCALL_LIST(SYSCALL_ENTRY)
};

/* One bit per number already reported as missing. */
static unsigned long enosys_seen[(NR_syscalls + 31) / 32 + 1];

static long sys_ni_syscall(struct pt_regs *regs)
{
	unsigned int nr = regs->eax;
	unsigned int idx = nr < NR_syscalls ? nr : NR_syscalls;
	unsigned long bit = 1UL << (idx % 32);

	if (!(__atomic_fetch_or(&enosys_seen[idx / 32], bit, __ATOMIC_RELAXED)
	      & bit))
		pr_info("syscall: %s[%d] called unimplemented system call %u%s\n",
			current->comm, current->pid, nr,
			nr < NR_syscalls ? "" : " (and maybe other large numbers)");
	return -ENOSYS;
}

long do_syscall(struct pt_regs *regs)
{
	unsigned int nr = regs->eax;

	if (nr < NR_syscalls && syscall_table[nr])
		return syscall_table[nr](regs);
	return sys_ni_syscall(regs);
}
