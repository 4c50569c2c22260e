// SPDX-License-Identifier: GPL-2.0
/*
 * The library the rest of the kernel leans on: snprintf, the string
 * functions and the command-line parser.
 */
#include <linux/cmdline.h>
#include <linux/kernel.h>
#include <linux/selftest.h>
#include <linux/string.h>

static void check_fmt(const char *want, const char *fmt, ...) __printf(2, 3);

static void check_fmt(const char *want, const char *fmt, ...)
{
	char buf[64];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	report(!strcmp(buf, want) && n == (int)strlen(want),
	       "snprintf \"%s\" gives \"%s\"", fmt, want);
}

/* Hidden from the compiler, which would warn about a literal NULL %s. */
static const char *volatile null_string;

static void test_printf(void)
{
	char small[5], buf[16];
	int n;

	report_prefix_push("printf");
	check_fmt("42 -7 0", "%d %i %u", 42, -7, 0u);
	check_fmt("ff 0xff 0XFF", "%x %#x %#X", 255u, 255u, 255u);
	check_fmt("00012|12   |   12", "%05d|%-5d|%5d", 12, 12, 12);
	check_fmt("-9223372036854775808", "%lld", (long long)(-9223372036854775807LL - 1));
	check_fmt("18446744073709551615", "%llu", ~0ULL);
	check_fmt("ffffffffffffffff", "%lx", ~0UL);
	check_fmt("0x00000000001000a0", "%p", (void *)0x1000a0);
	check_fmt("[ab] [  x] [x  ]", "[%.2s] [%3s] [%-3s]", "abc", "x", "x");
	check_fmt("c % 77 077", "%c %% %o %#o", 'c', 077u, 077u);
	check_fmt("  3|3  ", "%*d|%-*d", 3, 3, 3, 3);
	check_fmt("  007|007  |-07", "%5.3d|%-5.3d|%03d", 7, 7, -7);
	snprintf(buf, sizeof(buf), "%s", null_string);
	report(!strcmp(buf, "(null)"), "%%s of NULL prints (null)");
	n = snprintf(small, sizeof(small), "%s", "truncated");
	report(n == 9 && !strcmp(small, "trun"),
	       "snprintf truncates, terminates and returns the full length");
	report_prefix_pop();
}

static void test_string(void)
{
	char buf[16] = "abcdef";

	report_prefix_push("string");
	memmove(buf + 1, buf, 6);
	report(!memcmp(buf, "aabcdef", 7), "memmove forward overlap");
	memmove(buf, buf + 1, 6);
	report(!memcmp(buf, "abcdef", 6), "memmove backward overlap");
	report(strlcpy(buf, "0123456789abcdefXYZ", sizeof(buf)) == 19 &&
	       strlen(buf) == sizeof(buf) - 1, "strlcpy truncates and returns strlen(src)");
	/* Constant strings on purpose: this tests strcmp() itself. */
	/* cppcheck-suppress staticStringCompare */
	report(strcmp("a", "b") < 0 && strcmp("b", "a") > 0 && !strcmp("x", "x"), "strcmp orders");
	/* cppcheck-suppress staticStringCompare */
	report(!strncmp("abcX", "abcY", 3) && strncmp("abcX", "abcY", 4) < 0, "strncmp stops at n");
	report(strchr("hello", 'l') && *strchr("hello", 'l') == 'l' && !strchr("hello", 'z'),
	       "strchr");
	report(simple_strtoull("0x1F", NULL, 0) == 31 && simple_strtoull("017", NULL, 0) == 15 &&
	       simple_strtoull("99z", NULL, 10) == 99, "simple_strtoull with base 0, 10");
	report_prefix_pop();
}

static void test_cmdline(void)
{
	static char saved[1024];

	/* The parser keeps one command line: test on another, then restore. */
	strlcpy(saved, cmdline_raw(), sizeof(saved));
	cmdline_init("quiet a=1 path=\"x y\" empty= a=2  last");

	report_prefix_push("cmdline");
	report(cmdline_get("quiet") && !strcmp(cmdline_get("quiet"), ""), "a flag has the value \"\"");
	report(cmdline_get("a") && !strcmp(cmdline_get("a"), "2"), "the last occurrence wins");
	report(cmdline_get("path") && !strcmp(cmdline_get("path"), "x y"), "a quoted value keeps its space");
	report(cmdline_get("empty") && !strcmp(cmdline_get("empty"), ""), "param= gives \"\"");
	report(cmdline_has("last") && !cmdline_has("missing") && !cmdline_get("qui"),
	       "absent names are NULL, no prefix matches");
	report_prefix_pop();

	cmdline_init(saved);
}

static void lib_suite(void)
{
	test_printf();
	test_string();
	test_cmdline();
}
SELFTEST_SUITE(lib, "lib", lib_suite, 0);
