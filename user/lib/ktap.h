/* SPDX-License-Identifier: GPL-2.0 */
/*
 * KTAP version 1 for user test programs, in the shape of the kernel's ktest
 * (include/ktest.h): a program is one suite, an array of named cases.
 *
 *	static void write_returns_length(void)
 *	{
 *		KT_EXPECT_EQ(write(1, "# hi\n", 5), 5);
 *	}
 *	static const struct ktap_case cases[] = {
 *		KTAP_CASE(write_returns_length),
 *		{ 0 }
 *	};
 *	int main(void) { return ktap_main("uaccess", cases); }
 *
 * Everything goes to fd 1, one write(2) per line, so lines never tear even
 * when several processes write at once. Run by hand a program prints a
 * top-level document; run by /init (environment KTAP_DEPTH=1) it prints an
 * indented subtest block and init adds the "ok N name" line from the exit
 * status: 0 = passed, 1 = a case failed, 77 = every case skipped.
 *
 * EXPECT failures mark the case failed and go on; ASSERT failures also end
 * the case. Cases run one after another in the same process; a case that
 * forks checks its children through their exit status (see util.h).
 */
#ifndef USER_KTAP_H
#define USER_KTAP_H

#include <stdbool.h>

#define KTAP_EXIT_PASS	0
#define KTAP_EXIT_FAIL	1
#define KTAP_EXIT_SKIP	77	/* every case skipped (automake's convention) */

struct ktap_case {
	const char *name;
	void (*run)(void);
};

#define KTAP_CASE(fn)	{ #fn, fn }

/* Run every case of the suite; returns the exit status for main(). */
int ktap_main(const char *suite, const struct ktap_case *cases);

/* One KTAP line at the suite's depth; the newline is added. */
void ktap_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A diagnostic "# case: ..." inside the current case. */
void ktap_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Mark the current case skipped (it still fails if a check failed). */
void ktap_skip(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void ktap_fail_at(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* End the current case now (after a failed ASSERT or a skip). */
__attribute__((noreturn)) void ktap_abort(void);
/* Did a check fail in the current case (in this process)? */
bool ktap_case_failed(void);

/* Run `call`, expect it to fail: -1 with errno `err` (errno.h needed). */
#define EXPECT_ERR(call, err)						\
	do {								\
		errno = 0;						\
		KT_EXPECT_EQ((long)(call), -1L);			\
		KT_EXPECT_EQ(errno, err);				\
	} while (0)

/* Indentation depth of this program's lines (KTAP_DEPTH). */
int ktap_depth(void);

#define __KT_CHECK(cond, abort, ...)					\
	do {								\
		if (!(cond)) {						\
			ktap_fail_at(__FILE__, __LINE__, __VA_ARGS__);	\
			if (abort)					\
				ktap_abort();				\
		}							\
	} while (0)

#define __KT_BINOP(a, op, b, abort)					\
	do {								\
		long long __a = (long long)(a), __b = (long long)(b);	\
		__KT_CHECK(__a op __b, abort,				\
			   "Expected %s %s %s, but %s == %lld (0x%llx), "	\
			   "%s == %lld (0x%llx)", #a, #op, #b, #a, __a,	\
			   __a, #b, __b, __b);				\
	} while (0)

#define KT_EXPECT(c)		__KT_CHECK(c, 0, "Expected %s", #c)
#define KT_EXPECT_EQ(a, b)	__KT_BINOP(a, ==, b, 0)
#define KT_EXPECT_NE(a, b)	__KT_BINOP(a, !=, b, 0)
#define KT_EXPECT_LT(a, b)	__KT_BINOP(a, <, b, 0)
#define KT_EXPECT_LE(a, b)	__KT_BINOP(a, <=, b, 0)
#define KT_EXPECT_GT(a, b)	__KT_BINOP(a, >, b, 0)
#define KT_EXPECT_GE(a, b)	__KT_BINOP(a, >=, b, 0)
#define KT_ASSERT(c)		__KT_CHECK(c, 1, "Expected %s", #c)
#define KT_ASSERT_EQ(a, b)	__KT_BINOP(a, ==, b, 1)
#define KT_ASSERT_NE(a, b)	__KT_BINOP(a, !=, b, 1)
#define KT_ASSERT_GE(a, b)	__KT_BINOP(a, >=, b, 1)

#endif
