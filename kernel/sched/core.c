// SPDX-License-Identifier: GPL-2.0
/*
 * The scheduler: per-CPU run queues, round-robin time slices, preemption
 * on the timer tick and the reschedule IPI, sleeping and waking, and the
 * idle loop. Documentation/scheduler.md draws the data structures and the
 * wake-up protocol.
 *
 * Each CPU owns one struct rq with its own lock. A runnable task belongs
 * to exactly one rq (task->cpu) and is either that CPU's current task or
 * on its FIFO queue. Nothing takes two rq locks at once: a task moves
 * between queues only while it is on none (a CPU that pulls work takes it
 * off the other queue under that lock, then adds it to its own).
 *
 * Locks: tasklist_lock -> task->pi_lock -> rq->lock, always with
 * interrupts off for pi_lock and rq->lock (the tick and wake-ups from
 * interrupt handlers take them).
 *
 * The rq lock is held across the context switch and released by the task
 * that is switched to (finish_task_switch), as in Linux: until then the
 * previous task is still on this CPU's stack (task->on_cpu = 1) and no
 * other CPU may run it.
 */
#include <sched.h>
#include <task.h>
#include <wait.h>
#include <timer.h>
#include <smp.h>
#include <mman.h>
#include <highmem.h>
#include <kernel.h>
#include <string.h>
#include <time.h>
#include <preempt.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <asm/ptrace.h>

/* Ticks a task runs before the tick makes it yield to queued tasks. */
#define SCHED_SLICE_TICKS	3

struct rq {
	spinlock_t lock;
	int cpu;
	struct list_head queue;		/* runnable, not running, FIFO */
	unsigned int nr_queued;		/* tasks on `queue` */
	unsigned int nr_running;	/* queued + current, idle excluded */
	struct task_struct *curr;
	struct task_struct *idle;
	struct task_struct *migrate;	/* prev, to move after the switch */
	u64 nr_switches, nr_preempt, nr_migrations, idle_ns;
} __aligned(64);

volatile unsigned long jiffies;
DEFINE_PER_CPU(struct task_struct *, current_task);

static struct rq runqueues[NR_CPUS];
/* Idle tasks; idle_tasks[0] is the boot context (start_kernel). */
static struct task_struct idle_tasks[NR_CPUS];

static inline struct rq *cpu_rq(int cpu)
{
	return &runqueues[cpu];
}

static inline struct rq *this_rq(void)
{
	return cpu_rq(smp_processor_id());
}

void sched_stats_get(int cpu, struct sched_stats *out)
{
	struct rq *rq = cpu_rq(cpu);

	out->nr_switches = rq->nr_switches;
	out->nr_preempt = rq->nr_preempt;
	out->nr_migrations = rq->nr_migrations;
	out->idle_ns = rq->idle_ns;
	out->nr_running = READ_ONCE(rq->nr_running);
}

/* Debug: one line about p and one about its run queue. */
void sched_show_task(struct task_struct *p)
{
	struct rq *rq = cpu_rq(p->cpu);

	pr_info("sched: %s/%d state %#lx on_rq %d on_cpu %d cpu %d tif %#lx "
		"preempt %d\n", p->comm, p->pid, p->state, p->on_rq,
		p->on_cpu, p->cpu, p->tif, per_cpu(preempt_count, p->cpu));
	pr_info("sched: rq %d curr %s/%d queued %u running %u idle tif %#lx\n",
		rq->cpu, rq->curr->comm, rq->curr->pid, rq->nr_queued,
		rq->nr_running, rq->idle->tif);
}

/* ---- run queue primitives (rq->lock held) ------------------------------- */

static void enqueue_task(struct rq *rq, struct task_struct *p)
{
	list_add_tail(&p->run_list, &rq->queue);
	rq->nr_queued++;
}

static void dequeue_task(struct rq *rq, struct task_struct *p)
{
	list_del_init(&p->run_list);
	rq->nr_queued--;
}

/* Make p runnable on rq (it was on no run queue). */
static void activate_task(struct rq *rq, struct task_struct *p)
{
	p->cpu = rq->cpu;
	p->on_rq = 1;
	rq->nr_running++;
	enqueue_task(rq, p);
}

/* Ask rq's current task to schedule soon; IPI if it is another CPU. */
static void resched_curr(struct rq *rq)
{
	struct task_struct *curr = rq->curr;

	if (test_tsk_thread_flag(curr, TIF_NEED_RESCHED))
		return;
	set_tsk_need_resched(curr);
	if (rq->cpu != smp_processor_id())
		smp_send_reschedule(rq->cpu);
}

