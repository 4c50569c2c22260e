// SPDX-License-Identifier: GPL-2.0
/*
 * Boot modules: the bootloader's files (the pvlink image).  They are
 * reserved like an initrd (mm/page_alloc.c keeps them out of the free
 * pages) and reported in a fixed format the test harness compares with
 * the file it passed:
 *
 *	module: <i> addr=0x<hex> size=<decimal> head=<hex of up to 16 bytes>
 *	module: none
 */
#include <linux/init.h>
#include <linux/kernel.h>

#define MODULE_HEAD_BYTES	16

void report_boot_modules(const struct boot_info *bi)
{
	if (!bi->nr_mod) {
		printk(KERN_INFO "module: none\n");
		return;
	}
	for (unsigned int i = 0; i < bi->nr_mod; i++) {
		const struct boot_module *m = &bi->mod[i];
		const u8 *p = m->virt;
		unsigned int n = m->size < MODULE_HEAD_BYTES ? m->size : MODULE_HEAD_BYTES;
		char head[2 * MODULE_HEAD_BYTES + 1];

		for (unsigned int j = 0; j < n; j++)
			snprintf(head + 2 * j, 3, "%02x", p[j]);
		head[2 * n] = '\0';
		printk(KERN_INFO "module: %u addr=0x%lx size=%lu head=%s\n",
		       i, m->start, m->size, head);
		if (m->cmdline && *m->cmdline)
			printk(KERN_INFO "module %u command line: %s\n", i, m->cmdline);
	}
}
