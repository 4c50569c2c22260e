// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the pvlink core: pvlink_init(), pvlink_plan(),
 * pvlink_link(), then pvlink_lookup() and pvlink_section() over whatever
 * linked.
 *
 * Input: one mode byte, then the object bytes.
 *   bit 7     0: the rest is one object.
 *             1: two bytes (little-endian) give the size of the bottom
 *                object; it and the rest form a two-object stack.
 *   bits 0-1  load address: kernel module area, low (under 4 GiB),
 *             beyond any 32-bit reach, or the top of the address space.
 *   bits 2-3  percpu reserve: 256, 0, 4096 or 16 bytes.
 *   bit 4     no export table at all.
 *   bit 5     percpu reserve at 2 GiB instead of 0x1000.
 * Seeds are the good corpus objects with mode 0 (and a stack with 0x80),
 * made by mkseeds.py.
 *
 * Every object is copied into its own exact-size heap block, and every
 * region gets an exact-size block, so ASan sees any byte read or written
 * outside them.  Besides memory safety the target aborts when the API's
 * promises break:
 *  - the returned code differs from ctx->err, or an error has an empty or
 *    unterminated message;
 *  - an object was written;
 *  - a refused pvlink_link() changed staging memory (canary-filled first);
 *    set PVLINK_FUZZ_STAGING=0 in the environment to look past this one;
 *  - pvlink_section() places a loaded section outside its region.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/pvlink.h>

#define MODE_STACK		0x80
#define MODE_ADDR(m)		((m) & 3)
#define MODE_PCPU_SIZE(m)	(((m) >> 2) & 3)
#define MODE_NO_EXPORTS		0x10
#define MODE_PCPU_HIGH		0x20

/* Keep runs fast: a plan asking for more than this is not linked. */
#define MAX_REGION_BYTES	(16u << 20)
#define CANARY			0x5a

static const u64 load_addr[4] = {
	0xffffffffc0000000ull,	/* where modules go: 32S and PC32 reach the kernel */
	0x40000000ull,		/* low: R_X86_64_32 fits, kernel exports out of reach */
	0x100000000000ull,	/* nothing 32-bit fits */
	0xfffffffffff00000ull,	/* regions may wrap the address space */
};
static const u64 pcpu_size[4] = { 256, 0, 4096, 16 };

static const char *const export_names[] = {
	"corpus_ext_func", "corpus_ext_var", "corpus_ext_pcpu",
	"pv_irq_disable", "pv_irq_enable", "corpus_func_a",
};
static const u64 export_values[] = {
	0xffffffff81000000ull, 0xffffffff81200000ull, 0x40,
	0xffffffff81001000ull, 0xffffffff81001040ull, 0xffffffff81002000ull,
};
#define NR_EXPORTS	(sizeof(export_names) / sizeof(export_names[0]))
#define NR_BUCKETS	3

static struct pvlink_export exports[NR_EXPORTS];
static u32 buckets[NR_BUCKETS + 1];
static const struct pvlink_export_table table = {
	.nr_buckets = NR_BUCKETS,
	.nr_exports = NR_EXPORTS,
	.bucket = buckets,
	.exports = exports,
};
static int check_staging = 1;

/* Names lookups try after a link: the seeds' globals and a few others. */
static const char *const lookup_names[] = {
	"corpus_func_a", "corpus_func_b", "corpus_data", "corpus_percpu",
	"corpus_top_func", "corpus_ext_var", "", "pv_irq_disable",
};

static void build_table(void)
{
	unsigned int b, i, n = 0;

	for (b = 0; b < NR_BUCKETS; b++) {
		buckets[b] = n;
		for (i = 0; i < NR_EXPORTS; i++) {
			u32 h = pvlink_hash(export_names[i]);

			if (h % NR_BUCKETS != b)
				continue;
			exports[n].hash = h;
			exports[n].name = export_names[i];
			exports[n].value = export_values[i];
			exports[n].flags = i == 2 ? PVLINK_EXPORT_PERCPU : 0;
			n++;
		}
	}
	buckets[NR_BUCKETS] = n;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *e = getenv("PVLINK_FUZZ_STAGING");

	(void)argc;
	(void)argv;
	build_table();
	if (e && !strcmp(e, "0"))
		check_staging = 0;
	return 0;
}

static void broken(const char *what, const struct pvlink_ctx *ctx)
{
	fprintf(stderr, "pvlink fuzz: %s\n  err %d, message: %.*s\n", what,
		ctx->err, PVLINK_MSG_MAX, ctx->msg);
	abort();
}

static void check_error(const struct pvlink_ctx *ctx, enum pvlink_err err)
{
	if (ctx->err != err)
		broken("returned code differs from ctx->err", ctx);
	if (!memchr(ctx->msg, 0, sizeof(ctx->msg)))
		broken("message not NUL-terminated", ctx);
	if (!ctx->msg[0])
		broken("error with an empty message", ctx);
}

