// SPDX-License-Identifier: GPL-2.0
/*
 * pvlink library: the rules a linked stack must meet before the kernel
 * runs on it, beyond linking: every pv-op the kernel calls is a function
 * of the stack's text, and every backend's PVLINK_BACKEND_PROBE(),
 * PVLINK_BACKEND_INIT() and PVLINK_BACKEND_EXIT() is its own.  The boot-time link and "pvimage verify" both apply them through
 * these functions, so both refuse a stack with the same words.
 */
#ifdef __KERNEL__
#include <linux/kernel.h>
#include <linux/string.h>
#else
#include <stdio.h>
#include <string.h>
#endif
#include "internal.h"

#define FAIL(...)	do { snprintf(msg, len, __VA_ARGS__); return -1; } while (0)

void pvlink_stack_name(const struct pvlink_object *objs, unsigned int nr, char *buf,
		       size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	for (unsigned int i = 0; i < nr && n < len; i++)
		n += snprintf(buf + n, len - n, "%s%s", i ? "+" : "",
			      objs[i].name ? objs[i].name : "?");
}

static const char *obj_name(const struct pvlink_ctx *ctx, unsigned int i)
{
	return i < ctx->nr_objs && ctx->objs[i].name ? ctx->objs[i].name : "?";
}

/* A function whose address lies inside the linked text region. */
static bool in_text(const struct pvlink_ctx *ctx, const struct pvlink_symbol *s)
{
	const struct pvlink_region *text = &ctx->region[PVLINK_TEXT];

	return (s->flags & PVLINK_SYM_FUNC) && s->value - text->addr < text->size;
}

int pvlink_stack_pvops(const struct pvlink_ctx *ctx, const char *const *syms,
		       unsigned int nr, u64 *value, char *msg, size_t len)
{
	char stack[PVLINK_STACK_NAME_MAX];
	struct pvlink_symbol s;

	pvlink_stack_name(ctx->objs, ctx->nr_objs, stack, sizeof(stack));
	for (unsigned int i = 0; i < nr; i++) {
		if (pvlink_lookup(ctx, syms[i], &s))
			FAIL("stack %s does not define pv-op %s (every pv-op of asm/pvops.h must be defined by one of its backends)",
			     stack, syms[i]);
		if (!in_text(ctx, &s))
			FAIL("stack %s: %s (backend %s) is not a function in the text region",
			     stack, syms[i], obj_name(ctx, s.obj));
		if (value)
			value[i] = s.value;
	}
	return 0;
}

/*
 * The backend a stack missing pv-ops probably lacks under it: the first
 * of the image (sorted by name) that sits on none, runs under @entry and
 * is not @bottom itself; else the one that conventionally does (native in
 * ring 0, xen-pv under Xen PV); NULL when that is @bottom.
 */
static const char *base_for(const struct pvlink_image_backend *b, unsigned int nr,
			    const char *bottom, u32 entry)
{
	const char *conv = entry == PVLINK_ENTRY_XEN_PV ? "xen-pv" : "native";

	for (unsigned int i = 0; i < nr; i++)
		if (!b[i].requires[0] && (b[i].entry & entry) &&
		    !pvlink_streq(b[i].name, bottom))
			return b[i].name;
	return pvlink_streq(conv, bottom) ? NULL : conv;
}

void pvlink_stack_pvops_hint(const struct pvlink_ctx *ctx, const struct pvlink_image_backend *b,
			     unsigned int nr, u32 entry, char *msg, size_t len)
{
	const char *bottom = obj_name(ctx, 0);
	const char *base = base_for(b, nr, bottom, entry);

	if (base)
		snprintf(msg, len,
			 "hint: backend %s is the bottom of its stack (no .requires) but does not define every pv-op: it probably needs .requires = \"%s\" in its PVLINK_BACKEND(), to sit on %s and override only some",
			 bottom, base, base);
	else
		snprintf(msg, len,
			 "hint: backend %s is the bottom of every stack under entry mode %s: it must define every pv-op of asm/pvops.h itself",
			 bottom, pvlink_entry_name(entry));
}

/* @prefix and @name with every '-' made '_' (a C identifier). */
static void hook_symbol(const char *prefix, const char *name, char *buf, size_t len)
{
	size_t n = strlen(prefix);

	if (len <= n) {
		if (len)
			buf[0] = '\0';
		return;
	}
	memcpy(buf, prefix, n);
	for (; *name && n + 1 < len; name++, n++)
		buf[n] = *name == '-' ? '_' : *name;
	buf[n] = '\0';
}

/*
 * Backend @i's hook @prefix: absent (0), or its own function of the text
 * region (its address), or -1 with @msg set.
 */
static int find_hook(const struct pvlink_ctx *ctx, unsigned int i, const char *prefix,
		     const char *what, const char *macro, u64 *value, char *msg, size_t len)
{
	/* the longest prefix: "pvlink_backend_probe_" */
	char name[sizeof(PVLINK_BACKEND_PROBE_PREFIX) + PVLINK_NAME_MAX];
	char stack[PVLINK_STACK_NAME_MAX];
	struct pvlink_symbol s;

	*value = 0;
	hook_symbol(prefix, obj_name(ctx, i), name, sizeof(name));
	if (pvlink_lookup(ctx, name, &s))
		return 0;
	pvlink_stack_name(ctx->objs, ctx->nr_objs, stack, sizeof(stack));
	if (s.obj != i)
		FAIL("stack %s: backend %s defines %s, the %s of backend %s (each backend defines only its own %s)",
		     stack, obj_name(ctx, s.obj), name, what, obj_name(ctx, i), macro);
	if (!in_text(ctx, &s))
		FAIL("stack %s: backend %s's %s is not a function in the text region (define it with %s)",
		     stack, obj_name(ctx, i), name, macro);
	*value = s.value;
	return 0;
}

int pvlink_stack_probes(const struct pvlink_ctx *ctx, u64 probe[PVLINK_MAX_OBJECTS],
			char *msg, size_t len)
{
	for (unsigned int i = 0; i < ctx->nr_objs; i++)
		if (find_hook(ctx, i, PVLINK_BACKEND_PROBE_PREFIX, "probe",
			      "PVLINK_BACKEND_PROBE()", &probe[i], msg, len))
			return -1;
	return 0;
}

int pvlink_stack_inits(const struct pvlink_ctx *ctx, u64 init[PVLINK_MAX_OBJECTS],
		       u64 undo[PVLINK_MAX_OBJECTS], char *msg, size_t len)
{
	char stack[PVLINK_STACK_NAME_MAX];

	for (unsigned int i = 0; i < ctx->nr_objs; i++) {
		if (find_hook(ctx, i, PVLINK_BACKEND_INIT_PREFIX, "init",
			      "PVLINK_BACKEND_INIT()", &init[i], msg, len) ||
		    find_hook(ctx, i, PVLINK_BACKEND_EXIT_PREFIX, "exit",
			      "PVLINK_BACKEND_EXIT()", &undo[i], msg, len))
			return -1;
		if (undo[i] && !init[i]) {
			pvlink_stack_name(ctx->objs, ctx->nr_objs, stack, sizeof(stack));
			FAIL("stack %s: backend %s has a PVLINK_BACKEND_EXIT() but no PVLINK_BACKEND_INIT(): an exit undoes an init",
			     stack, obj_name(ctx, i));
		}
	}
	return 0;
}
