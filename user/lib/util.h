/* SPDX-License-Identifier: GPL-2.0 */
/* Helpers shared by the user test programs: children, patterns, memory. */
#ifndef USER_UTIL_H
#define USER_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <limits.h>	/* musl defines PAGE_SIZE (4096) there */
#ifndef PAGE_SIZE
#define PAGE_SIZE	4096UL
#endif

/* Online CPUs, as musl's sysconf() sees them (sched_getaffinity). */
int online_cpus(void);
/* The CPU this process runs on now (getcpu), or -1. */
int current_cpu(void);

/* Run the calling thread on `cpu` only (sched_setaffinity); 0 or -errno. */
int pin_to_cpu(int cpu);

/* Running on a Linux host (uname says "Linux")? See Documentation/userland.md. */
bool on_linux(void);
/* A 32-bit program on a 64-bit Linux kernel: no kernel half at 3 GiB. */
bool on_linux_compat(void);

/*
 * fork(); the child runs fn(arg) and exits 0, or 1 if a check failed in it.
 * Returns the child's pid (or -1 after reporting the failure).
 */
pid_t spawn(void (*fn)(void *), void *arg);
/* wait4() for this pid; the raw Linux status, or -1. */
int wait_status(pid_t pid);
/* spawn() + wait_status(). */
int child_status(void (*fn)(void *), void *arg);
/* "exited 3" / "killed by signal 11 (SIGSEGV)" into buf. */
const char *describe_status(int status, char *buf, size_t size);

/* A byte pattern that depends on the seed and the position. */
void fill_pattern(void *buf, size_t len, uint32_t seed);
/* Index of the first byte that differs from the pattern, or len. */
size_t check_pattern(const void *buf, size_t len, uint32_t seed);
/* The byte fill_pattern() puts at offset i. */
uint8_t pattern_byte(uint32_t seed, size_t i);

/*
 * Free pages of lowmem and highmem from sysinfo(2) (mem_unit scaled to
 * pages). Returns 0, or -errno.
 */
int free_pages(unsigned long *low, unsigned long *high);

/*
 * Poll free_pages() until it shows exactly (low0, high0) or `ms` passed;
 * the last counts are left in *low, *high. True when they matched. For
 * resources the kernel may release just after the event user space sees
 * (a thread's kernel stack is freed after it last ran): a leak never
 * matches, however long we wait.
 */
bool free_pages_settle(unsigned long low0, unsigned long high0,
		       unsigned long *low, unsigned long *high, int ms);

/*
 * Expect free_pages() back at exactly (low0, high0) within 20 s (see
 * free_pages_settle); a skip on a Linux host, whose free memory moves
 * with everything else running there.
 */
void expect_free_pages_back(unsigned long low0, unsigned long high0);

/* Map n anonymous read/write pages and touch each one; NULL on failure. */
void *map_pages(size_t n);

#endif
