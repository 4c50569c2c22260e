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
