// SPDX-License-Identifier: GPL-2.0
/*
 * Page protections of the kernel image and of linked backends.
 *
 * The boot page tables (arch/x86/boot/head.S) already map every page
 * but kernel text NX.  set_memory_*() change the read-only and NX bits
 * of a range of the identity map, splitting a 2 MiB (or 1 GiB) page into
 * smaller ones where the range covers only part of it;
 * mark_kernel_protections() makes kernel text and read-only data
 * read-only once the pv-op call sites are patched, and every other page
 * of the direct map not executable.  Every entry is read with
 * pv_read_pte() and written with pv_set_pte() (under Xen PV the tables
 * hold machine frames and Xen validates each write), every new table is
 * announced with pv_pt_alloc(), and every change flushed from the TLB
 * with pv_flush_tlb_one()/pv_flush_tlb_all(), on every online CPU.  So
 * it all works wherever pv-ops are installed.
 */
#include <linux/bootinfo.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/pvlink.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/pvops.h>

#define EINVAL		22
#define ENOMEM		12
#define EFAULT		14
#define EOPNOTSUPP	95

/* Above this many pages one full flush is cheaper than invlpg per page. */
#define FLUSH_ALL_PAGES	32

/* Bits a large entry passes to the entries that replace it. */
#define PTE_FLAGS_LOW	0xfffULL		/* bits 11:0 */
#define PTE_FLAGS_HIGH	0xfff0000000000000ULL	/* bits 63:52, NX included */
#define PTE_PAT_4K	(1ULL << 7)		/* PAT bit of a 4 KiB entry */

bool kernel_protections_applied;

static unsigned int pt_index(unsigned long va, int level)
{
	return (va >> (PAGE_SHIFT + 9 * (level - 1))) & (PT_ENTRIES - 1);
}

static u64 *table_of(u64 entry)
{
	return phys_to_virt(entry & PTE_ADDR_MASK);
}

static unsigned long level_size(int level)
{
	return 1UL << (PAGE_SHIFT + 9 * (level - 1));
}

/*
 * Replace the large page @entry (level 3: 1 GiB, level 2: 2 MiB) by a
 * table of 512 entries mapping the same memory with the same bits, one
 * level down.  The new table is filled before it is linked in, so the
 * translation of every address is the same before and after.
 */
static int split_large(u64 *entry, int level)
{
	u64 old = pv_read_pte(entry), flags = old & (PTE_FLAGS_LOW | PTE_FLAGS_HIGH);
	unsigned long step = level_size(level - 1);
	phys_addr_t base = old & PTE_ADDR_MASK & ~(u64)(level_size(level) - 1);
	phys_addr_t pa = alloc_page();
	u64 *table;

	if (!pa) {
		pr_err("mm: no free page for a page table (splitting the %lu KiB page at %#lx)\n",
		       level_size(level) / 1024, (unsigned long)base);
		return -ENOMEM;
	}
	table = phys_to_virt(pa);
	memset(table, 0, PAGE_SIZE);
	pv_pt_alloc(table, level - 1);
	if (level == 2) {
		/* 4 KiB entries: no PS bit; PAT moves from bit 12 to bit 7. */
		flags &= ~PTE_PSE;
		if (old & PTE_PAT_LARGE)
			flags |= PTE_PAT_4K;
	} else {
		flags |= old & PTE_PAT_LARGE;
	}
	for (unsigned int i = 0; i < PT_ENTRIES; i++)
		pv_set_pte(&table[i], (base + i * step) | flags);
	/*
	 * The entry that points at a table allows everything: the leaves
	 * carry the protection (SDM vol. 3A, 4.6: the most restrictive level
	 * wins).
	 */
	pv_set_pte(entry, pa | PTE_PRESENT | PTE_RW | (old & PTE_USER));
	return 0;
}

static void flush_local(void *arg)
{
	const unsigned long *range = arg;

	if (range[1] > FLUSH_ALL_PAGES) {
		pv_flush_tlb_all();
		return;
	}
	for (unsigned long i = 0; i < range[1]; i++)
		pv_flush_tlb_one(range[0] + i * PAGE_SIZE);
}

/*
 * Flush [addr, addr + npages pages) on every CPU.  After a split a whole
 * flush is needed: invlpg of one address of a large page drops that
 * large page, but the paging-structure caches must forget the old entry
 * too (SDM vol. 3A, 4.10.4.1).
 */
static void flush_range(unsigned long addr, unsigned long npages, bool split)
{
	unsigned long range[2] = { addr, split ? FLUSH_ALL_PAGES + 1 : npages };

	flush_local(range);
	/* Offline CPUs are refused; the calling CPU flushes twice: harmless. */
	if (num_online_cpus() > 1)
		for (unsigned int cpu = 0; cpu < CONFIG_NR_CPUS; cpu++)
			smp_call_on_cpu(cpu, flush_local, range);
}

