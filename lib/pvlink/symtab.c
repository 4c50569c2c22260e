// SPDX-License-Identifier: GPL-2.0
/*
 * pvlink library, validation step 4: the symbol table and every symbol.
 */
#include "internal.h"

enum pvlink_err pvlink_check_symtab(struct pvlink_ctx *ctx, int oi)
{
	struct pvlink_obj *o = pvlink_obj(ctx, oi);
	Elf64_Shdr sh;
	u32 i, found = 0;

	for (i = 1; i < o->shnum; i++) {
		sh = get_shdr(o, i);
		if (sh.sh_type != SHT_SYMTAB)
			continue;
		if (found)
			return pvlink_fail(ctx, oi, PVLINK_E_SYMTAB_MULTI,
					   "sections %u and %u are both SHT_SYMTAB", found, i);
		found = i;
	}
	if (!found)
		return pvlink_fail(ctx, oi, PVLINK_E_SYMTAB_NONE, "no SHT_SYMTAB section");
	sh = get_shdr(o, found);
	if (sh.sh_entsize != sizeof(Elf64_Sym) || sh.sh_size % sizeof(Elf64_Sym) ||
	    !sh.sh_size)
		return pvlink_fail(ctx, oi, PVLINK_E_SYMTAB_ENTSIZE,
				   "symbol table %u: sh_entsize %lu, sh_size %lu, want non-empty multiples of %u",
				   found, sh.sh_entsize, sh.sh_size,
				   (unsigned int)sizeof(Elf64_Sym));
	if (sh.sh_size / sizeof(Elf64_Sym) > 0xffffffffu)
		return pvlink_fail(ctx, oi, PVLINK_E_SYMTAB_ENTSIZE,
				   "symbol table %u: too many symbols", found);
	if (sh.sh_link == SHN_UNDEF || sh.sh_link >= o->shnum)
		return pvlink_fail(ctx, oi, PVLINK_E_SYMTAB_LINK,
				   "symbol table %u: sh_link %u of %u sections", found,
				   sh.sh_link, o->shnum);
	o->symtab = found;
	o->sym = o->base + sh.sh_offset;
	o->nsyms = (u32)(sh.sh_size / sizeof(Elf64_Sym));
	if (!sh.sh_info || sh.sh_info > o->nsyms)
		return pvlink_fail(ctx, oi, PVLINK_E_SYMTAB_INFO,
				   "symbol table %u: sh_info %u, want 1..%u", found,
				   sh.sh_info, o->nsyms);
	o->first_global = sh.sh_info;
	return pvlink_check_strtab(ctx, oi, sh.sh_link, "symbol string table",
			    PVLINK_E_SYMTAB_LINK, &o->strtab, &o->strsz);
}

static enum pvlink_err check_sym_kind(struct pvlink_ctx *ctx, int oi, u32 i,
				      const Elf64_Sym *s)
{
	struct pvlink_obj *o = pvlink_obj(ctx, oi);
	unsigned int bind = ELF64_ST_BIND(s->st_info);
	unsigned int type = ELF64_ST_TYPE(s->st_info);
	const char *name = o->strtab + s->st_name;

	if (i < o->first_global ? bind != STB_LOCAL :
	    bind != STB_GLOBAL && bind != STB_WEAK)
		return pvlink_fail(ctx, oi, PVLINK_E_SYM_BIND,
				   "symbol %u '%s': binding %u at index %u, first global is %u",
				   i, name, bind, i, o->first_global);
	switch (type) {
	case STT_NOTYPE:
	case STT_OBJECT:
	case STT_FUNC:
	case STT_SECTION:
	case STT_FILE:
		break;
	case STT_COMMON:
		return pvlink_fail(ctx, oi, PVLINK_E_SYM_COMMON,
				   "symbol %u '%s' is STT_COMMON", i, name);
	case STT_TLS:
		return pvlink_fail(ctx, oi, PVLINK_E_SYM_TLS,
				   "symbol %u '%s' is STT_TLS", i, name);
	case STT_GNU_IFUNC:
		return pvlink_fail(ctx, oi, PVLINK_E_SYM_IFUNC,
				   "symbol %u '%s' is STT_GNU_IFUNC", i, name);
	default:
		return pvlink_fail(ctx, oi, PVLINK_E_SYM_TYPE,
				   "symbol %u '%s' has type %u", i, name, type);
	}
	return PVLINK_OK;
}

