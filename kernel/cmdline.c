// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel command-line parsing: splitting into parameters, number and size
 * parsing, and dispatch to the handlers registered with __setup().
 */
#include <cmdline.h>
#include <kernel.h>
#include <string.h>

char boot_command_line[COMMAND_LINE_SIZE];

extern const struct kernel_param __setup_start[], __setup_end[];

bool cmdline_save(const char *s)
{
	return strlcpy(boot_command_line, s ? s : "",
		       sizeof(boot_command_line)) >= sizeof(boot_command_line);
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

const char *next_arg(const char *line, char *buf, size_t size,
		     const char **name, const char **val)
{
	size_t n = 0;
	bool quoted = false, has_val = false;
	size_t val_at = 0;

	while (*line && is_space(*line))
		line++;
	if (!*line || size < 2)
		return NULL;
	for (; *line && (quoted || !is_space(*line)); line++) {
		if (*line == '"') {
			quoted = !quoted;
			continue;
		}
		/* As in Linux, the first '=' splits even inside quotes, so
		 * "name=a b" quoted whole works like name="a b". */
		if (*line == '=' && !has_val) {
			has_val = true;
			if (n + 1 < size)
				buf[n++] = '\0';
			val_at = n;
			continue;
		}
		if (n + 1 < size)
			buf[n++] = *line;
	}
	buf[n] = '\0';
	if (!has_val) {
		/* Bare word: the value is the empty string after its NUL. */
		if (n + 1 < size) {
			buf[n + 1] = '\0';
			val_at = n + 1;
		} else {
			val_at = n;
		}
	}
	*name = buf;
	*val = buf + val_at;
	return line;
}

bool cmdline_find(const char *line, const char *name, char *buf, size_t size)
{
	char tmp[COMMAND_LINE_SIZE];
	const char *n, *v;
	bool found = false;

	/* The last occurrence wins, as in Linux. */
	while ((line = next_arg(line, tmp, sizeof(tmp), &n, &v))) {
		if (!strcmp(n, name)) {
			strlcpy(buf, v, size);
			found = true;
		}
	}
	return found;
}

void parse_early_params(void)
{
	char tmp[COMMAND_LINE_SIZE];
	const char *line = boot_command_line, *name, *val;

	while ((line = next_arg(line, tmp, sizeof(tmp), &name, &val))) {
		const struct kernel_param *p;

		/* As on Linux, everything after "--" is for init only. */
		if (!strcmp(name, "--"))
			break;
		for (p = __setup_start; p < __setup_end; p++) {
			if (strcmp(p->name, name))
				continue;
			if (p->setup(val))
				pr_warn("cmdline: bad value '%s' for '%s', ignored\n",
					val, name);
		}
	}
}

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 99;
}

/* Parse an unsigned number with C base prefixes; *end after it. */
static u64 parse_u64(const char *s, const char **end, bool *ok)
{
	unsigned int base = 10;
	u64 v = 0;
	const char *start;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	start = s;
	*ok = true;
	for (; digit_value(*s) < (int)base; s++) {
		u64 next = v * base + digit_value(*s);

		if (next / base != v)
			*ok = false;	/* overflow */
		v = next;
	}
	if (s == start)
		*ok = false;
	*end = s;
	return v;
}

int kstrtoul(const char *s, unsigned long *res)
{
	const char *end;
	bool ok;
	u64 v = parse_u64(s, &end, &ok);

	if (!ok || *end || v > 0xFFFFFFFFULL)
		return -1;
	*res = (unsigned long)v;
	return 0;
}

int kstrtoint(const char *s, int *res)
{
	bool neg = *s == '-';
	unsigned long v;

	if (kstrtoul(s + neg, &v))
		return -1;
	if (v > (neg ? 0x80000000UL : 0x7FFFFFFFUL))
		return -1;
	*res = neg ? (int)(0u - (unsigned int)v) : (int)v;
	return 0;
}

u64 memparse(const char *s, const char **end)
{
	bool ok;
	u64 v = parse_u64(s, end, &ok);

	if (!ok)
		return 0;
	switch (**end) {
	case 'G': case 'g':
		v <<= 10;
		/* fall through */
	case 'M': case 'm':
		v <<= 10;
		/* fall through */
	case 'K': case 'k':
		v <<= 10;
		(*end)++;
	}
	return v;
}
