// SPDX-License-Identifier: GPL-2.0
/*
 * Tests for vsnprintf (kernel/vsprintf.c) and printk's level filtering:
 * conversions, flags, widths, precision, length modifiers, %p and %pS,
 * truncation and the return value.
 */
#include <ktest.h>
#include <kernel.h>
#include <kallsyms.h>
#include <string.h>

/*
 * Formats go through this wrapper without the printf attribute, so the
 * compiler does not reject on purpose odd formats ("%q", "0" with a
 * precision). Arguments still have the types the conversions expect.
 */
static int format(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/* Format into a buffer and compare text and return value. */
#define EXPECT_FORMAT(t, want, fmt, ...)				\
	do {								\
		char __buf[128];					\
		int __n = format(__buf, sizeof(__buf), fmt, ##__VA_ARGS__); \
		if (strcmp(__buf, want) || __n != (int)strlen(want))	\
			ktest_fail_at(t, __FILE__, __LINE__,		\
				      "\"%s\" gave \"%s\" (returned %d), "	\
				      "expected \"%s\" (%d)", fmt, __buf,	\
				      __n, want, (int)strlen(want));	\
	} while (0)

static void integer_conversions(struct ktest *t)
{
	EXPECT_FORMAT(t, "0", "%d", 0);
	EXPECT_FORMAT(t, "-5", "%d", -5);
	EXPECT_FORMAT(t, "-2147483648", "%d", -2147483647 - 1);
	EXPECT_FORMAT(t, "2147483647", "%i", 2147483647);
	EXPECT_FORMAT(t, "4294967295", "%u", 4294967295u);
	EXPECT_FORMAT(t, "deadbeef", "%x", 0xdeadbeefu);
	EXPECT_FORMAT(t, "DEADBEEF", "%X", 0xdeadbeefu);
	EXPECT_FORMAT(t, "17", "%o", 15u);
	EXPECT_FORMAT(t, "0xff 0XFF 017 0", "%#x %#X %#o %#x", 255u, 255u, 15u,
		      0u);
	EXPECT_FORMAT(t, "+5 -5  5", "%+d %+d % d", 5, -5, 5);
	EXPECT_FORMAT(t, "100%", "%d%%", 100);
	EXPECT_FORMAT(t, "a1b2c", "a%db%dc", 1, 2);
}

static void width_and_padding(struct ktest *t)
{
	EXPECT_FORMAT(t, "   42", "%5d", 42);
	EXPECT_FORMAT(t, "42   |", "%-5d|", 42);
	EXPECT_FORMAT(t, "00042", "%05d", 42);
	EXPECT_FORMAT(t, "-0042", "%05d", -42);
	EXPECT_FORMAT(t, "0000beef", "%08x", 0xbeefu);
	EXPECT_FORMAT(t, "0x0000beef", "%#010x", 0xbeefu);
	EXPECT_FORMAT(t, "123456", "%3d", 123456);
	EXPECT_FORMAT(t, "    42", "%*d", 6, 42);
	EXPECT_FORMAT(t, "42    |", "%*d|", -6, 42);
	EXPECT_FORMAT(t, "42    |", "%-*d|", 6, 42);
	EXPECT_FORMAT(t, "  x|x  |", "%3c|%-3c|", 'x', 'x');
}

static void precision(struct ktest *t)
{
	EXPECT_FORMAT(t, "007", "%.3d", 7);
	EXPECT_FORMAT(t, "-007", "%.3d", -7);
	EXPECT_FORMAT(t, "     007", "%8.3d", 7);
	/* C: a precision turns off zero padding. */
	EXPECT_FORMAT(t, "     007", "%08.3d", 7);
	EXPECT_FORMAT(t, "ab", "%.2s", "abcdef");
	EXPECT_FORMAT(t, "ab", "%.*s", 2, "abcdef");
	EXPECT_FORMAT(t, "   ab|", "%5.2s|", "abcdef");
	EXPECT_FORMAT(t, "abc", "%.10s", "abc");
}

static void strings_and_chars(struct ktest *t)
{
	EXPECT_FORMAT(t, "abc", "%s", "abc");
	EXPECT_FORMAT(t, "  abc", "%5s", "abc");
	EXPECT_FORMAT(t, "abc  |", "%-5s|", "abc");
	EXPECT_FORMAT(t, "(null)", "%s", (const char *)NULL);
	EXPECT_FORMAT(t, "", "%s", "");
	EXPECT_FORMAT(t, "x", "%c", 'x');
	EXPECT_FORMAT(t, "[%q]", "[%q]");
}

static void length_modifiers(struct ktest *t)
{
	EXPECT_FORMAT(t, "-1234567890123", "%lld", -1234567890123LL);
	EXPECT_FORMAT(t, "18446744073709551615", "%llu", ~0ULL);
	EXPECT_FORMAT(t, "123456789abcdef0", "%llx", 0x123456789abcdef0ULL);
	EXPECT_FORMAT(t, "0x00000000ffffffff", "%#018llx", 0xffffffffULL);
	EXPECT_FORMAT(t, "-9223372036854775808", "%lld",
		      (long long)(1ULL << 63));
	/* 64-bit arguments between 32-bit ones keep the others in place. */
	EXPECT_FORMAT(t, "1 2 3", "%d %lld %d", 1, 2LL, 3);
	EXPECT_FORMAT(t, "-7 4294967289", "%ld %lu", -7L, (unsigned long)-7L);
	EXPECT_FORMAT(t, "44 4464 ffff", "%hhd %hd %hx", 300, 70000, -1);
	EXPECT_FORMAT(t, "123 -4", "%zu %td", (size_t)123, (ptrdiff_t)-4);
}

static void pointers(struct ktest *t)
{
	EXPECT_FORMAT(t, "0xc0001234", "%p", (void *)0xc0001234);
	EXPECT_FORMAT(t, "0x00000000", "%p", NULL);
	EXPECT_FORMAT(t, "0x0000abcd", "%p", (void *)0xabcd);
}

/* A body no other function shares, so it keeps its own symbol. */
static __noinline int symbol_lookup_target(int x)
{
	return x * 7 + 0x5eed;
}

static void symbol_pointers(struct ktest *t)
{
	unsigned long addr = (unsigned long)symbol_lookup_target;
	char buf[96], want[64];
	int n;

	n = format(buf, sizeof(buf), "%pS", (void *)addr);
	KTEST_EXPECT_EQ(t, n, (int)strlen(buf));
	KTEST_EXPECT_EQ(t, strncmp(buf, "symbol_lookup_target+0x0/0x", 27), 0);

	format(buf, sizeof(buf), "%pS", (void *)(addr + 1));
	KTEST_EXPECT_EQ(t, strncmp(buf, "symbol_lookup_target+0x1/0x", 27), 0);

	format(buf, sizeof(buf), "[%pS]", (void *)vsnprintf);
	KTEST_EXPECT_EQ(t, strncmp(buf, "[vsnprintf+0x0/0x", 17), 0);

	/* Outside kernel text: a plain address. */
	format(buf, sizeof(buf), "%pS", (void *)0x1234);
	KTEST_EXPECT_STREQ(t, buf, "0x00001234");

	KTEST_EXPECT_EQ(t, kallsyms_lookup_name("symbol_lookup_target"), addr);
	format(want, sizeof(want), "%-30pS|", (void *)0x1234);
	KTEST_EXPECT_STREQ(t, want, "0x00001234                    |");
}

static void truncation_and_return_value(struct ktest *t)
{
	char buf[16];
	int n;

	memset(buf, 'Z', sizeof(buf));
	n = format(buf, 8, "%s", "hello world");
	KTEST_EXPECT_EQ(t, n, 11);	/* the length it would have had */
	KTEST_EXPECT_STREQ(t, buf, "hello w");
	KTEST_EXPECT_EQ(t, buf[8], 'Z');

	memset(buf, 'Z', sizeof(buf));
	n = format(buf, 0, "%d", 12345);
	KTEST_EXPECT_EQ(t, n, 5);
	KTEST_EXPECT_EQ(t, buf[0], 'Z');	/* size 0 writes nothing */

	n = format(buf, 1, "%d", 12345);
	KTEST_EXPECT_EQ(t, n, 5);
	KTEST_EXPECT_EQ(t, buf[0], '\0');

	memset(buf, 'Z', sizeof(buf));
	n = format(buf, 6, "%05d|%s", 42, "tail");
	KTEST_EXPECT_EQ(t, n, 10);
	KTEST_EXPECT_STREQ(t, buf, "00042");
	KTEST_EXPECT_EQ(t, buf[6], 'Z');

	n = format(buf, sizeof(buf), "%s", "exact fit 15 ch");
	KTEST_EXPECT_EQ(t, n, 15);
	KTEST_EXPECT_STREQ(t, buf, "exact fit 15 ch");
}

static void printk_filters_by_level(struct ktest *t)
{
	int saved = console_loglevel;
	int shown, hidden, debug;

	console_loglevel = 4;	/* errors and worse */
	hidden = printk(KERN_INFO "printk_test: this line must not appear\n");
	shown = printk(KERN_ERR "printk_test: an error-level line\n");
	console_loglevel = saved;
	debug = printk(KERN_DEBUG "printk_test: debug line\n");

	KTEST_EXPECT_EQ(t, hidden, 0);
	KTEST_EXPECT_EQ(t, shown, (int)strlen("printk_test: an error-level line\n"));
	if (saved <= 7)
		KTEST_EXPECT_EQ(t, debug, 0);
}

/* Find needle in the log bytes from pos to the end. */
static bool log_has(u64 pos, const char *needle)
{
	static char text[512];
	size_t n = log_copy(&pos, text, sizeof(text) - 1);

	text[n] = '\0';
	return strstr(text, needle) != NULL;
}

/* Every line reaches the log, shown on the console or not, with its level. */
static void printk_keeps_hidden_lines_in_log(struct ktest *t)
{
	int saved = console_loglevel;
	u64 start = log_end();

	console_loglevel = 1;
	printk(KERN_INFO "printk_test: hidden %d\n", 42);
	printk(KERN_WARNING "printk_test: part one,");
	pr_cont(" part two\n");
	console_loglevel = saved;
	KTEST_EXPECT_TRUE(t, log_end() > start);
	KTEST_EXPECT_TRUE(t, log_has(start, "<6>["));
	KTEST_EXPECT_TRUE(t, log_has(start, "] printk_test: hidden 42\n"));
	KTEST_EXPECT_TRUE(t, log_has(start, "<4>["));
	KTEST_EXPECT_TRUE(t, log_has(start, "part one, part two\n"));
}

/* A reader that fell behind starts at the oldest byte still kept. */
static void log_copy_skips_overwritten_bytes(struct ktest *t)
{
	int saved = console_loglevel;
	u64 pos = 0;
	char c;

	console_loglevel = 1;	/* wrap the ring with lines nobody sees */
	for (int i = 0; log_end() <= LOG_BUF_LEN + 1000; i++)
		printk(KERN_INFO "printk_test: filler line %d to wrap the "
		       "log ring around at least once\n", i);
	console_loglevel = saved;
	KTEST_EXPECT_EQ(t, log_copy(&pos, &c, 1), 1);
	KTEST_EXPECT_EQ(t, pos, log_end() - LOG_BUF_LEN + 1);
}

static struct ktest_case printk_cases[] = {
	KTEST_CASE(integer_conversions),
	KTEST_CASE(width_and_padding),
	KTEST_CASE(precision),
	KTEST_CASE(strings_and_chars),
	KTEST_CASE(length_modifiers),
	KTEST_CASE(pointers),
	KTEST_CASE(symbol_pointers),
	KTEST_CASE(truncation_and_return_value),
	KTEST_CASE(printk_filters_by_level),
	KTEST_CASE(printk_keeps_hidden_lines_in_log),
	KTEST_CASE(log_copy_skips_overwritten_bytes),
	{}
};

static struct ktest_suite printk_suite = {
	.name = "printk",
	.cases = printk_cases,
};
ktest_register_suite(printk_suite);
