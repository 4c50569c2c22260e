// SPDX-License-Identifier: GPL-2.0
/*
 * The boot-time link, step by step: read the image, check that every
 * backend is bound to this kernel, select the stack, plan, reserve pages,
 * link, protect the stack's pages, look up every pv-op, patch the call
 * sites, hand the percpu template over, install the pv-ops and fill the
 * imports.  Every step that can fail has its own message, and everything
 * up to the patching can fail without a trace: the pages taken are given
 * back and nothing the kernel runs has changed.
 *
 * Init-only: the linker and this file are freed at the end of boot.
 */
#include <linux/bootinfo.h>
#include <linux/cmdline.h>
#include <linux/kernel.h>
#include <linux/percpu.h>
#include <linux/pvlink.h>
#include <linux/string.h>
#include <asm/pvlink.h>
#include <asm/pvops.h>

#include "pvlink_boot.h"

/* The link's state is large: static, not on the boot stack. */
static struct pvlink_ctx link_ctx;
static struct pvlink_image_backend image_backends[PVLINK_IMAGE_MAX_BACKENDS];
static struct pvlink_object link_objs[PVLINK_MAX_OBJECTS];
static struct pvops linked_ops;
static struct pvlink_candidate candidates[PVLINK_MAX_CANDIDATES];
/* The image's backend count and the entry mode, for the hint of lookup_pvops(). */
static unsigned int nr_image_backends;
static u32 link_entry;

/*
 * The image is the first boot module that starts like one.  Its name is
 * what the loader called it (the module's command line), if anything.
 */
int pvlink_find_image(const struct boot_info *bi, struct pvlink_boot_state *st)
{
	const size_t magic_len = sizeof(PVLINK_IMAGE_AR_MAGIC) - 1;

	if (!bi->nr_mod) {
		PVLINK_BOOT_REASON(st, "no image: the bootloader passed no boot module (pass pvlink.img as the initrd or module)");
		return -1;
	}
	for (unsigned int i = 0; i < bi->nr_mod; i++) {
		const struct boot_module *m = &bi->mod[i];

		if (m->size < magic_len || memcmp(m->virt, PVLINK_IMAGE_AR_MAGIC, magic_len))
			continue;
		st->image_mod = i;
		if (m->cmdline && *m->cmdline)
			strlcpy(st->image, m->cmdline, sizeof(st->image));
		else
			strlcpy(st->image, "the boot module", sizeof(st->image));
		return i;
	}
	if (bi->nr_mod == 1)
		PVLINK_BOOT_REASON(st, "no image: boot module 0 (%lu bytes) is not a pvlink image: it does not start with \"!<arch>\\n\" (pass pvlink.img)",
				   (unsigned long)bi->mod[0].size);
	else
		PVLINK_BOOT_REASON(st, "no image: none of the %u boot modules is a pvlink image: none starts with \"!<arch>\\n\" (pass pvlink.img)",
				   bi->nr_mod);
	return -1;
}

/* The binding: every backend of the image was built with this kernel. */
static int check_binding(const struct pvlink_image_backend *b, unsigned int nr,
			 struct pvlink_boot_state *st)
{
	char msg[PVLINK_MSG_MAX];

	if (IS_ENABLED(CONFIG_PVLINK_TESTING) && cmdline_has("pvlink.unbound")) {
		pr_warn("pvlink: ************************************************************\n");
		pr_warn("pvlink: pvlink.unbound: NOT checking that the image's backends were\n");
		pr_warn("pvlink: built with this kernel (CONFIG_PVLINK_TESTING): any object\n");
		pr_warn("pvlink: in the image may be linked. Never use this in production.\n");
		pr_warn("pvlink: ************************************************************\n");
		return 0;
	}
	for (unsigned int i = 0; i < nr; i++) {
		if (!pvlink_backend_bound(&b[i], &pvlink_allowed_digests.digest[0][0],
					  pvlink_allowed_digests.nr, msg, sizeof(msg)))
			continue;
		PVLINK_BOOT_REASON(st, "%s: %s", st->image, msg);
		return -1;
	}
	return 0;
}

