// SPDX-License-Identifier: GPL-2.0
/*
 * Tests for command-line parsing (kernel/cmdline.c): splitting into
 * parameters with quotes and bare words, "last one wins" lookups, and the
 * number and size parsers the boot parameters use.
 */
#include <ktest.h>
#include <cmdline.h>
#include <kernel.h>
#include <string.h>

struct arg {
	const char *name, *val;
};

/* Split `line` and compare with the expected (name, value) pairs. */
static void expect_args(struct ktest *t, const char *line,
			const struct arg *want, unsigned int nwant)
{
	char buf[64];
	const char *name, *val;
	unsigned int n = 0;

	while ((line = next_arg(line, buf, sizeof(buf), &name, &val))) {
		if (n < nwant) {
			KTEST_EXPECT_STREQ(t, name, want[n].name);
			KTEST_EXPECT_STREQ(t, val, want[n].val);
		}
		n++;
	}
	KTEST_EXPECT_EQ(t, n, nwant);
}

static void next_arg_splits_names_and_values(struct ktest *t)
{
	static const struct arg want[] = {
		{ "lowmem", "64M" }, { "quiet", "" }, { "ktest", "all" },
		{ "empty", "" }, { "a", "b=c" },
	};

	expect_args(t, "  lowmem=64M quiet\tktest=all  empty= a=b=c  ", want,
		    ARRAY_SIZE(want));
}

static void next_arg_handles_quotes(struct ktest *t)
{
	static const struct arg want[] = {
		{ "init", "/bin/sh -c x" }, { "bare word", "" },
		{ "whole", "quoted value" }, { "x", "" },
	};

	expect_args(t, "init=\"/bin/sh -c x\" \"bare word\" \"whole=quoted value\" x",
		    want, ARRAY_SIZE(want));
}

static void next_arg_of_empty_line(struct ktest *t)
{
	char buf[16];
	const char *name = NULL, *val = NULL;

	KTEST_EXPECT_NULL(t, next_arg("", buf, sizeof(buf), &name, &val));
	KTEST_EXPECT_NULL(t, next_arg("   \t ", buf, sizeof(buf), &name, &val));
	KTEST_EXPECT_NULL(t, name);
}

static void next_arg_truncates_long_words(struct ktest *t)
{
	char buf[12];
	const char *name, *val, *rest;

	memset(buf, 'Z', sizeof(buf));
	rest = next_arg("averyveryverylongname=1 next", buf, 8, &name, &val);
	KTEST_ASSERT_NOT_NULL(t, rest);
	KTEST_EXPECT_EQ(t, strlen(name), 7);
	KTEST_EXPECT_EQ(t, strncmp(name, "averyve", 7), 0);
	KTEST_EXPECT_LT(t, val - buf, 8);
	/* Nothing written past the 8 bytes it was given. */
	KTEST_EXPECT_EQ(t, buf[8], 'Z');
	KTEST_EXPECT_EQ(t, buf[11], 'Z');
	/* The rest of the line is intact. */
	KTEST_EXPECT_STREQ(t, rest, " next");
}

static void cmdline_find_last_one_wins(struct ktest *t)
{
	char val[16];

	KTEST_EXPECT_TRUE(t, cmdline_find("a=1 b=2 a=3", "a", val, sizeof(val)));
	KTEST_EXPECT_STREQ(t, val, "3");
	KTEST_EXPECT_TRUE(t, cmdline_find("a=1 b=2 a=3", "b", val, sizeof(val)));
	KTEST_EXPECT_STREQ(t, val, "2");
	KTEST_EXPECT_TRUE(t, cmdline_find("quiet x=1", "quiet", val,
					  sizeof(val)));
	KTEST_EXPECT_STREQ(t, val, "");
	KTEST_EXPECT_FALSE(t, cmdline_find("ab=1 a_=2", "a", val, sizeof(val)));
	KTEST_EXPECT_FALSE(t, cmdline_find("", "a", val, sizeof(val)));
}

static void boot_command_line_is_saved(struct ktest *t)
{
	char val[32];

	/* We are running, so the boot line asked for tests. */
	KTEST_EXPECT_TRUE(t, ktest_mode);
	KTEST_EXPECT_TRUE(t, cmdline_find(boot_command_line, "ktest", val,
					  sizeof(val)));
	KTEST_EXPECT_GT(t, strlen(val), 0);
}

