// SPDX-License-Identifier: GPL-2.0
/*
 * pvlink library: a checked, read-only view of any ELF64 file
 * (include/linux/pvlink_elf.h), for the host tools and the patcher.  Everything is
 * checked once in pvlink_elf_open(), top-down like the gABI (header,
 * section table, section names, sections, symbol table, symbols), each
 * failure with its own message; entries are copied out, so the file may
 * have any alignment.
 */
#ifdef __KERNEL__
#include <linux/kernel.h>
#include <linux/string.h>
#else
#include <stdio.h>
#include <string.h>
#endif
#include <linux/pvlink_elf.h>
#include <asm/pvlink.h>

#define FAIL(...)	do { snprintf(msg, len, __VA_ARGS__); return -1; } while (0)

/* [off, off + n) inside the file, without overflow. */
static bool in_file(const struct pvlink_elf *e, u64 off, u64 n)
{
	return off <= e->size && n <= e->size - off;
}

static Elf64_Shdr shdr(const struct pvlink_elf *e, u32 i)
{
	Elf64_Shdr sh;

	memcpy(&sh, e->data + e->shoff + (u64)i * sizeof(sh), sizeof(sh));
	return sh;
}

static bool has_bytes(const Elf64_Shdr *sh)
{
	return sh->sh_type != SHT_NOBITS && sh->sh_type != SHT_NULL;
}

/* A string table: SHT_STRTAB, inside the file, NUL-terminated. */
static int strtab(const struct pvlink_elf *e, u32 i, const char *what,
		  const char **tab, u64 *size, char *msg, size_t len)
{
	Elf64_Shdr sh = shdr(e, i);

	if (sh.sh_type != SHT_STRTAB)
		FAIL("%s (section %u) is of type %u, not SHT_STRTAB", what, i, sh.sh_type);
	if (!sh.sh_size || e->data[sh.sh_offset + sh.sh_size - 1])
		FAIL("%s (section %u) is empty or does not end with a NUL", what, i);
	*tab = (const char *)e->data + sh.sh_offset;
	*size = sh.sh_size;
	return 0;
}

static int check_header(struct pvlink_elf *e, char *msg, size_t len)
{
	Elf64_Ehdr eh;

	if (e->size < sizeof(eh))
		FAIL("%llu bytes: too small for an ELF64 header", (unsigned long long)e->size);
	memcpy(&eh, e->data, sizeof(eh));
	if (memcmp(eh.e_ident, ELFMAG, SELFMAG))
		FAIL("not an ELF file (bad magic)");
	if (eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_ident[EI_DATA] != ELFDATA2LSB)
		FAIL("not a 64-bit little-endian ELF file");
	if (eh.e_ident[EI_VERSION] != EV_CURRENT || eh.e_version != EV_CURRENT)
		FAIL("unknown ELF version");
	if (eh.e_machine != PVLINK_ELF_MACHINE)
		FAIL("built for machine %u, not this architecture (%u)", eh.e_machine,
		     (unsigned int)PVLINK_ELF_MACHINE);
	if (eh.e_shentsize != sizeof(Elf64_Shdr))
		FAIL("section header entries of %u bytes, not %u", eh.e_shentsize,
		     (unsigned int)sizeof(Elf64_Shdr));
	if (!eh.e_shnum)
		FAIL("no section header table (or extended section numbering, which is not supported)");
	if (!in_file(e, eh.e_shoff, (u64)eh.e_shnum * sizeof(Elf64_Shdr)))
		FAIL("section header table (%u entries at offset %llu) runs past the end of the file",
		     eh.e_shnum, (unsigned long long)eh.e_shoff);
	if (eh.e_shstrndx == SHN_UNDEF || eh.e_shstrndx >= eh.e_shnum)
		FAIL("section name table index %u: not a section (%u sections)", eh.e_shstrndx,
		     eh.e_shnum);
	e->type = eh.e_type;
	e->shnum = eh.e_shnum;
	e->shoff = eh.e_shoff;
	return 0;
}

static int check_sections(struct pvlink_elf *e, u32 shstrndx, char *msg, size_t len)
{
	u32 i;

	/* Bytes first: the name table itself is one of the sections. */
	for (i = 0; i < e->shnum; i++) {
		Elf64_Shdr sh = shdr(e, i);

		if (has_bytes(&sh) && !in_file(e, sh.sh_offset, sh.sh_size))
			FAIL("section %u: %llu bytes at offset %llu run past the end of the file",
			     i, (unsigned long long)sh.sh_size, (unsigned long long)sh.sh_offset);
	}
	if (strtab(e, shstrndx, "the section name table", &e->shstr, &e->shstrsz, msg, len))
		return -1;
	for (i = 0; i < e->shnum; i++)
		if (shdr(e, i).sh_name >= e->shstrsz)
			FAIL("section %u: name offset %u is outside the section name table", i,
			     shdr(e, i).sh_name);
	return 0;
}

