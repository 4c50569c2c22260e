// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the pvlink core: the relocation table and apply function
 * at their overflow boundaries, the export table, the error strings, the
 * call order, and plan/link/lookup on the compiled test backends.  Built
 * twice by the Makefile: plain and with ASan+UBSan.
 *
 * Usage: unit_test [-t TEST] TAG DIR    (DIR holds the test backends' .o files)
 *        unit_test --list
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/elf.h>
#include <asm/pvlink.h>
#include "testlib.h"

/* A kernel-like link address, far from any host address. */
#define KBASE	0xffffffff81000000ull

static const char *dir;

static struct pvlink_object load(const char *name)
{
	char path[4096];
	struct pvlink_object o = { .name = name };

	snprintf(path, sizeof(path), "%s/%s.o", dir, name);
	o.data = tl_read_file(path, &o.size);
	return o;
}

/* ---- relocation table and apply ---- */

static enum pvlink_err apply(u32 type, u64 s, s64 a, u64 p, u8 *field)
{
	const struct pvlink_howto *h = arch_pvlink_howto(type);
	struct pvlink_reloc r = {
		.type = type, .loc = field, .place = p, .sym = s, .addend = a,
	};

	return h ? arch_pvlink_apply(h, &r) : PVLINK_E_RELA_TYPE;
}

static u32 get32(const u8 *p)
{
	u32 v;

	memcpy(&v, p, 4);
	return v;
}

static void test_reloc_table(void)
{
	static const u32 supported[] = {
		R_X86_64_NONE, R_X86_64_64, R_X86_64_PC64, R_X86_64_32, R_X86_64_32S,
		R_X86_64_PC32, R_X86_64_PLT32, R_X86_64_GOTPCREL, R_X86_64_GOTPCRELX,
		R_X86_64_REX_GOTPCRELX,
	};
	static const u32 unsupported[] = {
		R_X86_64_GOT32, R_X86_64_COPY, R_X86_64_GLOB_DAT, R_X86_64_JUMP_SLOT,
		R_X86_64_RELATIVE, R_X86_64_16, R_X86_64_PC16, R_X86_64_8, R_X86_64_PC8,
		R_X86_64_TPOFF32, R_X86_64_GOTOFF64, R_X86_64_GOTPC32, R_X86_64_SIZE32,
		R_X86_64_SIZE64, R_X86_64_NUM, 0xffffffffu,
	};
	unsigned int i, ok = 1;

	for (i = 0; i < sizeof(supported) / sizeof(supported[0]); i++)
		ok &= arch_pvlink_howto(supported[i]) != NULL;
	tl_check(ok, "reloc table: all %zu supported types have a row",
		 sizeof(supported) / sizeof(supported[0]));
	ok = 1;
	for (i = 0; i < sizeof(unsupported) / sizeof(unsupported[0]); i++)
		ok &= arch_pvlink_howto(unsupported[i]) == NULL;
	tl_check(ok, "reloc table: unsupported types (incl. R_X86_64_NUM, ~0) have none");
	tl_check(arch_pvlink_howto(R_X86_64_32)->width == 4 &&
		 arch_pvlink_howto(R_X86_64_64)->width == 8 &&
		 arch_pvlink_howto(R_X86_64_NONE)->width == 0, "reloc table: field widths");
}

static void test_apply(void)
{
	u8 f[8];

	memset(f, 0xaa, 8);
	tl_check(apply(R_X86_64_32, 0xfffffff0, 0xf, 0, f) == PVLINK_OK && get32(f) == 0xffffffff,
		 "R_X86_64_32: 0xffffffff fits (zero-extend)");
	memset(f, 0xaa, 8);
	tl_check(apply(R_X86_64_32, 0xfffffff0, 0x10, 0, f) == PVLINK_E_RELA_OVERFLOW &&
		 get32(f) == 0xaaaaaaaa, "R_X86_64_32: 0x100000000 overflows, field untouched");
	tl_check(apply(R_X86_64_32, KBASE, 0, 0, f) == PVLINK_E_RELA_OVERFLOW,
		 "R_X86_64_32: a kernel address overflows");
	tl_check(apply(R_X86_64_32S, KBASE, 0, 0, f) == PVLINK_OK && get32(f) == 0x81000000,
		 "R_X86_64_32S: a top-2GiB kernel address fits (sign-extend)");
	tl_check(apply(R_X86_64_32S, 0x7fffffff, 0, 0, f) == PVLINK_OK &&
		 apply(R_X86_64_32S, 0x80000000, 0, 0, f) == PVLINK_E_RELA_OVERFLOW,
		 "R_X86_64_32S: 0x7fffffff fits, 0x80000000 overflows");
	tl_check(apply(R_X86_64_32S, 0xffffffff80000000ull, 0, 0, f) == PVLINK_OK &&
		 apply(R_X86_64_32S, 0xffffffff7fffffffull, 0, 0, f) == PVLINK_E_RELA_OVERFLOW,
		 "R_X86_64_32S: -2^31 fits, -2^31-1 overflows");
	tl_check(apply(R_X86_64_PC32, KBASE + 0x7fffffff + 4, -4, KBASE, f) == PVLINK_OK &&
		 get32(f) == 0x7fffffff &&
		 apply(R_X86_64_PC32, KBASE + 0x80000000ull + 4, -4, KBASE, f) == PVLINK_E_RELA_OVERFLOW,
		 "R_X86_64_PC32: +2^31-1 fits, +2^31 overflows");
	tl_check(apply(R_X86_64_PLT32, KBASE - 0x80000000ull + 4, -4, KBASE, f) == PVLINK_OK &&
		 get32(f) == 0x80000000 &&
		 apply(R_X86_64_PLT32, KBASE - 0x80000001ull + 4, -4, KBASE, f) == PVLINK_E_RELA_OVERFLOW,
		 "R_X86_64_PLT32: -2^31 fits, -2^31-1 overflows");
	tl_check(apply(R_X86_64_64, KBASE, 8, 0, f) == PVLINK_OK &&
		 !memcmp(f, &(u64){ KBASE + 8 }, 8), "R_X86_64_64: S + A, all 64 bits");
	tl_check(apply(R_X86_64_PC64, 0x1000, 0, KBASE, f) == PVLINK_OK &&
		 !memcmp(f, &(u64){ 0x1000 - KBASE }, 8), "R_X86_64_PC64: S + A - P, no overflow check");
	memset(f, 0x55, 8);
	tl_check(apply(R_X86_64_NONE, 1, 2, 3, f) == PVLINK_OK && f[0] == 0x55,
		 "R_X86_64_NONE writes nothing");
}

struct relax_case {
	const char *what;
	u32 type;
	u8 in[8];		/* instruction, field zero */
	unsigned int len;	/* bytes before the field */
	u64 sym;
	u8 out[8];		/* expected bytes before and in the field */
};

static void test_dry_run(void)
{
	u8 f[8] = { 0x48, 0x8b, 0x05, 0, 0, 0, 0, 0x77 };
	u8 copy[8];
	struct pvlink_reloc r = {
		.type = R_X86_64_REX_GOTPCRELX, .loc = f + 3, .orig = f + 3,
		.place = KBASE + 3, .sym = KBASE + 0x100, .addend = -4,
		.got = KBASE + 0x1000, .relax = true, .dry_run = true,
	};

	memcpy(copy, f, 8);
	tl_check(arch_pvlink_apply(arch_pvlink_howto(R_X86_64_REX_GOTPCRELX), &r) == PVLINK_OK &&
		 !memcmp(f, copy, 8), "dry run: a relaxable GOT load is checked, nothing written");
	r.type = R_X86_64_32;
	r.sym = KBASE;
	tl_check(arch_pvlink_apply(arch_pvlink_howto(R_X86_64_32), &r) == PVLINK_E_RELA_OVERFLOW,
		 "dry run: an overflow is reported");
}

static void test_got_relax(void)
{
	/* A link at KBASE: the field's place is KBASE + len. */
	static const struct relax_case cases[] = {
		{ "call *f@GOTPCREL -> addr32 call f", R_X86_64_GOTPCRELX,
		  { 0xff, 0x15 }, 2, KBASE + 0x100,
		  { 0x67, 0xe8, 0xfa, 0x00, 0x00, 0x00 } },
		{ "jmp *f@GOTPCREL -> jmp f; nop", R_X86_64_GOTPCRELX,
		  { 0xff, 0x25 }, 2, KBASE + 0x100,
		  { 0xe9, 0xfb, 0x00, 0x00, 0x00, 0x90 } },
		{ "mov v@GOTPCREL, %r11 -> mov $v, %r11 (REX.R -> REX.B)",
		  R_X86_64_REX_GOTPCRELX, { 0x4c, 0x8b, 0x1d }, 3, KBASE + 0x100,
		  { 0x49, 0xc7, 0xc3, 0x00, 0x01, 0x00, 0x81 } },
		{ "mov v@GOTPCREL, %rax -> lea v(%rip) when $v does not fit 32S",
		  R_X86_64_REX_GOTPCRELX, { 0x48, 0x8b, 0x05 }, 3, KBASE - 0x7f000000,
		  { 0x48, 0x8d, 0x05, 0xf9, 0xff, 0xff, 0x80 } },
		{ "32-bit mov v@GOTPCREL, %eax -> mov $v, %eax (zero-extended)",
		  R_X86_64_GOTPCRELX, { 0x8b, 0x05 }, 2, 0xfffff000,
		  { 0xc7, 0xc0, 0x00, 0xf0, 0xff, 0xff } },
		{ "test %rcx, v@GOTPCREL -> test $v, %rcx", R_X86_64_REX_GOTPCRELX,
		  { 0x48, 0x85, 0x0d }, 3, KBASE,
		  { 0x48, 0xf7, 0xc1, 0x00, 0x00, 0x00, 0x81 } },
		{ "sub v@GOTPCREL, %rdx -> sub $v, %rdx", R_X86_64_REX_GOTPCRELX,
		  { 0x48, 0x2b, 0x15 }, 3, KBASE,
		  { 0x48, 0x81, 0xea, 0x00, 0x00, 0x00, 0x81 } },
		{ "32-bit mov of a kernel address -> lea (no 32-bit immediate fits)",
		  R_X86_64_GOTPCRELX, { 0x8b, 0x05 }, 2, KBASE + 0x100,
		  { 0x8d, 0x05, 0xfa, 0x00, 0x00, 0x00 } },
		{ "mov far@GOTPCREL keeps the GOT when neither form fits",
		  R_X86_64_REX_GOTPCRELX, { 0x48, 0x8b, 0x05 }, 3, 0x100000000000ull,
		  { 0x48, 0x8b, 0x05, 0xf9, 0x0f, 0x00, 0x00 } },
		{ "push v@GOTPCREL keeps the GOT (no direct form)", R_X86_64_GOTPCRELX,
		  { 0xff, 0x35 }, 2, KBASE + 0x100,
		  { 0xff, 0x35, 0xfa, 0x0f, 0x00, 0x00 } },
		/* Plain GOTPCREL: as GNU ld, mov -> lea only (Documentation/pvlink.rst). */
		{ "plain GOTPCREL mov v -> lea v(%rip) (as ld; never mov $v)", R_X86_64_GOTPCREL,
		  { 0x48, 0x8b, 0x05 }, 3, KBASE + 0x100,
		  { 0x48, 0x8d, 0x05, 0xf9, 0x00, 0x00, 0x00 } },
		{ "plain GOTPCREL add keeps the GOT (as ld)", R_X86_64_GOTPCREL,
		  { 0x48, 0x03, 0x05 }, 3, KBASE + 0x100,
		  { 0x48, 0x03, 0x05, 0xf9, 0x0f, 0x00, 0x00 } },
		{ "plain GOTPCREL mov out of lea's reach keeps the GOT (ld fails)",
		  R_X86_64_GOTPCREL, { 0x48, 0x8b, 0x05 }, 3, 0x100000000000ull,
		  { 0x48, 0x8b, 0x05, 0xf9, 0x0f, 0x00, 0x00 } },
	};
	unsigned int i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct relax_case *c = &cases[i];
		u8 buf[8];
		struct pvlink_reloc r = {
			.type = c->type, .loc = buf + c->len, .orig = buf + c->len,
			.place = KBASE + c->len,
			.sym = c->sym, .addend = -4, .got = KBASE + 0x1000,
		};

		memcpy(buf, c->in, 8);
		r.relax = (arch_pvlink_howto(c->type)->flags & PVLINK_HOWTO_RELAX) &&
			  arch_pvlink_relaxable(c->type, buf, c->len);
		tl_check(arch_pvlink_apply(arch_pvlink_howto(c->type), &r) == PVLINK_OK &&
			 !memcmp(buf, c->out, c->len + 4), "GOT relaxation: %s", c->what);
	}
	tl_check(!arch_pvlink_relaxable(R_X86_64_GOTPCRELX, cases[0].in + 1, 1),
		 "GOT relaxation: none when the opcode would lie before the section");
	tl_check(!arch_pvlink_relaxable(R_X86_64_REX_GOTPCRELX, (const u8 *)"\x90\x8b\x05", 3),
		 "GOT relaxation: REX_GOTPCRELX without a REX prefix keeps the GOT");
}

