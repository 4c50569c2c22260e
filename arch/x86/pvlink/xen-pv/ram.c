// SPDX-License-Identifier: GPL-2.0
/*
 * The domain's RAM above the bootstrap mapping.
 *
 * Xen maps a PV kernel's start-of-day region only (public/xen.h,
 * "Start-of-day memory layout": up to a 4 MiB boundary), and the PV entry
 * keeps the rest of the pseudo-physical space reserved "until mapped"
 * (arch/x86/xen/start_pv.c).  The init maps it here, 2 MiB at a time in
 * the direct map (virtual == pseudo-physical): a level-1 table filled
 * while it is still ordinary memory, then mapped read-only, pinned and
 * linked into the level-2 table.  Then the reservation goes and the pages
 * go to the allocator.
 */
#include <linux/bootinfo.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/pvops.h>

#include "xen-pv.h"

#define PAGES_PER_TABLE		512	/* 4 KiB entries of one level-1 table */

/* The level-2 entry that covers @va, or NULL when no level-2 table does. */
static u64 *l2_entry(unsigned long va)
{
	u64 *table = (u64 *)pv_read_cr3();

	for (int level = 4; level > 2; level--) {
		u64 e = pv_read_pte(&table[(va >> (PAGE_SHIFT + 9 * (level - 1))) &
					   (PT_ENTRIES - 1)]);

		if (!(e & PTE_PRESENT) || (e & PTE_PSE))
			return NULL;
		table = (u64 *)(unsigned long)(e & PTE_ADDR_MASK);
	}
	return &table[(va >> PMD_SHIFT) & (PT_ENTRIES - 1)];
}

/* Map pfns [pfn, end) of one 2 MiB block whose level-2 entry is @l2e. */
static int map_block(u64 *l2e, unsigned long pfn, unsigned long end, u64 nx)
{
	phys_addr_t pa = alloc_pages(0);
	u64 *pt = (u64 *)(unsigned long)pa;

	if (!pa)
		return -1;
	for (unsigned int i = 0; i < PAGES_PER_TABLE; i++)
		pt[i] = pfn + i < end ?
			(xen_pv_pfn_to_mfn(pfn + i) << PAGE_SHIFT) | PTE_PRESENT | PTE_RW | nx : 0;
	/* From here on a page table: read-only, pinned, then linked in. */
	pv_pt_alloc(pt, 1);
	pv_set_pte(l2e, pa | PTE_PRESENT | PTE_RW);
	return (pv_read_pte(l2e) & PTE_PRESENT) ? 0 : -1;
}

/* Drop the reservation [start, end) the PV entry made "until mapped". */
static bool unreserve(struct boot_info *bi, u64 start, u64 end)
{
	for (unsigned int i = 0; i < bi->nr_rsv; i++) {
		if (bi->rsv[i].start != start || bi->rsv[i].start + bi->rsv[i].size != end)
			continue;
		for (unsigned int j = i + 1; j < bi->nr_rsv; j++)
			bi->rsv[j - 1] = bi->rsv[j];
		bi->nr_rsv--;
		return true;
	}
	return false;
}

int xen_pv_map_ram(struct boot_info *bi, unsigned long nr_pfns, u64 nx)
{
	unsigned long pfn, first = 0, blocks = 0;

	for (pfn = 0; pfn < nr_pfns; pfn += PAGES_PER_TABLE) {
		unsigned long va = pfn << PAGE_SHIFT;
		u64 *l2e = l2_entry(va);

		if (!l2e) {
			printk(KERN_ERR "xen-pv: no level-2 table covers %#lx: RAM above it stays unmapped\n", va);
			break;
		}
		if (pv_read_pte(l2e) & PTE_PRESENT)
			continue;		/* the bootstrap mapping */
		if (!first)
			first = pfn;
		if (map_block(l2e, pfn, nr_pfns, nx)) {
			printk(KERN_ERR "xen-pv: cannot map RAM at %#lx (no page for a table, or Xen refused it)\n", va);
			break;
		}
		blocks++;
	}
	if (!blocks)
		return 0;
	if (pfn > nr_pfns)	/* the last block ends with the domain's RAM */
		pfn = nr_pfns;
	if (!unreserve(bi, (u64)first << PAGE_SHIFT, (u64)pfn << PAGE_SHIFT)) {
		printk(KERN_WARNING "xen-pv: mapped [%#lx, %#lx) but no reservation matches it: the pages stay reserved\n",
		       first << PAGE_SHIFT, pfn << PAGE_SHIFT);
		return 0;
	}
	add_unused_pages_range((u64)first << PAGE_SHIFT, (u64)(pfn - first) << PAGE_SHIFT);
	if (xen_pv_debug)
		printk(KERN_INFO "xen-pv: RAM [%#lx, %#lx) mapped in %lu blocks of 2 MiB and given to the allocator\n",
		       first << PAGE_SHIFT, pfn << PAGE_SHIFT, blocks);
	return 0;
}