static void check_sections(const struct pvlink_ctx *ctx)
{
	unsigned int oi, i;

	for (oi = 0; oi < ctx->nr_objs; oi++) {
		for (i = 1; i <= PVLINK_MAX_SECTIONS; i++) {
			struct pvlink_section_info info;
			const struct pvlink_region *rg;

			if (pvlink_section(ctx, oi, i, &info) != PVLINK_OK)
				break;
			if (info.region == PVLINK_REGION_NONE)
				continue;
			if (info.region > PVLINK_REGION_NONE)
				broken("pvlink_section() gave no valid region", ctx);
			rg = &ctx->region[info.region];
			if (info.addr < rg->addr || info.addr - rg->addr > rg->size ||
			    info.size > rg->size - (info.addr - rg->addr))
				broken("pvlink_section() placed a section outside its region", ctx);
		}
	}
}

static void link_and_query(struct pvlink_ctx *ctx, u8 mode)
{
	u8 *mem[PVLINK_NR_REGIONS] = { 0 };
	u64 total = 0, addr = load_addr[MODE_ADDR(mode)];
	void *work;
	enum pvlink_err err;
	unsigned int r, i;

	for (r = 0; r < PVLINK_NR_REGIONS; r++)
		total += ctx->region[r].size;
	if (total > MAX_REGION_BYTES || ctx->work_size > MAX_REGION_BYTES)
		return;
	for (r = 0; r < PVLINK_NR_REGIONS; r++) {
		struct pvlink_region *rg = &ctx->region[r];
		size_t a = rg->align < sizeof(void *) ? sizeof(void *) : rg->align;

		if (!rg->size)
			continue;
		/* Exact size: ASan reports the first byte past the region. */
		if (posix_memalign((void **)&mem[r], a, rg->size))
			abort();
		memset(mem[r], CANARY, rg->size);
		rg->mem = mem[r];
		if (r == PVLINK_PERCPU)
			continue;
		addr = (addr + rg->align - 1) & ~(rg->align - 1);
		rg->addr = addr;
		addr += rg->size;
	}
	work = malloc(ctx->work_size ? ctx->work_size : 1);
	err = pvlink_link(ctx, work, ctx->work_size);
	if (err) {
		check_error(ctx, err);
		for (r = 0; r < PVLINK_NR_REGIONS && check_staging; r++)
			for (u64 b = 0; b < ctx->region[r].size; b++)
				if (mem[r][b] != CANARY)
					broken("refused link changed staging memory", ctx);
	} else {
		struct pvlink_symbol sym;

		for (i = 0; i < sizeof(lookup_names) / sizeof(lookup_names[0]); i++)
			pvlink_lookup(ctx, lookup_names[i], &sym);
		check_sections(ctx);
		if (pvlink_link(ctx, work, ctx->work_size) != PVLINK_E_STATE)
			broken("a second pvlink_link() was not refused", ctx);
	}
	free(work);
	for (r = 0; r < PVLINK_NR_REGIONS; r++)
		free(mem[r]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pvlink_object objs[2];
	u8 *copy[2] = { NULL, NULL }, *orig[2] = { NULL, NULL };
	size_t len[2];
	unsigned int n, i;
	struct pvlink_ctx *ctx;
	enum pvlink_err err;
	u8 mode;

	if (!size)
		return 0;
	mode = data[0];
	data++;
	size--;
	if (mode & MODE_STACK) {
		if (size < 2)
			return 0;
		len[0] = data[0] | (size_t)data[1] << 8;
		data += 2;
		size -= 2;
		if (len[0] > size)
			len[0] = size;
		len[1] = size - len[0];
		n = 2;
	} else {
		len[0] = size;
		n = 1;
	}
	for (i = 0; i < n; i++) {
		/* Own exact-size blocks: reading past one object is caught. */
		copy[i] = malloc(len[i] ? len[i] : 1);
		orig[i] = malloc(len[i] ? len[i] : 1);
		memcpy(copy[i], data, len[i]);
		memcpy(orig[i], data, len[i]);
		objs[i].name = i ? "upper" : "lower";
		objs[i].data = copy[i];
		objs[i].size = len[i];
		data += len[i];
	}

	ctx = malloc(sizeof(*ctx));
	pvlink_init(ctx, objs, n, mode & MODE_NO_EXPORTS ? NULL : &table,
		    mode & MODE_PCPU_HIGH ? 0x80000000ull : 0x1000,
		    pcpu_size[MODE_PCPU_SIZE(mode)]);
	err = pvlink_plan(ctx);
	if (err)
		check_error(ctx, err);
	else
		link_and_query(ctx, mode);

	for (i = 0; i < n; i++) {
		if (memcmp(copy[i], orig[i], len[i]))
			broken("an object was written", ctx);
		free(copy[i]);
		free(orig[i]);
	}
	free(ctx);
	return 0;
}
