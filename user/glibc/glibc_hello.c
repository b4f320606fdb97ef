// SPDX-License-Identifier: GPL-2.0
/*
 * glibc_hello: an ordinary static program linked against glibc instead of
 * musl (Debian's libc6-dev-i386-cross, plain `i686-linux-gnu-gcc -static`).
 *
 * glibc takes other paths into the kernel than musl: TLS and the stack
 * protector canary through %gs from its own set_thread_area, rseq and
 * clone3 probes (-ENOSYS: it falls back), FUTEX_WAIT_BITSET with absolute
 * deadlines, openat for fopen and opendir,
 * statx for stat, ugetrlimit and readlink at start-up, and SSE in its
 * string and printf code. Each case runs one of those paths with a result
 * it can check.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include "ktap.h"
#include "util.h"

#define MAX_THREADS	32

static void printf_and_strtod(void)
{
	char buf[64];
	double d = strtod("3.25", NULL);

	KT_EXPECT(d == 3.25);
	snprintf(buf, sizeof(buf), "%d %s %.3f %x", -42, "glibc", d * 2,
		 0xbeef);
	KT_EXPECT(!strcmp(buf, "-42 glibc 6.500 beef"));
	/* stdout through stdio (isatty, buffering), as a KTAP diagnostic. */
	KT_EXPECT_GT(printf("%*s# printf_and_strtod: printf says \"%s\"\n",
			    4 * ktap_depth(), "", buf), 0);
	KT_EXPECT_EQ(fflush(stdout), 0);
}

static void malloc_and_free(void)
{
	void *blocks[64];

	/* Small (brk heap) and large (mmap) blocks, each with its pattern. */
	for (int i = 0; i < 64; i++) {
		size_t size = (i % 8 == 7) ? 300000 : 16 + 97 * i;

		blocks[i] = malloc(size);
		KT_ASSERT(blocks[i] != NULL);
		fill_pattern(blocks[i], size, i);
	}
	for (int i = 0; i < 64; i++) {
		size_t size = (i % 8 == 7) ? 300000 : 16 + 97 * i;

		KT_EXPECT_EQ(check_pattern(blocks[i], size, i), size);
		free(blocks[i]);
	}
}

struct thread_arg {
	int cpu;
	int ran_on;
	int pinned;
};

static void *run_on_cpu(void *p)
{
	struct thread_arg *arg = p;

	arg->pinned = pin_to_cpu(arg->cpu);
	arg->ran_on = sched_getcpu();
	return p;
}

/* One thread per CPU, each pinned there, all joined. */
static void threads_on_every_cpu(void)
{
	struct thread_arg args[MAX_THREADS];
	pthread_t th[MAX_THREADS];
	int n = online_cpus();

	KT_ASSERT_GE(n, 1);
	if (n > MAX_THREADS)
		n = MAX_THREADS;
	for (int i = 0; i < n; i++) {
		args[i] = (struct thread_arg){ .cpu = i, .ran_on = -1 };
		KT_ASSERT_EQ(pthread_create(&th[i], NULL, run_on_cpu, &args[i]),
			     0);
	}
	for (int i = 0; i < n; i++) {
		void *ret = NULL;

		KT_EXPECT_EQ(pthread_join(th[i], &ret), 0);
		KT_EXPECT(ret == &args[i]);
		KT_EXPECT_EQ(args[i].pinned, 0);
		KT_EXPECT_EQ(args[i].ran_on, i);
	}
	ktap_diag("%d threads, one per CPU", n);
}

/* fopen/fread/fseek/ftell of a file of the initramfs, against stat. */
static void stdio_file_read(void)
{
	struct stat st;
	char magic[4];
	long total = 0;
	size_t n;
	char *buf = malloc(65536);
	FILE *f = fopen("/init", "r");

	KT_ASSERT(buf != NULL);
	KT_ASSERT(f != NULL);
	KT_ASSERT_EQ(stat("/init", &st), 0);
	while ((n = fread(buf, 1, 65536, f)) > 0)
		total += n;
	KT_EXPECT(!ferror(f));
	KT_EXPECT_EQ(total, st.st_size);
	KT_EXPECT_EQ(fseek(f, 0, SEEK_END), 0);
	KT_EXPECT_EQ(ftell(f), st.st_size);
	rewind(f);
	KT_EXPECT_EQ(fread(magic, 1, 4, f), 4);
	KT_EXPECT(!memcmp(magic, "\177ELF", 4));
	fclose(f);
	free(buf);
	errno = 0;
	KT_EXPECT(fopen("/no/such/file", "r") == NULL);
	KT_EXPECT_EQ(errno, ENOENT);
}

