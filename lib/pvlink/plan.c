// SPDX-License-Identifier: GPL-2.0
/*
 * pvlink library: the plan.  Every validation step on every object, then
 * the layout of every output region, sized without writing anything but
 * the context.
 */
#include "internal.h"

/*
 * The validation steps of one object, in the order of the spec.  The
 * rules that need a name index (a global name once per object, every
 * undefined global resolved) run at the start of pvlink_link(), in the
 * workspace the plan sizes: still before anything is written.
 */
enum pvlink_err pvlink_check_object(struct pvlink_ctx *ctx, int oi)
{
	enum pvlink_err err;

	err = pvlink_check_header(ctx, oi);
	if (!err)
		err = pvlink_check_sections(ctx, oi);
	if (!err)
		err = pvlink_check_symtab(ctx, oi);
	if (!err)
		err = pvlink_check_symbols(ctx, oi);
	if (!err)
		err = pvlink_check_relocations(ctx, oi);
	return err;
}

/* ------------------------------------------------------------------ */
/* Layout.                                                              */

/*
 * Place section @i of @o after the running region offsets @off[]; return
 * its offset in its region (or PVLINK_NO_ADDR if it is not loaded) and
 * advance @off.  Plan, link and pvlink_section() all place through here,
 * so they cannot disagree.  Sizes were bounded by the object's size or
 * checked by plan_layout(), so the sums here cannot wrap.
 */
u64 pvlink_place_section(const struct pvlink_obj *o, u32 i, u64 off[])
{
	Elf64_Shdr sh = get_shdr(o, i);
	unsigned int r = pvlink_sec_region(o, &sh);
	u64 a = align_of(&sh), at;

	if (r == PVLINK_REGION_NONE)
		return PVLINK_NO_ADDR;
	at = (off[r] + a - 1) & ~(a - 1);
	off[r] = at + sh.sh_size;
	return at;
}

/* Region sizes and alignments over the whole stack, overflow-checked. */
static enum pvlink_err plan_layout(struct pvlink_ctx *ctx)
{
	/* 2^56 bytes: far beyond any real region, far from wrapping. */
	const u64 limit = (u64)1 << 56;
	u64 off[PVLINK_NR_REGIONS] = { 0 };
	u64 got = 0;
	unsigned int oi, r;
	u32 i;

	for (r = 0; r < PVLINK_NR_REGIONS; r++)
		ctx->region[r].align = 1;
	ctx->region[PVLINK_GOT].align = PVLINK_GOT_SLOT;
	for (oi = 0; oi < ctx->nr_objs; oi++) {
		struct pvlink_obj *o = pvlink_obj(ctx, oi);

		for (r = 0; r < PVLINK_NR_REGIONS; r++)
			o->region_start[r] = off[r];
		for (i = 1; i < o->shnum; i++) {
			Elf64_Shdr sh = get_shdr(o, i);

			r = pvlink_sec_region(o, &sh);
			if (r == PVLINK_REGION_NONE)
				continue;
			if (sh.sh_size > limit)
				return pvlink_fail(ctx, oi, PVLINK_E_LAYOUT,
						   "section %u '%s' is %lx bytes", i,
						   sec_name(o, &sh), sh.sh_size);
			pvlink_place_section(o, i, off);
			if (off[r] > limit)
				return pvlink_fail(ctx, oi, PVLINK_E_LAYOUT,
						   "region %u grows past %lx bytes", r, limit);
			if (align_of(&sh) > ctx->region[r].align)
				ctx->region[r].align = align_of(&sh);
		}
		o->got_start = got;
		got += o->nr_got;
	}
	for (r = 0; r < PVLINK_NR_REGIONS; r++)
		ctx->region[r].size = off[r];
	ctx->region[PVLINK_GOT].size = got * PVLINK_GOT_SLOT;
	return PVLINK_OK;
}