/* Set @set and clear @clear in the leaf entries of [addr, addr + npages pages). */
static int change_page_attr(unsigned long addr, unsigned long npages, u64 set, u64 clear,
			    const char *what)
{
	unsigned long va = addr, end = addr + npages * PAGE_SIZE;
	bool split = false;
	int err = 0;

	if (!pvops_available()) {
		pr_err("mm: %s [%#lx +%lu pages]: no pv-ops are installed to write page tables with (call it after pvlink_boot())\n",
		       what, addr, npages);
		return -EOPNOTSUPP;
	}
	if (!npages)
		return 0;
	if ((addr & ~PAGE_MASK) || npages > IDENTITY_MAP_SIZE / PAGE_SIZE ||
	    end < addr || end > IDENTITY_MAP_SIZE) {
		pr_err("mm: %s [%#lx +%lu pages]: not whole pages inside the identity map (0-4 GiB)\n",
		       what, addr, npages);
		return -EINVAL;
	}
	if ((set | clear) & PTE_NX && !boot_pte_nx) {
		/* Without NX everything is executable: "x" is true already. */
		if (set & PTE_NX) {
			pr_err("mm: %s [%#lx +%lu pages]: this CPU has no NX (CPUID 0x80000001 EDX bit 20)\n",
			       what, addr, npages);
			return -EOPNOTSUPP;
		}
		clear &= ~PTE_NX;
	}

	while (va < end) {
		u64 *table = phys_to_virt(pv_read_cr3() & PTE_ADDR_MASK);
		int level = 4;
		u64 *e, entry;

		for (;;) {
			e = &table[pt_index(va, level)];
			entry = pv_read_pte(e);
			if (!(entry & PTE_PRESENT)) {
				pr_err("mm: %s: %#lx is not mapped\n", what, va);
				err = -EFAULT;
				goto out;
			}
			if (level == 1)
				break;
			if (level <= 3 && (entry & PTE_PSE)) {
				unsigned long size = level_size(level);

				/* Whole large page in the range: change it as is. */
				if (!(va & (size - 1)) && end - va >= size)
					break;
				err = split_large(e, level);
				if (err)
					goto out;
				split = true;
				entry = pv_read_pte(e);
			}
			table = table_of(entry);
			level--;
		}
		if (((entry | set) & ~clear) != entry)
			pv_set_pte(e, (entry | set) & ~clear);
		va += level_size(level);
	}
out:
	flush_range(addr, npages, split);
	return err;
}

int set_memory_ro(unsigned long addr, unsigned long npages)
{
	return change_page_attr(addr, npages, 0, PTE_RW, "set_memory_ro");
}

int set_memory_rw(unsigned long addr, unsigned long npages)
{
	return change_page_attr(addr, npages, PTE_RW, 0, "set_memory_rw");
}

int set_memory_x(unsigned long addr, unsigned long npages)
{
	return change_page_attr(addr, npages, 0, PTE_NX, "set_memory_x");
}

int set_memory_nx(unsigned long addr, unsigned long npages)
{
	return change_page_attr(addr, npages, PTE_NX, 0, "set_memory_nx");
}

#define PAGE_ALIGN_UP(x)	ALIGN((x), PAGE_SIZE)

/*
 * Set NX in every present leaf of [va, end) that lacks it, skipping what
 * is not mapped; a large page reaching outside the range is split.
 * Return: entries written, or a negative error.
 */
static long nx_present(unsigned long va, unsigned long end, bool *split,
		       unsigned long *first)
{
	long changed = 0;

	while (va < end) {
		u64 *table = phys_to_virt(pv_read_cr3() & PTE_ADDR_MASK);
		unsigned long size;
		int level = 4;
		u64 *e, entry;

		for (;;) {
			e = &table[pt_index(va, level)];
			entry = pv_read_pte(e);
			size = level_size(level);
			if (!(entry & PTE_PRESENT) || level == 1)
				break;
			if (level <= 3 && (entry & PTE_PSE)) {
				if (entry & PTE_NX)
					break;
				if (!(va & (size - 1)) && end - va >= size)
					break;
				if (split_large(e, level))
					return -ENOMEM;
				*split = true;
				entry = pv_read_pte(e);
			}
			table = table_of(entry);
			level--;
		}
		if ((entry & PTE_PRESENT) && !(entry & PTE_NX)) {
			pv_set_pte(e, entry | PTE_NX);
			if (!changed++ && !*first)
				*first = va & ~(size - 1);
		}
		/* The next entry of this level; a hole is skipped whole. */
		va = (va & ~(size - 1)) + size;
		if (!va)
			break;
	}
	return changed;
}

