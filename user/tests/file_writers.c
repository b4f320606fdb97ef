// SPDX-License-Identifier: GPL-2.0
/*
 * file_writers: many processes writing files at once, every byte checked.
 *
 * Two writer processes per CPU, each pinned to its CPU and released at
 * once, write numbered records (header: magic, writer, sequence, length,
 * checksum of the payload; payload: a pattern of writer and sequence) of
 * 32..12000 bytes, from buffers that straddle pages, so records straddle
 * pages in the file too:
 *
 *   own_files       each writer into its own file
 *   shared_append   all into one O_APPEND file: records never interleave
 *                   or overwrite, each writer's sequence is complete and
 *                   in order; reader processes meanwhile parse what is
 *                   there and every complete record they see is whole
 *   shared_pwrite   all into one file, disjoint ranges by pwrite; readers
 *                   meanwhile see only zeros or the right bytes
 *
 * Then the edges: a write() from a buffer whose second page is unmapped,
 * a read() into a bad buffer, a full file system (ENOSPC, in a small
 * tmpfs of its own) and, on kmapos, every page given back after the
 * files are deleted.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ktap.h"
#include "scratch.h"
#include "util.h"

#define REC_MAGIC	0x52656331u	/* "Rec1" */
#define REC_MIN		32
#define REC_MAX		12000
#define RECORDS		150		/* per writer */
#define MAX_PROCS	64
#define SLOT		6000		/* shared_pwrite: bytes per record */
#define READ_CHUNK	(256 * 1024)
#define DEADLINE_S	120		/* a reader gives up after this */

struct rec_hdr {
	uint32_t magic;
	uint16_t writer;
	uint16_t len;		/* whole record, header included */
	uint32_t seq;
	uint32_t sum;		/* FNV-1a of the payload */
};

static uint32_t rec_seed(unsigned int writer, uint32_t seq)
{
	return (writer << 20) ^ (seq * 2654435761u) ^ 0x1234567u;
}

static uint16_t rec_len(unsigned int writer, uint32_t seq)
{
	uint32_t x = pattern_byte(writer, seq) << 8 | pattern_byte(seq, writer);

	return REC_MIN + x % (REC_MAX - REC_MIN + 1);
}

static uint32_t fnv(const uint8_t *p, size_t n)
{
	uint32_t h = 2166136261u;

	while (n--)
		h = (h ^ *p++) * 16777619u;
	return h;
}

/* Record (writer, seq) of len bytes into buf. */
static void make_record(uint8_t *buf, unsigned int writer, uint32_t seq,
			uint16_t len)
{
	struct rec_hdr h = { REC_MAGIC, writer, len, seq, 0 };

	fill_pattern(buf + sizeof(h), len - sizeof(h), rec_seed(writer, seq));
	h.sum = fnv(buf + sizeof(h), len - sizeof(h));
	memcpy(buf, &h, sizeof(h));
}

/* Is the record at p (with `avail` bytes there) whole? Its length, or 0. */
static size_t record_ok(const uint8_t *p, size_t avail, int writers)
{
	struct rec_hdr h;

	memcpy(&h, p, sizeof(h));
	if (h.magic != REC_MAGIC || h.writer >= writers || h.len < REC_MIN ||
	    h.len > avail)
		return 0;
	if (fnv(p + sizeof(h), h.len - sizeof(h)) != h.sum ||
	    check_pattern(p + sizeof(h), h.len - sizeof(h),
			  rec_seed(h.writer, h.seq)) != h.len - sizeof(h))
		return 0;
	return h.len;
}

static uint64_t writer_bytes(unsigned int writer)
{
	uint64_t n = 0;

	for (uint32_t s = 0; s < RECORDS; s++)
		n += rec_len(writer, s);
	return n;
}

/* ---- processes ------------------------------------------------------- */

enum mode { OWN_FILES, SHARED_APPEND, SHARED_PWRITE };

