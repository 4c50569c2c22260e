// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of pv-op site patching: the kernel's own decision code
 * (arch/x86/pvlink/patch_site.c, patch_inline.c, patch_resolve.c) run on
 * a text buffer, hand-made inline records and sections, and the real
 * backend objects linked by the real core.
 *
 *   patch_test [-t TEST] LABEL [NATIVE.o TEST.o EXPORTS NOTFUNC.o DUPREC.o ALLOC.o ORPHAN.o]
 *   patch_test --list
 *
 * LABEL and the test's name start every result's name ("patch: nops",
 * "patch: asan+ubsan: nops"); -t runs one test, --list names them.  With
 * the seven files (the build's arch/x86/pvlink/native.o, test.o, an
 * nm-style export list, and four small backends suite 12 assembles), the
 * stack test links native+test and checks which op gets which body, and
 * the four backends must be refused: pv_halt as data, two bodies for
 * halt, an allocated .pvlink.inline, a body for irq_enable without
 * pv_irq_enable (alone, and on top of native, which defines it).
 *
 * Prints TAP (lib/tap.h): the plan first, then exactly that many
 * results, each test below printing a fixed number of them (a result
 * that cannot be judged because an earlier step failed is a SKIP after
 * that failure).  Exit status 0, 1 if a result failed, 2 for a usage
 * error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/types.h>
#include <linux/elf.h>
#include <linux/pvlink.h>
#include <asm/pvlink.h>
#include <asm/pvops.h>
#include "tap.h"

static void diag(const char *s)
{
	tap_diag("%s", s);
}

static void hex(char *out, const u8 *p, unsigned int n)
{
	unsigned int i;

	out[0] = '\0';
	for (i = 0; i < n; i++)
		sprintf(out + 3 * i, "%02x%s", p[i], i + 1 < n ? " " : "");
}

static bool bytes_are(const u8 *got, const u8 *want, unsigned int n, const char *what)
{
	char g[64], w[64];

	if (!memcmp(got, want, n))
		return true;
	hex(g, got, n);
	hex(w, want, n);
	tap_diag("%s: got %s, want %s", what, g, w);
	return false;
}

/* ---- a fake kernel: text, entries, ops --------------------------------- */

#define TEXT_BASE	0xffffffff81000000ULL
#define TEXT_SIZE	4096
#define BACKEND_TEXT	0xffffffff82000000ULL

enum { OP_IRQ_DISABLE, OP_IRQ_SAVE, OP_HALT, OP_CPUID, OP_OUTW, OP_READ_CR2, NR_OPS };
static const char *const names[NR_OPS] = {
	"irq_disable", "irq_save", "halt", "cpuid", "outw", "read_cr2",
};

static u8 text[TEXT_SIZE];
static struct pvlink_patch_op ops[NR_OPS];
static struct pvlink_text_range range = { TEXT_BASE, TEXT_BASE + TEXT_SIZE, text };

/* The kernel's pv_<op> entries live at the end of the fake text. */
static u64 entry_of(unsigned int op)
{
	return TEXT_BASE + 0xf00 + 0x10 * op;
}

static const u8 body_cli[] = { 0xfa };
static const u8 body_save[] = { 0x9c, 0x58, 0xfa };
static const u8 body_hlt[] = { 0xf4 };
static const u8 body_cr2[] = { 0x0f, 0x20, 0xd0 };
static const u8 body_outw[] = { 0x89, 0xf8, 0x89, 0xf2, 0x66, 0xef };

static void reset_ops(void)
{
	unsigned int i;

	memset(ops, 0, sizeof(ops));
	for (i = 0; i < NR_OPS; i++) {
		ops[i].entry = entry_of(i);
		ops[i].target = BACKEND_TEXT + 0x40 * i;
		ops[i].resolved = true;
	}
	ops[OP_IRQ_DISABLE].body = (struct pvlink_inline_body){ body_cli, 1 };
	ops[OP_IRQ_SAVE].body = (struct pvlink_inline_body){ body_save, 3 };
	ops[OP_HALT].body = (struct pvlink_inline_body){ body_hlt, 1 };
	ops[OP_READ_CR2].body = (struct pvlink_inline_body){ body_cr2, 3 };
	ops[OP_OUTW].body = (struct pvlink_inline_body){ body_outw, 6 };
}

/* Write "e8/e9 rel32 -> entry" at text offset @off; return the site. */
static struct pvlink_site put_site(u32 off, unsigned int op, u8 form)
{
	struct pvlink_site s = { TEXT_BASE + off + 1, op, R_X86_64_PLT32, form, 0 };
	s32 rel = (s32)(entry_of(op) - (s.addr + 4));

	text[off] = form == PVLINK_SITE_JMP ? 0xe9 : 0xe8;
	memcpy(text + off + 1, &rel, 4);
	return s;
}

static const char *fake_func(u64 addr, u64 *off)
{
	if (addr < TEXT_BASE || addr >= TEXT_BASE + TEXT_SIZE)
		return NULL;
	*off = (addr - TEXT_BASE) & 0xff;
	return "fake_function";
}

static struct pvlink_patch_env env_of(const struct pvlink_site *sites, u32 n)
{
	return (struct pvlink_patch_env){
		.sites = sites, .nr_sites = n, .ops = ops, .names = names,
		.nr_ops = NR_OPS, .text = &range, .nr_text = 1, .func_of = fake_func,
	};
}

/* ---- 1. the NOP table -------------------------------------------------- */

static void test_nops(void)
{
	static const u8 want[6][5] = {
		{ 0 }, { 0x90 }, { 0x66, 0x90 }, { 0x0f, 0x1f, 0x00 },
		{ 0x0f, 0x1f, 0x40, 0x00 }, { 0x0f, 0x1f, 0x44, 0x00, 0x00 },
	};
	unsigned int n;

	for (n = 1; n <= 5; n++) {
		u8 buf[6];

		memset(buf, 0xcc, sizeof(buf));
		pvlink_nop_fill(buf, n);
		tap_check(bytes_are(buf, want[n], n, "nop") && buf[n] == 0xcc,
			  "%u-byte NOP is the SDM's recommended form, nothing past it", n);
	}
}

/* ---- 2. one site at a time --------------------------------------------- */

