// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit test of the kernel's page-table walk (arch/x86/mm/ptwalk.c),
 * the one the W^X self-test runs over the live tables: synthetic tables
 * with 1 GiB, 2 MiB and 4 KiB pages, protections restricted at upper
 * levels, holes, the upper half of the address space, a skipped range
 * (the hypervisor's, under Xen PV), entries read through a translating
 * reader (pv_read_pte() under Xen PV) and an unreadable table, each walk
 * compared with the ranges it must report.
 *
 * Usage: ptwalk_test [-t TEST] [PREFIX]	prints TAP lines "ok - PREFIX: TEST: ..."
 *        ptwalk_test --list		names the TESTs
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

#include <linux/types.h>
#include <asm/pgtable.h>
#include <asm/ptwalk.h>

/* The kernel's function, renamed by the suite (objcopy --redefine-sym). */
long k_pt_walk(const struct pt_walk *w, u64 root);

#define P	PTE_PRESENT
#define RW	PTE_RW
#define PS	PTE_PSE
#define NX	PTE_NX
#define W	PT_PROT_WRITE
#define X	PT_PROT_EXEC

#define NR_TABLES	16
#define MAX_RANGES	64

/* "Physical" address of table i is (i + 1) pages; 0 is never a table. */
static u64 tables[NR_TABLES][512] __attribute__((aligned(4096)));
static unsigned int nr_tables;
static int unreadable = -1;

struct range {
	unsigned long va, size;
	unsigned int prot;
};

static struct range got[MAX_RANGES];
static unsigned int nr_got;

/* What check() puts in the walk besides the tables: none by default. */
static unsigned long skip_start, skip_end;
static bool translate;

/*
 * "Machine" frames: with @translate the tables hold every frame with
 * this bit flipped, and the entry reader flips it back, as pv_read_pte()
 * turns Xen's machine frames into pseudo-physical ones.
 */
#define MACHINE_BIT	(1ULL << 40)
static unsigned long entries_read;

static u64 read_entry(const u64 *ptep, void *arg)
{
	(void)arg;
	entries_read++;
	return *ptep & PTE_PRESENT ? *ptep ^ MACHINE_BIT : *ptep;
}

/* Flip the machine bit in every present entry of every table. */
static void to_machine(void)
{
	for (unsigned int t = 0; t < nr_tables; t++)
		for (int i = 0; i < 512; i++)
			if (tables[t][i] & PTE_PRESENT)
				tables[t][i] ^= MACHINE_BIT;
}

static u64 new_table(void)
{
	memset(tables[nr_tables], 0, sizeof(tables[0]));
	return (u64)(++nr_tables) << 12;
}

static u64 *table(u64 pa)
{
	return tables[(pa >> 12) - 1];
}

static const u64 *read_table(u64 pa, void *arg)
{
	unsigned long i = pa >> 12;

	(void)arg;
	if (pa & 0xfff || i < 1 || i > nr_tables || (int)(i - 1) == unreadable)
		return NULL;
	return tables[i - 1];
}

static void record(unsigned long va, unsigned long size, unsigned int prot, void *arg)
{
	(void)arg;
	if (nr_got < MAX_RANGES)
		got[nr_got] = (struct range){ va, size, prot };
	nr_got++;
}

/* Walk from @root and compare with @want[0..n); print the difference. */
static void check(const char *name, u64 root, u64 nx_mask, long want_ret,
		  const struct range *want, unsigned int n)
{
	struct pt_walk w = {
		.table = read_table, .range = record, .nx_mask = nx_mask,
		.entry = translate ? read_entry : NULL,
		.skip_start = skip_start, .skip_end = skip_end,
	};
	long ret;
	int ok;

	nr_got = 0;
	ret = k_pt_walk(&w, root);
	ok = ret == want_ret && (want_ret < 0 || nr_got == n);
	for (unsigned int i = 0; ok && want_ret >= 0 && i < n; i++)
		ok = got[i].va == want[i].va && got[i].size == want[i].size &&
		     got[i].prot == want[i].prot;
	if (!ok) {
		printf("# %s: returned %ld (want %ld), %u ranges:\n", name, ret, want_ret, nr_got);
		for (unsigned int i = 0; i < nr_got && i < MAX_RANGES; i++)
			printf("#   got  %#lx +%#lx prot %u\n", got[i].va, got[i].size, got[i].prot);
		for (unsigned int i = 0; i < n; i++)
			printf("#   want %#lx +%#lx prot %u\n", want[i].va, want[i].size, want[i].prot);
	}
	tap_check(ok, "%s", name);
}

/*
 * One test: a scenario whose every step edits the tables the step
 * before built, so no step runs alone.
 */
static void test_walk(void)
{
	u64 pml4, pdpt, pd, pt, pdpt_hi, pd_ro;

	pml4 = new_table();
	check("an empty PML4 maps nothing", pml4, NX, 0, NULL, 0);

	/*
	 * 0-1 GiB: one 1 GiB page, writable and executable.
	 * 1-2 GiB: a PD: 2 MiB pages rw NX, rw NX, r-x, then a 4 KiB table
	 * (rw NX x 511, the last r-x), then 2 MiB r-x (merges with the last
	 * 4 KiB page), a hole, and the rest rw NX.
	 */
	pdpt = new_table();
	table(pml4)[0] = pdpt | P | RW;
	table(pdpt)[0] = 0 | P | RW | PS;
	pd = new_table();
	table(pdpt)[1] = pd | P | RW;
	pt = new_table();
	for (int i = 0; i < 512; i++) {
		u64 pa = (1ULL << 30) + ((u64)i << 21);

		table(pd)[i] = pa | P | RW | PS | NX;
	}
	table(pd)[2] = ((1ULL << 30) + (2ULL << 21)) | P | PS;
	table(pd)[3] = pt | P | RW;
	for (int i = 0; i < 512; i++)
		table(pt)[i] = ((1ULL << 30) + (3ULL << 21) + ((u64)i << 12)) | P | RW | NX;
	table(pt)[511] = ((1ULL << 30) + (4ULL << 21) - 4096) | P;
	table(pd)[4] = ((1ULL << 30) + (4ULL << 21)) | P | PS;
	table(pd)[5] = 0;
	{
		const struct range want[] = {
			{ 0, 1UL << 30, W | X },
			{ 1UL << 30, 2UL << 21, W },
			{ (1UL << 30) + (2UL << 21), 1UL << 21, X },
			{ (1UL << 30) + (3UL << 21), (1UL << 21) - 4096, W },
			{ (1UL << 30) + (4UL << 21) - 4096, 4096 + (1UL << 21), X },
			{ (1UL << 30) + (6UL << 21), (512UL - 6) << 21, W },
		};

		check("1 GiB, 2 MiB and 4 KiB pages, merged where they touch", pml4, NX, 6,
		      want, 6);
	}
	{
		/* Without NX enabled, bit 63 means nothing: all is executable. */
		const struct range want[] = {
			{ 0, (1UL << 30) + (2UL << 21), W | X },
			{ (1UL << 30) + (2UL << 21), 1UL << 21, X },
			{ (1UL << 30) + (3UL << 21), (1UL << 21) - 4096, W | X },
			{ (1UL << 30) + (4UL << 21) - 4096, 4096 + (1UL << 21), X },
			{ (1UL << 30) + (6UL << 21), (512UL - 6) << 21, W | X },
		};

		check("with NX not enabled every page is executable", pml4, 0, 5, want, 5);
	}

	/* Upper levels restrict: a read-only PDPT entry, an NX PML4 entry. */
	pd_ro = new_table();
	for (int i = 0; i < 512; i++)
		table(pd_ro)[i] = ((2ULL << 30) + ((u64)i << 21)) | P | RW | PS;
	table(pdpt)[2] = pd_ro | P;
	table(pml4)[1] = table(pml4)[0] | NX;
	{
		const struct range want[] = {
			{ 0, 1UL << 30, W | X },
			{ 1UL << 30, 2UL << 21, W },
			{ (1UL << 30) + (2UL << 21), 1UL << 21, X },
			{ (1UL << 30) + (3UL << 21), (1UL << 21) - 4096, W },
			{ (1UL << 30) + (4UL << 21) - 4096, 4096 + (1UL << 21), X },
			{ (1UL << 30) + (6UL << 21), (512UL - 6) << 21, W },
			{ 2UL << 30, 1UL << 30, X },
			/* PML4[1]: the same PDPT again, never executable. */
			{ 1UL << 39, (1UL << 30) + (2UL << 21), W },
			{ (1UL << 39) + (1UL << 30) + (2UL << 21), 1UL << 21, 0 },
			{ (1UL << 39) + (1UL << 30) + (3UL << 21), (1UL << 21) - 4096, W },
			{ (1UL << 39) + (1UL << 30) + (4UL << 21) - 4096, 4096 + (1UL << 21), 0 },
			{ (1UL << 39) + (1UL << 30) + (6UL << 21), (512UL - 6) << 21, W },
			{ (1UL << 39) + (2UL << 30), 1UL << 30, 0 },
		};

		check("read-only and NX at an upper level apply to everything below", pml4, NX,
		      13, want, 13);
	}

	/* The upper half: canonical addresses (bits 63:48 copy bit 47). */
	table(pml4)[1] = 0;
	table(pdpt)[1] = 0;
	table(pdpt)[2] = 0;
	pdpt_hi = new_table();
	table(pml4)[511] = pdpt_hi | P | RW;
	table(pdpt_hi)[510] = (1ULL << 30) | P | PS | NX;
	{
		const struct range want[] = {
			{ 0, 1UL << 30, W | X },
			{ 0xffffffff80000000UL, 1UL << 30, 0 },
		};

		check("the upper half is reported at canonical addresses, after the lower",
		      pml4, NX, 2, want, 2);
	}

	/*
	 * A skipped range, as Xen PV's [HYPERVISOR_VIRT_START, _END) is: 16
	 * PML4 slots from 0xffff800000000000 map something, the walk must
	 * neither report nor enter them; the slot after the range is ours.
	 */
	for (int i = 256; i < 256 + 16; i++)
		table(pml4)[i] = pdpt | P | RW;
	table(pml4)[272] = pdpt_hi | P | RW;
	skip_start = 0xffff800000000000UL;
	skip_end = 0xffff880000000000UL;
	{
		const struct range want[] = {
			{ 0, 1UL << 30, W | X },
			{ 0xffff880000000000UL + (510UL << 30), 1UL << 30, 0 },
			{ 0xffffffff80000000UL, 1UL << 30, 0 },
		};

		check("entries inside the skipped range are neither reported nor entered",
		      pml4, NX, 3, want, 3);
	}
	skip_start = skip_end = 0;
	for (int i = 256; i <= 272; i++)
		table(pml4)[i] = 0;

	/* Entries read through a translating reader, as under Xen PV. */
	to_machine();
	translate = true;
	entries_read = 0;
	{
		const struct range want[] = {
			{ 0, 1UL << 30, W | X },
			{ 0xffffffff80000000UL, 1UL << 30, 0 },
		};

		check("every entry goes through the entry reader, frames as it gives them",
		      pml4, NX, 2, want, 2);
		tap_check(entries_read == 3 * 512, "the reader saw each entry of the 3 tables walked once (%lu reads)",
		    entries_read);
	}
	translate = false;
	to_machine();

	/* A table the reader cannot give: the walk says so. */
	table(pdpt)[1] = pd | P | RW;
	unreadable = (int)((pd >> 12) - 1);
	check("an unreadable table fails the walk", pml4, NX, -1, NULL, 0);
}

/* Every test, by the name -t takes, with the results it prints. */
static const struct tap_test tests[] = {
	{ "walk",	test_walk,	9 },
};
TAP_MAIN(tests, "ptwalk")
