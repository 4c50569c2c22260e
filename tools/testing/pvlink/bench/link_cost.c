// SPDX-License-Identifier: GPL-2.0
/*
 * What a pvlink link costs next to copying the bytes it produces.
 *
 *	link_cost EXPORTS OBJ...
 *
 * EXPORTS is an nm-style list ("ADDRESS TYPE NAME [percpu]", as for
 * "pvimage link --exports").  The objects form one stack, bottom first.
 * The program plans once, then times, each many times over:
 *
 *  - pvlink_plan() + pvlink_link() of the stack (what the kernel does at
 *    boot, minus reserving memory);
 *  - memcpy() of the bytes the link writes (every region but bss), and
 *    memset() of bss: the cheapest possible "loader" of the same output;
 *  - memcpy() of the objects themselves, the stack's bytes as the image
 *    holds them (the brief's "copying its bytes").
 *
 * It prints the median of several rounds of each and the ratios.  The
 * brief's target is a link costing at most three copies of the stack's
 * bytes; this program measures and reports, it never fails on a number.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <linux/pvlink_lib.h>
#include <linux/pvlink_lib.h>

#define ROUNDS		15
#define MIN_ROUND_NS	20000000ull	/* each round runs at least 20 ms */
#define EXPORT_BUCKETS	16
#define PAGE		4096

static void die(const char *fmt, const char *arg)
{
	fprintf(stderr, "link_cost: ");
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	exit(2);
}

static void *read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	void *p;
	long n;

	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET))
		die("cannot read %s", path);
	p = malloc(n ? n : 1);
	if (!p || fread(p, 1, n, f) != (size_t)n)
		die("cannot read %s", path);
	fclose(f);
	*size = n;
	return p;
}

/* "ADDRESS TYPE NAME [percpu]" lines; '#' starts a comment line. */
static unsigned int read_exports(const char *path, struct pvlink_export **out)
{
	FILE *f = fopen(path, "r");
	struct pvlink_export *e = NULL;
	unsigned int n = 0;
	char line[512];

	if (!f)
		die("cannot open %s", path);
	while (fgets(line, sizeof(line), f)) {
		char name[256], type[8], mark[16] = "";
		unsigned long long v;

		if (line[0] == '#' || sscanf(line, "%llx %7s %255s %15s", &v, type, name, mark) < 3)
			continue;
		e = realloc(e, (n + 1) * sizeof(*e));
		if (!e)
			die("out of memory reading %s", path);
		e[n].name = strdup(name);
		e[n].value = v;
		e[n].flags = strcmp(mark, "percpu") ? 0 : PVLINK_EXPORT_F_PERCPU;
		n++;
	}
	fclose(f);
	*out = e;
	return n;
}

static unsigned long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

static int cmp_ull(const void *a, const void *b)
{
	unsigned long long x = *(const unsigned long long *)a;
	unsigned long long y = *(const unsigned long long *)b;

	return x < y ? -1 : x > y;
}

struct bench {
	struct pvlink_ctx ctx;
	const struct pvlink_object *objs;
	unsigned int nr_objs;
	const struct pvlink_export_table *exports;
	void *work;
	u64 work_size;
	void *src[PVLINK_NR_REGIONS];	/* copy benchmark: source bytes */
	void *obj_copy;			/* room for every object's bytes */
};

static void do_link(struct bench *b)
{
	struct pvlink_region saved[PVLINK_NR_REGIONS];

	memcpy(saved, b->ctx.region, sizeof(saved));
	pvlink_init(&b->ctx, b->objs, b->nr_objs, b->exports, 0x100, 0x10000);
	if (pvlink_plan(&b->ctx) != PVLINK_OK)
		die("plan failed: %s", b->ctx.msg);
	for (unsigned int r = 0; r < PVLINK_NR_REGIONS; r++) {
		b->ctx.region[r].addr = saved[r].addr;
		b->ctx.region[r].mem = saved[r].mem;
	}
	if (pvlink_link(&b->ctx, b->work, b->work_size) != PVLINK_OK)
		die("link failed: %s", b->ctx.msg);
}

static void do_copy(struct bench *b)
{
	for (unsigned int r = 0; r < PVLINK_NR_REGIONS; r++) {
		struct pvlink_region *rg = &b->ctx.region[r];

		if (!rg->size)
			continue;
		if (r == PVLINK_BSS)
			memset(rg->mem, 0, rg->size);
		else
			memcpy(rg->mem, b->src[r], rg->size);
	}
	/* Keep the compiler from dropping copies nobody reads. */
	asm volatile("" : : "r"(b->ctx.region[0].mem) : "memory");
}