static void test_decide(void)
{
	static const u8 nop4[] = { 0x0f, 0x1f, 0x40, 0x00 };
	u8 out[5], want[5];
	unsigned int kind, len;
	struct pvlink_site s;
	s32 rel;

	reset_ops();
	/* Inline bodies of every length that fits: 1 to 5 bytes. */
	for (len = 1; len <= 5; len++) {
		static const u8 body[5] = { 0x11, 0x22, 0x33, 0x44, 0x55 };

		ops[OP_HALT].body = (struct pvlink_inline_body){ body, len };
		s = put_site(0, OP_HALT, PVLINK_SITE_CALL);
		memcpy(want, body, len);
		pvlink_nop_fill(want + len, 5 - len);
		tap_check(pvlink_site_decide(&s, text, &ops[OP_HALT], out, &kind) == PVLINK_PATCH_OK &&
			  kind == PVLINK_PATCHED_INLINE && bytes_are(out, want, 5, "inline"),
			  "call with a %u-byte body: body + %u-byte NOP", len, 5 - len);
	}
	reset_ops();

	s = put_site(0, OP_IRQ_DISABLE, PVLINK_SITE_CALL);
	want[0] = 0xfa;
	memcpy(want + 1, nop4, 4);
	tap_check(pvlink_site_decide(&s, text, &ops[OP_IRQ_DISABLE], out, &kind) == PVLINK_PATCH_OK &&
		  kind == PVLINK_PATCHED_INLINE && bytes_are(out, want, 5, "cli"),
		  "call pv_irq_disable with body cli: fa 0f 1f 40 00");

	/* A PC32 call may carry an addr32 prefix (relaxed GOT call): never inlined. */
	s = put_site(0x80, OP_IRQ_DISABLE, PVLINK_SITE_CALL);
	s.type = R_X86_64_PC32;
	rel = (s32)(ops[OP_IRQ_DISABLE].target - (s.addr + 4));
	want[0] = 0xe8;
	memcpy(want + 1, &rel, 4);
	tap_check(pvlink_site_decide(&s, text + 0x80, &ops[OP_IRQ_DISABLE], out, &kind) == PVLINK_PATCH_OK &&
		  kind == PVLINK_PATCHED_DIRECT && bytes_are(out, want, 5, "pc32"),
		  "PC32 call (maybe ld's \"addr32 call\"): a direct call, never inlined");

	/* A body longer than the call: a direct call instead. */
	s = put_site(0x20, OP_OUTW, PVLINK_SITE_CALL);
	rel = (s32)(ops[OP_OUTW].target - (s.addr + 4));
	want[0] = 0xe8;
	memcpy(want + 1, &rel, 4);
	tap_check(pvlink_site_decide(&s, text + 0x20, &ops[OP_OUTW], out, &kind) == PVLINK_PATCH_OK &&
		  kind == PVLINK_PATCHED_DIRECT && bytes_are(out, want, 5, "direct"),
		  "call with a 6-byte body: a direct call to the backend, never inlined");

	/* No body: direct call. */
	s = put_site(0x40, OP_CPUID, PVLINK_SITE_CALL);
	rel = (s32)(ops[OP_CPUID].target - (s.addr + 4));
	memcpy(want + 1, &rel, 4);
	tap_check(pvlink_site_decide(&s, text + 0x40, &ops[OP_CPUID], out, &kind) == PVLINK_PATCH_OK &&
		  kind == PVLINK_PATCHED_DIRECT && bytes_are(out, want, 5, "direct"),
		  "call without a body: e8 and the backend's rel32");

	/* A tail call keeps its jmp even when a body exists. */
	s = put_site(0x60, OP_IRQ_DISABLE, PVLINK_SITE_JMP);
	rel = (s32)(ops[OP_IRQ_DISABLE].target - (s.addr + 4));
	want[0] = 0xe9;
	memcpy(want + 1, &rel, 4);
	tap_check(pvlink_site_decide(&s, text + 0x60, &ops[OP_IRQ_DISABLE], out, &kind) == PVLINK_PATCH_OK &&
		  kind == PVLINK_PATCHED_DIRECT && bytes_are(out, want, 5, "jmp"),
		  "jmp site: e9 and the backend's rel32 (a body is never inlined into a tail call)");

	/* Other uses stay on the table. */
	s = (struct pvlink_site){ TEXT_BASE + 0x80, OP_HALT, R_X86_64_64, PVLINK_SITE_OTHER, 0 };
	tap_check(pvlink_site_decide(&s, NULL, &ops[OP_HALT], out, &kind) == PVLINK_PATCH_OK &&
		  kind == PVLINK_PATCHED_TABLE, "other use (address taken): left on the kernel's entry");

	/* Wrong opcode, wrong current target. */
	s = put_site(0xa0, OP_CPUID, PVLINK_SITE_CALL);
	text[0xa0] = 0xe9;
	tap_check(pvlink_site_decide(&s, text + 0xa0, &ops[OP_CPUID], out, &kind) == PVLINK_PATCH_E_OPCODE,
		  "call site whose opcode is e9: PVLINK_PATCH_E_OPCODE");
	s = put_site(0xa0, OP_CPUID, PVLINK_SITE_JMP);
	text[0xa0] = 0xe8;
	tap_check(pvlink_site_decide(&s, text + 0xa0, &ops[OP_CPUID], out, &kind) == PVLINK_PATCH_E_OPCODE,
		  "jmp site whose opcode is e8: PVLINK_PATCH_E_OPCODE");
	s = put_site(0xa0, OP_CPUID, PVLINK_SITE_CALL);
	text[0xa0 + 1] ^= 0x10;
	tap_check(pvlink_site_decide(&s, text + 0xa0, &ops[OP_CPUID], out, &kind) == PVLINK_PATCH_E_TARGET,
		  "call that does not reach the kernel's pv_<op>: PVLINK_PATCH_E_TARGET");
	s = put_site(0xa0, OP_IRQ_SAVE, PVLINK_SITE_CALL);
	tap_check(pvlink_site_decide(&s, text + 0xa0, &ops[OP_CPUID], out, &kind) == PVLINK_PATCH_E_TARGET,
		  "call to another op's entry: PVLINK_PATCH_E_TARGET");

	/* Unresolved op. */
	ops[OP_CPUID].resolved = false;
	s = put_site(0xa0, OP_CPUID, PVLINK_SITE_CALL);
	tap_check(pvlink_site_decide(&s, text + 0xa0, &ops[OP_CPUID], out, &kind) == PVLINK_PATCH_E_UNRESOLVED,
		  "op the stack does not define: PVLINK_PATCH_E_UNRESOLVED");
	ops[OP_CPUID].resolved = true;

	/* Overflow: the displacement is sign-extended 32 bits (psABI). */
	s = put_site(0xc0, OP_CPUID, PVLINK_SITE_CALL);
	ops[OP_CPUID].target = s.addr + 4 + 0x7fffffffULL;
	tap_check(pvlink_site_decide(&s, text + 0xc0, &ops[OP_CPUID], out, &kind) == PVLINK_PATCH_OK &&
		  kind == PVLINK_PATCHED_DIRECT, "target at +2 GiB - 1: fits");
	ops[OP_CPUID].target = s.addr + 4 + 0x80000000ULL;
	tap_check(pvlink_site_decide(&s, text + 0xc0, &ops[OP_CPUID], out, &kind) == PVLINK_PATCH_E_OVERFLOW,
		  "target at +2 GiB: PVLINK_PATCH_E_OVERFLOW");
	ops[OP_CPUID].target = s.addr + 4 - 0x80000000ULL;
	tap_check(pvlink_site_decide(&s, text + 0xc0, &ops[OP_CPUID], out, &kind) == PVLINK_PATCH_OK &&
		  kind == PVLINK_PATCHED_DIRECT, "target at -2 GiB: fits");
	ops[OP_CPUID].target = s.addr + 4 - 0x80000001ULL;
	tap_check(pvlink_site_decide(&s, text + 0xc0, &ops[OP_CPUID], out, &kind) == PVLINK_PATCH_E_OVERFLOW,
		  "target at -2 GiB - 1: PVLINK_PATCH_E_OVERFLOW");
	ops[OP_CPUID].target = s.addr + 4 - 0x100000000ULL;
	tap_check(pvlink_site_decide(&s, text + 0xc0, &ops[OP_CPUID], out, &kind) == PVLINK_PATCH_E_OVERFLOW,
		  "target 4 GiB below (wraps to 0 in 32 bits): PVLINK_PATCH_E_OVERFLOW");
	reset_ops();
}

