// SPDX-License-Identifier: GPL-2.0
/*
 * The boot-time link: find the image, select the backend stack, link it,
 * patch the pv-op call sites, and free what is left.
 *
 * Not wired yet: the native entry installs the built-in native pv-ops.
 */
#include <linux/bootinfo.h>
#include <linux/kernel.h>
#include <linux/pvlink.h>

void pvlink_boot(struct boot_info *bi)
{
	(void)bi;
}

void pvlink_boot_finish(void)
{
}