static int check_symtab(struct pvlink_elf *e, char *msg, size_t len)
{
	Elf64_Shdr sh;
	u32 i;

	for (i = 1; i < e->shnum; i++) {
		if (shdr(e, i).sh_type != SHT_SYMTAB)
			continue;
		if (e->symtab)
			FAIL("two symbol tables (sections %u and %u)", e->symtab, i);
		e->symtab = i;
	}
	if (!e->symtab)
		return 0;
	sh = shdr(e, e->symtab);
	if (sh.sh_entsize != sizeof(Elf64_Sym) || sh.sh_size % sizeof(Elf64_Sym) ||
	    sh.sh_size / sizeof(Elf64_Sym) > 0xffffffffu)
		FAIL("symbol table (section %u): entries of %llu bytes, size %llu: not whole Elf64_Sym entries",
		     e->symtab, (unsigned long long)sh.sh_entsize, (unsigned long long)sh.sh_size);
	if (sh.sh_link == SHN_UNDEF || sh.sh_link >= e->shnum)
		FAIL("symbol table (section %u): string table index %u is not a section",
		     e->symtab, sh.sh_link);
	if (strtab(e, sh.sh_link, "the symbol string table", &e->str, &e->strsz, msg, len))
		return -1;
	e->symoff = sh.sh_offset;
	e->nsyms = sh.sh_size / sizeof(Elf64_Sym);
	for (i = 0; i < e->nsyms; i++) {
		Elf64_Sym s;

		memcpy(&s, e->data + e->symoff + (u64)i * sizeof(s), sizeof(s));
		if (s.st_name >= e->strsz)
			FAIL("symbol %u: name offset %u is outside the string table", i, s.st_name);
		if (s.st_shndx >= e->shnum && s.st_shndx < SHN_LORESERVE)
			FAIL("symbol %u: section index %u, the file has %u sections", i,
			     s.st_shndx, e->shnum);
		if (s.st_shndx == SHN_XINDEX)
			FAIL("symbol %u: extended section index (SHN_XINDEX) is not supported", i);
	}
	return 0;
}

int pvlink_elf_open(struct pvlink_elf *e, const void *data, u64 size, char *msg,
		    size_t len)
{
	Elf64_Ehdr eh;

	memset(e, 0, sizeof(*e));
	e->data = data;
	e->size = size;
	if (check_header(e, msg, len))
		return -1;
	memcpy(&eh, e->data, sizeof(eh));
	if (check_sections(e, eh.e_shstrndx, msg, len) || check_symtab(e, msg, len))
		return -1;
	return 0;
}

int pvlink_elf_section(const struct pvlink_elf *e, u32 i, struct pvlink_elf_section *s)
{
	Elf64_Shdr sh;

	if (i >= e->shnum)
		return -1;
	sh = shdr(e, i);
	s->index = i;
	s->name = e->shstr + sh.sh_name;
	s->type = sh.sh_type;
	s->flags = sh.sh_flags;
	s->addr = sh.sh_addr;
	s->offset = sh.sh_offset;
	s->size = sh.sh_size;
	s->align = sh.sh_addralign;
	s->entsize = sh.sh_entsize;
	s->link = sh.sh_link;
	s->info = sh.sh_info;
	s->data = has_bytes(&sh) ? e->data + sh.sh_offset : NULL;
	return 0;
}

int pvlink_elf_section_by_name(const struct pvlink_elf *e, const char *name,
			       struct pvlink_elf_section *s)
{
	for (u32 i = 0; i < e->shnum; i++) {
		if (strcmp(e->shstr + shdr(e, i).sh_name, name))
			continue;
		pvlink_elf_section(e, i, s);
		return (int)i;
	}
	return -1;
}

int pvlink_elf_symbol(const struct pvlink_elf *e, u32 i, struct pvlink_elf_symbol *s)
{
	Elf64_Sym sym;

	if (i >= e->nsyms)
		return -1;
	memcpy(&sym, e->data + e->symoff + (u64)i * sizeof(sym), sizeof(sym));
	s->index = i;
	s->name = e->str + sym.st_name;
	if (ELF64_ST_TYPE(sym.st_info) == STT_SECTION && sym.st_shndx != SHN_UNDEF &&
	    sym.st_shndx < e->shnum)
		s->name = e->shstr + shdr(e, sym.st_shndx).sh_name;
	s->value = sym.st_value;
	s->size = sym.st_size;
	s->shndx = sym.st_shndx;
	s->bind = ELF64_ST_BIND(sym.st_info);
	s->type = ELF64_ST_TYPE(sym.st_info);
	s->visibility = ELF64_ST_VISIBILITY(sym.st_other);
	return 0;
}

int pvlink_elf_symbol_by_name(const struct pvlink_elf *e, const char *name,
			      struct pvlink_elf_symbol *s)
{
	for (u32 i = 1; i < e->nsyms; i++) {
		pvlink_elf_symbol(e, i, s);
		if (s->bind != STB_LOCAL && s->shndx != SHN_UNDEF && !strcmp(s->name, name))
			return (int)i;
	}
	return -1;
}

int pvlink_elf_rela(const struct pvlink_elf *e, const struct pvlink_elf_section *rs,
		    u64 i, struct pvlink_elf_rela *r)
{
	Elf64_Rela ra;

	if (rs->type != SHT_RELA || !rs->data || rs->size % sizeof(ra) ||
	    i >= rs->size / sizeof(ra) || rs->data != e->data + rs->offset)
		return -1;
	memcpy(&ra, rs->data + i * sizeof(ra), sizeof(ra));
	r->offset = ra.r_offset;
	r->sym = ELF64_R_SYM(ra.r_info);
	r->type = ELF64_R_TYPE(ra.r_info);
	r->addend = ra.r_addend;
	return 0;
}

const u8 *pvlink_elf_vaddr(const struct pvlink_elf *e, u64 vaddr, u64 len)
{
	for (u32 i = 1; i < e->shnum; i++) {
		Elf64_Shdr sh = shdr(e, i);

		if (!(sh.sh_flags & SHF_ALLOC) || !has_bytes(&sh))
			continue;
		if (vaddr >= sh.sh_addr && vaddr - sh.sh_addr <= sh.sh_size &&
		    len <= sh.sh_size - (vaddr - sh.sh_addr))
			return e->data + sh.sh_offset + (vaddr - sh.sh_addr);
	}
	return NULL;
}
