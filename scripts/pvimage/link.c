// SPDX-License-Identifier: GPL-2.0
/*
 * pvimage link: the full link of a backend stack by the linker core,
 * offline.  Output (Documentation/pvimage.rst, "link output"):
 *
 *	OUT		flat image: the bytes from --addr up to the end of the
 *			last region with file contents (text, rodata, got,
 *			data, in that order, each at its alignment, or where
 *			--region put it; gaps are zeros).  bss follows data
 *			in memory (or sits where --region put it), not in OUT.
 *	OUT.map		text: regions, input sections, global symbols.
 *	OUT.percpu	the percpu template (only if there is one).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pvimage.h"

/* Memory order of the regions placed at --addr. */
static const unsigned int layout[] = {
	PVLINK_TEXT, PVLINK_RODATA, PVLINK_GOT, PVLINK_DATA, PVLINK_BSS,
};
/*
 * The most pvimage stages in memory for one region, and writes to OUT: a
 * larger one is refused (Documentation/pvimage.rst).  bss has no limit:
 * it is neither staged nor written.
 */
#define PVIMAGE_MAX_BYTES	(1ull << 30)

/* @v aligned up to @a (a power of two) in *@out; false if past 2^64 - 1. */
static bool align_up(u64 v, u64 a, u64 *out)
{
	if (v > ~(u64)0 - (a - 1))
		return false;
	*out = (v + a - 1) & ~(a - 1);
	return true;
}

static void write_map(const struct pvlink_ctx *ctx, const char *path)
{
	size_t cap = 4096, len = 0;
	char *m = pvimage_alloc(cap);
	unsigned int r, oi;

#define MAP(...)							\
	do {								\
		int n_ = snprintf(NULL, 0, __VA_ARGS__);		\
		while (len + n_ + 1 > cap)				\
			m = pvimage_realloc(m, cap *= 2);		\
		len += snprintf(m + len, cap - len, __VA_ARGS__);	\
	} while (0)

	MAP("# pvimage link map, version 1\n");
	for (r = 0; r < PVLINK_NR_REGIONS; r++)
		MAP("region %s 0x%llx 0x%llx 0x%llx\n", pvlink_region_name(r),
		    (unsigned long long)ctx->region[r].addr,
		    (unsigned long long)ctx->region[r].size,
		    (unsigned long long)ctx->region[r].align);
	for (oi = 0; oi < ctx->nr_objs; oi++) {
		const char *oname = ctx->objs[oi].name;
		u32 nsec, nsym;

		/* The link succeeded: every object has passed the boot's checks. */
		if (pvlink_object_counts(ctx, oi, &nsec, &nsym))
			pvimage_die(PVIMAGE_EXIT_FAIL, "%s: not linked", oname);
		for (u32 i = 1; i < nsec; i++) {
			struct pvlink_section_info si;

			if (pvlink_section(ctx, oi, i, &si) || si.region == PVLINK_REGION_NONE)
				continue;
			MAP("section %s %s %s 0x%llx 0x%llx\n", oname, si.name,
			    pvlink_region_name(si.region), (unsigned long long)si.addr,
			    (unsigned long long)si.size);
		}
		for (u32 i = 1; i < nsym; i++) {
			struct pvlink_symbol gs, ps;
			const char *name;

			if (pvlink_global(ctx, oi, i, &name, &gs))
				continue;
			/* Only the definition that wins, as the kernel would see it. */
			if (pvlink_lookup(ctx, name, &ps) || ps.obj != oi)
				continue;
			MAP("symbol %s %s 0x%llx%s\n", oname, name, (unsigned long long)ps.value,
			    ps.flags & PVLINK_SYM_PERCPU ? " percpu" : "");
		}
	}
#undef MAP
	pvimage_write(path, m, len);
	free(m);
}

