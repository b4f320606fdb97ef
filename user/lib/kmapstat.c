// SPDX-License-Identifier: GPL-2.0
/* /dev/kmapstat: read and parse kmapos's highmem counters (kmapstat.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "kmapstat.h"
#include "ktap.h"

/* Every counter, in the file's column order after the CPU number. */
#define FOR_EACH_COUNTER(X) \
	X(kmap_local) X(kunmap_local) X(kmap) X(kunmap) X(invlpg) \
	X(sd_sent) X(sd_recv) X(contended) X(waits)

static void add_counters(struct kmap_counters *to,
			 const struct kmap_counters *c)
{
#define ADD(f) to->f += c->f;
	FOR_EACH_COUNTER(ADD)
#undef ADD
}

static int parse_row(const char *line, int want_cpu, struct kmap_counters *c)
{
	int cpu;

	if (sscanf(line, "%d %lu %lu %lu %lu %lu %lu %lu %lu %lu", &cpu,
		   &c->kmap_local, &c->kunmap_local, &c->kmap, &c->kunmap,
		   &c->invlpg, &c->sd_sent, &c->sd_recv, &c->contended,
		   &c->waits) != 10) {
		ktap_diag("bad row: %s", line);
		return -1;
	}
	if (cpu != want_cpu) {
		ktap_diag("row %d is for CPU %d", want_cpu, cpu);
		return -1;
	}
	return 0;
}

int kmapstat_parse(char *text, struct kmapstat *st)
{
	char *save, *line = strtok_r(text, "\n", &save);

	memset(st, 0, sizeof(*st));
	if (!line || sscanf(line, "kmap=%15s", st->mode) != 1) {
		ktap_diag("first line is not kmap=MODE: %s", line ?: "(none)");
		return -1;
	}
	line = strtok_r(NULL, "\n", &save);
	if (!line || strncmp(line, "cpu", 3)) {
		ktap_diag("no column header");
		return -1;
	}
	while ((line = strtok_r(NULL, "\n", &save))) {
		struct kmap_counters *c = &st->cpu[st->cpus];

		if (st->cpus >= KMAPSTAT_MAX_CPUS ||
		    parse_row(line, st->cpus, c))
			return -1;
		add_counters(&st->sum, c);
		st->cpus++;
	}
	return 0;
}

int kmapstat_read(struct kmapstat *st)
{
	char text[4096];
	ssize_t n, len = 0;
	int fd = open(KMAPSTAT_PATH, O_RDONLY);

	if (fd < 0)
		return errno == ENOENT ? -ENOENT : -1;
	while ((n = read(fd, text + len, sizeof(text) - 1 - len)) > 0)
		len += n;
	close(fd);
	if (n < 0)
		return -1;
	text[len] = '\0';
	return kmapstat_parse(text, st);
}

struct kmap_counters kmapstat_delta(const struct kmapstat *before,
				    const struct kmapstat *after)
{
	struct kmap_counters d;

#define SUB(f) d.f = after->sum.f - before->sum.f;
	FOR_EACH_COUNTER(SUB)
#undef SUB
	return d;
}