/* ---- export table, strings ---- */

static void test_exports(void)
{
	const struct tl_sym syms[] = {
		{ "alpha", 1, 0 }, { "beta", 2, 0 }, { "gamma", 3, PVLINK_EXPORT_F_PERCPU },
		{ "delta", 4, 0 }, { "epsilon", 5, 0 },
	};
	struct tl_exports t;
	const struct pvlink_export *e;
	struct pvlink_export_table bad;
	u32 badb[3] = { 0, 9, 5 };
	struct pvlink_object obj = load("tb_base");
	struct pvlink_ctx ctx;

	tl_check(pvlink_hash("") == 5381 && pvlink_hash("a") == 5381 * 33 + 'a',
		 "pvlink_hash is the DJB/GNU hash");
	tl_exports_build(&t, syms, 5, 2);
	e = pvlink_export_find(&t.table, "gamma");
	tl_check(e && e->value == 3 && (e->flags & PVLINK_EXPORT_F_PERCPU), "export lookup finds an entry");
	tl_check(!pvlink_export_find(&t.table, "zeta") && !pvlink_export_find(NULL, "alpha"),
		 "export lookup misses cleanly (also with no table)");
	bad = t.table;
	bad.bucket = badb;
	pvlink_init(&ctx, &obj, 1, &bad, 0, 4096);
	tl_check(pvlink_plan(&ctx) == PVLINK_E_EXPORTS, "a malformed export table is refused: %s", ctx.msg);
	t.entries[0].hash ^= 1;
	pvlink_init(&ctx, &obj, 1, &t.table, 0, 4096);
	tl_check(pvlink_plan(&ctx) == PVLINK_E_EXPORTS, "an export with a wrong hash is refused");
	tl_exports_free(&t);
	free((void *)obj.data);
}