/* Every pv-op's symbol name, in PV_OPS() order (struct pvops order). */
static const char *const pvop_syms[] = {
#define PVOP_SYM_OP(type, op, params, args)	"pv_" #op,
#define PVOP_SYM_VOP(op, params, args)		"pv_" #op,
	PV_OPS(PVOP_SYM_OP, PVOP_SYM_VOP, PVOP_SYM_VOP)
#undef PVOP_SYM_OP
#undef PVOP_SYM_VOP
};

/* Every pv-op, from the stack (the library's rule): the top object's wins. */
static int lookup_pvops(const struct pvlink_ctx *ctx, struct pvops *ops,
			struct pvlink_boot_state *st)
{
	u64 value[ARRAY_SIZE(pvop_syms)];
	unsigned int i = 0;

	if (pvlink_stack_pvops(ctx, pvop_syms, ARRAY_SIZE(pvop_syms), value, st->reason,
			       sizeof(st->reason))) {
		char hint[PVLINK_MSG_MAX];

		/* The likely fix, in "pvimage verify"'s words. */
		pvlink_stack_pvops_hint(ctx, image_backends, nr_image_backends, link_entry,
					hint, sizeof(hint));
		pr_info("pvlink: %s\n", hint);
		return -1;
	}
#define FILL(op)	ops->op = (__typeof__(ops->op))(uintptr_t)value[i++];
#define FILL_OP(type, op, params, args)	FILL(op)
#define FILL_VOP(op, params, args)	FILL(op)
	PV_OPS(FILL_OP, FILL_VOP, FILL_VOP)
#undef FILL_OP
#undef FILL_VOP
#undef FILL
	return 0;
}

/*
 * What a refusal after the inits leaves: the backend whose init stays
 * (NULL when every one was undone), and whether that is for want of an
 * exit or because its exit failed.
 */
struct undo_result {
	const char *stays;
	bool exit_failed;
	unsigned int exits;	/* exits that ran */
};

/*
 * Undo, top first, the inits of the first @n objects that succeeded: each
 * backend's PVLINK_BACKEND_EXIT().  Every exit runs, whatever the ones
 * above it returned.  @res names the topmost backend whose init stays
 * (no exit, or an exit that failed): the platform may still use the
 * stack's pages, which must then stay reserved.
 */
static void undo_backends(const struct pvlink_boot_state *st, struct boot_info *bi,
			  const u64 *init, const u64 *undo, unsigned int n,
			  struct undo_result *res)
{
	for (unsigned int i = n; i-- > 0; ) {
		int (*fn)(struct boot_info *bi) = (int (*)(struct boot_info *))(uintptr_t)undo[i];
		int err;

		if (!init[i])
			continue;
		if (!fn) {
			if (!res->stays)
				res->stays = link_objs[i].name;
			continue;
		}
		if (cmdline_has("pvlink.debug"))
			pr_info("pvlink: stack %s: calling backend %s's exit\n", st->stack,
				link_objs[i].name);
		res->exits++;
		err = fn(bi);
		if (err) {
			pr_err("pvlink: stack %s: backend %s's exit failed (error %d): its init is not fully undone\n",
			       st->stack, link_objs[i].name, err);
			if (!res->stays) {
				res->stays = link_objs[i].name;
				res->exit_failed = true;
			}
		}
	}
}

/*
 * Every backend's PVLINK_BACKEND_INIT(), bottom first, before anything of
 * the kernel changes (include/linux/pvlink_backend.h says what an init
 * may do).  An init or exit is the backend's own: found in another object
 * of the stack, or not a function of the text region, the stack is
 * refused before any runs (the library's rule).  If an init fails, those
 * below it that succeeded are undone; @res names a backend whose init
 * could not be (no exit, or its exit failed), or has a NULL name.
 */
static int init_backends(const struct pvlink_ctx *ctx, struct boot_info *bi,
			 struct pvlink_boot_state *st, struct undo_result *res)
{
	u64 init[PVLINK_MAX_OBJECTS], undo[PVLINK_MAX_OBJECTS];
	unsigned int i;

