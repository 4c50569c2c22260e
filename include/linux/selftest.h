/* SPDX-License-Identifier: GPL-2.0 */
/*
 * In-kernel self-tests, kvm-unit-tests style, reported in KTAP version 1
 * (Linux Documentation/dev-tools/ktap.rst).
 *
 * A suite is one function registered with SELFTEST_SUITE(); inside it,
 * each check is one report():
 *
 *	static void my_suite(void)
 *	{
 *		report_prefix_push("alloc");
 *		report(pa != 0, "one page");
 *		if (!have_apic)
 *			report_skip("timer", "no local APIC");
 *		report_prefix_pop();
 *	}
 *	SELFTEST_SUITE(my, "my", my_suite, 0);
 *
 * Output: one top-level KTAP document, each suite an indented subtest
 *
 *	KTAP version 1
 *	1..2
 *	    KTAP version 1
 *	    # Subtest: my
 *	    1..1
 *	    ok 1 alloc: one page
 *	ok 1 my
 *	...
 *	selftests: <P> passed, <F> failed, <S> skipped
 *
 * then machine_exit(F ? 1 : 0).
 */
#ifndef _LINUX_SELFTEST_H
#define _LINUX_SELFTEST_H

#include <linux/compiler.h>
#include <linux/types.h>

/* The suite calls pv-ops: skipped, with the reason, when none is installed. */
#define SELFTEST_NEEDS_PVOPS	(1u << 0)
/* The suite raises exceptions: skipped when none would reach do_trap(). */
#define SELFTEST_NEEDS_TRAPS	(1u << 2)
/* Run only when named on the command line (selftest=fault). */
#define SELFTEST_EXPLICIT	(1u << 1)

struct selftest_suite {
	const char *name;
	void (*run)(void);
	unsigned int flags;
};

#define SELFTEST_SUITE(id, sname, fn, fl)					\
	static const struct selftest_suite __selftest_##id			\
	__used __section(".selftest_suites") __aligned(8) = {			\
		.name = sname, .run = fn, .flags = fl,				\
	}

/**
 * report() - record one test result
 * @pass: the condition that must hold
 * @fmt: the test's name (printf-style), after the current prefixes
 *
 * Return: @pass, so that a test can stop early when a step failed.
 */
bool report(bool pass, const char *fmt, ...) __printf(2, 3);

/**
 * report_skip() - record one test as skipped, with the reason
 * @name: the test that could not run (after the current prefixes)
 * @fmt: why (printf-style), as the KTAP "# SKIP" directive
 */
void report_skip(const char *name, const char *fmt, ...) __printf(2, 3);

/* A diagnostic line inside the current suite ("# ..."). */
void report_info(const char *fmt, ...) __printf(1, 2);

/* Prefix the names of the following results with "@prefix: ". */
void report_prefix_push(const char *prefix);
void report_prefix_pop(void);

/**
 * selftests_run() - run the suites the command line asks for
 * @which: "all" (or NULL or ""), "off", or a comma-separated list of
 *	   suite names; SELFTEST_EXPLICIT suites run only when named
 *
 * Return: the number of failed tests.
 */
int selftests_run(const char *which);

#endif /* _LINUX_SELFTEST_H */
