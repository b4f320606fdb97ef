// SPDX-License-Identifier: GPL-2.0
/*
 * futex_condvar: no wake-up is ever lost. Threads pinned to different CPUs
 * hand a token round with a mutex and a condition variable, and producers
 * and consumers pass items through a bounded queue; the counts at the end
 * must be exact. A lost wake-up shows up as a hang: each stress fails,
 * with the counts so far, once its counter has not moved for two minutes
 * (a slow host is not a failure, a frozen counter is). Raw futex calls check the system call's own contract.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "ktap.h"
#include "util.h"

/* From Linux's uapi <linux/futex.h> (musl's headers don't carry it). */
#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_PRIVATE_FLAG	128
#define FUTEX_WAIT_PRIVATE	(FUTEX_WAIT | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_PRIVATE	(FUTEX_WAKE | FUTEX_PRIVATE_FLAG)

#define MAX_THREADS	16
#define ROUNDS		2000

/* SYS_futex (240) takes the old 32-bit timespec; musl's is 64-bit. */
struct timespec32 {
	int32_t tv_sec;
	int32_t tv_nsec;
};

static long futex(int *uaddr, int op, int val, const struct timespec32 *ts)
{
	return syscall(SYS_futex, uaddr, op, val, ts, NULL, 0);
}

static int nthreads(void)
{
	int n = online_cpus();

	return n < 2 ? 2 : n > MAX_THREADS ? MAX_THREADS : n;
}

/*
 * Join t, failing only if the stress stops making progress: a lost
 * wake-up freezes the counter for good, while a slow or overloaded host
 * only slows it down. `progress` (NULL: no counter) is sampled every
 * JOIN_SLICE_S; STALL_S seconds without a change is a failure.
 */
#define JOIN_SLICE_S	10
#define STALL_S		120

static bool join_while_progressing(pthread_t t, const char *what,
				   long (*progress)(void))
{
	long last = progress ? progress() : 0;

	for (int stalled = 0; stalled < STALL_S; stalled += JOIN_SLICE_S) {
		struct timespec ts;
		long now;

		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += JOIN_SLICE_S;
		if (pthread_timedjoin_np(t, NULL, &ts) == 0)
			return true;
		now = progress ? progress() : 0;
		if (now != last) {
			last = now;
			stalled = -JOIN_SLICE_S;	/* moving: start again */
		}
	}
	ktap_fail_at(__FILE__, __LINE__, "%s: no progress for %d s (lost "
		     "wake-up?)", what, STALL_S);
	return false;
}

/* ---- the token ring: one mutex, one condvar, n pinned threads -------- */

static struct {
	pthread_mutex_t lock;
	pthread_cond_t turn_changed;
	int turn, n;
	long passes[MAX_THREADS], total;
} ring = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.turn_changed = PTHREAD_COND_INITIALIZER,
};

static void *ring_thread(void *arg)
{
	int me = (int)(long)arg;

	pin_to_cpu(me % online_cpus());
	for (int r = 0; r < ROUNDS; r++) {
		pthread_mutex_lock(&ring.lock);
		while (ring.turn != me)
			pthread_cond_wait(&ring.turn_changed, &ring.lock);
		ring.passes[me]++;
		ring.total++;
		ring.turn = (me + 1) % ring.n;
		pthread_cond_broadcast(&ring.turn_changed);
		pthread_mutex_unlock(&ring.lock);
	}
	return NULL;
}

static long ring_total(void)
{
	return __atomic_load_n(&ring.total, __ATOMIC_RELAXED);
}