	*res = (struct undo_result){ 0 };
	if (pvlink_stack_inits(ctx, init, undo, st->reason, sizeof(st->reason)))
		return -1;
	for (i = 0; i < ctx->nr_objs; i++) {
		int (*fn)(struct boot_info *bi) = (int (*)(struct boot_info *))(uintptr_t)init[i];
		int err;

		if (!fn)
			continue;
		if (cmdline_has("pvlink.debug"))
			pr_info("pvlink: stack %s: calling backend %s's init\n", st->stack,
				link_objs[i].name);
		err = fn(bi);
		if (err) {
			PVLINK_BOOT_REASON(st, "stack %s: backend %s's init failed (error %d)",
					   st->stack, link_objs[i].name, err);
			undo_backends(st, bi, init, undo, i, res);
			return -1;
		}
	}
	/* Test mode only: a refusal after every init, so that exits are tested. */
	if (IS_ENABLED(CONFIG_PVLINK_TESTING) && cmdline_has("pvlink.test_refuse_after_init")) {
		PVLINK_BOOT_REASON(st, "stack %s refused after its inits, as pvlink.test_refuse_after_init asks",
				   st->stack);
		undo_backends(st, bi, init, undo, ctx->nr_objs, res);
		return -1;
	}
	return 0;
}

static void fill_imports(const struct pvlink_ctx *ctx)
{
	struct pvlink_symbol sym;

	/* The bounds of one linker section, compared as addresses. */
	for (struct pvlink_import *imp = __start_pvlink_imports;
	     (uintptr_t)imp < (uintptr_t)__stop_pvlink_imports; imp++) {
		imp->found = false;
		imp->value = 0;
		imp->flags = 0;
		if (pvlink_lookup(ctx, imp->name, &sym))
			continue;
		imp->value = sym.value;
		imp->flags = sym.flags;
		imp->found = true;
	}
}

static void record_state(const struct pvlink_ctx *ctx, const struct pvlink_patch_stats *ps,
			 struct pvlink_boot_state *st)
{
	for (unsigned int r = 0; r < PVLINK_NR_REGIONS; r++) {
		st->region[r].addr = ctx->region[r].addr;
		st->region[r].size = ctx->region[r].size;
	}
	st->nr_relocs = ctx->nr_relocs;
	st->patch.sites = ps->sites;
	st->patch.inlined = ps->inlined;
	st->patch.direct = ps->direct;
	st->patch.table = ps->table;
}

/* The core's message, without its own "pvlink: " (ours says it). */
static void refused(const struct pvlink_ctx *ctx, struct pvlink_boot_state *st)
{
	const char *m = ctx->msg;

	if (!strncmp(m, "pvlink: ", 8))
		m += 8;
	PVLINK_BOOT_REASON(st, "%s: stack %s refused by the linker: %s", st->image,
			   st->stack, m);
}

/* Read, check, list the stacks to try: no memory is taken. */
static int prepare(struct boot_info *bi, const char *force, unsigned int *nr_cand,
		   struct pvlink_boot_state *st)
{
	struct pvlink_platform plat;
	const struct boot_module *m;
	char msg[PVLINK_MSG_MAX];
	unsigned int nr;
	int mod;

	mod = st->image_mod;
	if (mod < 0)
		return -1;
	m = &bi->mod[mod];
	if (pvlink_image_read(m->virt, m->size, image_backends, PVLINK_IMAGE_MAX_BACKENDS,
			      &nr, msg, sizeof(msg))) {
		PVLINK_BOOT_REASON(st, "%s (module %d, %lu bytes) is not a valid image: %s",
				   st->image, mod, (unsigned long)m->size, msg);
		return -1;
	}
	if (check_binding(image_backends, nr, st))
		return -1;
	arch_pvlink_platform(bi, &plat);
	nr_image_backends = nr;
	link_entry = plat.entry;
	if (pvlink_candidates(image_backends, nr, &plat, force, candidates,
			      ARRAY_SIZE(candidates), nr_cand, msg, sizeof(msg))) {
		PVLINK_BOOT_REASON(st, "%s: %s", st->image, msg);
		return -1;
	}
	if (cmdline_has("pvlink.debug"))
		pvlink_debug_select(image_backends, nr, &plat, force, candidates, *nr_cand);
	return 0;
}

