// SPDX-License-Identifier: GPL-2.0
/*
 * Print the memory map the entry path found, and check it: ranges sorted
 * or not, RAM ranges must not overlap each other, and the kernel image
 * must lie in RAM.
 */
#include <linux/kernel.h>
#include <linux/mm.h>

static const char *mem_type_name(u32 type)
{
	return type == BOOT_MEM_RAM ? "usable" : "reserved";
}

int memmap_print(const struct boot_info *bi)
{
	u64 kstart = (uintptr_t)_text, kend = (uintptr_t)_end;
	bool kernel_in_ram = false;
	int problems = 0;
	u64 total = 0;

	if (!bi->nr_mem) {
		pr_err("memmap: the entry path found no memory map\n");
		return 1;
	}
	for (unsigned int i = 0; i < bi->nr_mem; i++) {
		const struct boot_mem_range *r = &bi->mem[i];

		pr_info("memmap: [mem %#018lx-%#018lx] %s\n", r->start,
			r->start + r->size - 1, mem_type_name(r->type));
		if (r->type != BOOT_MEM_RAM)
			continue;
		total += r->size;
		if (r->start <= kstart && kend <= r->start + r->size)
			kernel_in_ram = true;
		for (unsigned int j = 0; j < i; j++) {
			const struct boot_mem_range *o = &bi->mem[j];

			if (o->type == BOOT_MEM_RAM && r->start < o->start + o->size &&
			    o->start < r->start + r->size) {
				pr_err("memmap: RAM ranges %u and %u overlap\n", j, i);
				problems++;
			}
		}
	}
	pr_info("memmap: %lu MiB of RAM in %u ranges\n", total >> 20, bi->nr_mem);
	if (!kernel_in_ram) {
		pr_err("memmap: the kernel image [%#lx-%#lx] is not inside one RAM range\n",
		       kstart, kend - 1);
		problems++;
	}
	return problems;
}