struct run {
	enum mode mode;
	int writers, readers, cpus;
	int go[2];		/* parent -> children: start */
	int id;			/* of the child being started */
	uint64_t total;		/* bytes in the shared file at the end */
};

static const char *file_name(const struct run *r, int writer)
{
	return r->mode == OWN_FILES ? spath("own-%d", writer) :
				       spath("shared");
}

static void wait_for_go(struct run *r)
{
	char c;

	close(r->go[1]);
	KT_ASSERT_EQ(read(r->go[0], &c, 1), 1);
	close(r->go[0]);
}

/* The buffer starts 1000 bytes into a page: records straddle pages. */
static void writer_main(void *arg)
{
	struct run *r = arg;
	int id = r->id, flags = O_WRONLY | O_CREAT, fd;
	uint8_t *buf = map_pages(REC_MAX / PAGE_SIZE + 2), *rec;

	pin_to_cpu(id % r->cpus);
	KT_ASSERT(buf);
	rec = buf + 1000;
	flags |= r->mode == SHARED_APPEND ? O_APPEND : 0;
	fd = open(file_name(r, id), flags, 0644);
	KT_ASSERT(fd >= 0);
	wait_for_go(r);
	for (uint32_t s = 0; s < RECORDS; s++) {
		uint16_t len = r->mode == SHARED_PWRITE ? SLOT : rec_len(id, s);
		/* pwrite slots in a scrambled order, not only ascending. */
		uint32_t slot = (s * 7 + id) % RECORDS;
		ssize_t n;

		if (r->mode == SHARED_PWRITE) {
			make_record(rec, id, slot, len);
			n = pwrite(fd, rec, len,
				   ((off_t)id * RECORDS + slot) * SLOT);
		} else {
			make_record(rec, id, s, len);
			n = write(fd, rec, len);
		}
		KT_ASSERT_EQ(n, len);
	}
	close(fd);
}

struct reader_state {
	uint32_t next_seq[MAX_PROCS];
	uint64_t records, passes;
};

/* Parse complete records from off on; the offset after the last one. */
static uint64_t parse_appended(const struct run *r, const uint8_t *buf,
			       size_t n, uint64_t off, struct reader_state *st)
{
	size_t pos = 0;

	while (n - pos >= sizeof(struct rec_hdr)) {
		struct rec_hdr h;
		size_t len;

		memcpy(&h, buf + pos, sizeof(h));
		if (h.magic == REC_MAGIC && h.len <= REC_MAX &&
		    h.len > n - pos)
			break;		/* still being written: next pass */
		len = record_ok(buf + pos, n - pos, r->writers);
		if (!len) {
			ktap_fail_at(__FILE__, __LINE__, "torn or foreign "
				     "record at offset %llu",
				     (unsigned long long)(off + pos));
			ktap_abort();
		}
		KT_EXPECT_EQ(h.seq, st->next_seq[h.writer]);
		st->next_seq[h.writer] = h.seq + 1;
		st->records++;
		pos += len;
	}
	return off + pos;
}

/* Read what the appenders have written so far, over and over. */
static void append_reader(const struct run *r, int fd, uint8_t *buf)
{
	struct reader_state st = { { 0 }, 0, 0 };
	time_t deadline = time(NULL) + DEADLINE_S;
	uint64_t off = 0;

	while (off < r->total && time(NULL) < deadline) {
		ssize_t n = pread(fd, buf, READ_CHUNK, off);

		KT_ASSERT(n >= 0);
		off = parse_appended(r, buf, n, off, &st);
		st.passes++;
	}
	KT_EXPECT_EQ(off, r->total);
	KT_EXPECT_EQ(st.records, (uint64_t)r->writers * RECORDS);
	ktap_diag("reader %d: %llu passes over the growing file", r->id,
		  (unsigned long long)st.passes);
}