/* ---- 3. the whole table: all or nothing -------------------------------- */

#define NR_SITES 7
static struct pvlink_site sites[NR_SITES];

/* A text with seven sites of every form. */
static void build_text(void)
{
	memset(text, 0xcc, sizeof(text));
	sites[0] = put_site(0x010, OP_IRQ_DISABLE, PVLINK_SITE_CALL);
	sites[1] = put_site(0x020, OP_IRQ_SAVE, PVLINK_SITE_CALL);
	sites[2] = put_site(0x030, OP_CPUID, PVLINK_SITE_CALL);
	sites[3] = put_site(0x040, OP_OUTW, PVLINK_SITE_CALL);
	sites[4] = put_site(0x050, OP_HALT, PVLINK_SITE_JMP);
	sites[5] = (struct pvlink_site){ TEXT_BASE + 0x61, OP_HALT, R_X86_64_PC32,
					 PVLINK_SITE_OTHER, 0 };	/* lea pv_halt(%rip) */
	text[0x5e] = 0x48;
	text[0x5f] = 0x8d;
	text[0x60] = 0x05;
	sites[6] = put_site(0x070, OP_READ_CR2, PVLINK_SITE_CALL);
}

static void test_apply_ok(void)
{
	static const u8 cli4[] = { 0xfa, 0x0f, 0x1f, 0x40, 0x00 };
	static const u8 save2[] = { 0x9c, 0x58, 0xfa, 0x66, 0x90 };
	static const u8 cr2[] = { 0x0f, 0x20, 0xd0, 0x66, 0x90 };
	struct pvlink_patch_env env;
	struct pvlink_patch_stats st;
	char msg[PVLINK_MSG_MAX] = "";
	u8 before[TEXT_SIZE], d[5];
	bool ok;
	s32 rel;

	reset_ops();
	build_text();
	memcpy(before, text, sizeof(text));
	env = env_of(sites, NR_SITES);
	ok = tap_check(pvlink_patch_apply(&env, &st, msg, sizeof(msg)) == PVLINK_PATCH_OK,
		       "seven sites of every form patch");
	if (!ok)
		diag(msg);
	tap_check(st.sites == 7 && st.inlined == 3 && st.direct == 3 && st.table == 1,
		  "counts: 7 sites = 3 inline + 3 direct + 1 table (%u %u %u %u)",
		  st.sites, st.inlined, st.direct, st.table);
	tap_check(bytes_are(text + 0x10, cli4, 5, "irq_disable"), "irq_disable site: fa + 4-byte NOP");
	tap_check(bytes_are(text + 0x20, save2, 5, "irq_save"), "irq_save site: 9c 58 fa + 2-byte NOP");
	tap_check(bytes_are(text + 0x70, cr2, 5, "read_cr2"), "read_cr2 site: 0f 20 d0 + 2-byte NOP");
	d[0] = 0xe8;
	rel = (s32)(ops[OP_CPUID].target - (sites[2].addr + 4));
	memcpy(d + 1, &rel, 4);
	tap_check(bytes_are(text + 0x30, d, 5, "cpuid"), "cpuid site: a direct call to the backend");
	rel = (s32)(ops[OP_OUTW].target - (sites[3].addr + 4));
	memcpy(d + 1, &rel, 4);
	tap_check(bytes_are(text + 0x40, d, 5, "outw"), "outw site (6-byte body): a direct call");
	d[0] = 0xe9;
	rel = (s32)(ops[OP_HALT].target - (sites[4].addr + 4));
	memcpy(d + 1, &rel, 4);
	tap_check(bytes_are(text + 0x50, d, 5, "halt jmp"), "halt tail call: a direct jmp");
	tap_check(!memcmp(text + 0x5e, before + 0x5e, 7), "other use (lea): bytes unchanged");
	/* Only the five bytes of each call/jmp site changed. */
	for (u32 i = 0; i < TEXT_SIZE; i++) {
		bool in_site = false;

		for (u32 k = 0; k < NR_SITES; k++)
			if (sites[k].form != PVLINK_SITE_OTHER &&
			    i >= sites[k].addr - 1 - TEXT_BASE && i < sites[k].addr + 4 - TEXT_BASE)
				in_site = true;
		if (!in_site && text[i] != before[i]) {
			tap_check(false, "nothing outside the sites changed (offset %#x)", i);
			return;
		}
	}
	tap_check(true, "nothing outside the sites changed");
	/* Patching twice: the sites no longer call the kernel's entries. */
	tap_check(pvlink_patch_apply(&env, &st, msg, sizeof(msg)) == PVLINK_PATCH_E_OPCODE,
		  "a second run refuses the already-patched text (%s)", msg);
}

/*
 * Break one thing, run the whole table, check the error, that the
 * message names the site and its function, and that no byte changed.
 */
