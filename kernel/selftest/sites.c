// SPDX-License-Identifier: GPL-2.0
/*
 * The pv-op call sites after the boot-time link, byte by byte.
 *
 * Every call/jmp site in the kernel's site table (pvlink_sites) must now
 * hold either the inline body of the backend defining its op, padded
 * with the recommended NOPs, or a direct call/jmp to the stack's
 * pv_<op> in its text; none may still reach the kernel's dispatching
 * pv_<op>().
 * The expected NOPs and the native bodies of irq_disable and irq_save
 * are written out here again, so that the test does not take the
 * patcher's word for them.
 */
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/pvlink.h>
#include <linux/selftest.h>
#include <linux/string.h>
#include <asm/pvlink.h>
#include <asm/pvops.h>

extern const char _text[], _etext[];

#define NAME_OP(type, name, params, args)	#name,
#define NAME_VOP(name, params, args)		#name,
static const char *const op_names[] = { PV_OPS(NAME_OP, NAME_VOP, NAME_VOP) };

#define NR_OPS	ARRAY_SIZE(op_names)

/* Intel SDM vol. 2B, NOP: the recommended form of each length. */
static const u8 sdm_nops[PVLINK_CALL_SIZE + 1][PVLINK_CALL_SIZE] = {
	[1] = { 0x90 },
	[2] = { 0x66, 0x90 },
	[3] = { 0x0f, 0x1f, 0x00 },
	[4] = { 0x0f, 0x1f, 0x40, 0x00 },
	[5] = { 0x0f, 0x1f, 0x44, 0x00, 0x00 },
};

/* The native backend's bodies (arch/x86/pvlink/native/inline.c), padded. */
static const u8 native_irq_disable[PVLINK_CALL_SIZE] = { 0xfa, 0x0f, 0x1f, 0x40, 0x00 };
static const u8 native_irq_save[PVLINK_CALL_SIZE] = { 0x9c, 0x58, 0xfa, 0x66, 0x90 };

enum site_seen { SEEN_INLINE, SEEN_DIRECT, SEEN_TABLE, SEEN_WRONG };

static bool resident(u64 addr)
{
	return addr - 1 >= (uintptr_t)_text && addr + 4 <= (uintptr_t)_etext;
}

static const char *func(u64 addr, char *buf, size_t len)
{
	unsigned long off;
	const char *name = kallsyms_lookup(addr, &off);

	if (name)
		snprintf(buf, len, "%s+%#lx", name, off);
	else
		snprintf(buf, len, "%#lx", (unsigned long)addr);
	return buf;
}

