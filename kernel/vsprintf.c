// SPDX-License-Identifier: GPL-2.0
/*
 * vsnprintf: the formatter behind printk.
 *
 * Supports the C conversions d i u x X o c s p %, the flags - 0 + space #,
 * width and precision (numbers or *), and the length modifiers hh h l ll z
 * t. Linux extensions: %pS prints a text address as symbol+offset/size.
 * Output is always NUL-terminated when size > 0; the return value is the
 * length the full output would have had.
 */
#include <kernel.h>
#include <string.h>
#include <kallsyms.h>

#define F_LEFT		0x01
#define F_ZERO		0x02
#define F_PLUS		0x04
#define F_SPACE		0x08
#define F_ALT		0x10
#define F_UPPER		0x20
#define F_SIGNED	0x40

struct out {
	char *buf;
	size_t size;
	size_t len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_padding(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

static void put_string(struct out *o, const char *s, int width, int prec,
		       int flags)
{
	int len;

	if (!s)
		s = "(null)";
	len = prec >= 0 ? (int)strnlen(s, prec) : (int)strlen(s);
	if (!(flags & F_LEFT))
		put_padding(o, ' ', width - len);
	for (int i = 0; i < len; i++)
		put(o, s[i]);
	if (flags & F_LEFT)
		put_padding(o, ' ', width - len);
}

static void put_number(struct out *o, u64 num, int base, int width, int prec,
		       int flags)
{
	const char *digits = (flags & F_UPPER) ? "0123456789ABCDEF"
					       : "0123456789abcdef";
	char tmp[24];
	char sign = 0;
	const char *prefix = "";
	int n = 0, pad;

	if ((flags & F_SIGNED) && (s64)num < 0) {
		sign = '-';
		num = -(s64)num;
	} else if (flags & F_SIGNED) {
		sign = (flags & F_PLUS) ? '+' : (flags & F_SPACE) ? ' ' : 0;
	}
	if ((flags & F_ALT) && num) {
		if (base == 16)
			prefix = (flags & F_UPPER) ? "0X" : "0x";
		else if (base == 8)
			prefix = "0";
	}
	do {
		tmp[n++] = digits[num % base];
		num /= base;
	} while (num);
	if (prec >= 0)
		flags &= ~F_ZERO;	/* C: precision disables zero padding */
	pad = width - max(n, prec) - (sign ? 1 : 0) - (int)strlen(prefix);

	if (!(flags & (F_LEFT | F_ZERO)))
		put_padding(o, ' ', pad);
	if (sign)
		put(o, sign);
	while (*prefix)
		put(o, *prefix++);
	if (flags & F_ZERO)
		put_padding(o, '0', pad);
	put_padding(o, '0', prec - n);
	while (n)
		put(o, tmp[--n]);
	if (flags & F_LEFT)
		put_padding(o, ' ', pad);
}

static void put_symbol(struct out *o, unsigned long addr, int width,
		       int flags)
{
	char sym[96];

	kallsyms_format(addr, sym, sizeof(sym));
	put_string(o, sym, width, -1, flags);
}

static int parse_flags(const char **fmt)
{
	int flags = 0;

	for (;; (*fmt)++) {
		switch (**fmt) {
		case '-': flags |= F_LEFT; break;
		case '0': flags |= F_ZERO; break;
		case '+': flags |= F_PLUS; break;
		case ' ': flags |= F_SPACE; break;
		case '#': flags |= F_ALT; break;
		default: return flags;
		}
	}
}

static int parse_int(const char **fmt, va_list *ap)
{
	int v = 0;

	if (**fmt == '*') {
		(*fmt)++;
		return va_arg(*ap, int);
	}
	while (**fmt >= '0' && **fmt <= '9')
		v = v * 10 + (*(*fmt)++ - '0');
	return v;
}

/* Length modifier: returns the argument size in bytes (1, 2, 4 or 8). */
static int parse_length(const char **fmt)
{
	switch (**fmt) {
	case 'h':
		if (*++(*fmt) == 'h') {
			(*fmt)++;
			return 1;
		}
		return 2;
	case 'l':
		if (*++(*fmt) == 'l') {
			(*fmt)++;
			return 8;
		}
		return 4;
	case 'z':
	case 't':
		(*fmt)++;
		return 4;
	}
	return 4;
}

static u64 fetch_number(va_list *ap, int size, bool is_signed)
{
	if (size == 8)
		return va_arg(*ap, u64);
	if (is_signed) {
		int v = va_arg(*ap, int);

		return size == 1 ? (u64)(s64)(s8)v :
		       size == 2 ? (u64)(s64)(s16)v : (u64)(s64)v;
	} else {
		unsigned int v = va_arg(*ap, unsigned int);

		return size == 1 ? (u8)v : size == 2 ? (u16)v : v;
	}
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	struct out o = { .buf = buf, .size = size, .len = 0 };
	va_list ap;

	va_copy(ap, args);
	for (; *fmt; fmt++) {
		int flags, width, prec = -1, len, base = 10;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt++;
		flags = parse_flags(&fmt);
		width = parse_int(&fmt, &ap);
		if (width < 0) {
			flags |= F_LEFT;
			width = -width;
		}
		if (*fmt == '.') {
			fmt++;
			prec = parse_int(&fmt, &ap);
		}
		len = parse_length(&fmt);

		switch (*fmt) {
		case 'c':
			put_padding(&o, ' ', (flags & F_LEFT) ? 0 : width - 1);
			put(&o, (char)va_arg(ap, int));
			put_padding(&o, ' ', (flags & F_LEFT) ? width - 1 : 0);
			continue;
		case 's':
			put_string(&o, va_arg(ap, const char *), width, prec,
				   flags);
			continue;
		case 'p':
			if (fmt[1] == 'S') {
				fmt++;
				put_symbol(&o, va_arg(ap, unsigned long),
					   width, flags);
				continue;
			}
			/* Always 0x and eight digits, NULL included. */
			put(&o, '0');
			put(&o, 'x');
			put_number(&o, va_arg(ap, unsigned long), 16, 8, -1,
				   F_ZERO);
			continue;
		case '%':
			put(&o, '%');
			continue;
		case 'd':
		case 'i':
			flags |= F_SIGNED;
			break;
		case 'u':
			break;
		case 'X':
			flags |= F_UPPER;
			/* fall through */
		case 'x':
			base = 16;
			break;
		case 'o':
			base = 8;
			break;
		default:	/* unknown conversion: print it verbatim */
			put(&o, '%');
			if (*fmt)
				put(&o, *fmt);
			else
				fmt--;
			continue;
		}
		put_number(&o, fetch_number(&ap, len, flags & F_SIGNED), base,
			   width, prec, flags);
	}
	va_end(ap);
	if (size)
		buf[min(o.len, size - 1)] = '\0';
	return o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