/* Every byte is 0 (not written yet) or what its slot will hold. */
static void pwrite_reader(const struct run *r, int fd, uint8_t *buf)
{
	time_t deadline = time(NULL) + DEADLINE_S;
	uint8_t want[SLOT];
	int full = 0;

	/* Until a pass finds every slot written (the writers are done). */
	while (!full && time(NULL) < deadline) {
		full = 1;
		for (uint64_t off = 0; off < r->total; off += SLOT) {
			uint32_t slot = off / SLOT;

			KT_ASSERT_EQ(pread_full(fd, buf, SLOT, off), 0);
			make_record(want, slot / RECORDS, slot % RECORDS, SLOT);
			for (int i = 0; i < SLOT; i++) {
				if (buf[i] != want[i] && buf[i]) {
					ktap_fail_at(__FILE__, __LINE__,
						"byte %llu is 0x%02x",
						(unsigned long long)off + i,
						buf[i]);
					ktap_abort();
				}
				full &= buf[i] == want[i];
			}
		}
	}
	KT_EXPECT(full);
}

static void reader_main(void *arg)
{
	struct run *r = arg;
	uint8_t *buf = malloc(READ_CHUNK);
	int fd;

	pin_to_cpu(r->id % r->cpus);
	KT_ASSERT(buf);
	fd = open(spath("shared"), O_RDONLY);
	KT_ASSERT(fd >= 0);
	wait_for_go(r);
	if (r->mode == SHARED_APPEND)
		append_reader(r, fd, buf);
	else
		pwrite_reader(r, fd, buf);
	close(fd);
}

/* Start writers and readers, release them at once, wait for all. */
static void run_processes(struct run *r)
{
	pid_t pid[2 * MAX_PROCS];
	int n = 0, bad = 0;
	char go[2 * MAX_PROCS], why[64];

	KT_ASSERT_EQ(pipe(r->go), 0);
	for (r->id = 0; r->id < r->writers; r->id++)
		pid[n++] = spawn(writer_main, r);
	for (r->id = 0; r->id < r->readers; r->id++)
		pid[n++] = spawn(reader_main, r);
	close(r->go[0]);
	memset(go, 'g', n);
	KT_EXPECT_EQ(write(r->go[1], go, n), n);
	close(r->go[1]);
	for (int i = 0; i < n; i++) {
		int status = wait_status(pid[i]);

		if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
			continue;
		if (bad++ < 4)
			ktap_diag("%s %d %s", i < r->writers ? "writer" :
				  "reader", i < r->writers ? i : i - r->writers,
				  describe_status(status, why, sizeof(why)));
	}
	KT_EXPECT_EQ(bad, 0);
}

static void setup_run(struct run *r, enum mode mode, int readers)
{
	memset(r, 0, sizeof(*r));
	r->mode = mode;
	r->cpus = online_cpus();
	r->writers = 2 * r->cpus > MAX_PROCS ? MAX_PROCS : 2 * r->cpus;
	r->readers = readers > MAX_PROCS ? MAX_PROCS : readers;
	for (int w = 0; w < r->writers; w++)
		r->total += mode == SHARED_PWRITE ? (uint64_t)RECORDS * SLOT :
						    writer_bytes(w);
	ktap_diag("%d CPUs: %d writers, %d readers, %llu bytes", r->cpus,
		  r->writers, r->readers, (unsigned long long)r->total);
}

/* ---- the three shapes ------------------------------------------------ */

/* The whole file into memory (sizes here are a few MiB). */
static uint8_t *slurp(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY);
	struct stat st;
	uint8_t *buf;

	if (fd < 0 || fstat(fd, &st)) {
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	*len = st.st_size;
	buf = malloc(*len + 1);
	if (buf && pread_full(fd, buf, *len, 0)) {
		free(buf);
		buf = NULL;
	}
	close(fd);
	return buf;
}

