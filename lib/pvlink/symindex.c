// SPDX-License-Identifier: GPL-2.0
/*
 * pvlink library: each object's index of its global names, and the
 * one-name-once rule checked through it.
 *
 * An object's globals are hashed (pvlink_hash()) into a power-of-two
 * number of buckets with one chain link per global, all in the link's
 * workspace, which the plan sized: building the index costs one pass, a
 * lookup one chain, so resolution and the duplicate check stay linear in
 * the number of symbols however many an object has.  The index is built
 * at the start of pvlink_link(), before any symbol is resolved and long
 * before anything is written.
 */
#include "internal.h"

/* Globals of @o: the symbols from sh_info on (gABI: locals come first). */
static u32 nr_globals(const struct pvlink_obj *o)
{
	return o->nsyms - o->first_global;
}

/* At least one bucket per global, so chains stay short. */
static u32 nr_buckets(const struct pvlink_obj *o)
{
	u32 n = 1;

	while (n < nr_globals(o))
		n <<= 1;
	return n;
}

u64 pvlink_symindex_size(const struct pvlink_obj *o)
{
	u64 n = (u64)nr_buckets(o) * sizeof(u32) +
		(u64)nr_globals(o) * 2 * sizeof(u32);

	return (n + 7) & ~(u64)7;	/* the next object's entries are 8-byte aligned */
}

static const char *global_name(const struct pvlink_obj *o, u32 i)
{
	return o->strtab + get_sym(o, i).st_name;
}

/*
 * A global name appears once per object.  Defined twice, binding would
 * depend on order; defined and also undefined, the undefined copy would
 * resolve elsewhere (below, or to the kernel) while the object's own
 * definition is ignored.  Two undefined references to one name are
 * harmless and allowed.  Reported for the first symbol, in symbol order,
 * that clashes with one before it, naming the first of those.
 */
static enum pvlink_err check_clash(struct pvlink_ctx *ctx, int oi, u32 j, u32 h)
{
	const struct pvlink_obj *o = pvlink_obj(ctx, oi);
	bool j_def = get_sym(o, j).st_shndx != SHN_UNDEF;
	const char *name = global_name(o, j);
	u32 i, first = 0;
	bool i_def = false;

	for (i = o->idx_bucket[h & (o->idx_nb - 1)]; i; i = o->idx_next[i - o->first_global]) {
		bool def = get_sym(o, i).st_shndx != SHN_UNDEF;

		if (o->idx_hash[i - o->first_global] != h || !(def || j_def) ||
		    !pvlink_streq(global_name(o, i), name))
			continue;
		/* Chains run newest first: keep the lowest index. */
		first = i;
		i_def = def;
	}
	if (!first)
		return PVLINK_OK;
	return pvlink_fail(ctx, oi, PVLINK_E_SYM_DUP, "symbols %u and %u both %s '%s'",
			   first, j, i_def && j_def ? "define" : "name", name);
}

enum pvlink_err pvlink_symindex_build(struct pvlink_ctx *ctx, int oi, void *mem)
{
	struct pvlink_obj *o = pvlink_obj(ctx, oi);
	enum pvlink_err err;
	u32 j, b;

	o->idx_nb = nr_buckets(o);
	o->idx_bucket = mem;
	o->idx_next = o->idx_bucket + o->idx_nb;
	o->idx_hash = o->idx_next + nr_globals(o);
	for (b = 0; b < o->idx_nb; b++)
		o->idx_bucket[b] = 0;	/* 0: the null symbol, never a global */
	for (j = o->first_global; j < o->nsyms; j++) {
		u32 h = pvlink_hash(global_name(o, j));

		err = check_clash(ctx, oi, j, h);
		if (err)
			return err;
		b = h & (o->idx_nb - 1);
		o->idx_hash[j - o->first_global] = h;
		o->idx_next[j - o->first_global] = o->idx_bucket[b];
		o->idx_bucket[b] = j;
	}
	return PVLINK_OK;
}

u32 pvlink_obj_find(const struct pvlink_obj *o, const char *name)
{
	u32 h = pvlink_hash(name), i;

	for (i = o->idx_bucket[h & (o->idx_nb - 1)]; i; i = o->idx_next[i - o->first_global]) {
		Elf64_Sym s;

		if (o->idx_hash[i - o->first_global] != h)
			continue;
		s = get_sym(o, i);
		/* One definition at most: the index refused a second one. */
		if (s.st_shndx != SHN_UNDEF && pvlink_streq(o->strtab + s.st_name, name))
			return pvlink_sym_exported(o, &s) ? i : 0;
	}
	return 0;
}
