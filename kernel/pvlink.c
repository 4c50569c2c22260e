// SPDX-License-Identifier: GPL-2.0
/*
 * pvlink core: validate, lay out, resolve and relocate ELF64 relocatable
 * objects, with no allocation and no global state.
 *
 * Read top-down like the ELF spec: messages, then object access, then the
 * validation steps (header, section table, string tables, symbol table,
 * symbols, relocation sections, relocation entries), then symbol
 * resolution, layout, and the link itself.  Each validation step has its
 * own error codes; the numbered list is in Documentation/pvlink.rst.
 *
 * Objects are untrusted and may be unaligned: every header, symbol and
 * relocation is copied out with memcpy before use, and every offset and
 * size is checked with overflow-safe arithmetic before it is used.
 */
#include <linux/types.h>
#include <linux/elf.h>
#include <linux/pvlink.h>
#include <asm/pvlink.h>

/* Required arch hooks (see arch/x86/include/asm/pvlink.h). */
#ifndef arch_pvlink_howto
#error "<asm/pvlink.h> must provide arch_pvlink_howto()"
#endif
#ifndef arch_pvlink_apply
#error "<asm/pvlink.h> must provide arch_pvlink_apply()"
#endif
#ifndef PVLINK_ELF_MACHINE
#error "<asm/pvlink.h> must define PVLINK_ELF_MACHINE"
#endif

/* Optional arch hooks: an arch without GOT relaxation uses GOT slots. */
#ifndef arch_pvlink_relaxable
static inline bool arch_pvlink_relaxable(u32 type, const u8 *sec, u64 offset)
{
	return false;
}
#endif
#ifndef PVLINK_ARCH_UNWIND_TYPE
#define PVLINK_ARCH_UNWIND_TYPE	SHT_X86_64_UNWIND
#endif

enum pvlink_state {
	PVLINK_STATE_NONE,
	PVLINK_STATE_INIT,
	PVLINK_STATE_PLANNED,
	PVLINK_STATE_LINKED,
};

#define PVLINK_GOT_SLOT		8	/* bytes per GOT entry (an address) */
#define PVLINK_NO_ADDR		(~(u64)0)

/* Per-section workspace entry, filled by pvlink_link(). */
struct pvlink_ws_sec {
	u64 addr;		/* run-time address, PVLINK_NO_ADDR if not loaded */
	u32 region;		/* enum pvlink_region_id */
	u32 unused;
};

/* Per-symbol workspace entry, filled by pvlink_link(). */
struct pvlink_ws_sym {
	u64 value;
	u32 flags;		/* PVLINK_SYM_* */
	u32 external;		/* resolved outside its object: stage 2 */
};

/* ------------------------------------------------------------------ */
/* Messages: a tiny formatter, since the core has no libc.             */

struct pvlink_buf {
	char *p;
	size_t len;
	size_t cap;
};

static void buf_putc(struct pvlink_buf *b, char c)
{
	if (b->len + 1 < b->cap)
		b->p[b->len++] = c;
}

static void buf_puts(struct pvlink_buf *b, const char *s)
{
	if (!s)
		s = "(null)";
	while (*s)
		buf_putc(b, *s++);
}

