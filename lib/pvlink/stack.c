// SPDX-License-Identifier: GPL-2.0
/*
 * pvlink library: the rules a linked stack must meet before the kernel
 * runs on it, beyond linking: every pv-op the kernel calls is a function
 * of the stack's text, and every backend's PVLINK_BACKEND_PROBE(),
 * PVLINK_BACKEND_INIT() and PVLINK_BACKEND_EXIT() is its own, and none of
 * them touches percpu data (they run before the percpu areas exist).  The
 * boot-time link and "pvimage verify" both apply them through these
 * functions, so both refuse a stack with the same words.
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

/*
 * The percpu rule.  A probe, init or exit runs before the percpu areas
 * exist (<linux/pvlink_backend.h>): %gs then points at CPU 0's area
 * before it holds the template, and the template later overwrites what
 * was written.  So the hook's bytes, and those of every function it calls
 * directly, must not refer to a percpu symbol: the backend's own, one of
 * a backend below, or a kernel percpu export (this_cpu_off behind
 * this_cpu_ptr(), cpu_number behind smp_processor_id()).
 *
 * A function's bytes are [st_value, st_value + st_size) of its section
 * (to the next symbol, or the section's end, when st_size is 0).  Calls
 * are followed through relocations (a call or jmp rel32 to a function of
 * this object or of one below; the kernel's are not the backend's to
 * check), and through the calls the assembler resolved itself (to a
 * function of the same section: no relocation), recognised as a call
 * opcode whose target is the exact start of a function symbol.  The
 * search stops HOOK_SCAN_DEPTH calls deep and after HOOK_SCAN_MAX
 * functions: backends' hooks call little, and the rule is a build-time
 * safety net, not a proof.  An address that is only taken (a callback
 * registered for later) is not followed: it runs when the kernel says.
 * Nor is a call to a pv-op (a global pv_<op>, asm/pvops.h): the kernel
 * calls pv-ops before the percpu areas exist too, so every pv-op must
 * already cope (the entry points %gs at CPU 0's area before the first
 * one, <linux/percpu.h>), and a backend's pv-ops guard their percpu use
 * with a flag this static rule cannot read.  A function of the backend
 * that does the same says so with PVLINK_PERCPU_CHECKED(): it is not
 * looked into either (the hook itself always is).
 */
#define HOOK_SCAN_MAX		32	/* functions checked per hook */
#define HOOK_SCAN_DEPTH		4	/* calls followed below the hook */
#define HOOK_CALL_FIELD		4	/* a call's rel32, ending the instruction */
#define HOOK_PVOP_PREFIX	"pv_"	/* a pv-op's symbol (asm/pvops.h) */

struct hook_fn {
	u64 start;		/* section offsets of its bytes */
	u64 end;
	u32 shndx;
	u32 sym;		/* the symbol naming it, 0 if none */
	u8 obj;
	u8 depth;		/* calls below the hook */
	u8 parent;		/* index of its caller in hook_scan.fn[] */
};

struct hook_scan {
	const struct pvlink_ctx *ctx;
	struct hook_fn fn[HOOK_SCAN_MAX];
	unsigned int nr;
};

/* The relocation section applying to section @shndx, or 0. */
static u32 rela_for(const struct pvlink_obj *o, u32 shndx)
{
	for (u32 i = 1; i < o->shnum; i++) {
		Elf64_Shdr rs = get_shdr(o, i);

		if (rs.sh_info == shndx && pvlink_rela_applied(o, &rs))
			return i;
	}
	return 0;
}

/* A function symbol of section @shndx starting at @off, or 0. */
static u32 fn_at(const struct pvlink_obj *o, u32 shndx, u64 off)
{
	for (u32 i = 1; i < o->nsyms; i++) {
		Elf64_Sym s = get_sym(o, i);

		if (s.st_shndx == shndx && s.st_value == off &&
		    ELF64_ST_TYPE(s.st_info) == STT_FUNC)
			return i;
	}
	return 0;
}

/* Is function @name one PVLINK_PERCPU_CHECKED() names? */
static bool percpu_checked(const struct pvlink_obj *o, const char *name)
{
	for (u32 i = 1; i < o->shnum; i++) {
		Elf64_Shdr sh = get_shdr(o, i);
		const char *p = (const char *)o->base + sh.sh_offset;
		u64 a = 0, b;

		if (sh.sh_type != SHT_PROGBITS || (sh.sh_flags & SHF_ALLOC) ||
		    !pvlink_streq(sec_name(o, &sh), PVLINK_PERCPU_CHECKED_SECTION))
			continue;
		for (; a < sh.sh_size; a = b + 1) {
			for (b = a; b < sh.sh_size && p[b]; b++)
				;
			if (b == sh.sh_size)
				break;	/* not NUL-terminated: not a name */
			if (pvlink_streq(p + a, name))
				return true;
		}
	}
	return false;
}