/* Point link_objs[] at candidate @c's backends; name the stack. */
static unsigned int take_candidate(const struct pvlink_candidate *c,
				   struct pvlink_boot_state *st)
{
	for (unsigned int i = 0; i < c->depth; i++) {
		link_objs[i].name = image_backends[c->stack[i]].name;
		link_objs[i].data = image_backends[c->stack[i]].data;
		link_objs[i].size = image_backends[c->stack[i]].size;
	}
	pvlink_stack_name(link_objs, c->depth, st->stack, sizeof(st->stack));
	return c->depth;
}

/*
 * Is @s a NUL-terminated string inside the stack's text or rodata (where
 * a probe's string constant lives)?  Its length, or -1.
 */
static int stack_string(const struct pvlink_ctx *ctx, const char *s)
{
	static const unsigned int regions[] = { PVLINK_RODATA, PVLINK_TEXT };
	u64 va = (uintptr_t)s;

	for (unsigned int i = 0; i < ARRAY_SIZE(regions); i++) {
		const struct pvlink_region *r = &ctx->region[regions[i]];
		u64 off = va - r->addr;

		if (!r->size || va < r->addr || off >= r->size)
			continue;
		for (u64 n = 0; off + n < r->size; n++)
			if (!s[n])
				return n;
	}
	return -1;
}

/*
 * Every backend's PVLINK_BACKEND_PROBE(), bottom first, before any init:
 * the first that says the platform is not its own refuses the stack, with
 * its words.  A probe has no side effect to undo.
 */
static int probe_backends(const struct pvlink_ctx *ctx, struct boot_info *bi,
			  struct pvlink_boot_state *st)
{
	u64 probe[PVLINK_MAX_OBJECTS];

	if (pvlink_stack_probes(ctx, probe, st->reason, sizeof(st->reason)))
		return -1;
	for (unsigned int i = 0; i < ctx->nr_objs; i++) {
		const char *(*fn)(const struct boot_info *bi) =
			(const char *(*)(const struct boot_info *))(uintptr_t)probe[i];
		const char *why;
		int n;

		if (!fn)
			continue;
		why = fn(bi);
		if (cmdline_has("pvlink.debug"))
			pr_info("pvlink: stack %s: backend %s's probe: %s\n", st->stack,
				link_objs[i].name, why ? "not this platform" : "this platform");
		if (!why)
			continue;
		n = stack_string(ctx, why);
		if (n < 0)
			PVLINK_BOOT_REASON(st, "stack %s: backend %s's probe says this platform is not its own (its reason is not a string of the stack)",
					   st->stack, link_objs[i].name);
		else
			PVLINK_BOOT_REASON(st, "stack %s: backend %s's probe says this platform is not its own: %.*s",
					   st->stack, link_objs[i].name, n > 160 ? 160 : n, why);
		return -1;
	}
	return 0;
}

/*
 * Link the stack in link_objs[] and install it: plan, pages, link,
 * protection, pv-ops, the call sites' checks, probes, inits, then the
 * patching.  On failure: st->reason says why, and every page is given
 * back - unless an init could not be undone, when the stack's pages stay
 * reserved (pvlink_pages_keep()).
 */
