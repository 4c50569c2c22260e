// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target over the whole core: plan, link, lookup and the
 * section map, on an arbitrary byte string taken as an object.  Built
 * with -fsanitize=fuzzer,address,undefined; any out-of-bounds access,
 * undefined behaviour or crash is a finding.
 *
 * The input is linked alone at a kernel address, and on top of itself
 * (a two-object stack, so cross-object resolution is fuzzed too) at a low
 * address, where other relocations overflow.
 */
#include <stdlib.h>
#include <string.h>
#include "testlib.h"

#define KBASE		0xffffffff80000000ull
#define PERCPU_BASE	0x200
#define PERCPU_SIZE	0x10000
/* Bigger regions are legal but pointless to allocate while fuzzing. */
#define FUZZ_REGION_MAX	(1ull << 20)

static struct tl_exports exports;

static void fuzz_init(void)
{
	static const struct tl_sym syms[] = {
		{ "kernel_add", KBASE + 0x1001000, 0 },
		{ "kernel_apply", KBASE + 0x1001040, 0 },
		{ "kernel_counter", KBASE + 0x1200000, 0 },
		{ "kernel_banner", KBASE + 0x1200040, 0 },
		{ "kernel_cpu_id", 0x10, PVLINK_EXPORT_PERCPU },
		{ "pv_op_a", KBASE + 0x1300000, 0 },
		{ "pv_op_c", KBASE + 0x1300100, 0 },
	};

	if (!exports.table.nr_buckets)
		tl_exports_build(&exports, syms, sizeof(syms) / sizeof(syms[0]), 3);
}

static void fuzz_link(const struct pvlink_object *objs, unsigned int n, u64 base)
{
	struct pvlink_ctx *ctx = calloc(1, sizeof(*ctx));
	struct pvlink_section_info si;
	struct pvlink_symbol sym;
	enum pvlink_err err;
	unsigned int r, o, s;
	void *work = NULL;

	pvlink_init(ctx, objs, n, &exports.table, PERCPU_BASE, PERCPU_SIZE);
	if (pvlink_plan(ctx))
		goto out;
	for (r = 0; r < PVLINK_NR_REGIONS; r++)
		if (ctx->region[r].size > FUZZ_REGION_MAX)
			goto out;
	for (r = 0; r < PVLINK_NR_REGIONS; r++) {
		struct pvlink_region *rg = &ctx->region[r];
		size_t a = rg->align < 16 ? 16 : rg->align;

		/* Exact sizes, so ASan sees any write past a region. */
		rg->mem = rg->size ? aligned_alloc(a, (rg->size + a - 1) / a * a) : NULL;
		if (r != PVLINK_PERCPU) {
			rg->addr = base;
			base += (rg->size + 0xfff) & ~0xfffull;
		}
	}
	work = malloc(ctx->work_size ? ctx->work_size : 1);
	err = pvlink_link(ctx, work, ctx->work_size);
	/*
	 * The plan promised everything but the final values: after it, only
	 * an address-dependent overflow may stop the link.
	 */
	if (err && err != PVLINK_E_RELA_OVERFLOW)
		abort();
	if (err == PVLINK_OK) {
		pvlink_lookup(ctx, "pv_op_a", &sym);
		pvlink_lookup(ctx, "pv_op_b", &sym);
		for (o = 0; o < n; o++)
			for (s = 1; pvlink_section(ctx, o, s, &si) == PVLINK_OK; s++)
				;
	}
	for (r = 0; r < PVLINK_NR_REGIONS; r++)
		free(ctx->region[r].mem);
out:
	if (ctx->err && !memchr(ctx->msg, '\0', sizeof(ctx->msg)))
		abort();	/* every message must be terminated */
	free(work);
	free(ctx);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct pvlink_object objs[2] = {
		{ .name = "lower", .data = data, .size = size },
		{ .name = "upper", .data = data, .size = size },
	};

	fuzz_init();
	fuzz_link(objs, 1, KBASE);
	/* Low addresses: other overflow outcomes, and a stack of two. */
	fuzz_link(objs, 2, 0x1000);
	return 0;
}