static enum pvlink_err plan_percpu(struct pvlink_ctx *ctx)
{
	const struct pvlink_region *pc = &ctx->region[PVLINK_PERCPU];
	unsigned int oi = 0;

	if (pc->size > ctx->percpu_size) {
		/* Name the first object whose percpu data does not fit. */
		while (oi + 1 < ctx->nr_objs &&
		       pvlink_obj(ctx, oi + 1)->region_start[PVLINK_PERCPU] <= ctx->percpu_size)
			oi++;
		return pvlink_fail(ctx, oi, PVLINK_E_PERCPU_OVERFLOW,
				   "its percpu data does not fit: the stack needs %lu bytes, the reserve at offset %lx holds %lu",
				   pc->size, ctx->percpu_base, ctx->percpu_size);
	}
	if (ctx->percpu_base & (pc->align - 1))
		return pvlink_fail(ctx, -1, PVLINK_E_ARG,
				   "percpu reserve offset %lx is not aligned to %lu",
				   ctx->percpu_base, pc->align);
	if (!range_ok(ctx->percpu_base, ctx->percpu_size, ~(u64)0))
		return pvlink_fail(ctx, -1, PVLINK_E_ARG,
				   "percpu reserve %lx + %lx wraps", ctx->percpu_base,
				   ctx->percpu_size);
	ctx->region[PVLINK_PERCPU].addr = ctx->percpu_base;
	return PVLINK_OK;
}

static u64 plan_work_size(const struct pvlink_ctx *ctx)
{
	u64 n = 0;
	unsigned int oi;

	for (oi = 0; oi < ctx->nr_objs; oi++) {
		const struct pvlink_obj *o = pvlink_obj(ctx, oi);

		n += (u64)o->shnum * sizeof(struct pvlink_ws_sec) +
		     (u64)o->nsyms * sizeof(struct pvlink_ws_sym) +
		     pvlink_symindex_size(o);
	}
	return n;
}

void pvlink_init(struct pvlink_ctx *ctx, const struct pvlink_object *objs,
		 unsigned int nr_objs, const struct pvlink_export_table *exports,
		 u64 percpu_base, u64 percpu_size)
{
	__builtin_memset(ctx, 0, sizeof(*ctx));
	ctx->objs = objs;
	ctx->nr_objs = nr_objs;
	ctx->exports = exports;
	ctx->percpu_base = percpu_base;
	ctx->percpu_size = percpu_size;
	ctx->state = PVLINK_STATE_INIT;
}

enum pvlink_err pvlink_plan(struct pvlink_ctx *ctx)
{
	enum pvlink_err err;
	unsigned int oi;

	if (ctx->state != PVLINK_STATE_INIT)
		return pvlink_fail(ctx, -1, PVLINK_E_STATE,
				   "pvlink_plan() needs a fresh pvlink_init()");
	if (!ctx->nr_objs || ctx->nr_objs > PVLINK_MAX_OBJECTS || !ctx->objs)
		return pvlink_fail(ctx, -1, PVLINK_E_OBJECTS, "%u objects, want 1..%u",
				   ctx->nr_objs, PVLINK_MAX_OBJECTS);
	err = pvlink_check_exports(ctx);
	if (err)
		return err;
	for (oi = 0; oi < ctx->nr_objs; oi++) {
		if (!ctx->objs[oi].data)
			return pvlink_fail(ctx, oi, PVLINK_E_ARG, "no data");
		pvlink_obj(ctx, oi)->base = ctx->objs[oi].data;
		pvlink_obj(ctx, oi)->size = ctx->objs[oi].size;
		/* Bottom first: resolution in object i looks only below it. */
		err = pvlink_check_object(ctx, oi);
		if (err)
			return err;
	}
	err = plan_layout(ctx);
	if (!err)
		err = plan_percpu(ctx);
	if (err)
		return err;
	ctx->work_size = plan_work_size(ctx);
	ctx->state = PVLINK_STATE_PLANNED;
	return PVLINK_OK;
}
