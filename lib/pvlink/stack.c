// SPDX-License-Identifier: GPL-2.0
/*
 * pvlink library: the rules a linked stack must meet before the kernel
 * runs on it, beyond linking: every pv-op the kernel calls is a function
 * of the stack's text, and every backend's PVLINK_BACKEND_INIT() is its
 * own.  The boot-time link and "pvimage verify" both apply them through
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

void pvlink_stack_name(const struct pvlink_ctx *ctx, char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	for (unsigned int i = 0; i < ctx->nr_objs && n < len; i++)
		n += snprintf(buf + n, len - n, "%s%s", i ? "+" : "",
			      ctx->objs[i].name ? ctx->objs[i].name : "?");
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

	pvlink_stack_name(ctx, stack, sizeof(stack));
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

void pvlink_init_symbol(const char *name, char *buf, size_t len)
{
	size_t n = strlen(PVLINK_BACKEND_INIT_PREFIX);

	if (len <= n) {
		if (len)
			buf[0] = '\0';
		return;
	}
	memcpy(buf, PVLINK_BACKEND_INIT_PREFIX, n);
	for (; *name && n + 1 < len; name++, n++)
		buf[n] = *name == '-' ? '_' : *name;
	buf[n] = '\0';
}

int pvlink_stack_inits(const struct pvlink_ctx *ctx, u64 init[PVLINK_MAX_OBJECTS],
		       char *msg, size_t len)
{
	char name[sizeof(PVLINK_BACKEND_INIT_PREFIX) + PVLINK_NAME_MAX];
	char stack[PVLINK_STACK_NAME_MAX];
	struct pvlink_symbol s;

	pvlink_stack_name(ctx, stack, sizeof(stack));
	for (unsigned int i = 0; i < ctx->nr_objs; i++) {
		init[i] = 0;
		pvlink_init_symbol(obj_name(ctx, i), name, sizeof(name));
		if (pvlink_lookup(ctx, name, &s))
			continue;
		if (s.obj != i)
			FAIL("stack %s: backend %s defines %s, the init of backend %s (each backend defines only its own PVLINK_BACKEND_INIT())",
			     stack, obj_name(ctx, s.obj), name, obj_name(ctx, i));
		if (!in_text(ctx, &s))
			FAIL("stack %s: backend %s's %s is not a function in the text region (define it with PVLINK_BACKEND_INIT())",
			     stack, obj_name(ctx, i), name);
		init[i] = s.value;
	}
	return 0;
}