/* Two non-empty regions must not share a byte (the kernel never does that). */
static void check_overlaps(const struct pvlink_ctx *ctx)
{
	for (unsigned int a = 0; a < PVLINK_NR_REGIONS; a++) {
		const struct pvlink_region *ra = &ctx->region[a];

		for (unsigned int b = a + 1; b < PVLINK_NR_REGIONS; b++) {
			const struct pvlink_region *rb = &ctx->region[b];

			if (a == PVLINK_PERCPU || b == PVLINK_PERCPU || !ra->size || !rb->size)
				continue;
			if (ra->addr < rb->addr + rb->size && rb->addr < ra->addr + ra->size)
				pvimage_die(PVIMAGE_EXIT_USAGE, "regions %s [%#llx +%#llx] and %s "
					    "[%#llx +%#llx] overlap (see --region)",
					    pvlink_region_name(a), (unsigned long long)ra->addr,
					    (unsigned long long)ra->size, pvlink_region_name(b),
					    (unsigned long long)rb->addr,
					    (unsigned long long)rb->size);
		}
	}
}

/*
 * Place the regions of layout[] from --addr on, each after the one before
 * it or where --region put it.  Every byte of the link must lie below
 * 2^64 (the core refuses a region that wraps): a region that would pass
 * it is refused naming that region and what put it there.
 */
static void place_regions(struct pvlink_ctx *ctx, u64 addr,
			  const u64 region_addr[PVLINK_NR_REGIONS], u64 *file_end)
{
	/* The end of the region placed last: the next one goes at or after it. */
	u64 cur = addr;
	const char *prev = NULL;

	*file_end = addr;
	for (unsigned int i = 0; i < sizeof(layout) / sizeof(layout[0]); i++) {
		struct pvlink_region *r = &ctx->region[layout[i]];
		const char *name = pvlink_region_name(layout[i]);
		u64 want = region_addr[layout[i]], at;

		if (want != PVIMAGE_ADDR_AUTO) {
			if (want & (r->align - 1))
				pvimage_die(PVIMAGE_EXIT_USAGE, "--region %s=%#llx: the region "
					    "needs %llu-byte alignment", name,
					    (unsigned long long)want,
					    (unsigned long long)r->align);
			at = want;
		} else if (!align_up(cur, r->align, &at)) {
			/* Nothing is there: its address only goes into the map. */
			if (!r->size) {
				r->addr = cur;
				continue;
			}
			pvimage_die(PVIMAGE_EXIT_FAIL, "the link does not fit below 2^64: %s "
				    "(%#llx bytes, %llu-byte aligned) would start at 2^64, "
				    "after %s%s ends at %#llx; give a lower --addr than %#llx",
				    name, (unsigned long long)r->size,
				    (unsigned long long)r->align, prev ? "" : "--addr ",
				    prev ? prev : "", (unsigned long long)cur,
				    (unsigned long long)addr);
		}
		if (r->size > ~(u64)0 - at) {
			if (want != PVIMAGE_ADDR_AUTO)
				pvimage_die(PVIMAGE_EXIT_FAIL, "the link does not fit below "
					    "2^64: --region %s=%#llx: its %#llx bytes run past "
					    "2^64", name, (unsigned long long)at,
					    (unsigned long long)r->size);
			pvimage_die(PVIMAGE_EXIT_FAIL, "the link does not fit below 2^64: %s "
				    "(%#llx bytes) at %#llx%s%s runs past 2^64; give a lower "
				    "--addr than %#llx", name, (unsigned long long)r->size,
				    (unsigned long long)at, prev ? ", after " : "",
				    prev ? prev : "", (unsigned long long)addr);
		}
		r->addr = at;
		cur = at + r->size;
		if (!r->size)
			continue;
		prev = name;
		if (layout[i] != PVLINK_BSS && cur > *file_end)
			*file_end = cur;
	}
	for (unsigned int r = 0; r < PVLINK_NR_REGIONS; r++)
		if (r != PVLINK_BSS && ctx->region[r].size > PVIMAGE_MAX_BYTES)
			pvimage_die(PVIMAGE_EXIT_FAIL, "region %s is %#llx bytes, more than "
				    "the %llu MiB pvimage stages in memory (only bss may be "
				    "larger)", pvlink_region_name(r),
				    (unsigned long long)ctx->region[r].size,
				    PVIMAGE_MAX_BYTES >> 20);
	if (*file_end - addr > PVIMAGE_MAX_BYTES)
		pvimage_die(PVIMAGE_EXIT_FAIL, "OUT would be %#llx bytes (from --addr %#llx to "
			    "%#llx), more than the %llu MiB pvimage writes: place the regions "
			    "closer together (--region)", (unsigned long long)(*file_end - addr),
			    (unsigned long long)addr, (unsigned long long)*file_end,
			    PVIMAGE_MAX_BYTES >> 20);
}