static void memparse_suffixes(struct ktest *t)
{
	const char *end;

	KTEST_EXPECT_EQ(t, memparse("123", &end), 123);
	KTEST_EXPECT_EQ(t, *end, '\0');
	KTEST_EXPECT_EQ(t, memparse("4k", &end), 4096);
	KTEST_EXPECT_EQ(t, memparse("4K", &end), 4096);
	KTEST_EXPECT_EQ(t, *end, '\0');
	KTEST_EXPECT_EQ(t, memparse("64M", &end), 64ULL << 20);
	KTEST_EXPECT_EQ(t, *end, '\0');
	KTEST_EXPECT_EQ(t, memparse("3G", &end), 3ULL << 30);
	KTEST_EXPECT_EQ(t, memparse("8g", &end), 8ULL << 30);
	KTEST_EXPECT_EQ(t, memparse("0x10M", &end), 16ULL << 20);
	/* An unknown suffix stops the number and is left for the caller. */
	KTEST_EXPECT_EQ(t, memparse("12Q", &end), 12);
	KTEST_EXPECT_EQ(t, *end, 'Q');
	KTEST_EXPECT_EQ(t, memparse("64M,rest", &end), 64ULL << 20);
	KTEST_EXPECT_EQ(t, *end, ',');
	KTEST_EXPECT_EQ(t, memparse("M", &end), 0);
}

static void kstrtoint_edges(struct ktest *t)
{
	int v = 0;

	KTEST_EXPECT_EQ(t, kstrtoint("0", &v), 0);
	KTEST_EXPECT_EQ(t, v, 0);
	KTEST_EXPECT_EQ(t, kstrtoint("42", &v), 0);
	KTEST_EXPECT_EQ(t, v, 42);
	KTEST_EXPECT_EQ(t, kstrtoint("-1", &v), 0);
	KTEST_EXPECT_EQ(t, v, -1);
	KTEST_EXPECT_EQ(t, kstrtoint("2147483647", &v), 0);
	KTEST_EXPECT_EQ(t, v, 2147483647);
	KTEST_EXPECT_EQ(t, kstrtoint("-2147483648", &v), 0);
	KTEST_EXPECT_EQ(t, v, -2147483647 - 1);
	KTEST_EXPECT_EQ(t, kstrtoint("0x7b", &v), 0);
	KTEST_EXPECT_EQ(t, v, 123);
	KTEST_EXPECT_EQ(t, kstrtoint("-0x10", &v), 0);
	KTEST_EXPECT_EQ(t, v, -16);

	v = 777;	/* failures leave the result alone */
	KTEST_EXPECT_EQ(t, kstrtoint("2147483648", &v), -1);
	KTEST_EXPECT_EQ(t, kstrtoint("-2147483649", &v), -1);
	KTEST_EXPECT_EQ(t, kstrtoint("4294967296", &v), -1);
	KTEST_EXPECT_EQ(t, kstrtoint("99999999999999999999", &v), -1);
	KTEST_EXPECT_EQ(t, kstrtoint("", &v), -1);
	KTEST_EXPECT_EQ(t, kstrtoint("-", &v), -1);
	KTEST_EXPECT_EQ(t, kstrtoint("0x", &v), -1);
	KTEST_EXPECT_EQ(t, kstrtoint("12a", &v), -1);
	KTEST_EXPECT_EQ(t, kstrtoint(" 1", &v), -1);
	KTEST_EXPECT_EQ(t, kstrtoint("1 ", &v), -1);
	KTEST_EXPECT_EQ(t, kstrtoint("--1", &v), -1);
	KTEST_EXPECT_EQ(t, v, 777);
}

static void kstrtoul_range(struct ktest *t)
{
	unsigned long v = 0;

	KTEST_EXPECT_EQ(t, kstrtoul("4294967295", &v), 0);
	KTEST_EXPECT_EQ(t, v, 4294967295UL);
	KTEST_EXPECT_EQ(t, kstrtoul("0xFFFFffff", &v), 0);
	KTEST_EXPECT_EQ(t, v, 0xffffffffUL);
	KTEST_EXPECT_EQ(t, kstrtoul("4294967296", &v), -1);
	KTEST_EXPECT_EQ(t, kstrtoul("-1", &v), -1);
	KTEST_EXPECT_EQ(t, kstrtoul("0x1g", &v), -1);
}

static struct ktest_case cmdline_cases[] = {
	KTEST_CASE(next_arg_splits_names_and_values),
	KTEST_CASE(next_arg_handles_quotes),
	KTEST_CASE(next_arg_of_empty_line),
	KTEST_CASE(next_arg_truncates_long_words),
	KTEST_CASE(cmdline_find_last_one_wins),
	KTEST_CASE(boot_command_line_is_saved),
	KTEST_CASE(memparse_suffixes),
	KTEST_CASE(kstrtoint_edges),
	KTEST_CASE(kstrtoul_range),
	{}
};

static struct ktest_suite cmdline_suite = {
	.name = "cmdline",
	.cases = cmdline_cases,
};
ktest_register_suite(cmdline_suite);
