// SPDX-License-Identifier: GPL-2.0
/*
 * The ktest runner: selects suites from the ktest= boot parameter, runs
 * their cases and prints KTAP version 1. See include/ktest.h.
 */
#include <ktest.h>
#include <kernel.h>
#include <cmdline.h>
#include <string.h>
#include <percpu.h>
#include <preempt.h>
#include <asm/irqflags.h>

bool ktest_mode;
unsigned int ktest_scale = 1;
static char ktest_filter[128];

extern struct ktest_suite *const __ktest_suites_start[];
extern struct ktest_suite *const __ktest_suites_end[];

/* KTAP goes to the console without timestamps or level filtering. */
static __printf(1, 2) void ktap(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof(buf)) {
		/* Every KTAP line ends in '\n': keep it when truncating, or
		 * the next result line would be glued to this one. */
		n = sizeof(buf) - 1;
		buf[n - 1] = '\n';
	}
	console_write(buf, n);
}

static int ktest_setup(const char *val)
{
	ktest_mode = true;
	strlcpy(ktest_filter, *val ? val : "all", sizeof(ktest_filter));
	return 0;
}
__setup("ktest", ktest_setup);

static int ktest_scale_setup(const char *val)
{
	unsigned long v;

	if (kstrtoul(val, &v) || !v)
		return -1;
	ktest_scale = v;
	return 0;
}
__setup("ktest_scale", ktest_scale_setup);

/* Is `name` one of the comma-separated words of the filter? */
static bool filter_names(const char *name)
{
	size_t len = strlen(name);
	const char *p = ktest_filter;

	while (*p) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);

		if (n == len && !strncmp(p, name, n))
			return true;
		p += n + (comma ? 1 : 0);
	}
	return false;
}

static bool suite_selected(const struct ktest_suite *s)
{
	if (filter_names(s->name))
		return true;
	if (s->bench)
		return filter_names("bench");
	return filter_names("all");
}

void ktest_log(struct ktest *t, const char *fmt, ...)
{
	char buf[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	ktap("    # %s: %s\n", t->name, buf);
}

void ktest_fail_at(struct ktest *t, const char *file, int line,
		   const char *fmt, ...)
{
	char buf[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	ktap("    # %s: EXPECTATION FAILED at %s:%d\n", t->name, file, line);
	ktap("    # %s\n", buf);
	t->status = KTEST_FAIL;
}

void ktest_skip(struct ktest *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->skip_reason, sizeof(t->skip_reason), fmt, ap);
	va_end(ap);
	if (t->status == KTEST_PASS)
		t->status = KTEST_SKIP;
}

void ktest_abort(struct ktest *t)
{
	longjmp(t->abort, 1);
}

/* ---- catching panics provoked on purpose -------------------------------- */

struct panic_catcher {
	jmp_buf env;
	char msg[128];
	int preempt_count;
	unsigned long irq_flags;
};

static DEFINE_PER_CPU(struct panic_catcher *, panic_catcher);

void ktest_catch_panic(const char *msg)
{
	struct panic_catcher *c = this_cpu_read(panic_catcher);

	if (!c)
		return;
	this_cpu_write(panic_catcher, NULL);
	strlcpy(c->msg, msg, sizeof(c->msg));
	longjmp(c->env, 1);
}

bool ktest_expect_panic(struct ktest *t, void (*fn)(void *), void *arg,
			const char *substr)
{
	struct panic_catcher c;

	c.msg[0] = '\0';
	c.preempt_count = preempt_count_read();
	c.irq_flags = arch_local_save_flags();
	if (setjmp(c.env) == 0) {
		this_cpu_write(panic_catcher, &c);
		fn(arg);
		this_cpu_write(panic_catcher, NULL);
		ktest_fail_at(t, __FILE__, __LINE__,
			      "expected a panic containing \"%s\", got none",
			      substr);
		return false;
	}
	/* Back from a caught panic: undo what the panicking path left. */
	this_cpu_write(preempt_count, c.preempt_count);
	if (arch_irqs_disabled_flags(c.irq_flags))
		local_irq_disable();
	else
		local_irq_enable();
	ktest_log(t, "caught expected panic: %s", c.msg);
	if (!strstr(c.msg, substr)) {
		ktest_fail_at(t, __FILE__, __LINE__,
			      "panic \"%s\" does not contain \"%s\"", c.msg,
			      substr);
		return false;
	}
	return true;
}

/* ---- the runner ----------------------------------------------------------- */

static enum ktest_status run_case(struct ktest_case *kc, int nr)
{
	struct ktest t = { .name = kc->name, .status = KTEST_PASS };

	if (setjmp(t.abort) == 0)
		kc->run(&t);
	if (t.status == KTEST_SKIP)
		ktap("    ok %d %s # SKIP %s\n", nr, kc->name, t.skip_reason);
	else
		ktap("    %s %d %s\n", t.status == KTEST_PASS ? "ok" : "not ok",
		     nr, kc->name);
	return t.status;
}

static int count_cases(const struct ktest_suite *s)
{
	int n = 0;

	while (s->cases[n].run)
		n++;
	return n;
}

/* Runs one suite; returns the number of failed cases. */
static int run_suite(struct ktest_suite *s, int nr)
{
	int n = count_cases(s), failed = 0, skipped = 0;

	ktap("    KTAP version 1\n    # Subtest: %s\n    1..%d\n", s->name, n);
	if (s->suite_init && s->suite_init()) {
		for (int i = 0; i < n; i++)
			ktap("    ok %d %s # SKIP suite_init failed\n", i + 1,
			     s->cases[i].name);
		ktap("ok %d %s # SKIP\n", nr, s->name);
		return 0;
	}
	for (int i = 0; i < n; i++) {
		enum ktest_status st = run_case(&s->cases[i], i + 1);

		failed += st == KTEST_FAIL;
		skipped += st == KTEST_SKIP;
	}
	if (s->suite_exit)
		s->suite_exit();
	if (failed)
		ktap("not ok %d %s\n", nr, s->name);
	else if (n && skipped == n)
		ktap("ok %d %s # SKIP\n", nr, s->name);
	else
		ktap("ok %d %s\n", nr, s->name);
	return failed;
}

int ktest_run_selected(void)
{
	struct ktest_suite *const *sp;
	int total = 0, nr = 0, failed = 0;

	for (sp = __ktest_suites_start; sp < __ktest_suites_end; sp++)
		total += suite_selected(*sp);
	ktap("KTAP version 1\n1..%d\n", total);
	for (sp = __ktest_suites_start; sp < __ktest_suites_end; sp++)
		if (suite_selected(*sp))
			failed += run_suite(*sp, ++nr);
	ktap("# ktest: %d suites, %d failed cases\n", total, failed);
	return failed;
}