static bool rq_is_idle(struct rq *rq)
{
	return READ_ONCE(rq->curr) == rq->idle && !READ_ONCE(rq->nr_queued);
}

/*
 * Where should p run? Its previous CPU if that is idle (cache-warm, and a
 * task that slept keeps its CPU when nothing competes), else an idle CPU,
 * else the least loaded one. Unlocked reads: a heuristic only.
 */
static int select_task_rq(struct task_struct *p)
{
	int prev = p->cpu, best = -1, cpu;
	unsigned int best_load = ~0u;

	if (cpu_online(prev) && cpumask_test_cpu(prev, &p->cpus_allowed) &&
	    rq_is_idle(cpu_rq(prev)))
		return prev;
	for_each_online_cpu(cpu) {
		struct rq *rq = cpu_rq(cpu);
		unsigned int load;

		if (!cpumask_test_cpu(cpu, &p->cpus_allowed))
			continue;
		load = READ_ONCE(rq->nr_running) * 2 + !rq_is_idle(rq);
		if (load < best_load || (load == best_load && cpu == prev)) {
			best = cpu;
			best_load = load;
		}
	}
	if (best < 0)	/* no allowed CPU online: fall back to this one */
		best = smp_processor_id();
	return best;
}

static void ttwu_queue(struct task_struct *p, int cpu)
{
	struct rq *rq = cpu_rq(cpu);
	unsigned long flags;

	local_irq_save(flags);
	arch_spin_lock(&rq->lock, _THIS_IP_);
	WRITE_ONCE(p->state, TASK_RUNNING);
	activate_task(rq, p);
	/* Round robin: a wake-up preempts only the idle task. */
	if (rq->curr == rq->idle)
		resched_curr(rq);
	arch_spin_unlock(&rq->lock);
	local_irq_restore(flags);
}

/*
 * Wake p if its state is in `state`. The protocol with a task going to
 * sleep (see include/wait.h): the sleeper sets its state, then tests its
 * condition, then calls schedule(); the waker makes the condition true,
 * then calls this. Either the waker sees the sleeping state and wakes it,
 * or the sleeper sees the condition.
 */
bool try_to_wake_up(struct task_struct *p, unsigned int state)
{
	unsigned long flags;
	bool woken = false;

	spin_lock_irqsave(&p->pi_lock, flags);
	smp_mb();
	if (!(READ_ONCE(p->state) & state))
		goto out;
	woken = true;
	if (READ_ONCE(p->on_rq)) {
		/*
		 * Still on a run queue: it set its state but has not
		 * switched out yet. Marking it running under its rq lock
		 * makes its schedule() keep it. Re-check the CPU under the
		 * lock: a task in transit between queues changes it.
		 */
		for (;;) {
			int cpu = READ_ONCE(p->cpu);
			struct rq *rq = cpu_rq(cpu);

			arch_spin_lock(&rq->lock, _THIS_IP_);
			if (READ_ONCE(p->cpu) != cpu) {
				arch_spin_unlock(&rq->lock);
				continue;
			}
			if (p->on_rq) {
				WRITE_ONCE(p->state, TASK_RUNNING);
				arch_spin_unlock(&rq->lock);
				goto out;
			}
			arch_spin_unlock(&rq->lock);
			break;
		}
	}
	/* Off every queue; wait until its CPU has left its stack. */
	while (__atomic_load_n(&p->on_cpu, __ATOMIC_ACQUIRE))
		cpu_relax();
	ttwu_queue(p, select_task_rq(p));
out:
	spin_unlock_irqrestore(&p->pi_lock, flags);
	return woken;
}

bool wake_up_process(struct task_struct *p)
{
	return try_to_wake_up(p, TASK_NORMAL);
}

void wake_up_new_task(struct task_struct *p)
{
	unsigned long flags;

	spin_lock_irqsave(&p->pi_lock, flags);
	p->time_slice = SCHED_SLICE_TICKS;
	ttwu_queue(p, select_task_rq(p));
	spin_unlock_irqrestore(&p->pi_lock, flags);
}

void kick_process(struct task_struct *p)
{
	int cpu;

	/* A killable sleeper checks for SIGKILL itself and sleeps on. */
	if (try_to_wake_up(p, TASK_INTERRUPTIBLE | TASK_WAKEKILL))
		return;
	/* Running elsewhere: make it pass through its exit-to-user path. */
	cpu = READ_ONCE(p->cpu);
	if (READ_ONCE(p->on_cpu) && cpu != smp_processor_id())
		smp_send_reschedule(cpu);
}

