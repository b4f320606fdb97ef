// SPDX-License-Identifier: GPL-2.0
/*
 * Scheduler tests: kernel threads, wait queues and completions, timers,
 * preemption by the tick, idle CPUs pulling work, affinity, and the
 * "scheduling while atomic" check. Waits for other threads have generous
 * limits: running out of one means a lost wake-up or a hang, not
 * slowness.
 */
#include <sched.h>
#include <task.h>
#include <wait.h>
#include <timer.h>
#include <ktest.h>
#include <smp.h>
#include <time.h>
#include <kernel.h>
#include <string.h>

#define HANG_MS		20000

/* Sleep-wait (in 1 ms steps) until cond or HANG_MS; true if cond held. */
#define wait_until(cond)						\
	({								\
		u64 __end = ktime_get_ns() + HANG_MS * NSEC_PER_MSEC;	\
		while (!(cond) && ktime_get_ns() < __end)		\
			msleep(1);					\
		(bool)(cond);						\
	})

struct thread_ctl {
	struct completion done;
	volatile bool stop;
	atomic_t started;
	int cpu;			/* pin here, or -1 */
	volatile unsigned long count;	/* work done */
	cpumask_t seen;			/* CPUs it ran on */
	struct wait_queue_head *wq;
	volatile int *cond;
};

static void pin_to(int cpu)
{
	cpumask_t m;

	cpumask_clear(&m);
	cpumask_set_cpu(cpu, &m);
	set_cpus_allowed(current, &m);
}

static void unpin(void)
{
	set_cpus_allowed(current, &cpu_possible_mask);
}

static int finish_thread(struct thread_ctl *c)
{
	complete(&c->done);
	return 0;
}

/* ---- threads, wait queues, completions ------------------------------------ */

static int set_flag_thread(void *arg)
{
	struct thread_ctl *c = arg;

	c->count = 42;
	return finish_thread(c);
}

static void kthread_runs_and_goes_away(struct ktest *t)
{
	struct thread_ctl c = { 0 };
	int before = nr_tasks();
	int pid;

	init_completion(&c.done);
	pid = kernel_thread(set_flag_thread, &c, "ktest-flag");
	KTEST_ASSERT_TRUE(t, pid > 1);
	KTEST_ASSERT_TRUE(t, wait_for_completion_timeout(&c.done,
				HANG_MS * NSEC_PER_MSEC));
	KTEST_EXPECT_EQ(t, c.count, 42);
	/* It reaps itself once its last switch is over. */
	KTEST_EXPECT_TRUE(t, wait_until(nr_tasks() == before));
}

static int sleeper_thread(void *arg)
{
	struct thread_ctl *c = arg;

	atomic_inc(&c->started);
	wait_event(*c->wq, READ_ONCE(*c->cond));
	c->count++;
	return finish_thread(c);
}

static void wait_event_wakes_sleeper(struct ktest *t)
{
	DECLARE_WAIT_QUEUE_HEAD(wq);
	volatile int cond = 0;
	struct thread_ctl c = { .wq = &wq, .cond = &cond };

	init_completion(&c.done);
	KTEST_ASSERT_TRUE(t, kernel_thread(sleeper_thread, &c, "ktest-sleep") > 0);
	KTEST_ASSERT_TRUE(t, wait_until(atomic_read(&c.started) == 1));
	msleep(20);	/* let it reach its sleep */
	KTEST_EXPECT_EQ(t, c.count, 0);	/* the condition is false: asleep */
	WRITE_ONCE(cond, 1);
	wake_up(&wq);
	KTEST_ASSERT_TRUE(t, wait_for_completion_timeout(&c.done,
				HANG_MS * NSEC_PER_MSEC));
	KTEST_EXPECT_EQ(t, c.count, 1);
}

#define NR_WAITERS	8

struct waiter_group {
	struct completion go;
	atomic_t through;
	struct completion all_done;
};

static int completion_waiter(void *arg)
{
	struct waiter_group *g = arg;

	wait_for_completion(&g->go);
	if (atomic_add_return(1, &g->through) == NR_WAITERS)
		complete(&g->all_done);
	return 0;
}

static void complete_all_wakes_every_waiter(struct ktest *t)
{
	struct waiter_group g;

	init_completion(&g.go);
	init_completion(&g.all_done);
	atomic_set(&g.through, 0);
	for (int i = 0; i < NR_WAITERS; i++)
		KTEST_ASSERT_TRUE(t, kernel_thread(completion_waiter, &g,
						   "ktest-wait") > 0);
	msleep(20);
	KTEST_EXPECT_EQ(t, atomic_read(&g.through), 0);
	complete_all(&g.go);
	KTEST_ASSERT_TRUE(t, wait_for_completion_timeout(&g.all_done,
				HANG_MS * NSEC_PER_MSEC));
	KTEST_EXPECT_EQ(t, atomic_read(&g.through), NR_WAITERS);
}

/* Two threads hand a token back and forth through one wait queue. */
#define PINGPONG_ROUNDS	2000

