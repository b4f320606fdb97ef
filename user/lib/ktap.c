// SPDX-License-Identifier: GPL-2.0
/*
 * The user-space KTAP runner: see ktap.h. Lines are formatted into a
 * buffer and written with one write(2), never through stdio: stdio buffers
 * would be duplicated by fork() and could interleave with children's lines.
 */
#include "ktap.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum case_status { CASE_PASS, CASE_FAIL, CASE_SKIP };

static struct {
	const char *name;
	enum case_status status;
	char skip_reason[96];
	jmp_buf abort;
	pid_t owner;		/* the process running the case */
} cur;

int ktap_depth(void)
{
	const char *s = getenv("KTAP_DEPTH");
	int d = s ? atoi(s) : 0;

	return d < 0 ? 0 : d > 8 ? 8 : d;
}

/* Write all of buf to fd 1, retrying short writes. */
static void write_all(const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(1, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		buf += n;
		len -= n;
	}
}

static void vline(const char *prefix, const char *fmt, va_list ap)
{
	char buf[512];
	int n = 4 * ktap_depth();

	memset(buf, ' ', n);
	n += snprintf(buf + n, sizeof(buf) - n, "%s", prefix);
	if (n < (int)sizeof(buf))
		n += vsnprintf(buf + n, sizeof(buf) - n, fmt, ap);
	if (n > (int)sizeof(buf) - 2)
		n = sizeof(buf) - 2;
	buf[n++] = '\n';
	write_all(buf, n);
}

void ktap_line(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vline("", fmt, ap);
	va_end(ap);
}

void ktap_diag(const char *fmt, ...)
{
	char prefix[80];
	va_list ap;

	snprintf(prefix, sizeof(prefix), "# %s: ", cur.name ? cur.name : "-");
	va_start(ap, fmt);
	vline(prefix, fmt, ap);
	va_end(ap);
}

void ktap_fail_at(const char *file, int line, const char *fmt, ...)
{
	char prefix[160];
	va_list ap;

	snprintf(prefix, sizeof(prefix), "# %s: EXPECTATION FAILED at %s:%d: ",
		 cur.name ? cur.name : "-", file, line);
	va_start(ap, fmt);
	vline(prefix, fmt, ap);
	va_end(ap);
	cur.status = CASE_FAIL;
}

void ktap_skip(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cur.skip_reason, sizeof(cur.skip_reason), fmt, ap);
	va_end(ap);
	if (cur.status == CASE_PASS)
		cur.status = CASE_SKIP;
}

bool ktap_case_failed(void)
{
	return cur.status == CASE_FAIL;
}

void ktap_abort(void)
{
	/*
	 * A forked child of the case has no business jumping back into the
	 * runner (it would print results twice): it leaves with its verdict.
	 */
	if (getpid() != cur.owner)
		_exit(cur.status == CASE_FAIL ? KTAP_EXIT_FAIL : KTAP_EXIT_PASS);
	longjmp(cur.abort, 1);
}

static enum case_status run_case(const struct ktap_case *c, int nr)
{
	cur.name = c->name;
	cur.status = CASE_PASS;
	cur.skip_reason[0] = '\0';
	cur.owner = getpid();
	if (setjmp(cur.abort) == 0)
		c->run();
	if (cur.status == CASE_SKIP)
		ktap_line("ok %d %s # SKIP %s", nr, c->name, cur.skip_reason);
	else
		ktap_line("%s %d %s", cur.status == CASE_PASS ? "ok" : "not ok",
			  nr, c->name);
	cur.name = NULL;
	return cur.status;
}

int ktap_main(const char *suite, const struct ktap_case *cases)
{
	int n = 0, failed = 0, skipped = 0;

	while (cases[n].run)
		n++;
	ktap_line("KTAP version 1");
	ktap_line("# Subtest: %s", suite);
	ktap_line("1..%d", n);
	for (int i = 0; i < n; i++) {
		enum case_status st = run_case(&cases[i], i + 1);

		failed += st == CASE_FAIL;
		skipped += st == CASE_SKIP;
	}
	if (ktap_depth() == 0)
		ktap_line("# %s: %d passed, %d failed, %d skipped", suite,
			  n - failed - skipped, failed, skipped);
	if (failed)
		return KTAP_EXIT_FAIL;
	return n && skipped == n ? KTAP_EXIT_SKIP : KTAP_EXIT_PASS;
}