/*
 * bss is never staged: no output holds it, and a backend may declare
 * gigabytes of it.  The library lets a caller leave it unstaged (struct
 * pvlink_region, @mem), and checks its address range like any other's.
 */
enum pvlink_err pvimage_link_staged(struct pvlink_ctx *ctx, void **work)
{
	for (unsigned int i = 0; i < PVLINK_NR_REGIONS; i++)
		ctx->region[i].mem = ctx->region[i].size && i != PVLINK_BSS ?
			pvimage_alloc_region(ctx->region[i].size) : NULL;
	*work = pvimage_alloc(ctx->work_size);
	return pvlink_link(ctx, *work, ctx->work_size);
}

void pvimage_link_release(struct pvlink_ctx *ctx, void *work)
{
	for (unsigned int i = 0; i < PVLINK_NR_REGIONS; i++) {
		free(ctx->region[i].mem);
		ctx->region[i].mem = NULL;
	}
	free(work);
}

int pvimage_link_stack(const struct pvlink_object *objs, unsigned int nr,
		       const struct pvlink_export_table *exports, u64 addr,
		       const u64 region_addr[PVLINK_NR_REGIONS],
		       u64 percpu_base, u64 percpu_size, const char *out)
{
	struct pvlink_ctx *ctx = pvimage_alloc(sizeof(*ctx));
	u64 file_end;
	void *work;
	u8 *flat;
	size_t plen = strlen(out) + 16;
	char *path = pvimage_alloc(plen);
	unsigned int i;

	pvlink_init(ctx, objs, nr, exports, percpu_base, percpu_size);
	if (pvlink_plan(ctx)) {
		fprintf(stderr, "pvimage %s: %s\n", pvimage_cmd, ctx->msg);
		return PVIMAGE_EXIT_FAIL;
	}
	place_regions(ctx, addr, region_addr, &file_end);
	check_overlaps(ctx);
	if (pvimage_link_staged(ctx, &work)) {
		fprintf(stderr, "pvimage %s: %s\n", pvimage_cmd, ctx->msg);
		return PVIMAGE_EXIT_FAIL;
	}
	flat = pvimage_alloc(file_end - addr);
	for (i = 0; i < sizeof(layout) / sizeof(layout[0]); i++) {
		struct pvlink_region *r = &ctx->region[layout[i]];

		if (layout[i] != PVLINK_BSS && r->size)
			memcpy(flat + (r->addr - addr), r->mem, r->size);
	}
	pvimage_write(out, flat, file_end - addr);
	snprintf(path, plen, "%s.map", out);
	write_map(ctx, path);
	snprintf(path, plen, "%s.percpu", out);
	if (ctx->region[PVLINK_PERCPU].size)
		pvimage_write(path, ctx->region[PVLINK_PERCPU].mem,
			      ctx->region[PVLINK_PERCPU].size);
	else
		remove(path);
	free(flat);
	pvimage_link_release(ctx, work);
	free(ctx);
	free(path);
	return PVIMAGE_EXIT_OK;
}