static void token_ring_exact_counts(void)
{
	pthread_t t[MAX_THREADS];
	int n = nthreads();
	bool all = true;

	ring.n = n;
	ring.turn = 0;
	ring.total = 0;
	memset(ring.passes, 0, sizeof(ring.passes));
	for (int i = 0; i < n; i++)
		KT_ASSERT_EQ(pthread_create(&t[i], NULL, ring_thread,
					    (void *)(long)i), 0);
	for (int i = 0; i < n && all; i++)
		all = join_while_progressing(t[i], "token ring", ring_total);
	if (!all) {
		ktap_diag("total %ld of %d", ring.total, n * ROUNDS);
		_exit(KTAP_EXIT_FAIL);	/* threads stuck: don't go on */
	}
	for (int i = 0; i < n; i++)
		KT_EXPECT_EQ(ring.passes[i], ROUNDS);
	KT_EXPECT_EQ(ring.total, (long)n * ROUNDS);
	ktap_diag("%d threads passed the token %ld times", n, ring.total);
}

/* ---- bounded queue: producers and consumers, every item once --------- */

#define QUEUE_SLOTS	8
#define ITEMS		20000

static struct {
	pthread_mutex_t lock;
	pthread_cond_t not_empty, not_full;
	unsigned int slot[QUEUE_SLOTS];
	int head, count, produced_by_all;
	uint64_t sum_in, sum_out;
	int taken;
} q = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.not_empty = PTHREAD_COND_INITIALIZER,
	.not_full = PTHREAD_COND_INITIALIZER,
};

static void *producer(void *arg)
{
	int id = (int)(long)arg, per = ITEMS / 2;

	pin_to_cpu(id % online_cpus());
	for (int i = 0; i < per; i++) {
		unsigned int item = id * per + i + 1;

		pthread_mutex_lock(&q.lock);
		while (q.count == QUEUE_SLOTS)
			pthread_cond_wait(&q.not_full, &q.lock);
		q.slot[(q.head + q.count++) % QUEUE_SLOTS] = item;
		q.sum_in += item;
		pthread_cond_signal(&q.not_empty);
		pthread_mutex_unlock(&q.lock);
	}
	return NULL;
}

static void *consumer(void *arg)
{
	int id = (int)(long)arg;

	pin_to_cpu((id + 1) % online_cpus());
	for (;;) {
		pthread_mutex_lock(&q.lock);
		while (q.count == 0 && q.taken < ITEMS)
			pthread_cond_wait(&q.not_empty, &q.lock);
		if (q.taken == ITEMS) {
			pthread_mutex_unlock(&q.lock);
			return NULL;
		}
		q.sum_out += q.slot[q.head];
		q.head = (q.head + 1) % QUEUE_SLOTS;
		q.count--;
		if (++q.taken == ITEMS)	/* wake the other consumers to leave */
			pthread_cond_broadcast(&q.not_empty);
		pthread_cond_signal(&q.not_full);
		pthread_mutex_unlock(&q.lock);
	}
}

static long items_taken(void)
{
	return __atomic_load_n(&q.taken, __ATOMIC_RELAXED);
}

static void producer_consumer_exact_sums(void)
{
	pthread_t t[4];
	uint64_t want = (uint64_t)ITEMS * (ITEMS + 1) / 2;
	bool all = true;

	q.head = q.count = q.taken = 0;
	q.sum_in = q.sum_out = 0;
	for (int i = 0; i < 2; i++) {
		KT_ASSERT_EQ(pthread_create(&t[i], NULL, producer,
					    (void *)(long)i), 0);
		KT_ASSERT_EQ(pthread_create(&t[2 + i], NULL, consumer,
					    (void *)(long)i), 0);
	}
	for (int i = 0; i < 4 && all; i++)
		all = join_while_progressing(t[i], "producer/consumer",
					     items_taken);
	if (!all) {
		ktap_diag("taken %d of %d", q.taken, ITEMS);
		_exit(KTAP_EXIT_FAIL);
	}
	KT_EXPECT_EQ(q.taken, ITEMS);
	KT_EXPECT_EQ(q.sum_in, want);
	KT_EXPECT_EQ(q.sum_out, want);
}

/* ---- the futex system call itself --------------------------------------- */

