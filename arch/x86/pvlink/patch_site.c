// SPDX-License-Identifier: GPL-2.0
/*
 * Deciding and writing what each pv-op site becomes.
 *
 * A site (struct pvlink_site) is a reference to pv_<op> that the build
 * found in vmlinux's relocations.  A call site "e8 rel32" becomes the
 * backend's inline body padded with NOPs when one fits, else a direct
 * call to the backend; a "jmp rel32" tail call becomes a direct jmp; any
 * other reference (an address taken) is left on the kernel's pv_<op>(),
 * which dispatches through the pv-op table.
 *
 * All or nothing: every site is checked first, and the text is written
 * only when all of them pass.  The sites do not overlap (checked), so
 * writing one never changes what another was checked against.
 *
 * Pure code (no globals, no kernel service): the kernel and the host
 * tests (tools/testing/pvlink/patch/) compile this same file.
 */
#include <linux/types.h>
#include <linux/pvlink.h>
#include <asm/pvlink.h>
#ifdef __KERNEL__
#include <linux/kernel.h>
#else
#include <stdio.h>
#endif

/*
 * Intel SDM vol. 2B, NOP, table "Recommended Multi-Byte Sequence of NOP
 * Instruction": one instruction per length, so the CPU decodes a single
 * NOP whatever the gap.
 */
static const u8 x86_nops[PVLINK_CALL_SIZE + 1][PVLINK_CALL_SIZE] = {
	[1] = { 0x90 },				/* nop */
	[2] = { 0x66, 0x90 },			/* 66 nop */
	[3] = { 0x0f, 0x1f, 0x00 },		/* nopl (%rax) */
	[4] = { 0x0f, 0x1f, 0x40, 0x00 },	/* nopl 0(%rax) */
	[5] = { 0x0f, 0x1f, 0x44, 0x00, 0x00 },	/* nopl 0(%rax,%rax,1) */
};

void pvlink_nop_fill(u8 *p, unsigned int n)
{
	unsigned int i;

	if (n > PVLINK_CALL_SIZE)
		return;
	for (i = 0; i < n; i++)
		p[i] = x86_nops[n][i];
}

static const char *const patch_errors[PVLINK_PATCH_E_NR] = {
	[PVLINK_PATCH_OK]		= "success",
	[PVLINK_PATCH_E_TABLE]		= "site table entry malformed (reserved field or form)",
	[PVLINK_PATCH_E_ORDER]		= "site table not sorted, or two sites overlap",
	[PVLINK_PATCH_E_OP]		= "site names a pv-op index beyond PV_OPS()",
	[PVLINK_PATCH_E_RELTYPE]	= "call/jmp site with a relocation type other than PC32/PLT32",
	[PVLINK_PATCH_E_TEXT]		= "call/jmp site outside the kernel's text",
	[PVLINK_PATCH_E_OPCODE]		= "opcode before the site is not the call/jmp the table says",
	[PVLINK_PATCH_E_TARGET]		= "site does not call the kernel's pv_<op>() today",
	[PVLINK_PATCH_E_UNRESOLVED]	= "the linked stack does not define the pv-op",
	[PVLINK_PATCH_E_OVERFLOW]	= "backend function out of reach of a 32-bit displacement",
	[PVLINK_PATCH_E_NOT_FUNC]	= "the stack's pv_<op> is not a function in its text",
	[PVLINK_PATCH_E_INL_ELF]	= "backend object's section table unreadable",
	[PVLINK_PATCH_E_INL_SECTION]	= "backend's .pvlink.inline section malformed or duplicated",
	[PVLINK_PATCH_E_INL_TRUNC]	= "inline record runs past the end of its section",
	[PVLINK_PATCH_E_INL_NAME]	= "inline record names no pv-op",
	[PVLINK_PATCH_E_INL_LEN]	= "inline body empty or too long",
	[PVLINK_PATCH_E_INL_DUP]	= "two inline records for one pv-op",
	[PVLINK_PATCH_E_INL_ORPHAN]	= "inline body for a pv-op its object does not define",
};

