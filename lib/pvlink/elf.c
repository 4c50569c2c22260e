// SPDX-License-Identifier: GPL-2.0
/*
 * pvlink library, validation steps 1 to 3: the ELF header, the section
 * table and the string tables (Documentation/pvlink.rst, numbered checks),
 * and the classification of sections into output regions.
 */
#include "internal.h"

static bool sec_is_percpu(const struct pvlink_obj *o, const Elf64_Shdr *sh)
{
	const char *name = sec_name(o, sh);

	/* ".data..percpu" and its Linux sub-sections ".data..percpu..x" */
	return pvlink_streq(name, PVLINK_PERCPU_SECTION) ||
	       pvlink_prefix(name, PVLINK_PERCPU_SECTION "..");
}

/*
 * Non-allocated sections (debug info, .comment, the symbol table itself)
 * are never loaded.  Notes are metadata for the image tools, and unwind
 * tables are not used by the kernel: both are allocated but ignored, by
 * type and by name, never mis-linked.
 */
unsigned int pvlink_sec_region(const struct pvlink_obj *o, const Elf64_Shdr *sh)
{
	if (!(sh->sh_flags & SHF_ALLOC))
		return PVLINK_REGION_NONE;
	if (sh->sh_type == SHT_NOTE || sh->sh_type == PVLINK_ARCH_UNWIND_TYPE ||
	    pvlink_streq(sec_name(o, sh), ".eh_frame"))
		return PVLINK_REGION_NONE;
	if (sec_is_percpu(o, sh))
		return PVLINK_PERCPU;
	if (sh->sh_flags & SHF_EXECINSTR)
		return PVLINK_TEXT;
	if (sh->sh_type == SHT_NOBITS)
		return PVLINK_BSS;
	if (sh->sh_flags & SHF_WRITE)
		return PVLINK_DATA;
	return PVLINK_RODATA;
}

bool pvlink_sec_loaded(const struct pvlink_obj *o, u32 i)
{
	Elf64_Shdr sh;

	if (i == SHN_UNDEF || i >= o->shnum)
		return false;
	sh = get_shdr(o, i);
	return pvlink_sec_region(o, &sh) != PVLINK_REGION_NONE;
}

/* ------------------------------------------------------------------ */
/* Validation step 1: the ELF header.                                   */

enum pvlink_err pvlink_check_header(struct pvlink_ctx *ctx, int oi)
{
	struct pvlink_obj *o = pvlink_obj(ctx, oi);
	Elf64_Ehdr eh;

	if (o->size < sizeof(Elf64_Ehdr))
		return pvlink_fail(ctx, oi, PVLINK_E_TRUNCATED,
				   "%lu bytes, an ELF64 header needs %u",
				   o->size, (unsigned int)sizeof(Elf64_Ehdr));
	eh = get_ehdr(o);
	if (__builtin_memcmp(eh.e_ident, ELFMAG, SELFMAG))
		return pvlink_fail(ctx, oi, PVLINK_E_MAGIC, "e_ident does not start with \\177ELF");
	if (eh.e_ident[EI_CLASS] != ELFCLASS64)
		return pvlink_fail(ctx, oi, PVLINK_E_CLASS, "EI_CLASS is %u, want ELFCLASS64",
				   eh.e_ident[EI_CLASS]);
	if (eh.e_ident[EI_DATA] != ELFDATA2LSB)
		return pvlink_fail(ctx, oi, PVLINK_E_DATA, "EI_DATA is %u, want ELFDATA2LSB",
				   eh.e_ident[EI_DATA]);
	if (eh.e_ident[EI_VERSION] != EV_CURRENT || eh.e_version != EV_CURRENT)
		return pvlink_fail(ctx, oi, PVLINK_E_VERSION,
				   "EI_VERSION %u, e_version %u, want %u",
				   eh.e_ident[EI_VERSION], eh.e_version, EV_CURRENT);
	if (eh.e_type != ET_REL)
		return pvlink_fail(ctx, oi, PVLINK_E_TYPE, "e_type is %u, want ET_REL (%u)",
				   eh.e_type, ET_REL);
	if (eh.e_machine != PVLINK_ELF_MACHINE)
		return pvlink_fail(ctx, oi, PVLINK_E_MACHINE, "e_machine is %u, want %u",
				   eh.e_machine, PVLINK_ELF_MACHINE);
	if (eh.e_ehsize != sizeof(Elf64_Ehdr))
		return pvlink_fail(ctx, oi, PVLINK_E_EHSIZE, "e_ehsize is %u, want %u",
				   eh.e_ehsize, (unsigned int)sizeof(Elf64_Ehdr));
	if (eh.e_phnum)
		return pvlink_fail(ctx, oi, PVLINK_E_PHNUM, "e_phnum is %u, want 0",
				   eh.e_phnum);
	if (eh.e_shentsize != sizeof(Elf64_Shdr))
		return pvlink_fail(ctx, oi, PVLINK_E_SHENTSIZE, "e_shentsize is %u, want %u",
				   eh.e_shentsize, (unsigned int)sizeof(Elf64_Shdr));
	/* 0 would mean "extended numbering" (gABI): never needed here. */
	if (!eh.e_shnum || eh.e_shnum > PVLINK_MAX_SECTIONS)
		return pvlink_fail(ctx, oi, PVLINK_E_SHNUM, "e_shnum is %u, want 1..%u",
				   eh.e_shnum, PVLINK_MAX_SECTIONS);
	if (!range_ok(eh.e_shoff, (u64)eh.e_shnum * sizeof(Elf64_Shdr), o->size) ||
	    eh.e_shoff < sizeof(Elf64_Ehdr))
		return pvlink_fail(ctx, oi, PVLINK_E_SHOFF,
				   "e_shoff %lx + %u headers does not lie within %lu bytes after the ELF header",
				   eh.e_shoff, eh.e_shnum, o->size);
	o->shdr = o->base + eh.e_shoff;
	o->shnum = eh.e_shnum;
	if (eh.e_shstrndx == SHN_UNDEF || eh.e_shstrndx >= eh.e_shnum)
		return pvlink_fail(ctx, oi, PVLINK_E_SHSTRNDX, "e_shstrndx is %u of %u sections",
				   eh.e_shstrndx, eh.e_shnum);
	return PVLINK_OK;
}

