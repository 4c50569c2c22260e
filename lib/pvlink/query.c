// SPDX-License-Identifier: GPL-2.0
/*
 * pvlink library: queries after a plan or a link.
 */
#include "internal.h"

enum pvlink_err pvlink_lookup(const struct pvlink_ctx *ctx, const char *name,
			      struct pvlink_symbol *out)
{
	int oi;

	if (ctx->state != PVLINK_STATE_LINKED)
		return PVLINK_E_STATE;
	for (oi = (int)ctx->nr_objs - 1; oi >= 0; oi--) {
		const struct pvlink_obj *o = pvlink_obj(ctx, oi);
		u32 i = pvlink_obj_find(o, name);
		Elf64_Sym s;

		if (!i)
			continue;
		s = get_sym(o, i);
		out->value = ws_sym(o)[i].value;
		out->size = s.st_size;
		out->obj = (unsigned int)oi;
		out->flags = ws_sym(o)[i].flags;
		return PVLINK_OK;
	}
	return PVLINK_E_NOT_FOUND;
}

enum pvlink_err pvlink_section(const struct pvlink_ctx *ctx, unsigned int obj,
			       unsigned int shndx,
			       struct pvlink_section_info *info)
{
	const struct pvlink_obj *o;
	u64 off[PVLINK_NR_REGIONS];
	Elf64_Shdr sh;
	unsigned int r;
	u32 i;

	if (ctx->state != PVLINK_STATE_PLANNED && ctx->state != PVLINK_STATE_LINKED)
		return PVLINK_E_STATE;
	if (obj >= ctx->nr_objs || !shndx || shndx >= pvlink_obj(ctx, obj)->shnum)
		return PVLINK_E_ARG;
	o = pvlink_obj(ctx, obj);
	for (r = 0; r < PVLINK_NR_REGIONS; r++)
		off[r] = o->region_start[r];
	for (i = 1; i < shndx; i++)
		pvlink_place_section(o, i, off);
	sh = get_shdr(o, shndx);
	info->name = sec_name(o, &sh);
	info->region = pvlink_sec_region(o, &sh);
	info->offset = pvlink_place_section(o, shndx, off);
	info->addr = info->region == PVLINK_REGION_NONE ? PVLINK_NO_ADDR :
		     ctx->region[info->region].addr + info->offset;
	info->size = sh.sh_size;
	info->align = align_of(&sh);
	return PVLINK_OK;
}

enum pvlink_err pvlink_object_counts(const struct pvlink_ctx *ctx, unsigned int obj,
				     u32 *nr_sections, u32 *nr_symbols)
{
	if (ctx->state != PVLINK_STATE_PLANNED && ctx->state != PVLINK_STATE_LINKED)
		return PVLINK_E_STATE;
	if (obj >= ctx->nr_objs)
		return PVLINK_E_ARG;
	*nr_sections = pvlink_obj(ctx, obj)->shnum;
	*nr_symbols = pvlink_obj(ctx, obj)->nsyms;
	return PVLINK_OK;
}

enum pvlink_err pvlink_global(const struct pvlink_ctx *ctx, unsigned int obj, u32 i,
			      const char **name, struct pvlink_symbol *out)
{
	const struct pvlink_obj *o;
	Elf64_Sym s;

	if (ctx->state != PVLINK_STATE_LINKED)
		return PVLINK_E_STATE;
	if (obj >= ctx->nr_objs || i >= pvlink_obj(ctx, obj)->nsyms)
		return PVLINK_E_ARG;
	o = pvlink_obj(ctx, obj);
	s = get_sym(o, i);
	if (i < o->first_global || !pvlink_sym_exported(o, &s))
		return PVLINK_E_NOT_FOUND;
	*name = o->strtab + s.st_name;
	out->value = ws_sym(o)[i].value;
	out->size = s.st_size;
	out->obj = obj;
	out->flags = ws_sym(o)[i].flags;
	return PVLINK_OK;
}
