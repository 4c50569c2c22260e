/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The page-frame allocator: a bitmap with one bit per page frame of RAM,
 * set when the page is free.  It knows exactly which pages are free:
 * everything the entry reported as RAM, minus the low 1 MiB, the kernel
 * image (with its page tables, stacks and percpu areas), the boot
 * modules, boot_info.rsv[] and the loader's own structures.
 *
 * Frames at or above 4 GiB are not managed (the identity map ends there).
 */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include <linux/bootinfo.h>
#include <linux/types.h>
#include <asm/page.h>

/* Highest page frame the allocator can manage, exclusive. */
#define MM_MAX_PFN	(IDENTITY_MAP_SIZE >> PAGE_SHIFT)

/**
 * page_alloc_init() - build the free bitmap from @bi
 * @bi: memory map, modules and reserved ranges from the entry path
 *
 * Context: boot, once; needs no pv-op.
 */
void page_alloc_init(const struct boot_info *bi);

/**
 * alloc_pages() - allocate 2^@order contiguous, naturally aligned pages
 * @order: 0 for one page
 *
 * Return: physical address of the first page, or 0 if none is free
 * (page 0 is never free, so 0 is unambiguous).  The memory is not
 * cleared.
 */
phys_addr_t alloc_pages(unsigned int order);

/**
 * free_pages() - give back what alloc_pages(@order) returned
 * @pa: physical address of the first page
 * @order: the order it was allocated with
 *
 * Freeing a page that is already free, or is not RAM the allocator
 * manages, is reported and ignored.
 */
void free_pages(phys_addr_t pa, unsigned int order);

static inline phys_addr_t alloc_page(void)
{
	return alloc_pages(0);
}

static inline void free_page(phys_addr_t pa)
{
	free_pages(pa, 0);
}

/**
 * free_pages_range() - add the whole pages inside [@start, @start+@size)
 * to the free pages
 *
 * For memory that was reserved at boot and is no longer needed (a boot
 * module once consumed).  Partial pages at either end stay reserved.
 *
 * Return: the number of pages freed.
 */
unsigned long free_pages_range(phys_addr_t start, u64 size);

/* Number of free pages now. */
unsigned long nr_free_pages(void);

/* Number of page frames that are RAM (free or not) below MM_MAX_PFN. */
unsigned long nr_ram_pages(void);

/* Is page frame @pfn free (false for anything not managed)? */
bool page_is_free(unsigned long pfn);

/* Is page frame @pfn RAM per the memory map (and below MM_MAX_PFN)? */
bool page_is_ram(unsigned long pfn);

/* Print the memory map (memmap: lines) and check it; returns problems found. */
int memmap_print(const struct boot_info *bi);

/**
 * free_boot_range() - give memory reserved at boot back to the allocator
 * @start: physical address; whole pages inside the range are freed
 * @size:  bytes
 * @what:  what it held, for the log and the freed-memory self-test
 *
 * Return: the number of pages freed.
 */
unsigned long free_boot_range(phys_addr_t start, u64 size, const char *what);

/**
 * free_init_memory() - free the kernel's init-only code and data
 *
 * Context: boot CPU, once, at the end of boot; nothing in an init
 * section may run or be read afterwards.
 * Return: the number of pages freed.
 */
unsigned long free_init_memory(void);

/**
 * mark_kernel_protections() - map the kernel W^X
 *
 * Kernel text read-only and executable, read-only data read-only and
 * not executable, everything else not executable.
 *
 * Context: boot CPU, after pv-op call sites are patched.
 */
void mark_kernel_protections(void);

/*
 * Change the protection of @npages pages from @addr (page-aligned, in
 * the kernel's mappings): read-only or writable, executable or not.
 * Return: 0, or a negative value if a page is not mapped or the change
 * is not possible.
 */
int set_memory_ro(unsigned long addr, unsigned long npages);
int set_memory_rw(unsigned long addr, unsigned long npages);
int set_memory_x(unsigned long addr, unsigned long npages);
int set_memory_nx(unsigned long addr, unsigned long npages);

/* Kernel image bounds (vmlinux.lds.S). */
extern char _text[], _end[];

#endif /* _LINUX_MM_H */