static void refuse(const char *what, enum pvlink_patch_err want, const char *needle,
		   void (*breakit)(void))
{
	struct pvlink_patch_env env;
	struct pvlink_patch_stats st;
	char msg[PVLINK_MSG_MAX] = "";
	u8 before[TEXT_SIZE];
	enum pvlink_patch_err err;
	bool ok;

	reset_ops();
	build_text();
	breakit();
	memcpy(before, text, sizeof(text));
	env = env_of(sites, NR_SITES);
	err = pvlink_patch_apply(&env, &st, msg, sizeof(msg));
	ok = tap_check(err == want && strstr(msg, needle), "%s: %s", what, pvlink_patch_strerror(want));
	if (!ok)
		tap_diag("got %d (%s), message: %s", err, pvlink_patch_strerror(err), msg);
	tap_check(!memcmp(before, text, sizeof(text)), "%s: nothing written", what);
}

/* The breakage is always at the last call site, after six good ones. */
static void brk_reserved(void)	{ sites[6].reserved = 1; }
static void brk_form(void)	{ sites[6].form = 3; }
static void brk_order(void)	{ sites[6].addr = sites[5].addr; }
static void brk_overlap(void)	{ sites[6].addr = sites[5].addr + 4; }	/* opcode on lea's field */
static void brk_op(void)	{ sites[6].pvop = NR_OPS; }
static void brk_reltype(void)	{ sites[6].type = R_X86_64_32S; }
static void brk_text(void)	{ sites[6].addr = TEXT_BASE + TEXT_SIZE + 0x10; }
static void brk_text_end(void)	{ sites[6].addr = TEXT_BASE + TEXT_SIZE - 3; }	/* field past the end */
static void brk_text_start(void) { sites[0].addr = TEXT_BASE; }		/* opcode before text */
static void brk_opcode(void)	{ text[0x70] = 0x90; }
static void brk_target(void)	{ text[0x71]++; }
static void brk_unresolved(void) { ops[OP_READ_CR2].resolved = false; }
static void brk_overflow(void)	{ ops[OP_CPUID].target = TEXT_BASE + 0x100000000ULL; }

static void test_apply_refused(void)
{
	refuse("reserved field set", PVLINK_PATCH_E_TABLE, "fake_function+", brk_reserved);
	refuse("unknown form", PVLINK_PATCH_E_TABLE, "form 3", brk_form);
	refuse("two sites at one address", PVLINK_PATCH_E_ORDER, "site 6", brk_order);
	refuse("a call whose opcode overlaps the previous site", PVLINK_PATCH_E_ORDER, "site 6",
	       brk_overlap);
	refuse("pv-op index out of range", PVLINK_PATCH_E_OP, "pv-op index 6", brk_op);
	refuse("call site with an R_X86_64_32S relocation", PVLINK_PATCH_E_RELTYPE, "type 11",
	       brk_reltype);
	refuse("call site outside the text", PVLINK_PATCH_E_TEXT, "pv_read_cr2", brk_text);
	refuse("call site whose field crosses the end of the text", PVLINK_PATCH_E_TEXT,
	       "pv_read_cr2", brk_text_end);
	refuse("call site whose opcode is before the text", PVLINK_PATCH_E_TEXT, "pv_irq_disable",
	       brk_text_start);
	refuse("wrong opcode", PVLINK_PATCH_E_OPCODE, "(fake_function+0x71), pv_read_cr2: opcode 0x90",
	       brk_opcode);
	refuse("wrong current target", PVLINK_PATCH_E_TARGET, "not to the kernel's pv_read_cr2",
	       brk_target);
	refuse("op not defined by the stack", PVLINK_PATCH_E_UNRESOLVED, "defines pv_read_cr2",
	       brk_unresolved);
	refuse("backend beyond rel32 reach", PVLINK_PATCH_E_OVERFLOW, "pv_cpuid", brk_overflow);
}

/* ---- 4. inline records -------------------------------------------------- */

static enum pvlink_patch_err records(const void *sec, size_t size, char *msg)
{
	return pvlink_inline_check(sec, size, names, NR_OPS, msg, PVLINK_MSG_MAX);
}

#define REC(s) s, sizeof(s) - 1

static void test_records(void)
{
	static const char good[] = "irq_disable\0\001\372halt\0\001\364irq_save\0\003\234\130\372";
	struct pvlink_inline_body b;
	char msg[PVLINK_MSG_MAX];
	static const struct {
		const char *what;
		const char *sec;
		size_t size;
		enum pvlink_patch_err want;
		const char *needle;
	} bad[] = {
		{ "name not NUL-terminated", REC("halt\0\001\364irq_dis"), PVLINK_PATCH_E_INL_TRUNC, "offset 0x7" },
		{ "no length byte", REC("halt\0"), PVLINK_PATCH_E_INL_TRUNC, "length byte" },
		{ "body past the end", REC("halt\0\003\364\364"), PVLINK_PATCH_E_INL_TRUNC, "3-byte body" },
		{ "unknown op", REC("halt\0\001\364hlt\0\001\364"), PVLINK_PATCH_E_INL_NAME, "\"hlt\"" },
		{ "\"pv_\" prefix", REC("pv_halt\0\001\364"), PVLINK_PATCH_E_INL_NAME, "\"pv_halt\"" },
		{ "empty name", REC("\0\001\364"), PVLINK_PATCH_E_INL_NAME, "offset 0x0" },
		{ "empty body", REC("halt\0\000"), PVLINK_PATCH_E_INL_LEN, "0 bytes" },
		{ "body of 33 bytes", REC("halt\0\041xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
		  PVLINK_PATCH_E_INL_LEN, "33 bytes" },
		{ "two bodies for one op", REC("halt\0\001\364irq_save\0\001\234halt\0\001\220"),
		  PVLINK_PATCH_E_INL_DUP, "0x0 and 0x12" },
	};
	unsigned int i;

	tap_check(records(REC(good), msg) == PVLINK_PATCH_OK, "three good records pass");
	tap_check(records("", 0, msg) == PVLINK_PATCH_OK, "an empty section passes");
	pvlink_inline_find((const u8 *)good, sizeof(good) - 1, "irq_save", &b);
	tap_check(b.len == 3 && !memcmp(b.bytes, "\234\130\372", 3), "find: irq_save's 3 bytes");
	pvlink_inline_find((const u8 *)good, sizeof(good) - 1, "cpuid", &b);
	tap_check(!b.bytes && !b.len, "find: no record for cpuid");
	pvlink_inline_find((const u8 *)good, sizeof(good) - 1, "irq", &b);
	tap_check(!b.bytes, "find: a prefix of a name is not the name");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		enum pvlink_patch_err err;

		msg[0] = '\0';
		err = records(bad[i].sec, bad[i].size, msg);
		if (!tap_check(err == bad[i].want && strstr(msg, bad[i].needle), "record: %s: %s",
			       bad[i].what, pvlink_patch_strerror(bad[i].want)))
			tap_diag("got %d, message: %s", err, msg);
	}
}

