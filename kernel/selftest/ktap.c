// SPDX-License-Identifier: GPL-2.0
/*
 * The self-test runner and its report() API, printing KTAP version 1.
 *
 * A suite's plan ("1..M") comes before its results in KTAP, but M is
 * known only when the suite has run: results are kept in a buffer and
 * the suite's block is printed when it ends.  Messages the code under
 * test prints go straight to the console, so they precede the block.
 */
#include <linux/cmdline.h>
#include <linux/kernel.h>
#include <linux/selftest.h>
#include <linux/string.h>
#include <asm/pvops.h>
#include <asm/traps.h>

#define SUITE_BUF_SIZE		(16 * 1024)
#define PREFIX_MAX		128
#define INDENT			"    "

extern const struct selftest_suite __start_selftest_suites[], __stop_selftest_suites[];

static char suite_buf[SUITE_BUF_SIZE];
static size_t suite_len;
static bool suite_truncated;
static unsigned int suite_tests, suite_failed, suite_skipped;
static unsigned int total_passed, total_failed, total_skipped;
static char prefix[PREFIX_MAX];
static size_t prefix_len[8];
static unsigned int prefix_depth;

static void buf_vprintf(const char *fmt, va_list ap)
{
	size_t room = SUITE_BUF_SIZE - suite_len;
	int n = vsnprintf(suite_buf + suite_len, room, fmt, ap);

	if (n < 0)
		return;
	if ((size_t)n >= room) {
		suite_truncated = true;
		suite_len = SUITE_BUF_SIZE - 1;
		return;
	}
	suite_len += n;
}

static void __printf(1, 2) buf_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(fmt, ap);
	va_end(ap);
}

/* One result line; @directive is NULL or the SKIP reason. */
static void result_line(bool ok, const char *directive, const char *fmt, va_list ap)
{
	char name[256];

	vsnprintf(name, sizeof(name), fmt, ap);
	/* '#' would start a directive: keep names parseable. */
	for (char *p = name; *p; p++)
		if (*p == '#' || *p == '\n')
			*p = '_';
	suite_tests++;
	buf_printf(INDENT "%s %u %s%s", ok ? "ok" : "not ok", suite_tests, prefix, name);
	if (directive)
		buf_printf(" # SKIP %s", directive);
	buf_printf("\n");
}

bool report(bool pass, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	result_line(pass, NULL, fmt, ap);
	va_end(ap);
	if (pass)
		total_passed++;
	else {
		suite_failed++;
		total_failed++;
	}
	return pass;
}

void report_skip(const char *name, const char *fmt, ...)
{
	char reason[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	suite_tests++;
	suite_skipped++;
	total_skipped++;
	buf_printf(INDENT "ok %u %s%s # SKIP %s\n", suite_tests, prefix, name, reason);
}

void report_info(const char *fmt, ...)
{
	va_list ap;

	buf_printf(INDENT "# ");
	va_start(ap, fmt);
	buf_vprintf(fmt, ap);
	va_end(ap);
	buf_printf("\n");
}

void report_prefix_push(const char *p)
{
	size_t len = strlen(prefix);

	if (prefix_depth == ARRAY_SIZE(prefix_len)) {
		report_info("report_prefix_push(\"%s\"): nested too deep, ignored", p);
		return;
	}
	prefix_len[prefix_depth++] = len;
	snprintf(prefix + len, sizeof(prefix) - len, "%s: ", p);
}

void report_prefix_pop(void)
{
	if (!prefix_depth)
		return;
	prefix[prefix_len[--prefix_depth]] = '\0';
}

static bool name_in_list(const char *name, const char *list)
{
	size_t n = strlen(name);

	for (const char *p = list; *p;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (len == n && !strncmp(p, name, n))
			return true;
		if (!end)
			break;
		p = end + 1;
	}
	return false;
}

static bool selected(const struct selftest_suite *s, const char *which)
{
	bool all = !which || !*which || !strcmp(which, "all");

	if (name_in_list(s->name, which ? which : ""))
		return true;
	return all && !(s->flags & SELFTEST_EXPLICIT);
}

static void run_suite(const struct selftest_suite *s, unsigned int index)
{
	suite_len = 0;
	suite_buf[0] = '\0';
	suite_truncated = false;
	suite_tests = suite_failed = suite_skipped = 0;
	prefix[0] = '\0';
	prefix_depth = 0;

	if ((s->flags & SELFTEST_NEEDS_PVOPS) && !pvops_available()) {
		printk("ok %u %s # SKIP needs pv-ops and no pv-op implementation is installed (no pvlink backend linked yet)\n",
		       index, s->name);
		total_skipped++;
		return;
	}
	if ((s->flags & SELFTEST_NEEDS_TRAPS) && !trap_handling_ready()) {
		printk("ok %u %s # SKIP needs exception handling and no IDT or trap table is installed\n",
		       index, s->name);
		total_skipped++;
		return;
	}

	/*
	 * The suite's results are printed once it returns: a suite that
	 * hangs would otherwise leave no trace of which one it was.
	 */
	printk("# running %s\n", s->name);
	s->run();

	printk(INDENT "KTAP version 1\n" INDENT "# Subtest: %s\n" INDENT "1..%u\n",
	       s->name, suite_tests);
	/* Print in pieces: printk's line buffer is smaller than the suite's. */
	for (size_t off = 0; off < suite_len;) {
		const char *nl = strchr(suite_buf + off, '\n');
		size_t len = nl ? (size_t)(nl - (suite_buf + off)) + 1 : suite_len - off;

		printk("%.*s", (int)len, suite_buf + off);
		off += len;
	}
	if (suite_truncated)
		printk(INDENT "# results truncated: the suite printed more than %d bytes\n",
		       SUITE_BUF_SIZE);
	if (suite_failed)
		printk("not ok %u %s\n", index, s->name);
	else if (!suite_tests)
		printk("not ok %u %s # no test ran\n", index, s->name);
	else if (suite_skipped == suite_tests)
		printk("ok %u %s # SKIP every test skipped\n", index, s->name);
	else
		printk("ok %u %s\n", index, s->name);
	if (!suite_tests) {
		total_failed++;
	}
}

int selftests_run(const char *which)
{
	unsigned int n = 0, i = 0;

	if (which && (!strcmp(which, "off") || !strcmp(which, "none"))) {
		printk(KERN_INFO "selftests: not run (selftest=%s)\n", which);
		return 0;
	}
	/* The bounds of one linker section, compared as addresses. */
	for (const struct selftest_suite *s = __start_selftest_suites;
	     (uintptr_t)s < (uintptr_t)__stop_selftest_suites; s++)
		if (selected(s, which))
			n++;
	if (!n) {
		printk(KERN_ERR "selftests: no suite matches selftest=%s\n", which);
		return 1;
	}

	printk("KTAP version 1\n1..%u\n", n);
	/* The bounds of one linker section, compared as addresses. */
	for (const struct selftest_suite *s = __start_selftest_suites;
	     (uintptr_t)s < (uintptr_t)__stop_selftest_suites; s++)
		if (selected(s, which))
			run_suite(s, ++i);
	printk("selftests: %u passed, %u failed, %u skipped\n",
	       total_passed, total_failed, total_skipped);
	return total_failed;
}
