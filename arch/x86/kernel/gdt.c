// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's GDT, replacing the boot one (which lives in the entry
 * code's read-only data).  Same selectors (asm/segment.h).
 */
#include <linux/kernel.h>
#include <asm/desc.h>
#include <asm/pvops.h>
#include <asm/segment.h>

static u64 gdt_table[GDT_ENTRIES] __aligned(16) = {
	[GDT_ENTRY_KERNEL_CS] = GDT_KERNEL_CS_DESC,
	[GDT_ENTRY_KERNEL_DS] = GDT_KERNEL_DS_DESC,
	[GDT_ENTRY_KERNEL32_CS] = GDT_KERNEL32_CS_DESC,
};

void gdt_init(void)
{
	struct desc_ptr dtr = {
		.size = sizeof(gdt_table) - 1,
		.address = (uintptr_t)gdt_table,
	};

	pv_load_gdt(&dtr);
	/* Reload the cached descriptors: CS by a far return, then the data ones. */
	asm volatile("pushq %[cs]\n\t"
		     "leaq 1f(%%rip), %%rax\n\t"
		     "pushq %%rax\n\t"
		     "lretq\n"
		     "1:\n\t"
		     "movl %[ds], %%eax\n\t"
		     "movl %%eax, %%ds\n\t"
		     "movl %%eax, %%es\n\t"
		     "movl %%eax, %%ss\n\t"
		     : : [cs] "i"(__KERNEL_CS), [ds] "i"(__KERNEL_DS) : "rax", "memory");
}