/* A minimal ELF object: null section, name table, and @n sections named .pvlink.inline. */
static size_t make_elf(u8 *buf, size_t cap, unsigned int n, u64 flags, u32 type,
		       const char *data, size_t dlen)
{
	static const char shstr[] = "\0.shstrtab\0.pvlink.inline";
	Elf64_Ehdr eh = { 0 };
	Elf64_Shdr sh[4] = { { 0 } };
	size_t off = sizeof(eh), i;

	memset(buf, 0, cap);
	memcpy(buf + off, shstr, sizeof(shstr));
	sh[1] = (Elf64_Shdr){ .sh_name = 1, .sh_type = SHT_STRTAB, .sh_offset = off,
			      .sh_size = sizeof(shstr) };
	off += sizeof(shstr);
	memcpy(buf + off, data, dlen);
	for (i = 0; i < n; i++)
		sh[2 + i] = (Elf64_Shdr){ .sh_name = 11, .sh_type = type, .sh_flags = flags,
					  .sh_offset = off, .sh_size = dlen };
	off = (off + dlen + 7) & ~(size_t)7;
	memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = ELFCLASS64;
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	eh.e_ident[EI_VERSION] = EV_CURRENT;
	eh.e_version = EV_CURRENT;
	eh.e_type = ET_REL;
	eh.e_machine = EM_X86_64;
	eh.e_ehsize = sizeof(eh);
	eh.e_shoff = off;
	eh.e_shentsize = sizeof(Elf64_Shdr);
	eh.e_shnum = 2 + n;
	eh.e_shstrndx = 1;
	memcpy(buf, &eh, sizeof(eh));
	memcpy(buf, ELFMAG, SELFMAG);
	memcpy(buf + off, sh, (2 + n) * sizeof(Elf64_Shdr));
	return off + (2 + n) * sizeof(Elf64_Shdr);
}

static void test_sections(void)
{
	static const char recs[] = "halt\0\001\364";
	u8 obj[1024];
	char msg[PVLINK_MSG_MAX] = "";
	const u8 *sec;
	u64 sz;
	size_t n;
	enum pvlink_patch_err err;

	n = make_elf(obj, sizeof(obj), 1, 0, SHT_PROGBITS, recs, 7);
	err = pvlink_inline_section(obj, n, &sec, &sz, msg, sizeof(msg));
	tap_check(!err && sec && sz == 7 && !memcmp(sec, recs, 7), "section: found in an object");
	n = make_elf(obj, sizeof(obj), 0, 0, SHT_PROGBITS, recs, 7);
	err = pvlink_inline_section(obj, n, &sec, &sz, msg, sizeof(msg));
	tap_check(!err && !sec && !sz, "section: an object without one has no bodies");
	n = make_elf(obj, sizeof(obj), 2, 0, SHT_PROGBITS, recs, 7);
	err = pvlink_inline_section(obj, n, &sec, &sz, msg, sizeof(msg));
	tap_check(err == PVLINK_PATCH_E_INL_SECTION && strstr(msg, "sections 2 and 3"),
		  "section: two of them: PVLINK_PATCH_E_INL_SECTION (%s)", msg);
	n = make_elf(obj, sizeof(obj), 1, SHF_ALLOC, SHT_PROGBITS, recs, 7);
	err = pvlink_inline_section(obj, n, &sec, &sz, msg, sizeof(msg));
	tap_check(err == PVLINK_PATCH_E_INL_SECTION && strstr(msg, "not allocated"),
		  "section: allocated: PVLINK_PATCH_E_INL_SECTION");
	n = make_elf(obj, sizeof(obj), 1, 0, SHT_NOBITS, recs, 7);
	err = pvlink_inline_section(obj, n, &sec, &sz, msg, sizeof(msg));
	tap_check(err == PVLINK_PATCH_E_INL_SECTION, "section: NOBITS: PVLINK_PATCH_E_INL_SECTION");
	/* The section's size reaches past the object. */
	n = make_elf(obj, sizeof(obj), 1, 0, SHT_PROGBITS, recs, 7);
	{
		Elf64_Ehdr eh;
		Elf64_Shdr sh;

		memcpy(&eh, obj, sizeof(eh));
		memcpy(&sh, obj + eh.e_shoff + 2 * sizeof(sh), sizeof(sh));
		sh.sh_size = n;
		memcpy(obj + eh.e_shoff + 2 * sizeof(sh), &sh, sizeof(sh));
		err = pvlink_inline_section(obj, n, &sec, &sz, msg, sizeof(msg));
		tap_check(err == PVLINK_PATCH_E_INL_ELF, "section: past the object's end: PVLINK_PATCH_E_INL_ELF");
		eh.e_shnum = 200;
		memcpy(obj, &eh, sizeof(eh));
		err = pvlink_inline_section(obj, n, &sec, &sz, msg, sizeof(msg));
		tap_check(err == PVLINK_PATCH_E_INL_ELF, "section: section table past the end: PVLINK_PATCH_E_INL_ELF");
	}
	err = pvlink_inline_section(obj, 10, &sec, &sz, msg, sizeof(msg));
	tap_check(err == PVLINK_PATCH_E_INL_ELF, "section: 10-byte object: PVLINK_PATCH_E_INL_ELF");
}

/* ---- 5. the real backends, linked by the real core ----------------------- */

#define PV_NAME(type, name, params, args)	#name,
#define PV_VNAME(name, params, args)		#name,
static const char *const pv_names[] = { PV_OPS(PV_NAME, PV_VNAME, PV_VNAME) };
#define NR_PV	(sizeof(pv_names) / sizeof(pv_names[0]))

static void *read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	void *p = NULL;
	long n;

	if (!f)
		return NULL;
	if (!fseek(f, 0, SEEK_END) && (n = ftell(f)) > 0 && !fseek(f, 0, SEEK_SET)) {
		p = malloc(n);
		if (p && fread(p, 1, n, f) != (size_t)n) {
			free(p);
			p = NULL;
		}
		*size = n;
	}
	fclose(f);
	return p;
}

static int cmp_export(const void *a, const void *b)
{
	return strcmp(((const struct pvlink_export *)a)->name,
		      ((const struct pvlink_export *)b)->name);
}

