/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A read-only walk of 4-level page tables (arch/x86/mm/ptwalk.c).
 */
#ifndef _ASM_X86_PTWALK_H
#define _ASM_X86_PTWALK_H

#include <linux/types.h>

/* Effective protection of a mapped range: what every level allows. */
#define PT_PROT_WRITE	0x1	/* RW set at every level */
#define PT_PROT_EXEC	0x2	/* NX set at no level (or NX not enabled) */

struct pt_walk {
	/* A table's contents from its physical address, or NULL if unreadable. */
	const u64 *(*table)(u64 pa, void *arg);
	/*
	 * One entry of a table, its frame as the (pseudo-)physical address
	 * @table takes: the kernel reads through pv_read_pte().  NULL: the
	 * entry as it is in memory.
	 */
	u64 (*entry)(const u64 *ptep, void *arg);
	/* One maximal run of mapped addresses with the same protection. */
	void (*range)(unsigned long va, unsigned long size, unsigned int prot, void *arg);
	/* The NX bit if EFER.NXE is on, else 0 (then everything executes). */
	u64 nx_mask;
	/*
	 * [skip_start, skip_end): addresses someone else owns (a Xen PV
	 * guest's tables map the hypervisor there): an entry covering only
	 * such addresses is neither reported nor descended into.  0, 0: none.
	 */
	unsigned long skip_start, skip_end;
	void *arg;
};

/**
 * pt_walk() - report every mapped range of the tables rooted at @root
 * @w: how to read tables and where to report
 * @root: physical address of the PML4 (CR3 without its flag bits)
 *
 * Walks all four levels, 1 GiB and 2 MiB pages included, in address
 * order (canonical addresses: the upper half after the lower), merging
 * neighbouring pages of the same protection into one range.  Entries
 * wholly inside [@w->skip_start, @w->skip_end) count as not present.
 *
 * Return: the number of ranges reported, or -1 if a table was unreadable.
 */
long pt_walk(const struct pt_walk *w, u64 root);

#endif /* _ASM_X86_PTWALK_H */
