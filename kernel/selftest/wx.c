// SPDX-License-Identifier: GPL-2.0
/*
 * W^X: set_memory_*() change what they should (a large page split, or
 * not) and the CPU enforces it; a walk of the live page tables, all four
 * levels, finds no mapped range that is both writable and executable
 * (and names any); then check the protection of each part of the kernel
 * image
 * (mark_kernel_protections(), arch/x86/mm/pageattr.c) and of each
 * region of the linked backend stack.
 */
#include <linux/bootinfo.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/pvlink.h>
#include <linux/selftest.h>
#include <linux/string.h>
#include <asm/boot.h>
#include <asm/msr-index.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/processor-flags.h>
#include <asm/ptwalk.h>
#include <asm/pvops.h>
#include <asm/traps.h>

/* Name at most this many W+X ranges; count the rest. */
#define WX_REPORT_MAX	8

/* Outside the identity map and the pvops suite's test page. */
#define WX_PROBE_VA	0x200000000000UL
/* Where a page is mapped to execute from; fixed, for the exception table. */
#define WX_EXEC_VA	0x300000000000UL

/* Page-fault error code bits (SDM vol. 3A, 4.7). */
#define PF_PROT		(1u << 0)	/* the page was present */
#define PF_WRITE	(1u << 1)
#define PF_INSN		(1u << 4)	/* an instruction fetch */

/* One 2 MiB page of the identity map, as an order-9 block. */
#define BLOCK_ORDER	(PMD_SHIFT - PAGE_SHIFT)

struct wx_scan {
	unsigned long ranges, wx_ranges, wx_pages;
	unsigned long exec_pages;
	unsigned long first_wx, first_wx_size;
	bool quiet;
};

static const u64 *wx_table(u64 pa, void *arg)
{
	/* Every table the kernel builds lies in the identity map. */
	if (pa >= IDENTITY_MAP_SIZE)
		return NULL;
	return phys_to_virt(pa);
}

static void wx_range(unsigned long va, unsigned long size, unsigned int prot, void *arg)
{
	struct wx_scan *scan = arg;

	scan->ranges++;
	if (prot & PT_PROT_EXEC)
		scan->exec_pages += size / PAGE_SIZE;
	if ((prot & (PT_PROT_WRITE | PT_PROT_EXEC)) != (PT_PROT_WRITE | PT_PROT_EXEC))
		return;
	if (!scan->wx_ranges) {
		scan->first_wx = va;
		scan->first_wx_size = size;
	}
	if (!scan->quiet && scan->wx_ranges < WX_REPORT_MAX)
		report_info("W+X: [%#lx-%#lx] (%lu KiB) is writable and executable",
			    va, va + size - 1, size / 1024);
	scan->wx_ranges++;
	scan->wx_pages += size / PAGE_SIZE;
}

/* Entries hold what pv_set_pte() wrote; the pv-op gives the frame back. */
static u64 wx_entry(const u64 *ptep, void *arg)
{
	return pv_read_pte(ptep);
}

static long walk_live(struct wx_scan *scan)
{
	struct pt_walk w = {
		.table = wx_table,
		.entry = wx_entry,
		.range = wx_range,
		.nx_mask = boot_pte_nx,
		/* The hypervisor's own mappings (Xen PV) are not ours to judge. */
		.skip_start = boot_info.hv_va_start,
		.skip_end = boot_info.hv_va_end,
		.arg = scan,
	};

	return pt_walk(&w, pv_read_cr3() & PTE_ADDR_MASK);
}

/*
 * The walk must see a W+X page when there is one: map one (map_page()
 * sets no NX bit), walk, take it away.
 */
static void test_probe(void)
{
	struct wx_scan scan = { .quiet = true };
	phys_addr_t pa = alloc_page();

	if (!report(pa != 0, "probe: a page to map writable and executable"))
		return;
	if (!report(map_page(WX_PROBE_VA, pa, PTE_RW) == 0, "probe: map it at %#lx", WX_PROBE_VA)) {
		free_page(pa);
		return;
	}
	walk_live(&scan);
	unmap_page(WX_PROBE_VA);
	free_page(pa);
	report(scan.wx_ranges == 1 && scan.first_wx == WX_PROBE_VA && scan.first_wx_size == PAGE_SIZE,
	       "probe: the walk finds exactly that page W+X (%lu ranges, the first [%#lx +%#lx])",
	       scan.wx_ranges, scan.first_wx, scan.first_wx_size);
}

static void test_walk(void)
{
	struct wx_scan scan = { 0 };
	long n = walk_live(&scan);

	if (!report(n >= 0, "the page tables can be walked from CR3"))
		return;
	report_info("%lu mapped ranges, %lu executable pages", scan.ranges, scan.exec_pages);
	report(scan.wx_ranges == 0, "no page is writable and executable (%lu W+X pages in %lu ranges)",
	       scan.wx_pages, scan.wx_ranges);
}

/*
 * Every page of [start, end) must be mapped with the given protection;
 * one result, naming the first page that is not.
 */
