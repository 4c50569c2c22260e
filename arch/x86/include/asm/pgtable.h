/* SPDX-License-Identifier: GPL-2.0 */
/*
 * 4-level paging (SDM vol. 3A, 4.5).  The boot tables (head.S) map
 * 0-4 GiB 1:1 with 2 MiB pages, the 2 MiB pages that hold the kernel
 * image with 4 KiB pages, and mark everything but kernel text NX when the
 * CPU has NX.  map_page() adds 4 KiB mappings elsewhere; every entry is
 * written with pv_set_pte().
 */
#ifndef _ASM_X86_PGTABLE_H
#define _ASM_X86_PGTABLE_H

/* CPUID leaves that tell whether NX exists (AMD64 APM vol. 3, E.4.1). */
#define CPUID_EXT_MAX		0x80000000	/* eax: highest extended leaf */
#define CPUID_EXT_FEATURES	0x80000001
#define CPUID_EXT_EDX_NX	20		/* edx bit: no-execute pages */

/* Bit 63 of an entry, as the high dword the 32-bit entry code writes. */
#define PTE_NX_HIGH		0x80000000

/* 4 KiB page tables for the kernel image's 2 MiB pages (head.S). */
#define KERNEL_MAP_PT_PAGES	8

#define PMD_SHIFT		21
#define PUD_SHIFT		30
#define PGDIR_SHIFT		39
#define PT_ENTRIES		512

#ifndef __ASSEMBLY__
#include <linux/types.h>

#define PMD_SIZE		(1UL << PMD_SHIFT)	/* 2 MiB, a PD entry */
#define PUD_SIZE		(1UL << PUD_SHIFT)	/* 1 GiB, a PDPT entry */

#define _PAGE_BIT_PRESENT	0
#define PTE_PRESENT		(1ULL << 0)
#define PTE_RW			(1ULL << 1)
#define PTE_USER		(1ULL << 2)
#define PTE_ACCESSED		(1ULL << 5)	/* set by the CPU on use */
#define PTE_DIRTY		(1ULL << 6)	/* set by the CPU on a write */
#define PTE_PSE			(1ULL << 7)	/* large page (PD, PDPT) */
#define PTE_PAT_LARGE		(1ULL << 12)	/* PAT bit of a large page */
#define PTE_NX			(1ULL << 63)
#define PTE_ADDR_MASK		0x000ffffffffff000ULL

/*
 * PTE_NX if head.S found NX and set EFER.NXE, else 0: without EFER.NXE
 * bit 63 is reserved and must never be written.  Every CPU that loads
 * these page tables (the application processors too) must set EFER.NXE
 * first when this is non-zero.
 */
extern u64 boot_pte_nx;

/* head.S's 4 KiB tables of [__kernel_map_start, __kernel_map_end). */
extern u64 boot_kernel_pt[];
extern char __kernel_map_start[], __kernel_map_end[];

/* Map 4 KiB at @va to @pa (both page aligned); 0 or a negative error. */
int map_page(unsigned long va, phys_addr_t pa, u64 flags);
/* Remove the 4 KiB mapping at @va and flush it from the TLB. */
int unmap_page(unsigned long va);
/* The PTE mapping @va with a 4 KiB page, or NULL. */
u64 *lookup_pte(unsigned long va);

/**
 * free_page_table() - give a page table back to the page allocator
 * @table: the table's direct-map address; it was announced with
 *	pv_pt_alloc() (as every table map_page() and set_memory_*() make)
 * @level: its level, as given to pv_pt_alloc()
 *
 * pv_pt_free() makes the page ordinary memory again (under Xen PV:
 * unpinned and writable in the direct map), then it is freed.
 *
 * Context: pv-ops installed; @table is linked into no table, loaded in
 * no CPU's CR3, and flushed from every TLB that walked through it.
 * Return: 0, or -EBUSY when the platform still holds the page as a
 * table: it is then kept (reported), never freed or written.
 */
int free_page_table(u64 *table, unsigned int level);

/**
 * lookup_address() - the leaf entry that maps @va, at any level
 * @va: virtual address
 * @level: set to 1 (4 KiB page), 2 (2 MiB) or 3 (1 GiB)
 *
 * Return: the entry, or NULL if @va is not mapped.
 */
u64 *lookup_address(unsigned long va, int *level);

/**
 * pte_prot_of() - the protection the CPU applies to @va
 * @va: virtual address
 * @writable: set if a supervisor write is allowed (RW at every level)
 * @executable: set if an instruction fetch is allowed (NX at no level,
 *	or NX not enabled)
 *
 * Return: false if @va is not mapped.
 */
bool pte_prot_of(unsigned long va, bool *writable, bool *executable);

#endif /* !__ASSEMBLY__ */
#endif /* _ASM_X86_PGTABLE_H */