static void do_copy_objects(struct bench *b)
{
	char *dst = b->obj_copy;

	for (unsigned int i = 0; i < b->nr_objs; i++) {
		memcpy(dst, b->objs[i].data, b->objs[i].size);
		dst += b->objs[i].size;
	}
	asm volatile("" : : "r"(b->obj_copy) : "memory");
}

/* Median over ROUNDS rounds of the time of one call of @fn. */
static double time_one(struct bench *b, void (*fn)(struct bench *))
{
	unsigned long long per[ROUNDS];

	for (int r = 0; r < ROUNDS; r++) {
		unsigned long long t0 = now_ns(), t;
		unsigned long n = 0;

		do {
			fn(b);
			n++;
			t = now_ns() - t0;
		} while (t < MIN_ROUND_NS);
		per[r] = t * 1000 / n;	/* picoseconds, for resolution */
	}
	qsort(per, ROUNDS, sizeof(per[0]), cmp_ull);
	return per[ROUNDS / 2] / 1000.0;
}

int main(int argc, char **argv)
{
	struct pvlink_object objs[PVLINK_MAX_OBJECTS];
	struct pvlink_export_table table;
	struct pvlink_export *e;
	struct bench b = { .objs = objs };
	u64 out_bytes = 0, in_bytes = 0, addr = 0xffffffff82000000ull;
	u32 bucket[EXPORT_BUCKETS + 1];
	double link_ns, copy_ns, copy_in_ns;
	unsigned int n;

	if (argc < 3 || (unsigned int)(argc - 2) > PVLINK_MAX_OBJECTS) {
		fprintf(stderr, "usage: link_cost EXPORTS OBJ... (at most %d objects)\n",
			PVLINK_MAX_OBJECTS);
		return 2;
	}
	n = read_exports(argv[1], &e);
	pvlink_export_table_layout(e, n, EXPORT_BUCKETS, bucket);
	table = (struct pvlink_export_table){ EXPORT_BUCKETS, n, bucket, e };
	for (int i = 2; i < argc; i++) {
		objs[i - 2].name = argv[i];
		objs[i - 2].data = read_file(argv[i], &objs[i - 2].size);
		in_bytes += objs[i - 2].size;
	}
	b.nr_objs = argc - 2;
	b.exports = &table;

	pvlink_init(&b.ctx, b.objs, b.nr_objs, b.exports, 0x100, 0x10000);
	if (pvlink_plan(&b.ctx) != PVLINK_OK)
		die("plan failed: %s", b.ctx.msg);
	for (unsigned int r = 0; r < PVLINK_NR_REGIONS; r++) {
		struct pvlink_region *rg = &b.ctx.region[r];
		u64 sz = (rg->size + PAGE - 1) & ~(u64)(PAGE - 1);

		if (r == PVLINK_PERCPU) {
			rg->addr = 0x100;
		} else {
			rg->addr = addr;
			addr += sz + PAGE;
		}
		rg->mem = aligned_alloc(PAGE, sz ? sz : PAGE);
		b.src[r] = malloc(rg->size ? rg->size : 1);
		if (!rg->mem || !b.src[r])
			die("out of memory%s", "");
		memset(b.src[r], 0x5a, rg->size);
		out_bytes += rg->size;
	}
	b.obj_copy = malloc(in_bytes);
	b.work_size = b.ctx.work_size;
	b.work = aligned_alloc(8, (b.work_size + 7) & ~7ull);
	if (!b.work || !b.obj_copy)
		die("out of memory%s", "");
	do_link(&b);

	link_ns = time_one(&b, do_link);
	copy_ns = time_one(&b, do_copy);
	copy_in_ns = time_one(&b, do_copy_objects);
	printf("# link_cost: %u objects, %llu bytes of ELF in, %llu bytes linked out, %llu relocations\n",
	       b.nr_objs, (unsigned long long)in_bytes, (unsigned long long)out_bytes,
	       (unsigned long long)b.ctx.nr_relocs);
	printf("plan+link          %10.0f ns\n", link_ns);
	printf("copy the objects   %10.0f ns   link/copy %6.2f  (brief's target: <= 3)\n",
	       copy_in_ns, link_ns / copy_in_ns);
	printf("copy the output    %10.0f ns   link/copy %6.2f\n", copy_ns, link_ns / copy_ns);
	return 0;
}