static void test_strerror(void)
{
	unsigned int i, j, ok = 1;

	for (i = 0; i < PVLINK_E_NR; i++) {
		const char *s = pvlink_strerror(i);

		ok &= s && *s && strcmp(s, "unknown pvlink error");
		for (j = 0; j < i; j++)
			ok &= strcmp(s, pvlink_strerror(j)) != 0;
	}
	tl_check(ok, "pvlink_strerror: all %u codes have distinct descriptions", PVLINK_E_NR);
	tl_check(!strcmp(pvlink_strerror(PVLINK_E_NR), "unknown pvlink error") &&
		 !strcmp(pvlink_strerror((enum pvlink_err)-1), "unknown pvlink error"),
		 "pvlink_strerror: out-of-range codes");
}

/* ---- plan and link on real objects ---- */

static struct tl_exports kexp;

static void make_kexports(void)
{
	const struct tl_sym syms[] = {
		{ "kernel_add", KBASE + 0x1000, 0 },
		{ "kernel_apply", KBASE + 0x1010, 0 },
		{ "kernel_counter", KBASE + 0x2000, 0 },
		{ "kernel_banner", KBASE + 0x2008, 0 },
		{ "kernel_cpu_id", 0x10, PVLINK_EXPORT_F_PERCPU },
	};

	tl_exports_build(&kexp, syms, 5, 4);
}

