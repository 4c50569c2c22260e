// SPDX-License-Identifier: GPL-2.0
/*
 * The test backend's probe (PVLINK_BACKEND_PROBE()): the platform is its
 * own unless the command line has the word "pvlink.test_probe_refuse",
 * so that a boot test can show a stack passed over by its probe and the
 * next candidate linked instead.  It only reads the command line.
 */
#include <linux/bootinfo.h>
#include <linux/pvlink_backend.h>

#include "test.h"

#define TEST_PROBE_WORD		"pvlink.test_probe_refuse"

PVLINK_BACKEND_PROBE(test)
{
	if (test_has_word(bi->cmdline, TEST_PROBE_WORD))
		return "the command line asks it to refuse (" TEST_PROBE_WORD ")";
	return NULL;
}
