/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Signals, Linux i386 numbering and ABI values (kernel/signal.c,
 * Documentation/signals.md).
 *
 * Each thread has a blocked mask and its own pending set (tkill/tgkill,
 * faults); each process has a shared pending set (kill, alarm, SIGCHLD),
 * kept in its group leader. Actions live in a sighand_struct shared by
 * CLONE_SIGHAND. Signals are acted on by the target on its way back to
 * user mode: the arch code (arch/x86/kernel/signal.c) asks get_signal()
 * for the next one to deliver and builds the handler's stack frame.
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
#define SIGRTMIN	32
#define _NSIG		64

static inline bool valid_signal(unsigned long sig)
{
	return sig >= 1 && sig <= _NSIG;
}

/* A set of signals: bit n-1 stands for signal n. */
typedef u64 sigset_t;
#define sigmask(sig)	(1ULL << ((sig) - 1))
#define SIG_KERNEL_ONLY_MASK	(sigmask(SIGKILL) | sigmask(SIGSTOP))

/* Handler values. */
#define SIG_DFL		0UL
#define SIG_IGN		1UL

/* sa_flags (i386 values). */
#define SA_NOCLDSTOP	0x00000001u
#define SA_NOCLDWAIT	0x00000002u
#define SA_SIGINFO	0x00000004u
#define SA_RESTORER	0x04000000u
#define SA_ONSTACK	0x08000000u
#define SA_RESTART	0x10000000u
#define SA_NODEFER	0x40000000u
#define SA_RESETHAND	0x80000000u

/* rt_sigprocmask how. */
#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2

/* sigaltstack. */
#define SS_ONSTACK	1
#define SS_DISABLE	2
#define MINSIGSTKSZ	2048

/* si_code values. */
#define SI_USER		0
#define SI_KERNEL	0x80
#define SI_TKILL	(-6)
#define ILL_ILLOPN	2
#define FPE_INTDIV	1
#define FPE_FLTDIV	3
#define FPE_FLTOVF	4
#define FPE_FLTUND	5
#define FPE_FLTRES	6
#define FPE_FLTINV	7
#define SEGV_MAPERR	1
#define SEGV_ACCERR	2
#define BUS_ADRALN	1
#define BUS_ADRERR	2
#define TRAP_BRKPT	1
#define CLD_EXITED	1
#define CLD_KILLED	2
#define CLD_STOPPED	5
#define CLD_CONTINUED	6

/*
 * What the kernel keeps of a siginfo_t: the code and the three words that
 * follow it (si_pid/si_uid/si_status, or si_addr, or the timer fields).
 * The user's 128-byte siginfo_t is built from this at delivery.
 */
struct ksiginfo {
	int code;
	u32 fields[3];
};

/* A process's or a thread's pending signals, one siginfo each. */
struct sigpending {
	sigset_t set;
	struct ksiginfo info[_NSIG];
};

/* One signal's action (the i386 rt_sigaction layout, mask widened). */
struct k_sigaction {
	unsigned long handler;	/* SIG_DFL, SIG_IGN or a user address */
	u32 flags;		/* SA_* */
	unsigned long restorer;	/* SA_RESTORER: the handler returns here */
	sigset_t mask;		/* also blocked while the handler runs */
};

/* An alternate signal stack (sigaltstack). */
struct sigaltstack_k {
	unsigned long sp;
	u32 flags;		/* 0 or SS_DISABLE */
	u32 size;
};

/* A signal get_signal() picked for a handler. */
struct ksignal {
	int sig;
	struct k_sigaction ka;
	struct ksiginfo info;
};

struct task_struct;
struct sighand_struct;

/* Post `sig` with `info` to p's process (group) or to the thread p. */
int send_sig_info(struct task_struct *p, int sig, const struct ksiginfo *info,
		  bool group);
/* tasklist_lock held: the signals t's process ignores and catches
 * (/proc/PID/status); a sample, the actions may change meanwhile. */
void task_sigactions_locked(struct task_struct *t, sigset_t *ignored,
			    sigset_t *caught);
/* Is SIGKILL queued for t or its process? (killable waits give up) */
bool fatal_signal_pending(struct task_struct *t);
/* tasklist_lock held: post SIGKILL to thread t (exit_group, OOM). */
void sigkill_thread_locked(struct task_struct *t);
/*
 * A synchronous fault of current (traps): delivered to a handler if one
 * is installed, unblocked and not ignored; otherwise the default action
 * is forced. Returns true if a handler will run.
 */
bool force_sig_fault(int sig, int code, unsigned long addr);
/* Kill current with `sig`, whatever its handler says (bad signal frame). */
void force_sigsegv(int sig);
/* Does the default action of `sig` kill? (false: ignore) */
bool sig_default_kills(int sig);
/* Is stopping the process the default action of sig? */
bool sig_default_stops(int sig);

/* Delivery (called by the arch code on the way to user mode). */
bool get_signal(struct ksignal *ksig);
/* The handler frame is built (failed: it could not be written). */
void signal_setup_done(bool failed, struct ksignal *ksig);
/* The mask to save in a frame: the one sigsuspend replaced, if any. */
sigset_t sigmask_to_save(void);
/* No handler ran: put back the mask sigsuspend replaced. */
void restore_saved_sigmask(void);
/* tasklist_lock held: tell child (PR_SET_PDEATHSIG) its parent died. */
void parent_death_signal_locked(struct task_struct *child);
int set_user_sigmask(const sigset_t __user *umask, size_t sigsetsize);
void restore_saved_sigmask_unless(bool interrupted);
/* sigreturn: the mask from the frame (SIGKILL/SIGSTOP stay unblocked). */
void set_current_blocked(sigset_t set);

/* Alternate stack: is sp on it, and where a frame for ksig goes. */
bool on_sig_stack(unsigned long sp);
unsigned long sigsp(unsigned long sp, const struct ksignal *ksig);
/* Fill / take the uc_stack of a ucontext (0 or -EFAULT). */
int save_altstack(void __user *uss, unsigned long sp);
int restore_altstack(const void __user *uss);

/* Task life cycle (fork, exec, exit, free). */
int copy_signals(struct task_struct *p, unsigned long clone_flags,
		 int exit_signal);
void flush_signal_handlers(struct task_struct *t);
void put_sighand(struct task_struct *t);
/* current exits (PF_EXITING set): its share of process signals moves on. */
void exit_signals(struct task_struct *t);
/* fork: a new task's ITIMER_REAL, disarmed (kernel/itimer.c). */
void itimer_init(struct task_struct *p);
/* The last thread of a process is gone: stop its interval timer. */
void exit_itimers(struct task_struct *leader);
/*
 * execve from a thread that is not the leader (de_thread): the process's
 * timer moves from the old leader's task_struct to t's, still armed.
 * Not under tasklist_lock (it waits for a running callback, which sends).
 */
void itimer_take_over(struct task_struct *t, struct task_struct *old);
/* The same for the signals sent to the process; tasklist_lock held. */
void signals_take_over_leader_locked(struct task_struct *t,
				     struct task_struct *old);
/* tasklist_lock held: does parent want no zombies (SIGCHLD ignored)? */
bool parent_ignores_children_locked(struct task_struct *parent);
/* tasklist_lock held: tell the parent a process ended (SIGCHLD). */
void do_notify_parent_locked(struct task_struct *leader, int status);

/* Wait status for a process killed by `sig`. */
#define W_SIGNALED(sig)		((sig) & 0x7f)
#define W_EXITED(code)		(((code) & 0xff) << 8)

#endif
