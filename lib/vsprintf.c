// SPDX-License-Identifier: GPL-2.0
/*
 * vsnprintf() for the kernel: the subset of printf the kernel uses.
 *
 * Conversions: %d %i %u %x %X %o %c %s %p %%, with flags '-', '0', '#',
 * ' ', '+', a width and precision (or '*'), and the length modifiers
 * hh h l ll z t j.  %p prints 0x plus 16 hex digits.
 */
#include <linux/kernel.h>
#include <linux/string.h>

struct out {
	char *buf;
	size_t size;
	size_t pos;	/* may exceed size: the length it would have had */
};

static void put(struct out *o, char c)
{
	if (o->pos + 1 < o->size)
		o->buf[o->pos] = c;
	o->pos++;
}

static void pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

#define F_LEFT	1
#define F_ZERO	2
#define F_ALT	4
#define F_SPACE	8
#define F_PLUS	16
#define F_UPPER	32

static void put_number(struct out *o, unsigned long long v, bool negative,
		       unsigned int base, int flags, int width, int prec)
{
	const char *digits = (flags & F_UPPER) ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, len;
	const char *prefix = "";

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	if (prec == 0 && n == 1 && tmp[0] == '0')
		n = 0;

	if (negative)
		prefix = "-";
	else if (flags & F_PLUS)
		prefix = "+";
	else if (flags & F_SPACE)
		prefix = " ";
	else if ((flags & F_ALT) && base == 16)
		prefix = (flags & F_UPPER) ? "0X" : "0x";
	else if ((flags & F_ALT) && base == 8)
		prefix = "0";

	len = n > prec ? n : prec;
	len += strlen(prefix);
	/* Right-justify with spaces unless '-', or '0' without a precision. */
	if (!(flags & F_LEFT) && (!(flags & F_ZERO) || prec >= 0))
		pad(o, ' ', width - len), width = 0;
	while (*prefix)
		put(o, *prefix++);
	if (flags & F_ZERO && !(flags & F_LEFT))
		pad(o, '0', width - len), width = 0;
	pad(o, '0', prec - n);
	while (n)
		put(o, tmp[--n]);
	pad(o, ' ', width - len);
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { .buf = buf, .size = size, .pos = 0 };

	for (; *fmt; fmt++) {
		int flags = 0, width = 0, prec = -1, lng = 0;
		unsigned long long v;
		bool negative = false;
		unsigned int base = 10;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		for (fmt++;; fmt++) {
			if (*fmt == '-')
				flags |= F_LEFT;
			else if (*fmt == '0')
				flags |= F_ZERO;
			else if (*fmt == '#')
				flags |= F_ALT;
			else if (*fmt == ' ')
				flags |= F_SPACE;
			else if (*fmt == '+')
				flags |= F_PLUS;
			else
				break;
		}
		if (*fmt == '*') {
			width = va_arg(ap, int);
			if (width < 0) {
				flags |= F_LEFT;
				width = -width;
			}
			fmt++;
		} else {
			while (*fmt >= '0' && *fmt <= '9')
				width = width * 10 + (*fmt++ - '0');
		}
		if (*fmt == '.') {
			fmt++;
			prec = 0;
			if (*fmt == '*') {
				prec = va_arg(ap, int);
				fmt++;
			} else {
				while (*fmt >= '0' && *fmt <= '9')
					prec = prec * 10 + (*fmt++ - '0');
			}
		}
		/* lng: -2 hh, -1 h, 0 int, 1 long, 2 long long */
		for (;; fmt++) {
			if (*fmt == 'h')
				lng--;
			else if (*fmt == 'l')
				lng++;
			else if (*fmt == 'z' || *fmt == 't' || *fmt == 'j')
				lng = 1;
			else
				break;
		}

		switch (*fmt) {
		case '\0':
			fmt--;
			continue;
		case '%':
			put(&o, '%');
			continue;
		case 'c':
			pad(&o, ' ', (flags & F_LEFT) ? 0 : width - 1);
			put(&o, (char)va_arg(ap, int));
			pad(&o, ' ', (flags & F_LEFT) ? width - 1 : 0);
			continue;
		case 's': {
			const char *s = va_arg(ap, const char *);
			int len;

			if (!s)
				s = "(null)";
			len = strnlen(s, prec >= 0 ? (size_t)prec : (size_t)-1);
			pad(&o, ' ', (flags & F_LEFT) ? 0 : width - len);
			for (int i = 0; i < len; i++)
				put(&o, s[i]);
			pad(&o, ' ', (flags & F_LEFT) ? width - len : 0);
			continue;
		}
		case 'p':
			v = (uintptr_t)va_arg(ap, void *);
			put_number(&o, v, false, 16, F_ALT | F_ZERO,
				   18, -1);
			continue;
		case 'd':
		case 'i': {
			long long sv;

			if (lng >= 2)
				sv = va_arg(ap, long long);
			else if (lng == 1)
				sv = va_arg(ap, long);
			else
				sv = va_arg(ap, int);
			if (lng == -1)
				sv = (short)sv;
			else if (lng <= -2)
				sv = (signed char)sv;
			negative = sv < 0;
			v = negative ? -(unsigned long long)sv : (unsigned long long)sv;
			put_number(&o, v, negative, 10, flags, width, prec);
			continue;
		}
		case 'X':
			flags |= F_UPPER;
			/* fall through */
		case 'x':
			base = 16;
			goto unsigned_number;
		case 'o':
			base = 8;
			goto unsigned_number;
		case 'u':
unsigned_number:
			if (lng >= 2)
				v = va_arg(ap, unsigned long long);
			else if (lng == 1)
				v = va_arg(ap, unsigned long);
			else
				v = va_arg(ap, unsigned int);
			if (lng == -1)
				v = (unsigned short)v;
			else if (lng <= -2)
				v = (unsigned char)v;
			put_number(&o, v, false, base, flags, width, prec);
			continue;
		default:
			/* Unknown conversion: print it as is, visibly. */
			put(&o, '%');
			put(&o, *fmt);
			continue;
		}
	}
	if (o.size)
		o.buf[o.pos < o.size ? o.pos : o.size - 1] = '\0';
	return (int)o.pos;
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

/*
 * Parse an unsigned number; base 0 means "0x" hex, "0" octal, else
 * decimal.  *end (if given) points after the last digit used.
 */
unsigned long long simple_strtoull(const char *s, char **end, unsigned int base)
{
	unsigned long long v = 0;

	if (base == 0) {
		if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
			base = 16;
			s += 2;
		} else if (s[0] == '0' && s[1]) {
			base = 8;
			s++;
		} else {
			base = 10;
		}
	} else if (base == 16 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
	}
	while (digit_value(*s) < (int)base)
		v = v * base + digit_value(*s++);
	if (end)
		*end = (char *)s;
	return v;
}
