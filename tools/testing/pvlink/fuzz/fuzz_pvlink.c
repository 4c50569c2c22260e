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
 * made by mkseeds.py.  A custom mutator (below) edits header, symbol and
 * relocation fields in place half of the time.
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
 *  - pvlink_section() places a loaded section outside its region;
 *  - after a refusal, pvlink_lookup() (and after a refused plan,
 *    pvlink_section()) answers anything but PVLINK_E_STATE;
 *  - a second pvlink_link() after a successful one is not refused.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/pvlink_lib.h>

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
			exports[n].flags = i == 2 ? PVLINK_EXPORT_F_PERCPU : 0;
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

/* After a refusal nothing half-linked may be looked up. */
static void check_no_lookup(const struct pvlink_ctx *ctx, bool planned)
{
	struct pvlink_section_info info;
	struct pvlink_symbol sym;

	if (pvlink_lookup(ctx, "corpus_func_a", &sym) != PVLINK_E_STATE)
		broken("pvlink_lookup() after a refusal did not give PVLINK_E_STATE", ctx);
	if (!planned && pvlink_section(ctx, 0, 1, &info) != PVLINK_E_STATE)
		broken("pvlink_section() after a refused plan did not give PVLINK_E_STATE", ctx);
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
			if (info.addr != rg->addr + info.offset ||
			    (info.align && info.offset % info.align) ||
			    info.offset > rg->size || info.size > rg->size - info.offset)
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
		check_no_lookup(ctx, true);
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

/* ------------------------------------------------------------------ */
/*
 * Structure-aware mutation: half of the time, instead of libFuzzer's byte
 * mutations, change one field of one section header, symbol or
 * relocation to a value chosen to sit on a boundary (0, 1, all ones, a
 * size, a size +- 1, a section index, a relocation type).  Byte flips
 * rarely keep an object valid long enough to reach the relocation code;
 * these do.
 */
size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);

#define EHDR_SHOFF	0x28	/* Elf64_Ehdr.e_shoff (gABI) */
#define EHDR_SHNUM	0x3c	/* Elf64_Ehdr.e_shnum */
#define SHDR_SIZE	64
#define SHDR_TYPE	4
#define SHDR_OFFSET	24
#define SHDR_SIZE_FIELD	32
#define SYM_SIZE	24
#define RELA_SIZE	24
#define SHT_SYMTAB_	2
#define SHT_RELA_	4

static u64 rng_state;

static u64 rnd(void)
{
	/* xorshift64*: reproducible from libFuzzer's seed */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dull;
}

static u64 get_le(const u8 *p, unsigned int w)
{
	u64 v = 0;

	memcpy(&v, p, w);
	return v;
}

static void put_le(u8 *p, unsigned int w, u64 v)
{
	memcpy(p, &v, w);
}

/* A value a check is likely to get wrong, given the field's old value. */
static u64 boundary_value(u64 old, u64 limit, u32 shnum)
{
	switch (rnd() % 12) {
	case 0:  return 0;
	case 1:  return 1;
	case 2:  return ~0ull;
	case 3:  return old + 1;
	case 4:  return old - 1;
	case 5:  return limit;
	case 6:  return limit + 1;
	case 7:  return limit - 1;
	case 8:  return shnum ? rnd() % (shnum + 1) : 0;
	case 9:  return (u64)1 << (rnd() % 64);
	case 10: return old ^ ((u64)1 << (rnd() % 64));
	default: return rnd() % 64;
	}
}

/* Relocation types: every psABI number up to one past the last, or wild. */
static u32 reloc_type(void)
{
	return rnd() % 4 ? rnd() % 44 : (u32)rnd();
}