static void set_addrs(struct pvlink_ctx *ctx, u64 base)
{
	unsigned int r;

	for (r = 0; r < PVLINK_NR_REGIONS; r++) {
		if (r == PVLINK_PERCPU)
			continue;
		ctx->region[r].addr = base;
		base += (ctx->region[r].size + 0xfff) & ~0xfffull;
	}
}

static void test_order(void)
{
	struct pvlink_object obj = load("tb_base");
	struct pvlink_ctx ctx;
	struct pvlink_symbol s;
	void *work;
	u64 w = 0;

	pvlink_init(&ctx, &obj, 1, &kexp.table, 0x100, 4096);
	tl_check(pvlink_link(&ctx, &w, 8) == PVLINK_E_STATE, "link before plan is refused");
	tl_check(pvlink_lookup(&ctx, "pv_op_a", &s) == PVLINK_E_STATE, "lookup before link is refused");
	tl_check(tl_plan_alloc(&ctx, &work) == PVLINK_OK, "plan");
	tl_check(pvlink_plan(&ctx) == PVLINK_E_STATE, "a second plan is refused");
	set_addrs(&ctx, KBASE + 0x100000);
	tl_check(pvlink_link(&ctx, work, ctx.work_size - 1) == PVLINK_E_ARG, "a workspace one byte short is refused");
	/* .bss holds longs, so its region is at least 8-byte aligned. */
	ctx.region[PVLINK_BSS].addr += 4;
	tl_check(ctx.region[PVLINK_BSS].align >= 8 &&
		 pvlink_link(&ctx, work, ctx.work_size) == PVLINK_E_ARG, "a misaligned region address is refused");
	ctx.region[PVLINK_BSS].addr -= 4;
	pvlink_link(&ctx, work, ctx.work_size);
	tl_check(ctx.err == PVLINK_OK, "link: %s", ctx.err ? ctx.msg : "ok");
	tl_check(pvlink_lookup(&ctx, "twice", &s) == PVLINK_E_NOT_FOUND, "static functions are not found by lookup");
	tl_check(pvlink_lookup(&ctx, "base_hits", &s) == PVLINK_OK && (s.flags & PVLINK_SYM_PERCPU) &&
		 s.value >= 0x100 && s.value < 0x100 + ctx.region[PVLINK_PERCPU].size,
		 "percpu symbol resolves to an offset inside the reserve");
	tl_check(pvlink_lookup(&ctx, "pv_op_a", &s) == PVLINK_OK && (s.flags & PVLINK_SYM_FUNC) &&
		 s.value >= ctx.region[PVLINK_TEXT].addr &&
		 s.value < ctx.region[PVLINK_TEXT].addr + ctx.region[PVLINK_TEXT].size,
		 "pv-op lookup gives an address inside text");
	tl_free_regions(&ctx, work);
	pvlink_init(&ctx, &obj, 0, NULL, 0, 0);
	tl_check(pvlink_plan(&ctx) == PVLINK_E_OBJECTS, "zero objects refused");
	pvlink_init(&ctx, &obj, PVLINK_MAX_OBJECTS + 1, NULL, 0, 0);
	tl_check(pvlink_plan(&ctx) == PVLINK_E_OBJECTS, "more than PVLINK_MAX_OBJECTS refused");
	free((void *)obj.data);
}

