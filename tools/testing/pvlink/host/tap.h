/* SPDX-License-Identifier: GPL-2.0 */
/*
 * TAP output for the host tests of kernel sources (suite 35): one
 * "ok - PREFIX: what" or "not ok - ..." line per check.  The test sets
 * prefix (suite 35 passes it as argv[1]) and exits non-zero if failures.
 */
#ifndef PVLINK_HOST_TAP_H
#define PVLINK_HOST_TAP_H

#include <stdarg.h>
#include <stdio.h>

static const char *prefix;
static int failures;

static void __attribute__((format(printf, 2, 3))) tap(int ok, const char *fmt, ...)
{
	va_list ap;

	printf("%s - %s: ", ok ? "ok" : "not ok", prefix);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!ok)
		failures++;
}

#endif /* PVLINK_HOST_TAP_H */