/* Parse a file of whole records: each writer's sequence 0..RECORDS-1. */
static void check_records(const char *path, int writers, int only_writer)
{
	uint32_t next[MAX_PROCS] = { 0 };
	size_t len, pos = 0, n;
	uint8_t *buf = slurp(path, &len);

	KT_ASSERT(buf);
	while (pos < len) {
		struct rec_hdr h;

		n = record_ok(buf + pos, len - pos, writers);
		if (!n) {
			ktap_fail_at(__FILE__, __LINE__, "%s: bad record at "
				     "offset %zu of %zu", path, pos, len);
			break;
		}
		memcpy(&h, buf + pos, sizeof(h));
		KT_EXPECT(only_writer < 0 || h.writer == only_writer);
		if (h.seq != next[h.writer])
			ktap_fail_at(__FILE__, __LINE__, "writer %u: record "
				     "%u where %u was due", h.writer, h.seq,
				     next[h.writer]);
		next[h.writer] = h.seq + 1;
		pos += n;
	}
	for (int w = 0; w < writers; w++)
		if (only_writer < 0 || w == only_writer)
			KT_EXPECT_EQ(next[w], RECORDS);
	free(buf);
}

static void own_files(void)
{
	struct run r;

	setup_run(&r, OWN_FILES, 0);
	run_processes(&r);
	for (int w = 0; w < r.writers; w++) {
		struct stat st;

		KT_EXPECT_EQ(stat(spath("own-%d", w), &st), 0);
		KT_EXPECT_EQ(st.st_size, writer_bytes(w));
		check_records(spath("own-%d", w), r.writers, w);
		KT_EXPECT_EQ(unlink(spath("own-%d", w)), 0);
	}
}

static void shared_append(void)
{
	struct run r;
	struct stat st;
	int fd = open(spath("shared"), O_WRONLY | O_CREAT | O_TRUNC, 0644);

	KT_ASSERT(fd >= 0);
	close(fd);
	setup_run(&r, SHARED_APPEND, online_cpus());
	run_processes(&r);
	KT_EXPECT_EQ(stat(spath("shared"), &st), 0);
	KT_EXPECT_EQ(st.st_size, r.total);
	check_records(spath("shared"), r.writers, -1);
	KT_EXPECT_EQ(unlink(spath("shared")), 0);
}

