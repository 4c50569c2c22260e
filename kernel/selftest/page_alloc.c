// SPDX-License-Identifier: GPL-2.0
/*
 * The page allocator's bookkeeping: counts, page_is_free(), alignment,
 * reservations, and the poison it writes into every page freed.  Free
 * memory is mapped on every entry (under Xen PV the entry reserves what
 * Xen did not map), so the pages can be written.
 */
#include <linux/bootinfo.h>
#include <linux/mm.h>
#include <linux/selftest.h>

#define MANY	64

static bool range_reserved(u64 start, u64 size)
{
	for (unsigned long pfn = PFN_DOWN(start); pfn < PFN_UP(start + size); pfn++)
		if (page_is_free(pfn))
			return false;
	return true;
}

static void test_single(void)
{
	unsigned long free0 = nr_free_pages();
	phys_addr_t pa = alloc_page();

	report_prefix_push("order 0");
	if (!report(pa != 0, "alloc_page() returns a page")) {
		report_prefix_pop();
		return;
	}
	report((pa & (PAGE_SIZE - 1)) == 0, "page aligned");
	report(page_is_ram(PFN_DOWN(pa)), "the page is RAM");
	report(!page_is_free(PFN_DOWN(pa)), "page_is_free() is false after alloc");
	report(nr_free_pages() == free0 - 1, "free count drops by one");
	free_page(pa);
	report(page_is_free(PFN_DOWN(pa)), "page_is_free() is true after free");
	report(nr_free_pages() == free0, "free count is restored");
	free_page(pa);	/* double free: reported on the console, ignored */
	report(nr_free_pages() == free0, "a double free changes nothing");
	report_prefix_pop();
}

/* Every page given back is filled with PAGE_POISON_FREE (mm/poison.c). */
static void test_poison(void)
{
	phys_addr_t pa = alloc_page();
	u64 *p;

	if (!report(pa != 0, "poison: alloc_page() returns a page"))
		return;
	p = phys_to_virt(pa);
	for (unsigned long i = 0; i < PAGE_SIZE / sizeof(*p); i++)
		p[i] = i;
	report(!page_is_poisoned(pa), "poison: a page in use holds its data");
	free_page(pa);
	report(page_is_poisoned(pa), "poison: free_page() fills it with %#x", PAGE_POISON_FREE);
}

static void test_order(unsigned int order)
{
	unsigned long free0 = nr_free_pages(), n = 1UL << order;
	phys_addr_t pa = alloc_pages(order);
	bool all_taken = true;

	report_prefix_push("order 3");
	if (!report(pa != 0, "alloc_pages(3) returns a block")) {
		report_prefix_pop();
		return;
	}
	report((pa & (n * PAGE_SIZE - 1)) == 0, "naturally aligned (%#lx)", (unsigned long)pa);
	for (unsigned long i = 0; i < n; i++)
		if (page_is_free(PFN_DOWN(pa) + i))
			all_taken = false;
	report(all_taken, "all %lu pages are taken", n);
	report(nr_free_pages() == free0 - n, "free count drops by %lu", n);
	free_pages(pa, order);
	report(nr_free_pages() == free0, "free count is restored");
	report_prefix_pop();
}

static void test_many(void)
{
	static phys_addr_t pages[MANY];
	unsigned long free0 = nr_free_pages();
	bool distinct = true, got_all = true;

	for (int i = 0; i < MANY; i++) {
		pages[i] = alloc_page();
		if (!pages[i])
			got_all = false;
		for (int j = 0; j < i; j++)
			if (pages[j] == pages[i])
				distinct = false;
	}
	report(got_all, "%d single pages allocated", MANY);
	report(distinct, "no page handed out twice");
	report(nr_free_pages() == free0 - MANY, "free count drops by %d", MANY);
	for (int i = 0; i < MANY; i++)
		if (pages[i])
			free_page(pages[i]);
	report(nr_free_pages() == free0, "all freed: free count restored");
}

static void test_reserved(void)
{
	report(range_reserved(0, 0x100000), "low 1 MiB is not free");
	if (init_memory_freed()) {
		/* Init text and data went back at the end of boot (mm/free.c). */
		report(range_reserved((uintptr_t)_text, (uintptr_t)_sinittext - (uintptr_t)_text) &&
		       range_reserved((uintptr_t)_einittext,
				      (uintptr_t)__init_data_begin - (uintptr_t)_einittext) &&
		       range_reserved((uintptr_t)__init_data_end,
				      (uintptr_t)_end - (uintptr_t)__init_data_end),
		       "the kernel image, but for its freed init sections, is not free");
	} else {
		report(range_reserved((uintptr_t)_text, (uintptr_t)_end - (uintptr_t)_text),
		       "the kernel image is not free");
	}
	for (unsigned int i = 0; i < boot_info.nr_mod; i++)
		if (!boot_info.mod[i].freed)	/* consumed: selftest/bootmod.c */
			report(range_reserved(boot_info.mod[i].start, boot_info.mod[i].size),
			       "module %u is not free", i);
	for (unsigned int i = 0; i < boot_info.nr_rsv; i++)
		report(range_reserved(boot_info.rsv[i].start, boot_info.rsv[i].size),
		       "reserved range %u [%#lx +%#lx] is not free", i,
		       (unsigned long)boot_info.rsv[i].start,
		       (unsigned long)boot_info.rsv[i].size);
	report(nr_free_pages() > 0 && nr_free_pages() < nr_ram_pages(),
	       "0 < free pages (%lu) < RAM pages (%lu)", nr_free_pages(), nr_ram_pages());
}

static void test_impossible(void)
{
	unsigned long free0 = nr_free_pages();
	unsigned int order = 0;

	while ((1UL << order) <= free0)
		order++;
	report(alloc_pages(order) == 0, "an order-%u request (more than all free pages) fails",
	       order);
	report(nr_free_pages() == free0, "and changes nothing");
}

static void page_alloc_suite(void)
{
	test_reserved();
	test_single();
	test_poison();
	test_order(3);
	test_many();
	test_impossible();
}
SELFTEST_SUITE(page_alloc, "page_alloc", page_alloc_suite, 0);
