/* SPDX-License-Identifier: GPL-2.0 */
/*
 * 4-level paging (SDM vol. 3, 4.5).  The boot tables map 0-4 GiB with
 * 2 MiB pages; map_page() adds 4 KiB mappings elsewhere, writing every
 * entry with pv_set_pte().
 */
#ifndef _ASM_X86_PGTABLE_H
#define _ASM_X86_PGTABLE_H

#include <linux/types.h>

#define _PAGE_BIT_PRESENT	0
#define PTE_PRESENT		(1ULL << 0)
#define PTE_RW			(1ULL << 1)
#define PTE_USER		(1ULL << 2)
#define PTE_PSE			(1ULL << 7)
#define PTE_ADDR_MASK		0x000ffffffffff000ULL

/* Map 4 KiB at @va to @pa (both page aligned); 0 or a negative error. */
int map_page(unsigned long va, phys_addr_t pa, u64 flags);
/* Remove the 4 KiB mapping at @va and flush it from the TLB. */
int unmap_page(unsigned long va);
/* The PTE mapping @va with a 4 KiB page, or NULL. */
u64 *lookup_pte(unsigned long va);

#endif /* _ASM_X86_PGTABLE_H */
