// SPDX-License-Identifier: GPL-2.0
/*
 * write_bench: concurrent write() throughput, one writer process per CPU,
 * into /dev/null, into pipes read by reader processes on the same or
 * another CPU, or into files. The same static binary runs on kmapos and
 * on a Linux host.
 *
 *	write_bench [--workers N] [--seconds S | --bytes N] [--sizes LIST]
 *		    [--sinks LIST] [--dir DIR] [--no-verify] [--label TEXT]
 *
 * Sinks (writeload.h), all in the default list: null, pipe-same,
 * pipe-other, and the file sinks (they need a writable DIR, default
 * /tmp): file (each writer its own file, back to offset 0 every
 * 1 MiB: will-it-scale's write1), file-append (one shared O_APPEND file,
 * at most 64 MiB in all per case) and file-pwrite (one shared file, a
 * 1 MiB range per writer). "all" names every sink. The files are read
 * back and checked after each case (unless --no-verify) and removed.
 *
 * Every option also comes from the environment (WB_WORKERS, WB_SECONDS,
 * WB_BYTES, WB_SIZES, WB_SINKS, WB_DIR, WB_VERIFY=0, WB_LABEL), which is
 * how the kernel command line reaches a program that /init starts. A size is
 * "LEN" or "LEN+OFFSET" (the buffer starts OFFSET bytes into a page), with
 * k and m suffixes: the default list 64,4k,4k+2048,64k has a 4 KiB buffer
 * that straddles a page boundary.
 *
 * Output is KTAP: one case per (sink, size), the numbers on "# " lines,
 * and a summary table after the cases. A case fails only on a real error
 * (a short or failed write, a byte the reader did not expect, a process
 * that was not where it was pinned), never on speed.
 * Documentation/benchmarks.md explains the workloads and the numbers.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "kmapstat.h"
#include "ktap.h"
#include "util.h"
#include "writeload.h"

#define DEFAULT_SIZES	"64,4k,4k+2048,64k"
#define DEFAULT_SINKS	"null,pipe-same,pipe-other,file,file-append,file-pwrite"
#define DEFAULT_DIR	"/tmp"
#define DEFAULT_SECONDS	1.0
#define MAX_SIZES	8
#define MAX_CASES	(1 + WL_NR_SINKS * MAX_SIZES)
#define PROBE_PAGES	64
#define WORKERS_SHOWN	8	/* per-worker figures in the summary */

struct buf_size {
	size_t len, offset;
	char text[24];		/* as given: "4k+2048" */
};

static struct {
	int workers;
	double seconds;
	unsigned long long bytes;
	struct buf_size sizes[MAX_SIZES];
	int nr_sizes;
	bool sinks[WL_NR_SINKS];
	bool verify;
	const char *label;
	const char *dir;
	int cpus[WL_MAX_WORKERS];
	int ncpus;
} opt = { .seconds = DEFAULT_SECONDS, .verify = true, .dir = DEFAULT_DIR };

/* One case of the suite: a sink and a size, and what it measured. */
struct bench_case {
	enum wl_sink sink;
	const struct buf_size *size;
	char name[48];
	bool ran, skipped;
	int errors;
	double mbs, wps, worker_mbs[WORKERS_SHOWN];
};

static struct bench_case bench_cases[MAX_CASES];
static struct ktap_case cases[MAX_CASES + 2];
static int nr_bench_cases, next_bench_case;
static struct wl_result result;
/* /dev/kmapstat around the current case (kmapos only; ok = both read). */
static struct {
	struct kmapstat before, after;
	bool ok;
} kstat;

/* ---- options ------------------------------------------------------------- */

