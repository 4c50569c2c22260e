// SPDX-License-Identifier: GPL-2.0
/*
 * The memory map the entry path delivered is sane.
 */
#include <linux/bootinfo.h>
#include <linux/mm.h>
#include <linux/selftest.h>

#define MIN_RAM		(16ULL << 20)	/* every environment gives at least this */

static bool covered_by_ram(u64 start, u64 end)
{
	for (unsigned int i = 0; i < boot_info.nr_mem; i++) {
		const struct boot_mem_range *r = &boot_info.mem[i];

		if (r->type == BOOT_MEM_RAM && r->start <= start && end <= r->start + r->size)
			return true;
	}
	return false;
}

static void memmap_suite(void)
{
	u64 ram = 0;
	unsigned int bad_size = 0, overlaps = 0, bad_type = 0;

	if (!report(boot_info.nr_mem > 0, "the entry found a memory map (%u ranges)",
		    boot_info.nr_mem))
		return;
	for (unsigned int i = 0; i < boot_info.nr_mem; i++) {
		const struct boot_mem_range *r = &boot_info.mem[i];

		if (!r->size || r->start + r->size < r->start)
			bad_size++;
		if (r->type != BOOT_MEM_RAM && r->type != BOOT_MEM_RESERVED)
			bad_type++;
		if (r->type != BOOT_MEM_RAM)
			continue;
		ram += r->size;
		for (unsigned int j = 0; j < i; j++) {
			const struct boot_mem_range *o = &boot_info.mem[j];

			if (o->type == BOOT_MEM_RAM && r->start < o->start + o->size &&
			    o->start < r->start + r->size)
				overlaps++;
		}
	}
	report(bad_size == 0, "every range has a size and does not wrap");
	report(bad_type == 0, "every range has a known type");
	report(overlaps == 0, "RAM ranges do not overlap");
	report(ram >= MIN_RAM, "at least 16 MiB of RAM (%lu MiB)", (unsigned long)(ram >> 20));
	report(covered_by_ram((uintptr_t)_text, (uintptr_t)_end),
	       "the kernel image lies in RAM");
	for (unsigned int i = 0; i < boot_info.nr_mod; i++)
		report(covered_by_ram(boot_info.mod[i].start,
				      boot_info.mod[i].start + boot_info.mod[i].size),
		       "module %u lies in RAM", i);
	report(nr_ram_pages() > 0 && nr_ram_pages() <= ram / PAGE_SIZE,
	       "the allocator's RAM pages (%lu) agree with the map",
	       nr_ram_pages());
}
SELFTEST_SUITE(memmap, "memmap", memmap_suite, 0);