static void shared_pwrite(void)
{
	struct run r;
	uint8_t *buf, want[SLOT];
	size_t len;
	int fd, bad = 0;

	setup_run(&r, SHARED_PWRITE, online_cpus());
	fd = open(spath("shared"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
	KT_ASSERT(fd >= 0);
	/* Full size first: readers then never read past end of file. */
	KT_ASSERT_EQ(ftruncate(fd, r.total), 0);
	close(fd);
	run_processes(&r);
	buf = slurp(spath("shared"), &len);
	KT_ASSERT(buf);
	KT_EXPECT_EQ(len, r.total);
	for (size_t off = 0; off + SLOT <= len; off += SLOT) {
		make_record(want, off / SLOT / RECORDS, off / SLOT % RECORDS,
			    SLOT);
		bad += memcmp(buf + off, want, SLOT) != 0;
	}
	KT_EXPECT_EQ(bad, 0);
	free(buf);
	KT_EXPECT_EQ(unlink(spath("shared")), 0);
}

/* ---- edges ----------------------------------------------------------- */

/*
 * write() of 8 KiB from `start` pages into a 2-page mapping whose second
 * page is gone. Linux copies page by page and returns what it copied
 * before the fault (short count); POSIX also allows -EFAULT with nothing
 * written. Either way the file must hold exactly what was reported, and
 * the call must return (Linux 6.1 on i386 could livelock here: the alarm
 * turns that into a failure instead of a hang).
 */
static void partial_write_child(void *arg)
{
	size_t start = (size_t)arg;
	char *p = map_pages(2);
	int fd = open(spath("partial-%zu", start), O_RDWR | O_CREAT | O_TRUNC,
		      0644);
	struct stat st;
	ssize_t n;

	KT_ASSERT(p && fd >= 0);
	fill_pattern(p, PAGE_SIZE, 11);
	KT_ASSERT_EQ(munmap(p + PAGE_SIZE, PAGE_SIZE), 0);
	alarm(10);
	n = write(fd, p + start, 8192);
	alarm(0);
	KT_ASSERT_EQ(fstat(fd, &st), 0);
	ktap_diag("buffer at page offset %zu: write returned %zd (%s), size "
		  "%lld", start, n, n < 0 ? strerror(errno) : "short count",
		  (long long)st.st_size);
	if (n < 0) {
		KT_EXPECT_EQ(errno, EFAULT);
		KT_EXPECT_EQ(st.st_size, 0);
	} else {
		KT_EXPECT_EQ(n, (ssize_t)(PAGE_SIZE - start));
		KT_EXPECT_EQ(st.st_size, n);
		KT_EXPECT_EQ(lseek(fd, 0, SEEK_CUR), n);
		for (ssize_t i = 0; i < n; i += 97) {
			uint8_t c;

			KT_EXPECT_EQ(pread(fd, &c, 1, i), 1);
			KT_EXPECT_EQ(c, pattern_byte(11, start + i));
		}
	}
	close(fd);
}

static void write_from_partly_mapped_buffer(void)
{
	char why[64];

	for (size_t start = 0; start < PAGE_SIZE; start += 1000) {
		int status = child_status(partial_write_child, (void *)start);

		if (!(WIFEXITED(status) && WEXITSTATUS(status) == 0))
			ktap_fail_at(__FILE__, __LINE__, "start %zu: child %s",
				     start, describe_status(status, why,
							    sizeof(why)));
	}
}

static void read_into_bad_buffer(void)
{
	char *p = map_pages(2);
	int fd;
	ssize_t n;

	KT_ASSERT(p);
	KT_ASSERT_EQ(make_file(spath("rbad"), 3 * PAGE_SIZE, 12), 0);
	fd = open(spath("rbad"), O_RDONLY);
	KT_ASSERT(fd >= 0);
	KT_ASSERT_EQ(munmap(p + PAGE_SIZE, PAGE_SIZE), 0);
	/* Nothing of the buffer is mapped: EFAULT, the position stays. */
	KT_EXPECT_EQ(lseek(fd, 100, SEEK_SET), 100);
	errno = 0;
	KT_EXPECT_EQ(read(fd, p + PAGE_SIZE, 4096), -1);
	KT_EXPECT_EQ(errno, EFAULT);
	KT_EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 100);
	KT_EXPECT_EQ(pread(fd, p + PAGE_SIZE, 10, 0), -1);
	/* Partly mapped: a short read moves the position by its count. */
	n = read(fd, p + 10, 8192);
	ktap_diag("read into 1 good page + 1 bad: %zd", n);
	if (n < 0) {
		KT_EXPECT_EQ(errno, EFAULT);
		KT_EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 100);
	} else {
		KT_EXPECT_EQ(n, (ssize_t)PAGE_SIZE - 10);
		KT_EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 100 + n);
		for (ssize_t i = 0; i < n; i++)
			if ((uint8_t)p[10 + i] != pattern_byte(12, 100 + i)) {
				KT_EXPECT_EQ(i, n);
				break;
			}
	}
	close(fd);
	munmap(p, PAGE_SIZE);
}

/* Write 64 KiB pieces until the file system is full; bytes written. */
static long long fill_up(int fd, int *err)
{
	static char chunk[65536];
	long long total = 0;

	memset(chunk, 0xab, sizeof(chunk));
	for (;;) {
		ssize_t n = write(fd, chunk, sizeof(chunk));

		if (n < 0) {
			*err = errno;
			return total;
		}
		total += n;
		if (total > 64 << 20) {	/* not a 1 MiB file system */
			*err = 0;
			return total;
		}
	}
}

