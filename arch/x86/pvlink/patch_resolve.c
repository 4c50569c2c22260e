// SPDX-License-Identifier: GPL-2.0
/*
 * What each pv-op's sites should become: the linked stack's definition
 * of pv_<op>, and the inline body of the object that defines it.
 *
 * Only the defining object's body counts: when kvm overrides irq_disable
 * over native, native's "cli" must not be inlined for it.  Every
 * object's records are checked all the same, used or not: the image is
 * untrusted input.
 *
 * Pure code: the kernel and the host tests (tools/testing/pvlink/patch/)
 * compile this same file, with the linker core.
 */
#include <linux/types.h>
#include <linux/pvlink.h>
#include <asm/pvlink.h>
#ifdef __KERNEL__
#include <linux/kernel.h>
#else
#include <stdio.h>
#endif

static const char *obj_name(const struct pvlink_ctx *ctx, unsigned int k)
{
	return k < ctx->nr_objs && ctx->objs[k].name ? ctx->objs[k].name : "?";
}

static enum pvlink_patch_err find_bodies(const struct pvlink_ctx *ctx,
					 const char *const *names, u32 nr_ops,
					 const u8 **sec, u64 *size, char *msg, size_t len)
{
	char why[PVLINK_MSG_MAX];
	enum pvlink_patch_err err;
	unsigned int k;

	for (k = 0; k < ctx->nr_objs; k++) {
		const struct pvlink_object *o = &ctx->objs[k];

		err = pvlink_inline_section(o->data, o->size, &sec[k], &size[k],
					    why, sizeof(why));
		if (!err && sec[k])
			err = pvlink_inline_check(sec[k], size[k], names, nr_ops,
						  why, sizeof(why));
		if (err) {
			snprintf(msg, len, "backend %s, %s: %s (%s); declare bodies only with PVLINK_INLINE()",
				 obj_name(ctx, k), PVLINK_INLINE_SECTION, why,
				 pvlink_patch_strerror(err));
			return err;
		}
	}
	return PVLINK_PATCH_OK;
}

static enum pvlink_patch_err find_orphan(const struct pvlink_ctx *ctx, const char *op,
					 unsigned int from, const u8 *const *sec,
					 const u64 *size, char *msg, size_t len)
{
	struct pvlink_inline_body b;
	unsigned int k;

	for (k = from; k < ctx->nr_objs; k++) {
		pvlink_inline_find(sec[k], size[k], op, &b);
		if (!b.bytes)
			continue;
		if (from)
			snprintf(msg, len, "backend %s has an inline body for %s but does not define pv_%s (backend %s does): define pv_%s there, or drop the PVLINK_INLINE()",
				 obj_name(ctx, k), op, op, obj_name(ctx, from - 1), op);
		else
			snprintf(msg, len, "backend %s has an inline body for %s but no backend of the stack defines pv_%s: define it, or drop the PVLINK_INLINE()",
				 obj_name(ctx, k), op, op);
		return PVLINK_PATCH_E_INL_ORPHAN;
	}
	return PVLINK_PATCH_OK;
}

enum pvlink_patch_err pvlink_patch_resolve(const struct pvlink_ctx *ctx,
					   const char *const *names, const u64 *entries,
					   u32 nr_ops, struct pvlink_patch_op *ops,
					   char *msg, size_t len)
{
	const struct pvlink_region *text = &ctx->region[PVLINK_TEXT];
	const u8 *sec[PVLINK_MAX_OBJECTS];
	u64 size[PVLINK_MAX_OBJECTS];
	enum pvlink_patch_err err;
	u32 i;

	if (!ctx->nr_objs || ctx->nr_objs > PVLINK_MAX_OBJECTS) {
		snprintf(msg, len, "a linked stack has 1 to %u objects, not %u",
			 (unsigned int)PVLINK_MAX_OBJECTS, ctx->nr_objs);
		return PVLINK_PATCH_E_UNRESOLVED;
	}
	err = find_bodies(ctx, names, nr_ops, sec, size, msg, len);
	if (err)
		return err;
	for (i = 0; i < nr_ops; i++) {
		struct pvlink_symbol sym;
		char name[64];
		bool found;

		ops[i].entry = entries[i];
		ops[i].target = 0;
		ops[i].resolved = false;
		ops[i].body.bytes = NULL;
		ops[i].body.len = 0;
		snprintf(name, sizeof(name), "pv_%s", names[i]);
		found = pvlink_lookup(ctx, name, &sym) == PVLINK_OK;
		/*
		 * The lookup finds the topmost definition: an object above it
		 * does not define the op, so a body there would never be used.
		 */
		err = find_orphan(ctx, names[i], found ? sym.obj + 1 : 0, sec, size, msg, len);
		if (err)
			return err;
		/* Unresolved is an error at the op's first site, if it has one. */
		if (!found)
			continue;
		/* A call must be able to enter it: a function in the linked text. */
		if (!(sym.flags & PVLINK_SYM_FUNC) ||
		    (sym.flags & (PVLINK_SYM_PERCPU | PVLINK_SYM_ABS)) ||
		    sym.value < text->addr || sym.value - text->addr >= text->size) {
			snprintf(msg, len, "backend %s: %s (value 0x%lx, flags 0x%x) is not a function in the linked text [0x%lx, +0x%lx); define every pv-op as a function (STT_FUNC)",
				 obj_name(ctx, sym.obj), name, (unsigned long)sym.value,
				 sym.flags, (unsigned long)text->addr,
				 (unsigned long)text->size);
			return PVLINK_PATCH_E_NOT_FUNC;
		}
		ops[i].target = sym.value;
		ops[i].resolved = true;
		if (sym.obj < ctx->nr_objs)
			pvlink_inline_find(sec[sym.obj], size[sym.obj], names[i], &ops[i].body);
	}
	return PVLINK_PATCH_OK;
}