/* Where the bytes of the function at @start of section @shndx end. */
static u64 fn_end(const struct pvlink_obj *o, u32 shndx, u64 start, u64 size, u64 sec_size)
{
	u64 end = sec_size;

	if (size)
		return size <= sec_size - start ? start + size : sec_size;
	for (u32 i = 1; i < o->nsyms; i++) {
		Elf64_Sym s = get_sym(o, i);
		unsigned int type = ELF64_ST_TYPE(s.st_info);

		if (s.st_shndx == shndx && s.st_value > start && s.st_value < end &&
		    (type == STT_FUNC || type == STT_NOTYPE))
			end = s.st_value;
	}
	return end;
}

/* Queue the function at @off of object @oi's section @shndx, once. */
static void hook_add(struct hook_scan *sc, unsigned int oi, u32 shndx, u64 off,
		     unsigned int parent, unsigned int depth)
{
	const struct pvlink_obj *o = pvlink_obj(sc->ctx, oi);
	struct hook_fn *f;
	Elf64_Shdr sh;
	u32 sym;

	if (!shndx || shndx >= o->shnum || sc->nr >= HOOK_SCAN_MAX)
		return;
	sh = get_shdr(o, shndx);
	if (!(sh.sh_flags & SHF_EXECINSTR) || sh.sh_type != SHT_PROGBITS ||
	    off >= sh.sh_size || !pvlink_sec_loaded(o, shndx))
		return;
	for (unsigned int k = 0; k < sc->nr; k++)
		if (sc->fn[k].obj == oi && sc->fn[k].shndx == shndx && sc->fn[k].start == off)
			return;
	sym = fn_at(o, shndx, off);
	if (depth && sym) {
		Elf64_Sym s = get_sym(o, sym);

		if (percpu_checked(o, sym_name(o, &s)))
			return;
	}
	f = &sc->fn[sc->nr++];
	f->obj = oi;
	f->shndx = shndx;
	f->sym = sym;
	f->start = off;
	f->end = fn_end(o, shndx, off, sym ? get_sym(o, sym).st_size : 0, sh.sh_size);
	f->depth = depth;
	f->parent = parent;
}

/*
 * Where an undefined symbol of object @oi is defined in the objects
 * below, as the link resolved it: that object's index (and the symbol's,
 * in @idx), or -1 (the kernel's, or the GOT).
 */
static int defined_below(const struct pvlink_ctx *ctx, unsigned int oi, u32 si, u32 *idx)
{
	const struct pvlink_obj *o = pvlink_obj(ctx, oi);
	Elf64_Sym s = get_sym(o, si);
	const char *name = o->strtab + s.st_name;

	if (pvlink_prefix(name, PVLINK_BELOW_PREFIX))
		name += sizeof(PVLINK_BELOW_PREFIX) - 1;
	for (int lo = (int)oi - 1; lo >= 0; lo--) {
		*idx = pvlink_obj_find(pvlink_obj(ctx, lo), name);
		if (*idx)
			return lo;
	}
	return -1;
}

/* A call from function @k to symbol @si of its object, plus @off. */
static void hook_call(struct hook_scan *sc, unsigned int k, u32 si, s64 off)
{
	unsigned int oi = sc->fn[k].obj;
	Elf64_Sym t = get_sym(pvlink_obj(sc->ctx, oi), si);

	if (t.st_shndx == SHN_UNDEF) {
		u32 idx;
		int lo = defined_below(sc->ctx, oi, si, &idx);

		if (lo < 0)
			return;
		oi = (unsigned int)lo;
		t = get_sym(pvlink_obj(sc->ctx, oi), idx);
	}
	if (t.st_shndx >= SHN_LORESERVE ||
	    (ELF64_ST_BIND(t.st_info) != STB_LOCAL &&
	     pvlink_prefix(pvlink_obj(sc->ctx, oi)->strtab + t.st_name, HOOK_PVOP_PREFIX)))
		return;
	hook_add(sc, oi, t.st_shndx, t.st_value + (u64)off, k, sc->fn[k].depth + 1u);
}

