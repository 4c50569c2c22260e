// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of the kernel's lib/: string.c, vsprintf.c, cmdline.c,
 * compiled from the kernel sources for the host (the Xen Test Framework's
 * selftests pattern) and linked with every kernel symbol renamed k_*, so
 * that the C library next to them is the oracle: what C defines, the
 * kernel's implementation must do the same.
 *
 * Usage: lib_test [-t TEST] [PREFIX]	prints TAP lines "ok - PREFIX: TEST: ..."
 *        lib_test --list		names the TESTs
 */
#include <limits.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

/* The kernel's functions, renamed by the suite (objcopy --redefine-sym). */
int k_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int k_snprintf(char *buf, size_t size, const char *fmt, ...);
unsigned long long k_simple_strtoull(const char *s, char **end, unsigned int base);
void *k_memcpy(void *dst, const void *src, size_t n);
void *k_memmove(void *dst, const void *src, size_t n);
void *k_memset(void *s, int c, size_t n);
int k_memcmp(const void *a, const void *b, size_t n);
size_t k_strlen(const char *s);
size_t k_strnlen(const char *s, size_t max);
int k_strcmp(const char *a, const char *b);
int k_strncmp(const char *a, const char *b, size_t n);
char *k_strchr(const char *s, int c);
size_t k_strlcpy(char *dst, const char *src, size_t size);
void k_cmdline_init(const char *cmdline);
const char *k_cmdline_get(const char *name);
bool k_cmdline_has(const char *name);
const char *k_cmdline_raw(void);

/* cmdline.c warns through printk(): count and keep the last message. */
static int printk_calls;
static char printk_last[512];

int k_printk(const char *fmt, ...);
int k_printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = k_vsnprintf(printk_last, sizeof(printk_last), fmt, ap);
	va_end(ap);
	printk_calls++;
	return n;
}

/* One TAP line per group of cases; the first mismatches as diagnostics. */
struct group {
	const char *name;
	long cases;
	long bad;
};

static void mismatch(struct group *g, const char *fmt, ...)
{
	va_list ap;

	g->bad++;
	if (g->bad > 10)
		return;
	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

static void report(struct group *g)
{
	if (g->bad || !g->cases)
		tap_check(false, "%s (%ld of %ld cases differ)", g->name, g->bad, g->cases);
	else
		tap_check(true, "%s (%ld cases)", g->name, g->cases);
}

static int sign(int v)
{
	return (v > 0) - (v < 0);
}

/* ---- printf ------------------------------------------------------------ */

enum len { L_NONE, L_HH, L_H, L_L, L_LL, L_Z, L_J, L_T, L_COUNT };
static const char *const len_text[L_COUNT] = {
	"", "hh", "h", "l", "ll", "z", "j", "t"
};

/*
 * Both printfs with the same typed arguments.  @nstar is how many '*'
 * ints come first (width, precision).
 */
struct call {
	const char *fmt;
	int nstar, star[2];
	enum len len;
	int is_signed;
	long long sv;
	unsigned long long uv;
};

static int do_printf(int kernel, char *buf, size_t size, const struct call *c)
{
	int (*f)(char *, size_t, const char *, ...) = kernel ? k_snprintf : snprintf;
	int a = c->star[0], b = c->star[1];

#define CALL(arg) \
	(c->nstar == 0 ? f(buf, size, c->fmt, arg) : \
	 c->nstar == 1 ? f(buf, size, c->fmt, a, arg) : \
			 f(buf, size, c->fmt, a, b, arg))
	if (c->is_signed) {
		switch (c->len) {
		case L_HH: return CALL((int)(signed char)c->sv);
		case L_H: return CALL((int)(short)c->sv);
		case L_L: return CALL((long)c->sv);
		case L_LL: return CALL((long long)c->sv);
		case L_Z: return CALL((ssize_t)c->sv);
		case L_J: return CALL((intmax_t)c->sv);
		case L_T: return CALL((ptrdiff_t)c->sv);
		default: return CALL((int)c->sv);
		}
	}
	switch (c->len) {
	case L_HH: return CALL((unsigned int)(unsigned char)c->uv);
	case L_H: return CALL((unsigned int)(unsigned short)c->uv);
	case L_L: return CALL((unsigned long)c->uv);
	case L_LL: return CALL((unsigned long long)c->uv);
	case L_Z: return CALL((size_t)c->uv);
	case L_J: return CALL((uintmax_t)c->uv);
	case L_T: return CALL((size_t)c->uv);
	default: return CALL((unsigned int)c->uv);
	}
#undef CALL
}

/* Compare the two at full size and truncated to a few sizes. */
static void compare_call(struct group *g, const struct call *c)
{
	static const size_t sizes[] = { 256, 0, 1, 2, 7 };

	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		char want[256], got[256];
		int nw, ng;

		memset(want, '@', sizeof(want));
		memset(got, '@', sizeof(got));
		nw = do_printf(0, want, sizes[i], c);
		ng = do_printf(1, got, sizes[i], c);
		g->cases++;
		if (nw != ng || memcmp(want, got, sizeof(want))) {
			want[sizeof(want) - 1] = got[sizeof(got) - 1] = '\0';
			mismatch(g, "\"%s\" (%s %lld/%llu, size %zu): C gives %d \"%.40s\", kernel %d \"%.40s\"",
				 c->fmt, c->is_signed ? "signed" : "unsigned",
				 c->sv, c->uv, sizes[i], nw,
				 sizes[i] ? want : "", ng, sizes[i] ? got : "");
			return;
		}
	}
}