static void test_plan_errors(void)
{
	struct pvlink_object obj = load("tb_base");
	struct pvlink_ctx ctx;
	void *work = NULL;

	/* Names are resolved by the link, through the index the plan sized. */
	pvlink_init(&ctx, &obj, 1, NULL, 0, 4096);
	tl_check(tl_plan_alloc(&ctx, &work) == PVLINK_OK, "no exports: the plan passes: %s", ctx.msg);
	tl_check(work && pvlink_link(&ctx, work, ctx.work_size) == PVLINK_E_UNDEFINED &&
		 strstr(ctx.msg, "tb_base") && strstr(ctx.msg, "kernel_"),
		 "no exports: the link names the undefined symbol: %s", ctx.msg);
	tl_free_regions(&ctx, work);
	pvlink_init(&ctx, &obj, 1, &kexp.table, 0, 8);
	tl_check(pvlink_plan(&ctx) == PVLINK_E_PERCPU_OVERFLOW, "percpu reserve too small: %s", ctx.msg);
	pvlink_init(&ctx, &obj, 1, &kexp.table, 8, 4096);
	tl_check(pvlink_plan(&ctx) == PVLINK_E_ARG, "misaligned percpu reserve: %s", ctx.msg);
	free((void *)obj.data);
}

/*
 * The relocations a link must apply, counted from the ELF file alone
 * (Documentation/pvlink.rst): every entry of a SHT_RELA section whose
 * target is loaded (allocated, and not a note or unwind table) and whose
 * type writes a field.  Each is applied exactly once: a link that applies
 * one twice writes the same bytes, and only this count shows it.
 */
static u64 applied_relocs(const struct pvlink_object *o)
{
	const Elf64_Ehdr *eh = o->data;
	const Elf64_Shdr *sh = (const Elf64_Shdr *)((const u8 *)o->data + eh->e_shoff);
	const char *names = (const char *)o->data + sh[eh->e_shstrndx].sh_offset;
	u64 n = 0, e;
	u32 i;

	for (i = 1; i < eh->e_shnum; i++) {
		const Elf64_Shdr *t = &sh[sh[i].sh_info];
		const Elf64_Rela *rela = (const Elf64_Rela *)((const u8 *)o->data + sh[i].sh_offset);

		if (sh[i].sh_type != SHT_RELA || !(t->sh_flags & SHF_ALLOC) ||
		    t->sh_type == SHT_NOTE || t->sh_type == SHT_X86_64_UNWIND ||
		    !strcmp(names + t->sh_name, ".eh_frame"))
			continue;
		for (e = 0; e < sh[i].sh_size / sizeof(*rela); e++) {
			const struct pvlink_howto *h = arch_pvlink_howto(ELF64_R_TYPE(rela[e].r_info));

			n += h && h->width;
		}
	}
	return n;
}

/* Same inputs, same bytes; different address, relocated bytes differ. */
static void test_deterministic(void)
{
	struct pvlink_object objs[3] = { load("tb_base"), load("tb_top"), load("tb_got") };
	struct pvlink_ctx a, b;
	void *wa, *wb;
	unsigned int r, same = 1;
	u64 want = 0;

	pvlink_init(&a, objs, 3, &kexp.table, 0x100, 4096);
	pvlink_init(&b, objs, 3, &kexp.table, 0x100, 4096);
	tl_plan_alloc(&a, &wa);
	tl_plan_alloc(&b, &wb);
	set_addrs(&a, KBASE + 0x100000);
	set_addrs(&b, KBASE + 0x100000);
	pvlink_link(&a, wa, a.work_size);
	tl_check(pvlink_link(&b, wb, b.work_size) == PVLINK_OK && a.err == PVLINK_OK,
		 "stack of three links at a kernel address (%lu relocations)", (unsigned long)a.nr_relocs);
	for (r = 0; r < 3; r++)
		want += applied_relocs(&objs[r]);
	tl_check(want && a.nr_relocs == want,
		 "each relocation is applied once: %lu applied, the objects have %lu to apply",
		 (unsigned long)a.nr_relocs, (unsigned long)want);
	for (r = 0; r < PVLINK_NR_REGIONS; r++)
		same &= !a.region[r].size || !memcmp(a.region[r].mem, b.region[r].mem, a.region[r].size);
	tl_check(same, "two links of the same inputs are byte-identical");
	tl_free_regions(&a, wa);
	tl_free_regions(&b, wb);
	for (r = 0; r < 3; r++)
		free((void *)objs[r].data);
}

