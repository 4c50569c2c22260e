// SPDX-License-Identifier: GPL-2.0
/*
 * Patching the kernel's pv-op call sites to the linked backend stack.
 *
 * First version: no site is rewritten.  Every call site keeps calling
 * the kernel's pv_<op>() entry, which dispatches through the pv-op table
 * the boot-time link fills with the linked stack's functions.
 */
#include <linux/kernel.h>
#include <linux/pvlink.h>
#include <asm/pvlink.h>

int arch_pvlink_patch_sites(const struct pvlink_ctx *ctx,
			    struct pvlink_patch_stats *st, char *msg, size_t len)
{
	(void)ctx;
	(void)msg;
	(void)len;
	st->sites = pvlink_sites.nr_sites;
	st->inlined = 0;
	st->direct = 0;
	st->table = pvlink_sites.nr_sites;
	return 0;
}