static const long long values[] = {
	0, 1, -1, 7, -7, 42, 127, -128, 255, 256, 32767, -32768, 65535,
	INT_MAX, INT_MIN, (long long)UINT_MAX, 0x123456789LL, LLONG_MAX,
	LLONG_MIN, -0x123456789LL,
};

/* Is the argument zero once narrowed to the conversion's length? */
static int arg_is_zero(const struct call *c)
{
	switch (c->len) {
	case L_HH: return (unsigned char)c->uv == 0;
	case L_H: return (unsigned short)c->uv == 0;
	case L_NONE: return (unsigned int)c->uv == 0;
	default: return c->uv == 0;
	}
}

static void test_integers(void)
{
	/*
	 * Every flag set, width and precision, for each integer conversion,
	 * except what C leaves undefined or inapplicable: '#' with d/i/u is
	 * undefined (C11 7.21.6.1p6), and '+'/' ' only apply to signed
	 * conversions.  The kernel's '#' is a prefix, as in Linux: "0x" even
	 * for zero, and "0" in front of an octal precision's zeros; C drops
	 * the one and merges the other.  test_alt_prefix() checks those.
	 */
	static const char convs[] = "diuxXo";
	static const char *const widths[] = { "", "1", "6", "*" };
	static const char *const precs[] = { "", ".0", ".1", ".4", ".*" };
	static const int stars[] = { -7, 9 };	/* '*' widths: left, right */
	static const int pstars[] = { -1, 3 };	/* '*' precisions: none, 3 */
	struct group g = { "snprintf: d i u x X o with flags, width, precision, length as C does", 0, 0 };

	for (const char *cv = convs; *cv; cv++) {
		int is_signed = *cv == 'd' || *cv == 'i';

		for (int fl = 0; fl < 32; fl++) {
			char flags[8];
			int nf = 0;

			if ((fl & 4) && (is_signed || *cv == 'u'))
				continue;
			if ((fl & (8 | 16)) && !is_signed)
				continue;
			if (fl & 1) flags[nf++] = '-';
			if (fl & 2) flags[nf++] = '0';
			if (fl & 4) flags[nf++] = '#';
			if (fl & 8) flags[nf++] = ' ';
			if (fl & 16) flags[nf++] = '+';
			flags[nf] = '\0';
			for (size_t w = 0; w < 4; w++)
			for (size_t p = 0; p < 5; p++)
			for (int l = 0; l < L_COUNT; l++)
			for (size_t v = 0; v < sizeof(values) / sizeof(values[0]); v++)
			for (int s = 0; s < 2; s++) {
				char fmt[32];
				struct call c = { fmt, 0, { 0, 0 }, l, is_signed,
						  values[v], (unsigned long long)values[v] };
				int wstar = !strcmp(widths[w], "*");
				int pstar = !strcmp(precs[p], ".*");

				/* the second pass only varies the '*' values */
				if (s && !wstar && !pstar)
					continue;
				if (wstar)
					c.star[c.nstar++] = stars[s];
				if (pstar)
					c.star[c.nstar++] = pstars[s];
				if ((fl & 4) && (arg_is_zero(&c) ||
						 (*cv == 'o' && precs[p][0])))
					continue;
				snprintf(fmt, sizeof(fmt), "<%%%s%s%s%s%c>", flags,
					 widths[w], precs[p], len_text[l], *cv);
				compare_call(&g, &c);
			}
		}
	}
	report(&g);
}

