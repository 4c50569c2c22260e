// SPDX-License-Identifier: GPL-2.0
/* Shared helpers of the pvlink core host tests; see testlib.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testlib.h"
#include <linux/pvlink_lib.h>

void *tl_read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	long n;
	void *p;

	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) {
		fprintf(stderr, "cannot read %s\n", path);
		exit(2);
	}
	p = malloc(n ? n : 1);
	if (!p || fread(p, 1, n, f) != (size_t)n) {
		fprintf(stderr, "cannot read %s\n", path);
		exit(2);
	}
	fclose(f);
	*size = n;
	return p;
}

int tl_write_file(const char *path, const void *data, size_t size)
{
	FILE *f = fopen(path, "wb");

	if (!f)
		return -1;
	if (size && fwrite(data, 1, size, f) != size) {
		fclose(f);
		return -1;
	}
	return fclose(f);
}

void tl_exports_build(struct tl_exports *t, const struct tl_sym *syms,
		      unsigned int n, unsigned int nr_buckets)
{
	unsigned int i;

	t->entries = calloc(n ? n : 1, sizeof(*t->entries));
	t->bucket = calloc(nr_buckets + 1, sizeof(*t->bucket));
	for (i = 0; i < n; i++) {
		t->entries[i].name = syms[i].name;
		t->entries[i].value = syms[i].value;
		t->entries[i].flags = syms[i].flags;
	}
	pvlink_export_table_layout(t->entries, n, nr_buckets, t->bucket);
	t->table.nr_buckets = nr_buckets;
	t->table.nr_exports = n;
	t->table.bucket = t->bucket;
	t->table.exports = t->entries;
}

void tl_exports_free(struct tl_exports *t)
{
	free(t->entries);
	free(t->bucket);
}

unsigned int tl_read_symlist(const char *path, struct tl_sym **syms)
{
	FILE *f = fopen(path, "r");
	char line[512], name[256], kind[32];
	unsigned long long v;
	unsigned int n = 0, cap = 16;

	if (!f) {
		fprintf(stderr, "cannot read %s\n", path);
		exit(2);
	}
	*syms = malloc(cap * sizeof(**syms));
	while (fgets(line, sizeof(line), f)) {
		int k = sscanf(line, "%255s %llx %31s", name, &v, kind);

		if (k < 2 || name[0] == '#')
			continue;
		if (n == cap)
			*syms = realloc(*syms, (cap *= 2) * sizeof(**syms));
		(*syms)[n].name = strdup(name);
		(*syms)[n].value = v;
		(*syms)[n].flags = (k == 3 && !strcmp(kind, "percpu")) ? PVLINK_EXPORT_F_PERCPU : 0;
		n++;
	}
	fclose(f);
	return n;
}

enum pvlink_err tl_plan_alloc(struct pvlink_ctx *ctx, void **work)
{
	enum pvlink_err err = pvlink_plan(ctx);
	unsigned int r;

	*work = NULL;
	if (err)
		return err;
	for (r = 0; r < PVLINK_NR_REGIONS; r++) {
		struct pvlink_region *rg = &ctx->region[r];
		size_t a = rg->align < 16 ? 16 : rg->align;

		rg->mem = rg->size ? aligned_alloc(a, (rg->size + a - 1) / a * a) : NULL;
	}
	*work = aligned_alloc(8, ctx->work_size ? (ctx->work_size + 7) / 8 * 8 : 8);
	return PVLINK_OK;
}

void tl_free_regions(struct pvlink_ctx *ctx, void *work)
{
	unsigned int r;

	for (r = 0; r < PVLINK_NR_REGIONS; r++) {
		free(ctx->region[r].mem);
		ctx->region[r].mem = NULL;
	}
	free(work);
}


void tl_free_symlist(struct tl_sym *syms, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		free((void *)syms[i].name);
	free(syms);
}
