// SPDX-License-Identifier: GPL-2.0
/*
 * Page protections of the kernel image and of linked backends.
 */
#include <linux/kernel.h>
#include <linux/mm.h>

void mark_kernel_protections(void)
{
	pr_warn("mm: page protections are not applied: every page stays writable and executable\n");
}
