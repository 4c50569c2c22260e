/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pvlink library internals: shared by the files of lib/pvlink/ and by
 * nothing else.  Callers use the API in <linux/pvlink_lib.h>.
 *
 * Objects are untrusted and may be unaligned: every header, symbol and
 * relocation is copied out with memcpy before use, and every offset and
 * size is checked with overflow-safe arithmetic before it is used.
 */
#ifndef _LIB_PVLINK_INTERNAL_H
#define _LIB_PVLINK_INTERNAL_H

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
/* Optional: an arch that cannot tell calls apart follows none (stack.c). */
#ifndef arch_pvlink_call_field
static inline bool arch_pvlink_call_field(const u8 *sec, u64 offset)
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

/*
 * The parsed view of one object.  Filled by the plan's validation steps;
 * every pointer and count here has been checked against the object's
 * bytes before anything reads through it.
 */
struct pvlink_obj {
	const u8 *base;
	u64 size;
	const void *shdr;	/* Elf64_Shdr[shnum] */
	u32 shnum;
	u32 symtab;		/* section index of SHT_SYMTAB */
	u32 nsyms;
	u32 first_global;
	const void *sym;	/* Elf64_Sym[nsyms] */
	const char *strtab;
	u64 strsz;
	const char *shstrtab;
	u64 shstrsz;
	u64 region_start[PVLINK_NR_REGIONS];	/* this object's offsets */
	u64 got_start;				/* first GOT slot index */
	u64 nr_got;				/* GOT slots it uses */
	void *ws_sec;		/* workspace: per-section placement */
	void *ws_sym;		/* workspace: per-symbol resolution */
	u32 *idx_bucket;	/* workspace: name index (symindex.c) */
	u32 *idx_next;
	u32 *idx_hash;
	u32 idx_nb;		/* buckets, a power of two */
};
_Static_assert(sizeof(struct pvlink_obj) <= sizeof(((struct pvlink_ctx *)0)->priv[0]),
	       "struct pvlink_obj outgrew PVLINK_OBJ_WORDS");

