// SPDX-License-Identifier: GPL-2.0
/*
 * POSIX signals, the generic part (Documentation/signals.md).
 *
 * Generation: kill() posts to the process (the leader's shared_pending),
 * tkill()/tgkill() and faults to one thread (its own pending). A signal
 * that would be ignored is dropped at once unless the target blocks it;
 * a standard signal already pending is not queued twice. The sender then
 * picks a thread that does not block the signal, sets TIF_SIGPENDING on
 * it and kicks it (wake-up or reschedule IPI).
 *
 * Delivery: on its way back to user mode a thread with TIF_SIGPENDING
 * calls the arch code, which asks get_signal() for the next unblocked
 * signal (synchronous fault signals first, then the lowest number, own
 * set before the process's). Ignored ones are dropped, default actions
 * done here (terminate the whole process, or ignore); a handler comes
 * back to the arch code, which builds its frame on the user stack.
 *
 * Locking: sighand->siglock (interrupts off: the interval timer sends
 * from the tick) guards the actions, every pending set and blocked mask
 * of the threads that share the sighand. Walking a process's threads
 * needs tasklist_lock, taken first: tasklist_lock -> siglock ->
 * pi_lock -> rq->lock.
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
#include <jobctl.h>

struct sighand_struct {
	atomic_t count;
	spinlock_t siglock;
	struct k_sigaction action[_NSIG];
};

/* Faults first: their frame must describe the faulting instruction. */
#define SYNCHRONOUS_MASK						\
	(sigmask(SIGSEGV) | sigmask(SIGBUS) | sigmask(SIGILL) |		\
	 sigmask(SIGTRAP) | sigmask(SIGFPE) | sigmask(SIGSYS))

/*
 * Default action ignore (SIGCONT's is to continue the process, which
 * happens when it is sent, whatever its action: see prepare_signal()).
 */
#define SIG_DFL_IGNORE_MASK						\
	(sigmask(SIGCHLD) | sigmask(SIGCONT) | sigmask(SIGURG) |	\
	 sigmask(SIGWINCH))

/* Default action: stop the whole process (job control). */
#define SIG_STOP_MASK							\
	(sigmask(SIGSTOP) | sigmask(SIGTSTP) | sigmask(SIGTTIN) |	\
	 sigmask(SIGTTOU))

bool sig_default_kills(int sig)
{
	return sig >= 1 && sig <= _NSIG &&
	       !((SIG_DFL_IGNORE_MASK | SIG_STOP_MASK) & sigmask(sig));
}

bool sig_default_stops(int sig)
{
	return sig >= 1 && sig <= _NSIG && (SIG_STOP_MASK & sigmask(sig));
}

static struct sigpending *shared_of(struct task_struct *t)
{
	return &task_group_leader(t)->shared_pending;
}

/* ---- pending state ----------------------------------------------------- */

/* siglock held: is a signal waiting that t does not block? */
static bool has_pending_signals(struct task_struct *t)
{
	return ((t->pending.set | shared_of(t)->set) & ~t->blocked) != 0;
}

/* siglock held: TIF_SIGPENDING of current follows its sets and mask. */
static void recalc_sigpending(void)
{
	struct task_struct *t = current;

	if (has_pending_signals(t))
		set_tsk_thread_flag(t, TIF_SIGPENDING);
	else
		clear_tsk_thread_flag(t, TIF_SIGPENDING);
}

static void signal_wake_up(struct task_struct *t)
{
	set_tsk_thread_flag(t, TIF_SIGPENDING);
	kick_process(t);
}

static bool wants_signal(int sig, struct task_struct *t)
{
	return !(t->blocked & sigmask(sig)) &&
	       !(t->flags & PF_EXITING) && !t->exit_state;
}

/*
 * tasklist_lock and siglock held. Wake a thread that will take `sig`:
 * p itself, or for a process-directed signal any thread of its group
 * that does not block it. If all block it, it waits in the shared set
 * until one unblocks it.
 */
static void complete_signal(struct task_struct *p, int sig, bool group)
{
	struct task_struct *t;

	if (wants_signal(sig, p)) {
		signal_wake_up(p);
		return;
	}
	if (!group)
		return;
	list_for_each_entry(t, &task_list, tasks) {
		if (t->tgid == p->tgid && t->sighand && wants_signal(sig, t)) {
			signal_wake_up(t);
			return;
		}
	}
}

/* siglock held: would `sig` be thrown away if it arrived now? */
static bool sig_ignored(struct task_struct *t, int sig)
{
	unsigned long h = t->sighand->action[sig - 1].handler;

	/* A blocked one waits: the action may change before it is unblocked. */
	if (t->blocked & sigmask(sig))
		return false;
	return h == SIG_IGN || (h == SIG_DFL && !sig_default_kills(sig) &&
				!sig_default_stops(sig));
}

static void queue_signal(struct sigpending *p, int sig,
			 const struct ksiginfo *info)
{
	p->set |= sigmask(sig);
	p->info[sig - 1] = *info;
}

/*
 * tasklist_lock held. Can p still take a signal? A thread can until it
 * starts exiting. A process can while any of its threads lives: its
 * leader may have exited already (pthread_exit in main), but its
 * task_struct stays and holds the shared set until the last thread goes.
 */