struct pingpong {
	struct wait_queue_head wq;
	volatile int turn;		/* whose move: 0 or 1 */
	unsigned long moves[2];
	int cpu[2];
	struct completion done[2];
};

static struct pingpong *pp;

static int pingpong_thread(void *arg)
{
	int me = (int)(unsigned long)arg;
	unsigned int rounds = PINGPONG_ROUNDS * ktest_scale;

	if (pp->cpu[me] >= 0)
		pin_to(pp->cpu[me]);
	for (unsigned int i = 0; i < rounds; i++) {
		wait_event(pp->wq, READ_ONCE(pp->turn) == me);
		pp->moves[me]++;
		WRITE_ONCE(pp->turn, !me);
		wake_up_all(&pp->wq);
	}
	complete(&pp->done[me]);
	return 0;
}

static void pingpong_never_loses_a_wakeup(struct ktest *t)
{
	static struct pingpong p;
	int last = -1, cpu, pid[2];
	u64 t0;

	for_each_online_cpu(cpu)
		last = cpu;
	memset(&p, 0, sizeof(p));
	init_waitqueue_head(&p.wq);
	p.cpu[0] = 0;
	p.cpu[1] = last;	/* another CPU when there is one */
	init_completion(&p.done[0]);
	init_completion(&p.done[1]);
	pp = &p;
	t0 = ktime_get_ns();
	pid[0] = kernel_thread(pingpong_thread, (void *)0, "ping");
	pid[1] = kernel_thread(pingpong_thread, (void *)1, "pong");
	KTEST_ASSERT_TRUE(t, pid[0] > 0 && pid[1] > 0);
	{
		unsigned long last_moves = 0;
		int still = 0;
		bool dumped = false;

		while (!wait_for_completion_timeout(&p.done[1], 100 * NSEC_PER_MSEC)) {
			unsigned long m = p.moves[0] + p.moves[1];

			still = m == last_moves ? still + 1 : 0;
			last_moves = m;
			if (still == 10 && !dumped) {
				dumped = true;
				ktest_log(t, "no progress for 1 s at %lu + %lu moves, turn %d",
					  p.moves[0], p.moves[1], p.turn);
				for (int i = 0; i < 2; i++) {
					struct task_struct *tsk = find_get_task_by_pid(pid[i]);

					if (tsk) {
						sched_show_task(tsk);
						put_task_struct(tsk);
					}
				}
			}
			if (still > 200)
				break;
		}
		KTEST_ASSERT_TRUE(t, still <= 200);
		KTEST_ASSERT_TRUE(t, wait_for_completion_timeout(&p.done[0],
					HANG_MS * NSEC_PER_MSEC));
	}
	ktest_log(t, "%u hand-offs between CPU %d and CPU %d in %llu ms",
		  2 * PINGPONG_ROUNDS * ktest_scale, p.cpu[0], p.cpu[1],
		  (ktime_get_ns() - t0) / NSEC_PER_MSEC);
	KTEST_EXPECT_EQ(t, p.moves[0], PINGPONG_ROUNDS * ktest_scale);
	KTEST_EXPECT_EQ(t, p.moves[1], PINGPONG_ROUNDS * ktest_scale);
}

/* ---- preemption and load balancing ---------------------------------------- */

static int spinner_thread(void *arg)
{
	struct thread_ctl *c = arg;

	if (c->cpu >= 0)
		pin_to(c->cpu);
	atomic_inc(&c->started);
	while (!READ_ONCE(c->stop)) {
		c->count++;
		cpumask_set_cpu(smp_processor_id(), &c->seen);
		cpu_relax();
	}
	return finish_thread(c);
}

static void stop_spinners(struct ktest *t, struct thread_ctl *c, int n)
{
	for (int i = 0; i < n; i++)
		WRITE_ONCE(c[i].stop, true);
	for (int i = 0; i < n; i++)
		KTEST_EXPECT_TRUE(t, wait_for_completion_timeout(&c[i].done,
					HANG_MS * NSEC_PER_MSEC));
}

/*
 * Two threads that never yield, on one CPU: both make progress only if
 * the tick preempts them.
 */
static void tick_preempts_busy_threads(struct ktest *t)
{
	static struct thread_ctl c[2];
	struct sched_stats before, after;
	int cpu = -1, i;
	unsigned long c0, c1;

	for_each_online_cpu(i)
		cpu = i;
	sched_stats_get(cpu, &before);
	memset(c, 0, sizeof(c));
	for (i = 0; i < 2; i++) {
		c[i].cpu = cpu;
		init_completion(&c[i].done);
		KTEST_ASSERT_TRUE(t, kernel_thread(spinner_thread, &c[i],
						   "ktest-spin") > 0);
	}
	KTEST_ASSERT_TRUE(t, wait_until(atomic_read(&c[0].started) &&
					atomic_read(&c[1].started)));
	/* Both must keep advancing while sharing the CPU. */
	c0 = c[0].count;
	c1 = c[1].count;
	KTEST_EXPECT_TRUE(t, wait_until(c[0].count > c0 + 1000 &&
					c[1].count > c1 + 1000));
	stop_spinners(t, c, 2);
	sched_stats_get(cpu, &after);
	ktest_log(t, "CPU %d: %llu preemptions, counts %lu and %lu", cpu,
		  after.nr_preempt - before.nr_preempt, c[0].count, c[1].count);
	KTEST_EXPECT_GT(t, after.nr_preempt - before.nr_preempt, 0);
	KTEST_EXPECT_TRUE(t, cpumask_test_cpu(cpu, &c[0].seen));
	KTEST_EXPECT_EQ(t, cpumask_weight(&c[0].seen), 1);
	KTEST_EXPECT_EQ(t, cpumask_weight(&c[1].seen), 1);
}

