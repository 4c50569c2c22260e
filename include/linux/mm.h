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
 * First fit from where the last allocation ended or the last free_pages()
 * began: the block freed last is looked at first.
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
 * manages, is reported and ignored.  Each page freed is filled with
 * PAGE_POISON_FREE first, so it must be mapped writable (set_memory_rw()
 * what was made read-only).
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
 * Each page freed is filled with PAGE_POISON_FREE first.
 *
 * Return: the number of pages freed.
 */
unsigned long free_pages_range(phys_addr_t start, u64 size);

/**
 * add_unused_pages_range() - add RAM the kernel has never used to the free
 * pages
 *
 * For memory reserved at boot only because it could not be reached yet
 * (the RAM above a Xen PV domain's bootstrap mapping, until a backend
 * maps it): its whole pages join the free pages as page_alloc_init()
 * adds RAM, without poisoning, since nothing was ever freed there.
 * Partial pages at either end stay reserved.
 *
 * Return: the number of pages added.
 */
unsigned long add_unused_pages_range(phys_addr_t start, u64 size);

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

/*
 * Every page the allocator takes back (free_pages(), free_pages_range(),
 * and so free_boot_range() and free_init_memory()) is filled with this
 * byte first, as Linux's page poisoning does (include/linux/poison.h
 * PAGE_POISON): a use after free reads a recognisable pattern, and
 * executing it faults (0xaa decodes as stosb, but freed memory is NX
 * anyway).  The pages page_alloc_init() finds free at boot are not
 * filled: writing all of RAM would cost seconds under emulation.
 */
#define PAGE_POISON_FREE	0xaa

/**
 * page_poison() - fill @npages pages from @pa with PAGE_POISON_FREE
 * @pa: physical address, page aligned, in the kernel's mapping
 * @npages: number of pages
 */
void page_poison(phys_addr_t pa, unsigned long npages);

/**
 * page_is_poisoned() - does the page at @pa hold only PAGE_POISON_FREE?
 * @pa: physical address of a mapped page
 */
bool page_is_poisoned(phys_addr_t pa);

/**
 * struct freed_range - one run of pages freed at the end of boot
 * @what:  what they held ("pvlink image", "init text", ...)
 * @start: physical address of the first page
 * @pages: number of pages, all freed (and poisoned) together
 */
struct freed_range {
	char what[32];
	phys_addr_t start;
	unsigned long pages;
};

/* Room for the runs free_boot_range()/free_init_memory() record. */
#define FREED_RANGES_MAX	16

/**
 * freed_range() - the @i-th run free_boot_range()/free_init_memory() freed
 * @i: from 0
 *
 * Return: the record, or NULL past the last one.
 */
const struct freed_range *freed_range(unsigned int i);

/* Runs that did not fit in the table (freed, but not recorded). */
unsigned int freed_ranges_dropped(void);

/* Has free_init_memory() run?  Init text and data are gone then. */
bool init_memory_freed(void);

/**
 * free_boot_range() - give memory reserved at boot back to the allocator
 * @start: physical address; whole pages inside the range are freed
 * @size:  bytes
 * @what:  what it held, for the log and the freed-memory self-test
 *	   (copied: it may point into init data)
 *
 * Each page is poisoned (PAGE_POISON_FREE) and freed; the runs of pages
 * freed are recorded for the freed-memory self-test (freed_range()).
 * Pages that are not RAM, are free already, lie below 1 MiB or in the
 * kernel image are left as they are.
 *
 * Return: the number of pages freed.
 */
unsigned long free_boot_range(phys_addr_t start, u64 size, const char *what);

/**
 * free_init_memory() - free the kernel's init-only code and data
 *
 * Init text ([_sinittext, _einittext)) becomes writable and NX, then it
 * and init data ([__init_data_begin, __init_data_end)) are poisoned and
 * freed: the sections of every object a Makefile lists in init-y.
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

/* True once mark_kernel_protections() has applied W^X to the kernel. */
extern bool kernel_protections_applied;

/*
 * Kernel image bounds (vmlinux.lds.S), each page aligned except _etext
 * (text ends at the next page boundary, where init text begins).
 */
extern char _text[], _etext[], _end[];
extern char _sinittext[], _einittext[];		/* init text (init-y objects) */
extern char __start_rodata[], __end_rodata[];	/* read-only data */
extern char __per_cpu_load[];			/* percpu template, then data */
extern char __init_data_begin[], __init_data_end[]; /* init data (init-y) */

#endif /* _LINUX_MM_H */