/* "ADDRESS TYPE NAME [percpu]" lines into a one-bucket export table. */
static bool read_exports(const char *path, struct pvlink_export_table *t)
{
	static struct pvlink_export e[256];
	static u32 bucket[2];
	static unsigned int n;
	static bool done;
	char line[512], name[256], kind[16], pc[16];
	unsigned long long v;
	FILE *f;

	/* Read once: the names stay referenced by the table. */
	if (done) {
		*t = (struct pvlink_export_table){ 1, n, bucket, e };
		return true;
	}
	f = fopen(path, "r");
	if (!f)
		return false;
	while (fgets(line, sizeof(line), f) && n < 256) {
		int k = sscanf(line, "%llx %15s %255s %15s", &v, kind, name, pc);

		if (k < 3 || line[0] == '#')
			continue;
		e[n].name = strdup(name);
		e[n].hash = pvlink_hash(name);
		e[n].value = v;
		e[n].flags = k == 4 && !strcmp(pc, "percpu") ? PVLINK_EXPORT_F_PERCPU : 0;
		n++;
	}
	fclose(f);
	qsort(e, n, sizeof(e[0]), cmp_export);
	bucket[0] = 0;
	bucket[1] = n;
	done = true;
	*t = (struct pvlink_export_table){ 1, n, bucket, e };
	return true;
}

/*
 * Plan and link @n objects at run-time addresses near the export list's
 * made-up kernel addresses (as at boot: within rel32 reach), staging in
 * malloc'd memory.  Returns the workspace (free with unlink_stack()).
 */
static void *link_stack(struct pvlink_ctx *ctx, const struct pvlink_object *objs,
			unsigned int n, const struct pvlink_export_table *table)
{
	u64 addr = 0x400000;
	unsigned int r;
	void *work;

	pvlink_init(ctx, objs, n, table, 0, 1 << 20);
	if (pvlink_plan(ctx) != PVLINK_OK)
		return NULL;
	for (r = 0; r < PVLINK_NR_REGIONS; r++) {
		struct pvlink_region *rg = &ctx->region[r];
		u64 a = rg->align < 16 ? 16 : rg->align;

		rg->mem = rg->size ? aligned_alloc(a, (rg->size + a - 1) / a * a) : NULL;
		if (r == PVLINK_PERCPU) {
			rg->addr = 0;
			continue;
		}
		addr = (addr + a - 1) / a * a;
		rg->addr = addr;
		addr += rg->size;
	}
	work = aligned_alloc(8, (ctx->work_size + 8) / 8 * 8);
	if (pvlink_link(ctx, work, ctx->work_size) == PVLINK_OK)
		return work;
	free(work);
	return NULL;
}

static void unlink_stack(struct pvlink_ctx *ctx, void *work)
{
	unsigned int r;

	for (r = 0; r < PVLINK_NR_REGIONS; r++) {
		free(ctx->region[r].mem);
		ctx->region[r].mem = NULL;
	}
	free(work);
}

static const struct pvlink_patch_op *op_named(const struct pvlink_patch_op *pv, const char *name)
{
	unsigned int i;

	for (i = 0; i < NR_PV; i++)
		if (!strcmp(pv_names[i], name))
			return &pv[i];
	return NULL;
}

/* The results test_stack() prints, whatever happens. */
#define STACK_RESULTS	12

/* The @n results after a failed step, which could not be judged. */
static void skip_rest(unsigned int n, const char *why)
{
	while (n--)
		tap_skip(why, "native+test stack: a result after the failure");
}

static void test_stack(const char *native, const char *test, const char *exports)
{
	static struct pvlink_ctx ctx;
	struct pvlink_object objs[2] = { { .name = "native" }, { .name = "test" } };
	struct pvlink_export_table table;
	struct pvlink_patch_op pv[NR_PV];
	const struct pvlink_patch_op *o;
	u64 entries[NR_PV] = { 0 };
	char msg[PVLINK_MSG_MAX] = "";
	unsigned int i, wrong = 0;
	const u8 *sec;
	void *work;
	u64 sz;

	objs[0].data = read_file(native, &objs[0].size);
	objs[1].data = read_file(test, &objs[1].size);
	if (!objs[0].data || !objs[1].data || !read_exports(exports, &table)) {
		/* The build's files are the input: the test cannot run. */
		tap_error("an input is not readable", "native+test stack: read %s, %s and %s",
			  native, test, exports);
		skip_rest(STACK_RESULTS - 1, "its input is not readable");
		goto out;
	}

	/* native.o's own records, read as the kernel reads them. */
	if (tap_check(pvlink_inline_section(objs[0].data, objs[0].size, &sec, &sz, msg,
					    sizeof(msg)) == PVLINK_PATCH_OK && sec,
		      "native.o has a %s section", PVLINK_INLINE_SECTION))
		tap_check(pvlink_inline_check(sec, sz, pv_names, NR_PV, msg, sizeof(msg)) ==
			  PVLINK_PATCH_OK, "native.o's records are valid (%s)",
			  msg[0] ? msg : "no error");
	else
		tap_skip("native.o has no records", "native.o's records are valid");

	for (i = 0; i < NR_PV; i++)
		entries[i] = 0x100000 + 16 * i;
	work = link_stack(&ctx, objs, 2, &table);
	if (!tap_check(work, "link native+test")) {
		diag(ctx.msg);
		skip_rest(STACK_RESULTS - 3, "native+test did not link");
		goto out;
	}
	if (!tap_check(pvlink_patch_resolve(&ctx, pv_names, entries, NR_PV, pv, msg, sizeof(msg)) ==
		       PVLINK_PATCH_OK, "resolve every pv-op in native+test"))
		diag(msg);
	for (i = 0; i < NR_PV; i++) {
		struct pvlink_symbol sym;
		char name[64];

		snprintf(name, sizeof(name), "pv_%s", pv_names[i]);
		if (!pv[i].resolved || pvlink_lookup(&ctx, name, &sym) ||
		    sym.value != pv[i].target || pv[i].entry != entries[i]) {
			tap_diag("%s does not resolve to the stack's topmost definition", name);
			wrong++;
		} else if (sym.obj == 1 && pv[i].body.bytes) {
			tap_diag("%s comes from test, which has no bodies, but has a body", name);
			wrong++;
		}
	}
	tap_check(!wrong, "each of the %zu pv-ops resolves to the stack's topmost definition, no body from test",
		  NR_PV);
	o = op_named(pv, "irq_disable");
	tap_check(o->body.len == 1 && o->body.bytes[0] == 0xfa, "irq_disable (from native): body fa");
	o = op_named(pv, "irq_save");
	tap_check(o->body.len == 3 && !memcmp(o->body.bytes, "\x9c\x58\xfa", 3),
		  "irq_save (from native): body 9c 58 fa");
	o = op_named(pv, "io_delay");
	tap_check(!o->body.bytes, "io_delay (test overrides native): no body, though native has one");
	o = op_named(pv, "cpuid");
	tap_check(!o->body.bytes, "cpuid (test overrides native): no body");
	o = op_named(pv, "outw");
	tap_check(o->body.len > PVLINK_CALL_SIZE, "outw (from native): a body longer than the call");
	unlink_stack(&ctx, work);

	/* native alone: io_delay now takes native's body. */
	work = link_stack(&ctx, objs, 1, &table);
	if (tap_check(work && pvlink_patch_resolve(&ctx, pv_names, entries, NR_PV, pv, msg,
						   sizeof(msg)) == PVLINK_PATCH_OK,
		      "link and resolve native alone")) {
		o = op_named(pv, "io_delay");
		tap_check(o->body.len == 4 && !memcmp(o->body.bytes, "\x31\xc0\xe6\x80", 4),
			  "io_delay (native alone): native's body 31 c0 e6 80");
	} else {
		tap_diag("%s %s", ctx.msg, msg);
		tap_skip("native alone did not link", "io_delay (native alone): native's body");
	}
	unlink_stack(&ctx, work);
out:
	free((void *)objs[0].data);
	free((void *)objs[1].data);
}

