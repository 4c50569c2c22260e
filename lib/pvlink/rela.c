// SPDX-License-Identifier: GPL-2.0
/*
 * pvlink library, validation step 5: relocation sections and entries.
 */
#include "internal.h"

/* Is this relocation section applied, i.e. does its target get loaded? */
bool pvlink_rela_applied(const struct pvlink_obj *o, const Elf64_Shdr *rs)
{
	return rs->sh_type == SHT_RELA && pvlink_sec_loaded(o, rs->sh_info);
}

static enum pvlink_err check_rela_section(struct pvlink_ctx *ctx, int oi, u32 i)
{
	struct pvlink_obj *o = pvlink_obj(ctx, oi);
	Elf64_Shdr rs = get_shdr(o, i), t;
	u32 j;

	if (rs.sh_type == SHT_REL)
		return pvlink_fail(ctx, oi, PVLINK_E_REL, "section %u '%s' is SHT_REL",
				   i, sec_name(o, &rs));
	if (rs.sh_type != SHT_RELA)
		return PVLINK_OK;
	if (rs.sh_entsize != sizeof(Elf64_Rela) || rs.sh_size % sizeof(Elf64_Rela))
		return pvlink_fail(ctx, oi, PVLINK_E_RELA_ENTSIZE,
				   "section %u '%s': sh_entsize %lu, sh_size %lu, want multiples of %u",
				   i, sec_name(o, &rs), rs.sh_entsize, rs.sh_size,
				   (unsigned int)sizeof(Elf64_Rela));
	if (rs.sh_link != o->symtab)
		return pvlink_fail(ctx, oi, PVLINK_E_RELA_LINK,
				   "section %u '%s': sh_link %u, symbol table is %u",
				   i, sec_name(o, &rs), rs.sh_link, o->symtab);
	if (rs.sh_info == SHN_UNDEF || rs.sh_info >= o->shnum)
		return pvlink_fail(ctx, oi, PVLINK_E_RELA_INFO,
				   "section %u '%s': sh_info %u of %u sections",
				   i, sec_name(o, &rs), rs.sh_info, o->shnum);
	t = get_shdr(o, rs.sh_info);
	/* Relocating the linker's own tables is never meaningful. */
	if (t.sh_type == SHT_NULL || t.sh_type == SHT_SYMTAB || t.sh_type == SHT_STRTAB ||
	    t.sh_type == SHT_RELA || t.sh_type == SHT_REL)
		return pvlink_fail(ctx, oi, PVLINK_E_RELA_INFO,
				   "section %u '%s' applies to section %u of type %u",
				   i, sec_name(o, &rs), rs.sh_info, t.sh_type);
	if (!pvlink_rela_applied(o, &rs))
		return PVLINK_OK;	/* debug info and ignored sections: skipped */
	if (t.sh_type == SHT_NOBITS)
		return pvlink_fail(ctx, oi, PVLINK_E_RELA_NOBITS,
				   "section %u '%s' relocates NOBITS section %u '%s'",
				   i, sec_name(o, &rs), rs.sh_info, sec_name(o, &t));
	for (j = 1; j < i; j++) {
		Elf64_Shdr other = get_shdr(o, j);

		if (other.sh_type == SHT_RELA && other.sh_info == rs.sh_info)
			return pvlink_fail(ctx, oi, PVLINK_E_RELA_MULTI,
					   "sections %u and %u both relocate section %u '%s'",
					   j, i, rs.sh_info, sec_name(o, &t));
	}
	return PVLINK_OK;
}


/* ------------------------------------------------------------------ */
/* Validation step 5, entries: every relocation of an applied section.  */

static enum pvlink_err check_rela_entry(struct pvlink_ctx *ctx, int oi, u32 ri,
					const Elf64_Shdr *rs, u64 e, u64 *got)
{
	struct pvlink_obj *o = pvlink_obj(ctx, oi);
	Elf64_Rela r = get_rela(o, rs, e);
	u32 si = ELF64_R_SYM(r.r_info), type = ELF64_R_TYPE(r.r_info);
	const struct pvlink_howto *h = arch_pvlink_howto(type);
	Elf64_Shdr t = get_shdr(o, rs->sh_info);
	const char *name = "?";
	Elf64_Sym s;

	if (si >= o->nsyms)
		return pvlink_fail(ctx, oi, PVLINK_E_RELA_SYM, RELA_FMT ": %u symbols",
				   RELA_ARGS(ri, *rs, e, r, h, name), o->nsyms);
	s = get_sym(o, si);
	name = sym_name(o, &s);
	if (!h)
		return pvlink_fail(ctx, oi, PVLINK_E_RELA_TYPE, RELA_FMT ": type %u",
				   RELA_ARGS(ri, *rs, e, r, h, name), type);
	if (!range_ok(r.r_offset, h->width, t.sh_size))
		return pvlink_fail(ctx, oi, PVLINK_E_RELA_OFFSET,
				   RELA_FMT ": %u-byte field past the end of section %u (%lx bytes)",
				   RELA_ARGS(ri, *rs, e, r, h, name), h->width,
				   rs->sh_info, t.sh_size);
	if (s.st_shndx != SHN_UNDEF && s.st_shndx != SHN_ABS && !pvlink_sec_loaded(o, s.st_shndx))
		return pvlink_fail(ctx, oi, PVLINK_E_RELA_NONALLOC_SYM,
				   RELA_FMT ": symbol lives in section %u, which is not loaded",
				   RELA_ARGS(ri, *rs, e, r, h, name), s.st_shndx);
	/*
	 * A PC-relative field may name a percpu symbol: %gs:var(%rip) adds
	 * the percpu offset minus P to P, exactly as in a kernel whose
	 * percpu section is linked at 0, and as GNU ld computes it.
	 */
	/* Each CPU gets a copy of the template: P has no single address. */
	if ((h->flags & PVLINK_HOWTO_PC) && pvlink_sec_region(o, &t) == PVLINK_PERCPU)
		return pvlink_fail(ctx, oi, PVLINK_E_RELA_PERCPU,
				   RELA_FMT ": a PC-relative field inside the percpu template",
				   RELA_ARGS(ri, *rs, e, r, h, name));
	if (h->flags & PVLINK_HOWTO_GOT)
		(*got)++;
	return PVLINK_OK;
}

enum pvlink_err pvlink_check_relocations(struct pvlink_ctx *ctx, int oi)
{
	struct pvlink_obj *o = pvlink_obj(ctx, oi);
	enum pvlink_err err;
	u32 i;
	u64 e;

	o->nr_got = 0;
	for (i = 1; i < o->shnum; i++) {
		err = check_rela_section(ctx, oi, i);
		if (err)
			return err;
	}
	for (i = 1; i < o->shnum; i++) {
		Elf64_Shdr rs = get_shdr(o, i);

		if (!pvlink_rela_applied(o, &rs))
			continue;
		for (e = 0; e < rs.sh_size / sizeof(Elf64_Rela); e++) {
			err = check_rela_entry(ctx, oi, i, &rs, e, &o->nr_got);
			if (err)
				return err;
		}
	}
	return PVLINK_OK;
}