/* Does a relocation of @rs touch the call at @off (its opcode or field)? */
static bool relocated_call(const struct pvlink_obj *o, const Elf64_Shdr *rs, u64 nr, u64 off)
{
	for (u64 e = 0; e < nr; e++) {
		Elf64_Rela r = get_rela(o, rs, e);

		/* no relocated field is wider than 8 bytes */
		if (r.r_offset < off + HOOK_CALL_FIELD && r.r_offset + sizeof(u64) > off - 1)
			return true;
	}
	return false;
}

/* What messages call function @f: its symbol, or section+offset. */
static void fn_name(const struct hook_scan *sc, const struct hook_fn *f, char *buf, size_t len)
{
	const struct pvlink_obj *o = pvlink_obj(sc->ctx, f->obj);
	Elf64_Shdr sh = get_shdr(o, f->shndx);
	Elf64_Sym s = get_sym(o, f->sym);

	if (f->sym)
		snprintf(buf, len, "%s", sym_name(o, &s));
	else
		snprintf(buf, len, "%s+%#lx", sec_name(o, &sh), (unsigned long)f->start);
}

/* What messages call percpu symbol @si used with @addend: a variable's name if it can. */
static void percpu_name(const struct pvlink_obj *o, u32 si, s64 addend, char *buf, size_t len)
{
	Elf64_Sym s = get_sym(o, si);

	if (ELF64_ST_TYPE(s.st_info) == STT_SECTION) {
		/* absolute: the offset is the addend; PC-relative: the addend + 4 */
		for (u32 i = 1; i < o->nsyms; i++) {
			Elf64_Sym v = get_sym(o, i);
			u64 a = (u64)addend;

			if (v.st_shndx != s.st_shndx || ELF64_ST_TYPE(v.st_info) != STT_OBJECT)
				continue;
			if (a - v.st_value < v.st_size ||
			    a + HOOK_CALL_FIELD - v.st_value < v.st_size) {
				snprintf(buf, len, "%s", sym_name(o, &v));
				return;
			}
		}
		snprintf(buf, len, "%s%+ld", sym_name(o, &s), (long)addend);
		return;
	}
	snprintf(buf, len, "%s", sym_name(o, &s));
}

/*
 * Check function @k: a percpu reference is the answer (1, with @bad_sym
 * and @bad_addend set); the calls it makes are queued.
 */
static int hook_scan_fn(struct hook_scan *sc, unsigned int k, u32 *bad_sym, s64 *bad_addend)
{
	const struct hook_fn f = sc->fn[k];
	const struct pvlink_obj *o = pvlink_obj(sc->ctx, f.obj);
	Elf64_Shdr sh = get_shdr(o, f.shndx), rs = { 0 };
	const u8 *sec = o->base + sh.sh_offset;
	u32 ri = rela_for(o, f.shndx);
	u64 nr = 0;

	if (ri) {
		rs = get_shdr(o, ri);
		nr = rs.sh_size / sizeof(Elf64_Rela);
	}
	for (u64 e = 0; e < nr; e++) {
		Elf64_Rela r = get_rela(o, &rs, e);
		u32 si = ELF64_R_SYM(r.r_info);
		const struct pvlink_howto *h = arch_pvlink_howto(ELF64_R_TYPE(r.r_info));

		if (r.r_offset < f.start || r.r_offset >= f.end)
			continue;
		if (ws_sym(o)[si].flags & PVLINK_SYM_PERCPU) {
			*bad_sym = si;
			*bad_addend = r.r_addend;
			return 1;
		}
		if (f.depth < HOOK_SCAN_DEPTH && h && h->width == HOOK_CALL_FIELD &&
		    (h->flags & PVLINK_HOWTO_PC) && arch_pvlink_call_field(sec, r.r_offset))
			hook_call(sc, k, si, r.r_addend + HOOK_CALL_FIELD);
	}
	if (f.depth >= HOOK_SCAN_DEPTH)
		return 0;
	/* Calls inside the section: the assembler resolved them, no relocation. */
	for (u64 p = f.start + 1; p + HOOK_CALL_FIELD <= f.end; p++) {
		s32 d;
		u64 target;

		if (!arch_pvlink_call_field(sec, p) || relocated_call(o, &rs, nr, p))
			continue;
		__builtin_memcpy(&d, sec + p, sizeof(d));
		target = p + HOOK_CALL_FIELD + (u64)(s64)d;
		if (target != f.start && fn_at(o, f.shndx, target))
			hook_add(sc, f.obj, f.shndx, target, k, f.depth + 1u);
	}
	return 0;
}

