// SPDX-License-Identifier: GPL-2.0
/*
 * pvimage verify --kernel VMLINUX [--unbound] IMAGE: every rule the
 * boot-time link applies, through the same library code, at build time.
 * In the boot's order:
 *
 *  1. the image (pvlink_image_read(): index, members, digests);
 *  2. the binding: every backend is in the kernel's allow-list
 *     (pvlink_backend_bound(); --unbound skips it, as pvlink.unbound does
 *     on a CONFIG_PVLINK_TESTING kernel);
 *  3. selection: for every backend as "pvlink=<name>", under every entry
 *     mode it declares, its requires chain runs in that mode
 *     (pvlink_select());
 *  4. the link of each such stack against the kernel's exports and
 *     percpu reserve (pvlink_plan(), pvlink_link());
 *  5. every pv-op the kernel calls is a function of the stack
 *     (pvlink_stack_pvops());
 *  6. every backend's probe, init and exit are its own, and neither they
 *     nor what they call touch percpu data (pvlink_stack_probes(),
 *     pvlink_stack_inits());
 *  7. every inline record of the stack is well formed and belongs to an
 *     op its object defines (pvlink_patch_resolve());
 *
 * then what only pvimage checks: each index entry repeats its object's
 * PVLINK_BACKEND() note.  Every problem is reported, each in the boot's
 * words, not only the first.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <asm/pvlink.h>
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

/* The fix a refusal calls for, where there is one obvious fix. */
static const char *what_to_do(enum pvlink_err err)
{
	switch (err) {
	case PVLINK_E_PERCPU_OVERFLOW:
		return " (raise CONFIG_PVLINK_PERCPU_RESERVE)";
	default:
		return "";
	}
}

/* The library's message, without its own "pvlink: " (as the boot's). */
static const char *core_msg(const struct pvlink_ctx *ctx)
{
	return strncmp(ctx->msg, "pvlink: ", 8) ? ctx->msg : ctx->msg + 8;
}

/* Steps 5 to 7 on a linked stack. */
static void stack_rules(const struct pvimage_kernel *k, const struct pvlink_ctx *ctx,
			const char *name, const struct pvlink_image_backend *b, unsigned int nr,
			u32 entry)
{
	struct pvlink_patch_op *ops = pvimage_alloc((k->nr_pvops ? k->nr_pvops : 1) * sizeof(*ops));
	const char **ops_names = pvimage_alloc((k->nr_pvops ? k->nr_pvops : 1) * sizeof(char *));
	u64 *entries = pvimage_alloc((k->nr_pvops ? k->nr_pvops : 1) * sizeof(u64));
	u64 probe[PVLINK_MAX_OBJECTS], init[PVLINK_MAX_OBJECTS], undo[PVLINK_MAX_OBJECTS];
	char msg[1024];

	unsigned int missing = 0;

	/* One at a time: the boot names the first missing, verify all of them. */
	for (unsigned int i = 0; i < k->nr_pvops; i++)
		if (pvlink_stack_pvops(ctx, &k->pvops[i], 1, NULL, msg, sizeof(msg))) {
			problem("%s", msg);
			missing++;
		}
	/* Then, once, the likely fix (the boot's words too). */
	if (missing) {
		pvlink_stack_pvops_hint(ctx, b, nr, entry, msg, sizeof(msg));
		fprintf(stderr, "pvimage verify: %s\n", msg);
	}
	if (pvlink_stack_probes(ctx, probe, msg, sizeof(msg)))
		problem("%s", msg);
	if (pvlink_stack_inits(ctx, init, undo, msg, sizeof(msg)))
		problem("%s", msg);
	/* The patcher's names are the ops' without "pv_"; where sites go is the kernel's. */
	for (unsigned int i = 0; i < k->nr_pvops; i++) {
		ops_names[i] = strncmp(k->pvops[i], "pv_", 3) ? k->pvops[i] : k->pvops[i] + 3;
		entries[i] = 0;
	}
	if (pvlink_patch_resolve(ctx, ops_names, entries, k->nr_pvops, ops, msg, sizeof(msg)))
		problem("stack %s: the pv-op call sites cannot be patched: %s", name, msg);
	free(ops);
	free(ops_names);
	free(entries);
}