static void full_file_system(void *arg)
{
	const char *dir = arg;
	struct statfs s0, s1, s2;
	long long total;
	int fd, err = 0;

	KT_ASSERT_EQ(statfs(dir, &s0), 0);
	ktap_diag("%llu blocks of %ld, %llu free",
		  (unsigned long long)s0.f_blocks, (long)s0.f_bsize,
		  (unsigned long long)s0.f_bfree);
	fd = open(spath("small/big"), O_WRONLY | O_CREAT, 0644);
	KT_ASSERT(fd >= 0);
	total = fill_up(fd, &err);
	ktap_diag("wrote %lld bytes, then %s", total, strerror(err));
	KT_EXPECT_EQ(err, ENOSPC);
	KT_EXPECT_LE(total, 1 << 20);
	KT_EXPECT_GE(total, (1 << 20) * 3 / 4);
	KT_EXPECT_EQ(statfs(dir, &s1), 0);
	KT_EXPECT_EQ(s1.f_bfree, 0);
	/* Full is full for another file too. */
	{
		int fd2 = open(spath("small/more"), O_WRONLY | O_CREAT, 0644);

		errno = 0;
		KT_EXPECT_EQ(write(fd2, "x", 1), -1);
		KT_EXPECT_EQ(errno, ENOSPC);
		KT_EXPECT_EQ(fallocate(fd2, 0, 0, 1 << 20), -1);
		KT_EXPECT_EQ(errno, ENOSPC);
		close(fd2);
	}
	close(fd);
	/* Deleting gives the space back. */
	KT_EXPECT_EQ(unlink(spath("small/big")), 0);
	KT_EXPECT_EQ(statfs(dir, &s2), 0);
	KT_EXPECT_EQ(s2.f_bfree, s0.f_bfree);
	fd = open(spath("small/more"), O_WRONLY);
	KT_EXPECT_EQ(write(fd, "x", 1), 1);
	close(fd);
	KT_EXPECT_EQ(unlink(spath("small/more")), 0);
}

static void enospc_in_small_tmpfs(void)
{
	const char *dir = spath("small");
	int status;

	KT_ASSERT_EQ(mkdir(dir, 0755), 0);
	if (mount("tmpfs", dir, "tmpfs", 0, "size=1m")) {
		if (errno == EPERM || errno == ENOSYS || errno == ENODEV) {
			ktap_skip("cannot mount a 1 MiB tmpfs: %s",
				  strerror(errno));
			rmdir(dir);
			return;
		}
		KT_ASSERT_EQ(errno, 0);
	}
	/* In a child: a failed ASSERT there still lets us unmount here. */
	status = child_status(full_file_system, (void *)dir);
	KT_EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	KT_EXPECT_EQ(umount2(dir, 0), 0);
	KT_EXPECT_EQ(rmdir(dir), 0);
}

/* Write 2 x CPUs files of 1 MiB from children, then delete them all. */
static void write_and_delete_files(void)
{
	struct run r;

	setup_run(&r, OWN_FILES, 0);
	run_processes(&r);
	for (int w = 0; w < r.writers; w++)
		KT_EXPECT_EQ(unlink(spath("own-%d", w)), 0);
}

static void deleting_gives_every_page_back(void)
{
	unsigned long low0, high0;

	/* A warm-up round: caches the kernel keeps for good exist now. */
	write_and_delete_files();
	KT_ASSERT_EQ(free_pages(&low0, &high0), 0);
	for (int round = 0; round < 3; round++)
		write_and_delete_files();
	expect_free_pages_back(low0, high0);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(own_files),
	KTAP_CASE(shared_append),
	KTAP_CASE(shared_pwrite),
	KTAP_CASE(write_from_partly_mapped_buffer),
	KTAP_CASE(read_into_bad_buffer),
	KTAP_CASE(enospc_in_small_tmpfs),
	KTAP_CASE(deleting_gives_every_page_back),
	{ 0 }
};

int main(void)
{
	umask(022);
	scratch_init("file_writers");
	return ktap_main("file_writers", cases);
}