static void test_alt_prefix(void)
{
	/*
	 * '#' is a prefix, as in Linux's vsprintf: "%#lx" of 0 is "0x0" (C:
	 * "0"), so the memory map's "%#018lx" columns stay aligned, and an
	 * octal precision gets its "0" in front (C: only if needed).
	 */
	static const struct { const char *fmt; unsigned long v; const char *want; } cases[] = {
		{ "%#x", 0, "0x0" }, { "%#X", 0, "0X0" }, { "%#o", 0, "00" },
		{ "%#018lx", 0, "0x0000000000000000" }, { "%#6x", 0, "   0x0" },
		{ "%-#6x|", 0, "0x0   |" }, { "%#.3x", 0, "0x000" },
		{ "%#.4o", 1, "00001" }, { "%#.2o", 8, "010" },
	};
	struct group g = { "snprintf: '#' is a prefix even for zero, as in Linux", 0, 0 };

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char got[64];

		k_snprintf(got, sizeof(got), cases[i].fmt, cases[i].v);
		g.cases++;
		if (strcmp(got, cases[i].want))
			mismatch(&g, "\"%s\" of %lu: want \"%s\", kernel \"%s\"",
				 cases[i].fmt, cases[i].v, cases[i].want, got);
	}
	report(&g);
}

static void test_strings_chars(void)
{
	static const char *const fmts[] = {
		"%s", "%10s", "%-10s", "%.3s", "%10.3s", "%-10.3s", "%.0s",
		"%.*s", "%*s", "%-*s", "%c", "%5c", "%-5c", "%%", "a%%b%%",
		"plain text", "", "%s|%s",
	};
	static const char *const strs[] = { "", "a", "hello", "hello, world!" };
	struct group g = { "snprintf: s c % and plain text as C does", 0, 0 };

	for (size_t f = 0; f < sizeof(fmts) / sizeof(fmts[0]); f++)
	for (size_t s = 0; s < sizeof(strs) / sizeof(strs[0]); s++)
	for (size_t size = 0; size < 20; size += 3) {
		char want[64], got[64];
		const char *fmt = fmts[f];
		int nw, ng;

		memset(want, '@', sizeof(want));
		memset(got, '@', sizeof(got));
		if (strstr(fmt, "*")) {
			nw = snprintf(want, size, fmt, 4, strs[s]);
			ng = k_snprintf(got, size, fmt, 4, strs[s]);
		} else if (strstr(fmt, "%c")) {
			nw = snprintf(want, size, fmt, 'x');
			ng = k_snprintf(got, size, fmt, 'x');
		} else {
			nw = snprintf(want, size, fmt, strs[s], strs[s]);
			ng = k_snprintf(got, size, fmt, strs[s], strs[s]);
		}
		g.cases++;
		if (nw != ng || memcmp(want, got, sizeof(want))) {
			want[sizeof(want) - 1] = got[sizeof(got) - 1] = '\0';
			mismatch(&g, "\"%s\" with \"%s\", size %zu: C gives %d \"%.30s\", kernel %d \"%.30s\"",
				 fmt, strs[s], size, nw, size ? want : "",
				 ng, size ? got : "");
		}
	}
	report(&g);
}

static void test_pointer(void)
{
	/* %p is the kernel's own: "0x" and 16 hex digits (vsprintf.c). */
	static const uintptr_t ptrs[] = { 0, 1, 0xb8000, 0xffffffff81000000ul, UINTPTR_MAX };
	struct group g = { "snprintf: %p is 0x and 16 hex digits", 0, 0 };

	for (size_t i = 0; i < sizeof(ptrs) / sizeof(ptrs[0]); i++) {
		char want[32], got[32];

		snprintf(want, sizeof(want), "0x%016lx", (unsigned long)ptrs[i]);
		k_snprintf(got, sizeof(got), "%p", (void *)ptrs[i]);
		g.cases++;
		if (strcmp(want, got))
			mismatch(&g, "%#lx: want \"%s\", kernel \"%s\"",
				 (unsigned long)ptrs[i], want, got);
	}
	report(&g);
}

static void test_strtoull(void)
{
	/*
	 * No leading blanks or signs and no overflow: simple_strtoull() does
	 * not take them (vsprintf.c), C's strtoull() does.
	 */
	static const char *const inputs[] = {
		"0", "1", "123", "0x1f", "0X1F", "0xdeadBEEF", "017", "089",
		"0", "00", "12abc", "abc", "ffff", "FFFF", "777", "8",
		"4294967296", "0xffffffffffffffff", "1z", "10 20",
	};
	static const unsigned int bases[] = { 0, 8, 10, 16 };
	struct group g = { "simple_strtoull: value and end as strtoull", 0, 0 };

	for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++)
	for (size_t b = 0; b < sizeof(bases) / sizeof(bases[0]); b++) {
		char *ew, *eg;
		unsigned long long w = strtoull(inputs[i], &ew, bases[b]);
		unsigned long long v = k_simple_strtoull(inputs[i], &eg, bases[b]);

		g.cases++;
		if (w != v || ew != eg)
			mismatch(&g, "\"%s\" base %u: C %llu (end +%td), kernel %llu (end +%td)",
				 inputs[i], bases[b], w, ew - inputs[i], v, eg - inputs[i]);
	}
	report(&g);
}