/*
 * A link that fails (here: text placed 2^40 away from the kernel, so a
 * 32-bit relocation overflows) writes nothing: every relocation is checked
 * before the first byte is copied, so the staging memory and guard bytes
 * around it keep their fill.
 */
static void test_all_or_nothing(void)
{
	struct pvlink_object obj = load("tb_base");
	struct pvlink_ctx ctx;
	unsigned char *buf[PVLINK_NR_REGIONS];
	void *work;
	unsigned int r, intact = 1;
	size_t i;

	pvlink_init(&ctx, &obj, 1, &kexp.table, 0x100, 4096);
	tl_plan_alloc(&ctx, &work);
	for (r = 0; r < PVLINK_NR_REGIONS; r++) {
		u64 sz = ctx.region[r].size;

		free(ctx.region[r].mem);
		buf[r] = aligned_alloc(4096, (sz + 4096 * 2 + 4095) / 4096 * 4096);
		memset(buf[r], 0xcc, sz + 8192);
		ctx.region[r].mem = buf[r] + 4096;
	}
	set_addrs(&ctx, 0xffff810000000000ull);
	tl_check(pvlink_link(&ctx, work, ctx.work_size) == PVLINK_E_RELA_OVERFLOW &&
		 strstr(ctx.msg, "R_X86_64_") && strstr(ctx.msg, "entry") && strstr(ctx.msg, "offset"),
		 "out-of-range link fails with context: %s", ctx.msg);
	for (r = 0; r < PVLINK_NR_REGIONS; r++)
		for (i = 0; i < ctx.region[r].size + 8192; i++)
			intact &= buf[r][i] == 0xcc;
	tl_check(intact, "failed link wrote nothing, not even staging memory or the GOT");
	for (r = 0; r < PVLINK_NR_REGIONS; r++) {
		free(buf[r]);
		ctx.region[r].mem = NULL;
	}
	free(work);
	free((void *)obj.data);
}

static void test_sections(void)
{
	struct pvlink_object obj = load("tb_base");
	struct pvlink_ctx ctx;
	struct pvlink_section_info si;
	void *work;
	unsigned int i, seen_text = 0, seen_debug = 0, seen_percpu = 0;

	pvlink_init(&ctx, &obj, 1, &kexp.table, 0x100, 4096);
	tl_plan_alloc(&ctx, &work);
	set_addrs(&ctx, KBASE);
	pvlink_link(&ctx, work, ctx.work_size);
	for (i = 1; pvlink_section(&ctx, 0, i, &si) == PVLINK_OK; i++) {
		if (!strcmp(si.name, ".text") && si.region == PVLINK_TEXT && si.addr == KBASE)
			seen_text = 1;
		if (!strncmp(si.name, ".debug_", 7) && si.region == PVLINK_REGION_NONE)
			seen_debug = 1;
		if (!strcmp(si.name, ".data..percpu") && si.region == PVLINK_PERCPU && si.addr == 0x100)
			seen_percpu = 1;
	}
	tl_check(seen_text && seen_debug && seen_percpu,
		 "section map: .text at the text base, debug info not loaded, percpu at the reserve");
	tl_free_regions(&ctx, work);
	free((void *)obj.data);
}

/* ---- candidate stacks (lib/pvlink/select.c) ---- */

/* An image's index, sorted by name as pvimage writes it. */
static struct pvlink_image_backend cand_backend(const char *name, const char *requires,
						const char *cpuid, u16 entry, s32 prio)
{
	struct pvlink_image_backend b;

	memset(&b, 0, sizeof(b));
	snprintf(b.name, sizeof(b.name), "%s", name);
	snprintf(b.requires, sizeof(b.requires), "%s", requires);
	if (cpuid)
		memcpy(b.cpuid, cpuid, strnlen(cpuid, PVLINK_CPUID_SIG_LEN));
	b.entry = entry;
	b.priority = prio;
	return b;
}

/* The candidates as "a+b, c+d, !why", for one comparison per case. */
static void cand_text(const struct pvlink_image_backend *b, const struct pvlink_candidate *c,
		      unsigned int n, char *out, size_t len)
{
	size_t k = 0;

	out[0] = '\0';
	for (unsigned int i = 0; i < n && k < len; i++) {
		k += snprintf(out + k, len - k, "%s", i ? ", " : "");
		if (!c[i].depth)
			k += snprintf(out + k, len - k, "!");
		for (unsigned int d = 0; d < c[i].depth && k < len; d++)
			k += snprintf(out + k, len - k, "%s%s", d ? "+" : "", b[c[i].stack[d]].name);
	}
}

