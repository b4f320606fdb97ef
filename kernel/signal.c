// SPDX-License-Identifier: GPL-2.0
/*
 * Signals with default actions only: kill() and faults post a signal; on
 * its way back to user mode the target acts on it (do_signal): a signal
 * whose default action terminates ends the process with a wait status
 * that names the signal, the others are dropped. Handlers registered with
 * rt_sigaction() are accepted and remembered nowhere yet: the default
 * action still applies (Documentation/syscalls.md).
 */
#include <signal.h>
#include <task.h>
#include <sched.h>
#include <syscalls.h>
#include <uaccess.h>
#include <kernel.h>
#include <mm.h>
#include <errno.h>
#include <string.h>

/* Signals whose default action is to ignore (or, for STOP/TSTP/TTIN/
 * TTOU, to stop, which is not supported: ignored too). */
#define SIG_IGNORED_MASK						\
	((1u << (SIGCHLD - 1)) | (1u << (SIGCONT - 1)) |		\
	 (1u << (SIGURG - 1)) | (1u << (SIGWINCH - 1)) |		\
	 (1u << (SIGSTOP - 1)) | (1u << (SIGTSTP - 1)) |		\
	 (1u << (SIGTTIN - 1)) | (1u << (SIGTTOU - 1)))

bool sig_default_kills(int sig)
{
	return sig >= 1 && sig <= 32 && !(SIG_IGNORED_MASK & (1u << (sig - 1)));
}

int send_signal(struct task_struct *p, int sig)
{
	if (sig < 1 || sig > 32)
		return -EINVAL;	/* real-time signals are not supported */
	if (!sig_default_kills(sig))
		return 0;
	if (p->flags & (PF_KTHREAD | PF_EXITING))
		return 0;
	/* As on Linux, init gets no signal it has not asked for (it has no
	 * handlers here): killing it would take the whole system down. Its
	 * own faults still kill it (force_sig_fatal). */
	if (p->tgid == 1)
		return 0;
	__atomic_fetch_or(&p->sig_pending, 1u << (sig - 1), __ATOMIC_SEQ_CST);
	set_tsk_thread_flag(p, TIF_SIGPENDING);
	kick_process(p);
	return 0;
}

void force_sig_fatal(int sig)
{
	struct task_struct *t = current;

	/* The faulting signal first, whatever else is pending. */
	__atomic_store_n(&t->sig_pending, 1u << (sig - 1), __ATOMIC_SEQ_CST);
	set_tsk_thread_flag(t, TIF_SIGPENDING);
}

void do_signal(void)
{
	struct task_struct *t = current;
	u32 pending = __atomic_exchange_n(&t->sig_pending, 0, __ATOMIC_SEQ_CST);

	clear_tsk_thread_flag(t, TIF_SIGPENDING);
	if (!pending)
		return;
	/* Lowest number first, as Linux delivers synchronous ones first. */
	do_group_exit(W_SIGNALED(__builtin_ctz(pending) + 1));
}

/* Signal task id if it is alive and, when tgid > 0, in thread group tgid. */
static long signal_task(pid_t id, pid_t tgid, int sig)
{
	struct task_struct *p = find_get_task_by_pid(id);
	long ret;

	if (!p)
		return -ESRCH;
	if ((tgid > 0 && p->tgid != tgid) || p->exit_state)
		ret = -ESRCH;
	else
		ret = sig ? send_signal(p, sig) : 0;
	put_task_struct(p);
	return ret;
}

SYSCALL_DEFINE2(kill, pid_t, pid, int, sig)
{
	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	if (pid <= 0)
		return -ESRCH;	/* no process groups: nobody is in one */
	return signal_task(pid, pid, sig);	/* pid must name a process */
}

static long signal_thread(pid_t tgid, pid_t tid, int sig)
{
	if (tid <= 0 || sig < 0 || sig > _NSIG)
		return -EINVAL;
	return signal_task(tid, tgid, sig);
}

SYSCALL_DEFINE2(tkill, pid_t, tid, int, sig)
{
	return signal_thread(-1, tid, sig);
}

SYSCALL_DEFINE3(tgkill, pid_t, tgid, pid_t, tid, int, sig)
{
	return signal_thread(tgid, tid, sig);
}

/*
 * Accepted so that libc start-up and abort() work; no handler is ever
 * invoked. The old action reads back as SIG_DFL.
 */
SYSCALL_DEFINE4(rt_sigaction, int, sig, const void __user *, act,
		void __user *, oact, size_t, sigsetsize)
{
	/* struct k_sigaction on i386: handler, flags, restorer, mask[2] */
	u32 old[5] = { 0 };

	if (sig < 1 || sig > _NSIG || sigsetsize != 8)
		return -EINVAL;
	if ((sig == SIGKILL || sig == SIGSTOP) && act)
		return -EINVAL;
	if (oact && copy_to_user(oact, old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* No signal is ever blocked; the old mask reads back empty. */
SYSCALL_DEFINE4(rt_sigprocmask, int, how, const void __user *, set,
		void __user *, oset, size_t, sigsetsize)
{
	u32 empty[2] = { 0, 0 };

	if (sigsetsize != 8)
		return -EINVAL;
	if (set && how != 0 && how != 1 && how != 2)
		return -EINVAL;
	if (oset && copy_to_user(oset, empty, sizeof(empty)))
		return -EFAULT;
	return 0;
}