static void check_part(const char *what, const void *start, const void *end,
		       bool want_w, bool want_x)
{
	unsigned long va = (unsigned long)start, stop = ALIGN((unsigned long)end, PAGE_SIZE);
	char wrong[64] = "";
	bool w, x;

	if (va == stop) {
		report_skip(what, "empty");
		return;
	}
	for (; va < stop && !wrong[0]; va += PAGE_SIZE) {
		/* The boot stack's guard page is left unmapped on purpose. */
		if (va == (unsigned long)boot_stack_guard) {
			if (!report(!pte_prot_of(va, &w, &x), "%s: the boot stack guard page %#lx is not mapped",
				    what, va))
				return;
			continue;
		}
		if (!pte_prot_of(va, &w, &x))
			snprintf(wrong, sizeof(wrong), ": %#lx is not mapped", va);
		else if (w != want_w || x != want_x)
			snprintf(wrong, sizeof(wrong), ": %#lx is %s%s", va,
				 w ? "rw" : "r-", x ? "x" : "-");
	}
	report(!wrong[0], "%s [%#lx-%#lx] is %s%s%s", what, (unsigned long)start, stop - 1,
	       want_w ? "rw" : "r-", want_x ? "x" : "-", wrong);
}

static void test_kernel(void)
{
	report_prefix_push("kernel");
	check_part("text", _text, _etext, false, true);
	if (init_memory_freed())
		check_part("freed init text", _sinittext, _einittext, true, false);
	else
		check_part("init text", _sinittext, _einittext, false, true);
	check_part("rodata", __start_rodata, __end_rodata, false, false);
	check_part("percpu template and data", __per_cpu_load, __init_data_begin, true, false);
	check_part("init data", __init_data_begin, __init_data_end, true, false);
	check_part("bss", __init_data_end, _end, true, false);
	report_prefix_pop();
}

/* The linked stack's regions, as kernel/pvlink.c protects them. */
static void test_backend(void)
{
	static const struct {
		const char *name;
		bool w, x;
	} want[PVLINK_NR_REGIONS] = {
		[PVLINK_TEXT] = { "text", false, true },
		[PVLINK_RODATA] = { "rodata", false, false },
		[PVLINK_DATA] = { "data", true, false },
		[PVLINK_BSS] = { "bss", true, false },
		[PVLINK_GOT] = { "got", false, false },
	};
	const struct pvlink_boot_state *st = &pvlink_boot_state;

	report_prefix_push("backend");
	if (!st->linked) {
		report_skip("regions", "no backend stack was linked: %s", st->reason);
		report_prefix_pop();
		return;
	}
	for (unsigned int r = 0; r < PVLINK_NR_REGIONS; r++) {
		const void *start = (const void *)(uintptr_t)st->region[r].addr;

		/* percpu: an offset in every CPU's area, which is kernel .bss. */
		if (r == PVLINK_PERCPU)
			continue;
		check_part(want[r].name, start, (const char *)start + st->region[r].size,
			   want[r].w, want[r].x);
	}
	report_prefix_pop();
}

static const char *prot_str(unsigned long va)
{
	bool w, x;

	if (!pte_prot_of(va, &w, &x))
		return "unmapped";
	return w ? (x ? "rwx" : "rw-") : (x ? "r-x" : "r--");
}

static bool prot_is(unsigned long va, const char *want)
{
	return !strcmp(prot_str(va), want);
}

/* Write one byte at @va; true if it faulted with a protection fault. */
static bool write_faults(unsigned long va)
{
	unsigned long before = last_trap.count;

	asm volatile("1: movb $0, (%0)\n"
		     "2:\n"
		     _ASM_EXTABLE(1b, 2b)
		     : : "r"(va) : "memory");
	return last_trap.count == before + 1 && last_trap.vector == X86_TRAP_PF &&
	       (last_trap.error_code & (PF_PROT | PF_WRITE)) == (PF_PROT | PF_WRITE);
}

/*
 * Jump to WX_EXEC_VA, which holds "jmp *%rcx" back to the caller; true
 * if the fetch faulted instead (the exception table resumes at 2).
 */
static bool exec_faults(void)
{
	_Static_assert(WX_EXEC_VA == 0x300000000000UL, "the exception table entry below");
	unsigned long before = last_trap.count;

	asm volatile("leaq 2f(%%rip), %%rcx\n"
		     "jmp *%0\n"
		     "2:\n"
		     _ASM_EXTABLE(0x300000000000, 2b)	/* WX_EXEC_VA */
		     : : "r"(WX_EXEC_VA) : "rcx", "memory");
	return last_trap.count == before + 1 && last_trap.vector == X86_TRAP_PF &&
	       (last_trap.error_code & PF_INSN);
}

