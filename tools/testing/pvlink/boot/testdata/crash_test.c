// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture for 25-harness.sh: a host test program (lib/tap.h) that plans
 * four results, passes two and then crashes, as a test of a broken linker
 * would.  The suite that runs it must fail, naming it and its last result.
 */
#include <stddef.h>
#include "tap.h"

int main(void)
{
	volatile int *nowhere = NULL;

	tap_prefix = "crash";
	tap_plan(4);
	tap_check(1, "before the crash");
	tap_check(1, "just before the crash");
	*nowhere = 1;
	tap_check(1, "after the crash");
	tap_check(1, "the last");
	return tap_finish();
}
