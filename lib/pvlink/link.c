// SPDX-License-Identifier: GPL-2.0
/*
 * pvlink library: the link.  Place, resolve, check every relocation
 * without writing, then copy and relocate into the caller's memory.
 */
#include "internal.h"

static enum pvlink_err link_check_args(struct pvlink_ctx *ctx, void *work,
				       u64 work_size)
{
	unsigned int r;

	if (ctx->state != PVLINK_STATE_PLANNED)
		return pvlink_fail(ctx, -1, PVLINK_E_STATE,
				   "pvlink_link() needs a successful pvlink_plan()");
	if (!work || work_size < ctx->work_size || ((uintptr_t)work & 7))
		return pvlink_fail(ctx, -1, PVLINK_E_ARG,
				   "workspace of %lu bytes, need %lu, 8-byte aligned",
				   work_size, ctx->work_size);
	for (r = 0; r < PVLINK_NR_REGIONS; r++) {
		const struct pvlink_region *rg = &ctx->region[r];

		if (!rg->size)
			continue;
		/* bss may be left unstaged: the link writes nothing but zeroes there. */
		if ((!rg->mem && r != PVLINK_BSS) || ((uintptr_t)rg->mem & (rg->align - 1)) ||
		    (rg->addr & (rg->align - 1)))
			return pvlink_fail(ctx, -1, PVLINK_E_ARG,
					   "region %u: staging memory missing or address %lx not aligned to %lu",
					   r, rg->addr, rg->align);
		if (!range_ok(rg->addr, rg->size, ~(u64)0))
			return pvlink_fail(ctx, -1, PVLINK_E_LAYOUT,
					   "region %u at %lx + %lx wraps", r, rg->addr, rg->size);
	}
	return PVLINK_OK;
}

/* Carve the workspace and give every loaded section its address. */
static void link_place(struct pvlink_ctx *ctx, void *work)
{
	u8 *w = work;
	unsigned int oi, r;
	u32 i;

	ctx->work = work;
	for (oi = 0; oi < ctx->nr_objs; oi++) {
		struct pvlink_obj *o = pvlink_obj(ctx, oi);
		u64 off[PVLINK_NR_REGIONS];

		o->ws_sec = w;
		w += (u64)o->shnum * sizeof(struct pvlink_ws_sec);
		o->ws_sym = w;
		w += (u64)o->nsyms * sizeof(struct pvlink_ws_sym);
		o->idx_bucket = (u32 *)w;	/* built by link_index() */
		w += pvlink_symindex_size(o);
		for (r = 0; r < PVLINK_NR_REGIONS; r++)
			off[r] = o->region_start[r];
		ws_sec(o)[0].addr = PVLINK_NO_ADDR;
		ws_sec(o)[0].region = PVLINK_REGION_NONE;
		for (i = 1; i < o->shnum; i++) {
			Elf64_Shdr sh = get_shdr(o, i);
			u64 at = pvlink_place_section(o, i, off);

			r = pvlink_sec_region(o, &sh);
			ws_sec(o)[i].region = r;
			ws_sec(o)[i].addr = at == PVLINK_NO_ADDR ? PVLINK_NO_ADDR :
					    ctx->region[r].addr + at;
		}
	}
}

/* Every object's name index, checking that each global name is there once. */
static enum pvlink_err link_index(struct pvlink_ctx *ctx)
{
	enum pvlink_err err;
	unsigned int oi;

	for (oi = 0; oi < ctx->nr_objs; oi++) {
		err = pvlink_symindex_build(ctx, oi, pvlink_obj(ctx, oi)->idx_bucket);
		if (err)
			return err;
	}
	return PVLINK_OK;
}

/* Final value of symbol @i of object @oi; objects below are done. */
static enum pvlink_err link_resolve_sym(struct pvlink_ctx *ctx, int oi, u32 i)
{
	const struct pvlink_obj *o = pvlink_obj(ctx, oi);
	Elf64_Sym s = get_sym(o, i);
	struct pvlink_ws_sym *w = &ws_sym(o)[i];
	struct pvlink_def def;
	enum pvlink_err err;