static int try_stack(struct boot_info *bi, unsigned int depth, struct pvlink_boot_state *st,
		     u64 t0)
{
	struct pvlink_ctx *ctx = &link_ctx;
	struct pvlink_patch_stats ps = { 0 };
	struct undo_result undone;
	u64 work_size;
	void *work;
	char msg[PVLINK_MSG_MAX];

	pvlink_init(ctx, link_objs, depth, &pvlink_kernel_exports,
		    percpu_reserve_offset(), percpu_reserve_size());
	if (pvlink_plan(ctx)) {
		refused(ctx, st);
		return -1;
	}
	if (pvlink_pages_reserve(ctx, st))
		goto fail;
	work = pvlink_pages_work(&work_size);
	if (pvlink_link(ctx, work, work_size)) {
		refused(ctx, st);
		goto fail;
	}
	if (cmdline_has("pvlink.debug"))
		pvlink_debug_report(ctx);
	/*
	 * Changing page protections writes page-table entries, through
	 * pv-ops: in ring 0 the built-in native ones serve until the
	 * stack's own are installed (the stack cannot run before its text
	 * is executable).  Without ring 0 (Xen PV) there are none: the
	 * stack's own set_pte protects its regions once it is installed,
	 * and until then its pages are mapped as the entry found them.
	 */
	if (boot_has(BOOT_CAP_PRIV)) {
		if (!pvops_available())
			pvops_install(&pvops_native, "native");
		pvlink_pages_protect();
	}
	/*
	 * Everything that can fail comes before the first backend's init
	 * runs: the pv-ops, every check of the call sites, the probes.
	 * After an init, only a later init can fail.
	 */
	if (lookup_pvops(ctx, &linked_ops, st))
		goto fail;
	if (arch_pvlink_patch_check(ctx, &ps, msg, sizeof(msg))) {
		PVLINK_BOOT_REASON(st, "stack %s: the pv-op call sites cannot be patched: %s",
				   st->stack, msg);
		goto fail;
	}
	if (probe_backends(ctx, bi, st))
		goto fail;
	if (init_backends(ctx, bi, st, &undone)) {
		if (undone.stays) {
			pvlink_pages_keep(st, undone.stays, undone.exit_failed);
		} else {
			if (undone.exits)
				pr_info("pvlink: stack %s: every init undone (%u exit%s ran): its pages go back to the allocator\n",
					st->stack, undone.exits, undone.exits == 1 ? "" : "s");
			pvlink_pages_release();
		}
		return -1;
	}
	arch_pvlink_patch_write(ctx, &ps);
	if (ctx->region[PVLINK_PERCPU].size) {
		percpu_set_backend_template(ctx->region[PVLINK_PERCPU].mem,
					    ctx->region[PVLINK_PERCPU].addr,
					    ctx->region[PVLINK_PERCPU].size);
		pvlink_pages_hand_percpu();
	}
	pvops_install(&linked_ops, st->stack);
	if (!boot_has(BOOT_CAP_PRIV))
		pvlink_pages_protect();
	st->link_cycles = arch_pvlink_cycles() - t0;
	pvlink_clock_start();

	fill_imports(ctx);
	record_state(ctx, &ps, st);
	pvlink_pages_free_work();
	st->reason[0] = '\0';	/* a candidate passed over said why in st->passed */
	st->linked = true;
	return 0;

fail:
	pvlink_pages_release();
	return -1;
}

/* Add "@why" to the stacks passed over, "; " between two. */
static void pass_over(struct pvlink_boot_state *st, const char *why)
{
	size_t n = strlen(st->passed);

	if (!st->nr_passed)
		strlcpy(st->first_reason, why, sizeof(st->first_reason));
	st->nr_passed++;
	if (n + 1 < sizeof(st->passed))
		snprintf(st->passed + n, sizeof(st->passed) - n, "%s%s", n ? "; " : "", why);
}

int pvlink_boot_link(struct boot_info *bi, const char *force)
{
	struct pvlink_boot_state *st = &pvlink_boot_state;
	u64 t0 = arch_pvlink_cycles();
	unsigned int nr;

	if (prepare(bi, force, &nr, st))
		return -1;
	for (unsigned int i = 0; i < nr; i++) {
		const struct pvlink_candidate *c = &candidates[i];

		if (!c->depth) {
			pr_info("pvlink: passed over: %s\n", c->why);
			pass_over(st, c->why);
			continue;
		}
		if (!try_stack(bi, take_candidate(c, st), st, t0))
			return 0;
		if (i + 1 < nr)
			pr_info("pvlink: passed over: %s; trying the next candidate\n",
				st->reason);
		pass_over(st, st->reason);
	}
	/* Nothing linked: the first candidate's reason is the reason. */
	strlcpy(st->reason, st->first_reason, sizeof(st->reason));
	return -1;
}