/*
 * p is runnable but on no queue (in transit, on_rq still 1): queue it on
 * a CPU it is allowed on.
 */
static void move_queued_task(struct task_struct *p)
{
	struct rq *rq = cpu_rq(select_task_rq(p));
	unsigned long flags;

	local_irq_save(flags);
	arch_spin_lock(&rq->lock, _THIS_IP_);
	p->cpu = rq->cpu;
	rq->nr_running++;
	rq->nr_migrations++;
	enqueue_task(rq, p);
	if (rq->curr == rq->idle)
		resched_curr(rq);
	arch_spin_unlock(&rq->lock);
	local_irq_restore(flags);
}

/* ---- the context switch ------------------------------------------------- */

/* arch/x86/kernel/process.c: stack switch; returns the task switched from. */
struct task_struct *switch_to(struct task_struct *prev,
			      struct task_struct *next);

/*
 * Runs first thing in the task that was switched to (also at the start of
 * a new task, from ret_from_fork): `prev` is now off its stack.
 */
static void finish_task_switch(struct task_struct *prev)
{
	struct rq *rq = this_rq();
	struct task_struct *migrate = rq->migrate;
	bool dead = READ_ONCE(prev->state) == TASK_DEAD;

	rq->migrate = NULL;
	__atomic_store_n(&prev->on_cpu, 0, __ATOMIC_RELEASE);
	arch_spin_unlock(&rq->lock);
	local_irq_enable();
	if (migrate)
		move_queued_task(migrate);
	/* The reference a running task holds on itself (see do_exit). */
	if (dead)
		put_task_struct(prev);
}

/*
 * Wait until a task that exited has made its last switch away (it runs
 * with interrupts off from do_exit() to that switch, so this is short).
 * Its counters are final then; its stack goes with the last reference.
 */
void wait_for_last_switch(struct task_struct *p)
{
	while (READ_ONCE(p->state) != TASK_DEAD ||
	       __atomic_load_n(&p->on_cpu, __ATOMIC_ACQUIRE))
		cpu_relax();
}

/* ret_from_fork (switch_to.asm) calls this with the previous task. */
void schedule_tail(struct task_struct *prev)
{
	finish_task_switch(prev);
	preempt_enable_no_resched();
}

static struct task_struct *pick_next_task(struct rq *rq)
{
	struct task_struct *next;

	if (list_empty(&rq->queue))
		return rq->idle;
	next = list_first_entry(&rq->queue, struct task_struct, run_list);
	dequeue_task(rq, next);
	return next;
}

static void context_switch(struct rq *rq, struct task_struct *prev,
			   struct task_struct *next)
{
	struct task_struct *last;

	account_switch(prev, next);
	next->on_cpu = 1;
	rq->curr = next;
	if (!next->time_slice)
		next->time_slice = SCHED_SLICE_TICKS;
	switch_mm(prev->active_mm, next->mm, rq->cpu);
	next->active_mm = next->mm;
	last = switch_to(prev, next);
	finish_task_switch(last);
}

/*
 * The scheduler proper. `preempt`: the caller did not choose to sleep (the
 * tick or a wake-up preempted it), so a non-running state set on the way
 * to sleeping is not acted on: the task keeps its place and will test its
 * condition again.
 */
static void __schedule(bool preempt)
{
	struct task_struct *prev = current, *next;
	struct rq *rq;

	local_irq_disable();
	preempt_disable();
	if (unlikely(preempt_count_read() != 1)) {
		lockdep_might_sleep("schedule", _RET_IP_);
		panic("sched: scheduling while atomic%s: %s/%d, preempt_count "
		      "%#x", in_irq() ? " (in an interrupt handler)" : "",
		      prev->comm, prev->pid, preempt_count_read() - 1);
	}
	kmap_local_assert_none_held("context switch");

	rq = this_rq();
	arch_spin_lock(&rq->lock, _THIS_IP_);
	clear_tsk_thread_flag(prev, TIF_NEED_RESCHED);
	if (!preempt && prev->state != TASK_RUNNING && prev != rq->idle) {
		if (((prev->state & TASK_INTERRUPTIBLE) &&
		     signal_pending(prev)) ||
		    ((prev->state & TASK_WAKEKILL) &&
		     fatal_signal_pending(prev))) {
			prev->state = TASK_RUNNING;
		} else {
			prev->on_rq = 0;
			rq->nr_running--;
		}
	}
	if (prev->on_rq && prev != rq->idle) {
		if (cpumask_test_cpu(rq->cpu, &prev->cpus_allowed)) {
			enqueue_task(rq, prev);
		} else {
			/* Affinity changed: finish_task_switch moves it. */
			rq->nr_running--;
			rq->migrate = prev;
		}
	}
	next = pick_next_task(rq);
	if (next == prev) {
		arch_spin_unlock(&rq->lock);
		local_irq_enable();
		preempt_enable_no_resched();
		return;
	}
	rq->nr_switches++;
	if (preempt) {
		rq->nr_preempt++;
		prev->nivcsw++;
	} else {
		prev->nvcsw++;
	}
	context_switch(rq, prev, next);
	preempt_enable_no_resched();
}

