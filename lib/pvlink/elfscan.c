// SPDX-License-Identifier: GPL-2.0
/*
 * pvlink library: walking a file opened with pvlink_elf_open()
 * (include/linux/pvlink_elf.h) by what it holds rather than by index:
 * its relocation sections, checked before use, the section and the
 * function at an address.  For the host tools that read a linked kernel
 * ("pvimage tables" finds the pv-op call sites in the relocations vmlinux
 * keeps with --emit-relocs).  Only the accessors of elffile.c touch the
 * file's bytes.
 */
#ifdef __KERNEL__
#include <linux/kernel.h>
#include <linux/string.h>
#else
#include <stdio.h>
#include <string.h>
#endif
#include <linux/pvlink_elf.h>

#define FAIL(...)	do { snprintf(msg, len, __VA_ARGS__); return -1; } while (0)

int pvlink_elf_next_rela(const struct pvlink_elf *e, u32 *i, struct pvlink_elf_section *rs,
			 struct pvlink_elf_section *target, char *msg, size_t len)
{
	for (; *i < e->shnum; (*i)++) {
		/* sh_info 0: dynamic relocations, which apply to no one section. */
		if (pvlink_elf_section(e, *i, rs) || rs->type != SHT_RELA || !rs->info)
			continue;
		(*i)++;
		if (!rs->data || rs->entsize != sizeof(Elf64_Rela) ||
		    rs->size % sizeof(Elf64_Rela))
			FAIL("relocation section %s (section %u): entries of %llu bytes, size %llu: not whole Elf64_Rela entries",
			     rs->name, rs->index, (unsigned long long)rs->entsize,
			     (unsigned long long)rs->size);
		if (!e->symtab || rs->link != e->symtab)
			FAIL("relocation section %s (section %u): its symbol table is section %u, not the file's symbol table (section %u)",
			     rs->name, rs->index, rs->link, e->symtab);
		if (pvlink_elf_section(e, rs->info, target))
			FAIL("relocation section %s (section %u) applies to section %u, which does not exist (%u sections)",
			     rs->name, rs->index, rs->info, e->shnum);
		return 1;
	}
	return 0;
}

int pvlink_elf_section_at(const struct pvlink_elf *e, u64 vaddr, struct pvlink_elf_section *s)
{
	for (u32 i = 1; i < e->shnum; i++) {
		if (pvlink_elf_section(e, i, s) || !(s->flags & SHF_ALLOC) || !s->data)
			continue;
		if (vaddr >= s->addr && vaddr - s->addr < s->size)
			return (int)i;
	}
	return -1;
}

/* Which of two function symbols starting at or below an address names it. */
static bool better(const struct pvlink_elf_symbol *a, const struct pvlink_elf_symbol *b)
{
	if (a->value != b->value)
		return a->value > b->value;
	if (a->size != b->size)
		return a->size > b->size;
	return strcmp(a->name, b->name) > 0;
}

const char *pvlink_elf_where(const struct pvlink_elf *e, u64 vaddr, char *buf, size_t len)
{
	struct pvlink_elf_symbol s, best;
	bool found = false;

	for (u32 i = 1; !pvlink_elf_symbol(e, i, &s); i++) {
		if (s.type != STT_FUNC || s.value > vaddr)
			continue;
		if (!found || better(&s, &best))
			best = s;
		found = true;
	}
	if (found && vaddr - best.value < (best.size ? best.size : 1))
		snprintf(buf, len, "%s+0x%llx", best.name, (unsigned long long)(vaddr - best.value));
	else
		snprintf(buf, len, "address 0x%llx (no function)", (unsigned long long)vaddr);
	return buf;
}
