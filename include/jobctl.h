/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Process groups, sessions and job control (kernel/pgrp.c,
 * kernel/signal.c; Documentation/tty.md). The ids live in each process's
 * leader (task->pgrp, ->session, ->tty) and change under tasklist_lock.
 */
#ifndef _JOBCTL_H
#define _JOBCTL_H

#include <types.h>
#include <signal.h>

struct task_struct;

/* A live user process (its leader, with a thread left): what groups hold. */
bool task_is_live_process(struct task_struct *p);

/* tasklist_lock held: has some live process group `pgrp` in session `sid`? */
bool pgrp_in_session_locked(pid_t pgrp, pid_t sid);

/*
 * tasklist_lock held: is group `pgrp` orphaned, that is, has no member
 * (other than `ignore`) a parent in another group of the same session?
 * An empty group counts as orphaned.
 */
bool pgrp_is_orphaned_locked(pid_t pgrp, struct task_struct *ignore);

/*
 * tasklist_lock held, leader's process is ending: groups it leaves
 * orphaned that hold stopped processes get SIGHUP then SIGCONT (POSIX).
 */
void orphaned_pgrps_on_exit_locked(struct task_struct *leader);

/*
 * Send `sig` to every process of group `pgrp`: 0 if one took it,
 * -ESRCH if the group is empty. The _locked form with tasklist_lock held.
 * `priv`: from the kernel (a terminal), not subject to init's exemption.
 */
int kill_pgrp_locked(pid_t pgrp, int sig, const struct ksiginfo *info);
int kill_pgrp(pid_t pgrp, int sig);

/*
 * tasklist_lock held, wait4(): child c's stop (JOBCTL_STOP_REPORT in
 * want: *status (sig << 8) | 0x7f) or continuation (JOBCTL_CONT_REPORT:
 * 0xffff) that nobody has waited for yet, taken; false if none.
 */
bool jobctl_take_report_locked(struct task_struct *c, unsigned int want,
			       int *status);

/* Would current throw `sig` away, or does it block it? (SIGTTIN/TTOU) */
bool current_ignores_or_blocks(int sig);

#endif /* _JOBCTL_H */