/* Backend @i's hook @name (@what: "probe", "init", "exit") and what it calls. */
static int hook_percpu(const struct pvlink_ctx *ctx, unsigned int i, const char *name,
		       const char *what, char *msg, size_t len)
{
	const struct pvlink_obj *o = pvlink_obj(ctx, i);
	char stack[PVLINK_STACK_NAME_MAX], chain[160], fn[64], var[64];
	unsigned int k, path[HOOK_SCAN_DEPTH + 1], n = 0;
	struct hook_scan sc = { .ctx = ctx };
	u32 si = pvlink_obj_find(o, name), bad = 0;
	Elf64_Sym s = get_sym(o, si);
	s64 addend = 0;
	size_t c = 0;

	if (!si)
		return 0;
	hook_add(&sc, i, s.st_shndx, s.st_value, 0, 0);
	for (k = 0; k < sc.nr; k++)
		if (hook_scan_fn(&sc, k, &bad, &addend))
			break;
	if (k == sc.nr)
		return 0;
	percpu_name(pvlink_obj(ctx, sc.fn[k].obj), bad, addend, var, sizeof(var));
	for (unsigned int j = k; n <= HOOK_SCAN_DEPTH; j = sc.fn[j].parent) {
		path[n++] = j;
		if (!sc.fn[j].depth)
			break;
	}
	chain[0] = '\0';
	while (n-- && c < sizeof(chain)) {
		const struct hook_fn *f = &sc.fn[path[n]];

		fn_name(&sc, f, fn, sizeof(fn));
		c += snprintf(chain + c, sizeof(chain) - c, "%s%s%s%s%s", c ? " -> " : "", fn,
			      f->obj != i ? " (backend " : "",
			      f->obj != i ? obj_name(ctx, f->obj) : "", f->obj != i ? ")" : "");
	}
	pvlink_stack_name(ctx->objs, ctx->nr_objs, stack, sizeof(stack));
	if (!k)
		FAIL("stack %s: backend %s's %s %s uses percpu symbol %s: a probe, init or exit runs before the percpu areas exist (include/linux/pvlink_backend.h)",
		     stack, obj_name(ctx, i), what, name, var);
	fn_name(&sc, &sc.fn[k], fn, sizeof(fn));
	FAIL("stack %s: backend %s's %s %s uses percpu symbol %s in function %s, called as %s: a probe, init or exit runs before the percpu areas exist; mark a function that tests for them first with PVLINK_PERCPU_CHECKED() (include/linux/pvlink_backend.h)",
	     stack, obj_name(ctx, i), what, name, var, fn, chain);
}

int pvlink_stack_probes(const struct pvlink_ctx *ctx, u64 probe[PVLINK_MAX_OBJECTS],
			char *msg, size_t len)
{
	char name[sizeof(PVLINK_BACKEND_PROBE_PREFIX) + PVLINK_NAME_MAX];

	for (unsigned int i = 0; i < ctx->nr_objs; i++) {
		if (find_hook(ctx, i, PVLINK_BACKEND_PROBE_PREFIX, "probe",
			      "PVLINK_BACKEND_PROBE()", &probe[i], msg, len))
			return -1;
		hook_symbol(PVLINK_BACKEND_PROBE_PREFIX, obj_name(ctx, i), name, sizeof(name));
		if (probe[i] && hook_percpu(ctx, i, name, "probe", msg, len))
			return -1;
	}
	return 0;
}

int pvlink_stack_inits(const struct pvlink_ctx *ctx, u64 init[PVLINK_MAX_OBJECTS],
		       u64 undo[PVLINK_MAX_OBJECTS], char *msg, size_t len)
{
	char name[sizeof(PVLINK_BACKEND_PROBE_PREFIX) + PVLINK_NAME_MAX];
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
		hook_symbol(PVLINK_BACKEND_INIT_PREFIX, obj_name(ctx, i), name, sizeof(name));
		if (init[i] && hook_percpu(ctx, i, name, "init", msg, len))
			return -1;
		hook_symbol(PVLINK_BACKEND_EXIT_PREFIX, obj_name(ctx, i), name, sizeof(name));
		if (undo[i] && hook_percpu(ctx, i, name, "exit", msg, len))
			return -1;
	}
	return 0;
}
