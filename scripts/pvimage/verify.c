// SPDX-License-Identifier: GPL-2.0
/*
 * pvimage verify --kernel VMLINUX IMAGE: everything the boot-time link
 * would find wrong, found at build time instead.  For every backend:
 *  - its digest is in the kernel's allow-list (bound to this kernel);
 *  - its stack (it and what it requires) links with the core against
 *    the kernel's export table: every undefined symbol is exported, and
 *    its percpu data fits the kernel's reserve;
 *  - the stack defines every pv-op the kernel calls.
 * The image itself is checked on reading (index, members, digests).
 * Every problem is reported, not only the first.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pvimage.h"

/* Where the trial link places the stack: any address the kernel model reaches. */
#define VERIFY_LINK_ADDR	0x1000000ull

static int problems;

static void problem(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void problem(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "pvimage verify: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	problems++;
}

static bool allowed(const struct pvimage_kernel *k, const u8 *digest)
{
	for (unsigned int i = 0; i < k->nr_digests; i++)
		if (!memcmp(k->digests + (u64)i * SHA256_DIGEST_SIZE, digest, SHA256_DIGEST_SIZE))
			return true;
	return false;
}

/* The fix a refusal calls for, where there is one obvious fix. */
static const char *what_to_do(enum pvlink_err err)
{
	switch (err) {
	case PVLINK_E_UNDEFINED:
		return " (only symbols the kernel marks with PVLINK_EXPORT() can be used)";
	case PVLINK_E_PERCPU_OVERFLOW:
		return " (raise CONFIG_PVLINK_PERCPU_RESERVE)";
	default:
		return "";
	}
}

static void stack_name(char *buf, size_t len, const struct pvimage_backend **stack,
		       unsigned int nr)
{
	buf[0] = 0;
	for (unsigned int i = 0; i < nr; i++) {
		strncat(buf, stack[i]->name, len - strlen(buf) - 1);
		if (i + 1 < nr)
			strncat(buf, "+", len - strlen(buf) - 1);
	}
}

static void verify_stack(const struct pvimage_kernel *k, const struct pvimage_image *img,
			 const struct pvimage_backend *top)
{
	const struct pvimage_backend *stack[PVLINK_MAX_OBJECTS];
	struct pvlink_object objs[PVLINK_MAX_OBJECTS];
	struct pvlink_ctx *ctx;
	char why[256], name[PVLINK_MAX_OBJECTS * (PVLINK_NAME_MAX + 1)];
	unsigned int nr, i;
	u64 addr = VERIFY_LINK_ADDR;
	void *work;

	if (pvimage_stack(img, top, stack, &nr, why, sizeof(why))) {
		problem("%s", why);
		return;
	}
	stack_name(name, sizeof(name), stack, nr);
	for (i = 0; i < nr; i++) {
		objs[i].name = stack[i]->name;
		objs[i].data = stack[i]->data;
		objs[i].size = stack[i]->size;
	}
	ctx = pvimage_alloc(sizeof(*ctx));
	pvlink_init(ctx, objs, nr, &k->table, k->percpu_base, k->percpu_size);
	if (pvlink_plan(ctx)) {
		problem("stack %s: %s%s", name, ctx->msg, what_to_do(ctx->err));
		free(ctx);
		return;
	}
	for (i = 0; i < PVLINK_NR_REGIONS; i++) {
		if (i == PVLINK_PERCPU)
			continue;
		addr = (addr + ctx->region[i].align - 1) & ~(ctx->region[i].align - 1);
		ctx->region[i].addr = addr;
		addr += ctx->region[i].size;
	}
	if (pvimage_link_staged(ctx, &work)) {
		problem("stack %s: %s%s", name, ctx->msg, what_to_do(ctx->err));
	} else {
		for (i = 0; i < k->nr_pvops; i++) {
			struct pvlink_symbol s;

			if (pvlink_lookup(ctx, k->pvops[i], &s))
				problem("stack %s: pv-op %s is not implemented by any backend of "
					"the stack (the kernel calls it)", name, k->pvops[i]);
			else if (!(s.flags & PVLINK_SYM_FUNC))
				problem("stack %s: pv-op %s is defined by %s but is not a function",
					name, k->pvops[i], stack[s.obj]->name);
		}
	}
	pvimage_link_release(ctx, work);
	free(ctx);
}

int pvimage_cmd_verify(int argc, char **argv)
{
	static struct pvimage_kernel k;
	static struct pvimage_image img;
	const char *kernel = NULL, *path = NULL;
	struct pvimage_buf b;
	char why[256], hex[2 * SHA256_DIGEST_SIZE + 1];
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--kernel") && i + 1 < argc)
			kernel = argv[++i];
		else if (argv[i][0] == '-' || path)
			pvimage_die(PVIMAGE_EXIT_USAGE, "usage: pvimage verify --kernel VMLINUX IMAGE");
		else
			path = argv[i];
	}
	if (!kernel || !path)
		pvimage_die(PVIMAGE_EXIT_USAGE, "usage: pvimage verify --kernel VMLINUX IMAGE");
	pvimage_kernel_open(&k, kernel);
	pvimage_read(path, &b);
	if (pvimage_image_read(&img, b.data, b.size, why, sizeof(why))) {
		problem("%s: %s", path, why);
		return PVIMAGE_EXIT_FAIL;
	}
	for (unsigned int j = 0; j < img.nr; j++) {
		if (!allowed(&k, img.b[j].digest)) {
			pvimage_hex(hex, img.b[j].digest, SHA256_DIGEST_SIZE);
			problem("%s: backend %s (sha256 %.16s...) is not in %s's allow-list: it was "
				"not built with this kernel (a foreign kernel, or a rebuilt backend)",
				path, img.b[j].name, hex, kernel);
		}
		verify_stack(&k, &img, &img.b[j]);
	}
	if (problems) {
		fprintf(stderr, "pvimage verify: %s: %d problem%s\n", path, problems,
			problems == 1 ? "" : "s");
		return PVIMAGE_EXIT_FAIL;
	}
	printf("%s: %u backend%s verified against %s (%u exports, %u pv-ops, percpu reserve "
	       "%llu bytes)\n", path, img.nr, img.nr == 1 ? "" : "s", kernel,
	       k.table.nr_exports, k.nr_pvops, (unsigned long long)k.percpu_size);
	return PVIMAGE_EXIT_OK;
}
