// SPDX-License-Identifier: GPL-2.0
/*
 * clone(2) on Linux i386: clone(flags, newsp, parent_tidptr, tls,
 * child_tidptr). musl's pthread_create() passes
 *
 *   CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD |
 *   CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID |
 *   CLONE_CHILD_CLEARTID | CLONE_DETACHED
 *
 * which makes a thread: same address space and descriptor table, same
 * process id (tgid), its own tid, its own TLS descriptor, and a tid word
 * the kernel zeroes and futex-wakes when the thread ends. The low byte of
 * flags is the signal a non-thread child sends its parent at exit; the
 * parent is always told by wait4 here, whatever the signal.
 */
#include <task.h>
#include <futex.h>
#include <mman.h>
#include <uaccess.h>
#include <syscalls.h>
#include <kernel.h>
#include <errno.h>

#define CSIGNAL		0x000000ff

/* Flags clone() accepts; others (namespaces, ptrace...) are -EINVAL. */
#define CLONE_SUPPORTED							\
	(CSIGNAL | CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND |	\
	 CLONE_VFORK | CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS |	\
	 CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID | CLONE_DETACHED |	\
	 CLONE_CHILD_SETTID | CLONE_PARENT)

void clone_set_tids(struct task_struct *p, const struct clone_args_k *args)
{
	u32 tid = p->pid;

	/* Both before the child runs, as musl's thread start relies on. */
	if (args->flags & CLONE_PARENT_SETTID)
		(void)put_user(tid, (u32 __user *)args->parent_tid);
	if (args->flags & CLONE_CHILD_SETTID)
		(void)copy_to_mm(p->mm, args->child_tid, &tid, sizeof(tid));
	if (args->flags & CLONE_CHILD_CLEARTID)
		p->clear_child_tid = args->child_tid;
}

SYSCALL_DEFINE5(clone, unsigned long, flags, unsigned long, newsp,
		int __user *, parent_tidptr, unsigned long, tls,
		int __user *, child_tidptr)
{
	struct clone_args_k args = {
		.flags = flags & ~CSIGNAL,
		.stack = newsp,
		.exit_signal = flags & CSIGNAL,
		.tls = tls,
		.parent_tid = (unsigned long)parent_tidptr,
		.child_tid = (unsigned long)child_tidptr,
	};

	if (flags & ~CLONE_SUPPORTED)
		return -EINVAL;
	/* As Linux: a thread shares signal handlers, which need the mm. */
	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return -EINVAL;
	/* init has no parent to share: Linux refuses it CLONE_PARENT. */
	if ((flags & CLONE_PARENT) && current->tgid == 1)
		return -EINVAL;
	return do_fork(&args);
}