/* The results test_bad_backend() and test_orphan_over_native() print. */
#define BAD_RESULTS	2

/*
 * Small hand-made backends (suite 12 assembles them): each must be
 * refused by pvlink_patch_resolve() with its own error, naming it.
 */
static void test_bad_backend(const char *path, enum pvlink_patch_err want, const char *needle)
{
	static struct pvlink_ctx ctx;
	struct pvlink_object obj = { .name = "bad" };
	struct pvlink_patch_op pv[NR_PV];
	u64 entries[NR_PV] = { 0 };
	char msg[PVLINK_MSG_MAX] = "";
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	enum pvlink_patch_err err;
	void *work;

	obj.data = read_file(path, &obj.size);
	if (!obj.data) {
		tap_error("not readable", "backend %s links", path);
		tap_skip("its input is not readable", "backend %s refused", base);
		return;
	}
	work = link_stack(&ctx, &obj, 1, NULL);
	if (tap_check(work, "backend %s links", base)) {
		err = pvlink_patch_resolve(&ctx, pv_names, entries, NR_PV, pv, msg, sizeof(msg));
		if (!tap_check(err == want && strstr(msg, "backend bad") && strstr(msg, needle),
			       "backend %s refused: %s", base, pvlink_patch_strerror(want)))
			tap_diag("got %d, message: %s", err, msg);
	} else {
		diag(ctx.msg);
		tap_skip("it did not link", "backend %s refused", base);
	}
	unlink_stack(&ctx, work);
	free((void *)obj.data);
}

/*
 * native with a backend on top that has a body for irq_enable but leaves
 * pv_irq_enable to native: its author expects the body to be used.
 */
static void test_orphan_over_native(const char *native, const char *exports, const char *orphan)
{
	static struct pvlink_ctx ctx;
	struct pvlink_object objs[2] = { { .name = "native" }, { .name = "orphan" } };
	struct pvlink_export_table table;
	struct pvlink_patch_op pv[NR_PV];
	u64 entries[NR_PV] = { 0 };
	char msg[PVLINK_MSG_MAX] = "";
	enum pvlink_patch_err err;
	void *work;

	objs[0].data = read_file(native, &objs[0].size);
	objs[1].data = read_file(orphan, &objs[1].size);
	if (objs[0].data && objs[1].data && read_exports(exports, &table)) {
		work = link_stack(&ctx, objs, 2, &table);
		if (tap_check(work, "native+orphan links")) {
			err = pvlink_patch_resolve(&ctx, pv_names, entries, NR_PV, pv, msg,
						   sizeof(msg));
			if (!tap_check(err == PVLINK_PATCH_E_INL_ORPHAN &&
				       strstr(msg, "backend orphan has an inline body for irq_enable but does not define pv_irq_enable (backend native does)"),
				       "a body above the op's definition: %s",
				       pvlink_patch_strerror(PVLINK_PATCH_E_INL_ORPHAN)))
				tap_diag("got %d, message: %s", err, msg);
		} else {
			diag(ctx.msg);
			tap_skip("it did not link", "a body above the op's definition");
		}
		unlink_stack(&ctx, work);
	} else {
		tap_error("an input is not readable", "native+orphan links: read %s, %s and %s",
			  native, orphan, exports);
		tap_skip("its input is not readable", "a body above the op's definition");
	}
	free((void *)objs[0].data);
	free((void *)objs[1].data);
}

/* ---- 6. random inputs: no crash, nothing read outside, all or nothing ---- */

static u64 rng_state = 0x9e3779b97f4a7c15ULL;

/* xorshift64 (Marsaglia): deterministic, so a failure reproduces. */
static u64 rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/*
 * Mutated copies of an object with inline records (each in a buffer of
 * its exact size, so that ASan sees any read past it): the section
 * finder and the record checker must accept or refuse, never crash, and
 * what they accept must hold their promises.
 */
static void fuzz_records(const u8 *base, size_t size, unsigned int rounds)
{
	unsigned int i, accepted = 0, broken = 0;
	char msg[PVLINK_MSG_MAX];
	u64 sec_off = 0, sec_size = 0, sh_off = 0, sh_size = 0;
	const u8 *sec;
	u64 sz;

	/* Aim most flips at the records and at the section headers. */
	if (pvlink_inline_section(base, size, &sec, &sz, msg, sizeof(msg)) == PVLINK_PATCH_OK &&
	    sec) {
		Elf64_Ehdr eh;

		sec_off = sec - base;
		sec_size = sz;
		memcpy(&eh, base, sizeof(eh));
		sh_off = eh.e_shoff;
		sh_size = (u64)eh.e_shnum * sizeof(Elf64_Shdr);
	}
	for (i = 0; i < rounds; i++) {
		size_t n = size, k;
		unsigned int flips = 1 + rnd() % 4;
		u8 *obj;

		if (rnd() % 8 == 0)
			n = rnd() % (size + 1);
		obj = malloc(n ? n : 1);
		memcpy(obj, base, n);
		for (k = 0; n && k < flips; k++) {
			u64 at = rnd() % n, r = rnd() % 4;

			if (r < 2 && sec_size)
				at = sec_off + rnd() % sec_size;
			else if (r == 2 && sh_size)
				at = sh_off + rnd() % sh_size;
			if (at < n)
				obj[at] ^= (u8)(1u << (rnd() % 8));
		}
		if (pvlink_inline_section(obj, n, &sec, &sz, msg, sizeof(msg)) == PVLINK_PATCH_OK &&
		    sec && pvlink_inline_check(sec, sz, pv_names, NR_PV, msg, sizeof(msg)) ==
		    PVLINK_PATCH_OK) {
			accepted++;
			for (k = 0; k < NR_PV; k++) {
				struct pvlink_inline_body b;

				pvlink_inline_find(sec, sz, pv_names[k], &b);
				if (b.bytes && (b.len < 1 || b.len > PVLINK_INLINE_MAX ||
						b.bytes < sec || b.bytes + b.len > sec + sz))
					broken++;
			}
		}
		free(obj);
	}
	tap_check(!broken, "%u mutated objects: none crashes, %u accepted, every accepted body inside its section (%u not)",
		  rounds, accepted, broken);
}

