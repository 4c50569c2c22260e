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
 */
#ifndef PVLINK_TAP_H
#define PVLINK_TAP_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

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

#endif /* PVLINK_TAP_H */