static bool signal_target_alive(struct task_struct *p, bool group)
{
	if ((p->flags & PF_KTHREAD) || !p->sighand)
		return false;
	if (group)
		return task_group_leader(p)->live > 0;
	return !(p->flags & PF_EXITING) && !p->exit_state;
}

static int send_signal_locked(struct task_struct *p, int sig,
			      const struct ksiginfo *info, bool group);

/* tasklist_lock and siglock held: take `mask` out of every pending set. */
static void flush_pending_of_process(struct task_struct *p, sigset_t mask)
{
	struct task_struct *t;

	shared_of(p)->set &= ~mask;
	list_for_each_entry(t, &task_list, tasks)
		if (t->tgid == p->tgid)
			t->pending.set &= ~mask;
}

/*
 * tasklist_lock and p's siglock held; what sending `sig` does whatever
 * p's action is: a stop signal cancels a pending SIGCONT, SIGCONT
 * cancels pending stop signals and continues a stopped process at once.
 * Returns true if the parent is to hear (CLD_CONTINUED) of it.
 */
static bool prepare_signal(struct task_struct *p, int sig)
{
	struct task_struct *leader = task_group_leader(p), *t;

	if (sig_default_stops(sig)) {
		flush_pending_of_process(p, sigmask(SIGCONT));
		return false;
	}
	if (sig != SIGCONT)
		return false;
	flush_pending_of_process(p, SIG_STOP_MASK);
	leader->jobctl &= ~JOBCTL_STOP_DEQUEUED;
	if (!(leader->jobctl & JOBCTL_STOPPED))
		return false;
	leader->jobctl &= ~(JOBCTL_STOPPED | JOBCTL_STOP_REPORT);
	leader->jobctl |= JOBCTL_CONT_REPORT;
	list_for_each_entry(t, &task_list, tasks)
		if (t->tgid == p->tgid)
			try_to_wake_up(t, __TASK_STOPPED);
	return true;
}

/*
 * tasklist_lock held, `leader`'s process stopped or continued: its parent
 * hears with SIGCHLD unless it asked not to (SA_NOCLDSTOP); its wait4()
 * is woken either way (WUNTRACED, WCONTINUED).
 */
static void notify_parent_cldstop_locked(struct task_struct *leader, int why,
					 int sig)
{
	struct task_struct *parent = leader->parent;
	struct ksiginfo info = {
		.code = why,
		.fields = { leader->tgid, 0, sig },
	};
	bool quiet;

	if (!parent || !parent->sighand)
		return;
	spin_lock(&parent->sighand->siglock);
	quiet = parent->sighand->action[SIGCHLD - 1].flags & SA_NOCLDSTOP;
	spin_unlock(&parent->sighand->siglock);
	if (!quiet)
		send_signal_locked(parent, SIGCHLD, &info, true);
	wake_up_all(&parent->wait_chldexit);
}

/*
 * tasklist_lock held. As on Linux, init gets only the signals it has a
 * handler for: a default action would take the whole system down.
 */
static int send_signal_locked(struct task_struct *p, int sig,
			      const struct ksiginfo *info, bool group)
{
	struct sighand_struct *sh = p->sighand;
	struct sigpending *pending;
	bool continued;

	if (!signal_target_alive(p, group))
		return 0;
	spin_lock(&sh->siglock);
	continued = prepare_signal(p, sig);
	if (continued) {
		/* The parent's siglock is not taken under ours. */
		spin_unlock(&sh->siglock);
		notify_parent_cldstop_locked(task_group_leader(p),
					     CLD_CONTINUED, SIGCONT);
		spin_lock(&sh->siglock);
	}
	if (p->tgid == 1 && sh->action[sig - 1].handler == SIG_DFL)
		goto out;
	if (sig_ignored(p, sig))
		goto out;
	pending = group ? shared_of(p) : &p->pending;
	/* Standard signals are not queued: a second one merges. */
	if (pending->set & sigmask(sig))
		goto out;
	queue_signal(pending, sig, info);
	complete_signal(p, sig, group);
out:
	spin_unlock(&sh->siglock);
	return 0;
}

