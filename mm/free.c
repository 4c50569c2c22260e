// SPDX-License-Identifier: GPL-2.0
/*
 * Giving boot-time memory back to the page allocator: the boot modules
 * once consumed (the pvlink image) and the kernel's init-only sections.
 * The allocator poisons every page it takes back; the runs of pages freed
 * here are recorded for the freed-memory self-test
 * (kernel/selftest/freed.c).
 */
#include <linux/bootinfo.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/string.h>

static struct freed_range freed[FREED_RANGES_MAX];
static unsigned int nr_freed, nr_dropped;
static bool init_freed;

const struct freed_range *freed_range(unsigned int i)
{
	return i < nr_freed ? &freed[i] : NULL;
}

unsigned int freed_ranges_dropped(void)
{
	return nr_dropped;
}

bool init_memory_freed(void)
{
	return init_freed;
}

/* Record that page @pfn was freed: it extends the last run or starts one. */
static void record_page(const char *what, unsigned long pfn)
{
	struct freed_range *r = nr_freed ? &freed[nr_freed - 1] : NULL;

	if (r && !strncmp(r->what, what, sizeof(r->what) - 1) &&
	    r->start + PFN_PHYS(r->pages) == PFN_PHYS(pfn)) {
		r->pages++;
		return;
	}
	if (nr_freed == FREED_RANGES_MAX) {
		nr_dropped++;
		return;
	}
	r = &freed[nr_freed++];
	strlcpy(r->what, what, sizeof(r->what));
	r->start = PFN_PHYS(pfn);
	r->pages = 1;
}

unsigned long free_boot_range(phys_addr_t start, u64 size, const char *what)
{
	unsigned long n = 0;

	if (start + size < start) {
		pr_err("mm: free_boot_range(%s): [%#lx +%#lx] wraps around, nothing freed\n",
		       what, (unsigned long)start, (unsigned long)size);
		return 0;
	}
	/* Page by page: the allocator skips what it must keep, we record the rest. */
	for (unsigned long pfn = PFN_UP(start); pfn < PFN_DOWN(start + size); pfn++)
		if (free_pages_range(PFN_PHYS(pfn), PAGE_SIZE)) {
			record_page(what, pfn);
			n++;
		}
	pr_info("mm: freed %lu KiB of %s [%#lx-%#lx], poisoned\n", n * (PAGE_SIZE / 1024),
		what, (unsigned long)start, (unsigned long)(start + size - 1));
	return n;
}

static unsigned long free_init_part(const char *what, const char *begin, const char *end)
{
	unsigned long n = 0;

	for (const char *p = begin; p < end; p += PAGE_SIZE) {
		unsigned long pfn = PFN_DOWN(virt_to_phys(p));

		if (page_is_free(pfn) || !page_is_ram(pfn)) {
			pr_err("mm: %s page %#lx is %s: not freed\n", what, (unsigned long)p,
			       page_is_free(pfn) ? "free already" : "not RAM");
			continue;
		}
		free_page(PFN_PHYS(pfn));	/* poisons it */
		record_page(what, pfn);
		n++;
	}
	return n;
}

unsigned long free_init_memory(void)
{
	unsigned long text_pages = (_einittext - _sinittext) / PAGE_SIZE;
	unsigned long n;

	if (init_freed)
		return 0;
	/*
	 * Init text is read-only and executable: make it writable, to be
	 * poisoned and reused, and NX first, so that a call into it from now
	 * on faults at once instead of running whatever the page holds next.
	 * Under Xen PV too: the backend's set_pte changes Xen's mapping.
	 */
	if (text_pages &&
	    (set_memory_nx((unsigned long)_sinittext, text_pages) ||
	     set_memory_rw((unsigned long)_sinittext, text_pages))) {
		pr_err("mm: init text [%#lx-%#lx] could not be made writable and NX: kept, not freed\n",
		       (unsigned long)_sinittext, (unsigned long)_einittext - 1);
		text_pages = 0;
	}
	init_freed = true;
	n = free_init_part("init text", _sinittext, _sinittext + text_pages * PAGE_SIZE);
	n += free_init_part("init data", __init_data_begin, __init_data_end);
	pr_info("mm: freed %lu KiB of init memory (%lu KiB text, %lu KiB data), poisoned\n",
		n * (PAGE_SIZE / 1024), text_pages * (PAGE_SIZE / 1024),
		(unsigned long)(__init_data_end - __init_data_begin) / 1024);
	return n;
}
