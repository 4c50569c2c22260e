// SPDX-License-Identifier: GPL-2.0
/*
 * Memory freed at the end of boot (mm/free.c): every run of pages
 * free_boot_range() and free_init_memory() recorded is in the free pool
 * and holds the poison pattern; the kernel's init sections are among
 * them; the regions the linked backend stack runs from are not free.
 *
 * Runs before the suites that allocate pages (kernel/selftest/Makefile):
 * the allocator poisons every page it takes back, so a page allocated
 * and freed in between would still pass, but one still held would not.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/pvlink.h>
#include <linux/selftest.h>

static void test_range(const struct freed_range *r)
{
	unsigned long end = r->start + PFN_PHYS(r->pages) - 1;
	char wrong[64] = "";

	for (unsigned long i = 0; i < r->pages && !wrong[0]; i++) {
		phys_addr_t pa = r->start + PFN_PHYS(i);

		if (!page_is_free(PFN_DOWN(pa)))
			snprintf(wrong, sizeof(wrong), ": page %#lx is not free",
				 (unsigned long)pa);
		else if (!page_is_poisoned(pa))
			snprintf(wrong, sizeof(wrong), ": page %#lx is not filled with the poison",
				 (unsigned long)pa);
	}
	report(!wrong[0], "%s [%#lx-%#lx]: %lu pages free and poisoned (%#x)%s", r->what,
	       (unsigned long)r->start, end, r->pages, PAGE_POISON_FREE, wrong);
}

/* Is every page of [begin, end) inside a recorded run? */
static bool recorded(const char *begin, const char *end)
{
	for (const char *p = begin; p < end; p += PAGE_SIZE) {
		phys_addr_t pa = virt_to_phys(p);
		bool found = false;
		const struct freed_range *r;

		for (unsigned int i = 0; (r = freed_range(i)); i++)
			if (pa >= r->start && pa < r->start + PFN_PHYS(r->pages))
				found = true;
		if (!found)
			return false;
	}
	return true;
}

static void test_init_sections(void)
{
	if (!init_memory_freed()) {
		report_skip("init sections", "free_init_memory() has not run in this boot");
		return;
	}
	if ((uintptr_t)_sinittext == (uintptr_t)_einittext)
		report_skip("init text", "empty: no init-y object has code");
	else
		report(recorded(_sinittext, _einittext), "init text [%#lx-%#lx] was freed",
		       (unsigned long)_sinittext, (unsigned long)_einittext - 1);
	if ((uintptr_t)__init_data_begin == (uintptr_t)__init_data_end)
		report_skip("init data", "empty: no init-y object has data");
	else
		report(recorded(__init_data_begin, __init_data_end), "init data [%#lx-%#lx] was freed",
		       (unsigned long)__init_data_begin, (unsigned long)__init_data_end - 1);
}

/* What the linked stack runs from must not have been given back. */
static void test_backend(void)
{
	const struct pvlink_boot_state *st = &pvlink_boot_state;

	report_prefix_push("backend");
	if (!st->linked) {
		report_skip("regions", "no backend stack was linked: %s", st->reason);
		report_prefix_pop();
		return;
	}
	for (unsigned int r = 0; r < PVLINK_NR_REGIONS; r++) {
		unsigned long first = PFN_DOWN(st->region[r].addr);
		unsigned long last = PFN_UP(st->region[r].addr + st->region[r].size);
		unsigned long freed = 0;

		/* percpu: the template was copied into every CPU's area and freed. */
		if (r == PVLINK_PERCPU || !st->region[r].size)
			continue;
		for (unsigned long pfn = first; pfn < last; pfn++)
			freed += page_is_free(pfn);
		report(!freed, "%s [%#lx +%#lx] of %s: no page is free (%lu are)", pvlink_region_name(r),
		       (unsigned long)st->region[r].addr, (unsigned long)st->region[r].size,
		       st->stack, freed);
	}
	report_prefix_pop();
}

static void freed_suite(void)
{
	const struct freed_range *r;
	unsigned int n = 0;

	for (; (r = freed_range(n)); n++)
		test_range(r);
	if (!n)
		report_skip("freed ranges", "nothing was freed at boot (no image consumed, no init memory)");
	report(!freed_ranges_dropped(), "every freed run was recorded (%u did not fit in %d)",
	       freed_ranges_dropped(), FREED_RANGES_MAX);
	test_init_sections();
	test_backend();
}
SELFTEST_SUITE(freed, "freed", freed_suite, 0);