static void futex_wait_value_mismatch(void)
{
	int word = 1;

	KT_EXPECT_EQ(futex(&word, FUTEX_WAIT_PRIVATE, 2, NULL), -1);
	KT_EXPECT_EQ(errno, EAGAIN);
	KT_EXPECT_EQ(futex(&word, FUTEX_WAIT, 2, NULL), -1);
	KT_EXPECT_EQ(errno, EAGAIN);
	KT_EXPECT_EQ(futex((int *)0xE0000000, FUTEX_WAIT, 0, NULL), -1);
	KT_EXPECT_EQ(errno, EFAULT);
}

static long long mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void futex_wait_timeout(void)
{
	struct timespec32 ts = { 0, 50 * 1000 * 1000 };
	int word = 0;
	long long t0 = mono_ns();

	KT_EXPECT_EQ(futex(&word, FUTEX_WAIT_PRIVATE, 0, &ts), -1);
	KT_EXPECT_EQ(errno, ETIMEDOUT);
	KT_EXPECT_GE(mono_ns() - t0, 50 * 1000 * 1000);
	/* Shared (not private) futexes time out the same way. */
	KT_EXPECT_EQ(futex(&word, FUTEX_WAIT, 0, &ts), -1);
	KT_EXPECT_EQ(errno, ETIMEDOUT);
}

static int wake_word;
static int woken;

static void *futex_waiter(void *arg)
{
	int op = (int)(long)arg;

	while (__atomic_load_n(&wake_word, __ATOMIC_ACQUIRE) == 0)
		futex(&wake_word, op, 0, NULL);
	__atomic_add_fetch(&woken, 1, __ATOMIC_RELAXED);
	return NULL;
}

/*
 * FUTEX_WAKE returns how many it woke, never more than were waiting; every
 * waiter wakes exactly once (each one leaves when it sees the word set).
 */
static void futex_wake_counts(void)
{
	for (int pass = 0; pass < 2; pass++) {
		int op_wait = pass ? FUTEX_WAIT : FUTEX_WAIT_PRIVATE;
		int op_wake = pass ? FUTEX_WAKE : FUTEX_WAKE_PRIVATE;
		pthread_t t[3];
		long total = 0;

		wake_word = 0;
		woken = 0;
		KT_EXPECT_EQ(futex(&wake_word, op_wake, INT_MAX, NULL), 0);
		for (int i = 0; i < 3; i++)
			KT_ASSERT_EQ(pthread_create(&t[i], NULL, futex_waiter,
						    (void *)(long)op_wait), 0);
		usleep(20000);	/* let them sleep (not required for success) */
		__atomic_store_n(&wake_word, 1, __ATOMIC_RELEASE);
		for (int tries = 0; tries < 1000; tries++) {
			long r = futex(&wake_word, op_wake, INT_MAX, NULL);

			KT_EXPECT(r >= 0 && r <= 3);
			total += r > 0 ? r : 0;
			if (__atomic_load_n(&woken, __ATOMIC_RELAXED) == 3)
				break;
			usleep(1000);
		}
		for (int i = 0; i < 3; i++)
			KT_EXPECT(join_while_progressing(t[i], "futex waiter",
							 NULL));
		KT_EXPECT_EQ(woken, 3);
		KT_EXPECT_LE(total, 3);
		ktap_diag("%s: FUTEX_WAKE woke %ld sleeping waiters",
			  pass ? "shared" : "private", total);
	}
}

static const struct ktap_case cases[] = {
	KTAP_CASE(futex_wait_value_mismatch),
	KTAP_CASE(futex_wait_timeout),
	KTAP_CASE(futex_wake_counts),
	KTAP_CASE(token_ring_exact_counts),
	KTAP_CASE(producer_consumer_exact_sums),
	{ 0 }
};

int main(void)
{
	return ktap_main("futex_condvar", cases);
}