/* ---- string.c ---------------------------------------------------------- */

static unsigned int rnd_state = 12345;

static unsigned int rnd(void)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return rnd_state >> 8;
}

static void fill(unsigned char *p, size_t n, int alphabet)
{
	for (size_t i = 0; i < n; i++)
		p[i] = alphabet ? "ab\x80z"[rnd() % 4] : (unsigned char)rnd();
}

static void test_memory(void)
{
	struct group g = { "memcpy memmove memset memcmp as C does", 0, 0 };
	unsigned char a[300], b[300], w[300], k[300];

	for (int iter = 0; iter < 4000; iter++) {
		size_t n = rnd() % 100, off = rnd() % 100, off2 = rnd() % 100;
		int c = (int)(rnd() % 512) - 256;

		fill(a, sizeof(a), 0);
		memcpy(w, a, sizeof(a));
		memcpy(k, a, sizeof(a));
		memcpy(w + off, a + off2, n);
		if (k_memcpy(k + off, a + off2, n) != k + off || memcmp(w, k, sizeof(w)))
			mismatch(&g, "memcpy n=%zu", n);

		memcpy(w, a, sizeof(a));
		memcpy(k, a, sizeof(a));
		memmove(w + off, w + off2, n);
		if (k_memmove(k + off, k + off2, n) != k + off || memcmp(w, k, sizeof(w)))
			mismatch(&g, "memmove n=%zu from +%zu to +%zu", n, off2, off);

		memcpy(w, a, sizeof(a));
		memcpy(k, a, sizeof(a));
		memset(w + off, c, n);
		if (k_memset(k + off, c, n) != k + off || memcmp(w, k, sizeof(w)))
			mismatch(&g, "memset c=%d n=%zu", c, n);

		fill(a, 120, 1);
		memcpy(b, a, 120);
		if (n && rnd() % 2)
			b[rnd() % n] ^= (unsigned char)(1 + rnd() % 255);
		if (sign(memcmp(a, b, n)) != sign(k_memcmp(a, b, n)))
			mismatch(&g, "memcmp n=%zu: C %d, kernel %d", n,
				 memcmp(a, b, n), k_memcmp(a, b, n));
		g.cases += 4;
	}
	report(&g);
}

static void test_strings(void)
{
	struct group g = { "strlen strnlen strcmp strncmp strchr strlcpy as C does", 0, 0 };
	char a[80], b[80], dst[80], ref[80];

	for (int iter = 0; iter < 4000; iter++) {
		size_t la = rnd() % 40, lb = rnd() % 40, n = rnd() % 50, size = rnd() % 50;
		int c = "ab\x80z\0"[rnd() % 5];
		char *cw, *ck;
		size_t want;

		fill((unsigned char *)a, la, 1);
		a[la] = '\0';
		if (rnd() % 2) {
			memcpy(b, a, la + 1);
			if (lb < la)
				b[lb] = "ab\x80z"[rnd() % 4];
		} else {
			fill((unsigned char *)b, lb, 1);
			b[lb] = '\0';
		}
		g.cases += 6;
		if (strlen(a) != k_strlen(a))
			mismatch(&g, "strlen(\"%s\")", a);
		if (strnlen(a, n) != k_strnlen(a, n))
			mismatch(&g, "strnlen(\"%s\", %zu)", a, n);
		if (sign(strcmp(a, b)) != sign(k_strcmp(a, b)))
			mismatch(&g, "strcmp(\"%s\", \"%s\")", a, b);
		if (sign(strncmp(a, b, n)) != sign(k_strncmp(a, b, n)))
			mismatch(&g, "strncmp(\"%s\", \"%s\", %zu)", a, b, n);
		cw = strchr(a, c);
		ck = k_strchr(a, c);
		if (cw != ck)
			mismatch(&g, "strchr(\"%s\", %d)", a, c);
		/* strlcpy: BSD semantics (glibc 2.36 has none to compare) */
		memset(dst, '@', sizeof(dst));
		memset(ref, '@', sizeof(ref));
		if (size) {
			want = la < size ? la : size - 1;
			memcpy(ref, a, want);
			ref[want] = '\0';
		}
		if (k_strlcpy(dst, a, size) != la || memcmp(dst, ref, sizeof(dst)))
			mismatch(&g, "strlcpy(\"%s\", %zu)", a, size);
	}
	report(&g);
}