const char *pvlink_patch_strerror(enum pvlink_patch_err err)
{
	if ((unsigned int)err >= PVLINK_PATCH_E_NR)
		return "unknown site patching error";
	return patch_errors[err];
}

static s32 get_rel32(const u8 *p)
{
	return (s32)((u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24);
}

static void put_rel32(u8 *p, s32 v)
{
	u32 u = (u32)v;

	p[0] = (u8)u;
	p[1] = (u8)(u >> 8);
	p[2] = (u8)(u >> 16);
	p[3] = (u8)(u >> 24);
}

static bool is_call_or_jmp(const struct pvlink_site *s)
{
	return s->form == PVLINK_SITE_CALL || s->form == PVLINK_SITE_JMP;
}

enum pvlink_patch_err pvlink_site_decide(const struct pvlink_site *site, const u8 *cur,
					 const struct pvlink_patch_op *op, u8 *out,
					 unsigned int *kind)
{
	u8 opcode = site->form == PVLINK_SITE_JMP ? PVLINK_OPCODE_JMP : PVLINK_OPCODE_CALL;
	/* rel32 counts from the end of the 5-byte instruction. */
	u64 next = site->addr + PVLINK_CALL_SIZE - 1;
	s64 disp;

	if (!op->resolved)
		return PVLINK_PATCH_E_UNRESOLVED;
	if (!is_call_or_jmp(site)) {
		*kind = PVLINK_PATCHED_TABLE;
		return PVLINK_PATCH_OK;
	}
	if (cur[0] != opcode)
		return PVLINK_PATCH_E_OPCODE;
	if (next + (u64)(s64)get_rel32(cur + 1) != op->entry)
		return PVLINK_PATCH_E_TARGET;

	/*
	 * Only a PLT32 call is one the compiler wrote as "call pv_<op>".
	 * A PC32 one may be GNU ld's relaxation of "call *pv_<op>@GOTPCREL"
	 * into "addr32 call" (67 e8): a body written after that prefix would
	 * run with 32-bit addressing.  Its rel32 can still be retargeted.
	 */
	if (site->form == PVLINK_SITE_CALL && site->type == R_X86_64_PLT32 &&
	    op->body.bytes && op->body.len && op->body.len <= PVLINK_CALL_SIZE) {
		u32 i;

		for (i = 0; i < op->body.len; i++)
			out[i] = op->body.bytes[i];
		pvlink_nop_fill(out + op->body.len, PVLINK_CALL_SIZE - op->body.len);
		*kind = PVLINK_PATCHED_INLINE;
		return PVLINK_PATCH_OK;
	}

	/* psABI: a 32-bit PC-relative field is sign-extended. */
	disp = (s64)(op->target - next);
	if (disp < INT32_MIN || disp > INT32_MAX)
		return PVLINK_PATCH_E_OVERFLOW;
	out[0] = opcode;
	put_rel32(out + 1, (s32)disp);
	*kind = PVLINK_PATCHED_DIRECT;
	return PVLINK_PATCH_OK;
}

/* Where the @n bytes at @addr live, if all inside one text range. */
static u8 *text_at(const struct pvlink_patch_env *env, u64 addr, u64 n)
{
	u32 i;

	for (i = 0; i < env->nr_text; i++) {
		const struct pvlink_text_range *t = &env->text[i];

		if (addr >= t->start && addr <= t->end && n <= t->end - addr)
			return t->mem + (addr - t->start);
	}
	return NULL;
}

/* The bytes a site covers: the opcode too for call/jmp. */
static u64 site_start(const struct pvlink_site *s)
{
	return is_call_or_jmp(s) ? s->addr - 1 : s->addr;
}

static u64 site_end(const struct pvlink_site *s)
{
	return s->addr + (s->type == R_X86_64_64 ? 8 : 4);
}

/* "function+0xoff" or "no function" for a message. */
static void where(const struct pvlink_patch_env *env, u64 addr, char *buf, size_t len)
{
	const char *fn = NULL;
	u64 off = 0;

	if (env->func_of)
		fn = env->func_of(addr, &off);
	if (fn)
		snprintf(buf, len, "%s+0x%lx", fn, (unsigned long)off);
	else
		snprintf(buf, len, "no known function");
}

static enum pvlink_patch_err site_fail(const struct pvlink_patch_env *env, u32 i,
				       enum pvlink_patch_err err, const u8 *cur,
				       char *msg, size_t len)
{
	const struct pvlink_site *s = &env->sites[i];
	const char *op = s->pvop < env->nr_ops ? env->names[s->pvop] : "?";
	const struct pvlink_patch_op *o = s->pvop < env->nr_ops ? &env->ops[s->pvop] : NULL;
	char fn[96];

	where(env, s->addr, fn, sizeof(fn));
	switch (err) {
	case PVLINK_PATCH_E_TABLE:
		snprintf(msg, len, "site %u at 0x%lx (%s): form %u, reserved %u: the site table is corrupt; rebuild the kernel",
			 i, (unsigned long)s->addr, fn, s->form, s->reserved);
		break;
	case PVLINK_PATCH_E_ORDER:
		snprintf(msg, len, "site %u at 0x%lx (%s) is not above the previous site's bytes: the site table is corrupt; rebuild the kernel",
			 i, (unsigned long)s->addr, fn);
		break;
	case PVLINK_PATCH_E_OP:
		snprintf(msg, len, "site %u at 0x%lx (%s): pv-op index %u, there are %u pv-ops: the site table does not match asm/pvops.h; rebuild the kernel",
			 i, (unsigned long)s->addr, fn, s->pvop, env->nr_ops);
		break;
	case PVLINK_PATCH_E_RELTYPE:
		snprintf(msg, len, "site %u at 0x%lx (%s), pv_%s: form %s with relocation type %u; only PC32/PLT32 are call/jmp displacements",
			 i, (unsigned long)s->addr, fn, op,
			 s->form == PVLINK_SITE_JMP ? "jmp" : "call", s->type);
		break;
	case PVLINK_PATCH_E_TEXT:
		snprintf(msg, len, "site %u at 0x%lx (%s), pv_%s: its 5 bytes are not inside the kernel's text [0x%lx, 0x%lx)%s; the site table does not belong to this kernel, or the text ranges given to the patcher are incomplete",
			 i, (unsigned long)s->addr, fn, op,
			 env->nr_text ? (unsigned long)env->text[0].start : 0UL,
			 env->nr_text ? (unsigned long)env->text[0].end : 0UL,
			 env->nr_text > 1 ? " and its other ranges" : "");
		break;
	case PVLINK_PATCH_E_OPCODE:
		snprintf(msg, len, "site %u at 0x%lx (%s), pv_%s: opcode 0x%x where %s (0x%x) should be: the text changed since the site table was built",
			 i, (unsigned long)s->addr, fn, op, cur[0],
			 s->form == PVLINK_SITE_JMP ? "jmp rel32" : "call rel32",
			 s->form == PVLINK_SITE_JMP ? PVLINK_OPCODE_JMP : PVLINK_OPCODE_CALL);
		break;
	case PVLINK_PATCH_E_TARGET:
		snprintf(msg, len, "site %u at 0x%lx (%s), pv_%s: it leads to 0x%lx, not to the kernel's pv_%s at 0x%lx (already patched, or the table is stale)",
			 i, (unsigned long)s->addr, fn, op,
			 (unsigned long)(s->addr + 4 + (u64)(s64)get_rel32(cur + 1)),
			 op, (unsigned long)o->entry);
		break;
	case PVLINK_PATCH_E_UNRESOLVED:
		snprintf(msg, len, "site %u at 0x%lx (%s): no backend of the linked stack defines pv_%s; every stack must implement every pv-op (pvimage verify checks it)",
			 i, (unsigned long)s->addr, fn, op);
		break;
	case PVLINK_PATCH_E_OVERFLOW:
		snprintf(msg, len, "site %u at 0x%lx (%s), pv_%s: the backend's function at 0x%lx is more than 2 GiB away; place the backend near the kernel",
			 i, (unsigned long)s->addr, fn, op, (unsigned long)o->target);
		break;
	default:
		snprintf(msg, len, "site %u at 0x%lx (%s), pv_%s: %s",
			 i, (unsigned long)s->addr, fn, op, pvlink_patch_strerror(err));
		break;
	}
	return err;
}

/* The shape checks: they need only the table itself. */
static enum pvlink_patch_err check_entry(const struct pvlink_patch_env *env, u32 i)
{
	const struct pvlink_site *s = &env->sites[i];

	if (s->reserved || s->form > PVLINK_SITE_OTHER)
		return PVLINK_PATCH_E_TABLE;
	if (is_call_or_jmp(s) && !s->addr)
		return PVLINK_PATCH_E_TABLE;
	if (i && (env->sites[i - 1].addr >= s->addr ||
		  site_end(&env->sites[i - 1]) > site_start(s)))
		return PVLINK_PATCH_E_ORDER;
	if (s->pvop >= env->nr_ops)
		return PVLINK_PATCH_E_OP;
	if (is_call_or_jmp(s) && s->type != R_X86_64_PC32 && s->type != R_X86_64_PLT32)
		return PVLINK_PATCH_E_RELTYPE;
	return PVLINK_PATCH_OK;
}

/* Check (and with @write, rewrite) site @i; count it in @st. */
static enum pvlink_patch_err do_site(const struct pvlink_patch_env *env, u32 i, bool write,
				     struct pvlink_patch_stats *st, char *msg, size_t len)
{
	const struct pvlink_site *s = &env->sites[i];
	u8 out[PVLINK_CALL_SIZE];
	enum pvlink_patch_err err;
	unsigned int kind;
	u8 *p = NULL;
	u32 k;

	err = check_entry(env, i);
	if (err)
		return site_fail(env, i, err, NULL, msg, len);
	if (is_call_or_jmp(s)) {
		p = text_at(env, site_start(s), PVLINK_CALL_SIZE);
		if (!p)
			return site_fail(env, i, PVLINK_PATCH_E_TEXT, NULL, msg, len);
	}
	err = pvlink_site_decide(s, p, &env->ops[s->pvop], out, &kind);
	if (err)
		return site_fail(env, i, err, p, msg, len);
	if (kind == PVLINK_PATCHED_INLINE)
		st->inlined++;
	else if (kind == PVLINK_PATCHED_DIRECT)
		st->direct++;
	else
		st->table++;
	if (write && kind != PVLINK_PATCHED_TABLE)
		for (k = 0; k < PVLINK_CALL_SIZE; k++)
			p[k] = out[k];
	return PVLINK_PATCH_OK;
}

/* One pass over every site: pass 0 checks, pass 1 writes. */
static enum pvlink_patch_err patch_pass(const struct pvlink_patch_env *env, bool write,
					struct pvlink_patch_stats *st, char *msg, size_t len)
{
	enum pvlink_patch_err err;
	u32 i;

	st->sites = env->nr_sites;
	st->inlined = 0;
	st->direct = 0;
	st->table = 0;
	for (i = 0; i < env->nr_sites; i++) {
		err = do_site(env, i, write, st, msg, len);
		if (err)
			return err;
	}
	return PVLINK_PATCH_OK;
}

enum pvlink_patch_err pvlink_patch_check(const struct pvlink_patch_env *env,
					 struct pvlink_patch_stats *st, char *msg,
					 size_t len)
{
	return patch_pass(env, false, st, msg, len);
}

enum pvlink_patch_err pvlink_patch_write(const struct pvlink_patch_env *env,
					 struct pvlink_patch_stats *st, char *msg,
					 size_t len)
{
	return patch_pass(env, true, st, msg, len);
}

enum pvlink_patch_err pvlink_patch_apply(const struct pvlink_patch_env *env,
					 struct pvlink_patch_stats *st, char *msg,
					 size_t len)
{
	enum pvlink_patch_err err = pvlink_patch_check(env, st, msg, len);

	/* Nothing is written unless every site passed: then writing cannot fail. */
	return err ? err : pvlink_patch_write(env, st, msg, len);
}