void schedule(void)
{
	do {
		__schedule(false);
	} while (need_resched());
}

void preempt_schedule_irq(void)
{
	do {
		__schedule(true);
		local_irq_disable();
	} while (need_resched());
}

/* preempt_enable() dropped the count to zero with a switch pending. */
void preempt_schedule(void)
{
	do {
		__schedule(true);
	} while (need_resched());
}

/* Interrupt exit to a kernel context (arch/x86/kernel/traps.c hook). */
void irqentry_exit_to_kernel(struct pt_regs *regs)
{
	if (regs_irqs_disabled(regs) || preempt_count_read())
		return;
	if (need_resched())
		preempt_schedule_irq();
}

/*
 * The last thing an exiting task does. Interrupts stay off from setting
 * TASK_DEAD to the switch, so no preemption can see the state half-set;
 * finish_task_switch() in the next task drops the task's self reference.
 */
__noreturn void do_task_dead(void)
{
	local_irq_disable();
	WRITE_ONCE(current->state, TASK_DEAD);
	__schedule(false);
	panic("sched: dead task %s/%d was scheduled again", current->comm,
	      current->pid);
}

void yield(void)
{
	set_tsk_need_resched(current);
	__schedule(true);
}

/* ---- the tick ----------------------------------------------------------- */

/* A CPU has queued work: wake one idle CPU so that it pulls some. */
static void kick_idle_cpu(struct rq *busy)
{
	int cpu;

	for_each_online_cpu(cpu) {
		struct rq *rq = cpu_rq(cpu);

		if (rq == busy || !rq_is_idle(rq))
			continue;
		smp_send_reschedule(cpu);
		return;
	}
}

void scheduler_tick(void)
{
	struct task_struct *curr = current;
	struct rq *rq;

	if (smp_processor_id() == 0)
		jiffies++;
	if (!curr)
		return;		/* before sched_init() */
	if (smp_processor_id() == 0)
		calc_global_load_tick();
	run_local_timers();
	rq = this_rq();
	if (curr == rq->idle) {
		if (READ_ONCE(rq->nr_queued))
			set_tsk_need_resched(curr);
		return;
	}
	if (curr->time_slice && --curr->time_slice)
		return;
	curr->time_slice = SCHED_SLICE_TICKS;
	if (READ_ONCE(rq->nr_queued)) {
		set_tsk_need_resched(curr);
		kick_idle_cpu(rq);
	}
}

void scheduler_ipi(void)
{
	/* The interrupt exit path does the work: need_resched is set. */
	struct task_struct *curr = current;

	if (curr && curr == this_rq()->idle)
		set_tsk_need_resched(curr);
}

/* ---- idle ----------------------------------------------------------------- */

/*
 * Take one queued task from the busiest other CPU onto this idle one.
 * Skips tasks not allowed here. Returns true if a task was moved.
 */
