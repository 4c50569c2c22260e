// SPDX-License-Identifier: GPL-2.0
/*
 * Boot modules: the bootloader's files (the pvlink image).  They are
 * reserved like an initrd (mm/page_alloc.c keeps them out of the free
 * pages) and reported in a fixed format the test harness compares with
 * the file it passed:
 *
 *	module: <i> addr=0x<hex> size=<decimal> head=<hex> tail=<hex>
 *	module: none
 *
 * head and tail are the first and last bytes (up to 16 each): reading
 * the last one proves the whole length is mapped, and the harness
 * compares both with the file.  They are kept (boot_module_ends[]) for
 * the bootmod self-test to compare with what the module holds later.
 */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/string.h>

struct boot_module_ends boot_module_ends[BOOT_MOD_MAX];

static void hex(char *out, const u8 *p, unsigned int n)
{
	for (unsigned int j = 0; j < n; j++)
		snprintf(out + 2 * j, 3, "%02x", p[j]);
	out[2 * n] = '\0';
}

void report_boot_modules(const struct boot_info *bi)
{
	if (!bi->nr_mod) {
		printk(KERN_INFO "module: none\n");
		return;
	}
	for (unsigned int i = 0; i < bi->nr_mod; i++) {
		const struct boot_module *m = &bi->mod[i];
		struct boot_module_ends *e = &boot_module_ends[i];
		const u8 *p = m->virt;
		unsigned int n = m->size < BOOT_MODULE_END_BYTES ? m->size : BOOT_MODULE_END_BYTES;
		char head[2 * BOOT_MODULE_END_BYTES + 1], tail[2 * BOOT_MODULE_END_BYTES + 1];

		e->n = n;
		memcpy(e->head, p, n);
		memcpy(e->tail, p + m->size - n, n);
		hex(head, e->head, n);
		hex(tail, e->tail, n);
		printk(KERN_INFO "module: %u addr=0x%lx size=%lu head=%s tail=%s\n",
		       i, m->start, m->size, head, tail);
		if (m->cmdline && *m->cmdline)
			printk(KERN_INFO "module %u command line: %s\n", i, m->cmdline);
	}
}