/*
 * Every present page of the direct map but what must execute: kernel
 * text, init text (until free_init_memory()) and the linked stack's
 * text.  Natively head.S built the tables that way and nothing changes;
 * under Xen PV the domain builder's mapping is executable throughout.
 */
static int nx_direct_map(void)
{
	const struct pvlink_boot_state *st = &pvlink_boot_state;
	unsigned long keep[3][2] = {
		{ (unsigned long)_text, PAGE_ALIGN_UP((unsigned long)_etext) },
		{ (unsigned long)_sinittext, PAGE_ALIGN_UP((unsigned long)_einittext) },
		{ 0, 0 },
	};
	unsigned long va = 0, first = 0;
	bool split = false;
	long changed = 0;

	if (st->linked && st->region[PVLINK_TEXT].size) {
		keep[2][0] = st->region[PVLINK_TEXT].addr;
		keep[2][1] = PAGE_ALIGN_UP(st->region[PVLINK_TEXT].addr +
					   st->region[PVLINK_TEXT].size);
	}
	while (va < IDENTITY_MAP_SIZE) {
		unsigned long end = IDENTITY_MAP_SIZE, next = IDENTITY_MAP_SIZE;
		long n;

		/* Up to the nearest kept range at or after @va, then past it. */
		for (unsigned int i = 0; i < ARRAY_SIZE(keep); i++) {
			if (keep[i][1] <= va || keep[i][0] == keep[i][1])
				continue;
			if (keep[i][0] <= va) {
				end = va;
				next = keep[i][1];
				break;
			}
			if (keep[i][0] < end) {
				end = keep[i][0];
				next = keep[i][1];
			}
		}
		n = end > va ? nx_present(va, end, &split, &first) : 0;
		if (n < 0) {
			pr_err("mm: W^X: no memory to split a large page of the direct map near %#lx: it stays executable\n",
			       va);
			flush_range(0, FLUSH_ALL_PAGES + 1, true);
			return -ENOMEM;
		}
		changed += n;
		va = next;
	}
	if (changed || split)
		flush_range(0, FLUSH_ALL_PAGES + 1, true);
	if (changed)
		pr_info("mm: W^X: %ld entries of the direct map made NX, the first at %#lx\n",
			changed, first);
	return 0;
}

static unsigned long pages_of(const void *start, const void *end)
{
	return (PAGE_ALIGN_UP((unsigned long)end) - (unsigned long)start) >> PAGE_SHIFT;
}

void mark_kernel_protections(void)
{
	int err = 0;

	if (!pvops_available()) {
		pr_err("mm: W^X not applied: no pv-ops are installed to write page tables with\n");
		return;
	}
	/* The pv-op patcher has written the text: from now on it is read-only. */
	err |= set_memory_ro((unsigned long)_text, pages_of(_text, _etext));
	/* Init text stays executable until free_init_memory(). */
	err |= set_memory_ro((unsigned long)_sinittext, pages_of(_sinittext, _einittext));
	err |= set_memory_ro((unsigned long)__start_rodata, pages_of(__start_rodata, __end_rodata));
	/*
	 * Read-only data, the percpu template, data, init data, .bss (page
	 * tables, stacks, percpu areas) and all memory outside the image
	 * have been NX since head.S built the page tables natively; rodata
	 * is said again so that it holds whatever ran since, and the rest
	 * of the direct map is made NX where an entry (Xen PV's) says
	 * otherwise.  The self-test (kernel/selftest/wx.c) walks the tables
	 * to prove it.
	 */
	if (boot_pte_nx) {
		err |= set_memory_nx((unsigned long)__start_rodata,
				     pages_of(__start_rodata, __end_rodata));
		err |= nx_direct_map();
	}
	if (err) {
		pr_err("mm: W^X: some kernel protections could not be applied (see above)\n");
		return;
	}
	kernel_protections_applied = true;
	if (!boot_pte_nx)
		pr_warn("mm: the CPU has no NX (CPUID 0x80000001 EDX bit 20): kernel text and rodata are read-only, but every page stays executable\n");
	pr_info("mm: W^X: text [%#lx-%#lx] r-x, init text %lu KiB r-x until freed, rodata [%#lx-%#lx] r--, data [%#lx-%#lx] rw-, the rest of memory %s\n",
		(unsigned long)_text, PAGE_ALIGN_UP((unsigned long)_etext) - 1,
		(unsigned long)(_einittext - _sinittext) / 1024,
		(unsigned long)__start_rodata, (unsigned long)__end_rodata - 1,
		(unsigned long)__per_cpu_load, (unsigned long)_end - 1,
		boot_pte_nx ? "NX" : "executable (no NX)");
}
