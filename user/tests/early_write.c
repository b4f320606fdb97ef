// SPDX-License-Identifier: GPL-2.0
/*
 * early_write: the seed's regression. There, a process's page directory
 * was a copy of the kernel's taken when the process was created; the
 * first kmap later added a page table to the kernel's directory only, and
 * the process's next write() faulted in the kernel.
 *
 * User space cannot see "the first kmap", so this recreates the shape:
 * the very first thing main() does is fork writer children, before this
 * program has made the kernel map anything on its behalf. They wait (for
 * a byte on a pipe, or by sleeping if there is no pipe) while the parent
 * makes the kernel do plenty of temporary mappings (writes, /dev/zero
 * reads, page faults, forks); then they write multi-page buffers that
 * straddle page boundaries, to the console and into a pipe where the
 * parent checks every byte. init itself, started before any program ran,
 * is the other instance: its first banner line is this same case.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ktap.h"
#include "util.h"

#define EARLY_WRITERS	2
#define CHUNKS		6
#define CHUNK_LEN	4000	/* <= PIPE_BUF: one atomic pipe write */

static struct {
	int data[2], go[2];
	bool have_pipe;
	int pipe_errno;
	pid_t pid[EARLY_WRITERS];
} early;

/* In a writer: one write of KTAP diagnostics across a page boundary. */
static int write_console_block(int id)
{
	char *area = map_pages(3), *p;
	int n = 0, depth = 4 * ktap_depth();
	size_t len;

	if (!area)
		return -1;
	p = area + PAGE_SIZE - 300;
	for (int line = 0; line < 8; line++)
		n += sprintf(p + n, "%*s# early writer %d: line %2d of a "
			     "multi-page write from a process forked first\n",
			     depth, "", id, line);
	len = n;
	return write(1, p, len) == (ssize_t)len ? 0 : -1;
}

static int write_pipe_chunks(int id)
{
	char *area = map_pages(3);
	int bad = 0;

	if (!area)
		return -1;
	for (int c = 0; c < CHUNKS; c++) {
		char *p = area + PAGE_SIZE - 100 - c * 500;

		fill_pattern(p, CHUNK_LEN, id * 100 + c);
		bad |= write(early.data[1], p, CHUNK_LEN) != CHUNK_LEN;
	}
	return bad ? -1 : 0;
}

static void early_writer(int id)
{
	struct timespec ts = { 0, 300 * 1000 * 1000 };
	int bad = 0;
	char c;

	if (early.have_pipe) {
		close(early.data[0]);
		close(early.go[1]);
		if (read(early.go[0], &c, 1) != 1)
			_exit(3);
	} else {
		nanosleep(&ts, NULL);
	}
	bad |= write_console_block(id);
	if (early.have_pipe)
		bad |= write_pipe_chunks(id);
	_exit(bad ? 1 : 0);
}

/* Called first thing in main(): no write() has happened yet. */
static void fork_early_writers(void)
{
	early.have_pipe = !pipe(early.data) && !pipe(early.go);
	early.pipe_errno = errno;
	for (int i = 0; i < EARLY_WRITERS; i++) {
		early.pid[i] = fork();
		if (early.pid[i] == 0)
			early_writer(i);
	}
	if (early.have_pipe) {
		close(early.data[1]);
		close(early.go[0]);
	}
}

static void child_exit(void *unused)
{
	(void)unused;
}

/* The parent makes the kernel map user pages in every way it can. */
static void parent_maps_a_lot(void)
{
	char *buf = map_pages(64);
	int fd = open("/dev/zero", O_RDONLY), null = open("/dev/null", O_WRONLY);

	KT_ASSERT(buf != NULL);
	KT_ASSERT(fd >= 0 && null >= 0);
	for (int i = 0; i < 16; i++) {
		KT_EXPECT_EQ(read(fd, buf + i * 100, 4 * PAGE_SIZE),
			     (long)(4 * PAGE_SIZE));
		KT_EXPECT_EQ(write(null, buf + i * 100, 4 * PAGE_SIZE),
			     (long)(4 * PAGE_SIZE));
	}
	for (int i = 0; i < 4; i++) {
		int status = child_status(child_exit, NULL);

		KT_EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	ktap_diag("parent: 32 multi-page transfers and 4 forks done");
	close(fd);
	close(null);
	munmap(buf, 64 * PAGE_SIZE);
}

static void early_children_write_to_pipe(void)
{
	static char got[EARLY_WRITERS * CHUNKS * CHUNK_LEN];
	int next[EARLY_WRITERS] = { 0 };
	size_t have = 0;
	ssize_t n;

	if (!early.have_pipe) {
		ktap_fail_at(__FILE__, __LINE__, "pipe: %s (no sink to check the "
			     "bytes)", strerror(early.pipe_errno));
		return;
	}
	for (int i = 0; i < EARLY_WRITERS; i++)
		KT_EXPECT_EQ(write(early.go[1], "g", 1), 1);
	close(early.go[1]);
	while (have < sizeof(got) &&
	       (n = read(early.data[0], got + have, sizeof(got) - have)) > 0)
		have += n;
	KT_EXPECT_EQ(have, sizeof(got));
	/* Chunks are atomic: each one is some writer's next chunk. */
	for (size_t off = 0; off + CHUNK_LEN <= have; off += CHUNK_LEN) {
		bool matched = false;

		for (int id = 0; id < EARLY_WRITERS && !matched; id++) {
			uint32_t seed = id * 100 + next[id];

			if (next[id] < CHUNKS &&
			    check_pattern(got + off, CHUNK_LEN, seed) == CHUNK_LEN) {
				next[id]++;
				matched = true;
			}
		}
		if (!matched)
			ktap_fail_at(__FILE__, __LINE__,
				     "chunk at offset %zu matches no writer", off);
	}
	close(early.data[0]);
}

static void early_children_exit_cleanly(void)
{
	char why[64];

	for (int i = 0; i < EARLY_WRITERS; i++) {
		int status = wait_status(early.pid[i]);

		if (!WIFEXITED(status) || WEXITSTATUS(status))
			ktap_fail_at(__FILE__, __LINE__, "early writer %d %s", i,
				     describe_status(status, why, sizeof(why)));
	}
}

static const struct ktap_case cases[] = {
	KTAP_CASE(parent_maps_a_lot),
	KTAP_CASE(early_children_write_to_pipe),
	KTAP_CASE(early_children_exit_cleanly),
	{ 0 }
};

int main(void)
{
	fork_early_writers();
	return ktap_main("early_write", cases);
}
