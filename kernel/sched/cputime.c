// SPDX-License-Identifier: GPL-2.0
/*
 * CPU-time accounting (include/cputime.h) and the calls that report it:
 * times() and getrusage(); wait4() fills its rusage from here too.
 *
 * The tick handler says whether it interrupted user mode; that tick goes
 * to the current task's utime or stime (the idle tasks are not charged).
 * The scheduler adds each slice's exact length to runtime_ns when it
 * switches a task out. Only the CPU a task runs on writes its counters,
 * so they need no lock; a process's sum walks its thread group under
 * tasklist_lock, which also orders it against threads exiting and
 * children being reaped.
 */
#include <cputime.h>
#include <task.h>
#include <sched.h>
#include <mman.h>
#include <time.h>
#include <uaccess.h>
#include <syscalls.h>
#include <kernel.h>
#include <string.h>
#include <errno.h>

#define USEC_PER_SEC	1000000ULL

/* Written only by the owning CPU's tick, read anywhere (a sample). */
static DEFINE_PER_CPU(struct cpu_ticks, cpu_ticks);

static void account_cpu_tick(struct task_struct *t, bool user)
{
	struct cpu_ticks *c = this_cpu_ptr(&cpu_ticks);

	if (!t || (t->flags & PF_IDLE))
		WRITE_ONCE(c->idle, c->idle + 1);
	else if (!user)
		WRITE_ONCE(c->system, c->system + 1);
	else if (READ_ONCE(t->nice) > 0)
		WRITE_ONCE(c->nice, c->nice + 1);
	else
		WRITE_ONCE(c->user, c->user + 1);
}

void cpu_ticks_get(int cpu, struct cpu_ticks *out)
{
	const struct cpu_ticks *c = per_cpu_ptr(&cpu_ticks, cpu);

	out->user = READ_ONCE(c->user);
	out->nice = READ_ONCE(c->nice);
	out->system = READ_ONCE(c->system);
	out->idle = READ_ONCE(c->idle);
}

void account_process_tick(bool user)
{
	struct task_struct *t = current;

	account_cpu_tick(t, user);
	if (!t || (t->flags & PF_IDLE))
		return;
	if (user)
		t->cputime.utime++;
	else
		t->cputime.stime++;
}

/*
 * runtime_ns and exec_start change together, only on the task's own CPU,
 * under a sequence count: a reader on another CPU retries until it saw
 * both from the same moment. exec_start is 0 while the task is off every
 * CPU, so a reader adds a running slice exactly when there is one.
 */
static void cputime_write_begin(struct task_cputime *c)
{
	WRITE_ONCE(c->seq, c->seq + 1);
	smp_wmb();
}

static void cputime_write_end(struct task_cputime *c)
{
	smp_wmb();
	WRITE_ONCE(c->seq, c->seq + 1);
}

void account_switch(struct task_struct *prev, struct task_struct *next)
{
	struct task_cputime *p = &prev->cputime, *n = &next->cputime;
	u64 now = ktime_get_ns();

	cputime_write_begin(p);
	if (p->exec_start && now > p->exec_start)
		p->runtime_ns += now - p->exec_start;
	p->exec_start = 0;
	cputime_write_end(p);
	cputime_write_begin(n);
	n->exec_start = now;
	cputime_write_end(n);
}

u64 task_runtime_ns(struct task_struct *t)
{
	const struct task_cputime *c = &t->cputime;
	u64 rt, start, now;
	u32 seq;

	do {
		seq = READ_ONCE(c->seq);
		smp_rmb();
		rt = READ_ONCE(c->runtime_ns);
		start = READ_ONCE(c->exec_start);
		now = ktime_get_ns();
		smp_rmb();
	} while ((seq & 1) || READ_ONCE(c->seq) != seq);
	/* Another CPU's clock may be a hair behind the one it started on. */
	if (start && now > start)
		rt += now - start;
	return rt;
}