static int send_signal_info(struct task_struct *p, int sig,
			    const struct ksiginfo *info, bool group)
{
	unsigned long flags;
	int ret;

	spin_lock_irqsave(&tasklist_lock, flags);
	ret = send_signal_locked(p, sig, info, group);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

/* si_code, si_pid, si_uid of a signal sent by the current process. */
static struct ksiginfo user_info(int code)
{
	return (struct ksiginfo){ .code = code,
				  .fields = { current->tgid, 0, 0 } };
}

int send_sig_info(struct task_struct *p, int sig, const struct ksiginfo *info,
		  bool group)
{
	if (!valid_signal(sig))
		return -EINVAL;
	return send_signal_info(p, sig, info, group);
}

bool fatal_signal_pending(struct task_struct *t)
{
	return (READ_ONCE(t->pending.set) & sigmask(SIGKILL)) ||
	       (READ_ONCE(task_group_leader(t)->shared_pending.set) &
		sigmask(SIGKILL));
}

void sigkill_thread_locked(struct task_struct *t)
{
	struct ksiginfo info = { .code = SI_KERNEL };

	if ((t->flags & PF_EXITING) || !t->sighand)
		return;
	spin_lock(&t->sighand->siglock);
	queue_signal(&t->pending, SIGKILL, &info);
	signal_wake_up(t);
	spin_unlock(&t->sighand->siglock);
}

/*
 * tasklist_lock held: child's parent process is gone. It gets the signal
 * it asked for with PR_SET_PDEATHSIG, from the dying parent (SI_USER).
 */
void parent_death_signal_locked(struct task_struct *child)
{
	struct ksiginfo info = user_info(SI_USER);
	int sig = READ_ONCE(child->pdeath_signal);

	if (sig && !child->exit_state)
		send_signal_locked(child, sig, &info, true);
}

/* The parent hears of a process's end with its exit signal. */
void do_notify_parent_locked(struct task_struct *leader, int status)
{
	int sig = leader->exit_signal;
	bool killed = status & 0x7f;
	struct ksiginfo info = {
		.code = killed ? CLD_KILLED : CLD_EXITED,
		.fields = { leader->tgid, 0,
			    killed ? (status & 0x7f) : ((status >> 8) & 0xff) },
	};

	if (!valid_signal(sig) || !leader->parent)
		return;
	send_signal_locked(leader->parent, sig, &info, true);
}

bool parent_ignores_children_locked(struct task_struct *parent)
{
	struct sighand_struct *sh = parent->sighand;
	bool ignores;

	if (!sh)
		return false;
	spin_lock(&sh->siglock);
	ignores = sh->action[SIGCHLD - 1].handler == SIG_IGN ||
		  (sh->action[SIGCHLD - 1].flags & SA_NOCLDWAIT);
	spin_unlock(&sh->siglock);
	return ignores;
}

bool jobctl_take_report_locked(struct task_struct *c, unsigned int want,
			       int *status)
{
	unsigned int got;

	if (c->exit_state || !c->sighand || !(READ_ONCE(c->jobctl) & want))
		return false;
	spin_lock(&c->sighand->siglock);
	got = c->jobctl & want;
	if (got & JOBCTL_STOP_REPORT) {
		*status = (c->stop_signal << 8) | 0x7f;
		got = JOBCTL_STOP_REPORT;
	} else if (got) {
		*status = 0xffff;
	}
	c->jobctl &= ~got;
	spin_unlock(&c->sighand->siglock);
	return got != 0;
}

/* ---- faults ------------------------------------------------------------- */

/*
 * siglock held. A fault the thread cannot ignore: if it blocks or
 * ignores the signal, the default action is restored and the signal
 * unblocked, so the process dies rather than loop on the fault.
 */
static bool force_sig_locked(struct task_struct *t, int sig,
			     const struct ksiginfo *info)
{
	struct k_sigaction *ka = &t->sighand->action[sig - 1];

	if ((t->blocked & sigmask(sig)) || ka->handler == SIG_IGN) {
		ka->handler = SIG_DFL;
		t->blocked &= ~sigmask(sig);
	}
	queue_signal(&t->pending, sig, info);
	set_tsk_thread_flag(t, TIF_SIGPENDING);
	return ka->handler != SIG_DFL;
}

bool force_sig_fault(int sig, int code, unsigned long addr)
{
	struct task_struct *t = current;
	struct ksiginfo info = { .code = code, .fields = { addr, 0, 0 } };
	unsigned long flags;
	bool handled;

	spin_lock_irqsave(&t->sighand->siglock, flags);
	handled = force_sig_locked(t, sig, &info);
	spin_unlock_irqrestore(&t->sighand->siglock, flags);
	return handled;
}

void force_sigsegv(int sig)
{
	struct task_struct *t = current;
	struct ksiginfo info = { .code = SI_KERNEL };
	unsigned long flags;

	spin_lock_irqsave(&t->sighand->siglock, flags);
	/* A SIGSEGV handler that cannot be entered must not be retried. */
	if (sig == SIGSEGV)
		t->sighand->action[SIGSEGV - 1].handler = SIG_DFL;
	force_sig_locked(t, SIGSEGV, &info);
	spin_unlock_irqrestore(&t->sighand->siglock, flags);
}

/* ---- delivery ----------------------------------------------------------- */

static int next_signal(const struct sigpending *p, sigset_t blocked)
{
	sigset_t x = p->set & ~blocked;

	if (!x)
		return 0;
	if (x & SYNCHRONOUS_MASK)
		x &= SYNCHRONOUS_MASK;
	return __builtin_ctzll(x) + 1;
}

/* siglock held: take the next deliverable signal of t; 0 if none. */
static int dequeue_signal(struct task_struct *t, struct ksiginfo *info)
{
	struct sigpending *p = &t->pending;
	int sig = next_signal(p, t->blocked);

	if (!sig) {
		p = shared_of(t);
		sig = next_signal(p, t->blocked);
	}
	if (!sig)
		return 0;
	p->set &= ~sigmask(sig);
	*info = p->info[sig - 1];
	return sig;
}

/* Sleep while current's process is stopped; SIGCONT or SIGKILL end it. */
static void jobctl_stopped_wait(void)
{
	struct task_struct *leader = task_group_leader(current);

	for (;;) {
		set_current_state(TASK_STOPPED);
		if (!(READ_ONCE(leader->jobctl) & JOBCTL_STOPPED) ||
		    fatal_signal_pending(current))
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
}

/* A stop signal's default action: stop every thread of the process. */
static void do_signal_stop(int sig)
{
	struct task_struct *t = current, *leader = task_group_leader(t), *o;
	struct sighand_struct *sh = t->sighand;
	unsigned long flags;
	bool notify = false;

	spin_lock_irqsave(&tasklist_lock, flags);
	spin_lock(&sh->siglock);
	/* A SIGCONT since the stop signal was taken cancels it. */
	if ((leader->jobctl & JOBCTL_STOP_DEQUEUED) && !leader->group_exit &&
	    !fatal_signal_pending(t)) {
		leader->jobctl &= ~(JOBCTL_STOP_DEQUEUED | JOBCTL_CONT_REPORT);
		if (!(leader->jobctl & JOBCTL_STOPPED)) {
			leader->jobctl |= JOBCTL_STOPPED | JOBCTL_STOP_REPORT;
			leader->stop_signal = sig;
			notify = true;
			/* The other threads stop on their way to user mode. */
			list_for_each_entry(o, &task_list, tasks)
				if (o->tgid == t->tgid && o != t)
					signal_wake_up(o);
		}
	}
	spin_unlock(&sh->siglock);
	if (notify)
		notify_parent_cldstop_locked(leader, CLD_STOPPED, sig);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	jobctl_stopped_wait();
}

/* Is current's process group orphaned (TSTP/TTIN/TTOU do not stop it)? */
static bool current_pgrp_orphaned(void)
{
	unsigned long flags;
	bool orphaned;

	spin_lock_irqsave(&tasklist_lock, flags);
	orphaned = pgrp_is_orphaned_locked(task_group_leader(current)->pgrp,
					   NULL);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return orphaned;
}

bool current_ignores_or_blocks(int sig)
{
	struct task_struct *t = current;
	unsigned long flags;
	bool ret;

	spin_lock_irqsave(&t->sighand->siglock, flags);
	ret = (t->blocked & sigmask(sig)) ||
	      t->sighand->action[sig - 1].handler == SIG_IGN;
	spin_unlock_irqrestore(&t->sighand->siglock, flags);
	return ret;
}

bool get_signal(struct ksignal *ksig)
{
	struct task_struct *t = current;
	struct sighand_struct *sh = t->sighand;
	unsigned long flags;

	for (;;) {
		struct k_sigaction *ka;
		int sig;

		/* Another thread stopped the process. */
		if (READ_ONCE(task_group_leader(t)->jobctl) & JOBCTL_STOPPED)
			jobctl_stopped_wait();
		spin_lock_irqsave(&sh->siglock, flags);
		sig = dequeue_signal(t, &ksig->info);
		if (!sig) {
			recalc_sigpending();
			spin_unlock_irqrestore(&sh->siglock, flags);
			return false;
		}
		ka = &sh->action[sig - 1];
		if (ka->handler == SIG_IGN) {
			spin_unlock_irqrestore(&sh->siglock, flags);
			continue;
		}
		if (ka->handler != SIG_DFL) {
			ksig->sig = sig;
			ksig->ka = *ka;
			if (ka->flags & SA_RESETHAND)
				ka->handler = SIG_DFL;
			spin_unlock_irqrestore(&sh->siglock, flags);
			return true;
		}
		if (sig_default_stops(sig)) {
			task_group_leader(t)->jobctl |= JOBCTL_STOP_DEQUEUED;
			spin_unlock_irqrestore(&sh->siglock, flags);
			/* POSIX: the terminal's stops spare an orphaned group. */
			if (sig == SIGSTOP || !current_pgrp_orphaned())
				do_signal_stop(sig);
			continue;
		}
		spin_unlock_irqrestore(&sh->siglock, flags);
		if (sig_default_kills(sig))
			do_group_exit(W_SIGNALED(sig));
	}
}

sigset_t sigmask_to_save(void)
{
	struct task_struct *t = current;

	return t->restore_sigmask ? t->saved_sigmask : t->blocked;
}

/* siglock held. */
static void __set_current_blocked(sigset_t set)
{
	current->blocked = set & ~SIG_KERNEL_ONLY_MASK;
	recalc_sigpending();
}

/*
 * Signals of the process current now blocks may be waiting for exactly
 * this thread: give another thread the chance to take them.
 */
static void retarget_shared_pending(sigset_t newly_blocked)
{
	struct task_struct *t = current;
	unsigned long flags;
	sigset_t pending;

	spin_lock_irqsave(&tasklist_lock, flags);
	spin_lock(&t->sighand->siglock);
	pending = shared_of(t)->set & newly_blocked;
	for (int sig = 1; pending && sig <= _NSIG; sig++)
		if (pending & sigmask(sig))
			complete_signal(t, sig, true);
	spin_unlock(&t->sighand->siglock);
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

void set_current_blocked(sigset_t set)
{
	struct task_struct *t = current;
	unsigned long flags;
	sigset_t newly;

	spin_lock_irqsave(&t->sighand->siglock, flags);
	newly = set & ~t->blocked & ~SIG_KERNEL_ONLY_MASK;
	__set_current_blocked(set);
	newly &= shared_of(t)->set;
	spin_unlock_irqrestore(&t->sighand->siglock, flags);
	if (newly)
		retarget_shared_pending(newly);
}

void restore_saved_sigmask(void)
{
	struct task_struct *t = current;

	if (!t->restore_sigmask)
		return;
	t->restore_sigmask = false;
	set_current_blocked(t->saved_sigmask);
}

/*
 * ppoll/pselect6/sigsuspend: the call runs with the caller's temporary mask. The
 * old mask waits in saved_sigmask and comes back at the end of the call,
 * or, if a signal interrupted it, once that signal is dealt with: its
 * handler's frame holds the old mask (sigmask_to_save), so the handler
 * runs under the temporary one, as on Linux. NULL: no temporary mask.
 */
int set_user_sigmask(const sigset_t __user *umask, size_t sigsetsize)
{
	struct task_struct *t = current;
	sigset_t set;

	if (!umask)
		return 0;
	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&set, umask, sizeof(set)))
		return -EFAULT;
	t->saved_sigmask = t->blocked;
	t->restore_sigmask = true;
	set_current_blocked(set);
	return 0;
}

/* End of such a call: interrupted, the signal path restores the mask. */
void restore_saved_sigmask_unless(bool interrupted)
{
	if (!interrupted)
		restore_saved_sigmask();
}

void signal_setup_done(bool failed, struct ksignal *ksig)
{
	sigset_t blocked;

	if (failed) {
		force_sigsegv(ksig->sig);
		return;
	}
	/* The frame holds the mask to return to; sigsuspend's is done. */
	current->restore_sigmask = false;
	blocked = current->blocked | ksig->ka.mask;
	if (!(ksig->ka.flags & SA_NODEFER))
		blocked |= sigmask(ksig->sig);
	set_current_blocked(blocked);
}

/* ---- alternate stack ---------------------------------------------------- */

/* i386 stack_t */
struct stack_user {
	u32 ss_sp;
	s32 ss_flags;
	u32 ss_size;
};

#define SS_AUTODISARM	(1u << 31)

bool on_sig_stack(unsigned long sp)
{
	const struct sigaltstack_k *ss = &current->altstack;

	return ss->size && sp > ss->sp && sp - ss->sp <= ss->size;
}

static u32 sas_ss_flags(unsigned long sp)
{
	if (!current->altstack.size)
		return SS_DISABLE;
	return on_sig_stack(sp) ? SS_ONSTACK : 0;
}

unsigned long sigsp(unsigned long sp, const struct ksignal *ksig)
{
	const struct sigaltstack_k *ss = &current->altstack;

	if ((ksig->ka.flags & SA_ONSTACK) && ss->size && !on_sig_stack(sp))
		return ss->sp + ss->size;
	return sp;
}

int save_altstack(void __user *uss, unsigned long sp)
{
	const struct sigaltstack_k *ss = &current->altstack;
	struct stack_user st = { ss->sp, sas_ss_flags(sp), ss->size };

	return copy_to_user(uss, &st, sizeof(st)) ? -EFAULT : 0;
}

/* Install *st (already copied in); sp: the user's stack pointer. */
static int do_sigaltstack(const struct stack_user *st, unsigned long sp)
{
	struct sigaltstack_k *ss = &current->altstack;
	u32 mode = st->ss_flags & ~SS_AUTODISARM;

	if (on_sig_stack(sp))
		return -EPERM;		/* not while running on it */
	if (mode != 0 && mode != SS_ONSTACK && mode != SS_DISABLE)
		return -EINVAL;
	if (mode == SS_DISABLE) {
		ss->sp = 0;
		ss->size = 0;
		return 0;
	}
	if (st->ss_size < MINSIGSTKSZ)
		return -ENOMEM;
	ss->sp = st->ss_sp;
	ss->size = st->ss_size;
	return 0;
}

int restore_altstack(const void __user *uss)
{
	struct stack_user st;

	if (copy_from_user(&st, uss, sizeof(st)))
		return -EFAULT;
	/* As Linux: a stack that cannot be installed is not an error here. */
	do_sigaltstack(&st, user_stack_pointer(current_pt_regs()));
	return 0;
}

SYSCALL_DEFINE2(sigaltstack, const struct stack_user __user *, uss,
		struct stack_user __user *, uoss)
{
	unsigned long sp = user_stack_pointer(current_pt_regs());
	const struct sigaltstack_k *ss = &current->altstack;
	struct stack_user old = { ss->sp, sas_ss_flags(sp), ss->size };
	struct stack_user st;
	int err;

	if (uss) {
		if (copy_from_user(&st, uss, sizeof(st)))
			return -EFAULT;
		err = do_sigaltstack(&st, sp);
		if (err)
			return err;
	}
	if (uoss && copy_to_user(uoss, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* ---- task life cycle ---------------------------------------------------- */

/*
 * t (current) is exiting: a process-directed signal it was woken for
 * would wait for ever in the shared set; hand it to another thread.
 */
void exit_signals(struct task_struct *t)
{
	if (t->sighand && READ_ONCE(shared_of(t)->set))
		retarget_shared_pending(~0ULL);
}

void signals_take_over_leader_locked(struct task_struct *t,
				     struct task_struct *old)
{
	struct sighand_struct *sh = t->sighand;

	/* One sighand: old and t were threads of one process. */
	spin_lock(&sh->siglock);
	t->shared_pending = old->shared_pending;
	memset(&old->shared_pending, 0, sizeof(old->shared_pending));
	if (t == current)
		recalc_sigpending();
	spin_unlock(&sh->siglock);
}

static struct sighand_struct *alloc_sighand(const struct sighand_struct *from)
{
	struct sighand_struct *sh = kzalloc(sizeof(*sh), GFP_KERNEL);
	unsigned long flags;

	if (!sh)
		return NULL;
	atomic_set(&sh->count, 1);
	spin_lock_init(&sh->siglock, "sighand->siglock");
	if (from) {
		spin_lock_irqsave((spinlock_t *)&from->siglock, flags);
		memcpy(sh->action, from->action, sizeof(sh->action));
		spin_unlock_irqrestore((spinlock_t *)&from->siglock, flags);
	}
	return sh;
}

long do_no_restart_syscall(struct restart_block *rb)
{
	(void)rb;
	return -EINTR;
}

int copy_signals(struct task_struct *p, unsigned long clone_flags,
		 int exit_signal)
{
	struct task_struct *cur = current;

	if ((clone_flags & CLONE_SIGHAND) && cur->sighand) {
		atomic_inc(&cur->sighand->count);
		p->sighand = cur->sighand;
	} else {
		p->sighand = alloc_sighand(cur->sighand);
		if (!p->sighand)
			return -ENOMEM;
	}
	/* The pending sets start empty (the task was zeroed). */
	p->blocked = cur->sighand ? cur->blocked : 0;
	/* A thread on the same memory must not share the alternate stack. */
	if ((clone_flags & (CLONE_VM | CLONE_VFORK)) != CLONE_VM)
		p->altstack = cur->altstack;
	p->restart_block.fn = do_no_restart_syscall;
	p->exit_signal = (clone_flags & CLONE_THREAD) ? 0 : exit_signal;
	itimer_init(p);
	return 0;
}

void task_sigactions_locked(struct task_struct *t, sigset_t *ignored,
			    sigset_t *caught)
{
	struct sighand_struct *sh = t->sighand;

	*ignored = *caught = 0;
	if (!sh)
		return;
	for (int sig = 1; sig <= _NSIG; sig++) {
		unsigned long h = READ_ONCE(sh->action[sig - 1].handler);

		if (h == SIG_IGN)
			*ignored |= sigmask(sig);
		else if (h != SIG_DFL)
			*caught |= sigmask(sig);
	}
}

void put_sighand(struct task_struct *t)
{
	struct sighand_struct *sh = t->sighand;

	t->sighand = NULL;
	if (sh && atomic_dec_and_test(&sh->count))
		kfree(sh);
}

/*
 * execve: handlers belong to the old program, so caught signals go back
 * to SIG_DFL; ignored ones stay ignored (POSIX), the mask and pending
 * signals stay. A sighand shared with another process is unshared first.
 */
void flush_signal_handlers(struct task_struct *t)
{
	struct sighand_struct *sh = t->sighand, *own;
	unsigned long flags;
	bool last = false;

	if (atomic_read(&sh->count) > 1) {
		own = alloc_sighand(sh);
		if (own) {
			/* Senders use p->sighand under tasklist_lock. */
			spin_lock_irqsave(&tasklist_lock, flags);
			t->sighand = own;
			last = atomic_dec_and_test(&sh->count);
			spin_unlock_irqrestore(&tasklist_lock, flags);
			if (last)
				kfree(sh);
			sh = own;
		}
	}
	spin_lock_irqsave(&sh->siglock, flags);
	for (int i = 0; i < _NSIG; i++) {
		struct k_sigaction *ka = &sh->action[i];

		if (ka->handler != SIG_IGN)
			ka->handler = SIG_DFL;
		ka->flags = 0;
		ka->restorer = 0;
		ka->mask = 0;
	}
	spin_unlock_irqrestore(&sh->siglock, flags);
	t->altstack = (struct sigaltstack_k){ 0 };
	t->restart_block.fn = do_no_restart_syscall;
}

/* ---- system calls ------------------------------------------------------- */

/*
 * tasklist_lock held: may a signal be sent to p? A thread that has
 * exited has no id any more. A process keeps its id until it is reaped,
 * as on Linux: while its leader is a zombie and other threads still run
 * (they take the signal), and after it ended (the signal is dropped).
 */
static bool signal_target_found(struct task_struct *p, pid_t tgid, bool group)
{
	if (tgid > 0 && p->tgid != tgid)
		return false;
	return group || !p->exit_state;
}

/*
 * Signal task id (the process it leads, for group) if it exists and, when
 * tgid > 0, belongs to thread group tgid. Looked up and posted in one hold
 * of tasklist_lock: an execve that hands the process id to another thread
 * (de_thread) cannot come in between.
 */
static long signal_task(pid_t id, pid_t tgid, int sig, bool group)
{
	struct ksiginfo info = user_info(group ? SI_USER : SI_TKILL);
	struct task_struct *p;
	unsigned long flags;
	long ret = -ESRCH;

	spin_lock_irqsave(&tasklist_lock, flags);
	p = find_task_by_pid_locked(id);
	if (p && signal_target_found(p, tgid, group))
		ret = sig ? send_signal_locked(p, sig, &info, group) : 0;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

/* A live process kill(-1) reaches: not init, not the caller, no kernel thread. */
static bool kill_all_reaches(struct task_struct *p, struct task_struct *self)
{
	return p == task_group_leader(p) && p != self && p->tgid != 1 &&
	       !(p->flags & (PF_KTHREAD | PF_IDLE)) && p->live > 0;
}

/* kill(-1, sig): every process the caller may signal (all) but init and itself. */
static long signal_all(int sig)
{
	struct ksiginfo info = user_info(SI_USER);
	struct task_struct *p, *self = task_group_leader(current);
	unsigned long flags;
	long ret = -ESRCH;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks) {
		if (!kill_all_reaches(p, self))
			continue;
		ret = sig ? send_signal_locked(p, sig, &info, true) : 0;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

int kill_pgrp_locked(pid_t pgrp, int sig, const struct ksiginfo *info)
{
	struct task_struct *p;
	int ret = -ESRCH;

	list_for_each_entry(p, &task_list, tasks) {
		if (!task_is_live_process(p) || p->pgrp != pgrp)
			continue;
		ret = sig ? send_signal_locked(p, sig, info, true) : 0;
	}
	return ret;
}

int kill_pgrp(pid_t pgrp, int sig)
{
	struct ksiginfo info = { .code = SI_KERNEL };
	unsigned long flags;
	int ret;

	spin_lock_irqsave(&tasklist_lock, flags);
	ret = kill_pgrp_locked(pgrp, sig, &info);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

/* kill(-pgrp) and kill(0): every process of the group. */
static long signal_pgrp(pid_t pgrp, int sig)
{
	struct ksiginfo info = user_info(SI_USER);
	unsigned long flags;
	long ret;

	spin_lock_irqsave(&tasklist_lock, flags);
	if (!pgrp)
		pgrp = task_group_leader(current)->pgrp;
	ret = kill_pgrp_locked(pgrp, sig, &info);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

/*
 * pid > 0: that process (a thread id names its process, as on Linux);
 * 0: the caller's process group; -1: everyone; < -1: group -pid.
 */
SYSCALL_DEFINE2(kill, pid_t, pid, int, sig)
{
	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	if (pid == -1)
		return signal_all(sig);
	if (pid == INT_MIN)
		return -ESRCH;		/* -pid would overflow */
	if (pid <= 0)
		return signal_pgrp(-pid, sig);
	return signal_task(pid, 0, sig, true);
}

static long signal_thread(pid_t tgid, pid_t tid, int sig)
{
	if (tid <= 0 || sig < 0 || sig > _NSIG)
		return -EINVAL;
	return signal_task(tid, tgid, sig, false);
}

SYSCALL_DEFINE2(tkill, pid_t, tid, int, sig)
{
	return signal_thread(-1, tid, sig);
}

SYSCALL_DEFINE3(tgkill, pid_t, tgid, pid_t, tid, int, sig)
{
	if (tgid <= 0)
		return -EINVAL;
	return signal_thread(tgid, tid, sig);
}

/* The i386 struct sigaction of rt_sigaction: the mask as two words. */
struct rt_sigaction_user {
	u32 handler;
	u32 flags;
	u32 restorer;
	u32 mask[2];
};

/* The old sigaction (67): a one-word mask before the flags. */
struct old_sigaction_user {
	u32 handler;
	u32 mask;
	u32 flags;
	u32 restorer;
};

/*
 * Removing `sig` from every pending set of current's process: POSIX
 * discards a pending signal whose action becomes "ignore".
 */
static void flush_ignored_locked(int sig)
{
	struct task_struct *cur = current, *t;

	shared_of(cur)->set &= ~sigmask(sig);
	list_for_each_entry(t, &task_list, tasks)
		if (t->sighand == cur->sighand)
			t->pending.set &= ~sigmask(sig);
}

static int do_sigaction(int sig, const struct k_sigaction *act,
			struct k_sigaction *oact)
{
	struct sighand_struct *sh = current->sighand;
	struct k_sigaction *ka;
	unsigned long flags;

	if (!valid_signal(sig) ||
	    (act && (SIG_KERNEL_ONLY_MASK & sigmask(sig))))
		return -EINVAL;
	ka = &sh->action[sig - 1];
	spin_lock_irqsave(&tasklist_lock, flags);
	spin_lock(&sh->siglock);
	*oact = *ka;
	if (act) {
		*ka = *act;
		ka->mask &= ~SIG_KERNEL_ONLY_MASK;
		if (ka->handler == SIG_IGN ||
		    (ka->handler == SIG_DFL && !sig_default_kills(sig)))
			flush_ignored_locked(sig);
	}
	spin_unlock(&sh->siglock);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return 0;
}

SYSCALL_DEFINE4(rt_sigaction, int, sig,
		const struct rt_sigaction_user __user *, uact,
		struct rt_sigaction_user __user *, uoact, size_t, sigsetsize)
{
	struct rt_sigaction_user u;
	struct k_sigaction act, old;
	int err;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (uact) {
		if (copy_from_user(&u, uact, sizeof(u)))
			return -EFAULT;
		act = (struct k_sigaction){
			.handler = u.handler, .flags = u.flags,
			.restorer = u.restorer,
			.mask = u.mask[0] | (u64)u.mask[1] << 32,
		};
	}
	err = do_sigaction(sig, uact ? &act : NULL, &old);
	if (err || !uoact)
		return err;
	u = (struct rt_sigaction_user){
		.handler = old.handler, .flags = old.flags,
		.restorer = old.restorer,
		.mask = { (u32)old.mask, (u32)(old.mask >> 32) },
	};
	return copy_to_user(uoact, &u, sizeof(u)) ? -EFAULT : 0;
}

SYSCALL_DEFINE3(sigaction, int, sig,
		const struct old_sigaction_user __user *, uact,
		struct old_sigaction_user __user *, uoact)
{
	struct old_sigaction_user u;
	struct k_sigaction act, old;
	int err;

	if (uact) {
		if (copy_from_user(&u, uact, sizeof(u)))
			return -EFAULT;
		act = (struct k_sigaction){ .handler = u.handler,
					    .flags = u.flags,
					    .restorer = u.restorer,
					    .mask = u.mask };
	}
	err = do_sigaction(sig, uact ? &act : NULL, &old);
	if (err || !uoact)
		return err;
	u = (struct old_sigaction_user){ .handler = old.handler,
					 .mask = (u32)old.mask,
					 .flags = old.flags,
					 .restorer = old.restorer };
	return copy_to_user(uoact, &u, sizeof(u)) ? -EFAULT : 0;
}

static int sigprocmask(int how, sigset_t set)
{
	sigset_t cur = current->blocked;

	switch (how) {
	case SIG_BLOCK:
		set |= cur;
		break;
	case SIG_UNBLOCK:
		set = cur & ~set;
		break;
	case SIG_SETMASK:
		break;
	default:
		return -EINVAL;
	}
	set_current_blocked(set);
	return 0;
}

SYSCALL_DEFINE4(rt_sigprocmask, int, how, const sigset_t __user *, uset,
		sigset_t __user *, uoset, size_t, sigsetsize)
{
	sigset_t old = current->blocked, set;
	int err;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (uset) {
		if (copy_from_user(&set, uset, sizeof(set)))
			return -EFAULT;
		err = sigprocmask(how, set);
		if (err)
			return err;
	}
	if (uoset && copy_to_user(uoset, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE3(sigprocmask, int, how, const u32 __user *, uset,
		u32 __user *, uoset)
{
	sigset_t old = current->blocked;
	u32 set;
	int err;

	if (uset) {
		if (get_user(set, uset))
			return -EFAULT;
		/* The old call sees signals 1-32: SETMASK keeps the rest. */
		err = sigprocmask(how, how == SIG_SETMASK ?
				  (old & ~0xffffffffULL) | set : set);
		if (err)
			return err;
	}
	if (uoset && put_user((u32)old, uoset))
		return -EFAULT;
	return 0;
}

static sigset_t pending_blocked(void)
{
	struct task_struct *t = current;
	unsigned long flags;
	sigset_t set;

	spin_lock_irqsave(&t->sighand->siglock, flags);
	set = (t->pending.set | shared_of(t)->set) & t->blocked;
	spin_unlock_irqrestore(&t->sighand->siglock, flags);
	return set;
}

SYSCALL_DEFINE2(rt_sigpending, sigset_t __user *, uset, size_t, sigsetsize)
{
	sigset_t set = pending_blocked();

	if (sigsetsize > sizeof(sigset_t))
		return -EINVAL;
	return copy_to_user(uset, &set, sigsetsize) ? -EFAULT : 0;
}

/* Sleep until a signal is pending; the caller decides about the mask. */
static long sleep_until_signal(void)
{
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (signal_pending(current))
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	return -ERESTARTNOHAND;
}

SYSCALL_DEFINE2(rt_sigsuspend, const sigset_t __user *, umask,
		size_t, sigsetsize)
{
	int ret;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (!umask)
		return -EFAULT;
	/* The handler's frame gets the old mask; sigreturn puts it back. */
	ret = set_user_sigmask(umask, sigsetsize);
	if (ret)
		return ret;
	return sleep_until_signal();
}

SYSCALL_DEFINE0(pause)
{
	return sleep_until_signal();
}

SYSCALL_DEFINE0(restart_syscall)
{
	struct restart_block *rb = &current->restart_block;
	long (*fn)(struct restart_block *) = rb->fn;

	/* One restart only: a later interruption sets it again. */
	rb->fn = do_no_restart_syscall;
	return fn(rb);
}
