// SPDX-License-Identifier: GPL-2.0
/*
 * The resident part of the boot-time link: what it did
 * (pvlink_boot_state), and pvlink_boot_finish(), which frees the image,
 * the percpu template and the kernel's init-only memory - the linker
 * with it - and prints the one summary line:
 *
 *	pvlink: linked <stack> from <image> (<n> relocs, <m> sites: <i> inline, <d> direct) in <t> us, freed <k> KiB
 *	pvlink: linked ... freed <k> KiB; passed over: <why>; <why>
 *	pvlink: not linked: <reason>
 *	pvlink: not linked: all <n> candidate stacks were passed over: <why>; <why>
 */
#include <linux/bootinfo.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/pvlink.h>
#include <asm/pvops.h>

#include "pvlink_boot.h"

struct pvlink_boot_state pvlink_boot_state = {
	.image_mod = -1,
};

phys_addr_t pvlink_percpu_pages;
unsigned int pvlink_percpu_order;
static u64 clock_cycles0, clock_ns0;

void pvlink_clock_start(void)
{
	clock_cycles0 = arch_pvlink_cycles();
	clock_ns0 = pv_sched_clock();
}

/*
 * The link was timed in cycles (arch_pvlink_cycles(): no pv-op clock
 * existed yet).  Their rate is measured here against pv_sched_clock()
 * over the rest of the boot, from the moment the pv-ops were installed:
 * a long interval, so the rate is good, and no busy-waiting for it.
 * The result is the wall time from reading the image to installing the
 * pv-ops (image checks, selection, plan, link, patching).
 */
static u64 link_time_us(const struct pvlink_boot_state *st)
{
	u64 dc = arch_pvlink_cycles() - clock_cycles0;
	u64 dns = pv_sched_clock() - clock_ns0;
	u64 prod;

	if (!dc || (s64)dns <= 0)
		return 0;
	if (__builtin_mul_overflow(st->link_cycles, dns, &prod))
		return st->link_cycles / dc * dns / 1000;
	return prod / dc / 1000;
}

void pvlink_boot_finish(void)
{
	struct pvlink_boot_state *st = &pvlink_boot_state;
	unsigned long pages = 0;

	if (IS_ENABLED(CONFIG_PVLINK) && st->linked)
		st->link_us = link_time_us(st);
	if (st->image_mod >= 0) {
		struct boot_module *m = &boot_info.mod[st->image_mod];

		/* The linked stack lives in pages of its own: none of it is needed. */
		pages += free_boot_range(m->start, m->size, "the pvlink image");
		m->freed = true;
		st->image_freed = true;
	}
	/* Every CPU's area has its copy now (setup_percpu(), smp_boot_cpus()). */
	if (pvlink_percpu_pages) {
		free_pages(pvlink_percpu_pages, pvlink_percpu_order);
		pages += 1ul << pvlink_percpu_order;
		pvlink_percpu_pages = 0;
	}
	pages += free_init_memory();
	st->freed_bytes = (u64)pages * PAGE_SIZE;

	if (!st->linked) {
		if (st->nr_passed > 1)
			printk(KERN_INFO "pvlink: not linked: all %u candidate stacks were passed over: %s\n",
			       st->nr_passed, st->passed);
		else
			printk(KERN_INFO "pvlink: not linked: %s\n", st->reason);
		return;
	}
	printk(KERN_INFO "pvlink: linked %s from %s (%lu relocs, %u sites: %u inline, %u direct) in %lu us, freed %lu KiB%s%s\n",
	       st->stack, st->image, (unsigned long)st->nr_relocs, st->patch.sites,
	       st->patch.inlined, st->patch.direct, (unsigned long)st->link_us,
	       (unsigned long)(st->freed_bytes / 1024),
	       st->nr_passed ? "; passed over: " : "", st->passed);
}
