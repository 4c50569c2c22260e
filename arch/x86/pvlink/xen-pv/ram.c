// SPDX-License-Identifier: GPL-2.0
/*
 * The domain's RAM above the bootstrap mapping.
 *
 * Xen maps a PV kernel's start-of-day region only (public/xen.h,
 * "Start-of-day memory layout"), and the PV entry keeps the rest of the
 * pseudo-physical space reserved "until mapped" (arch/x86/xen/start_pv.c).
 * The init maps it here, 2 MiB at a time in the direct map (virtual ==
 * pseudo-physical): a level-1 table filled while it is still ordinary
 * memory, then mapped read-only, pinned and linked into the level-2
 * table (and a level-2 or level-3 table the same way where none covers
 * the block yet).
 *
 * The bootstrap region leaves only a few free pages, and a dom0 of N GiB
 * needs N * 512 level-1 tables: so each block, once mapped, leaves the
 * reservation and goes to the allocator at once, and the tables of the
 * next blocks come from it (map a little, take tables from it, map more).
 * One free page is enough to start.
 */
#include <linux/bootinfo.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/pvops.h>

#include "xen-pv.h"

#define PAGES_PER_TABLE		512	/* 4 KiB entries of one level-1 table */

/* A zeroed page-table page of @level, pinned; 0 if none is free. */
static phys_addr_t new_table(unsigned int level)
{
	phys_addr_t pa = alloc_pages(0);

	if (!pa)
		return 0;
	/* A loop, not memset: the kernel does not export it to backends. */
	for (unsigned int i = 0; i < PT_ENTRIES; i++) {
		((u64 *)(unsigned long)pa)[i] = 0;
		xen_pv_barrier();	/* no memset call made of the loop */
	}
	pv_pt_alloc((u64 *)(unsigned long)pa, level);
	return pa;
}

/*
 * The level-2 entry that covers @va, making the level-3 and level-2
 * tables on the way where there are none; NULL if a page for a table is
 * missing, Xen refuses one, or a large page is in the way.
 */
static u64 *l2_entry(unsigned long va)
{
	u64 *table = (u64 *)pv_read_cr3();

	for (unsigned int level = 4; level > 2; level--) {
		u64 *e = &table[(va >> (PAGE_SHIFT + 9 * (level - 1))) & (PT_ENTRIES - 1)];
		u64 val = pv_read_pte(e);

		if (!(val & PTE_PRESENT)) {
			phys_addr_t pa = new_table(level - 1);

			if (!pa)
				return NULL;
			pv_set_pte(e, pa | PTE_PRESENT | PTE_RW);
			val = pv_read_pte(e);
			if (!(val & PTE_PRESENT))
				return NULL;
		}
		if (val & PTE_PSE)
			return NULL;
		table = (u64 *)(unsigned long)(val & PTE_ADDR_MASK);
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

/*
 * The start of the reservation the PV entry made "until mapped": the
 * one that ends with the domain's RAM; @ram_end if there is none.
 */
static u64 unmapped_start(const struct boot_info *bi, u64 ram_end)
{
	for (unsigned int i = 0; i < bi->nr_rsv; i++)
		if (bi->rsv[i].start + bi->rsv[i].size == ram_end)
			return bi->rsv[i].start;
	return ram_end;
}

int xen_pv_map_ram(struct boot_info *bi, unsigned long nr_pfns, u64 nx)
{
	u64 ram_end = (u64)nr_pfns << PAGE_SHIFT;
	u64 expected = unmapped_start(bi, ram_end);
	unsigned long pfn, first = 0, blocks = 0, added = 0;
	u64 xen_end = 0;
	int rc = 0;

	for (pfn = 0; pfn < nr_pfns; pfn += PAGES_PER_TABLE) {
		unsigned long va = pfn << PAGE_SHIFT;
		unsigned long end = min(pfn + PAGES_PER_TABLE, nr_pfns);
		u64 *l2e = l2_entry(va);

		if (!l2e) {
			printk(KERN_ERR "xen-pv: no level-2 table covers %#lx (no page for one, or Xen refused it): RAM above it stays unmapped\n",
			       va);
			rc = -1;
			break;
		}
		if (pv_read_pte(l2e) & PTE_PRESENT) {
			/* The bootstrap mapping: Xen's, from 0 up. */
			if (!blocks)
				xen_end = (u64)end << PAGE_SHIFT;
			continue;
		}
		if (!blocks)
			first = pfn;
		if (map_block(l2e, pfn, nr_pfns, nx)) {
			printk(KERN_ERR "xen-pv: cannot map RAM at %#lx (no page for a table, or Xen refused it)\n",
			       va);
			rc = -1;
			break;
		}
		blocks++;
		/* Its pages hold the tables of the blocks after it. */
		if (!xen_pv_unreserve(bi, (u64)pfn << PAGE_SHIFT, (u64)end << PAGE_SHIFT)) {
			printk(KERN_ERR "xen-pv: no room to split a reservation at %#lx: RAM above it stays reserved\n",
			       va);
			rc = -1;
			break;
		}
		added += add_unused_pages_range((u64)pfn << PAGE_SHIFT, (u64)(end - pfn) << PAGE_SHIFT);
	}
	if (!blocks && !rc)
		xen_end = ram_end;
	if (!rc && xen_end != expected)
		printk(KERN_ERR "xen-pv: Xen's bootstrap mapping ends at %#llx, the PV entry reserved from %#llx \"until mapped\"\n",
		       (unsigned long long)xen_end, (unsigned long long)expected);
	if (blocks)
		printk(KERN_INFO "xen-pv: RAM [%#lx, %#lx) mapped in %lu blocks of 2 MiB and given to the allocator (%lu of the domain's %lu pages)\n",
		       first << PAGE_SHIFT, min(pfn, nr_pfns) << PAGE_SHIFT, blocks, added, nr_pfns);
	return rc;
}
