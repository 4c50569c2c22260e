// SPDX-License-Identifier: GPL-2.0
/*
 * Walk 4-level page tables and report the effective protection of every
 * mapped range (SDM vol. 3A, 4.5 and 4.6).
 *
 * Pure: tables are read through a callback, so the same code walks the
 * live tables (kernel/selftest/wx.c) and synthetic ones on the host
 * (tools/testing/pvlink/host/ptwalk_test.c).
 */
#include <linux/types.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/ptwalk.h>

/* Bits 63:48 of a canonical address copy bit 47 (SDM vol. 1, 3.3.7.1). */
#define VA_BITS		48

static unsigned long canonical(unsigned long va)
{
	if (va & (1UL << (VA_BITS - 1)))
		va |= ~0UL << VA_BITS;
	return va;
}

struct walk_state {
	const struct pt_walk *w;
	bool open;			/* a range is being merged */
	unsigned long start, size;
	unsigned int prot;
	unsigned long ranges;
};

static void flush(struct walk_state *s)
{
	if (s->open) {
		s->w->range(s->start, s->size, s->prot, s->w->arg);
		s->ranges++;
	}
	s->open = false;
}

/* Leaves come in address order: extend the open range if they touch. */
static void add_leaf(struct walk_state *s, unsigned long va, unsigned long size,
		     unsigned int prot)
{
	if (s->open && s->prot == prot && s->start + s->size == va) {
		s->size += size;
		return;
	}
	flush(s);
	s->open = true;
	s->start = va;
	s->size = size;
	s->prot = prot;
}

/* Does [va, va + size) lie inside the range the walk skips? */
static bool skipped(const struct pt_walk *w, unsigned long va, unsigned long size)
{
	return w->skip_end > w->skip_start && va >= w->skip_start &&
	       va + (size - 1) <= w->skip_end - 1;
}

static int walk_table(struct walk_state *s, u64 pa, int level, unsigned long base,
		      unsigned int inherited)
{
	const u64 *table = s->w->table(pa & PTE_ADDR_MASK, s->w->arg);
	unsigned int shift = PAGE_SHIFT + 9 * (level - 1);

	if (!table)
		return -1;
	for (unsigned int i = 0; i < PT_ENTRIES; i++) {
		u64 e = s->w->entry ? s->w->entry(&table[i], s->w->arg) : table[i];
		unsigned long va = base + ((unsigned long)i << shift);
		unsigned int prot = inherited;

		if (level == 4)
			va = canonical(va);
		if (skipped(s->w, va, 1UL << shift) || !(e & PTE_PRESENT)) {
			flush(s);
			continue;
		}
		if (!(e & PTE_RW))
			prot &= ~PT_PROT_WRITE;
		if (e & s->w->nx_mask)
			prot &= ~PT_PROT_EXEC;
		if (level == 1 || (level <= 3 && (e & PTE_PSE))) {
			add_leaf(s, va, 1UL << shift, prot);
			continue;
		}
		if (walk_table(s, e, level - 1, va, prot))
			return -1;
	}
	return 0;
}

long pt_walk(const struct pt_walk *w, u64 root)
{
	struct walk_state s = { .w = w };
	int err = walk_table(&s, root, 4, 0, PT_PROT_WRITE | PT_PROT_EXEC);

	flush(&s);
	return err ? -1 : (long)s.ranges;
}