static bool idle_pull_task(struct rq *this)
{
	struct task_struct *p = NULL, *t;
	struct rq *src = NULL;
	unsigned long flags;
	unsigned int most = 0;
	int cpu;

	for_each_online_cpu(cpu) {
		struct rq *rq = cpu_rq(cpu);

		if (rq != this && READ_ONCE(rq->nr_queued) > most) {
			most = READ_ONCE(rq->nr_queued);
			src = rq;
		}
	}
	if (!src)
		return false;
	spin_lock_irqsave(&src->lock, flags);
	list_for_each_entry(t, &src->queue, run_list) {
		if (!t->on_cpu && cpumask_test_cpu(this->cpu, &t->cpus_allowed)) {
			p = t;
			break;
		}
	}
	if (!p) {
		spin_unlock_irqrestore(&src->lock, flags);
		return false;
	}
	dequeue_task(src, p);
	src->nr_running--;
	p->cpu = this->cpu;	/* on_rq stays 1: it is in transit */
	/*
	 * Interrupts stay off until p is queued here: a tick or IPI that
	 * preempted this idle task now would strand p off every queue
	 * until this CPU next goes idle, which a busy task may never let
	 * happen (seen: a pinned spinning thread, a new thread lost).
	 */
	__spin_unlock(&src->lock);
	__spin_lock(&this->lock, 0, _THIS_IP_);
	this->nr_running++;
	this->nr_migrations++;
	enqueue_task(this, p);
	set_tsk_need_resched(this->curr);
	spin_unlock_irqrestore(&this->lock, flags);
	return true;
}

void cpu_idle(void)
{
	struct rq *rq = this_rq();

	local_irq_enable();
	for (;;) {
		while (!need_resched()) {
			u64 t0;

			if (idle_pull_task(rq))
				break;
			local_irq_disable();
			if (need_resched()) {
				local_irq_enable();
				break;
			}
			t0 = ktime_get_ns();
			safe_halt();	/* sti; hlt: no lost wake-up */
			rq->idle_ns += ktime_get_ns() - t0;
		}
		schedule();
	}
}

/* ---- affinity --------------------------------------------------------------- */

int set_cpus_allowed(struct task_struct *p, const cpumask_t *mask)
{
	cpumask_t online;
	unsigned long flags;
	int cpu;

	cpumask_and(&online, mask, &cpu_online_mask);
	if (cpumask_empty(&online))
		return -EINVAL;
	spin_lock_irqsave(&p->pi_lock, flags);
	cpumask_copy(&p->cpus_allowed, mask);
	spin_unlock_irqrestore(&p->pi_lock, flags);
	/*
	 * A task on a CPU it may no longer use moves when it is next
	 * switched out (__schedule hands it to move_queued_task). For the
	 * caller that is now: it returns from yield() on an allowed CPU.
	 */
	if (p == current) {
		while (!cpumask_test_cpu(smp_processor_id(), &p->cpus_allowed))
			yield();
		return 0;
	}
	cpu = READ_ONCE(p->cpu);
	if (!cpumask_test_cpu(cpu, mask)) {
		spin_lock_irqsave(&cpu_rq(cpu)->lock, flags);
		if (cpu_rq(cpu)->curr == p)
			resched_curr(cpu_rq(cpu));
		spin_unlock_irqrestore(&cpu_rq(cpu)->lock, flags);
	}
	return 0;
}

/* ---- boot ------------------------------------------------------------------- */

static void init_idle(struct task_struct *idle, int cpu)
{
	memset(idle, 0, sizeof(*idle));
	idle->state = TASK_RUNNING;
	idle->flags = PF_KTHREAD | PF_IDLE;
	idle->cpu = cpu;
	idle->on_rq = 0;
	idle->on_cpu = 1;
	atomic_set(&idle->usage, 1);
	spin_lock_init(&idle->pi_lock, "idle->pi_lock");
	INIT_LIST_HEAD(&idle->run_list);
	INIT_LIST_HEAD(&idle->children);
	INIT_LIST_HEAD(&idle->sibling);
	INIT_LIST_HEAD(&idle->tasks);
	init_waitqueue_head(&idle->wait_chldexit);
	cpumask_clear(&idle->cpus_allowed);
	cpumask_set_cpu(cpu, &idle->cpus_allowed);
	snprintf(idle->comm, sizeof(idle->comm), "swapper/%d", cpu);
}

void sched_init(void)
{
	for (int cpu = 0; cpu < NR_CPUS; cpu++) {
		struct rq *rq = cpu_rq(cpu);

		spin_lock_init(&rq->lock, "rq->lock");
		rq->cpu = cpu;
		INIT_LIST_HEAD(&rq->queue);
		init_idle(&idle_tasks[cpu], cpu);
		rq->idle = rq->curr = &idle_tasks[cpu];
		per_cpu(current_task, cpu) = &idle_tasks[cpu];
	}
	timers_init();
	pr_info("sched: %d run queues, %d ms time slice, HZ=%d\n", NR_CPUS,
		SCHED_SLICE_TICKS * 1000 / HZ, HZ);
}