/* ------------------------------------------------------------------ */
/* Validation step 3 (used by 2 and 4): a string table.                 */

enum pvlink_err pvlink_check_strtab(struct pvlink_ctx *ctx, int oi, u32 idx,
				    const char *what, enum pvlink_err bad_link,
				    const char **str, u64 *size)
{
	struct pvlink_obj *o = pvlink_obj(ctx, oi);
	Elf64_Shdr sh = get_shdr(o, idx);
	const char *s;

	if (sh.sh_type != SHT_STRTAB)
		return pvlink_fail(ctx, oi, bad_link, "%s: section %u has type %u, want SHT_STRTAB",
				   what, idx, sh.sh_type);
	/* Non-empty sections were bounds-checked by pvlink_check_sections(). */
	s = sh.sh_size ? (const char *)o->base + sh.sh_offset : NULL;
	if (!s || s[0] || s[sh.sh_size - 1])
		return pvlink_fail(ctx, oi, PVLINK_E_STRTAB,
				   "%s: section %u (%lu bytes) must start and end with NUL",
				   what, idx, sh.sh_size);
	*str = s;
	*size = sh.sh_size;
	return PVLINK_OK;
}

/* ------------------------------------------------------------------ */
/* Validation step 2: the section table.                                */

/*
 * Assemblers write section contents in section-index order, so in a
 * normal object each section's bytes start at or after the end of the
 * previous one's: then no two overlap, found in one pass.  Only an object
 * laid out otherwise needs the test of every pair.
 */
static bool sec_spans_ascend(const struct pvlink_obj *o)
{
	u64 start, end, prev_end = 0;
	u32 i;

	for (i = 1; i < o->shnum; i++) {
		if (!sec_span(o, i, &start, &end))
			continue;
		if (start < prev_end)
			return false;
		prev_end = end;
	}
	return true;
}

static enum pvlink_err check_sec_bounds(struct pvlink_ctx *ctx, int oi)
{
	struct pvlink_obj *o = pvlink_obj(ctx, oi);
	u64 shtab = get_ehdr(o).e_shoff;
	u64 shtab_end = shtab + (u64)o->shnum * sizeof(Elf64_Shdr);
	u32 i, j;