static bool mutate_object(u8 *obj, size_t size)
{
	u64 shoff, off, len, f;
	u32 shnum, i, pick, type;
	u8 *sh;

	if (size < 64)
		return false;
	shoff = get_le(obj + EHDR_SHOFF, 8);
	shnum = (u32)get_le(obj + EHDR_SHNUM, 2);
	if (!shnum || shoff > size || (u64)shnum * SHDR_SIZE > size - shoff)
		return false;
	pick = (u32)(rnd() % 10);
	i = (u32)(rnd() % shnum);
	sh = obj + shoff + (u64)i * SHDR_SIZE;
	type = (u32)get_le(sh + SHDR_TYPE, 4);
	off = get_le(sh + SHDR_OFFSET, 8);
	len = get_le(sh + SHDR_SIZE_FIELD, 8);
	if (pick < 3 || (type != SHT_SYMTAB_ && type != SHT_RELA_) ||
	    off > size || len > size - off || len < RELA_SIZE) {
		/* any section header field, 8-byte fields at 8, 16, 24, 32, 48, 56 */
		static const u8 at[] = { 0, 4, 8, 16, 24, 32, 40, 44, 48, 56 };
		static const u8 w[] = { 4, 4, 8, 8, 8, 8, 4, 4, 8, 8 };

		f = rnd() % sizeof(at);
		put_le(sh + at[f], w[f], boundary_value(get_le(sh + at[f], w[f]),
						       w[f] == 4 ? shnum : len, shnum));
		return true;
	}
	if (type == SHT_SYMTAB_) {
		/* st_name 0/4, st_info 4/1, st_other 5/1, st_shndx 6/2, st_value 8/8, st_size 16/8 */
		static const u8 at[] = { 0, 4, 5, 6, 8, 16 };
		static const u8 w[] = { 4, 1, 1, 2, 8, 8 };
		u8 *sym = obj + off + (rnd() % (len / SYM_SIZE)) * SYM_SIZE;

		f = rnd() % sizeof(at);
		put_le(sym + at[f], w[f], boundary_value(get_le(sym + at[f], w[f]), len, shnum));
		return true;
	}
	/* a relocation: r_offset, symbol index, type or addend */
	{
		u8 *r = obj + off + (rnd() % (len / RELA_SIZE)) * RELA_SIZE;

		switch (rnd() % 4) {
		case 0:
			put_le(r, 8, boundary_value(get_le(r, 8), len, shnum));
			break;
		case 1:
			put_le(r + 12, 4, boundary_value(get_le(r + 12, 4), len / SYM_SIZE, shnum));
			break;
		case 2:
			put_le(r + 8, 4, reloc_type());
			break;
		default:
			put_le(r + 16, 8, boundary_value(get_le(r + 16, 8), (u64)1 << 31, shnum));
			break;
		}
	}
	return true;
}

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size,
			       unsigned int seed)
{
	size_t start = 1, len;

	rng_state = seed * 0x9e3779b97f4a7c15ull + 1;
	if (size < 2 || rnd() % 2)
		return LLVMFuzzerMutate(data, size, max_size);
	if (rnd() % 16 == 0) {
		data[0] ^= (u8)(1u << (rnd() % 8));	/* another mode */
		return size;
	}
	len = size - 1;
	if (data[0] & MODE_STACK) {
		size_t lo;

		if (size < 3)
			return LLVMFuzzerMutate(data, size, max_size);
		lo = data[1] | (size_t)data[2] << 8;
		if (lo > size - 3)
			lo = size - 3;
		start = 3;
		len = lo;
		if (rnd() % 2) {
			start = 3 + lo;
			len = size - start;
		}
	}
	if (!mutate_object(data + start, len))
		return LLVMFuzzerMutate(data, size, max_size);
	return size;
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
	if (err) {
		check_error(ctx, err);
		check_no_lookup(ctx, false);
	} else {
		link_and_query(ctx, mode);
	}

	for (i = 0; i < n; i++) {
		if (memcmp(copy[i], orig[i], len[i]))
			broken("an object was written", ctx);
		free(copy[i]);
		free(orig[i]);
	}
	free(ctx);
	return 0;
}
