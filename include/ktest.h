/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ktest: in-kernel unit tests in the shape of Linux's KUnit.
 *
 * A suite is a named array of cases; each case is a function taking the
 * test context. Results are printed as KTAP version 1 on the console:
 *
 *	static void page_alloc_returns_aligned(struct ktest *t)
 *	{
 *		KTEST_EXPECT_EQ(t, addr & 0xfff, 0);
 *	}
 *	static struct ktest_case page_alloc_cases[] = {
 *		KTEST_CASE(page_alloc_returns_aligned),
 *		{}
 *	};
 *	static struct ktest_suite page_alloc_suite = {
 *		.name = "page_alloc",
 *		.cases = page_alloc_cases,
 *	};
 *	ktest_register_suite(page_alloc_suite);
 *
 * Boot with ktest=all (every suite but benchmarks), ktest=bench (only the
 * benchmark suites), or ktest=name1,name2. EXPECT failures mark the case
 * failed and go on; ASSERT failures also end the case.
 */
#ifndef _KTEST_H
#define _KTEST_H

#include <types.h>
#include <setjmp.h>

enum ktest_status { KTEST_PASS, KTEST_FAIL, KTEST_SKIP };

struct ktest {
	const char *name;
	enum ktest_status status;
	char skip_reason[64];
	jmp_buf abort;		/* where ASSERT failures land */
};

struct ktest_case {
	const char *name;
	void (*run)(struct ktest *t);
};

struct ktest_suite {
	const char *name;
	struct ktest_case *cases;	/* ends with an empty entry */
	/* Optional: run before the suite; nonzero skips every case. */
	int (*suite_init)(void);
	void (*suite_exit)(void);
	bool bench;			/* a benchmark: only by name/bench */
};

#define KTEST_CASE(fn)	{ .name = #fn, .run = fn }

#define ktest_register_suite(suite)					\
	static struct ktest_suite *const __ktest_ptr_##suite		\
		__section(".ktest_suites") __used = &(suite)

/* True when the kernel was booted with a ktest= parameter. */
extern bool ktest_mode;
/* Stress tests multiply their iteration counts by this (ktest_scale=). */
extern unsigned int ktest_scale;

/* Run the suites selected by ktest=; returns the number of failed cases. */
int ktest_run_selected(void);

/* Diagnostic line inside the current case ("# ..."). */
__printf(2, 3) void ktest_log(struct ktest *t, const char *fmt, ...);
__printf(2, 3) void ktest_skip(struct ktest *t, const char *fmt, ...);
void ktest_fail_at(struct ktest *t, const char *file, int line,
		   const char *fmt, ...) __printf(4, 5);
__noreturn void ktest_abort(struct ktest *t);

#define __KTEST_CHECK(t, cond, abort, fmt, ...)				\
	do {								\
		if (unlikely(!(cond))) {				\
			ktest_fail_at(t, __FILE__, __LINE__, fmt,	\
				      ##__VA_ARGS__);			\
			if (abort)					\
				ktest_abort(t);				\
		}							\
	} while (0)

#define __KTEST_BINOP(t, a, op, b, abort)				\
	do {								\
		long long __a = (long long)(a), __b = (long long)(b);	\
		__KTEST_CHECK(t, __a op __b, abort,			\
			      "Expected %s %s %s, but %s == %lld (0x%llx), " \
			      "%s == %lld (0x%llx)", #a, #op, #b, #a,	\
			      __a, __a, #b, __b, __b);			\
	} while (0)

#define KTEST_EXPECT_TRUE(t, c)	__KTEST_CHECK(t, c, 0, "Expected %s", #c)
#define KTEST_EXPECT_FALSE(t, c) \
	__KTEST_CHECK(t, !(c), 0, "Expected !(%s)", #c)
#define KTEST_EXPECT_EQ(t, a, b)	__KTEST_BINOP(t, a, ==, b, 0)
#define KTEST_EXPECT_NE(t, a, b)	__KTEST_BINOP(t, a, !=, b, 0)
#define KTEST_EXPECT_LT(t, a, b)	__KTEST_BINOP(t, a, <, b, 0)
#define KTEST_EXPECT_LE(t, a, b)	__KTEST_BINOP(t, a, <=, b, 0)
#define KTEST_EXPECT_GT(t, a, b)	__KTEST_BINOP(t, a, >, b, 0)
#define KTEST_EXPECT_GE(t, a, b)	__KTEST_BINOP(t, a, >=, b, 0)
#define KTEST_EXPECT_NULL(t, p)	\
	__KTEST_CHECK(t, (p) == NULL, 0, "Expected %s == NULL", #p)
#define KTEST_EXPECT_NOT_NULL(t, p) \
	__KTEST_CHECK(t, (p) != NULL, 0, "Expected %s != NULL", #p)
#define KTEST_EXPECT_STREQ(t, a, b)					\
	__KTEST_CHECK(t, !strcmp(a, b), 0,				\
		      "Expected %s == %s, but \"%s\" != \"%s\"", #a, #b, a, b)

#define KTEST_ASSERT_TRUE(t, c)	__KTEST_CHECK(t, c, 1, "Expected %s", #c)
#define KTEST_ASSERT_EQ(t, a, b)	__KTEST_BINOP(t, a, ==, b, 1)
#define KTEST_ASSERT_NE(t, a, b)	__KTEST_BINOP(t, a, !=, b, 1)
#define KTEST_ASSERT_NOT_NULL(t, p) \
	__KTEST_CHECK(t, (p) != NULL, 1, "Expected %s != NULL", #p)

/*
 * Run fn(arg) expecting it to panic with a message containing `substr`.
 * The panic is caught on this CPU (nothing is printed beyond a log line)
 * and control returns here; interrupt state and preempt count are
 * restored. Returns true if the expected panic happened; a missing or
 * different panic fails the case.
 */
bool ktest_expect_panic(struct ktest *t, void (*fn)(void *), void *arg,
			const char *substr);

/* Called by panic(): returns only when no catcher is armed on this CPU. */
void ktest_catch_panic(const char *msg);

#endif