static void buf_putnum(struct pvlink_buf *b, u64 v, unsigned int base)
{
	char tmp[24];
	int n = 0;

	do {
		tmp[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	if (base == 16) {
		buf_putc(b, '0');
		buf_putc(b, 'x');
	}
	while (n)
		buf_putc(b, tmp[--n]);
}

/*
 * Formats %s, %c, %u, %d, %x (unsigned int) and %lu, %ld, %lx (64-bit).
 * Hex always gets a 0x prefix.
 */
static void pvlink_vfmt(struct pvlink_buf *b, const char *fmt,
			__builtin_va_list ap)
{
	for (; *fmt; fmt++) {
		int ll = 0;
		s64 sv;

		if (*fmt != '%') {
			buf_putc(b, *fmt);
			continue;
		}
		fmt++;
		while (*fmt == 'l') {
			ll = 1;
			fmt++;
		}
		switch (*fmt) {
		case 's':
			buf_puts(b, __builtin_va_arg(ap, const char *));
			break;
		case 'c':
			buf_putc(b, (char)__builtin_va_arg(ap, int));
			break;
		case 'u':
			buf_putnum(b, ll ? __builtin_va_arg(ap, u64) :
				   __builtin_va_arg(ap, unsigned int), 10);
			break;
		case 'x':
			buf_putnum(b, ll ? __builtin_va_arg(ap, u64) :
				   __builtin_va_arg(ap, unsigned int), 16);
			break;
		case 'd':
			sv = ll ? __builtin_va_arg(ap, s64) : __builtin_va_arg(ap, int);
			if (sv < 0) {
				buf_putc(b, '-');
				buf_putnum(b, -(u64)sv, 10);
			} else {
				buf_putnum(b, (u64)sv, 10);
			}
			break;
		case '%':
			buf_putc(b, '%');
			break;
		default:
			return;
		}
	}
}

static const char *obj_name(const struct pvlink_ctx *ctx, int oi)
{
	if (oi < 0 || (unsigned int)oi >= ctx->nr_objs || !ctx->objs[oi].name)
		return "object";
	return ctx->objs[oi].name;
}

/*
 * Record an error: "<object>: <context>: <description>".  Returns @err so
 * checks read "return pvlink_fail(...)".
 */
static enum pvlink_err __attribute__((format(printf, 4, 5)))
pvlink_fail(struct pvlink_ctx *ctx, int oi, enum pvlink_err err,
	    const char *fmt, ...)
{
	struct pvlink_buf b = { ctx->msg, 0, sizeof(ctx->msg) };
	__builtin_va_list ap;

	buf_puts(&b, "pvlink: ");
	if (oi >= 0) {
		buf_puts(&b, obj_name(ctx, oi));
		buf_puts(&b, ": ");
	}
	__builtin_va_start(ap, fmt);
	pvlink_vfmt(&b, fmt, ap);
	__builtin_va_end(ap);
	buf_puts(&b, " (");
	buf_puts(&b, pvlink_strerror(err));
	buf_putc(&b, ')');
	b.p[b.len] = '\0';
	ctx->err = err;
	return err;
}

static const char *const pvlink_errstr[PVLINK_E_NR] = {
	[PVLINK_OK]			= "success",
	[PVLINK_E_TRUNCATED]		= "object smaller than an ELF header",
	[PVLINK_E_MAGIC]		= "not an ELF object (bad magic)",
	[PVLINK_E_CLASS]		= "not a 64-bit ELF object",
	[PVLINK_E_DATA]			= "not a little-endian ELF object",
	[PVLINK_E_VERSION]		= "unknown ELF version",
	[PVLINK_E_TYPE]			= "not a relocatable object (ET_REL)",
	[PVLINK_E_MACHINE]		= "object built for another architecture",
	[PVLINK_E_EHSIZE]		= "bad ELF header size",
	[PVLINK_E_PHNUM]		= "relocatable object with program headers",
	[PVLINK_E_SHENTSIZE]		= "bad section header entry size",
	[PVLINK_E_SHNUM]		= "bad section count",
	[PVLINK_E_SHOFF]		= "section header table outside the object",
	[PVLINK_E_SHSTRNDX]		= "bad section name table index",
	[PVLINK_E_SEC_BOUNDS]		= "section data outside the object",
	[PVLINK_E_SEC_OVERLAP]		= "sections overlap in the file",
	[PVLINK_E_SEC_ALIGN]		= "section alignment not a power of two",
	[PVLINK_E_SEC_ALIGN_CAP]	= "section alignment above the limit",
	[PVLINK_E_SEC_NAME]		= "section name outside the name table",
	[PVLINK_E_SEC_TYPE]		= "allocated section of unsupported type",
	[PVLINK_E_SEC_TLS]		= "thread-local section not supported",
	[PVLINK_E_SEC_WX]		= "section both writable and executable",
	[PVLINK_E_STRTAB]		= "string table not NUL-terminated at both ends",
	[PVLINK_E_SYMTAB_NONE]		= "no symbol table",
	[PVLINK_E_SYMTAB_MULTI]		= "more than one symbol table",
	[PVLINK_E_SYMTAB_ENTSIZE]	= "bad symbol table entry size",
	[PVLINK_E_SYMTAB_LINK]		= "symbol table not linked to a string table",
	[PVLINK_E_SYMTAB_INFO]		= "bad first-global symbol index",
	[PVLINK_E_SYM_NAME]		= "symbol name outside the string table",
	[PVLINK_E_SYM_SHNDX]		= "bad symbol section index",
	[PVLINK_E_SYM_BIND]		= "bad symbol binding",
	[PVLINK_E_SYM_TYPE]		= "unknown symbol type",
	[PVLINK_E_SYM_VALUE]		= "symbol outside its section",
	[PVLINK_E_SYM_COMMON]		= "COMMON symbol not supported (build with -fno-common)",
	[PVLINK_E_SYM_TLS]		= "thread-local symbol not supported",
	[PVLINK_E_SYM_IFUNC]		= "IFUNC symbol not supported",
	[PVLINK_E_SYM_DUP]		= "symbol defined twice",
	[PVLINK_E_REL]			= "SHT_REL relocations not supported (RELA only)",
	[PVLINK_E_RELA_ENTSIZE]		= "bad relocation entry size",
	[PVLINK_E_RELA_LINK]		= "relocation section not linked to the symbol table",
	[PVLINK_E_RELA_INFO]		= "relocation section applies to no valid section",
	[PVLINK_E_RELA_MULTI]		= "two relocation sections for one section",
	[PVLINK_E_RELA_NOBITS]		= "relocations against a NOBITS section",
	[PVLINK_E_RELA_SYM]		= "relocation symbol index out of range",
	[PVLINK_E_RELA_TYPE]		= "unsupported relocation type",
	[PVLINK_E_RELA_OFFSET]		= "relocation outside its section",
	[PVLINK_E_RELA_NONALLOC_SYM]	= "relocation against a symbol in a section that is not loaded",
	[PVLINK_E_RELA_PERCPU]		= "PC-relative relocation against a percpu symbol",
	[PVLINK_E_RELA_OVERFLOW]	= "relocation result does not fit its field",
	[PVLINK_E_UNDEFINED]		= "undefined symbol",
	[PVLINK_E_EXPORTS]		= "malformed export table",
	[PVLINK_E_PERCPU_OVERFLOW]	= "percpu data larger than the percpu reserve",
	[PVLINK_E_LAYOUT]		= "region exceeds the address space",
	[PVLINK_E_OBJECTS]		= "bad number of objects",
	[PVLINK_E_ARG]			= "bad argument",
	[PVLINK_E_STATE]		= "call out of order",
	[PVLINK_E_NOT_FOUND]		= "symbol not found",
};

const char *pvlink_strerror(enum pvlink_err err)
{
	if ((unsigned int)err >= PVLINK_E_NR || !pvlink_errstr[err])
		return "unknown pvlink error";
	return pvlink_errstr[err];
}

/* ------------------------------------------------------------------ */
/* Small helpers.                                                      */

u32 pvlink_hash(const char *name)
{
	u32 h = 5381;

	while (*name)
		h = h * 33 + (u8)*name++;
	return h;
}

static bool pvlink_streq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

static bool pvlink_prefix(const char *s, const char *prefix)
{
	while (*prefix)
		if (*s++ != *prefix++)
			return false;
	return true;
}

/* a + b <= limit, without overflow */
static bool range_ok(u64 a, u64 b, u64 limit)
{
	return a <= limit && b <= limit - a;
}

static bool is_pow2(u64 v)
{
	return v && !(v & (v - 1));
}

static u64 align_of(const Elf64_Shdr *sh)
{
	return sh->sh_addralign ? sh->sh_addralign : 1;
}

/* ------------------------------------------------------------------ */
/* Object access: everything is copied out, so alignment never matters. */

static Elf64_Ehdr get_ehdr(const struct pvlink_obj *o)
{
	Elf64_Ehdr eh;

	__builtin_memcpy(&eh, o->base, sizeof(eh));
	return eh;
}

static Elf64_Shdr get_shdr(const struct pvlink_obj *o, u32 i)
{
	Elf64_Shdr sh;

	__builtin_memcpy(&sh, (const u8 *)o->shdr + (u64)i * sizeof(sh), sizeof(sh));
	return sh;
}

static Elf64_Sym get_sym(const struct pvlink_obj *o, u32 i)
{
	Elf64_Sym s;

	__builtin_memcpy(&s, (const u8 *)o->sym + (u64)i * sizeof(s), sizeof(s));
	return s;
}

static Elf64_Rela get_rela(const struct pvlink_obj *o, const Elf64_Shdr *rs,
			   u64 i)
{
	Elf64_Rela r;

	__builtin_memcpy(&r, o->base + rs->sh_offset + i * sizeof(r), sizeof(r));
	return r;
}

/*
 * The file bytes [*start, *end) of section @i, if it has any.  Reads only
 * three fields: the overlap check calls this for every pair of sections.
 */
static bool sec_span(const struct pvlink_obj *o, u32 i, u64 *start, u64 *end)
{
	const u8 *p = (const u8 *)o->shdr + (u64)i * sizeof(Elf64_Shdr);
	u32 type;
	u64 size;

	__builtin_memcpy(&type, p + __builtin_offsetof(Elf64_Shdr, sh_type), sizeof(type));
	__builtin_memcpy(&size, p + __builtin_offsetof(Elf64_Shdr, sh_size), sizeof(size));
	if (type == SHT_NOBITS || !size)
		return false;
	__builtin_memcpy(start, p + __builtin_offsetof(Elf64_Shdr, sh_offset), sizeof(*start));
	*end = *start + size;	/* bounds-checked before any overlap test */
	return true;
}

/* Only valid after check_sections(): sh_name is in range. */
static const char *sec_name(const struct pvlink_obj *o, const Elf64_Shdr *sh)
{
	return o->shstrtab + sh->sh_name;
}

/* Only valid after check_symbols(): st_name is in range. */
static const char *sym_name(const struct pvlink_obj *o, const Elf64_Sym *s)
{
	if (ELF64_ST_TYPE(s->st_info) == STT_SECTION && s->st_shndx != SHN_UNDEF &&
	    s->st_shndx < o->shnum) {
		Elf64_Shdr sh = get_shdr(o, s->st_shndx);

		return sec_name(o, &sh);
	}
	return o->strtab + s->st_name;
}

/* ------------------------------------------------------------------ */
/* Classification: which region a section goes to, if any.             */

static bool sec_is_percpu(const struct pvlink_obj *o, const Elf64_Shdr *sh)
{
	const char *name = sec_name(o, sh);

	/* ".data..percpu" and its Linux sub-sections ".data..percpu..x" */
	return pvlink_streq(name, PVLINK_PERCPU_SECTION) ||
	       pvlink_prefix(name, PVLINK_PERCPU_SECTION "..");
}

/*
 * Non-allocated sections (debug info, .comment, the symbol table itself)
 * are never loaded.  Notes are metadata for the image tools, and unwind
 * tables are not used by the kernel: both are allocated but ignored, by
 * type and by name, never mis-linked.
 */
static unsigned int sec_region(const struct pvlink_obj *o, const Elf64_Shdr *sh)
{
	if (!(sh->sh_flags & SHF_ALLOC))
		return PVLINK_REGION_NONE;
	if (sh->sh_type == SHT_NOTE || sh->sh_type == PVLINK_ARCH_UNWIND_TYPE ||
	    pvlink_streq(sec_name(o, sh), ".eh_frame"))
		return PVLINK_REGION_NONE;
	if (sec_is_percpu(o, sh))
		return PVLINK_PERCPU;
	if (sh->sh_flags & SHF_EXECINSTR)
		return PVLINK_TEXT;
	if (sh->sh_type == SHT_NOBITS)
		return PVLINK_BSS;
	if (sh->sh_flags & SHF_WRITE)
		return PVLINK_DATA;
	return PVLINK_RODATA;
}

static bool sec_loaded(const struct pvlink_obj *o, u32 i)
{
	Elf64_Shdr sh;

	if (i == SHN_UNDEF || i >= o->shnum)
		return false;
	sh = get_shdr(o, i);
	return sec_region(o, &sh) != PVLINK_REGION_NONE;
}

/* ------------------------------------------------------------------ */
/* Validation step 1: the ELF header.                                   */

static enum pvlink_err check_header(struct pvlink_ctx *ctx, int oi)
{
	struct pvlink_obj *o = &ctx->obj[oi];
	Elf64_Ehdr eh;

	if (o->size < sizeof(Elf64_Ehdr))
		return pvlink_fail(ctx, oi, PVLINK_E_TRUNCATED,
				   "%lu bytes, an ELF64 header needs %u",
				   o->size, (unsigned int)sizeof(Elf64_Ehdr));
	eh = get_ehdr(o);
	if (__builtin_memcmp(eh.e_ident, ELFMAG, SELFMAG))
		return pvlink_fail(ctx, oi, PVLINK_E_MAGIC, "e_ident does not start with \\177ELF");
	if (eh.e_ident[EI_CLASS] != ELFCLASS64)
		return pvlink_fail(ctx, oi, PVLINK_E_CLASS, "EI_CLASS is %u, want ELFCLASS64",
				   eh.e_ident[EI_CLASS]);
	if (eh.e_ident[EI_DATA] != ELFDATA2LSB)
		return pvlink_fail(ctx, oi, PVLINK_E_DATA, "EI_DATA is %u, want ELFDATA2LSB",
				   eh.e_ident[EI_DATA]);
	if (eh.e_ident[EI_VERSION] != EV_CURRENT || eh.e_version != EV_CURRENT)
		return pvlink_fail(ctx, oi, PVLINK_E_VERSION,
				   "EI_VERSION %u, e_version %u, want %u",
				   eh.e_ident[EI_VERSION], eh.e_version, EV_CURRENT);
	if (eh.e_type != ET_REL)
		return pvlink_fail(ctx, oi, PVLINK_E_TYPE, "e_type is %u, want ET_REL (%u)",
				   eh.e_type, ET_REL);
	if (eh.e_machine != PVLINK_ELF_MACHINE)
		return pvlink_fail(ctx, oi, PVLINK_E_MACHINE, "e_machine is %u, want %u",
				   eh.e_machine, PVLINK_ELF_MACHINE);
	if (eh.e_ehsize != sizeof(Elf64_Ehdr))
		return pvlink_fail(ctx, oi, PVLINK_E_EHSIZE, "e_ehsize is %u, want %u",
				   eh.e_ehsize, (unsigned int)sizeof(Elf64_Ehdr));
	if (eh.e_phnum)
		return pvlink_fail(ctx, oi, PVLINK_E_PHNUM, "e_phnum is %u, want 0",
				   eh.e_phnum);
	if (eh.e_shentsize != sizeof(Elf64_Shdr))
		return pvlink_fail(ctx, oi, PVLINK_E_SHENTSIZE, "e_shentsize is %u, want %u",
				   eh.e_shentsize, (unsigned int)sizeof(Elf64_Shdr));
	/* 0 would mean "extended numbering" (gABI): never needed here. */
	if (!eh.e_shnum || eh.e_shnum > PVLINK_MAX_SECTIONS)
		return pvlink_fail(ctx, oi, PVLINK_E_SHNUM, "e_shnum is %u, want 1..%u",
				   eh.e_shnum, PVLINK_MAX_SECTIONS);
	if (!range_ok(eh.e_shoff, (u64)eh.e_shnum * sizeof(Elf64_Shdr), o->size) ||
	    eh.e_shoff < sizeof(Elf64_Ehdr))
		return pvlink_fail(ctx, oi, PVLINK_E_SHOFF,
				   "e_shoff %lx + %u headers does not lie within %lu bytes after the ELF header",
				   eh.e_shoff, eh.e_shnum, o->size);
	o->shdr = o->base + eh.e_shoff;
	o->shnum = eh.e_shnum;
	if (eh.e_shstrndx == SHN_UNDEF || eh.e_shstrndx >= eh.e_shnum)
		return pvlink_fail(ctx, oi, PVLINK_E_SHSTRNDX, "e_shstrndx is %u of %u sections",
				   eh.e_shstrndx, eh.e_shnum);
	return PVLINK_OK;
}

/* ------------------------------------------------------------------ */
/* Validation step 3 (used by 2 and 4): a string table.                 */

static enum pvlink_err check_strtab(struct pvlink_ctx *ctx, int oi, u32 idx,
				    const char *what, enum pvlink_err bad_link,
				    const char **str, u64 *size)
{
	struct pvlink_obj *o = &ctx->obj[oi];
	Elf64_Shdr sh = get_shdr(o, idx);
	const char *s;

	if (sh.sh_type != SHT_STRTAB)
		return pvlink_fail(ctx, oi, bad_link, "%s: section %u has type %u, want SHT_STRTAB",
				   what, idx, sh.sh_type);
	/* Non-empty sections were bounds-checked by check_sections(). */
	s = sh.sh_size ? (const char *)o->base + sh.sh_offset : NULL;
	if (!s || s[0] || s[sh.sh_size - 1])
		return pvlink_fail(ctx, oi, PVLINK_E_STRTAB,
				   "%s: section %u (%lu bytes) must start and end with NUL",
				   what, idx, sh.sh_size);
	*str = s;
	*size = sh.sh_size;
	return PVLINK_OK;
}

/* ------------------------------------------------------------------ */
/* Validation step 2: the section table.                                */

/*
 * Assemblers write section contents in section-index order, so in a
 * normal object each section's bytes start at or after the end of the
 * previous one's: then no two overlap, found in one pass.  Only an object
 * laid out otherwise needs the test of every pair.
 */
static bool sec_spans_ascend(const struct pvlink_obj *o)
{
	u64 start, end, prev_end = 0;
	u32 i;

	for (i = 1; i < o->shnum; i++) {
		if (!sec_span(o, i, &start, &end))
			continue;
		if (start < prev_end)
			return false;
		prev_end = end;
	}
	return true;
}

static enum pvlink_err check_sec_bounds(struct pvlink_ctx *ctx, int oi)
{
	struct pvlink_obj *o = &ctx->obj[oi];
	u64 shtab = get_ehdr(o).e_shoff;
	u64 shtab_end = shtab + (u64)o->shnum * sizeof(Elf64_Shdr);
	u32 i, j;

	for (i = 1; i < o->shnum; i++) {
		Elf64_Shdr sh = get_shdr(o, i);

		if (sh.sh_type == SHT_NOBITS || !sh.sh_size)
			continue;
		if (!range_ok(sh.sh_offset, sh.sh_size, o->size))
			return pvlink_fail(ctx, oi, PVLINK_E_SEC_BOUNDS,
					   "section %u: offset %lx size %lx, object is %lu bytes",
					   i, sh.sh_offset, sh.sh_size, o->size);
		if (sh.sh_offset < sizeof(Elf64_Ehdr) ||
		    (sh.sh_offset < shtab_end && shtab < sh.sh_offset + sh.sh_size))
			return pvlink_fail(ctx, oi, PVLINK_E_SEC_OVERLAP,
					   "section %u (offset %lx size %lx) overlaps the ELF or section headers",
					   i, sh.sh_offset, sh.sh_size);
	}
	if (sec_spans_ascend(o))
		return PVLINK_OK;
	for (i = 1; i < o->shnum; i++) {
		u64 a_start, a_end, b_start, b_end;

		if (!sec_span(o, i, &a_start, &a_end))
			continue;
		for (j = i + 1; j < o->shnum; j++) {
			if (sec_span(o, j, &b_start, &b_end) &&
			    a_start < b_end && b_start < a_end)
				return pvlink_fail(ctx, oi, PVLINK_E_SEC_OVERLAP,
						   "sections %u and %u share file bytes", i, j);
		}
	}
	return PVLINK_OK;
}

static enum pvlink_err check_sec_kind(struct pvlink_ctx *ctx, int oi, u32 i)
{
	struct pvlink_obj *o = &ctx->obj[oi];
	Elf64_Shdr sh = get_shdr(o, i);

	if (sh.sh_name >= o->shstrsz)
		return pvlink_fail(ctx, oi, PVLINK_E_SEC_NAME,
				   "section %u: sh_name %u, name table has %lu bytes",
				   i, sh.sh_name, o->shstrsz);
	if (!(sh.sh_flags & SHF_ALLOC))
		return PVLINK_OK;	/* not loaded: ignored whatever its type */
	if (sh.sh_type != SHT_PROGBITS && sh.sh_type != SHT_NOBITS &&
	    sh.sh_type != SHT_NOTE && sh.sh_type != PVLINK_ARCH_UNWIND_TYPE)
		return pvlink_fail(ctx, oi, PVLINK_E_SEC_TYPE,
				   "section %u '%s' is allocated with type %x",
				   i, sec_name(o, &sh), sh.sh_type);
	/* Loaded bytes are copied as they are: no decompression at boot. */
	if (sh.sh_flags & SHF_COMPRESSED)
		return pvlink_fail(ctx, oi, PVLINK_E_SEC_TYPE,
				   "section %u '%s' is allocated and SHF_COMPRESSED",
				   i, sec_name(o, &sh));
	if (sh.sh_flags & SHF_TLS)
		return pvlink_fail(ctx, oi, PVLINK_E_SEC_TLS, "section %u '%s' is SHF_TLS",
				   i, sec_name(o, &sh));
	/* Text is mapped read-only after the link: writes to it would fault. */
	if ((sh.sh_flags & SHF_WRITE) && (sh.sh_flags & SHF_EXECINSTR))
		return pvlink_fail(ctx, oi, PVLINK_E_SEC_WX,
				   "section %u '%s' is writable and executable; put code and data in separate sections",
				   i, sec_name(o, &sh));
	if (!is_pow2(align_of(&sh)))
		return pvlink_fail(ctx, oi, PVLINK_E_SEC_ALIGN,
				   "section %u '%s': sh_addralign %lu", i,
				   sec_name(o, &sh), sh.sh_addralign);
	if (align_of(&sh) > PVLINK_MAX_ALIGN)
		return pvlink_fail(ctx, oi, PVLINK_E_SEC_ALIGN_CAP,
				   "section %u '%s': sh_addralign %lu, limit %u", i,
				   sec_name(o, &sh), sh.sh_addralign, PVLINK_MAX_ALIGN);
	return PVLINK_OK;
}

static enum pvlink_err check_sections(struct pvlink_ctx *ctx, int oi)
{
	struct pvlink_obj *o = &ctx->obj[oi];
	enum pvlink_err err;
	u32 i;

	err = check_sec_bounds(ctx, oi);
	if (err)
		return err;
	err = check_strtab(ctx, oi, get_ehdr(o).e_shstrndx, "section name table",
			   PVLINK_E_SHSTRNDX, &o->shstrtab, &o->shstrsz);
	if (err)
		return err;
	for (i = 1; i < o->shnum; i++) {
		err = check_sec_kind(ctx, oi, i);
		if (err)
			return err;
	}
	return PVLINK_OK;
}

/* ------------------------------------------------------------------ */
/* Validation step 4: the symbol table and every symbol.                */

static enum pvlink_err check_symtab(struct pvlink_ctx *ctx, int oi)
{
	struct pvlink_obj *o = &ctx->obj[oi];
	Elf64_Shdr sh;
	u32 i, found = 0;

	for (i = 1; i < o->shnum; i++) {
		sh = get_shdr(o, i);
		if (sh.sh_type != SHT_SYMTAB)
			continue;
		if (found)
			return pvlink_fail(ctx, oi, PVLINK_E_SYMTAB_MULTI,
					   "sections %u and %u are both SHT_SYMTAB", found, i);
		found = i;
	}
	if (!found)
		return pvlink_fail(ctx, oi, PVLINK_E_SYMTAB_NONE, "no SHT_SYMTAB section");
	sh = get_shdr(o, found);
	if (sh.sh_entsize != sizeof(Elf64_Sym) || sh.sh_size % sizeof(Elf64_Sym) ||
	    !sh.sh_size)
		return pvlink_fail(ctx, oi, PVLINK_E_SYMTAB_ENTSIZE,
				   "symbol table %u: sh_entsize %lu, sh_size %lu, want non-empty multiples of %u",
				   found, sh.sh_entsize, sh.sh_size,
				   (unsigned int)sizeof(Elf64_Sym));
	if (sh.sh_size / sizeof(Elf64_Sym) > 0xffffffffu)
		return pvlink_fail(ctx, oi, PVLINK_E_SYMTAB_ENTSIZE,
				   "symbol table %u: too many symbols", found);
	if (sh.sh_link == SHN_UNDEF || sh.sh_link >= o->shnum)
		return pvlink_fail(ctx, oi, PVLINK_E_SYMTAB_LINK,
				   "symbol table %u: sh_link %u of %u sections", found,
				   sh.sh_link, o->shnum);
	o->symtab = found;
	o->sym = o->base + sh.sh_offset;
	o->nsyms = (u32)(sh.sh_size / sizeof(Elf64_Sym));
	if (!sh.sh_info || sh.sh_info > o->nsyms)
		return pvlink_fail(ctx, oi, PVLINK_E_SYMTAB_INFO,
				   "symbol table %u: sh_info %u, want 1..%u", found,
				   sh.sh_info, o->nsyms);
	o->first_global = sh.sh_info;
	return check_strtab(ctx, oi, sh.sh_link, "symbol string table",
			    PVLINK_E_SYMTAB_LINK, &o->strtab, &o->strsz);
}

static enum pvlink_err check_sym_kind(struct pvlink_ctx *ctx, int oi, u32 i,
				      const Elf64_Sym *s)
{
	struct pvlink_obj *o = &ctx->obj[oi];
	unsigned int bind = ELF64_ST_BIND(s->st_info);
	unsigned int type = ELF64_ST_TYPE(s->st_info);
	const char *name = o->strtab + s->st_name;

	if (i < o->first_global ? bind != STB_LOCAL :
	    bind != STB_GLOBAL && bind != STB_WEAK)
		return pvlink_fail(ctx, oi, PVLINK_E_SYM_BIND,
				   "symbol %u '%s': binding %u at index %u, first global is %u",
				   i, name, bind, i, o->first_global);
	switch (type) {
	case STT_NOTYPE:
	case STT_OBJECT:
	case STT_FUNC:
	case STT_SECTION:
	case STT_FILE:
		break;
	case STT_COMMON:
		return pvlink_fail(ctx, oi, PVLINK_E_SYM_COMMON,
				   "symbol %u '%s' is STT_COMMON", i, name);
	case STT_TLS:
		return pvlink_fail(ctx, oi, PVLINK_E_SYM_TLS,
				   "symbol %u '%s' is STT_TLS", i, name);
	case STT_GNU_IFUNC:
		return pvlink_fail(ctx, oi, PVLINK_E_SYM_IFUNC,
				   "symbol %u '%s' is STT_GNU_IFUNC", i, name);
	default:
		return pvlink_fail(ctx, oi, PVLINK_E_SYM_TYPE,
				   "symbol %u '%s' has type %u", i, name, type);
	}
	return PVLINK_OK;
}

static enum pvlink_err check_sym_place(struct pvlink_ctx *ctx, int oi, u32 i,
				       const Elf64_Sym *s)
{
	struct pvlink_obj *o = &ctx->obj[oi];
	const char *name = o->strtab + s->st_name;
	Elf64_Shdr sh;

	/* gABI: entry 0 is the undefined null symbol. */
	if (!i && s->st_shndx != SHN_UNDEF)
		return pvlink_fail(ctx, oi, PVLINK_E_SYM_SHNDX,
				   "symbol 0 (the null symbol) has st_shndx %x", s->st_shndx);
	/* A section symbol stands for its section: it must name one. */
	if (ELF64_ST_TYPE(s->st_info) == STT_SECTION &&
	    (s->st_shndx == SHN_UNDEF || s->st_shndx >= o->shnum))
		return pvlink_fail(ctx, oi, PVLINK_E_SYM_SHNDX,
				   "section symbol %u has st_shndx %x, %u sections", i,
				   s->st_shndx, o->shnum);
	if (s->st_shndx == SHN_COMMON)
		return pvlink_fail(ctx, oi, PVLINK_E_SYM_COMMON, "symbol %u '%s' is in SHN_COMMON",
				   i, name);
	if (s->st_shndx == SHN_ABS)
		return PVLINK_OK;
	if (s->st_shndx == SHN_UNDEF) {
		/* Only globals can be undefined; index 0 is the null symbol. */
		if (i && i < o->first_global)
			return pvlink_fail(ctx, oi, PVLINK_E_SYM_SHNDX,
					   "local symbol %u '%s' is undefined", i, name);
		return PVLINK_OK;
	}
	if (s->st_shndx >= o->shnum)
		return pvlink_fail(ctx, oi, PVLINK_E_SYM_SHNDX,
				   "symbol %u '%s': st_shndx %x, %u sections", i, name,
				   s->st_shndx, o->shnum);
	sh = get_shdr(o, s->st_shndx);
	if (ELF64_ST_TYPE(s->st_info) == STT_SECTION && s->st_value)
		return pvlink_fail(ctx, oi, PVLINK_E_SYM_VALUE,
				   "section symbol %u has value %lx", i, s->st_value);
	if (s->st_value > sh.sh_size || s->st_size > sh.sh_size - s->st_value)
		return pvlink_fail(ctx, oi, PVLINK_E_SYM_VALUE,
				   "symbol %u '%s': value %lx size %lx, section %u is %lx bytes",
				   i, name, s->st_value, s->st_size, s->st_shndx, sh.sh_size);
	return PVLINK_OK;
}

static bool sym_is_global_def(const Elf64_Sym *s)
{
	return ELF64_ST_BIND(s->st_info) != STB_LOCAL && s->st_shndx != SHN_UNDEF;
}

/*
 * A global name appears once per object.  Defined twice, binding would
 * depend on order; defined and also undefined, the undefined copy would
 * resolve elsewhere (below, or to the kernel) while the object's own
 * definition is ignored.  Two undefined references to one name are
 * harmless and allowed.
 */
static enum pvlink_err check_sym_dup_of(struct pvlink_ctx *ctx, int oi, u32 j)
{
	struct pvlink_obj *o = &ctx->obj[oi];
	Elf64_Sym b = get_sym(o, j);
	const char *nb = o->strtab + b.st_name;
	bool b_def = b.st_shndx != SHN_UNDEF;
	u32 i;

	for (i = o->first_global; i < j; i++) {
		Elf64_Sym a = get_sym(o, i);
		const char *na = o->strtab + a.st_name;
		bool a_def = a.st_shndx != SHN_UNDEF;

		if ((a_def || b_def) && na[0] == nb[0] && pvlink_streq(na, nb))
			return pvlink_fail(ctx, oi, PVLINK_E_SYM_DUP,
					   "symbols %u and %u both %s '%s'", i, j,
					   a_def && b_def ? "define" : "name", na);
	}
	return PVLINK_OK;
}

/*
 * Comparing every pair of names would cost a quadratic number of string
 * compares, and pv-op names share their first bytes.  Instead each name
 * is hashed once into two small bit sets (on the stack: the plan
 * allocates nothing), one for every global name and one for defined
 * ones; only a name whose bit is already set where it matters is then
 * compared with the names before it.  The bit sets are a filter: every
 * duplicate is still found by an exact comparison.
 */
#define PVLINK_DUP_BITS	1024

static enum pvlink_err check_sym_dups(struct pvlink_ctx *ctx, int oi)
{
	struct pvlink_obj *o = &ctx->obj[oi];
	u64 any[PVLINK_DUP_BITS / 64] = { 0 };
	u64 def[PVLINK_DUP_BITS / 64] = { 0 };
	enum pvlink_err err;
	u32 j;

	for (j = o->first_global; j < o->nsyms; j++) {
		Elf64_Sym b = get_sym(o, j);
		u32 h = pvlink_hash(o->strtab + b.st_name) % PVLINK_DUP_BITS;
		u64 bit = 1ull << (h % 64);
		bool b_def = b.st_shndx != SHN_UNDEF;

		/* A clash needs a definition on at least one side. */
		if ((def[h / 64] & bit) ||
		    (b_def && (any[h / 64] & bit))) {
			err = check_sym_dup_of(ctx, oi, j);
			if (err)
				return err;
		}
		any[h / 64] |= bit;
		if (b_def)
			def[h / 64] |= bit;
	}
	return PVLINK_OK;
}

static enum pvlink_err check_symbols(struct pvlink_ctx *ctx, int oi)
{
	struct pvlink_obj *o = &ctx->obj[oi];
	enum pvlink_err err;
	u32 i;

	for (i = 0; i < o->nsyms; i++) {
		Elf64_Sym s = get_sym(o, i);

		if (s.st_name >= o->strsz)
			return pvlink_fail(ctx, oi, PVLINK_E_SYM_NAME,
					   "symbol %u: st_name %u, string table has %lu bytes",
					   i, s.st_name, o->strsz);
		err = check_sym_kind(ctx, oi, i, &s);
		if (!err)
			err = check_sym_place(ctx, oi, i, &s);
		if (err)
			return err;
	}
	return check_sym_dups(ctx, oi);
}

/* ------------------------------------------------------------------ */
/* Validation step 5: relocation sections.                              */

/* Is this relocation section applied, i.e. does its target get loaded? */
static bool rela_applied(const struct pvlink_obj *o, const Elf64_Shdr *rs)
{
	return rs->sh_type == SHT_RELA && sec_loaded(o, rs->sh_info);
}

static enum pvlink_err check_rela_section(struct pvlink_ctx *ctx, int oi, u32 i)
{
	struct pvlink_obj *o = &ctx->obj[oi];
	Elf64_Shdr rs = get_shdr(o, i), t;
	u32 j;

	if (rs.sh_type == SHT_REL)
		return pvlink_fail(ctx, oi, PVLINK_E_REL, "section %u '%s' is SHT_REL",
				   i, sec_name(o, &rs));
	if (rs.sh_type != SHT_RELA)
		return PVLINK_OK;
	if (rs.sh_entsize != sizeof(Elf64_Rela) || rs.sh_size % sizeof(Elf64_Rela))
		return pvlink_fail(ctx, oi, PVLINK_E_RELA_ENTSIZE,
				   "section %u '%s': sh_entsize %lu, sh_size %lu, want multiples of %u",
				   i, sec_name(o, &rs), rs.sh_entsize, rs.sh_size,
				   (unsigned int)sizeof(Elf64_Rela));
	if (rs.sh_link != o->symtab)
		return pvlink_fail(ctx, oi, PVLINK_E_RELA_LINK,
				   "section %u '%s': sh_link %u, symbol table is %u",
				   i, sec_name(o, &rs), rs.sh_link, o->symtab);
	if (rs.sh_info == SHN_UNDEF || rs.sh_info >= o->shnum)
		return pvlink_fail(ctx, oi, PVLINK_E_RELA_INFO,
				   "section %u '%s': sh_info %u of %u sections",
				   i, sec_name(o, &rs), rs.sh_info, o->shnum);
	t = get_shdr(o, rs.sh_info);
	/* Relocating the linker's own tables is never meaningful. */
	if (t.sh_type == SHT_NULL || t.sh_type == SHT_SYMTAB || t.sh_type == SHT_STRTAB ||
	    t.sh_type == SHT_RELA || t.sh_type == SHT_REL)
		return pvlink_fail(ctx, oi, PVLINK_E_RELA_INFO,
				   "section %u '%s' applies to section %u of type %u",
				   i, sec_name(o, &rs), rs.sh_info, t.sh_type);
	if (!rela_applied(o, &rs))
		return PVLINK_OK;	/* debug info and ignored sections: skipped */
	if (t.sh_type == SHT_NOBITS)
		return pvlink_fail(ctx, oi, PVLINK_E_RELA_NOBITS,
				   "section %u '%s' relocates NOBITS section %u '%s'",
				   i, sec_name(o, &rs), rs.sh_info, sec_name(o, &t));
	for (j = 1; j < i; j++) {
		Elf64_Shdr other = get_shdr(o, j);

		if (other.sh_type == SHT_RELA && other.sh_info == rs.sh_info)
			return pvlink_fail(ctx, oi, PVLINK_E_RELA_MULTI,
					   "sections %u and %u both relocate section %u '%s'",
					   j, i, rs.sh_info, sec_name(o, &t));
	}
	return PVLINK_OK;
}

/* ------------------------------------------------------------------ */
/* Symbol resolution.                                                   */

/* Visible to other objects and to the kernel: global, not hidden. */
static bool sym_exported(const struct pvlink_obj *o, const Elf64_Sym *s)
{
	unsigned int vis = ELF64_ST_VISIBILITY(s->st_other);

	if (!sym_is_global_def(s) || vis == STV_HIDDEN || vis == STV_INTERNAL)
		return false;
	return s->st_shndx == SHN_ABS || sec_loaded(o, s->st_shndx);
}

/* Find an exported definition of @name in object @oi; return its index. */
static u32 obj_find(const struct pvlink_obj *o, const char *name)
{
	u32 i;

	for (i = o->first_global; i < o->nsyms; i++) {
		Elf64_Sym s = get_sym(o, i);
		const char *n = o->strtab + s.st_name;

		/* Names first: they differ early, visibility checks cost more. */
		if (s.st_shndx != SHN_UNDEF && n[0] == name[0] &&
		    pvlink_streq(n, name) && sym_exported(o, &s))
			return i;
	}
	return 0;
}

const struct pvlink_export *
pvlink_export_find(const struct pvlink_export_table *t, const char *name)
{
	u32 h, b, i;

	if (!t || !t->nr_buckets)
		return NULL;
	h = pvlink_hash(name);
	b = h % t->nr_buckets;
	for (i = t->bucket[b]; i < t->bucket[b + 1]; i++)
		if (t->exports[i].hash == h && pvlink_streq(t->exports[i].name, name))
			return &t->exports[i];
	return NULL;
}

static enum pvlink_err check_exports(struct pvlink_ctx *ctx)
{
	const struct pvlink_export_table *t = ctx->exports;
	u32 b, i;

	if (!t)
		return PVLINK_OK;
	if (!t->nr_buckets || !t->bucket || (t->nr_exports && !t->exports))
		return pvlink_fail(ctx, -1, PVLINK_E_EXPORTS,
				   "export table: %u buckets, %u exports", t->nr_buckets,
				   t->nr_exports);
	if (t->bucket[0] || t->bucket[t->nr_buckets] != t->nr_exports)
		return pvlink_fail(ctx, -1, PVLINK_E_EXPORTS,
				   "export table: buckets span %u..%u, want 0..%u",
				   t->bucket[0], t->bucket[t->nr_buckets], t->nr_exports);
	for (b = 0; b < t->nr_buckets; b++) {
		if (t->bucket[b] > t->bucket[b + 1])
			return pvlink_fail(ctx, -1, PVLINK_E_EXPORTS,
					   "export table: bucket %u ends before it starts", b);
		for (i = t->bucket[b]; i < t->bucket[b + 1]; i++) {
			const struct pvlink_export *e = &t->exports[i];

			if (!e->name || e->hash != pvlink_hash(e->name) ||
			    e->hash % t->nr_buckets != b)
				return pvlink_fail(ctx, -1, PVLINK_E_EXPORTS,
						   "export table: entry %u ('%s') is in the wrong bucket or has a bad hash",
						   i, e->name ? e->name : "(null)");
		}
	}
	return PVLINK_OK;
}

/* Where an undefined symbol of object @oi is defined. */
struct pvlink_def {
	int obj;				/* -1: export, GOT or weak zero */
	u32 sym;				/* index in that object */
	const struct pvlink_export *exp;	/* kernel export, or NULL */
	bool got;				/* the GOT region itself */
};

/*
 * The one linker-defined symbol (psABI 4.4.1, "GOT"): GNU as adds an
 * undefined reference to it to any object using @GOTPCREL.
 */
#define PVLINK_GOT_SYMBOL	"_GLOBAL_OFFSET_TABLE_"

/*
 * Resolve an undefined global: the objects below first, nearest first,
 * then the kernel's exports.  A weak undefined symbol found nowhere is 0
 * (gABI); a strong one is an error.
 */
static enum pvlink_err resolve_undef(struct pvlink_ctx *ctx, int oi, u32 si,
				     struct pvlink_def *def)
{
	const struct pvlink_obj *o = &ctx->obj[oi];
	Elf64_Sym s = get_sym(o, si);
	const char *name = o->strtab + s.st_name;
	int lo;

	def->obj = -1;
	def->sym = 0;
	def->exp = NULL;
	def->got = pvlink_streq(name, PVLINK_GOT_SYMBOL);
	if (def->got)
		return PVLINK_OK;
	for (lo = oi - 1; lo >= 0; lo--) {
		u32 idx = obj_find(&ctx->obj[lo], name);

		if (idx) {
			def->obj = lo;
			def->sym = idx;
			return PVLINK_OK;
		}
	}
	def->exp = pvlink_export_find(ctx->exports, name);
	if (def->exp || ELF64_ST_BIND(s.st_info) == STB_WEAK)
		return PVLINK_OK;
	if (!oi)
		return pvlink_fail(ctx, oi, PVLINK_E_UNDEFINED,
				   "symbol %u '%s' is not exported by the kernel", si, name);
	return pvlink_fail(ctx, oi, PVLINK_E_UNDEFINED,
			   "symbol %u '%s' is neither defined by the objects below nor exported by the kernel",
			   si, name);
}

/*
 * Every undefined global must resolve, referenced or not: the link
 * resolves every symbol, and must not fail where the plan succeeded.
 */
static enum pvlink_err check_undefined(struct pvlink_ctx *ctx, int oi)
{
	const struct pvlink_obj *o = &ctx->obj[oi];
	struct pvlink_def def;
	enum pvlink_err err;
	u32 i;

	for (i = o->first_global; i < o->nsyms; i++) {
		if (get_sym(o, i).st_shndx != SHN_UNDEF)
			continue;
		err = resolve_undef(ctx, oi, i, &def);
		if (err)
			return err;
	}
	return PVLINK_OK;
}

/* ------------------------------------------------------------------ */
/* Validation step 5, entries: every relocation of an applied section.  */

/* Context for one relocation's messages. */
#define RELA_FMT	"section %u '%s' entry %lu (offset %lx, %s, symbol %u '%s')"
#define RELA_ARGS(ri, rs, e, r, h, sym) \
	(ri), sec_name(o, &(rs)), (e), (r).r_offset, (h) ? (h)->name : "?", \
	ELF64_R_SYM((r).r_info), (sym)

static enum pvlink_err check_rela_entry(struct pvlink_ctx *ctx, int oi, u32 ri,
					const Elf64_Shdr *rs, u64 e, u64 *got)
{
	struct pvlink_obj *o = &ctx->obj[oi];
	Elf64_Rela r = get_rela(o, rs, e);
	u32 si = ELF64_R_SYM(r.r_info), type = ELF64_R_TYPE(r.r_info);
	const struct pvlink_howto *h = arch_pvlink_howto(type);
	Elf64_Shdr t = get_shdr(o, rs->sh_info);
	const char *name = "?";
	Elf64_Sym s;

	if (si >= o->nsyms)
		return pvlink_fail(ctx, oi, PVLINK_E_RELA_SYM, RELA_FMT ": %u symbols",
				   RELA_ARGS(ri, *rs, e, r, h, name), o->nsyms);
	s = get_sym(o, si);
	name = sym_name(o, &s);
	if (!h)
		return pvlink_fail(ctx, oi, PVLINK_E_RELA_TYPE, RELA_FMT ": type %u",
				   RELA_ARGS(ri, *rs, e, r, h, name), type);
	if (!range_ok(r.r_offset, h->width, t.sh_size))
		return pvlink_fail(ctx, oi, PVLINK_E_RELA_OFFSET,
				   RELA_FMT ": %u-byte field past the end of section %u (%lx bytes)",
				   RELA_ARGS(ri, *rs, e, r, h, name), h->width,
				   rs->sh_info, t.sh_size);
	if (s.st_shndx != SHN_UNDEF && s.st_shndx != SHN_ABS && !sec_loaded(o, s.st_shndx))
		return pvlink_fail(ctx, oi, PVLINK_E_RELA_NONALLOC_SYM,
				   RELA_FMT ": symbol lives in section %u, which is not loaded",
				   RELA_ARGS(ri, *rs, e, r, h, name), s.st_shndx);
	/*
	 * A PC-relative field may name a percpu symbol: %gs:var(%rip) adds
	 * the percpu offset minus P to P, exactly as in a kernel whose
	 * percpu section is linked at 0, and as GNU ld computes it.
	 */
	/* Each CPU gets a copy of the template: P has no single address. */
	if ((h->flags & PVLINK_HOWTO_PC) && sec_region(o, &t) == PVLINK_PERCPU)
		return pvlink_fail(ctx, oi, PVLINK_E_RELA_PERCPU,
				   RELA_FMT ": a PC-relative field inside the percpu template",
				   RELA_ARGS(ri, *rs, e, r, h, name));
	if (h->flags & PVLINK_HOWTO_GOT)
		(*got)++;
	return PVLINK_OK;
}

static enum pvlink_err check_relocations(struct pvlink_ctx *ctx, int oi)
{
	struct pvlink_obj *o = &ctx->obj[oi];
	enum pvlink_err err;
	u32 i;
	u64 e;

	o->nr_got = 0;
	for (i = 1; i < o->shnum; i++) {
		err = check_rela_section(ctx, oi, i);
		if (err)
			return err;
	}
	for (i = 1; i < o->shnum; i++) {
		Elf64_Shdr rs = get_shdr(o, i);

		if (!rela_applied(o, &rs))
			continue;
		for (e = 0; e < rs.sh_size / sizeof(Elf64_Rela); e++) {
			err = check_rela_entry(ctx, oi, i, &rs, e, &o->nr_got);
			if (err)
				return err;
		}
	}
	return PVLINK_OK;
}

/* All validation steps for one object, in the order of the spec. */
static enum pvlink_err check_object(struct pvlink_ctx *ctx, int oi)
{
	enum pvlink_err err;

	err = check_header(ctx, oi);
	if (!err)
		err = check_sections(ctx, oi);
	if (!err)
		err = check_symtab(ctx, oi);
	if (!err)
		err = check_symbols(ctx, oi);
	if (!err)
		err = check_relocations(ctx, oi);
	if (!err)
		err = check_undefined(ctx, oi);
	return err;
}

/* ------------------------------------------------------------------ */
/* Layout.                                                              */

/*
 * Place section @i of @o after the running region offsets @off[]; return
 * its offset in its region (or PVLINK_NO_ADDR if it is not loaded) and
 * advance @off.  Plan, link and pvlink_section() all place through here,
 * so they cannot disagree.  Sizes were bounded by the object's size or
 * checked by plan_layout(), so the sums here cannot wrap.
 */
static u64 place_section(const struct pvlink_obj *o, u32 i, u64 off[])
{
	Elf64_Shdr sh = get_shdr(o, i);
	unsigned int r = sec_region(o, &sh);
	u64 a = align_of(&sh), at;

	if (r == PVLINK_REGION_NONE)
		return PVLINK_NO_ADDR;
	at = (off[r] + a - 1) & ~(a - 1);
	off[r] = at + sh.sh_size;
	return at;
}

/* Region sizes and alignments over the whole stack, overflow-checked. */
static enum pvlink_err plan_layout(struct pvlink_ctx *ctx)
{
	/* 2^56 bytes: far beyond any real region, far from wrapping. */
	const u64 limit = (u64)1 << 56;
	u64 off[PVLINK_NR_REGIONS] = { 0 };
	u64 got = 0;
	unsigned int oi, r;
	u32 i;

	for (r = 0; r < PVLINK_NR_REGIONS; r++)
		ctx->region[r].align = 1;
	ctx->region[PVLINK_GOT].align = PVLINK_GOT_SLOT;
	for (oi = 0; oi < ctx->nr_objs; oi++) {
		struct pvlink_obj *o = &ctx->obj[oi];

		for (r = 0; r < PVLINK_NR_REGIONS; r++)
			o->region_start[r] = off[r];
		for (i = 1; i < o->shnum; i++) {
			Elf64_Shdr sh = get_shdr(o, i);

			r = sec_region(o, &sh);
			if (r == PVLINK_REGION_NONE)
				continue;
			if (sh.sh_size > limit)
				return pvlink_fail(ctx, oi, PVLINK_E_LAYOUT,
						   "section %u '%s' is %lx bytes", i,
						   sec_name(o, &sh), sh.sh_size);
			place_section(o, i, off);
			if (off[r] > limit)
				return pvlink_fail(ctx, oi, PVLINK_E_LAYOUT,
						   "region %u grows past %lx bytes", r, limit);
			if (align_of(&sh) > ctx->region[r].align)
				ctx->region[r].align = align_of(&sh);
		}
		o->got_start = got;
		got += o->nr_got;
	}
	for (r = 0; r < PVLINK_NR_REGIONS; r++)
		ctx->region[r].size = off[r];
	ctx->region[PVLINK_GOT].size = got * PVLINK_GOT_SLOT;
	return PVLINK_OK;
}

static enum pvlink_err plan_percpu(struct pvlink_ctx *ctx)
{
	const struct pvlink_region *pc = &ctx->region[PVLINK_PERCPU];
	unsigned int oi = 0;

	if (pc->size > ctx->percpu_size) {
		/* Name the first object whose percpu data does not fit. */
		while (oi + 1 < ctx->nr_objs &&
		       ctx->obj[oi + 1].region_start[PVLINK_PERCPU] <= ctx->percpu_size)
			oi++;
		return pvlink_fail(ctx, oi, PVLINK_E_PERCPU_OVERFLOW,
				   "its percpu data does not fit: the stack needs %lu bytes, the reserve at offset %lx holds %lu",
				   pc->size, ctx->percpu_base, ctx->percpu_size);
	}
	if (ctx->percpu_base & (pc->align - 1))
		return pvlink_fail(ctx, -1, PVLINK_E_ARG,
				   "percpu reserve offset %lx is not aligned to %lu",
				   ctx->percpu_base, pc->align);
	if (!range_ok(ctx->percpu_base, ctx->percpu_size, ~(u64)0))
		return pvlink_fail(ctx, -1, PVLINK_E_ARG,
				   "percpu reserve %lx + %lx wraps", ctx->percpu_base,
				   ctx->percpu_size);
	ctx->region[PVLINK_PERCPU].addr = ctx->percpu_base;
	return PVLINK_OK;
}

static u64 plan_work_size(const struct pvlink_ctx *ctx)
{
	u64 n = 0;
	unsigned int oi;

	for (oi = 0; oi < ctx->nr_objs; oi++)
		n += (u64)ctx->obj[oi].shnum * sizeof(struct pvlink_ws_sec) +
		     (u64)ctx->obj[oi].nsyms * sizeof(struct pvlink_ws_sym);
	return n;
}

void pvlink_init(struct pvlink_ctx *ctx, const struct pvlink_object *objs,
		 unsigned int nr_objs, const struct pvlink_export_table *exports,
		 u64 percpu_base, u64 percpu_size)
{
	__builtin_memset(ctx, 0, sizeof(*ctx));
	ctx->objs = objs;
	ctx->nr_objs = nr_objs;
	ctx->exports = exports;
	ctx->percpu_base = percpu_base;
	ctx->percpu_size = percpu_size;
	ctx->state = PVLINK_STATE_INIT;
}

enum pvlink_err pvlink_plan(struct pvlink_ctx *ctx)
{
	enum pvlink_err err;
	unsigned int oi;

	if (ctx->state != PVLINK_STATE_INIT)
		return pvlink_fail(ctx, -1, PVLINK_E_STATE,
				   "pvlink_plan() needs a fresh pvlink_init()");
	if (!ctx->nr_objs || ctx->nr_objs > PVLINK_MAX_OBJECTS || !ctx->objs)
		return pvlink_fail(ctx, -1, PVLINK_E_OBJECTS, "%u objects, want 1..%u",
				   ctx->nr_objs, PVLINK_MAX_OBJECTS);
	err = check_exports(ctx);
	if (err)
		return err;
	for (oi = 0; oi < ctx->nr_objs; oi++) {
		if (!ctx->objs[oi].data)
			return pvlink_fail(ctx, oi, PVLINK_E_ARG, "no data");
		ctx->obj[oi].base = ctx->objs[oi].data;
		ctx->obj[oi].size = ctx->objs[oi].size;
		/* Bottom first: resolution in object i looks only below it. */
		err = check_object(ctx, oi);
		if (err)
			return err;
	}
	err = plan_layout(ctx);
	if (!err)
		err = plan_percpu(ctx);
	if (err)
		return err;
	ctx->work_size = plan_work_size(ctx);
	ctx->state = PVLINK_STATE_PLANNED;
	return PVLINK_OK;
}

/* ------------------------------------------------------------------ */
/* Link.                                                                */

static struct pvlink_ws_sec *ws_sec(const struct pvlink_obj *o)
{
	return o->ws_sec;
}

static struct pvlink_ws_sym *ws_sym(const struct pvlink_obj *o)
{
	return o->ws_sym;
}

static enum pvlink_err link_check_args(struct pvlink_ctx *ctx, void *work,
				       u64 work_size)
{
	unsigned int r;

	if (ctx->state != PVLINK_STATE_PLANNED)
		return pvlink_fail(ctx, -1, PVLINK_E_STATE,
				   "pvlink_link() needs a successful pvlink_plan()");
	if (!work || work_size < ctx->work_size || ((uintptr_t)work & 7))
		return pvlink_fail(ctx, -1, PVLINK_E_ARG,
				   "workspace of %lu bytes, need %lu, 8-byte aligned",
				   work_size, ctx->work_size);
	for (r = 0; r < PVLINK_NR_REGIONS; r++) {
		const struct pvlink_region *rg = &ctx->region[r];

		if (!rg->size)
			continue;
		if (!rg->mem || ((uintptr_t)rg->mem & (rg->align - 1)) ||
		    (rg->addr & (rg->align - 1)))
			return pvlink_fail(ctx, -1, PVLINK_E_ARG,
					   "region %u: staging memory missing or address %lx not aligned to %lu",
					   r, rg->addr, rg->align);
		if (!range_ok(rg->addr, rg->size, ~(u64)0))
			return pvlink_fail(ctx, -1, PVLINK_E_LAYOUT,
					   "region %u at %lx + %lx wraps", r, rg->addr, rg->size);
	}
	return PVLINK_OK;
}

/* Carve the workspace and give every loaded section its address. */
static void link_place(struct pvlink_ctx *ctx, void *work)
{
	u8 *w = work;
	unsigned int oi, r;
	u32 i;

	ctx->work = work;
	for (oi = 0; oi < ctx->nr_objs; oi++) {
		struct pvlink_obj *o = &ctx->obj[oi];
		u64 off[PVLINK_NR_REGIONS];

		o->ws_sec = w;
		w += (u64)o->shnum * sizeof(struct pvlink_ws_sec);
		o->ws_sym = w;
		w += (u64)o->nsyms * sizeof(struct pvlink_ws_sym);
		for (r = 0; r < PVLINK_NR_REGIONS; r++)
			off[r] = o->region_start[r];
		ws_sec(o)[0].addr = PVLINK_NO_ADDR;
		ws_sec(o)[0].region = PVLINK_REGION_NONE;
		for (i = 1; i < o->shnum; i++) {
			Elf64_Shdr sh = get_shdr(o, i);
			u64 at = place_section(o, i, off);

			r = sec_region(o, &sh);
			ws_sec(o)[i].region = r;
			ws_sec(o)[i].addr = at == PVLINK_NO_ADDR ? PVLINK_NO_ADDR :
					    ctx->region[r].addr + at;
		}
	}
}

/* Final value of symbol @i of object @oi; objects below are done. */
static enum pvlink_err link_resolve_sym(struct pvlink_ctx *ctx, int oi, u32 i)
{
	const struct pvlink_obj *o = &ctx->obj[oi];
	Elf64_Sym s = get_sym(o, i);
	struct pvlink_ws_sym *w = &ws_sym(o)[i];
	struct pvlink_def def;
	enum pvlink_err err;

	w->flags = (ELF64_ST_TYPE(s.st_info) == STT_FUNC ? PVLINK_SYM_FUNC : 0) |
		   (ELF64_ST_BIND(s.st_info) == STB_WEAK ? PVLINK_SYM_WEAK : 0);
	w->value = 0;
	w->external = 0;
	if (s.st_shndx == SHN_ABS) {
		w->value = s.st_value;
		w->flags |= PVLINK_SYM_ABS;
		return PVLINK_OK;
	}
	if (s.st_shndx != SHN_UNDEF) {
		const struct pvlink_ws_sec *sec = &ws_sec(o)[s.st_shndx];

		/* Unloaded: never used by an applied relocation (step 44). */
		if (sec->addr != PVLINK_NO_ADDR)
			w->value = sec->addr + s.st_value;
		if (sec->region == PVLINK_PERCPU)
			w->flags |= PVLINK_SYM_PERCPU;
		return PVLINK_OK;
	}
	w->flags |= PVLINK_SYM_ABS;	/* the null symbol and unresolved weak: 0 */
	if (!i)
		return PVLINK_OK;
	w->external = 1;
	err = resolve_undef(ctx, oi, i, &def);
	if (err)
		return err;
	if (def.obj >= 0) {
		const struct pvlink_ws_sym *d = &ws_sym(&ctx->obj[def.obj])[def.sym];

		w->value = d->value;
		w->flags = (w->flags & ~PVLINK_SYM_ABS) |
			   (d->flags & (PVLINK_SYM_PERCPU | PVLINK_SYM_ABS));
	} else if (def.got) {
		w->value = ctx->region[PVLINK_GOT].addr;
		w->flags &= ~PVLINK_SYM_ABS;
	} else if (def.exp) {
		w->value = def.exp->value;
		if (def.exp->flags & PVLINK_EXPORT_F_PERCPU)
			w->flags |= PVLINK_SYM_PERCPU;
	}
	return PVLINK_OK;
}

/* Final value of every symbol, bottom object first. */
static enum pvlink_err link_resolve(struct pvlink_ctx *ctx)
{
	enum pvlink_err err;
	unsigned int oi;
	u32 i;

	for (oi = 0; oi < ctx->nr_objs; oi++) {
		for (i = 0; i < ctx->obj[oi].nsyms; i++) {
			err = link_resolve_sym(ctx, oi, i);
			if (err)
				return err;
		}
	}
	return PVLINK_OK;
}

/* Copy section bytes into staging memory; zero padding and NOBITS. */
static void link_copy(struct pvlink_ctx *ctx)
{
	unsigned int oi, r;
	u32 i;

	for (r = 0; r < PVLINK_NR_REGIONS; r++)
		if (ctx->region[r].size)
			__builtin_memset(ctx->region[r].mem, 0, ctx->region[r].size);
	for (oi = 0; oi < ctx->nr_objs; oi++) {
		const struct pvlink_obj *o = &ctx->obj[oi];

		for (i = 1; i < o->shnum; i++) {
			Elf64_Shdr sh = get_shdr(o, i);
			u64 addr = ws_sec(o)[i].addr;

			if (addr == PVLINK_NO_ADDR || sh.sh_type == SHT_NOBITS || !sh.sh_size)
				continue;
			r = ws_sec(o)[i].region;
			__builtin_memcpy((u8 *)ctx->region[r].mem + (addr - ctx->region[r].addr),
					 o->base + sh.sh_offset, sh.sh_size);
		}
	}
}

enum pvlink_stage { PVLINK_STAGE_LOCAL, PVLINK_STAGE_EXTERNAL };

/* Apply (or only check) one relocation; its GOT slot index is passed in. */
static enum pvlink_err link_apply_one(struct pvlink_ctx *ctx, int oi, u32 ri,
				      const Elf64_Shdr *rs, u64 e, u64 slot,
				      bool dry_run)
{
	const struct pvlink_obj *o = &ctx->obj[oi];
	Elf64_Rela r = get_rela(o, rs, e);
	u32 si = ELF64_R_SYM(r.r_info);
	const struct pvlink_howto *h = arch_pvlink_howto(ELF64_R_TYPE(r.r_info));
	const struct pvlink_ws_sec *t = &ws_sec(o)[rs->sh_info];
	const struct pvlink_region *rg = &ctx->region[t->region];
	const struct pvlink_ws_sym *w = &ws_sym(o)[si];
	u64 place = t->addr + r.r_offset;
	struct pvlink_reloc rel = {
		.type = ELF64_R_TYPE(r.r_info),
		.loc = (u8 *)rg->mem + (place - rg->addr),
		.place = place,
		.sym = w->value,
		.addend = r.r_addend,
		.dry_run = dry_run,
	};
	Elf64_Sym s;

	if (h->flags & PVLINK_HOWTO_GOT) {
		const struct pvlink_region *got = &ctx->region[PVLINK_GOT];
		const u8 *sec = o->base + get_shdr(o, rs->sh_info).sh_offset;
		u64 off = slot * PVLINK_GOT_SLOT;

		if (!dry_run)
			__builtin_memcpy((u8 *)got->mem + off, &w->value, PVLINK_GOT_SLOT);
		rel.got = got->addr + off;
		rel.orig = sec + r.r_offset;
		rel.relax = (h->flags & PVLINK_HOWTO_RELAX) &&
			    arch_pvlink_relaxable(rel.type, sec, r.r_offset);
	}
	if (arch_pvlink_apply(h, &rel) == PVLINK_OK)
		return PVLINK_OK;
	s = get_sym(o, si);
	return pvlink_fail(ctx, oi, PVLINK_E_RELA_OVERFLOW,
			   RELA_FMT ": S=%lx A=%ld P=%lx",
			   RELA_ARGS(ri, *rs, e, r, h, sym_name(o, &s)),
			   w->value, r.r_addend, place);
}

/*
 * The plan validated every entry, and the objects must not change before
 * the link; still, nothing is written through an entry that does not
 * re-check, so a changed object cannot make the link write out of bounds.
 */
static bool link_entry_ok(const struct pvlink_obj *o, const Elf64_Rela *r,
			  const struct pvlink_howto *h, u64 target_size)
{
	return h && ELF64_R_SYM(r->r_info) < o->nsyms &&
	       range_ok(r->r_offset, h->width, target_size);
}

/*
 * Apply one stage of one object's relocations: local ones (symbols the
 * object defines itself, absolute ones, the null symbol), or external
 * ones (resolved below or from the kernel).  GOT slots are numbered in
 * file order over both stages, as the plan counted them.  A dry run
 * checks every result and writes nothing.
 */
static enum pvlink_err link_stage(struct pvlink_ctx *ctx, int oi,
				  enum pvlink_stage stage, bool dry_run)
{
	struct pvlink_obj *o = &ctx->obj[oi];
	u64 slot = o->got_start, e;
	enum pvlink_err err;
	u32 i;

	for (i = 1; i < o->shnum; i++) {
		Elf64_Shdr rs = get_shdr(o, i);
		u64 target_size;

		if (!rela_applied(o, &rs))
			continue;
		target_size = get_shdr(o, rs.sh_info).sh_size;
		for (e = 0; e < rs.sh_size / sizeof(Elf64_Rela); e++) {
			Elf64_Rela r = get_rela(o, &rs, e);
			const struct pvlink_howto *h = arch_pvlink_howto(ELF64_R_TYPE(r.r_info));
			u64 my_slot = slot;
			bool external;

			if (!link_entry_ok(o, &r, h, target_size))
				return pvlink_fail(ctx, oi, PVLINK_E_STATE,
						   "section %u entry %lu changed since the plan", i, e);
			if (h->flags & PVLINK_HOWTO_GOT)
				slot++;
			/* R_X86_64_NONE and the like write nothing, maybe in an empty section. */
			if (!h->width)
				continue;
			external = ws_sym(o)[ELF64_R_SYM(r.r_info)].external;
			if (external != (stage == PVLINK_STAGE_EXTERNAL))
				continue;
			err = link_apply_one(ctx, oi, i, &rs, e, my_slot, dry_run);
			if (err)
				return err;
			if (!dry_run)
				ctx->nr_relocs++;
		}
	}
	return PVLINK_OK;
}

/* Both stages over the whole stack, in order: bottom object first. */
static enum pvlink_err link_relocate(struct pvlink_ctx *ctx, bool dry_run)
{
	enum pvlink_err err;
	unsigned int oi;

	for (oi = 0; oi < ctx->nr_objs; oi++) {
		err = link_stage(ctx, oi, PVLINK_STAGE_LOCAL, dry_run);
		if (err)
			return err;
	}
	for (oi = 0; oi < ctx->nr_objs; oi++) {
		err = link_stage(ctx, oi, PVLINK_STAGE_EXTERNAL, dry_run);
		if (err)
			return err;
	}
	return PVLINK_OK;
}

enum pvlink_err pvlink_link(struct pvlink_ctx *ctx, void *work, u64 work_size)
{
	enum pvlink_err err;

	err = link_check_args(ctx, work, work_size);
	if (err)
		return err;
	link_place(ctx, work);
	err = link_resolve(ctx);
	if (err)
		return err;
	/* Every relocation is computed and checked before anything is written. */
	err = link_relocate(ctx, true);
	if (err)
		return err;
	link_copy(ctx);
	ctx->nr_relocs = 0;
	err = link_relocate(ctx, false);
	if (err)
		return err;
	ctx->state = PVLINK_STATE_LINKED;
	ctx->err = PVLINK_OK;
	return PVLINK_OK;
}

/* ------------------------------------------------------------------ */
/* Queries after the link.                                              */

enum pvlink_err pvlink_lookup(const struct pvlink_ctx *ctx, const char *name,
			      struct pvlink_symbol *out)
{
	int oi;

	if (ctx->state != PVLINK_STATE_LINKED)
		return PVLINK_E_STATE;
	for (oi = (int)ctx->nr_objs - 1; oi >= 0; oi--) {
		const struct pvlink_obj *o = &ctx->obj[oi];
		u32 i = obj_find(o, name);
		Elf64_Sym s;

		if (!i)
			continue;
		s = get_sym(o, i);
		out->value = ws_sym(o)[i].value;
		out->size = s.st_size;
		out->obj = (unsigned int)oi;
		out->flags = ws_sym(o)[i].flags;
		return PVLINK_OK;
	}
	return PVLINK_E_NOT_FOUND;
}

enum pvlink_err pvlink_section(const struct pvlink_ctx *ctx, unsigned int obj,
			       unsigned int shndx,
			       struct pvlink_section_info *info)
{
	const struct pvlink_obj *o;
	u64 off[PVLINK_NR_REGIONS];
	Elf64_Shdr sh;
	unsigned int r;
	u32 i;

	if (ctx->state != PVLINK_STATE_PLANNED && ctx->state != PVLINK_STATE_LINKED)
		return PVLINK_E_STATE;
	if (obj >= ctx->nr_objs || !shndx || shndx >= ctx->obj[obj].shnum)
		return PVLINK_E_ARG;
	o = &ctx->obj[obj];
	for (r = 0; r < PVLINK_NR_REGIONS; r++)
		off[r] = o->region_start[r];
	for (i = 1; i < shndx; i++)
		place_section(o, i, off);
	sh = get_shdr(o, shndx);
	info->name = sec_name(o, &sh);
	info->region = sec_region(o, &sh);
	info->offset = place_section(o, shndx, off);
	info->addr = info->region == PVLINK_REGION_NONE ? PVLINK_NO_ADDR :
		     ctx->region[info->region].addr + info->offset;
	info->size = sh.sh_size;
	info->align = align_of(&sh);
	return PVLINK_OK;
}
