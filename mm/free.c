// SPDX-License-Identifier: GPL-2.0
/*
 * Giving boot-time memory back to the page allocator.
 */
#include <linux/kernel.h>
#include <linux/mm.h>

unsigned long free_boot_range(phys_addr_t start, u64 size, const char *what)
{
	unsigned long n = free_pages_range(start, size);

	pr_info("mm: freed %lu KiB of %s\n", n * (PAGE_SIZE / 1024), what);
	return n;
}

unsigned long free_init_memory(void)
{
	return 0;
}
