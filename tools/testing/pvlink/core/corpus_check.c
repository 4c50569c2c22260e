// SPDX-License-Identifier: GPL-2.0
/*
 * Run the malformed-object corpus (made by mkcorpus.py) through plan and
 * link; every object must be refused with exactly the error its manifest
 * names, and the message must name the object.  The unmodified object
 * must link.  Built with ASan+UBSan, so a refusal that reads out of
 * bounds first fails too.
 *
 * Usage: corpus_check SYMS GOOD.o MANIFEST DIR
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testlib.h"

#define KBASE		0xffffffff80000000ull
#define PERCPU_BASE	0x200
#define PERCPU_SIZE	0x10000

static struct tl_exports exports;

/* Plan, then link at a kernel address; the first error wins. */
static enum pvlink_err run(const char *name, const void *data, size_t size,
			   char *msg, size_t msgsz)
{
	struct pvlink_object obj = { .name = name, .data = data, .size = size };
	struct pvlink_ctx *ctx = malloc(sizeof(*ctx));
	enum pvlink_err err;
	void *work;
	u64 base = KBASE;
	unsigned int r;

	pvlink_init(ctx, &obj, 1, &exports.table, PERCPU_BASE, PERCPU_SIZE);
	err = tl_plan_alloc(ctx, &work);
	if (!err) {
		for (r = 0; r < PVLINK_NR_REGIONS; r++) {
			if (r == PVLINK_PERCPU)
				continue;
			ctx->region[r].addr = base;
			base += (ctx->region[r].size + 0xfff) & ~0xfffull;
		}
		err = pvlink_link(ctx, work, ctx->work_size);
	}
	snprintf(msg, msgsz, "%s", err ? ctx->msg : "linked");
	tl_free_regions(ctx, work);
	free(ctx);
	return err;
}

int main(int argc, char **argv)
{
	char line[512], file[256], code_name[128], path[4096], msg[PVLINK_MSG_MAX];
	struct tl_sym *syms;
	unsigned int n, code, cases = 0;
	enum pvlink_err err;
	size_t size;
	void *data;
	FILE *m;

	if (argc != 5) {
		fprintf(stderr, "usage: %s SYMS GOOD.o MANIFEST DIR\n", argv[0]);
		return 2;
	}
	tl_prefix = "corpus";
	n = tl_read_symlist(argv[1], &syms);
	tl_exports_build(&exports, syms, n, 5);

	data = tl_read_file(argv[2], &size);
	err = run("good", data, size, msg, sizeof(msg));
	tl_check(err == PVLINK_OK, "the unmodified object links (%s)", msg);
	free(data);

	m = fopen(argv[3], "r");
	if (!m) {
		fprintf(stderr, "cannot read %s\n", argv[3]);
		return 2;
	}
	while (fgets(line, sizeof(line), m)) {
		if (sscanf(line, "%255s %u %127s", file, &code, code_name) != 3)
			continue;
		snprintf(path, sizeof(path), "%s/%s", argv[4], file);
		data = tl_read_file(path, &size);
		err = run(file, data, size, msg, sizeof(msg));
		tl_check(err == code && strstr(msg, file),
			 "%s refused with %s: %s", file, code_name, msg);
		if (err != code)
			tl_diag("got %s (%d), want %s (%u)", pvlink_strerror(err), err,
				code_name, code);
		free(data);
		cases++;
	}
	fclose(m);
	tl_check(cases >= 40, "corpus holds %u malformed objects (at least 40)", cases);
	tl_exports_free(&exports);
	tl_free_symlist(syms, n);
	return tl_failures ? 1 : 0;
}