static void add_cputime(struct cputime_sum *sum, const struct task_cputime *c)
{
	sum->runtime_ns += c->runtime_ns;
	sum->utime += c->utime;
	sum->stime += c->stime;
}

static void add_thread(struct cputime_sum *sum, struct task_struct *t)
{
	sum->runtime_ns += task_runtime_ns(t);
	sum->utime += READ_ONCE(t->cputime.utime);
	sum->stime += READ_ONCE(t->cputime.stime);
	sum->nvcsw += t->nvcsw;
	sum->nivcsw += t->nivcsw;
}

void cputime_thread(struct task_struct *t, struct cputime_sum *sum)
{
	memset(sum, 0, sizeof(*sum));
	add_thread(sum, t);
}

/* tasklist_lock held: the leader (live or a zombie), exited, live threads. */
static void process_sum_locked(struct task_struct *t, struct cputime_sum *sum)
{
	struct task_struct *leader = task_group_leader(t), *m;
	const struct group_cputime *g = &leader->group_cputime;

	add_thread(sum, leader);
	add_cputime(sum, &g->dead);
	sum->nvcsw += g->dead_nvcsw;
	sum->nivcsw += g->dead_nivcsw;
	if (!t->group_leader)
		return;
	/*
	 * The other threads still on task_list: a thread leaves it in the
	 * same tasklist_lock hold that moves its time into g->dead, so none
	 * is counted twice or missed, even if t itself, or the leader, has
	 * exited meanwhile (the thread ring only holds live threads).
	 */
	list_for_each_entry(m, &task_list, tasks)
		if (m != leader && m->group_leader == leader)
			add_thread(sum, m);
}

