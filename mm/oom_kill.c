// SPDX-License-Identifier: GPL-2.0
/*
 * The out-of-memory killer. Without it, one process that touches a huge
 * mapping takes every free frame, and then whoever faults next (often an
 * innocent process) dies of SIGSEGV. With it, the process holding the
 * most resident pages is the one that dies:
 *
 *   faulting task                            victim (largest nr_pages)
 *   -------------                            -------------------------
 *   no frame: -ENOMEM
 *   out_of_memory()
 *     no victim dying yet: pick one,
 *     SIGKILL every task on its mm  ------>  get_signal(): do_group_exit()
 *     sleep (<= 100 ms, a signal wakes)      exit_mm() -> mmput() frees
 *          <----- oom_victim_freed(): wake up --------'
 *   retry the fault
 *
 * One victim at a time: while a killed address space still holds its
 * frames, other failures wait for it instead of killing again (a second
 * victim would die for memory already on its way back). init, and any
 * address space init uses, is never picked: its death would end the
 * system. A task that cannot get its page within 10 s gives up, and its
 * fault fails as it would without this file.
 */
#include <oom.h>
#include <task.h>
#include <sched.h>
#include <signal.h>
#include <time.h>
#include <wait.h>
#include <mman.h>
#include <kernel.h>
#include <mm.h>
#include <errno.h>
#include <string.h>

#define OOM_WAIT_NS	(100 * 1000000ULL)	/* one sleep between retries */
#define OOM_GIVE_UP_NS	(10 * 1000000000ULL)	/* total, per allocation */

/* Killed address spaces not yet freed, and the tasks waiting for them. */
static atomic_t oom_victims = ATOMIC_INIT(0);
static DECLARE_WAIT_QUEUE_HEAD(oom_victims_wait);

/* 1/32 of lowmem (2 MiB of 64), at least 128 pages. */
static unsigned long lowmem_reserve_pages(void)
{
	return max(zones[ZONE_NORMAL].managed_pages / 32, 128UL);
}

bool user_page_available(void)
{
	/* Unlocked reads: a few pages either way do not matter. */
	if (zone_free_pages(ZONE_HIGHMEM))
		return true;
	return zone_free_pages(ZONE_NORMAL) > lowmem_reserve_pages();
}

/* tasklist_lock held: the address space init runs in, or NULL. */
static struct mm_struct *init_mm_locked(void)
{
	struct task_struct *t;

	list_for_each_entry(t, &task_list, tasks)
		if (t->pid == 1)
			return t->mm;
	return NULL;
}

/*
 * tasklist_lock held. t->mm changes only under tasklist_lock (exit_mm(),
 * exec_mmap()), so an mm seen here has a user until we unlock.
 */
static bool oom_unkillable(struct task_struct *t, struct mm_struct *init_mm)
{
	return !t->mm || t->mm == init_mm || t->tgid == 1 || t->exit_state ||
	       (t->flags & (PF_KTHREAD | PF_EXITING));
}

/* tasklist_lock held: the task whose mm has the most resident pages. */
static struct task_struct *select_bad_process(void)
{
	struct mm_struct *init_mm = init_mm_locked();
	struct task_struct *t, *chosen = NULL;
	unsigned long best = 0;

	list_for_each_entry(t, &task_list, tasks) {
		unsigned long rss;

		if (oom_unkillable(t, init_mm))
			continue;
		rss = READ_ONCE(t->mm->nr_pages);
		if (!chosen || rss > best) {
			chosen = t;
			best = rss;
		}
	}
	return chosen;
}

/*
 * tasklist_lock held: SIGKILL to every task on mm, the whole thread group
 * and any CLONE_VM child (vfork), or the memory would stay in use.
 */
static void kill_mm_users_locked(struct mm_struct *mm)
{
	struct task_struct *t;

	list_for_each_entry(t, &task_list, tasks)
		if (t->mm == mm)
			sigkill_thread_locked(t);
}

/* Size of every region of mm, in KiB. */
static unsigned long total_vm_kb(struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	unsigned long bytes = 0;

	spin_lock(&mm->lock);
	list_for_each_entry(vma, &mm->regions, list)
		bytes += vma->vm_end - vma->vm_start;
	spin_unlock(&mm->lock);
	return bytes >> 10;
}

/* 0: a victim is dying (killed now or before); -ESRCH: nobody to kill. */
static int oom_kill_bad_process(void)
{
	char comm[TASK_COMM_LEN];
	struct task_struct *victim;
	struct mm_struct *mm;
	unsigned long flags, rss;
	pid_t pid;

	spin_lock_irqsave(&tasklist_lock, flags);
	if (atomic_read(&oom_victims)) {
		spin_unlock_irqrestore(&tasklist_lock, flags);
		return 0;
	}
	victim = select_bad_process();
	if (!victim) {
		spin_unlock_irqrestore(&tasklist_lock, flags);
		return -ESRCH;
	}
	mm = victim->mm;
	mmget(mm);	/* for the report below */
	mm->oom_victim = true;
	atomic_inc(&oom_victims);
	pid = victim->tgid;
	memcpy(comm, victim->comm, sizeof(comm));
	comm[sizeof(comm) - 1] = '\0';
	kill_mm_users_locked(mm);
	spin_unlock_irqrestore(&tasklist_lock, flags);

	rss = READ_ONCE(mm->nr_pages);
	pr_err("Out of memory: Killed process %d (%s) total-vm:%lukB, rss:%lukB\n",
	       pid, comm, total_vm_kb(mm), rss * (PAGE_SIZE >> 10));
	mmput(mm);	/* may be the last user: then the memory is back now */
	return 0;
}

void oom_victim_freed(struct mm_struct *mm)
{
	if (!mm->oom_victim)
		return;
	atomic_dec(&oom_victims);
	wake_up_all(&oom_victims_wait);
}

/* Sleep until no victim holds memory, a signal comes, or OOM_WAIT_NS. */
static void wait_for_oom_victims(void)
{
	DEFINE_WAIT(w);

	prepare_to_wait(&oom_victims_wait, &w, TASK_INTERRUPTIBLE);
	if (atomic_read(&oom_victims) && !signal_pending(current))
		schedule_timeout(OOM_WAIT_NS);
	finish_wait(&oom_victims_wait, &w);
}

bool out_of_memory(struct oom_control *oc)
{
	struct task_struct *cur = current;
	u64 now = ktime_get_ns();

	/* Picked (or killed otherwise): die now, the memory comes back. */
	if (signal_pending(cur))
		return false;
	/* Holding a lock or in an interrupt: no waiting for a victim. */
	if (!preemptible())
		return false;
	if (!oc->deadline) {
		oc->deadline = now + OOM_GIVE_UP_NS;
	} else if (now >= oc->deadline) {
		pr_err("Out of memory: %s[%d] gave up waiting for memory\n",
		       cur->comm, cur->pid);
		return false;
	}
	if (oom_kill_bad_process() == -ESRCH) {
		pr_err("Out of memory and no killable process: %s[%d] fails its allocation\n",
		       cur->comm, cur->pid);
		return false;
	}
	wait_for_oom_victims();
	return !signal_pending(cur);
}
