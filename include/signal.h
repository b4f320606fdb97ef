/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Signals, Linux i386 numbering. Only default actions exist so far: a
 * signal whose default is to terminate kills the process (its wait status
 * says which signal); ignored ones are dropped. Handlers installed with
 * rt_sigaction() are recorded but not yet invoked (see
 * Documentation/syscalls.md).
 */
#ifndef _SIGNAL_H
#define _SIGNAL_H

#include <types.h>

#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGILL		4
#define SIGTRAP		5
#define SIGABRT		6
#define SIGBUS		7
#define SIGFPE		8
#define SIGKILL		9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGPIPE		13
#define SIGALRM		14
#define SIGTERM		15
#define SIGSTKFLT	16
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19
#define SIGTSTP		20
#define SIGTTIN		21
#define SIGTTOU		22
#define SIGURG		23
#define SIGXCPU		24
#define SIGXFSZ		25
#define SIGVTALRM	26
#define SIGPROF		27
#define SIGWINCH	28
#define SIGIO		29
#define SIGPWR		30
#define SIGSYS		31
#define _NSIG		64

struct task_struct;

/* Post `sig` to the process of `p`; 0 or -errno. */
int send_signal(struct task_struct *p, int sig);
/* A fault the process cannot continue after: kill it with `sig`. */
void force_sig_fatal(int sig);
/* Does the default action of `sig` kill? (false: ignore) */
bool sig_default_kills(int sig);
/* On the way back to user mode: act on pending signals (may not return). */
void do_signal(void);
/* Wait status for a process killed by `sig`. */
#define W_SIGNALED(sig)		((sig) & 0x7f)
#define W_EXITED(code)		(((code) & 0xff) << 8)

#endif