/* Object @oi's parsed view, kept in the context's private words. */
static inline struct pvlink_obj *pvlink_obj(const struct pvlink_ctx *ctx,
					    unsigned int oi)
{
	return (struct pvlink_obj *)ctx->priv[oi];
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


/* Context for one relocation's messages. */
#define RELA_FMT	"section %u '%s' entry %lu (offset %lx, %s, symbol %u '%s')"
#define RELA_ARGS(ri, rs, e, r, h, sym) \
	(ri), sec_name(o, &(rs)), (e), (r).r_offset, (h) ? (h)->name : "?", \
	ELF64_R_SYM((r).r_info), (sym)

/* Small helpers. */

static inline bool pvlink_streq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

static inline bool pvlink_prefix(const char *s, const char *prefix)
{
	while (*prefix)
		if (*s++ != *prefix++)
			return false;
	return true;
}

/* a + b <= limit, without overflow */
static inline bool range_ok(u64 a, u64 b, u64 limit)
{
	return a <= limit && b <= limit - a;
}

static inline bool is_pow2(u64 v)
{
	return v && !(v & (v - 1));
}

static inline u64 align_of(const Elf64_Shdr *sh)
{
	return sh->sh_addralign ? sh->sh_addralign : 1;
}


/* Object access: everything is copied out, so alignment never matters. */

static inline Elf64_Ehdr get_ehdr(const struct pvlink_obj *o)
{
	Elf64_Ehdr eh;

	__builtin_memcpy(&eh, o->base, sizeof(eh));
	return eh;
}

static inline Elf64_Shdr get_shdr(const struct pvlink_obj *o, u32 i)
{
	Elf64_Shdr sh;

	__builtin_memcpy(&sh, (const u8 *)o->shdr + (u64)i * sizeof(sh), sizeof(sh));
	return sh;
}

static inline Elf64_Sym get_sym(const struct pvlink_obj *o, u32 i)
{
	Elf64_Sym s;

	__builtin_memcpy(&s, (const u8 *)o->sym + (u64)i * sizeof(s), sizeof(s));
	return s;
}

static inline Elf64_Rela get_rela(const struct pvlink_obj *o, const Elf64_Shdr *rs,
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
static inline bool sec_span(const struct pvlink_obj *o, u32 i, u64 *start, u64 *end)
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

/* Only valid after pvlink_check_sections(): sh_name is in range. */
static inline const char *sec_name(const struct pvlink_obj *o, const Elf64_Shdr *sh)
{
	return o->shstrtab + sh->sh_name;
}

/* Only valid after pvlink_check_symbols(): st_name is in range. */
static inline const char *sym_name(const struct pvlink_obj *o, const Elf64_Sym *s)
{
	if (ELF64_ST_TYPE(s->st_info) == STT_SECTION && s->st_shndx != SHN_UNDEF &&
	    s->st_shndx < o->shnum) {
		Elf64_Shdr sh = get_shdr(o, s->st_shndx);

		return sec_name(o, &sh);
	}
	return o->strtab + s->st_name;
}


/* The workspace entries of an object, carved by pvlink_link(). */
static inline struct pvlink_ws_sec *ws_sec(const struct pvlink_obj *o)
{
	return o->ws_sec;
}

static inline struct pvlink_ws_sym *ws_sym(const struct pvlink_obj *o)
{
	return o->ws_sym;
}

/* msg.c */
enum pvlink_err __attribute__((format(printf, 4, 5)))
pvlink_fail(struct pvlink_ctx *ctx, int oi, enum pvlink_err err,
	    const char *fmt, ...);

/* elf.c: validation steps 1 to 3, and where a section goes */
unsigned int pvlink_sec_region(const struct pvlink_obj *o, const Elf64_Shdr *sh);
bool pvlink_sec_loaded(const struct pvlink_obj *o, u32 i);
enum pvlink_err pvlink_check_header(struct pvlink_ctx *ctx, int oi);
enum pvlink_err pvlink_check_strtab(struct pvlink_ctx *ctx, int oi, u32 idx,
				    const char *what, enum pvlink_err bad_link,
				    const char **str, u64 *size);
enum pvlink_err pvlink_check_sections(struct pvlink_ctx *ctx, int oi);

/* symtab.c: validation step 4 */
enum pvlink_err pvlink_check_symtab(struct pvlink_ctx *ctx, int oi);
enum pvlink_err pvlink_check_symbols(struct pvlink_ctx *ctx, int oi);
bool pvlink_sym_is_global_def(const Elf64_Sym *s);

/* rela.c: validation step 5 */
bool pvlink_rela_applied(const struct pvlink_obj *o, const Elf64_Shdr *rs);
enum pvlink_err pvlink_check_relocations(struct pvlink_ctx *ctx, int oi);

/* resolve.c: symbol resolution */
bool pvlink_sym_exported(const struct pvlink_obj *o, const Elf64_Sym *s);
enum pvlink_err pvlink_check_exports(struct pvlink_ctx *ctx);
enum pvlink_err pvlink_resolve_undef(struct pvlink_ctx *ctx, int oi, u32 si,
				     struct pvlink_def *def);

/* symindex.c: each object's name index, in the link's workspace */
u64 pvlink_symindex_size(const struct pvlink_obj *o);
enum pvlink_err pvlink_symindex_build(struct pvlink_ctx *ctx, int oi, void *mem);
u32 pvlink_obj_find(const struct pvlink_obj *o, const char *name);

/* plan.c: validation and layout */
enum pvlink_err pvlink_check_object(struct pvlink_ctx *ctx, int oi);
u64 pvlink_place_section(const struct pvlink_obj *o, u32 i, u64 off[]);

#endif /* _LIB_PVLINK_INTERNAL_H */
