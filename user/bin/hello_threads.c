// SPDX-License-Identifier: GPL-2.0
/*
 * hello_threads: hello world with printf and one pthread per CPU, each
 * pinned to its CPU, each printing where it runs. Exits 0 when every CPU
 * printed. An ordinary static musl program (issue 6's "done when"): the
 * same binary runs on Linux.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>

#include "util.h"

#define MAX_THREADS	32

static int seen[MAX_THREADS];

static void *hello(void *arg)
{
	int id = (int)(long)arg, cpu;

	pin_to_cpu(id);
	cpu = sched_getcpu();
	printf("hello from thread %d on CPU %d\n", id, cpu);
	if (cpu >= 0 && cpu < MAX_THREADS)
		__atomic_store_n(&seen[cpu], 1, __ATOMIC_RELAXED);
	return NULL;
}

int main(void)
{
	int n = online_cpus(), missing = 0;
	pthread_t t[MAX_THREADS];

	if (n > MAX_THREADS)
		n = MAX_THREADS;
	printf("hello, world: %d CPUs, one thread each\n", n);
	for (int i = 0; i < n; i++)
		if (pthread_create(&t[i], NULL, hello, (void *)(long)i)) {
			printf("pthread_create failed\n");
			return 1;
		}
	for (int i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	for (int i = 0; i < n; i++)
		missing += !seen[i];
	printf("%s: %d of %d CPUs printed\n", missing ? "FAIL" : "ok",
	       n - missing, n);
	return missing ? 1 : 0;
}