static __attribute__((noreturn)) void usage(int status)
{
	printf("usage: write_bench [options]\n"
	       "  -w, --workers N    writer processes (default: one per "
	       "allowed CPU)\n"
	       "  -t, --seconds S    writing time per case (default %.1f)\n"
	       "  -b, --bytes N      bytes per writer instead of a time\n"
	       "  -s, --sizes LIST   write sizes, LEN or LEN+OFFSET "
	       "(default %s)\n"
	       "  -k, --sinks LIST   null, pipe-same, pipe-other, file, "
	       "file-append,\n"
	       "                     file-pwrite, all (default %s)\n"
	       "  -d, --dir DIR      where the file sinks write (default "
	       "%s)\n"
	       "  -n, --no-verify    readers do not check the bytes\n"
	       "  -l, --label TEXT   conditions to print (e.g. kmap=global)\n"
	       "Environment: WB_WORKERS, WB_SECONDS, WB_BYTES, WB_SIZES, "
	       "WB_SINKS, WB_DIR, WB_VERIFY=0, WB_LABEL\n",
	       DEFAULT_SECONDS, DEFAULT_SIZES, DEFAULT_SINKS, DEFAULT_DIR);
	exit(status);
}

static __attribute__((noreturn, format(printf, 1, 2)))
void bad_option(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "write_bench: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	usage(2);
}

/* "64", "4k", "1m": a byte count, or false. */
static bool parse_bytes(const char *s, unsigned long long *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s)
		return false;
	if (*end == 'k' || *end == 'K') {
		v <<= 10;
		end++;
	} else if (*end == 'm' || *end == 'M') {
		v <<= 20;
		end++;
	}
	*out = v;
	return *end == '\0' || *end == '+';
}

static void parse_size(const char *text, struct buf_size *b)
{
	const char *plus = strchr(text, '+');
	unsigned long long len, off = 0;

	if (!parse_bytes(text, &len) || (plus && !parse_bytes(plus + 1, &off)) ||
	    !len || len > WL_MAX_LEN || off >= PAGE_SIZE)
		bad_option("bad size '%s' (LEN[+OFFSET], 1..%u bytes, "
			   "offset below %d)", text, WL_MAX_LEN, (int)PAGE_SIZE);
	b->len = len;
	b->offset = off;
	snprintf(b->text, sizeof(b->text), "%s", text);
}

static void parse_sizes(const char *list)
{
	char copy[256], *save, *word;

	snprintf(copy, sizeof(copy), "%s", list);
	opt.nr_sizes = 0;
	for (word = strtok_r(copy, ",", &save); word;
	     word = strtok_r(NULL, ",", &save)) {
		if (opt.nr_sizes == MAX_SIZES)
			bad_option("at most %d sizes", MAX_SIZES);
		parse_size(word, &opt.sizes[opt.nr_sizes++]);
	}
	if (!opt.nr_sizes)
		bad_option("no size in '%s'", list);
}

static void parse_sinks(const char *list)
{
	char copy[128], *save, *word;
	bool any = false;

	snprintf(copy, sizeof(copy), "%s", list);
	memset(opt.sinks, 0, sizeof(opt.sinks));
	for (word = strtok_r(copy, ",", &save); word;
	     word = strtok_r(NULL, ",", &save)) {
		enum wl_sink s = wl_sink_parse(word);

		if (!strcmp(word, "all")) {
			for (s = 0; s < WL_NR_SINKS; s++)
				opt.sinks[s] = true;
			any = true;
			continue;
		}
		if (s == WL_NR_SINKS)
			bad_option("unknown sink '%s'", word);
		opt.sinks[s] = any = true;
	}
	if (!any)
		bad_option("no sink in '%s'", list);
}

static void parse_workers(const char *s)
{
	char *end;
	long n = strtol(s, &end, 0);

	if (*end || n < 1 || n > WL_MAX_WORKERS)
		bad_option("workers must be 1..%d", WL_MAX_WORKERS);
	opt.workers = n;
}

static void parse_seconds(const char *s)
{
	char *end;

	opt.seconds = strtod(s, &end);
	if (*end || !(opt.seconds > 0) || opt.seconds > 3600)
		bad_option("seconds must be above 0 and at most 3600");
}

static void parse_byte_limit(const char *s)
{
	if (!parse_bytes(s, &opt.bytes) || strchr(s, '+') || !opt.bytes)
		bad_option("bad byte count '%s'", s);
}

