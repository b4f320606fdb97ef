// SPDX-License-Identifier: GPL-2.0
/*
 * prctl(): the per-process options programs commonly set. What is here:
 *
 *   PR_SET_NAME / PR_GET_NAME    the thread's comm (16 bytes with the NUL)
 *   PR_SET_DUMPABLE / GET        kept and answered; there are no core
 *                                dumps to allow or forbid
 *   PR_SET_NO_NEW_PRIVS / GET    kept (once set, stays set); exec never
 *                                grants privileges here anyway
 *   PR_SET_PDEATHSIG / GET       the signal the caller gets when its
 *                                parent process ends (kernel/exit.c, at
 *                                the moment its children go to init);
 *                                fork clears it. Linux sends it when the
 *                                parent *thread* ends; here children
 *                                belong to the process, so to its end.
 *
 *   PR_SET_TIMERSLACK / GET      kept (0 sets the default, 50 us) and
 *                                inherited; timers here fire on the tick
 *                                anyway, so it changes no wake-up
 *   PR_SET_TSC / PR_GET_TSC      PR_TSC_ENABLE only: rdtsc always works
 *                                here; PR_TSC_SIGSEGV (trap rdtsc) is
 *                                -EINVAL, not built (Documentation/
 *                                syscalls.md)
 *
 * Anything else is -EINVAL, Linux's answer for an option it does not
 * know.
 */
#include <task.h>
#include <signal.h>
#include <uaccess.h>
#include <syscalls.h>
#include <string.h>
#include <errno.h>

#define PR_SET_PDEATHSIG	1
#define PR_GET_PDEATHSIG	2
#define PR_GET_DUMPABLE		3
#define PR_SET_DUMPABLE		4
#define PR_SET_NAME		15
#define PR_GET_NAME		16
#define PR_GET_TSC		25
#define PR_SET_TSC		26
#define PR_SET_TIMERSLACK	29
#define PR_GET_TIMERSLACK	30
#define PR_SET_NO_NEW_PRIVS	38
#define PR_GET_NO_NEW_PRIVS	39

#define PR_TSC_ENABLE		1
#define DEFAULT_TIMER_SLACK_NS	50000

static long set_comm(const char __user *uname)
{
	char name[TASK_COMM_LEN];
	long n = strncpy_from_user(name, uname, sizeof(name) - 1);

	if (n < 0)
		return n;
	name[n] = '\0';
	/* Readers may see a mix of old and new letters, never no NUL. */
	strlcpy(current->comm, name, sizeof(current->comm));
	return 0;
}

static long get_comm(char __user *uname)
{
	char name[TASK_COMM_LEN];

	strlcpy(name, current->comm, sizeof(name));
	return copy_to_user(uname, name, sizeof(name)) ? -EFAULT : 0;
}

SYSCALL_DEFINE5(prctl, int, option, unsigned long, arg2, unsigned long, arg3,
		unsigned long, arg4, unsigned long, arg5)
{
	struct task_struct *t = current;

	switch (option) {
	case PR_SET_PDEATHSIG:
		if (arg2 && !valid_signal(arg2))
			return -EINVAL;
		WRITE_ONCE(t->pdeath_signal, arg2);
		return 0;
	case PR_GET_PDEATHSIG:
		return put_user((int)t->pdeath_signal, (int __user *)arg2);
	case PR_SET_NAME:
		return set_comm((const char __user *)arg2);
	case PR_GET_NAME:
		return get_comm((char __user *)arg2);
	case PR_GET_DUMPABLE:
		return !t->not_dumpable;
	case PR_SET_DUMPABLE:
		if (arg2 > 1)
			return -EINVAL;
		t->not_dumpable = !arg2;
		return 0;
	case PR_SET_NO_NEW_PRIVS:
		if (arg2 != 1 || arg3 || arg4 || arg5)
			return -EINVAL;
		t->no_new_privs = true;
		return 0;
	case PR_SET_TIMERSLACK:
		t->timer_slack_ns = arg2 ? arg2 : 0;
		return 0;
	case PR_GET_TIMERSLACK:
		return t->timer_slack_ns ? (long)t->timer_slack_ns
					 : DEFAULT_TIMER_SLACK_NS;
	case PR_GET_TSC:
		return put_user((int)PR_TSC_ENABLE, (int __user *)arg2);
	case PR_SET_TSC:
		return arg2 == PR_TSC_ENABLE ? 0 : -EINVAL;
	case PR_GET_NO_NEW_PRIVS:
		if (arg2 || arg3 || arg4 || arg5)
			return -EINVAL;
		return t->no_new_privs;
	default:
		return -EINVAL;
	}
}
