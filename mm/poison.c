// SPDX-License-Identifier: GPL-2.0
/*
 * Page poisoning: freed pages hold PAGE_POISON_FREE (include/linux/mm.h).
 */
#include <linux/mm.h>

#define POISON_WORD	(0x0101010101010101ULL * PAGE_POISON_FREE)

void page_poison(phys_addr_t pa, unsigned long npages)
{
	u64 *p = phys_to_virt(pa);

	/* A word at a time: under KVM here every store is emulated. */
	for (unsigned long i = 0; i < npages * (PAGE_SIZE / sizeof(u64)); i++)
		p[i] = POISON_WORD;
}

bool page_is_poisoned(phys_addr_t pa)
{
	const u64 *p = phys_to_virt(pa);

	for (unsigned long i = 0; i < PAGE_SIZE / sizeof(u64); i++)
		if (p[i] != POISON_WORD)
			return false;
	return true;
}
