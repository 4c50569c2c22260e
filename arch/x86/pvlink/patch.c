// SPDX-License-Identifier: GPL-2.0
/*
 * Patching the kernel's pv-op call sites to the linked backend stack.
 *
 * The boot-time link (pvlink_boot_link(), kernel/pvlink.c) calls
 * this once the stack is linked.  The decisions are pure code shared with the host tests:
 * patch_resolve.c finds each op's definition and inline body,
 * patch_site.c checks every site and then rewrites them all.  This file
 * supplies what only the kernel knows (its pv_<op>() entries, its text,
 * function names), serialises the CPU before the new code runs, and
 * fills the record the self-tests read (patch_result.c, resident: this
 * file and the pure ones are init-only).
 */
#include <linux/cmdline.h>
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/pvlink.h>
#include <linux/smp.h>
#include <asm/pvlink.h>
#include <asm/pvops.h>
#include <asm/sync_core.h>

/* vmlinux.lds.S: kernel text, and init text (freed at the end of boot). */
extern const char _text[], _etext[], _sinittext[], _einittext[];

#define NAME_OP(type, name, params, args)	#name,
#define NAME_VOP(name, params, args)		#name,
static const char *const pvop_names[] = {
	PV_OPS(NAME_OP, NAME_VOP, NAME_VOP)
};

#define NR_PVOPS	ARRAY_SIZE(pvop_names)

static const char *func_of(u64 addr, u64 *offset)
{
	unsigned long off = 0;
	const char *name = kallsyms_lookup(addr, &off);

	*offset = off;
	return name;
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

/*
 * "pvlink.debug": one line per pv-op, what its sites became:
 *
 *	pvlink: pv_<op> from <backend> at 0x<addr>: <i> inline (<body>), <d> direct, <t> table
 */
static void debug_report(const struct pvlink_patch_op *ops)
{
	const struct pvlink_patch_result *res = &pvlink_patch_result;
	unsigned int i, k;

	for (i = 0; i < NR_PVOPS; i++) {
		const struct pvlink_patched_op *po = &pvlink_patched_ops[i];
		unsigned int n[PVLINK_PATCHED_TABLE + 1] = { 0 };
		char body[48] = "no body";

		for (k = 0; k < pvlink_sites.nr_sites; k++) {
			const struct pvlink_site *s = &pvlink_sites.sites[k];
			unsigned int kind;

			if (s->pvop != i)
				continue;
			/* The rule of pvlink_site_decide(), for counting. */
			if (s->form == PVLINK_SITE_OTHER)
				kind = PVLINK_PATCHED_TABLE;
			else if (s->form == PVLINK_SITE_CALL && s->type == R_X86_64_PLT32 &&
				 po->body_len)
				kind = PVLINK_PATCHED_INLINE;
			else
				kind = PVLINK_PATCHED_DIRECT;
			n[kind]++;
		}
		if (ops[i].body.len > PVLINK_CALL_SIZE)
			snprintf(body, sizeof(body), "a %u-byte body, longer than the call",
				 ops[i].body.len);
		for (k = 0; k < po->body_len; k++)
			snprintf(body + (k ? 3 * k - 1 : 0), sizeof(body) - 3 * k, "%s%02x",
				 k ? " " : "", po->body[k]);
		printk(KERN_INFO "pvlink: pv_%s from %s at 0x%lx: %u inline (%s), %u direct, %u table\n",
		       pvop_names[i], po->obj < res->nr_objs ? res->objs[po->obj] : "?",
		       (unsigned long)ops[i].target, n[PVLINK_PATCHED_INLINE], body,
		       n[PVLINK_PATCHED_DIRECT], n[PVLINK_PATCHED_TABLE]);
	}
}

/* The pv-ops as the patcher sees them: kept from the check to the write. */
static struct pvlink_patch_op patch_ops[NR_PVOPS];

static void patch_env(struct pvlink_patch_env *env, struct pvlink_text_range text[2])
{
	text[0] = (struct pvlink_text_range){ (u64)(uintptr_t)_text, (u64)(uintptr_t)_etext,
					      (u8 *)(uintptr_t)_text };
	text[1] = (struct pvlink_text_range){ (u64)(uintptr_t)_sinittext,
					      (u64)(uintptr_t)_einittext,
					      (u8 *)(uintptr_t)_sinittext };
	*env = (struct pvlink_patch_env){
		.sites = pvlink_sites.sites,
		.nr_sites = pvlink_sites.nr_sites,
		.ops = patch_ops,
		.names = pvop_names,
		.nr_ops = NR_PVOPS,
		.text = text,
		.nr_text = 2,
		.func_of = func_of,
	};
}

int arch_pvlink_patch_check(const struct pvlink_ctx *ctx,
			    struct pvlink_patch_stats *st, char *msg, size_t len)
{
	struct pvlink_text_range text[2];
	struct pvlink_patch_env env;
	char why[PVLINK_MSG_MAX];
	enum pvlink_patch_err err;

	/* Until every check has passed, every site uses the table. */
	st->sites = pvlink_sites.nr_sites;
	st->inlined = 0;
	st->direct = 0;
	st->table = pvlink_sites.nr_sites;
	/*
	 * Another CPU could be executing a site while it is rewritten, and
	 * would not be serialised: patching is for the boot CPU alone.
	 */
	if (num_online_cpus() > 1) {
		snprintf(msg, len, "%u CPUs are running: call sites can be patched only before the application processors start (smp_boot_cpus())",
			 num_online_cpus());
		return -1;
	}
	if (pvlink_sites.reserved) {
		snprintf(msg, len, "site table header: reserved word 0x%x is not 0; the table is corrupt, rebuild the kernel",
			 pvlink_sites.reserved);
		return -1;
	}
	/* What call sites reach before patching: the kernel's own entries. */
	if (pvlink_pvop_entries.nr != NR_PVOPS || pvlink_pvop_entries.reserved) {
		snprintf(msg, len, "pv-op entry table: %u entries (reserved 0x%x) for %u pv-ops; the tables are stale, rebuild the kernel",
			 pvlink_pvop_entries.nr, pvlink_pvop_entries.reserved,
			 (unsigned int)NR_PVOPS);
		return -1;
	}
	err = pvlink_patch_resolve(ctx, pvop_names, pvlink_pvop_entries.entry,
				   NR_PVOPS, patch_ops, msg, len);
	if (err)
		return -1;
	patch_env(&env, text);
	err = pvlink_patch_check(&env, st, why, sizeof(why));
	if (err) {
		st->inlined = 0;
		st->direct = 0;
		st->table = st->sites;
		snprintf(msg, len, "site not patched, none written: %s: %s",
			 pvlink_patch_strerror(err), why);
		return -1;
	}
	return 0;
}

void arch_pvlink_patch_write(const struct pvlink_ctx *ctx, struct pvlink_patch_stats *st)
{
	struct pvlink_text_range text[2];
	struct pvlink_patch_env env;
	char why[PVLINK_MSG_MAX];

	patch_env(&env, text);
	/* The check passed on these very inputs: a failure here is a kernel bug. */
	if (pvlink_patch_write(&env, st, why, sizeof(why)))
		panic("pvlink: a call site changed between its check and its patching: %s", why);
	/* Code written as data runs only after a serialising instruction. */
	sync_core();
	record(ctx, patch_ops, st);
	if (cmdline_has("pvlink.debug"))
		debug_report(patch_ops);
}