static s32 rel32(const u8 *p)
{
	s32 v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static void hex5(const u8 *p, char *buf, size_t len)
{
	snprintf(buf, len, "%02x %02x %02x %02x %02x", p[0], p[1], p[2], p[3], p[4]);
}

/* What a resident call/jmp site holds now, against what it should hold. */
static enum site_seen check_site(const struct pvlink_site *s, const struct pvlink_patch_result *res,
				 const struct pvlink_boot_state *bs, char *why, size_t len)
{
	const struct pvlink_patched_op *op = &res->ops[s->pvop];
	const u8 *p = (const u8 *)(uintptr_t)(s->addr - 1);
	u8 opcode = s->form == PVLINK_SITE_JMP ? PVLINK_OPCODE_JMP : PVLINK_OPCODE_CALL;
	u64 text = bs->region[PVLINK_TEXT].addr, size = bs->region[PVLINK_TEXT].size;
	bool inline_wanted = s->form == PVLINK_SITE_CALL && s->type == R_X86_64_PLT32 &&
			     op->body_len;
	char got[20];
	u64 to;

	hex5(p, got, sizeof(got));
	if (inline_wanted) {
		if (memcmp(p, op->body, op->body_len) ||
		    memcmp(p + op->body_len, sdm_nops[PVLINK_CALL_SIZE - op->body_len],
			   PVLINK_CALL_SIZE - op->body_len)) {
			snprintf(why, len, "holds %s, not the %u-byte body and a %u-byte NOP",
				 got, op->body_len, (unsigned int)(PVLINK_CALL_SIZE - op->body_len));
			return SEEN_WRONG;
		}
		return SEEN_INLINE;
	}
	if (p[0] != opcode) {
		snprintf(why, len, "holds %s, not a %s", got,
			 s->form == PVLINK_SITE_JMP ? "jmp" : "call");
		return SEEN_WRONG;
	}
	/*
	 * The kernel's own pv_<op>() is not in the stack's text: a site
	 * left calling it fails here too.  (No table of those addresses
	 * here: each entry would be one more site.)
	 */
	to = s->addr + 4 + (u64)(s64)rel32(p + 1);
	if (to != op->target || to - text >= size) {
		snprintf(why, len, "reaches %#lx, not the stack's pv_%s at %#lx in its text [%#lx, +%#lx)",
			 (unsigned long)to, op_names[s->pvop], (unsigned long)op->target,
			 (unsigned long)text, (unsigned long)size);
		return SEEN_WRONG;
	}
	return SEEN_DIRECT;
}

/* The first resident PLT32 call site of @name, or NULL. */
static const struct pvlink_site *call_site_of(const char *name)
{
	for (u32 i = 0; i < pvlink_sites.nr_sites; i++) {
		const struct pvlink_site *s = &pvlink_sites.sites[i];

		if (s->pvop < NR_OPS && !strcmp(op_names[s->pvop], name) &&
		    s->form == PVLINK_SITE_CALL && s->type == R_X86_64_PLT32 &&
		    resident(s->addr))
			return s;
	}
	return NULL;
}

static int op_index(const char *name)
{
	for (unsigned int i = 0; i < NR_OPS; i++)
		if (!strcmp(op_names[i], name))
			return i;
	return -1;
}

/* A native body at the first call of @name, when native defines it. */
static void check_native_body(const struct pvlink_patch_result *res, const char *name,
			      const u8 *want, const char *what)
{
	const struct pvlink_site *s = call_site_of(name);
	const char *from;
	char fn[96], got[20];
	int op = op_index(name);

	if (!s || op < 0) {
		report_skip(what, "the kernel has no resident call to pv_%s", name);
		return;
	}
	from = res->objs[res->ops[op].obj];
	if (strcmp(from, "native")) {
		report_skip(what, "pv_%s comes from backend %s, not native", name, from);
		return;
	}
	hex5((const u8 *)(uintptr_t)(s->addr - 1), got, sizeof(got));
	report(!memcmp((const void *)(uintptr_t)(s->addr - 1), want, PVLINK_CALL_SIZE),
	       "%s: %s in %s", what, got, func(s->addr, fn, sizeof(fn)));
}

static void sites_suite(void)
{
	const struct pvlink_boot_state *bs = &pvlink_boot_state;
	const struct pvlink_patch_result *res = &pvlink_patch_result;
	unsigned int seen[SEEN_WRONG + 1] = { 0 }, freed = 0, bad_ops = 0;
	const struct pvlink_site *direct = NULL;
	char fn[96], why[160];

	if (!bs->linked) {
		report_skip("pv-op sites are patched", "no backend stack was linked: %s",
			    bs->reason[0] ? bs->reason : "(no reason recorded)");
		return;
	}
	if (!report(res->done && res->nr_ops == NR_OPS,
		    "the patcher recorded its work for %u pv-ops", res->nr_ops))
		return;
	report_info("stack %s: %u sites, %u inline, %u direct, %u table", bs->stack,
		    res->st.sites, res->st.inlined, res->st.direct, res->st.table);
	report(res->st.sites == pvlink_sites.nr_sites &&
	       res->st.sites == res->st.inlined + res->st.direct + res->st.table,
	       "counts add up: %u sites in the table = %u inline + %u direct + %u table",
	       pvlink_sites.nr_sites, res->st.inlined, res->st.direct, res->st.table);
	report(bs->patch.sites == res->st.sites && bs->patch.inlined == res->st.inlined &&
	       bs->patch.direct == res->st.direct && bs->patch.table == res->st.table,
	       "the boot state has the same counts");

	for (u32 i = 0; i < pvlink_sites.nr_sites; i++) {
		const struct pvlink_site *s = &pvlink_sites.sites[i];
		enum site_seen k;

		if (s->pvop >= NR_OPS) {
			bad_ops++;
			continue;
		}
		if (s->form == PVLINK_SITE_OTHER) {
			seen[SEEN_TABLE]++;
			continue;
		}
		/* Init text is freed (and poisoned) before the self-tests run. */
		if (!resident(s->addr)) {
			freed++;
			continue;
		}
		k = check_site(s, res, bs, why, sizeof(why));
		seen[k]++;
		if (k == SEEN_DIRECT && !direct)
			direct = s;
		if (k == SEEN_WRONG && seen[SEEN_WRONG] <= 5)
			report_info("site %u at %#lx in %s, pv_%s: %s", i,
				    (unsigned long)s->addr, func(s->addr, fn, sizeof(fn)),
				    op_names[s->pvop], why);
	}
	report(!bad_ops, "every site names a pv-op (%u do not)", bad_ops);
	report(!seen[SEEN_WRONG], "every resident call/jmp site holds what its op's backend asks for (%u do not)",
	       seen[SEEN_WRONG]);
	if (freed)
		report_info("%u sites are in init text, freed before this test: not read", freed);
	report(seen[SEEN_INLINE] + seen[SEEN_DIRECT] + seen[SEEN_TABLE] + seen[SEEN_WRONG] + freed +
	       bad_ops == res->st.sites &&
	       seen[SEEN_TABLE] == res->st.table &&
	       seen[SEEN_INLINE] <= res->st.inlined && seen[SEEN_DIRECT] <= res->st.direct &&
	       (freed || (seen[SEEN_INLINE] == res->st.inlined &&
			  seen[SEEN_DIRECT] == res->st.direct)),
	       "the bytes give the recorded counts: %u inline, %u direct, %u table, %u freed",
	       seen[SEEN_INLINE], seen[SEEN_DIRECT], seen[SEEN_TABLE], freed);

	check_native_body(res, "irq_disable", native_irq_disable,
			  "a call of pv_irq_disable is cli + 4-byte NOP");
	check_native_body(res, "irq_save", native_irq_save,
			  "a call of pv_irq_save is pushf; pop %rax; cli + 2-byte NOP");
	if (direct) {
		const u8 *p = (const u8 *)(uintptr_t)(direct->addr - 1);
		u64 to = direct->addr + 4 + (u64)(s64)rel32(p + 1);

		report(to - bs->region[PVLINK_TEXT].addr < bs->region[PVLINK_TEXT].size,
		       "a direct %s of pv_%s in %s lands in the stack's text (%#lx)",
		       p[0] == PVLINK_OPCODE_JMP ? "jmp" : "call", op_names[direct->pvop],
		       func(direct->addr, fn, sizeof(fn)), (unsigned long)to);
	} else {
		report_skip("a direct call lands in the stack's text",
			    "every resident site was inlined");
	}
}
SELFTEST_SUITE(sites, "sites", sites_suite, 0);