/* Steps 4 to 7 for one stack, bottom first. */
static void verify_stack(const struct pvimage_kernel *k,
			 const struct pvlink_image_backend *const *stack, unsigned int nr,
			 const struct pvlink_image_backend *b, unsigned int nr_b, u32 entry)
{
	struct pvlink_object objs[PVLINK_MAX_OBJECTS];
	char name[PVLINK_STACK_NAME_MAX];
	struct pvlink_ctx *ctx;
	u64 addr = VERIFY_LINK_ADDR;
	void *work = NULL;
	unsigned int i;

	for (i = 0; i < nr; i++) {
		objs[i].name = stack[i]->name;
		objs[i].data = stack[i]->data;
		objs[i].size = stack[i]->size;
	}
	ctx = pvimage_alloc(sizeof(*ctx));
	pvlink_init(ctx, objs, nr, &k->table, k->percpu_base, k->percpu_size);
	pvlink_stack_name(objs, nr, name, sizeof(name));
	if (pvlink_plan(ctx)) {
		problem("stack %s refused by the linker: %s%s", name, core_msg(ctx),
			what_to_do(ctx->err));
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
	if (pvimage_link_staged(ctx, &work))
		problem("stack %s refused by the linker: %s%s", name, core_msg(ctx),
			what_to_do(ctx->err));
	else
		stack_rules(k, ctx, name, b, nr_b, entry);
	pvimage_link_release(ctx, work);
	free(ctx);
}

/* Step 3: the stacks "pvlink=<name>" gives, one per entry mode, each checked once. */
static void verify_backend(const struct pvimage_kernel *k, const struct pvlink_image_backend *b,
			   unsigned int nr, unsigned int top)
{
	unsigned int done[3][PVLINK_MAX_OBJECTS], done_depth[3], nr_done = 0;

	for (u32 entry = 1; entry & PVLINK_ENTRY_ALL; entry <<= 1) {
		struct pvlink_platform p = { .entry = entry };
		const struct pvlink_image_backend *stack[PVLINK_MAX_OBJECTS];
		unsigned int idx[PVLINK_MAX_OBJECTS], depth, d;
		char msg[PVLINK_MSG_MAX];

		if (!(b[top].entry & entry))
			continue;
		if (pvlink_select(b, nr, &p, b[top].name, idx, &depth, msg, sizeof(msg))) {
			problem("pvlink=%s under entry mode %s: %s", b[top].name,
				pvlink_entry_name(entry), msg);
			continue;
		}
		for (d = 0; d < nr_done; d++)
			if (done_depth[d] == depth &&
			    !memcmp(done[d], idx, depth * sizeof(idx[0])))
				break;
		if (d < nr_done)
			continue;
		memcpy(done[nr_done], idx, depth * sizeof(idx[0]));
		done_depth[nr_done++] = depth;
		for (d = 0; d < depth; d++)
			stack[d] = &b[idx[d]];
		verify_stack(k, stack, depth, b, nr, entry);
	}
}

int pvimage_cmd_verify(int argc, char **argv)
{
	static struct pvlink_image_backend b[PVLINK_IMAGE_MAX_BACKENDS];
	static struct pvimage_kernel k;
	static struct pvimage_image img;
	const char *kernel = NULL, *path = NULL;
	bool unbound = false;
	struct pvimage_buf buf;
	char why[PVLINK_MSG_MAX];
	unsigned int nr, i;

	for (int a = 1; a < argc; a++) {
		if (!strcmp(argv[a], "--kernel") && a + 1 < argc)
			kernel = argv[++a];
		else if (!strcmp(argv[a], "--unbound"))
			unbound = true;
		else if (argv[a][0] == '-' || path)
			pvimage_die(PVIMAGE_EXIT_USAGE, "usage: pvimage verify --kernel VMLINUX [--unbound] IMAGE");
		else
			path = argv[a];
	}
	if (!kernel || !path)
		pvimage_die(PVIMAGE_EXIT_USAGE, "usage: pvimage verify --kernel VMLINUX [--unbound] IMAGE");
	pvimage_kernel_open(&k, kernel);
	pvimage_read(path, &buf);
	/* 1. The image, as the boot reads it. */
	if (pvlink_image_read(buf.data, buf.size, b, PVLINK_IMAGE_MAX_BACKENDS, &nr, why,
			      sizeof(why))) {
		problem("%s is not a valid image: %s", path, why);
		return PVIMAGE_EXIT_FAIL;
	}
	/* 2. The binding. */
	for (i = 0; i < nr && !unbound; i++)
		if (pvlink_backend_bound(&b[i], k.digests, k.nr_digests, why, sizeof(why)))
			problem("%s: %s", path, why);
	/* 3 to 7, for every backend as the top of its stack. */
	for (i = 0; i < nr; i++)
		verify_backend(&k, b, nr, i);
	/*
	 * What pvimage adds, once the boot's rules hold: the index repeats
	 * every object's note (an object without one is malformed: exit 4).
	 */
	if (!problems && pvimage_image_read(&img, buf.data, buf.size, why, sizeof(why)))
		problem("%s: %s", path, why);
	if (problems) {
		fprintf(stderr, "pvimage verify: %s: %d problem%s\n", path, problems,
			problems == 1 ? "" : "s");
		return PVIMAGE_EXIT_FAIL;
	}
	printf("%s: %u backend%s verified against %s (%u exports, %u pv-ops, percpu reserve "
	       "%llu bytes)\n", path, nr, nr == 1 ? "" : "s", kernel,
	       k.table.nr_exports, k.nr_pvops, (unsigned long long)k.percpu_size);
	return PVIMAGE_EXIT_OK;
}