static enum pvlink_err check_sym_place(struct pvlink_ctx *ctx, int oi, u32 i,
				       const Elf64_Sym *s)
{
	struct pvlink_obj *o = pvlink_obj(ctx, oi);
	const char *name = o->strtab + s->st_name;
	Elf64_Shdr sh;

	/* gABI: entry 0 is the undefined null symbol. */
	if (!i && s->st_shndx != SHN_UNDEF)
		return pvlink_fail(ctx, oi, PVLINK_E_SYM_SHNDX,
				   "symbol 0 (the null symbol) has st_shndx %x", s->st_shndx);
	/* A section symbol stands for its section: it must name one. */
	if (ELF64_ST_TYPE(s->st_info) == STT_SECTION &&
	    (s->st_shndx == SHN_UNDEF || s->st_shndx >= o->shnum))
		return pvlink_fail(ctx, oi, PVLINK_E_SYM_SHNDX,
				   "section symbol %u has st_shndx %x, %u sections", i,
				   s->st_shndx, o->shnum);
	if (s->st_shndx == SHN_COMMON)
		return pvlink_fail(ctx, oi, PVLINK_E_SYM_COMMON, "symbol %u '%s' is in SHN_COMMON",
				   i, name);
	if (s->st_shndx == SHN_ABS)
		return PVLINK_OK;
	if (s->st_shndx == SHN_UNDEF) {
		/* Only globals can be undefined; index 0 is the null symbol. */
		if (i && i < o->first_global)
			return pvlink_fail(ctx, oi, PVLINK_E_SYM_SHNDX,
					   "local symbol %u '%s' is undefined", i, name);
		return PVLINK_OK;
	}
	if (s->st_shndx >= o->shnum)
		return pvlink_fail(ctx, oi, PVLINK_E_SYM_SHNDX,
				   "symbol %u '%s': st_shndx %x, %u sections", i, name,
				   s->st_shndx, o->shnum);
	sh = get_shdr(o, s->st_shndx);
	if (ELF64_ST_TYPE(s->st_info) == STT_SECTION && s->st_value)
		return pvlink_fail(ctx, oi, PVLINK_E_SYM_VALUE,
				   "section symbol %u has value %lx", i, s->st_value);
	if (s->st_value > sh.sh_size || s->st_size > sh.sh_size - s->st_value)
		return pvlink_fail(ctx, oi, PVLINK_E_SYM_VALUE,
				   "symbol %u '%s': value %lx size %lx, section %u is %lx bytes",
				   i, name, s->st_value, s->st_size, s->st_shndx, sh.sh_size);
	return PVLINK_OK;
}

bool pvlink_sym_is_global_def(const Elf64_Sym *s)
{
	return ELF64_ST_BIND(s->st_info) != STB_LOCAL && s->st_shndx != SHN_UNDEF;
}

enum pvlink_err pvlink_check_symbols(struct pvlink_ctx *ctx, int oi)
{
	struct pvlink_obj *o = pvlink_obj(ctx, oi);
	enum pvlink_err err;
	u32 i;

	for (i = 0; i < o->nsyms; i++) {
		Elf64_Sym s = get_sym(o, i);

		if (s.st_name >= o->strsz)
			return pvlink_fail(ctx, oi, PVLINK_E_SYM_NAME,
					   "symbol %u: st_name %u, string table has %lu bytes",
					   i, s.st_name, o->strsz);
		err = check_sym_kind(ctx, oi, i, &s);
		if (!err)
			err = check_sym_place(ctx, oi, i, &s);
		if (err)
			return err;
	}
	return PVLINK_OK;
}
