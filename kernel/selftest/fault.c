// SPDX-License-Identifier: GPL-2.0
/*
 * selftest=fault: a wild pointer write with no fixup.  The exception
 * report must follow and the run must end as a failure - a test of the
 * exception path and of the harness, never part of "all".
 */
#include <linux/kernel.h>
#include <linux/selftest.h>

#define WILD_POINTER	0x00000bad0000b000UL	/* not mapped */

static void fault_suite(void)
{
	printk("# fault: writing to %#lx; an exception report and a failed run must follow\n",
	       WILD_POINTER);
	*(volatile u64 *)WILD_POINTER = 1;
	report(false, "the wild write did not fault");
}
SELFTEST_SUITE(fault, "fault", fault_suite, SELFTEST_EXPLICIT);

/*
 * selftest=stackoverflow: unbounded recursion.  It runs into the guard
 * page below the boot stack; the #PF cannot be delivered on the full
 * stack, so the CPU raises #DF, which runs on its own stack (IST) and
 * must be reported like any exception.
 */
/* Never reached; volatile so the compiler cannot see the recursion is unbounded. */
static volatile unsigned long recursion_limit = ~0UL;

static __noinline unsigned long recurse(unsigned long depth)
{
	volatile char pad[256];

	if (depth == recursion_limit)
		return 0;
	pad[0] = (char)depth;
	return recurse(depth + 1) + pad[0];
}

static void stackoverflow_suite(void)
{
	printk("# stackoverflow: recursing without end; a double fault report and a failed run must follow\n");
	report(recurse(0) == 0, "unbounded recursion returned");
}
SELFTEST_SUITE(stackoverflow, "stackoverflow", stackoverflow_suite,
	       SELFTEST_EXPLICIT | SELFTEST_NEEDS_PVOPS);
