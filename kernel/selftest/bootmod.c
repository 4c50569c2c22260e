// SPDX-License-Identifier: GPL-2.0
/*
 * The boot modules are where boot_info says, readable, and reserved -
 * except the pvlink image once the boot-time link consumed it: then
 * every whole page of it is back in the free pool.
 */
#include <linux/bootinfo.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/pvlink.h>
#include <linux/selftest.h>
#include <linux/string.h>

static void check_freed(unsigned int i, const struct boot_module *m)
{
	unsigned long first = PFN_UP(m->start), end = PFN_DOWN(m->start + m->size);
	unsigned long nfree = 0;

	report(pvlink_boot_state.image_freed && pvlink_boot_state.image_mod == (int)i,
	       "is the pvlink image, consumed by the boot-time link");
	for (unsigned long pfn = first; pfn < end; pfn++)
		if (page_is_free(pfn))
			nfree++;
	report(nfree == end - first, "its %lu whole pages are free (%lu are)",
	       end - first, nfree);
}

static void check_reserved(unsigned int i, const struct boot_module *m)
{
	const struct boot_module_ends *e = &boot_module_ends[i];
	const u8 *p = m->virt;
	bool reserved = true;

	for (unsigned long pfn = PFN_DOWN(m->start); pfn < PFN_UP(m->start + m->size); pfn++)
		if (page_is_free(pfn))
			reserved = false;
	report(reserved, "every page is reserved, not free");
	/*
	 * The harness compared the ends the entry read with the file; the
	 * module still holds them: mapped to its last byte, and not
	 * overwritten while reserved.
	 */
	if (m->size)
		report(e->n && !memcmp(p, e->head, e->n) && !memcmp(p + m->size - e->n, e->tail, e->n),
		       "its first and last %u bytes are still those the loader gave", e->n);
}

static void bootmod_suite(void)
{
	if (!boot_info.nr_mod) {
		report_skip("a boot module to check", "no boot module was passed (module: none)");
		return;
	}
	for (unsigned int i = 0; i < boot_info.nr_mod; i++) {
		const struct boot_module *m = &boot_info.mod[i];
		char prefix[16];

		snprintf(prefix, sizeof(prefix), "module %u", i);
		report_prefix_push(prefix);
		report(m->size > 0, "has a size (%lu bytes)", (unsigned long)m->size);
		report(m->virt != NULL, "is mapped");
		report(m->start + m->size > m->start, "does not wrap");
		report(m->start >= (uintptr_t)_end || m->start + m->size <= (uintptr_t)_text,
		       "does not overlap the kernel image");
		if (m->freed)
			check_freed(i, m);
		else
			check_reserved(i, m);
		report_prefix_pop();
	}
}
SELFTEST_SUITE(bootmod, "bootmod", bootmod_suite, 0);
