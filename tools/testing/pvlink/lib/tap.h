/* SPDX-License-Identifier: GPL-2.0 */
/*
 * TAP for the pvlink host test programs, in the manner of the kernel's
 * kselftest.h: the plan comes first, every check is one numbered result,
 * and the exit status says how the run went, so that the suite running
 * the program (lib/tap.sh, tap_prog) can tell a crash, a missing result
 * or a wrong count from a pass:
 *
 *	tap_plan(3);
 *	tap_check(x == 1, "x is one");
 *	tap_skip("no clang", "the clang build");
 *	tap_check(y, "y: %d", y);
 *	return tap_finish();	// exit status, checking the count
 *
 * tap_prefix, when set, starts every description ("unit (gcc-O2): ...").
 * Include it in the one file of a program that prints results.
 *
 * A program made of named tests takes "-t NAME" (run only that test; the
 * plan is its count) and "--list" (print the names), as every host test
 * program does, through the one parser below:
 *
 *	static const struct tap_test tests[] = {
 *		{ "nops", test_nops, 5 },	// name, function, its results
 *		...
 *	};
 *	int main(int argc, char **argv)
 *	{
 *		struct tap_args a;
 *		int rc = tap_parse_args(argc, argv, tests, N, 1, 1, "LABEL", &a);
 *
 *		if (rc >= 0)
 *			return rc;		// --list, or a usage error
 *		...				// a.argv[0 .. a.argc): LABEL
 *		return tap_run_tests(tests, N, &a, a.argv[0]);
 *	}
 */
#ifndef PVLINK_TAP_H
#define PVLINK_TAP_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Exit statuses, as kselftest's KSFT_PASS, KSFT_FAIL and KSFT_SKIP. */
#define TAP_EXIT_PASS	0
#define TAP_EXIT_FAIL	1
#define TAP_EXIT_ERROR	2	/* the test itself is broken: usage, input */
#define TAP_EXIT_SKIP	4

static struct {
	const char *prefix;
	unsigned int planned, count, failed;
	bool have_plan;
} tap_state __attribute__((unused));

#define tap_prefix tap_state.prefix

static inline void tap_plan(unsigned int n)
{
	tap_state.planned = n;
	tap_state.have_plan = true;
	printf("1..%u\n", n);
	fflush(stdout);
}

static inline void __attribute__((format(printf, 3, 0)))
tap_vline(bool ok, const char *directive, const char *fmt, va_list ap)
{
	tap_state.count++;
	if (!ok)
		tap_state.failed++;
	printf("%s %u - ", ok ? "ok" : "not ok", tap_state.count);
	if (tap_state.prefix)
		printf("%s: ", tap_state.prefix);
	vprintf(fmt, ap);
	if (directive)
		printf(" # %s", directive);
	putchar('\n');
	/* A crash must not eat the results before it. */
	fflush(stdout);
}

/* One result; returns @ok. */
static inline bool __attribute__((format(printf, 2, 3)))
tap_check(bool ok, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_vline(ok, NULL, fmt, ap);
	va_end(ap);
	return ok;
}

/* A result that was not run, and why (@why may not hold a '#'). */
static inline void __attribute__((format(printf, 2, 3)))
tap_skip(const char *why, const char *fmt, ...)
{
	char directive[256];
	va_list ap;

	snprintf(directive, sizeof(directive), "SKIP %s", why);
	va_start(ap, fmt);
	tap_vline(true, directive, fmt, ap);
	va_end(ap);
}

/* A result that could not be judged: the test or its input is broken. */
static inline void __attribute__((format(printf, 2, 3)))
tap_error(const char *why, const char *fmt, ...)
{
	char directive[256];
	va_list ap;

	snprintf(directive, sizeof(directive), "ERROR %s", why);
	va_start(ap, fmt);
	tap_vline(false, directive, fmt, ap);
	va_end(ap);
}

