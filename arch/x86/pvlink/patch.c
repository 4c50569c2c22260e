// SPDX-License-Identifier: GPL-2.0
/*
 * Patching the kernel's pv-op call sites to the linked backend stack.
 *
 * The boot-time link (kernel/pvlink_boot.c) calls this once the stack is
 * linked.  The decisions are pure code shared with the host tests:
 * patch_resolve.c finds each op's definition and inline body,
 * patch_site.c checks every site and then rewrites them all.  This file
 * supplies what only the kernel knows (its pv_<op>() entries, its text,
 * function names), serialises the CPU before the new code runs, and
 * fills the record the self-tests read (patch_result.c, resident: this
 * file and the pure ones are init-only).
 */
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/pvlink.h>
#include <asm/pvlink.h>
#include <asm/pvops.h>

/* vmlinux.lds.S: kernel text, and init text (freed at the end of boot). */
extern const char _text[], _etext[], _sinittext[], _einittext[];

#define NAME_OP(type, name, params, args)	#name,
#define NAME_VOP(name, params, args)		#name,
static const char *const pvop_names[] = {
	PV_OPS(NAME_OP, NAME_VOP, NAME_VOP)
};

/* What call sites reach before patching: the kernel's dispatching entries. */
#define ENTRY_OP(type, name, params, args)	(u64)(uintptr_t)pv_##name,
#define ENTRY_VOP(name, params, args)		(u64)(uintptr_t)pv_##name,
static const u64 pvop_entries[] = {
	PV_OPS(ENTRY_OP, ENTRY_VOP, ENTRY_VOP)
};

#define NR_PVOPS	ARRAY_SIZE(pvop_names)


static const char *func_of(u64 addr, u64 *offset)
{
	unsigned long off = 0;
	const char *name = kallsyms_lookup(addr, &off);

	*offset = off;
	return name;
}

/*
 * Intel SDM vol. 3A, "Handling Self- and Cross-Modifying Code": on one
 * processor, code written as data must be followed by a jump or a
 * serialising instruction before it runs.  cpuid serialises, and a bare
 * cpuid is a pv-op here (Xen PV needs its forced-emulation form): the
 * call below is itself a site, by now a direct call into the stack.
 */
static void serialise(void)
{
	struct cpuid_regs r;

	pv_cpuid(0, 0, &r);
}

static void record(const struct pvlink_ctx *ctx, const struct pvlink_patch_op *ops,
		   const struct pvlink_patch_stats *st)
{
	struct pvlink_patch_result *res = &pvlink_patch_result;
	struct pvlink_symbol sym;
	unsigned int i, k;

	for (i = 0; i < NR_PVOPS; i++) {
		char name[64];

		pvlink_patched_ops[i].target = ops[i].target;
		snprintf(name, sizeof(name), "pv_%s", pvop_names[i]);
		if (pvlink_lookup(ctx, name, &sym) == PVLINK_OK)
			pvlink_patched_ops[i].obj = (u8)sym.obj;
		pvlink_patched_ops[i].body_len = 0;
		if (ops[i].body.len > PVLINK_CALL_SIZE)
			continue;
		pvlink_patched_ops[i].body_len = (u8)ops[i].body.len;
		for (k = 0; k < ops[i].body.len; k++)
			pvlink_patched_ops[i].body[k] = ops[i].body.bytes[k];
	}
	res->st = *st;
	res->text = ctx->region[PVLINK_TEXT].addr;
	res->text_size = ctx->region[PVLINK_TEXT].size;
	res->nr_objs = ctx->nr_objs;
	for (k = 0; k < ctx->nr_objs && k < PVLINK_MAX_OBJECTS; k++)
		snprintf(res->objs[k], sizeof(res->objs[k]), "%s",
			 ctx->objs[k].name ? ctx->objs[k].name : "?");
	res->done = res->nr_ops == NR_PVOPS;
}

int arch_pvlink_patch_sites(const struct pvlink_ctx *ctx,
			    struct pvlink_patch_stats *st, char *msg, size_t len)
{
	static struct pvlink_patch_op ops[NR_PVOPS];
	const struct pvlink_text_range text[] = {
		{ (u64)(uintptr_t)_text, (u64)(uintptr_t)_etext, (u8 *)(uintptr_t)_text },
		{ (u64)(uintptr_t)_sinittext, (u64)(uintptr_t)_einittext,
		  (u8 *)(uintptr_t)_sinittext },
	};
	const struct pvlink_patch_env env = {
		.sites = pvlink_sites.sites,
		.nr_sites = pvlink_sites.nr_sites,
		.ops = ops,
		.names = pvop_names,
		.nr_ops = NR_PVOPS,
		.text = text,
		.nr_text = ARRAY_SIZE(text),
		.func_of = func_of,
	};
	char why[PVLINK_MSG_MAX];
	enum pvlink_patch_err err;

	/* Until every check has passed, every site uses the table. */
	st->sites = pvlink_sites.nr_sites;
	st->inlined = 0;
	st->direct = 0;
	st->table = pvlink_sites.nr_sites;
	if (pvlink_sites.reserved) {
		snprintf(msg, len, "site table header: reserved word 0x%x is not 0; the table is corrupt, rebuild the kernel",
			 pvlink_sites.reserved);
		return -1;
	}
	err = pvlink_patch_resolve(ctx, pvop_names, pvop_entries, NR_PVOPS, ops,
				   msg, len);
	if (err)
		return -1;
	err = pvlink_patch_apply(&env, st, why, sizeof(why));
	if (err) {
		st->inlined = 0;
		st->direct = 0;
		st->table = st->sites;
		snprintf(msg, len, "site not patched, none written: %s: %s",
			 pvlink_patch_strerror(err), why);
		return -1;
	}
	serialise();
	record(ctx, ops, st);
	return 0;
}