/* ---- cmdline.c --------------------------------------------------------- */

static void expect_param(struct group *g, const char *line, const char *name,
			 const char *want)
{
	const char *got = k_cmdline_get(name);
	int has = k_cmdline_has(name);

	g->cases++;
	if ((want == NULL) != (got == NULL) || (want && strcmp(want, got)) ||
	    has != (want != NULL))
		mismatch(g, "in [%s]: %s should be %s%s%s, is %s%s%s (has %d)",
			 line, name, want ? "\"" : "", want ? want : "absent",
			 want ? "\"" : "", got ? "\"" : "", got ? got : "absent",
			 got ? "\"" : "", has);
}

static void test_cmdline(void)
{
	struct group g = { "cmdline: parameters, flags, quotes, last wins, limits", 0, 0 };
	static char longline[1500], many[1024];
	const char *line;
	int calls;

	line = "";
	k_cmdline_init(line);
	expect_param(&g, line, "console", NULL);
	g.cases++;
	if (strcmp(k_cmdline_raw(), ""))
		mismatch(&g, "raw of an empty line is \"%s\"", k_cmdline_raw());

	k_cmdline_init(NULL);
	expect_param(&g, "(null)", "console", NULL);

	line = "console=ttyS0 quiet  selftest=fault loglevel=4 loglevel=7";
	k_cmdline_init(line);
	expect_param(&g, line, "console", "ttyS0");
	expect_param(&g, line, "quiet", "");
	expect_param(&g, line, "selftest", "fault");
	expect_param(&g, line, "loglevel", "7");
	expect_param(&g, line, "loglevel=7", NULL);
	expect_param(&g, line, "cons", NULL);
	expect_param(&g, line, "", NULL);
	g.cases++;
	if (strcmp(k_cmdline_raw(), line))
		mismatch(&g, "raw is \"%s\"", k_cmdline_raw());

	line = "\tname=\"a b  c\" empty= k=a=b\nlast=\"unterminated";
	k_cmdline_init(line);
	expect_param(&g, line, "name", "a b  c");
	expect_param(&g, line, "empty", "");
	expect_param(&g, line, "k", "a=b");
	expect_param(&g, line, "last", "unterminated");

	/* More than the 64 parameters it keeps: a warning, the first 64. */
	many[0] = '\0';
	for (int i = 0; i < 70; i++)
		snprintf(many + strlen(many), sizeof(many) - strlen(many), "p%d=%d ", i, i);
	calls = printk_calls;
	k_cmdline_init(many);
	expect_param(&g, "70 parameters", "p0", "0");
	expect_param(&g, "70 parameters", "p63", "63");
	expect_param(&g, "70 parameters", "p64", NULL);
	g.cases++;
	if (printk_calls != calls + 1 || !strstr(printk_last, "p64"))
		mismatch(&g, "70 parameters: want one warning naming p64, got %d: %s",
			 printk_calls - calls, printk_last);

	/* Longer than its 1023-byte buffer: a warning, the first 1023. */
	memset(longline, 'x', sizeof(longline) - 1);
	memcpy(longline, "a=1 ", 4);
	calls = printk_calls;
	k_cmdline_init(longline);
	expect_param(&g, "1499 bytes", "a", "1");
	g.cases += 2;
	if (strlen(k_cmdline_raw()) != 1023)
		mismatch(&g, "1499 bytes: raw keeps %zu", strlen(k_cmdline_raw()));
	if (printk_calls != calls + 1)
		mismatch(&g, "1499 bytes: want one warning, got %d", printk_calls - calls);

	/* Parsing again starts afresh. */
	k_cmdline_init("x=1");
	expect_param(&g, "x=1 after others", "a", NULL);
	expect_param(&g, "x=1 after others", "x", "1");
	report(&g);
}

/* Every test, by the name -t takes, with the results it prints. */
static const struct tap_test tests[] = {
	{ "integers",		test_integers,		1 },
	{ "alt_prefix",		test_alt_prefix,	1 },
	{ "strings_chars",	test_strings_chars,	1 },
	{ "pointer",		test_pointer,		1 },
	{ "strtoull",		test_strtoull,		1 },
	{ "memory",		test_memory,		1 },
	{ "strings",		test_strings,		1 },
	{ "cmdline",		test_cmdline,		1 },
};
TAP_MAIN(tests, "lib")