/* Option letter -> its parser, for the command line and the environment. */
static void apply_option(int letter, const char *val)
{
	switch (letter) {
	case 'w':
		parse_workers(val);
		break;
	case 't':
		parse_seconds(val);
		opt.bytes = 0;		/* the last limit given wins */
		break;
	case 'b':
		parse_byte_limit(val);
		break;
	case 's':
		parse_sizes(val);
		break;
	case 'k':
		parse_sinks(val);
		break;
	case 'n':
		opt.verify = false;
		break;
	case 'l':
		opt.label = val;
		break;
	case 'd':
		opt.dir = val;
		break;
	}
}

static void options_from_environment(void)
{
	static const struct { const char *name; int letter; } env[] = {
		{ "WB_WORKERS", 'w' }, { "WB_SECONDS", 't' },
		{ "WB_BYTES", 'b' }, { "WB_SIZES", 's' }, { "WB_SINKS", 'k' },
		{ "WB_LABEL", 'l' }, { "WB_DIR", 'd' },
	};
	const char *v = getenv("WB_VERIFY");

	for (size_t i = 0; i < sizeof(env) / sizeof(env[0]); i++) {
		const char *val = getenv(env[i].name);

		if (val && *val)
			apply_option(env[i].letter, val);
	}
	if (v && !strcmp(v, "0"))
		opt.verify = false;
}

static void parse_options(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "workers", required_argument, NULL, 'w' },
		{ "seconds", required_argument, NULL, 't' },
		{ "bytes", required_argument, NULL, 'b' },
		{ "sizes", required_argument, NULL, 's' },
		{ "sinks", required_argument, NULL, 'k' },
		{ "no-verify", no_argument, NULL, 'n' },
		{ "label", required_argument, NULL, 'l' },
		{ "dir", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	parse_sizes(DEFAULT_SIZES);
	parse_sinks(DEFAULT_SINKS);
	options_from_environment();
	while ((c = getopt_long(argc, argv, "w:t:b:s:k:nl:d:h", longopts,
				NULL)) != -1) {
		if (c == 'h')
			usage(0);
		if (c == '?')
			usage(2);
		apply_option(c, optarg);
	}
	if (optind < argc)
		bad_option("unexpected argument '%s'", argv[optind]);
	opt.ncpus = wl_allowed_cpus(opt.cpus, WL_MAX_WORKERS);
	if (!opt.workers)
		opt.workers = opt.ncpus > 0 ? opt.ncpus : 1;
}

/* ---- the cases ------------------------------------------------------------- */

/* "4k+2048" -> "4k_2048": KTAP names keep to letters, digits and '_'. */
static void case_name(char *out, size_t size, enum wl_sink sink,
		      const char *size_text)
{
	size_t n = snprintf(out, size, "%s_%s", wl_sink_name(sink), size_text);

	for (size_t i = 0; i < n && i < size; i++)
		if (out[i] == '-' || out[i] == '+')
			out[i] = '_';
}

static double per_second(double amount, int64_t ns)
{
	return ns > 0 ? amount * 1e9 / ns : 0;
}

static void print_worker(const struct bench_case *bc, int i)
{
	const struct wl_side *w = &result.w[i].writer;
	const struct wl_side *r = &result.w[i].reader;
	int64_t ns = w->t_end - w->t_start;
	char reader[96] = "";

	if (wl_has_reader(bc->sink))
		snprintf(reader, sizeof(reader), "; reader on CPU %d: %llu "
			 "reads%s", r->cpu, (unsigned long long)r->calls,
			 opt.verify ? ", every byte checked" : "");
	else if (wl_is_file(bc->sink) && opt.verify)
		snprintf(reader, sizeof(reader), "; file read back and "
			 "checked");
	ktap_diag("worker %d on CPU %d: %.2f MB/s, %.0f writes/s (%llu "
		  "writes in %.3f s)%s", i, w->cpu,
		  per_second(w->bytes, ns) / 1e6, per_second(w->calls, ns),
		  (unsigned long long)w->calls, ns / 1e9, reader);
}

