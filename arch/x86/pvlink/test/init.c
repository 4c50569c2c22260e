// SPDX-License-Identifier: GPL-2.0
/*
 * The test backend's init (PVLINK_BACKEND_INIT()): it leaves, for the
 * pvlink self-test to read by PVLINK_IMPORT(), how often the kernel
 * called it and which pv-op implementation was installed while it ran.
 * The hook's contract says the stack's own pv-ops are installed only
 * after every init returned: the name it saw must not be the stack's.
 *
 * With "pvlink.test_init_fail" on the command line it fails instead, as
 * an init that finds its platform unusable does: the boot test of that
 * case checks that the stack is refused, naming the backend and the
 * error, and that the kernel falls back.
 *
 * Its exit (PVLINK_BACKEND_EXIT()) undoes it: a stack refused after the
 * init succeeded (suite 21 forces one) must call it, once.
 */
#include <linux/bootinfo.h>
#include <linux/printk.h>
#include <linux/pvlink_backend.h>
#include <asm/pvops.h>

#include "test.h"

/* The error the failing case returns: Linux's EINVAL. */
#define TEST_INIT_EINVAL	22

/* Enough for "native" or "none"; a longer name is cut, never overrun. */
#define TEST_INIT_SAW_MAX	64

unsigned int test_init_calls;
char test_init_saw[TEST_INIT_SAW_MAX];

PVLINK_BACKEND_INIT(test)
{
	const char *name = pvops_name();
	unsigned int i;

	if (test_has_word(bi->cmdline, "pvlink.test_init_fail")) {
		printk(KERN_ERR "test: init fails, as pvlink.test_init_fail asks\n");
		return -TEST_INIT_EINVAL;
	}

	for (i = 0; i + 1 < sizeof(test_init_saw) && name[i]; i++)
		test_init_saw[i] = name[i];
	test_init_saw[i] = '\0';
	test_init_calls++;
	return 0;
}

PVLINK_BACKEND_EXIT(test)
{
	(void)bi;
	test_init_calls = 0;
	test_init_saw[0] = '\0';
	printk(KERN_INFO "test: exit undoes the init\n");
	return 0;
}
