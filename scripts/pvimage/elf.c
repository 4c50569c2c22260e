// SPDX-License-Identifier: GPL-2.0
/*
 * pvimage: read-only views of ELF64 files (backend objects and vmlinux).
 * The linker core validates objects fully before linking them; this only
 * checks what pvimage itself reads, so a malformed file gives a message,
 * never an out-of-bounds read.
 */
#include <string.h>
#include "pvimage.h"

static bool in_file(const struct pvimage_elf *e, u64 off, u64 len)
{
	return off <= e->size && len <= e->size - off;
}

int pvimage_elf_open(struct pvimage_elf *e, const char *path, const void *data,
		     size_t size, const char **why)
{
	const Elf64_Ehdr *eh = data;
	unsigned int i;

	memset(e, 0, sizeof(*e));
	e->path = path;
	e->data = data;
	e->size = size;
	if (size < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG)) {
		*why = "not an ELF file";
		return -1;
	}
	if (eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_ident[EI_DATA] != ELFDATA2LSB ||
	    eh->e_machine != EM_X86_64) {
		*why = "not an ELF64 little-endian x86-64 file";
		return -1;
	}
	if (eh->e_shentsize != sizeof(Elf64_Shdr) || !eh->e_shnum ||
	    !in_file(e, eh->e_shoff, (u64)eh->e_shnum * sizeof(Elf64_Shdr)) ||
	    (eh->e_shoff & 7) || eh->e_shstrndx >= eh->e_shnum) {
		*why = "section header table malformed or outside the file";
		return -1;
	}
	e->eh = eh;
	e->sh = (const Elf64_Shdr *)(e->data + eh->e_shoff);
	e->shnum = eh->e_shnum;
	for (i = 0; i < e->shnum; i++) {
		const Elf64_Shdr *s = &e->sh[i];

		if (s->sh_type != SHT_NOBITS && s->sh_type != SHT_NULL &&
		    !in_file(e, s->sh_offset, s->sh_size)) {
			*why = "a section lies outside the file";
			return -1;
		}
	}
	e->shstr = (const char *)e->data + e->sh[eh->e_shstrndx].sh_offset;
	e->shstrsz = e->sh[eh->e_shstrndx].sh_size;
	if (!e->shstrsz || e->shstr[e->shstrsz - 1]) {
		*why = "section name table not NUL-terminated";
		return -1;
	}
	for (i = 0; i < e->shnum; i++) {
		const Elf64_Shdr *s = &e->sh[i];

		if (s->sh_type != SHT_SYMTAB)
			continue;
		if (s->sh_entsize != sizeof(Elf64_Sym) || s->sh_size % sizeof(Elf64_Sym) ||
		    (s->sh_offset & 7) || s->sh_link >= e->shnum ||
		    e->sh[s->sh_link].sh_type != SHT_STRTAB) {
			*why = "symbol table malformed";
			return -1;
		}
		e->sym = (const Elf64_Sym *)(e->data + s->sh_offset);
		e->nsyms = s->sh_size / sizeof(Elf64_Sym);
		e->str = (const char *)e->data + e->sh[s->sh_link].sh_offset;
		e->strsz = e->sh[s->sh_link].sh_size;
		if (!e->strsz || e->str[e->strsz - 1]) {
			*why = "symbol string table not NUL-terminated";
			return -1;
		}
		break;
	}
	return 0;
}

const char *pvimage_elf_secname(const struct pvimage_elf *e, const Elf64_Shdr *s)
{
	return s->sh_name < e->shstrsz ? e->shstr + s->sh_name : "<bad name>";
}

const char *pvimage_elf_symname(const struct pvimage_elf *e, const Elf64_Sym *s)
{
	if (ELF64_ST_TYPE(s->st_info) == STT_SECTION && s->st_shndx < e->shnum)
		return pvimage_elf_secname(e, &e->sh[s->st_shndx]);
	return s->st_name < e->strsz ? e->str + s->st_name : "<bad name>";
}

const Elf64_Shdr *pvimage_elf_section(const struct pvimage_elf *e, const char *name)
{
	for (unsigned int i = 0; i < e->shnum; i++)
		if (!strcmp(pvimage_elf_secname(e, &e->sh[i]), name))
			return &e->sh[i];
	return NULL;
}

const u8 *pvimage_elf_secdata(const struct pvimage_elf *e, const Elf64_Shdr *s)
{
	if (s->sh_type == SHT_NOBITS || !in_file(e, s->sh_offset, s->sh_size))
		return NULL;
	return e->data + s->sh_offset;
}

const Elf64_Sym *pvimage_elf_symbol(const struct pvimage_elf *e, const char *name)
{
	for (u64 i = 1; i < e->nsyms; i++) {
		const Elf64_Sym *s = &e->sym[i];

		if (ELF64_ST_BIND(s->st_info) != STB_LOCAL && s->st_shndx != SHN_UNDEF &&
		    !strcmp(pvimage_elf_symname(e, s), name))
			return s;
	}
	return NULL;
}

const u8 *pvimage_elf_vaddr(const struct pvimage_elf *e, u64 vaddr, u64 len)
{
	for (unsigned int i = 0; i < e->shnum; i++) {
		const Elf64_Shdr *s = &e->sh[i];

		if (!(s->sh_flags & SHF_ALLOC) || s->sh_type == SHT_NOBITS)
			continue;
		if (vaddr >= s->sh_addr && vaddr - s->sh_addr <= s->sh_size &&
		    len <= s->sh_size - (vaddr - s->sh_addr))
			return e->data + s->sh_offset + (vaddr - s->sh_addr);
	}
	return NULL;
}