	w->flags = (ELF64_ST_TYPE(s.st_info) == STT_FUNC ? PVLINK_SYM_FUNC : 0) |
		   (ELF64_ST_BIND(s.st_info) == STB_WEAK ? PVLINK_SYM_WEAK : 0);
	w->value = 0;
	w->external = 0;
	if (s.st_shndx == SHN_ABS) {
		w->value = s.st_value;
		w->flags |= PVLINK_SYM_ABS;
		return PVLINK_OK;
	}
	if (s.st_shndx != SHN_UNDEF) {
		const struct pvlink_ws_sec *sec = &ws_sec(o)[s.st_shndx];

		/* Unloaded: never used by an applied relocation (step 44). */
		if (sec->addr != PVLINK_NO_ADDR)
			w->value = sec->addr + s.st_value;
		if (sec->region == PVLINK_PERCPU)
			w->flags |= PVLINK_SYM_PERCPU;
		return PVLINK_OK;
	}
	w->flags |= PVLINK_SYM_ABS;	/* the null symbol and unresolved weak: 0 */
	if (!i)
		return PVLINK_OK;
	w->external = 1;
	err = pvlink_resolve_undef(ctx, oi, i, &def);
	if (err)
		return err;
	if (def.obj >= 0) {
		const struct pvlink_ws_sym *d = &ws_sym(pvlink_obj(ctx, def.obj))[def.sym];

		w->value = d->value;
		w->flags = (w->flags & ~PVLINK_SYM_ABS) |
			   (d->flags & (PVLINK_SYM_PERCPU | PVLINK_SYM_ABS));
	} else if (def.got) {
		w->value = ctx->region[PVLINK_GOT].addr;
		w->flags &= ~PVLINK_SYM_ABS;
	} else if (def.exp) {
		w->value = def.exp->value;
		if (def.exp->flags & PVLINK_EXPORT_F_PERCPU)
			w->flags |= PVLINK_SYM_PERCPU;
	}
	return PVLINK_OK;
}

/* Final value of every symbol, bottom object first. */
static enum pvlink_err link_resolve(struct pvlink_ctx *ctx)
{
	enum pvlink_err err;
	unsigned int oi;
	u32 i;

	for (oi = 0; oi < ctx->nr_objs; oi++) {
		for (i = 0; i < pvlink_obj(ctx, oi)->nsyms; i++) {
			err = link_resolve_sym(ctx, oi, i);
			if (err)
				return err;
		}
	}
	return PVLINK_OK;
}

/* Copy section bytes into staging memory; zero padding and NOBITS. */
static void link_copy(struct pvlink_ctx *ctx)
{
	unsigned int oi, r;
	u32 i;

	for (r = 0; r < PVLINK_NR_REGIONS; r++)
		if (ctx->region[r].size && ctx->region[r].mem)
			__builtin_memset(ctx->region[r].mem, 0, ctx->region[r].size);
	for (oi = 0; oi < ctx->nr_objs; oi++) {
		const struct pvlink_obj *o = pvlink_obj(ctx, oi);

		for (i = 1; i < o->shnum; i++) {
			Elf64_Shdr sh = get_shdr(o, i);
			u64 addr = ws_sec(o)[i].addr;

			if (addr == PVLINK_NO_ADDR || sh.sh_type == SHT_NOBITS || !sh.sh_size)
				continue;
			r = ws_sec(o)[i].region;
			__builtin_memcpy((u8 *)ctx->region[r].mem + (addr - ctx->region[r].addr),
					 o->base + sh.sh_offset, sh.sh_size);
		}
	}
}

enum pvlink_stage { PVLINK_STAGE_LOCAL, PVLINK_STAGE_EXTERNAL };

/* Apply (or only check) one relocation; its GOT slot index is passed in. */
static enum pvlink_err link_apply_one(struct pvlink_ctx *ctx, int oi, u32 ri,
				      const Elf64_Shdr *rs, u64 e, u64 slot,
				      bool dry_run)
{
	const struct pvlink_obj *o = pvlink_obj(ctx, oi);
	Elf64_Rela r = get_rela(o, rs, e);
	u32 si = ELF64_R_SYM(r.r_info);
	const struct pvlink_howto *h = arch_pvlink_howto(ELF64_R_TYPE(r.r_info));
	const struct pvlink_ws_sec *t = &ws_sec(o)[rs->sh_info];
	const struct pvlink_region *rg = &ctx->region[t->region];
	const struct pvlink_ws_sym *w = &ws_sym(o)[si];
	u64 place = t->addr + r.r_offset;
	struct pvlink_reloc rel = {
		.type = ELF64_R_TYPE(r.r_info),
		.loc = (u8 *)rg->mem + (place - rg->addr),
		.place = place,
		.sym = w->value,
		.addend = r.r_addend,
		.dry_run = dry_run,
	};
	Elf64_Sym s;

	if (h->flags & PVLINK_HOWTO_GOT) {
		const struct pvlink_region *got = &ctx->region[PVLINK_GOT];
		const u8 *sec = o->base + get_shdr(o, rs->sh_info).sh_offset;
		u64 off = slot * PVLINK_GOT_SLOT;

		if (!dry_run)
			__builtin_memcpy((u8 *)got->mem + off, &w->value, PVLINK_GOT_SLOT);
		rel.got = got->addr + off;
		rel.orig = sec + r.r_offset;
		rel.relax = (h->flags & PVLINK_HOWTO_RELAX) &&
			    arch_pvlink_relaxable(rel.type, sec, r.r_offset);
	}
	if (arch_pvlink_apply(h, &rel) == PVLINK_OK)
		return PVLINK_OK;
	s = get_sym(o, si);
	return pvlink_fail(ctx, oi, PVLINK_E_RELA_OVERFLOW,
			   RELA_FMT ": S=%lx A=%ld P=%lx",
			   RELA_ARGS(ri, *rs, e, r, h, sym_name(o, &s)),
			   w->value, r.r_addend, place);
}