void cputime_process(struct task_struct *t, struct cputime_sum *sum)
{
	unsigned long flags;

	memset(sum, 0, sizeof(*sum));
	spin_lock_irqsave(&tasklist_lock, flags);
	process_sum_locked(t, sum);
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

void cputime_children(struct task_struct *t, struct cputime_sum *sum)
{
	const struct group_cputime *g = &task_group_leader(t)->group_cputime;
	unsigned long flags;

	memset(sum, 0, sizeof(*sum));
	spin_lock_irqsave(&tasklist_lock, flags);
	add_cputime(sum, &g->children);
	sum->nvcsw = g->children_nvcsw;
	sum->nivcsw = g->children_nivcsw;
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

void cputime_exit_mm(struct task_struct *t)
{
	struct group_cputime *g = &task_group_leader(t)->group_cputime;
	unsigned long peak = t->mm ? READ_ONCE(t->mm->hiwater_pages) : 0;

	if (peak > READ_ONCE(g->maxrss_pages))
		WRITE_ONCE(g->maxrss_pages, peak);
}

/* tasklist_lock held: thread t has exited; its time stays with g. */
static void add_dead_thread(struct group_cputime *g, struct task_struct *t)
{
	/* A running slice (t is current, or still switching out) counts. */
	g->dead.runtime_ns += task_runtime_ns(t);
	g->dead.utime += t->cputime.utime;
	g->dead.stime += t->cputime.stime;
	g->dead_nvcsw += t->nvcsw;
	g->dead_nivcsw += t->nivcsw;
}

void cputime_exit_thread_locked(struct task_struct *t)
{
	struct task_struct *leader = t->group_leader;

	/* The leader's own counters stay readable while it is a zombie. */
	if (!leader || leader == t)
		return;
	add_dead_thread(&leader->group_cputime, t);
}

void cputime_take_over_leader_locked(struct task_struct *t,
				     struct task_struct *old)
{
	t->group_cputime = old->group_cputime;
	/* The old leader is one more exited thread of the process now. */
	add_dead_thread(&t->group_cputime, old);
}

/*
 * zombie has made its last switch, so its counters are final; its
 * process's time and its own children's go to the parent's children.
 */
void cputime_reap(struct task_struct *parent, struct task_struct *zombie,
		  struct cputime_sum *usage, unsigned long *maxrss_pages)
{
	struct group_cputime *pg = &task_group_leader(parent)->group_cputime;
	const struct group_cputime *zg = &zombie->group_cputime;
	struct cputime_sum sum = { 0 };
	unsigned long flags, peak;

	spin_lock_irqsave(&tasklist_lock, flags);
	process_sum_locked(zombie, &sum);
	add_cputime(&sum, &zg->children);
	sum.nvcsw += zg->children_nvcsw;
	sum.nivcsw += zg->children_nivcsw;
	pg->children.runtime_ns += sum.runtime_ns;
	pg->children.utime += sum.utime;
	pg->children.stime += sum.stime;
	pg->children_nvcsw += sum.nvcsw;
	pg->children_nivcsw += sum.nivcsw;
	peak = max(zg->maxrss_pages, zg->children_maxrss_pages);
	if (peak > pg->children_maxrss_pages)
		pg->children_maxrss_pages = peak;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (usage)
		*usage = sum;
	if (maxrss_pages)
		*maxrss_pages = peak;
}

/* ---- times() and getrusage() ------------------------------------------- */

/* Linux's i386 struct tms: four clock_t (long) in 1/HZ s. */
struct tms_k {
	s32 tms_utime, tms_stime, tms_cutime, tms_cstime;
};

SYSCALL_DEFINE1(times, struct tms_k __user *, ubuf)
{
	struct cputime_sum self, children;
	struct tms_k tms;

	if (ubuf) {
		cputime_process(current, &self);
		cputime_children(current, &children);
		tms = (struct tms_k){
			.tms_utime = self.utime, .tms_stime = self.stime,
			.tms_cutime = children.utime,
			.tms_cstime = children.stime,
		};
		if (copy_to_user(ubuf, &tms, sizeof(tms)))
			return -EFAULT;
	}
	/* Clock ticks since boot (Linux: since an arbitrary point). */
	return (long)(ktime_get_ns() / (NSEC_PER_SEC / HZ));
}

#define RUSAGE_SELF	0
#define RUSAGE_CHILDREN	(-1)
#define RUSAGE_THREAD	1

static struct timeval_k ticks_to_timeval(u64 ticks)
{
	u64 us = ticks * (USEC_PER_SEC / HZ);

	return (struct timeval_k){ us / USEC_PER_SEC, us % USEC_PER_SEC };
}

int put_rusage(struct rusage_k __user *ru, const struct cputime_sum *sum,
	       unsigned long maxrss_pages)
{
	struct rusage_k r;

	memset(&r, 0, sizeof(r));
	r.ru_utime = ticks_to_timeval(sum->utime);
	r.ru_stime = ticks_to_timeval(sum->stime);
	r.ru_maxrss = maxrss_pages * (PAGE_SIZE / 1024);	/* KiB */
	r.ru_nvcsw = sum->nvcsw;
	r.ru_nivcsw = sum->nivcsw;
	return copy_to_user(ru, &r, sizeof(r)) ? -EFAULT : 0;
}

/* The peak resident size of the caller's address space, in pages. */
static unsigned long own_maxrss(void)
{
	struct task_struct *t = current;
	unsigned long peak = task_group_leader(t)->group_cputime.maxrss_pages;

	if (t->mm && t->mm->hiwater_pages > peak)
		peak = t->mm->hiwater_pages;
	return peak;
}

SYSCALL_DEFINE2(getrusage, int, who, struct rusage_k __user *, ru)
{
	struct cputime_sum sum;
	unsigned long maxrss;

	switch (who) {
	case RUSAGE_SELF:
		cputime_process(current, &sum);
		maxrss = own_maxrss();
		break;
	case RUSAGE_THREAD:
		cputime_thread(current, &sum);
		maxrss = own_maxrss();
		break;
	case RUSAGE_CHILDREN:
		cputime_children(current, &sum);
		maxrss = READ_ONCE(task_group_leader(current)->group_cputime
				   .children_maxrss_pages);
		break;
	default:
		return -EINVAL;
	}
	return put_rusage(ru, &sum, maxrss);
}