	for (i = 1; i < o->shnum; i++) {
		Elf64_Shdr sh = get_shdr(o, i);

		if (sh.sh_type == SHT_NOBITS || !sh.sh_size)
			continue;
		if (!range_ok(sh.sh_offset, sh.sh_size, o->size))
			return pvlink_fail(ctx, oi, PVLINK_E_SEC_BOUNDS,
					   "section %u: offset %lx size %lx, object is %lu bytes",
					   i, sh.sh_offset, sh.sh_size, o->size);
		if (sh.sh_offset < sizeof(Elf64_Ehdr) ||
		    (sh.sh_offset < shtab_end && shtab < sh.sh_offset + sh.sh_size))
			return pvlink_fail(ctx, oi, PVLINK_E_SEC_OVERLAP,
					   "section %u (offset %lx size %lx) overlaps the ELF or section headers",
					   i, sh.sh_offset, sh.sh_size);
	}
	if (sec_spans_ascend(o))
		return PVLINK_OK;
	for (i = 1; i < o->shnum; i++) {
		u64 a_start, a_end, b_start, b_end;

		if (!sec_span(o, i, &a_start, &a_end))
			continue;
		for (j = i + 1; j < o->shnum; j++) {
			if (sec_span(o, j, &b_start, &b_end) &&
			    a_start < b_end && b_start < a_end)
				return pvlink_fail(ctx, oi, PVLINK_E_SEC_OVERLAP,
						   "sections %u and %u share file bytes", i, j);
		}
	}
	return PVLINK_OK;
}

static enum pvlink_err check_sec_kind(struct pvlink_ctx *ctx, int oi, u32 i)
{
	struct pvlink_obj *o = pvlink_obj(ctx, oi);
	Elf64_Shdr sh = get_shdr(o, i);

	if (sh.sh_name >= o->shstrsz)
		return pvlink_fail(ctx, oi, PVLINK_E_SEC_NAME,
				   "section %u: sh_name %u, name table has %lu bytes",
				   i, sh.sh_name, o->shstrsz);
	if (!(sh.sh_flags & SHF_ALLOC))
		return PVLINK_OK;	/* not loaded: ignored whatever its type */
	if (sh.sh_type != SHT_PROGBITS && sh.sh_type != SHT_NOBITS &&
	    sh.sh_type != SHT_NOTE && sh.sh_type != PVLINK_ARCH_UNWIND_TYPE)
		return pvlink_fail(ctx, oi, PVLINK_E_SEC_TYPE,
				   "section %u '%s' is allocated with type %x",
				   i, sec_name(o, &sh), sh.sh_type);
	/* Loaded bytes are copied as they are: no decompression at boot. */
	if (sh.sh_flags & SHF_COMPRESSED)
		return pvlink_fail(ctx, oi, PVLINK_E_SEC_TYPE,
				   "section %u '%s' is allocated and SHF_COMPRESSED",
				   i, sec_name(o, &sh));
	if (sh.sh_flags & SHF_TLS)
		return pvlink_fail(ctx, oi, PVLINK_E_SEC_TLS, "section %u '%s' is SHF_TLS",
				   i, sec_name(o, &sh));
	/* Text is mapped read-only after the link: writes to it would fault. */
	if ((sh.sh_flags & SHF_WRITE) && (sh.sh_flags & SHF_EXECINSTR))
		return pvlink_fail(ctx, oi, PVLINK_E_SEC_WX,
				   "section %u '%s' is writable and executable; put code and data in separate sections",
				   i, sec_name(o, &sh));
	if (!is_pow2(align_of(&sh)))
		return pvlink_fail(ctx, oi, PVLINK_E_SEC_ALIGN,
				   "section %u '%s': sh_addralign %lu", i,
				   sec_name(o, &sh), sh.sh_addralign);
	if (align_of(&sh) > PVLINK_MAX_ALIGN)
		return pvlink_fail(ctx, oi, PVLINK_E_SEC_ALIGN_CAP,
				   "section %u '%s': sh_addralign %lu, limit %u", i,
				   sec_name(o, &sh), sh.sh_addralign, PVLINK_MAX_ALIGN);
	return PVLINK_OK;
}

enum pvlink_err pvlink_check_sections(struct pvlink_ctx *ctx, int oi)
{
	struct pvlink_obj *o = pvlink_obj(ctx, oi);
	enum pvlink_err err;
	u32 i;

	err = check_sec_bounds(ctx, oi);
	if (err)
		return err;
	err = pvlink_check_strtab(ctx, oi, get_ehdr(o).e_shstrndx, "section name table",
			   PVLINK_E_SHSTRNDX, &o->shstrtab, &o->shstrsz);
	if (err)
		return err;
	for (i = 1; i < o->shnum; i++) {
		err = check_sec_kind(ctx, oi, i);
		if (err)
			return err;
	}
	return PVLINK_OK;
}