static void test_candidates(void)
{
	const u16 nat = PVLINK_ENTRY_NATIVE | PVLINK_ENTRY_PVH;
	struct pvlink_image_backend b[] = {
		cand_backend("kvm", "native", "KVMKVMKVM", nat, 10),
		cand_backend("native", "", NULL, nat, 0),
		cand_backend("test", "native", NULL, nat, -1),
		cand_backend("vmware", "native", NULL, nat, 5),
		cand_backend("xen-pv", "", "XenVMMXenVMM", PVLINK_ENTRY_XEN_PV, 10),
		cand_backend("xen-pvh", "native", "XenVMMXenVMM", PVLINK_ENTRY_PVH, 10),
		cand_backend("zbroken", "nosuch", NULL, nat, 7),
	};
	const unsigned int nr = sizeof(b) / sizeof(b[0]);
	struct pvlink_platform kvm = { .entry = PVLINK_ENTRY_PVH }, tcg = kvm, xenpv = {
		.entry = PVLINK_ENTRY_XEN_PV };
	struct pvlink_candidate c[PVLINK_MAX_CANDIDATES];
	char got[512], msg[PVLINK_MSG_MAX];
	unsigned int n;
	int rc;

	memcpy(kvm.cpuid, "KVMKVMKVM\0\0\0", PVLINK_CPUID_SIG_LEN);
	memcpy(tcg.cpuid, "TCGTCGTCGTCG", PVLINK_CPUID_SIG_LEN);
	memcpy(xenpv.cpuid, "XenVMMXenVMM", PVLINK_CPUID_SIG_LEN);

	/* The rules: highest priority first, a broken chain kept with its reason, native last. */
	rc = pvlink_candidates(b, nr, &kvm, NULL, c, PVLINK_MAX_CANDIDATES, &n, msg, sizeof(msg));
	cand_text(b, c, n, got, sizeof(got));
	tl_check(!rc && !strcmp(got, "native+kvm, !, native+vmware, native"),
		 "candidates under KVM: by priority, test never by the rules (%s)", got);
	tl_check(!rc && n > 1 && strstr(c[1].why, "zbroken requires backend nosuch"),
		 "a candidate whose chain breaks keeps the reason (%s)", n > 1 ? c[1].why : "");

	/* pvlink=<name> first, then the rules; a stack never twice. */
	rc = pvlink_candidates(b, nr, &tcg, "test", c, PVLINK_MAX_CANDIDATES, &n, msg, sizeof(msg));
	cand_text(b, c, n, got, sizeof(got));
	tl_check(!rc && !strcmp(got, "native+test, !, native+vmware, native"),
		 "pvlink=test under TCG: test first, then the rules (%s)", got);
	rc = pvlink_candidates(b, nr, &tcg, "native", c, PVLINK_MAX_CANDIDATES, &n, msg, sizeof(msg));
	cand_text(b, c, n, got, sizeof(got));
	tl_check(!rc && !strcmp(got, "native, !, native+vmware"),
		 "pvlink=native: native once, first (%s)", got);

	/* An unknown name is passed over with its reason; the rules follow. */
	rc = pvlink_candidates(b, nr, &tcg, "nosuch", c, PVLINK_MAX_CANDIDATES, &n, msg, sizeof(msg));
	cand_text(b, c, n, got, sizeof(got));
	tl_check(!rc && !strncmp(got, "!, ", 3) && strstr(c[0].why, "pvlink=nosuch: the image has no backend of that name"),
		 "pvlink=nosuch: passed over with its reason, then the rules (%s)", got);

	/* Xen PV: its own backend only; one not running there is passed over. */
	rc = pvlink_candidates(b, nr, &xenpv, "kvm", c, PVLINK_MAX_CANDIDATES, &n, msg, sizeof(msg));
	cand_text(b, c, n, got, sizeof(got));
	tl_check(!rc && !strcmp(got, "!, xen-pv") && strstr(c[0].why, "does not run under entry mode xen-pv"),
		 "pvlink=kvm under Xen PV: kvm passed over, xen-pv next (%s)", got);

	/* Nothing that can be formed: the first reason. */
	rc = pvlink_candidates(b + 6, 1, &tcg, NULL, c, PVLINK_MAX_CANDIDATES, &n, msg, sizeof(msg));
	tl_check(rc && n == 1 && strstr(msg, "zbroken requires backend nosuch"),
		 "no candidate that can be formed: refused with the first reason (%s)", msg);
	rc = pvlink_candidates(b + 4, 1, &tcg, NULL, c, PVLINK_MAX_CANDIDATES, &n, msg, sizeof(msg));
	tl_check(rc && n == 0 && strstr(msg, "no backend of the image matches this platform"),
		 "no candidate at all: refused, saying none matches (%s)", msg);

	/* pvlink_select() is the first candidate that can be formed. */
	{
		unsigned int stack[PVLINK_MAX_OBJECTS], depth = 0;

		rc = pvlink_select(b, nr, &kvm, NULL, stack, &depth, msg, sizeof(msg));
		tl_check(!rc && depth == 2 && !strcmp(b[stack[1]].name, "kvm"),
			 "pvlink_select() under KVM picks native+kvm");
	}
}