/*
 * Random site tables over a text with real call sites: whatever
 * pvlink_patch_apply() answers, a refusal leaves every byte as it was,
 * and an acceptance changes only the 5 bytes of call/jmp sites.
 */
static void fuzz_tables(unsigned int rounds)
{
	unsigned int i, ok = 0, refused = 0, bad = 0;
	struct pvlink_site rs[8];
	u8 before[TEXT_SIZE];

	for (i = 0; i < rounds; i++) {
		struct pvlink_patch_env env;
		struct pvlink_patch_stats st;
		char msg[PVLINK_MSG_MAX];
		unsigned int n = 1 + rnd() % 8, k;

		reset_ops();
		build_text();
		for (k = 0; k < n; k++) {
			/* Mostly well-formed: a real site, perturbed now and then. */
			rs[k] = sites[rnd() % NR_SITES];
			switch (rnd() % 10) {
			case 0: rs[k].addr += rnd() % 16 - 8; break;
			case 1: rs[k].form = rnd() % 4; break;
			case 2: rs[k].pvop = rnd() % (NR_OPS + 2); break;
			case 3: rs[k].type = rnd() % 12; break;
			case 4: text[rs[k].addr - TEXT_BASE + rnd() % 5 - 1] ^= 1u << (rnd() % 8); break;
			case 5: ops[rnd() % NR_OPS].resolved = false; break;
			case 6: ops[rnd() % NR_OPS].target = rnd(); break;
			default: break;
			}
		}
		/* Sorted most of the time, as the real table is. */
		if (rnd() % 4)
			for (k = 1; k < n; k++)
				for (u32 j = k; j && rs[j - 1].addr > rs[j].addr; j--) {
					struct pvlink_site t = rs[j];

					rs[j] = rs[j - 1];
					rs[j - 1] = t;
				}
		memcpy(before, text, sizeof(text));
		env = env_of(rs, n);
		if (pvlink_patch_apply(&env, &st, msg, sizeof(msg)) != PVLINK_PATCH_OK) {
			refused++;
			if (memcmp(before, text, sizeof(text)))
				bad++;
			continue;
		}
		ok++;
		if (st.inlined + st.direct + st.table != n)
			bad++;
		for (u32 b = 0; b < TEXT_SIZE; b++) {
			bool in_site = false;

			for (k = 0; k < n; k++)
				if (rs[k].form != PVLINK_SITE_OTHER &&
				    TEXT_BASE + b + 1 >= rs[k].addr && TEXT_BASE + b < rs[k].addr + 4)
					in_site = true;
			if (!in_site && text[b] != before[b])
				bad++;
		}
	}
	tap_check(!bad, "%u random site tables: %u patched, %u refused; refusals wrote nothing, patches wrote only sites (%u violations)",
		  rounds, ok, refused, bad);
}

/* The seven files, when given: main() fills them. */
static const char *native_o, *test_o, *exports_file, *bad_o[4];

static void run_fuzz_tables(void)	{ fuzz_tables(20000); }
static void run_stack(void)		{ test_stack(native_o, test_o, exports_file); }

static void run_fuzz_records(void)
{
	size_t n;
	void *obj = read_file(native_o, &n);

	if (obj)
		fuzz_records(obj, n, 20000);
	else
		tap_error("not readable", "mutated objects: read %s", native_o);
	free(obj);
}

static void run_bad_backends(void)
{
	test_bad_backend(bad_o[0], PVLINK_PATCH_E_NOT_FUNC, "pv_halt");
	test_bad_backend(bad_o[1], PVLINK_PATCH_E_INL_DUP, "both give a body for halt");
	test_bad_backend(bad_o[2], PVLINK_PATCH_E_INL_SECTION, "not allocated");
	test_bad_backend(bad_o[3], PVLINK_PATCH_E_INL_ORPHAN,
			 "body for irq_enable but no backend of the stack defines pv_irq_enable");
}

static void run_orphan_over_native(void)
{
	test_orphan_over_native(native_o, exports_file, bad_o[3]);
}

/*
 * Every test, by the name -t takes, with the results it prints; those
 * after NR_FIXED need the seven files.  A check lost or added without
 * its count here fails the run.
 */
static const struct tap_test tests[] = {
	{ "nops",		test_nops,		5 },
	{ "decide",		test_decide,		21 },
	{ "apply",		test_apply_ok,		11 },
	{ "refused",		test_apply_refused,	13 * 2 },
	{ "records",		test_records,		14 },
	{ "sections",		test_sections,		8 },
	{ "fuzz_tables",	run_fuzz_tables,	1 },
	{ "stack",		run_stack,		STACK_RESULTS },
	{ "fuzz_records",	run_fuzz_records,	1 },
	{ "bad_backends",	run_bad_backends,	4 * BAD_RESULTS },
	{ "orphan_over_native",	run_orphan_over_native,	BAD_RESULTS },
};
#define NR_TESTS	(sizeof(tests) / sizeof(tests[0]))
#define NR_FIXED	7

int main(int argc, char **argv)
{
	struct tap_args a;
	int rc = tap_parse_args(argc, argv, tests, NR_TESTS, 1, 8,
				"LABEL [NATIVE.o TEST.o EXPORTS NOTFUNC.o DUPREC.o ALLOC.o ORPHAN.o]",
				&a);

	if (rc >= 0)
		return rc;
	if (a.argc != 1 && a.argc != 8) {
		fprintf(stderr, "%s: give the label alone, or all seven files after it\n", argv[0]);
		return TAP_EXIT_ERROR;
	}
	if (a.argc == 8) {
		native_o = a.argv[1];
		test_o = a.argv[2];
		exports_file = a.argv[3];
		for (int i = 0; i < 4; i++)
			bad_o[i] = a.argv[4 + i];
	}
	/* Every line out before a sanitizer may end the process. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	return tap_run_tests(tests, a.argc == 8 ? NR_TESTS : NR_FIXED, &a, a.argv[0]);
}