/* More spinners than CPUs, unpinned: every CPU ends up running one. */
static void every_cpu_gets_work(struct ktest *t)
{
	static struct thread_ctl c[2 * NR_CPUS];
	int n = 2 * num_online_cpus();
	cpumask_t seen;

	memset(c, 0, sizeof(c));
	for (int i = 0; i < n; i++) {
		c[i].cpu = -1;
		init_completion(&c[i].done);
		KTEST_ASSERT_TRUE(t, kernel_thread(spinner_thread, &c[i],
						   "ktest-spin") > 0);
	}
	KTEST_EXPECT_TRUE(t, wait_until(({
		cpumask_clear(&seen);
		for (int i = 0; i < n; i++)
			for (int cpu = 0; cpu < NR_CPUS; cpu++)
				if (cpumask_test_cpu(cpu, &c[i].seen))
					cpumask_set_cpu(cpu, &seen);
		cpumask_weight(&seen) == (int)num_online_cpus(); })));
	stop_spinners(t, c, n);
	ktest_log(t, "%d spinners ran on %d of %u CPUs", n,
		  cpumask_weight(&seen), num_online_cpus());
}

static void affinity_moves_the_caller(struct ktest *t)
{
	int cpu;

	for_each_online_cpu(cpu) {
		int here;

		pin_to(cpu);
		preempt_disable();
		here = smp_processor_id();
		preempt_enable();
		KTEST_EXPECT_EQ(t, here, cpu);
	}
	unpin();
}

/* ---- timers and sleeping ----------------------------------------------------- */

static void msleep_sleeps_at_least(struct ktest *t)
{
	u64 t0 = ktime_get_ns(), slept;

	msleep(30);
	slept = ktime_get_ns() - t0;
	ktest_log(t, "msleep(30) took %llu us", slept / 1000);
	KTEST_EXPECT_GE(t, slept, 30 * NSEC_PER_MSEC);
}

struct test_timer {
	struct timer_list timer;
	volatile int fired;
};

static void test_timer_fn(struct timer_list *tl)
{
	struct test_timer *tt = container_of(tl, struct test_timer, timer);

	tt->fired++;
}

static void timer_fires_once(struct ktest *t)
{
	struct test_timer tt = { .fired = 0 };

	timer_setup(&tt.timer, test_timer_fn);
	add_timer(&tt.timer, ktime_get_ns() + 20 * NSEC_PER_MSEC);
	KTEST_EXPECT_TRUE(t, wait_until(tt.fired));
	msleep(50);
	KTEST_EXPECT_EQ(t, tt.fired, 1);
	KTEST_EXPECT_FALSE(t, del_timer_sync(&tt.timer));
}

static void deleted_timer_never_fires(struct ktest *t)
{
	struct test_timer tt = { .fired = 0 };
	u64 expires = ktime_get_ns() + 100 * NSEC_PER_MSEC;
	bool deleted;

	timer_setup(&tt.timer, test_timer_fn);
	add_timer(&tt.timer, expires);
	deleted = del_timer_sync(&tt.timer);
	/* A slow host may get here after the expiry: then it fired once. */
	if (ktime_get_ns() < expires)
		KTEST_EXPECT_TRUE(t, deleted);
	msleep(200);
	KTEST_EXPECT_EQ(t, tt.fired, deleted ? 0 : 1);
}

/* ---- debug checks ---------------------------------------------------------- */

static void schedule_with_preemption_off(void *unused)
{
	preempt_disable();
	schedule();
}

static void scheduling_while_atomic_panics(struct ktest *t)
{
	ktest_expect_panic(t, schedule_with_preemption_off, NULL,
			   "scheduling while atomic");
}

static struct ktest_case sched_cases[] = {
	KTEST_CASE(kthread_runs_and_goes_away),
	KTEST_CASE(wait_event_wakes_sleeper),
	KTEST_CASE(complete_all_wakes_every_waiter),
	KTEST_CASE(pingpong_never_loses_a_wakeup),
	KTEST_CASE(tick_preempts_busy_threads),
	KTEST_CASE(every_cpu_gets_work),
	KTEST_CASE(affinity_moves_the_caller),
	KTEST_CASE(msleep_sleeps_at_least),
	KTEST_CASE(timer_fires_once),
	KTEST_CASE(deleted_timer_never_fires),
	KTEST_CASE(scheduling_while_atomic_panics),
	{}
};

static struct ktest_suite sched_suite = {
	.name = "sched",
	.cases = sched_cases,
};
ktest_register_suite(sched_suite);
