// SPDX-License-Identifier: GPL-2.0
/*
 * pvlink library: symbol resolution, bottom of the stack first, then the
 * kernel's hashed export table.
 */
#include "internal.h"

/* Where the fix of an unresolved symbol is, in the refusal's words. */
#define EXPORTS_WHERE \
	"the kernel's exports are declared with PVLINK_EXPORT() in kernel/pvlink_exports.c"

u32 pvlink_hash(const char *name)
{
	u32 h = 5381;

	while (*name)
		h = h * 33 + (u8)*name++;
	return h;
}

/* Visible to other objects and to the kernel: global, not hidden. */
bool pvlink_sym_exported(const struct pvlink_obj *o, const Elf64_Sym *s)
{
	unsigned int vis = ELF64_ST_VISIBILITY(s->st_other);

	if (!pvlink_sym_is_global_def(s) || vis == STV_HIDDEN || vis == STV_INTERNAL)
		return false;
	return s->st_shndx == SHN_ABS || pvlink_sec_loaded(o, s->st_shndx);
}

const struct pvlink_export *
pvlink_export_find(const struct pvlink_export_table *t, const char *name)
{
	u32 h, b, i;

	if (!t || !t->nr_buckets)
		return NULL;
	h = pvlink_hash(name);
	b = h % t->nr_buckets;
	for (i = t->bucket[b]; i < t->bucket[b + 1]; i++)
		if (t->exports[i].hash == h && pvlink_streq(t->exports[i].name, name))
			return &t->exports[i];
	return NULL;
}

enum pvlink_err pvlink_check_exports(struct pvlink_ctx *ctx)
{
	const struct pvlink_export_table *t = ctx->exports;
	u32 b, i;

	if (!t)
		return PVLINK_OK;
	if (!t->nr_buckets || !t->bucket || (t->nr_exports && !t->exports))
		return pvlink_fail(ctx, -1, PVLINK_E_EXPORTS,
				   "export table: %u buckets, %u exports", t->nr_buckets,
				   t->nr_exports);
	if (t->bucket[0] || t->bucket[t->nr_buckets] != t->nr_exports)
		return pvlink_fail(ctx, -1, PVLINK_E_EXPORTS,
				   "export table: buckets span %u..%u, want 0..%u",
				   t->bucket[0], t->bucket[t->nr_buckets], t->nr_exports);
	for (b = 0; b < t->nr_buckets; b++) {
		if (t->bucket[b] > t->bucket[b + 1])
			return pvlink_fail(ctx, -1, PVLINK_E_EXPORTS,
					   "export table: bucket %u ends before it starts", b);
		for (i = t->bucket[b]; i < t->bucket[b + 1]; i++) {
			const struct pvlink_export *e = &t->exports[i];

			if (!e->name || e->hash != pvlink_hash(e->name) ||
			    e->hash % t->nr_buckets != b)
				return pvlink_fail(ctx, -1, PVLINK_E_EXPORTS,
						   "export table: entry %u ('%s') is in the wrong bucket or has a bad hash",
						   i, e->name ? e->name : "(null)");
		}
	}
	return PVLINK_OK;
}

/*
 * Resolve an undefined global: the objects below first, nearest first,
 * then the kernel's exports.  A weak undefined symbol found nowhere is 0
 * (gABI); a strong one is an error.  A name PVLINK_BELOW_PREFIX + NAME
 * is NAME, from the objects below only (PVLINK_BELOW()).
 */
enum pvlink_err pvlink_resolve_undef(struct pvlink_ctx *ctx, int oi, u32 si,
				     struct pvlink_def *def)
{
	const struct pvlink_obj *o = pvlink_obj(ctx, oi);
	Elf64_Sym s = get_sym(o, si);
	const char *name = o->strtab + s.st_name;
	bool below;
	int lo;

	def->obj = -1;
	def->sym = 0;
	def->exp = NULL;
	def->got = pvlink_streq(name, PVLINK_GOT_SYMBOL);
	if (def->got)
		return PVLINK_OK;
	below = pvlink_prefix(name, PVLINK_BELOW_PREFIX);
	if (below)
		name += sizeof(PVLINK_BELOW_PREFIX) - 1;
	for (lo = oi - 1; lo >= 0; lo--) {
		u32 idx = pvlink_obj_find(pvlink_obj(ctx, lo), name);

		if (idx) {
			def->obj = lo;
			def->sym = idx;
			return PVLINK_OK;
		}
	}
	if (below)
		return pvlink_fail(ctx, oi, PVLINK_E_UNDEFINED,
				   "symbol %u '%s%s' (PVLINK_BELOW(%s)): no object below defines %s%s",
				   si, PVLINK_BELOW_PREFIX, name, name, name,
				   oi ? "" : " (nothing is below: does its PVLINK_BACKEND() lack a .requires?)");
	def->exp = pvlink_export_find(ctx->exports, name);
	if (def->exp || ELF64_ST_BIND(s.st_info) == STB_WEAK)
		return PVLINK_OK;
	if (!oi)
		return pvlink_fail(ctx, oi, PVLINK_E_UNDEFINED,
				   "symbol %u '%s' is not exported by the kernel; " EXPORTS_WHERE,
				   si, name);
	return pvlink_fail(ctx, oi, PVLINK_E_UNDEFINED,
			   "symbol %u '%s' is neither defined by the objects below nor exported by the kernel; " EXPORTS_WHERE,
			   si, name);
}