static inline void __attribute__((format(printf, 1, 2)))
tap_diag(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

/* The program cannot go on: no more results, and an error status. */
static inline void __attribute__((noreturn, format(printf, 1, 2)))
tap_bail(const char *fmt, ...)
{
	va_list ap;

	fputs("Bail out! ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	exit(TAP_EXIT_ERROR);
}

/*
 * The exit status: FAIL if a result failed (checks that depend on it may
 * not have run), else ERROR if the count is not the plan (a check was lost
 * or added without its plan), else PASS.
 */
static inline int tap_finish(void)
{
	bool counted = tap_state.have_plan && tap_state.count == tap_state.planned;

	if (!counted)
		tap_diag("planned %u results, printed %u", tap_state.planned,
			 tap_state.count);
	if (tap_state.failed)
		return TAP_EXIT_FAIL;
	return counted ? TAP_EXIT_PASS : TAP_EXIT_ERROR;
}

/*
 * A program's tests, by the name -t takes, with the number of results
 * each prints: the plan is the sum of those run, so a check lost or added
 * without its count makes tap_finish() fail the run.
 */
struct tap_test {
	const char *name;
	void (*run)(void);
	unsigned int results;
};

/* What "[-t NAME] ARG..." selected. */
struct tap_args {
	const char *only;	/* -t NAME, or NULL for every test */
	bool list;		/* --list, for a program without a table */
	int argc;		/* the ARGs */
	char **argv;
};

/*
 * Read "[-t NAME] ARG..." (@min to @max ARGs, @max < 0: no limit) or
 * "--list [ARG...]" for a program whose tests are @tests[0 .. @n); @usage
 * names its ARGs.  Returns -1 to go on (@a filled), or the status main()
 * returns: --list printed the names (the ARGs do not matter), or a usage
 * error or a name that is not a test was reported.  A program whose tests
 * come from its input passes no table: --list then reads the ARGs as
 * usual, sets @a->list and leaves the listing, and the check of -t's
 * name, to the program.  (lib/tap.sh's tap_prog --tests runs
 * "PROGRAM --list ARG..." to learn the names.)
 */
static inline int tap_parse_args(int argc, char **argv, const struct tap_test *tests,
				 unsigned int n, int min, int max, const char *usage,
				 struct tap_args *a)
{
	int arg = 1;

	memset(a, 0, sizeof(*a));
	if (argc > 1 && !strcmp(argv[1], "--list")) {
		if (tests) {
			for (unsigned int i = 0; i < n; i++)
				printf("%s\n", tests[i].name);
			return TAP_EXIT_PASS;
		}
		a->list = true;
		arg = 2;
	} else if (argc > 2 && !strcmp(argv[1], "-t")) {
		a->only = argv[2];
		arg = 3;
	}
	a->argc = argc - arg;
	a->argv = argv + arg;
	if (a->argc < min || (max >= 0 && a->argc > max) ||
	    (a->argc && !strcmp(a->argv[0], "-t"))) {
		fprintf(stderr, "usage: %s [-t NAME] %s\n"
			"       %s --list %s\n", argv[0], usage, argv[0], usage);
		return TAP_EXIT_ERROR;
	}
	for (unsigned int i = 0; a->only && tests && i < n; i++)
		if (!strcmp(a->only, tests[i].name))
			return -1;
	if (a->only && tests) {
		fprintf(stderr, "%s: no test named '%s' (--list names them)\n", argv[0],
			a->only);
		return TAP_EXIT_ERROR;
	}
	return -1;
}

/*
 * Plan and run the tests @a selects among @tests[0 .. @n) (a program may
 * run fewer than it lists: those its ARGs allow), each result named
 * "PREFIX: TEST: ..." (PREFIX may be NULL).  Returns tap_finish()'s
 * status, or ERROR if -t named a test these ARGs do not run.
 */
static inline int tap_run_tests(const struct tap_test *tests, unsigned int n,
				const struct tap_args *a, const char *prefix)
{
	static char name[256];
	unsigned int plan = 0;

	for (unsigned int i = 0; i < n; i++)
		if (!a->only || !strcmp(a->only, tests[i].name))
			plan += tests[i].results;
	if (a->only && !plan) {
		fprintf(stderr, "test '%s' does not run with these arguments\n", a->only);
		return TAP_EXIT_ERROR;
	}
	tap_plan(plan);
	for (unsigned int i = 0; i < n; i++) {
		if (a->only && strcmp(a->only, tests[i].name))
			continue;
		if (prefix)
			snprintf(name, sizeof(name), "%s: %s", prefix, tests[i].name);
		tap_prefix = prefix ? name : tests[i].name;
		tests[i].run();
	}
	return tap_finish();
}

/*
 * TAP_MAIN(tests, name): the main() of a program whose only argument is
 * the optional PREFIX of its results (default @name), with -t and --list:
 *
 *	static const struct tap_test tests[] = { ... };
 *	TAP_MAIN(tests, "ptwalk")
 */
#define TAP_MAIN(tests, name)						\
int main(int argc, char **argv)						\
{									\
	const unsigned int nr = sizeof(tests) / sizeof((tests)[0]);	\
	struct tap_args a;						\
	int rc = tap_parse_args(argc, argv, tests, nr, 0, 1, "[PREFIX]", &a); \
									\
	if (rc >= 0)							\
		return rc;						\
	return tap_run_tests(tests, nr, &a, a.argc ? a.argv[0] : (name)); \
}

#endif /* PVLINK_TAP_H */