/* Highmem events per write() in this case, from kmapos's counters. */
static void report_kmapstat(void)
{
	struct kmap_counters d;
	double w = result.calls ? (double)result.calls : 1;

	if (!kstat.ok)
		return;
	d = kmapstat_delta(&kstat.before, &kstat.after);
	ktap_diag("kmapstat per write: kmap_local=%.3f invlpg=%.3f "
		  "shootdowns=%.3f ipis=%.3f (kmap=%s, %llu writes)",
		  d.kmap_local / w, d.invlpg / w, d.sd_sent / w, d.sd_recv / w,
		  kstat.after.mode, (unsigned long long)result.calls);
}

static void report_case(struct bench_case *bc)
{
	const struct buf_size *b = bc->size;

	bc->mbs = per_second(result.bytes, result.span_ns) / 1e6;
	bc->wps = per_second(result.calls, result.span_ns);
	ktap_diag("%d workers x %zu-byte writes at page offset %zu (%zu "
		  "page(s) each) for %.3f s: %.2f MB/s, %.0f writes/s in total",
		  opt.workers, b->len, b->offset,
		  wl_pages_touched(b->len, b->offset), result.span_ns / 1e9,
		  bc->mbs, bc->wps);
	for (int i = 0; i < opt.workers; i++) {
		const struct wl_side *w = &result.w[i].writer;

		if (i < WORKERS_SHOWN)
			bc->worker_mbs[i] = per_second(w->bytes, w->t_end -
						       w->t_start) / 1e6;
		print_worker(bc, i);
	}
	report_kmapstat();
}

/*
 * ktap_main() runs cases that take no argument, in table order: each
 * case entry runs the next bench_case.
 */
static void run_next_case(void)
{
	struct bench_case *bc = &bench_cases[next_bench_case++];
	struct wl_config c = {
		.sink = bc->sink, .len = bc->size->len,
		.offset = bc->size->offset, .workers = opt.workers,
		.cpus = opt.cpus, .ncpus = opt.ncpus,
		.ns = opt.bytes ? 0 : (int64_t)(opt.seconds * 1e9),
		.bytes = opt.bytes, .verify = opt.verify,
		.seed = next_bench_case, .dir = opt.dir,
	};

	if (bc->sink == WL_PIPE_OTHER && opt.ncpus < 2) {
		bc->skipped = true;
		ktap_skip("one CPU: no other CPU for the reader");
		return;
	}
	bc->ran = true;
	kstat.ok = kmapstat_read(&kstat.before) == 0;
	bc->errors = wl_run(&c, &result);
	kstat.ok = kstat.ok && kmapstat_read(&kstat.after) == 0;
	for (int i = 0; i < bc->errors && i < WL_MAX_ERRORS; i++)
		ktap_fail_at(__FILE__, __LINE__, "%s", result.error[i]);
	if (bc->errors > WL_MAX_ERRORS)
		ktap_diag("... %d errors in all", bc->errors);
	report_case(bc);
}

static void print_label_and_system(void)
{
	struct utsname u;

	if (uname(&u))
		memset(&u, 0, sizeof(u));
	ktap_diag("system: %s %s %s; label: %s", u.sysname, u.release,
		  u.machine, opt.label ? opt.label :
		  "none (pass --label or WB_LABEL=, e.g. kmap=global)");
}

static void print_cpus(void)
{
	char list[160];
	size_t n = 0;

	list[0] = '\0';
	for (int i = 0; i < opt.ncpus && n < sizeof(list) - 8; i++)
		n += snprintf(list + n, sizeof(list) - n, "%s%d", i ? "," : "",
			      opt.cpus[i]);
	ktap_diag("CPUs: %d online, allowed %s; %d workers, writer i pinned to "
		  "allowed CPU i mod %d", online_cpus(), list, opt.workers,
		  opt.ncpus);
	if (opt.bytes)
		ktap_diag("each writer writes %llu bytes per case; readers %s",
			  opt.bytes, opt.verify ? "check every byte" :
			  "do not check");
	else
		ktap_diag("each writer writes for %.2f s per case; readers %s",
			  opt.seconds, opt.verify ? "check every byte" :
			  "do not check");
}