/*
 * The plan validated every entry, and the objects must not change before
 * the link; still, nothing is written through an entry that does not
 * re-check, so a changed object cannot make the link write out of bounds.
 */
static bool link_entry_ok(const struct pvlink_obj *o, const Elf64_Rela *r,
			  const struct pvlink_howto *h, u64 target_size)
{
	return h && ELF64_R_SYM(r->r_info) < o->nsyms &&
	       range_ok(r->r_offset, h->width, target_size);
}

/*
 * Apply one stage of one object's relocations: local ones (symbols the
 * object defines itself, absolute ones, the null symbol), or external
 * ones (resolved below or from the kernel).  GOT slots are numbered in
 * file order over both stages, as the plan counted them.  A dry run
 * checks every result and writes nothing.
 */
static enum pvlink_err link_stage(struct pvlink_ctx *ctx, int oi,
				  enum pvlink_stage stage, bool dry_run)
{
	struct pvlink_obj *o = pvlink_obj(ctx, oi);
	u64 slot = o->got_start, e;
	enum pvlink_err err;
	u32 i;

	for (i = 1; i < o->shnum; i++) {
		Elf64_Shdr rs = get_shdr(o, i);
		u64 target_size;

		if (!pvlink_rela_applied(o, &rs))
			continue;
		target_size = get_shdr(o, rs.sh_info).sh_size;
		for (e = 0; e < rs.sh_size / sizeof(Elf64_Rela); e++) {
			Elf64_Rela r = get_rela(o, &rs, e);
			const struct pvlink_howto *h = arch_pvlink_howto(ELF64_R_TYPE(r.r_info));
			u64 my_slot = slot;
			bool external;

			if (!link_entry_ok(o, &r, h, target_size))
				return pvlink_fail(ctx, oi, PVLINK_E_STATE,
						   "section %u entry %lu changed since the plan", i, e);
			if (h->flags & PVLINK_HOWTO_GOT)
				slot++;
			/* R_X86_64_NONE and the like write nothing, maybe in an empty section. */
			if (!h->width)
				continue;
			external = ws_sym(o)[ELF64_R_SYM(r.r_info)].external;
			if (external != (stage == PVLINK_STAGE_EXTERNAL))
				continue;
			err = link_apply_one(ctx, oi, i, &rs, e, my_slot, dry_run);
			if (err)
				return err;
			if (!dry_run)
				ctx->nr_relocs++;
		}
	}
	return PVLINK_OK;
}

/* Both stages over the whole stack, in order: bottom object first. */
static enum pvlink_err link_relocate(struct pvlink_ctx *ctx, bool dry_run)
{
	enum pvlink_err err;
	unsigned int oi;

	for (oi = 0; oi < ctx->nr_objs; oi++) {
		err = link_stage(ctx, oi, PVLINK_STAGE_LOCAL, dry_run);
		if (err)
			return err;
	}
	for (oi = 0; oi < ctx->nr_objs; oi++) {
		err = link_stage(ctx, oi, PVLINK_STAGE_EXTERNAL, dry_run);
		if (err)
			return err;
	}
	return PVLINK_OK;
}

enum pvlink_err pvlink_link(struct pvlink_ctx *ctx, void *work, u64 work_size)
{
	enum pvlink_err err;

	err = link_check_args(ctx, work, work_size);
	if (err)
		return err;
	link_place(ctx, work);
	err = link_index(ctx);
	if (!err)
		err = link_resolve(ctx);
	if (err)
		return err;
	/* Every relocation is computed and checked before anything is written. */
	err = link_relocate(ctx, true);
	if (err)
		return err;
	link_copy(ctx);
	ctx->nr_relocs = 0;
	err = link_relocate(ctx, false);
	if (err)
		return err;
	ctx->state = PVLINK_STATE_LINKED;
	ctx->err = PVLINK_OK;
	return PVLINK_OK;
}
