// SPDX-License-Identifier: GPL-2.0
/*
 * 4 KiB mappings outside the boot identity map.  Intermediate tables
 * come from the page allocator and are announced with pv_pt_alloc()
 * before they are linked in, and go back to it through
 * free_page_table(), which announces their end with pv_pt_free() (under
 * Xen PV a table is pinned and read-only until then); every entry is
 * written by pv_set_pte() and
 * read by pv_read_pte() (under Xen PV the hypervisor validates each
 * write, and entries hold machine frames the pv-op translates).  Tables
 * are reached through the identity map, so they must lie below 4 GiB
 * (the allocator only hands out such pages).
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/pvops.h>

#define EINVAL		22
#define ENOMEM		12
#define EEXIST		17
#define ENOENT		2
#define EBUSY		16

static unsigned int pt_index(unsigned long va, int level)
{
	/* level 4 = PML4 (bits 47:39) ... level 1 = PT (bits 20:12) */
	return (va >> (PAGE_SHIFT + 9 * (level - 1))) & (PT_ENTRIES - 1);
}

static u64 *table_of(u64 entry)
{
	return phys_to_virt(entry & PTE_ADDR_MASK);
}

static u64 *current_pml4(void)
{
	return phys_to_virt(pv_read_cr3() & PTE_ADDR_MASK);
}

/* Walk to the PT for @va, creating tables if @create. */
static u64 *walk(unsigned long va, bool create)
{
	u64 *table = current_pml4();

	for (int level = 4; level > 1; level--) {
		u64 *e = &table[pt_index(va, level)];
		u64 entry = pv_read_pte(e);

		if (!(entry & PTE_PRESENT)) {
			phys_addr_t pa;

			if (!create)
				return NULL;
			pa = alloc_page();
			if (!pa)
				return NULL;
			memset(phys_to_virt(pa), 0, PAGE_SIZE);
			pv_pt_alloc(phys_to_virt(pa), level - 1);
			entry = pa | PTE_PRESENT | PTE_RW;
			pv_set_pte(e, entry);
		} else if (entry & PTE_PSE) {
			return NULL;	/* inside a large page: not ours to split */
		}
		table = table_of(entry);
	}
	return &table[pt_index(va, 1)];
}

u64 *lookup_address(unsigned long va, int *level)
{
	u64 *table = current_pml4();

	for (int l = 4; l >= 1; l--) {
		u64 *e = &table[pt_index(va, l)];
		u64 entry = pv_read_pte(e);

		if (!(entry & PTE_PRESENT))
			return NULL;
		if (l == 1 || (l <= 3 && (entry & PTE_PSE))) {
			*level = l;
			return e;
		}
		table = table_of(entry);
	}
	return NULL;
}

bool pte_prot_of(unsigned long va, bool *writable, bool *executable)
{
	u64 *table = current_pml4();
	bool w = true, x = true;

	for (int l = 4; l >= 1; l--) {
		u64 e = pv_read_pte(&table[pt_index(va, l)]);

		if (!(e & PTE_PRESENT))
			return false;
		w = w && (e & PTE_RW);
		x = x && !(e & boot_pte_nx);
		if (l == 1 || (l <= 3 && (e & PTE_PSE)))
			break;
		table = table_of(e);
	}
	*writable = w;
	*executable = x;
	return true;
}

u64 *lookup_pte(unsigned long va)
{
	u64 *pte = walk(va, false);

	return pte && (pv_read_pte(pte) & PTE_PRESENT) ? pte : NULL;
}

int map_page(unsigned long va, phys_addr_t pa, u64 flags)
{
	u64 *pte;

	if ((va | pa) & (PAGE_SIZE - 1))
		return -EINVAL;
	pte = walk(va, true);
	if (!pte)
		return -ENOMEM;
	if (pv_read_pte(pte) & PTE_PRESENT)
		return -EEXIST;
	pv_set_pte(pte, pa | flags | PTE_PRESENT);
	return 0;
}

int unmap_page(unsigned long va)
{
	u64 *pte = lookup_pte(va);

	if (!pte)
		return -ENOENT;
	pv_set_pte(pte, 0);
	pv_flush_tlb_one(va);
	return 0;
}

int free_page_table(u64 *table, unsigned int level)
{
	if (pv_pt_free(table, level)) {
		pr_err("mm: the level-%u table at %p is still a page table for the platform: kept, not freed\n",
		       level, table);
		return -EBUSY;
	}
	free_page(virt_to_phys(table));
	return 0;
}
