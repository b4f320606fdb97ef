// SPDX-License-Identifier: GPL-2.0
/*
 * exit_group: a process whose threads run on every CPU ends as a whole,
 * whichever thread ends it and however (exit_group from main or from
 * another thread, a fault in any thread, the last pthread_exit), with the
 * right wait status, and gives back every frame.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ktap.h"
#include "util.h"

#define ROUNDS		30
#define MAX_THREADS	32

static int started;

/* What the extra threads do while the process ends around them. */
static void *busy_thread(void *arg)
{
	int kind = (int)(long)arg;
	struct timespec long_sleep = { 1000, 0 };
	pthread_mutex_t never = PTHREAD_MUTEX_INITIALIZER;
	pthread_cond_t cond = PTHREAD_COND_INITIALIZER;

	pin_to_cpu(kind % online_cpus());
	__atomic_add_fetch(&started, 1, __ATOMIC_RELEASE);
	switch (kind % 4) {
	case 0:			/* spin in user mode */
		for (;;)
			__asm__ volatile("" ::: "memory");
	case 1:			/* sleep in the kernel */
		for (;;)
			nanosleep(&long_sleep, NULL);
	case 2:			/* block on a futex */
		pthread_mutex_lock(&never);
		for (;;)
			pthread_cond_wait(&cond, &never);
	default:		/* system calls in a loop */
		for (;;)
			getpid();
	}
	return NULL;
}

static void start_busy_threads(int n)
{
	pthread_t t;

	for (int i = 0; i < n; i++)
		if (pthread_create(&t, NULL, busy_thread, (void *)(long)i))
			_exit(100);
	while (__atomic_load_n(&started, __ATOMIC_ACQUIRE) < n)
		sched_yield();
}

static int threads_per_process(void)
{
	int n = 2 * online_cpus();

	return n > MAX_THREADS ? MAX_THREADS : n;
}

static void main_exits(void *unused)
{
	(void)unused;
	start_busy_threads(threads_per_process());
	exit(3);
}

static void *exit_from_thread(void *arg)
{
	(void)arg;
	_exit(4);
}

static void other_thread_exits(void *unused)
{
	pthread_t t;

	(void)unused;
	start_busy_threads(threads_per_process());
	pthread_create(&t, NULL, exit_from_thread, NULL);
	pthread_join(t, NULL);
	_exit(5);
}

static void *fault_in_thread(void *arg)
{
	(void)arg;
	(void)*(volatile char *)0xE0000000;
	return NULL;
}

static void other_thread_faults(void *unused)
{
	pthread_t t;

	(void)unused;
	start_busy_threads(threads_per_process());
	pthread_create(&t, NULL, fault_in_thread, NULL);
	pthread_join(t, NULL);
	_exit(6);
}

static void *finish_later(void *arg)
{
	struct timespec ts = { 0, 30 * 1000 * 1000 };

	(void)arg;
	nanosleep(&ts, NULL);
	return NULL;		/* the last thread: the process exits 0 */
}

static const char *self_path;

/*
 * In a freshly executed image: musl registers the thread-list lock as the
 * main thread's clear_child_tid at start-up only (not after fork), and a
 * main thread that pthread_exits relies on the kernel clearing it.
 */
static int main_thread_pthread_exits_image(void)
{
	pthread_t t;

	/* Without a second thread this would pass vacuously. */
	if (pthread_create(&t, NULL, finish_later, NULL))
		return 100;
	pthread_exit(NULL);
}

static void main_thread_pthread_exits(void *unused)
{
	char *argv[] = { (char *)self_path, "--child-pthread-exit", NULL };
	char *envp[] = { NULL };

	(void)unused;
	execve(self_path, argv, envp);
	_exit(100);
}

static void expect_rounds(void (*fn)(void *), int rounds, bool exited,
			  int code)
{
	char why[64];
	int bad = 0;

	for (int r = 0; r < rounds; r++) {
		int status = child_status(fn, NULL);
		bool ok = exited ? WIFEXITED(status) && WEXITSTATUS(status) == code
				 : WIFSIGNALED(status) && WTERMSIG(status) == code;

		if (!ok && bad++ < 3)
			ktap_diag("round %d: %s", r,
				  describe_status(status, why, sizeof(why)));
	}
	KT_EXPECT_EQ(bad, 0);
}

static void exit_group_from_main(void)
{
	expect_rounds(main_exits, ROUNDS, true, 3);
}

static void exit_group_from_other_thread(void)
{
	expect_rounds(other_thread_exits, ROUNDS, true, 4);
}

static void fault_in_one_thread_kills_all(void)
{
	expect_rounds(other_thread_faults, ROUNDS, false, SIGSEGV);
}

static void last_thread_exit_ends_process(void)
{
	expect_rounds(main_thread_pthread_exits, 5, true, 0);
}

static void teardown_leaves_free_pages_unchanged(void)
{
	unsigned long low0, high0;

	expect_rounds(main_exits, 3, true, 3);		/* warm-up */
	KT_ASSERT_EQ(free_pages(&low0, &high0), 0);
	expect_rounds(main_exits, ROUNDS, true, 3);
	expect_rounds(other_thread_faults, ROUNDS / 3, false, SIGSEGV);
	expect_free_pages_back(low0, high0);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(exit_group_from_main),
	KTAP_CASE(exit_group_from_other_thread),
	KTAP_CASE(fault_in_one_thread_kills_all),
	KTAP_CASE(last_thread_exit_ends_process),
	KTAP_CASE(teardown_leaves_free_pages_unchanged),
	{ 0 }
};

int main(int argc, char **argv)
{
	self_path = argv[0];
	if (argc > 1 && !strcmp(argv[1], "--child-pthread-exit"))
		return main_thread_pthread_exits_image();
	return ktap_main("exit_group", cases);
}