/*
 * The percpu rule of hooks (lib/pvlink/stack.c): tb_hooks.o linked as
 * backend @name; 0 if its probe, init and exit pass, else -1 and @msg.
 */
static int hooks_rule(const char *name, char *msg, size_t len)
{
	struct pvlink_object obj = load("tb_hooks");
	u64 probe[PVLINK_MAX_OBJECTS], init[PVLINK_MAX_OBJECTS], undo[PVLINK_MAX_OBJECTS];
	struct pvlink_ctx ctx;
	void *work = NULL;
	int rc = -1;

	obj.name = name;
	snprintf(msg, len, "the link failed");
	pvlink_init(&ctx, &obj, 1, &kexp.table, 0x100, 4096);
	if (tl_plan_alloc(&ctx, &work) == PVLINK_OK) {
		set_addrs(&ctx, KBASE + 0x100000);
		if (pvlink_link(&ctx, work, ctx.work_size) == PVLINK_OK) {
			msg[0] = '\0';
			rc = pvlink_stack_probes(&ctx, probe, msg, len) ||
			     pvlink_stack_inits(&ctx, init, undo, msg, len) ? -1 : 0;
		} else {
			snprintf(msg, len, "%s", ctx.msg);
		}
	}
	tl_free_regions(&ctx, work);
	free((void *)obj.data);
	return rc;
}

static void test_hook_percpu(void)
{
	char msg[PVLINK_MSG_MAX];

	tl_check(hooks_rule("direct", msg, sizeof(msg)) &&
		 strstr(msg, "backend direct's init pvlink_backend_init_direct uses percpu symbol hook_count: ") &&
		 strstr(msg, "before the percpu areas exist"),
		 "an init writing its own percpu variable is refused, named: %s", msg);
	tl_check(hooks_rule("helper", msg, sizeof(msg)) &&
		 strstr(msg, "percpu symbol hook_count in function hook_helper_write") &&
		 strstr(msg, "called as pvlink_backend_init_helper -> hook_helper_write"),
		 "an init calling a static helper that does is refused, with the call: %s", msg);
	tl_check(hooks_rule("kernel", msg, sizeof(msg)) && strstr(msg, "percpu symbol kernel_cpu_id"),
		 "an init reading a kernel percpu export is refused: %s", msg);
	tl_check(hooks_rule("deep", msg, sizeof(msg)) &&
		 strstr(msg, "backend deep's probe pvlink_backend_probe_deep uses percpu symbol hook_deep_var in function hook_chain3") &&
		 strstr(msg, "pvlink_backend_probe_deep -> hook_chain1 -> hook_chain2 -> hook_chain3"),
		 "a probe reaching percpu data three calls down is refused: %s", msg);
	tl_check(hooks_rule("exitonly", msg, sizeof(msg)) &&
		 strstr(msg, "backend exitonly's exit pvlink_backend_exit_exitonly uses percpu symbol hook_count"),
		 "an exit writing percpu data is refused: %s", msg);
	tl_check(!hooks_rule("checked", msg, sizeof(msg)),
		 "an init calling a PVLINK_PERCPU_CHECKED() function passes: %s", msg);
	tl_check(!hooks_rule("pvop", msg, sizeof(msg)),
		 "an init calling a pv-op that uses percpu data passes: %s", msg);
	tl_check(!hooks_rule("clean", msg, sizeof(msg)),
		 "an init using ordinary data and the kernel's functions passes: %s", msg);
}

/* Every test, by the name -t takes, with its count (struct tap_test). */
static const struct tap_test tests[] = {
	{ "reloc_table",	test_reloc_table,	3 },
	{ "apply",		test_apply,		11 },
	{ "got_relax",		test_got_relax,		15 },
	{ "dry_run",		test_dry_run,		2 },
	{ "exports",		test_exports,		5 },
	{ "strerror",		test_strerror,		2 },
	{ "order",		test_order,		12 },
	{ "plan_errors",	test_plan_errors,	4 },
	{ "deterministic",	test_deterministic,	3 },
	{ "all_or_nothing",	test_all_or_nothing,	2 },
	{ "sections",		test_sections,		1 },
	{ "candidates",		test_candidates,	9 },
	{ "hook_percpu",	test_hook_percpu,	8 },
};
#define NR_TESTS	(sizeof(tests) / sizeof(tests[0]))

int main(int argc, char **argv)
{
	struct tap_args a;
	int rc = tap_parse_args(argc, argv, tests, NR_TESTS, 2, 2, "TAG DIR", &a);

	if (rc >= 0)
		return rc;
	dir = a.argv[1];
	make_kexports();
	rc = tap_run_tests(tests, NR_TESTS, &a, a.argv[0]);
	tl_exports_free(&kexp);
	return rc;
}