/* Where user pages come from: sysinfo's free highmem before and after. */
static void probe_highmem(void)
{
	unsigned long low0, high0, low1, high1;
	char *p;

	KT_ASSERT_EQ(free_pages(&low0, &high0), 0);
	p = map_pages(PROBE_PAGES);
	KT_ASSERT(p != NULL);
	KT_ASSERT_EQ(free_pages(&low1, &high1), 0);
	munmap(p, PROBE_PAGES * PAGE_SIZE);
	if (!high0 && !high1)
		ktap_diag("no highmem on this kernel (sysinfo freehigh 0): "
			  "user pages need no temporary mapping");
	else
		ktap_diag("touching %d fresh user pages took %ld highmem and "
			  "%ld lowmem pages (sysinfo)", PROBE_PAGES,
			  (long)(high0 - high1), (long)(low0 - low1));
}

/* The run's conditions: what the numbers that follow were measured on. */
static void conditions(void)
{
	print_label_and_system();
	KT_ASSERT_GE(opt.ncpus, 1);
	print_cpus();
	probe_highmem();
	ktap_diag("null: write() to /dev/null checks the buffer's range and "
		  "returns; no byte is read, so no page is mapped (system-call "
		  "overhead only)");
	ktap_diag("pipe: every byte is copied in with copy_from_user and out "
		  "with copy_to_user (on kmapos a kmap_local per page touched)");
	if (opt.sinks[WL_FILE] || opt.sinks[WL_FILE_APPEND] ||
	    opt.sinks[WL_FILE_PWRITE])
		ktap_diag("file: write() into the page cache of files in %s "
			  "(file: one each, rewound every 1 MiB; file-append: "
			  "one O_APPEND file, <= 64 MiB; file-pwrite: one file, "
			  "a 1 MiB range each); no reader runs meanwhile",
			  opt.dir);
	ktap_diag("MB/s = 10^6 bytes per second of CLOCK_MONOTONIC, from the "
		  "first writer's start to the last one's end");
	if (access(KMAPSTAT_PATH, R_OK) == 0)
		ktap_diag("kmapstat per write: the change of " KMAPSTAT_PATH
			  " over the case (all CPUs: readers, clock reads and "
			  "setup included) divided by the writes");
}

static void build_cases(void)
{
	int n = 0;

	cases[n++] = (struct ktap_case){ "conditions", conditions };
	for (int s = 0; s < WL_NR_SINKS; s++) {
		if (!opt.sinks[s])
			continue;
		for (int i = 0; i < opt.nr_sizes; i++) {
			struct bench_case *bc = &bench_cases[nr_bench_cases++];

			bc->sink = s;
			bc->size = &opt.sizes[i];
			case_name(bc->name, sizeof(bc->name), s,
				  opt.sizes[i].text);
			cases[n++] = (struct ktap_case){ bc->name,
							 run_next_case };
		}
	}
	cases[n] = (struct ktap_case){ NULL, NULL };
}

/* One table after the cases: what `make bench` users compare. */
static void print_summary(void)
{
	ktap_line("# summary (%s): MB/s and writes/s in total, then MB/s per "
		  "worker", opt.label ? opt.label : "no label");
	for (int i = 0; i < nr_bench_cases; i++) {
		const struct bench_case *bc = &bench_cases[i];
		char per[WORKERS_SHOWN * 10 + 8] = "";
		size_t n = 0;

		if (!bc->ran) {
			ktap_line("# summary %-22s %s", bc->name,
				  bc->skipped ? "skipped" : "not run");
			continue;
		}
		for (int w = 0; w < opt.workers && w < WORKERS_SHOWN; w++)
			n += snprintf(per + n, sizeof(per) - n, " %.2f",
				      bc->worker_mbs[w]);
		if (opt.workers > WORKERS_SHOWN)
			snprintf(per + n, sizeof(per) - n, " ...");
		ktap_line("# summary %-22s %9.2f MB/s %9.0f writes/s  "
			  "[%s ]%s", bc->name, bc->mbs, bc->wps, per,
			  bc->errors ? "  ERRORS" : "");
	}
}

int main(int argc, char **argv)
{
	int status;

	parse_options(argc, argv);
	build_cases();
	status = ktap_main("write_bench", cases);
	print_summary();
	return status;
}