/* set_memory_*() on a 2 MiB page: a split, then the whole large page. */
static void test_set_memory_block(unsigned long va)
{
	int level = 0;

	if (!lookup_address(va, &level) || level != 2) {
		report_skip("split", "the block at %#lx is not one 2 MiB page (level %d)", va, level);
		return;
	}
	report(set_memory_x(va + PAGE_SIZE, 1) == 0 && set_memory_ro(va + PAGE_SIZE, 1) == 0,
	       "set_memory_x + set_memory_ro on one 4 KiB page of a 2 MiB page");
	report(lookup_address(va + PAGE_SIZE, &level) && level == 1,
	       "the 2 MiB page was split into 4 KiB pages");
	report(prot_is(va + PAGE_SIZE, "r-x"), "that page is r-x (%s)", prot_str(va + PAGE_SIZE));
	report(prot_is(va, "rw-") && prot_is(va + 2 * PAGE_SIZE, "rw-") &&
	       prot_is(va + PMD_SIZE - PAGE_SIZE, "rw-"),
	       "the other pages keep rw- (%s, %s, %s)", prot_str(va), prot_str(va + 2 * PAGE_SIZE),
	       prot_str(va + PMD_SIZE - PAGE_SIZE));
	report(write_faults(va + PAGE_SIZE), "a write to the read-only page faults (page fault: present, write)");
	report(!write_faults(va + 2 * PAGE_SIZE), "a write to its writable neighbour does not");
	report(set_memory_nx(va + PAGE_SIZE, 1) == 0 && set_memory_rw(va + PAGE_SIZE, 1) == 0 &&
	       prot_is(va + PAGE_SIZE, "rw-"), "set_memory_nx + set_memory_rw restore rw-");
}

static void test_set_memory_whole(unsigned long va)
{
	int level = 0;

	if (!lookup_address(va, &level) || level != 2) {
		report_skip("whole 2 MiB page", "the block at %#lx is not one 2 MiB page (level %d)",
			    va, level);
		return;
	}
	report(set_memory_ro(va, PMD_SIZE / PAGE_SIZE) == 0 && prot_is(va, "r--") &&
	       prot_is(va + PMD_SIZE - PAGE_SIZE, "r--"), "set_memory_ro on a whole 2 MiB page");
	report(lookup_address(va, &level) && level == 2, "changes it without a split");
	report(set_memory_rw(va, PMD_SIZE / PAGE_SIZE) == 0 && prot_is(va, "rw-"),
	       "set_memory_rw restores it");
}

/* NX is enforced: a page mapped NX does not execute, the same page r-x does. */
static void test_nx_enforced(phys_addr_t pa)
{
	u8 *code = phys_to_virt(pa);
	u64 *pte;

	code[0] = 0xff;		/* jmp *%rcx */
	code[1] = 0xe1;
	if (!report(map_page(WX_EXEC_VA, pa, PTE_RW | boot_pte_nx) == 0,
		    "NX: map a page at %#lx, rw-", WX_EXEC_VA))
		return;
	report(exec_faults(), "NX: a jump into an rw- page faults (page fault on the instruction fetch)");
	pte = lookup_pte(WX_EXEC_VA);
	pv_set_pte(pte, pa | PTE_PRESENT);
	pv_flush_tlb_one(WX_EXEC_VA);
	report(!exec_faults(), "NX: the same page r-x executes");
	unmap_page(WX_EXEC_VA);
}

static void test_set_memory(void)
{
	phys_addr_t a = alloc_pages(BLOCK_ORDER), b = alloc_pages(BLOCK_ORDER);

	report_prefix_push("set_memory");
	if (report(a && b, "two 2 MiB blocks to change")) {
		test_set_memory_block((unsigned long)phys_to_virt(a));
		test_set_memory_whole((unsigned long)phys_to_virt(b));
		test_nx_enforced(a);
		report(set_memory_ro((unsigned long)phys_to_virt(a) + 1, 1) < 0,
		       "an address not page aligned is refused");
		report(set_memory_ro(WX_PROBE_VA, 1) < 0,
		       "an address outside the identity map is refused");
	}
	if (a)
		free_pages(a, BLOCK_ORDER);
	if (b)
		free_pages(b, BLOCK_ORDER);
	report_prefix_pop();
}

static void wx_suite(void)
{
	struct cpuid_regs r;

	/*
	 * Wherever pv-ops are installed (SELFTEST_NEEDS_PVOPS) the page
	 * tables can be read and written through them, Xen PV's included.
	 */
	pv_cpuid(CPUID_EXT_MAX, 0, &r);
	if (r.eax >= CPUID_EXT_FEATURES)
		pv_cpuid(CPUID_EXT_FEATURES, 0, &r);
	else
		r.edx = 0;
	if (!(r.edx & (1u << CPUID_EXT_EDX_NX))) {
		report(!boot_pte_nx, "no NX on this CPU, and none used");
		report_skip("W^X", "the CPU has no NX (CPUID 0x80000001 EDX bit 20): every page executes");
		return;
	}
	report(boot_pte_nx == PTE_NX, "the CPU has NX and the page tables use it");
	report(pv_rdmsr(MSR_EFER) & EFER_NX, "EFER.NXE is set");
	report(kernel_protections_applied, "mark_kernel_protections() applied W^X");
	test_set_memory();
	test_walk();
	test_probe();
	test_kernel();
	test_backend();
}
SELFTEST_SUITE(wx, "wx", wx_suite, SELFTEST_NEEDS_PVOPS);