static void stat_and_readdir(void)
{
	struct stat st, self;
	struct dirent *d;
	bool found = false;
	DIR *dir;

	KT_ASSERT_EQ(stat("/dev/null", &st), 0);
	KT_EXPECT(S_ISCHR(st.st_mode));
	KT_EXPECT_EQ(major(st.st_rdev), 1);
	KT_EXPECT_EQ(minor(st.st_rdev), 3);
	KT_ASSERT_EQ(stat("/bin/glibc_hello", &self), 0);
	KT_EXPECT(S_ISREG(self.st_mode));
	errno = 0;
	KT_EXPECT_EQ(stat("/no/such/file", &st), -1);
	KT_EXPECT_EQ(errno, ENOENT);
	dir = opendir("/bin");
	KT_ASSERT(dir != NULL);
	while ((d = readdir(dir)))
		if (!strcmp(d->d_name, "glibc_hello")) {
			found = true;
			KT_EXPECT_EQ(d->d_ino, self.st_ino);
		}
	closedir(dir);
	KT_EXPECT(found);
}

static long futex(uint32_t *word, int op, uint32_t val,
		  const struct timespec *ts, uint32_t bitset)
{
	return syscall(SYS_futex, word, op, val, ts, NULL, bitset);
}

static uint32_t bitset_word;
static volatile int bitset_waiting;

static void *wait_on_bit0(void *unused __attribute__((unused)))
{
	bitset_waiting = 1;
	return (void *)futex(&bitset_word, FUTEX_WAIT_BITSET_PRIVATE, 0, NULL,
			     1);
}

/* What pthread_join and glibc's condition variables rely on. */
static void futex_bitset(void)
{
	struct timespec deadline;
	uint32_t word = 0;
	pthread_t th;
	void *ret = (void *)-1L;
	long woken = 0;

	KT_ASSERT_EQ(clock_gettime(CLOCK_MONOTONIC, &deadline), 0);
	deadline.tv_nsec += 20 * 1000 * 1000;
	if (deadline.tv_nsec >= 1000000000) {
		deadline.tv_sec++;
		deadline.tv_nsec -= 1000000000;
	}
	/* An absolute deadline: it passes, the wait times out. */
	KT_EXPECT_EQ(futex(&word, FUTEX_WAIT_BITSET_PRIVATE, 0, &deadline,
			   FUTEX_BITSET_MATCH_ANY), -1);
	KT_EXPECT_EQ(errno, ETIMEDOUT);
	KT_EXPECT_EQ(futex(&word, FUTEX_WAIT_BITSET_PRIVATE, 1, NULL,
			   FUTEX_BITSET_MATCH_ANY), -1);
	KT_EXPECT_EQ(errno, EAGAIN);
	KT_EXPECT_EQ(futex(&word, FUTEX_WAIT_BITSET_PRIVATE, 0, NULL, 0), -1);
	KT_EXPECT_EQ(errno, EINVAL);
	/* A waiter on bit 0 is not woken for bit 1, and is for bit 0. */
	KT_ASSERT_EQ(pthread_create(&th, NULL, wait_on_bit0, NULL), 0);
	while (!bitset_waiting)
		sched_yield();
	for (int i = 0; i < 100000 && !woken; i++) {
		KT_EXPECT_EQ(futex(&bitset_word, FUTEX_WAKE_BITSET_PRIVATE, 1,
				   NULL, 2), 0);
		woken = futex(&bitset_word, FUTEX_WAKE_BITSET_PRIVATE, 1, NULL,
			      1);
		if (!woken)
			sched_yield();
	}
	KT_EXPECT_EQ(woken, 1);
	KT_EXPECT_EQ(pthread_join(th, &ret), 0);
	KT_EXPECT_EQ((long)ret, 0);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(printf_and_strtod),
	KTAP_CASE(malloc_and_free),
	KTAP_CASE(threads_on_every_cpu),
	KTAP_CASE(futex_bitset),
	KTAP_CASE(stdio_file_read),
	KTAP_CASE(stat_and_readdir),
	{ 0 }
};

int main(void)
{
	return ktap_main("glibc_hello", cases);
}
