/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pvlink: a self-contained linker for paravirtualisation backends.
 *
 * A backend is an ELF64 relocatable object (ET_REL).  The core validates
 * it as untrusted input, lays out its allocated sections, resolves its
 * symbols and applies its relocations.  It never allocates: it runs in
 * two steps.
 *
 *  1. pvlink_plan() reads the objects and fills in the exact size and
 *     alignment of every output region, and the size of the scratch
 *     workspace the link needs.  It writes nothing but the context.
 *  2. The caller reserves memory for every region (a staging buffer it
 *     may write, plus the run-time address the code will execute at) and
 *     for the workspace, then calls pvlink_link(), which fills the
 *     staging buffers.  Only the staging buffers and the workspace are
 *     ever written, and the staging buffers only after every object has
 *     validated, every symbol has resolved and every relocation has been
 *     computed and found to fit.
 *
 * A link is a *stack* of objects: objs[0] is the bottom (e.g. "native"),
 * each later object may sit on top of the ones below it (e.g. "kvm").
 * An undefined symbol of object i resolves, in this order, to
 *   - a global definition in objects i-1, i-2, ..., 0 (nearest first),
 *   - the kernel's export table (struct pvlink_export_table).
 * A symbol defined in the object itself always binds locally: relocations
 * are applied in two stages, local ones first, then external ones.
 *
 * The same core is compiled into the kernel (freestanding, before any
 * allocator exists), into the pvimage host tool and into host tests.
 * The design and the numbered list of validation checks are in
 * Documentation/pvlink.rst.
 */
#ifndef _LINUX_PVLINK_H
#define _LINUX_PVLINK_H

#include <linux/types.h>
#include <linux/sha256.h>

/* Limits.  Every one is checked; exceeding one is an error, never a clamp. */
#define PVLINK_MAX_OBJECTS	8	/* objects in one stack */
#define PVLINK_MAX_SECTIONS	4096	/* e_shnum cap per object */
#define PVLINK_MAX_ALIGN	4096	/* sh_addralign cap: one page */
#define PVLINK_MSG_MAX		384	/* error message buffer, NUL included */

/* Sections named like this hold percpu template data (Linux convention). */
#define PVLINK_PERCPU_SECTION	".data..percpu"

/**
 * enum pvlink_err - why a plan, link or lookup failed
 *
 * Every check of the validation list in Documentation/pvlink.rst has its
 * own code, so a test (and a person reading a boot log) knows exactly
 * which rule an object broke.  pvlink_strerror() gives a one-line
 * description; the context's message buffer names the object, section,
 * symbol, relocation and offset involved.  The values are stable: the
 * malformed-object corpus and the boot tests refer to them by name.
 */
enum pvlink_err {
	PVLINK_OK = 0,

	/* ELF header (validation step 1) */
	PVLINK_E_TRUNCATED,		/* object smaller than an ELF header */
	PVLINK_E_MAGIC,			/* e_ident magic is not \177ELF */
	PVLINK_E_CLASS,			/* not ELFCLASS64 */
	PVLINK_E_DATA,			/* not ELFDATA2LSB */
	PVLINK_E_VERSION,		/* EI_VERSION or e_version not EV_CURRENT */
	PVLINK_E_TYPE,			/* e_type is not ET_REL */
	PVLINK_E_MACHINE,		/* e_machine is not this arch's */
	PVLINK_E_EHSIZE,		/* e_ehsize is not sizeof(Elf64_Ehdr) */
	PVLINK_E_PHNUM,			/* a relocatable object has program headers */
	PVLINK_E_SHENTSIZE,		/* e_shentsize is not sizeof(Elf64_Shdr) */
	PVLINK_E_SHNUM,			/* e_shnum is 0 or above PVLINK_MAX_SECTIONS */
	PVLINK_E_SHOFF,			/* section header table outside the object */
	PVLINK_E_SHSTRNDX,		/* e_shstrndx out of range or not a STRTAB */

	/* Section headers (validation step 2) */
	PVLINK_E_SEC_BOUNDS,		/* section data outside the object */
	PVLINK_E_SEC_OVERLAP,		/* two sections share file bytes */
	PVLINK_E_SEC_ALIGN,		/* sh_addralign is not a power of two */
	PVLINK_E_SEC_ALIGN_CAP,		/* sh_addralign above PVLINK_MAX_ALIGN */
	PVLINK_E_SEC_NAME,		/* sh_name outside the section name table */
	PVLINK_E_SEC_TYPE,		/* allocated section of an unsupported type */
	PVLINK_E_SEC_TLS,		/* SHF_TLS section: no thread-local storage */
	PVLINK_E_SEC_WX,		/* section both writable and executable */

	/* String tables (validation step 3) */
	PVLINK_E_STRTAB,		/* string table empty or not NUL at both ends */

	/* Symbol table (validation step 4) */
	PVLINK_E_SYMTAB_NONE,		/* no SHT_SYMTAB */
	PVLINK_E_SYMTAB_MULTI,		/* more than one SHT_SYMTAB */
	PVLINK_E_SYMTAB_ENTSIZE,	/* sh_entsize or sh_size not whole Elf64_Sym */
	PVLINK_E_SYMTAB_LINK,		/* sh_link does not name a STRTAB */
	PVLINK_E_SYMTAB_INFO,		/* first-global index (sh_info) out of range */
	PVLINK_E_SYM_NAME,		/* st_name outside the string table */
	PVLINK_E_SYM_SHNDX,		/* st_shndx out of range or unsupported special */
	PVLINK_E_SYM_BIND,		/* bad binding, or local/global order broken */
	PVLINK_E_SYM_TYPE,		/* symbol type unknown to the gABI */
	PVLINK_E_SYM_VALUE,		/* defined symbol lies outside its section */
	PVLINK_E_SYM_COMMON,		/* COMMON symbol: build with -fno-common */
	PVLINK_E_SYM_TLS,		/* STT_TLS symbol */
	PVLINK_E_SYM_IFUNC,		/* STT_GNU_IFUNC symbol */
	PVLINK_E_SYM_DUP,		/* one name defined twice in one object */

	/* Relocation sections and entries (validation step 5) */
	PVLINK_E_REL,			/* SHT_REL: x86-64 uses SHT_RELA only */
	PVLINK_E_RELA_ENTSIZE,		/* sh_entsize or sh_size not whole Elf64_Rela */
	PVLINK_E_RELA_LINK,		/* sh_link is not the symbol table */
	PVLINK_E_RELA_INFO,		/* sh_info does not name a section to relocate */
	PVLINK_E_RELA_MULTI,		/* two relocation sections for one section */
	PVLINK_E_RELA_NOBITS,		/* relocations against a NOBITS (bss) section */
	PVLINK_E_RELA_SYM,		/* r_info symbol index out of range */
	PVLINK_E_RELA_TYPE,		/* relocation type not supported */
	PVLINK_E_RELA_OFFSET,		/* r_offset + field width past section end */
	PVLINK_E_RELA_NONALLOC_SYM,	/* symbol's section is not loaded */
	PVLINK_E_RELA_PERCPU,		/* PC-relative use of a percpu symbol */
	PVLINK_E_RELA_OVERFLOW,		/* result does not fit the field (psABI) */

	/* Symbol resolution and layout */
	PVLINK_E_UNDEFINED,		/* undefined symbol found nowhere */
	PVLINK_E_EXPORTS,		/* export table malformed */
	PVLINK_E_PERCPU_OVERFLOW,	/* percpu data larger than the reserve */
	PVLINK_E_LAYOUT,		/* a region would exceed the address space */

	/* Caller errors */
	PVLINK_E_OBJECTS,		/* no objects or more than PVLINK_MAX_OBJECTS */
	PVLINK_E_ARG,			/* bad argument: NULL, misaligned, too small */
	PVLINK_E_STATE,			/* call out of order (link before plan, ...) */
	PVLINK_E_NOT_FOUND,		/* pvlink_lookup(): no such global */

	PVLINK_E_NR			/* number of codes; not an error */
};

/**
 * enum pvlink_region_id - the output regions a plan sizes
 * @PVLINK_TEXT:   SHF_ALLOC|SHF_EXECINSTR sections; map read-only, executable.
 * @PVLINK_RODATA: SHF_ALLOC sections neither writable nor executable.
 * @PVLINK_DATA:   SHF_ALLOC|SHF_WRITE PROGBITS sections.
 * @PVLINK_BSS:    SHF_ALLOC|SHF_WRITE NOBITS sections; link zeroes it.
 * @PVLINK_GOT:    8-byte slots for GOT-relative relocations the arch could
 *                 not relax; read-only after the link.
 * @PVLINK_PERCPU: the percpu template (all sections named
 *                 PVLINK_PERCPU_SECTION).  Its @addr is not an address but
 *                 the offset inside the kernel's zero-based percpu area,
 *                 given by the caller as &pvlink_ctx.percpu_base.  The caller
 *                 copies the template into every CPU's area.
 * @PVLINK_NR_REGIONS: number of regions.
 */
enum pvlink_region_id {
	PVLINK_TEXT,
	PVLINK_RODATA,
	PVLINK_DATA,
	PVLINK_BSS,
	PVLINK_GOT,
	PVLINK_PERCPU,
	PVLINK_NR_REGIONS,
	PVLINK_REGION_NONE = PVLINK_NR_REGIONS	/* section not loaded */
};

/**
 * pvlink_region_name() - a region's name in messages, maps and boot logs
 * @r: an enum pvlink_region_id.
 *
 * A function, not a table, so that code running after the linker is
 * freed (self-tests) and host tools use it alike.
 *
 * Return: "text", "rodata", "data", "bss", "got", "percpu", or "none"
 * for PVLINK_REGION_NONE and anything else.
 */
static inline const char *pvlink_region_name(unsigned int r)
{
	switch (r) {
	case PVLINK_TEXT:
		return "text";
	case PVLINK_RODATA:
		return "rodata";
	case PVLINK_DATA:
		return "data";
	case PVLINK_BSS:
		return "bss";
	case PVLINK_GOT:
		return "got";
	case PVLINK_PERCPU:
		return "percpu";
	}
	return "none";
}

/**
 * struct pvlink_region - one output region
 * @size:  bytes needed; set by pvlink_plan().
 * @align: required alignment of @addr and of @mem (a power of two, at
 *         least 1); set by pvlink_plan().
 * @addr:  run-time address of the region's first byte (percpu: offset);
 *         set by the caller before pvlink_link().
 * @mem:   staging memory of @size bytes that pvlink_link() fills; the
 *         caller may set it equal to @addr.  May be NULL when @size is 0.
 */
struct pvlink_region {
	u64 size;
	u64 align;
	u64 addr;
	void *mem;
};

/**
 * struct pvlink_object - one input object
 * @name: what messages call it (e.g. "native"); may be NULL.
 * @data: the ELF64 ET_REL bytes; never written.  Any alignment.
 * @size: size of @data in bytes.
 */
struct pvlink_object {
	const char *name;
	const void *data;
	size_t size;
};

/* pvlink_export.flags */
#define PVLINK_EXPORT_F_PERCPU	0x1u	/* value is an offset in the percpu area */

/**
 * struct pvlink_export - one symbol the kernel lets backends use
 * @hash:  pvlink_hash(@name).
 * @flags: PVLINK_EXPORT_* bits.
 * @name:  NUL-terminated symbol name.
 * @value: the symbol's address, or its percpu offset (PVLINK_EXPORT_F_PERCPU).
 */
struct pvlink_export {
	u32 hash;
	u32 flags;
	const char *name;
	u64 value;
};

/**
 * struct pvlink_export_table - the kernel's hashed export table
 * @nr_buckets: number of hash buckets, at least 1.
 * @nr_exports: number of entries in @exports.
 * @bucket:     @nr_buckets + 1 indexes into @exports: bucket b holds the
 *              entries @bucket[b] .. @bucket[b + 1] - 1, all with
 *              (@hash % @nr_buckets) == b.  @bucket[0] is 0 and
 *              @bucket[@nr_buckets] is @nr_exports; the array never
 *              decreases.
 * @exports:    the entries, grouped by bucket.
 *
 * The kernel build generates this table (entries sorted by bucket, then
 * by name, so it is reproducible); pvimage builds the same layout from an
 * nm-style symbol list.  The core checks the table's shape before use.
 */
struct pvlink_export_table {
	u32 nr_buckets;
	u32 nr_exports;
	const u32 *bucket;
	const struct pvlink_export *exports;
};

/* pvlink_symbol.flags */
#define PVLINK_SYM_FUNC		0x1u	/* STT_FUNC */
#define PVLINK_SYM_PERCPU	0x2u	/* value is a percpu offset */
#define PVLINK_SYM_WEAK		0x4u	/* STB_WEAK definition */
#define PVLINK_SYM_ABS		0x8u	/* absolute: SHN_ABS, a kernel export,
					 * or an unresolved weak symbol (0) */

/**
 * struct pvlink_symbol - a linked definition found by pvlink_lookup()
 * @value: run-time address (or percpu offset with PVLINK_SYM_PERCPU).
 * @size:  st_size.
 * @obj:   index of the defining object in the stack.
 * @flags: PVLINK_SYM_* bits.
 */
struct pvlink_symbol {
	u64 value;
	u64 size;
	unsigned int obj;
	u32 flags;
};

/**
 * struct pvlink_section_info - where one input section went
 * @name:   section name (points into the object).
 * @region: enum pvlink_region_id, PVLINK_REGION_NONE if not loaded.
 * @addr:   run-time address (percpu: offset); valid after pvlink_link().
 * @offset: offset inside its region; valid after pvlink_plan().
 * @size:   sh_size.
 * @align:  sh_addralign (at least 1).
 */
struct pvlink_section_info {
	const char *name;
	unsigned int region;
	u64 addr;
	u64 offset;
	u64 size;
	u64 align;
};

/* Parsed view of one object; private to kernel/pvlink.c. */
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
};

/**
 * struct pvlink_ctx - one link, from plan to lookup
 * @objs:         the stack, bottom first; set by pvlink_init().
 * @nr_objs:      number of objects.
 * @exports:      kernel exports (may be NULL: nothing is exported).
 * @percpu_base:  offset of the percpu reserve in the percpu area.
 * @percpu_size:  size of that reserve; exceeding it is an error.
 * @region:       output regions; see struct pvlink_region.
 * @work_size:    workspace bytes pvlink_link() needs; set by pvlink_plan().
 * @nr_relocs:    relocations applied by the last successful pvlink_link().
 * @err:          the last error (PVLINK_OK if none).
 * @msg:          the last error with context, NUL-terminated.
 *
 * Everything after @msg is private.  The context is the linker's only
 * state: there are no globals, so several links may run side by side.
 */
struct pvlink_ctx {
	const struct pvlink_object *objs;
	unsigned int nr_objs;
	const struct pvlink_export_table *exports;
	u64 percpu_base;
	u64 percpu_size;
	struct pvlink_region region[PVLINK_NR_REGIONS];
	u64 work_size;
	u64 nr_relocs;
	enum pvlink_err err;
	char msg[PVLINK_MSG_MAX];

	/* private */
	unsigned int state;
	void *work;
	struct pvlink_obj obj[PVLINK_MAX_OBJECTS];
};

/**
 * pvlink_init() - prepare a context for one link
 * @ctx:         the context; fully overwritten.
 * @objs:        @nr_objs objects, bottom of the stack first.  The array and
 *               the bytes must stay valid until the context is dropped.
 * @nr_objs:     1 .. PVLINK_MAX_OBJECTS.
 * @exports:     the kernel's export table, or NULL for none.
 * @percpu_base: offset in the percpu area where backend percpu data goes.
 * @percpu_size: bytes reserved there.
 *
 * Context: any; no memory other than @ctx is touched.
 */
void pvlink_init(struct pvlink_ctx *ctx, const struct pvlink_object *objs,
		 unsigned int nr_objs, const struct pvlink_export_table *exports,
		 u64 percpu_base, u64 percpu_size);

/**
 * pvlink_plan() - validate every object and size every region
 * @ctx: a context from pvlink_init().
 *
 * Runs the whole validation list on every object, resolves every symbol
 * (without addresses), and fills @ctx->region[].size/.align and
 * @ctx->work_size.
 *
 * Context: any; reads the objects, writes only @ctx.
 * Return: PVLINK_OK, or an error also stored in @ctx->err and @ctx->msg.
 */
enum pvlink_err pvlink_plan(struct pvlink_ctx *ctx);

/**
 * pvlink_link() - place, resolve and relocate into the caller's memory
 * @ctx:       a context on which pvlink_plan() succeeded, with every
 *             region's @addr and @mem set (aligned to its @align).
 * @work:      scratch memory of at least @ctx->work_size bytes, 8-byte
 *             aligned; it may be freed once the link and every
 *             pvlink_lookup()/pvlink_section() call are done.
 * @work_size: size of @work.
 *
 * Assigns every section its address, resolves every symbol to its final
 * value, computes and checks every relocation without writing (so every
 * error comes before the first byte of a region is written), then copies
 * the section bytes, zeroes BSS, fills the GOT and applies local
 * relocations, then external ones.  A failed link leaves the regions'
 * memory as it was.
 *
 * Context: any; writes only @ctx, @work and the regions' @mem.
 * Return: PVLINK_OK, or an error also stored in @ctx->err and @ctx->msg.
 */
enum pvlink_err pvlink_link(struct pvlink_ctx *ctx, void *work, u64 work_size);

/**
 * pvlink_lookup() - find the linked definition of a global symbol
 * @ctx:  a context on which pvlink_link() succeeded.
 * @name: symbol name, e.g. a pv-op such as "pv_irq_disable".
 * @sym:  filled on success.
 *
 * Searches the stack top down, so an upper object overrides a lower one
 * (kvm's pv_ops win over native's, the rest come from native).  Local
 * and hidden symbols are never found.
 *
 * Context: any.
 * Return: PVLINK_OK or PVLINK_E_NOT_FOUND (also PVLINK_E_STATE before a link).
 */
enum pvlink_err pvlink_lookup(const struct pvlink_ctx *ctx, const char *name,
			      struct pvlink_symbol *sym);

/**
 * pvlink_section() - report where one input section was placed
 * @ctx:    a context on which pvlink_plan() (offsets) or pvlink_link()
 *          (addresses too) succeeded.
 * @obj:    object index.
 * @shndx:  section index in that object.
 * @info:   filled on success.
 *
 * For pvimage's map, the GNU ld oracle and per-section boot debugging.
 *
 * Context: any.
 * Return: PVLINK_OK, PVLINK_E_ARG for a bad index, or PVLINK_E_STATE.
 */
enum pvlink_err pvlink_section(const struct pvlink_ctx *ctx, unsigned int obj,
			       unsigned int shndx,
			       struct pvlink_section_info *info);

/**
 * pvlink_export_find() - look a name up in an export table
 * @table: the table (may be NULL).
 * @name:  the symbol name.
 *
 * Context: any.  Trusts the table's shape; pvlink_plan() checks it first.
 * Return: the entry, or NULL if @name is not exported.
 */
const struct pvlink_export *
pvlink_export_find(const struct pvlink_export_table *table, const char *name);

/**
 * pvlink_hash() - the export table's name hash
 * @name: NUL-terminated name.
 *
 * The DJB hash used by GNU's DT_GNU_HASH: h = h * 33 + c, from 5381,
 * over the bytes of @name, modulo 2^32.  Build tools must use the same.
 *
 * Return: the 32-bit hash.
 */
u32 pvlink_hash(const char *name);

/**
 * pvlink_strerror() - describe an error code
 * @err: a code.
 *
 * Return: a constant one-line description; never NULL.
 */
const char *pvlink_strerror(enum pvlink_err err);

/*
 * pvlink backends: how a backend object says what it is, and how the
 * kernel says what a backend may use.
 *
 * A backend is one ELF64 ET_REL object (a folder under arch/x86/pvlink/
 * linked with "ld -r").  It defines pv-ops as global pv_<op> functions
 * and declares itself with exactly one PVLINK_BACKEND() line, which
 * becomes an ELF note in section PVLINK_NOTE_SECTION ("readelf -n" shows
 * it).  The byte layout of the note is in Documentation/pvlink.rst ("The image format and the kernel tables").
 *
 *	PVLINK_BACKEND(native,
 *		.entry    = PVLINK_ENTRY_NATIVE | PVLINK_ENTRY_PVH,
 *		.priority = 0);
 *
 *	PVLINK_BACKEND(kvm,
 *		.entry    = PVLINK_ENTRY_NATIVE | PVLINK_ENTRY_PVH,
 *		.cpuid    = "KVMKVMKVM",
 *		.priority = 10,
 *		.requires = "native");
 *
 * A backend matches when the kernel was entered through one of the
 * @entry modes and, if @cpuid is not empty, CPUID leaf 0x40000000 returns
 * that signature in ebx, ecx, edx.  Among the matching backends the
 * highest @priority wins; its @requires chain (bottom first) is linked
 * under it.
 *
 * A name that is not a C identifier ("xen-pv") is declared with
 * PVLINK_BACKEND_NAMED(xen_pv, "xen-pv", ...); a backend that must set
 * something up before the kernel runs on it defines PVLINK_BACKEND_INIT().
 */
/* The note: owner "pvlink", one type, in its own section. */
#define PVLINK_NOTE_SECTION	".note.pvlink"
#define PVLINK_NOTE_OWNER	"pvlink"
#define PVLINK_NOTE_BACKEND	0x504c0001u	/* "PL" + 1 */
#define PVLINK_NOTE_VERSION	1

/* pvlink_backend_desc.entry: the ways the kernel may have been entered. */
#define PVLINK_ENTRY_NATIVE	0x1u	/* multiboot2 / bare metal, ring 0 */
#define PVLINK_ENTRY_PVH	0x2u	/* XEN_ELFNOTE_PHYS32_ENTRY (QEMU, Xen PVH) */
#define PVLINK_ENTRY_XEN_PV	0x4u	/* Xen PV: ring 3, start_info in %rsi */
#define PVLINK_ENTRY_ALL	0x7u

#define PVLINK_NAME_MAX		32	/* name field, NUL included */
/* CPUID 0x40000000: ebx, ecx, edx form a 12-byte vendor signature. */
#define PVLINK_CPUID_SIG_LEN	12
#define PVLINK_CPUID_HV_LEAF	0x40000000u

/**
 * struct pvlink_backend_desc - the descriptor of a backend note
 * @version:  PVLINK_NOTE_VERSION.
 * @entry:    PVLINK_ENTRY_* bits this backend can run under; at least one.
 * @priority: larger wins among matching backends (signed).
 * @name:     the backend's name, NUL-padded; what pvlink=<name> selects.
 * @requires: name of the backend this one sits on, or all NULs.
 * @cpuid:    hypervisor signature required at leaf 0x40000000, or all
 *            NULs for "any".
 *
 * 84 bytes, little-endian, no implicit padding.
 */
struct pvlink_backend_desc {
	u16 version;
	u16 entry;
	s32 priority;
	char name[PVLINK_NAME_MAX];
	char requires[PVLINK_NAME_MAX];
	char cpuid[PVLINK_CPUID_SIG_LEN];
};

/**
 * struct pvlink_backend_note - the whole ELF note (gABI "Note Section")
 * @namesz: sizeof(PVLINK_NOTE_OWNER), 7.
 * @descsz: sizeof(struct pvlink_backend_desc).
 * @type:   PVLINK_NOTE_BACKEND.
 * @owner:  "pvlink", NUL-padded to a 4-byte boundary.
 * @desc:   the descriptor.
 */
struct pvlink_backend_note {
	u32 namesz;
	u32 descsz;
	u32 type;
	char owner[8];
	struct pvlink_backend_desc desc;
};

/**
 * PVLINK_BACKEND_NAMED() - declare the backend this object is, by name
 * @id:    an identifier for the backend, unique in its object (e.g. xen_pv).
 * @bname: the backend's name, a string literal (e.g. "xen-pv"): what the
 *         note, the image, "pvlink=<name>" and the messages call it.  At
 *         most PVLINK_IMAGE_NAME_MAX characters from [a-z0-9_-].
 * @...:   designated initialisers of struct pvlink_backend_desc
 *         (.entry, .priority, .requires, .cpuid).
 *
 * Use once per backend, in its own file.  A note section is metadata:
 * the linker core never loads it.  A name with a '-' is not a C
 * identifier: its PVLINK_BACKEND_INIT() uses @id, which is the name with
 * every '-' made '_'.
 */
#define PVLINK_BACKEND_NAMED(id, bname, ...)				\
	static const struct pvlink_backend_note				\
	__pvlink_backend_##id						\
	__attribute__((section(PVLINK_NOTE_SECTION), used, aligned(4))) = { \
		.namesz = sizeof(PVLINK_NOTE_OWNER),			\
		.descsz = sizeof(struct pvlink_backend_desc),		\
		.type = PVLINK_NOTE_BACKEND,				\
		.owner = PVLINK_NOTE_OWNER,				\
		.desc = {						\
			.version = PVLINK_NOTE_VERSION,			\
			.name = bname,					\
			__VA_ARGS__					\
		},							\
	}

/**
 * PVLINK_BACKEND() - declare the backend this object is
 * @bname: the backend's name, an identifier (e.g. native).
 * @...:   designated initialisers of struct pvlink_backend_desc.
 *
 * PVLINK_BACKEND_NAMED(@bname, "@bname", ...): for names that are C
 * identifiers.
 */
#define PVLINK_BACKEND(bname, ...)					\
	PVLINK_BACKEND_NAMED(bname, #bname, __VA_ARGS__)

/*
 * A backend's set-up, run by the boot-time link: the symbol it defines is
 * PVLINK_BACKEND_INIT_PREFIX followed by the backend's name with every
 * '-' made '_' ("xen-pv": pvlink_backend_init_xen_pv).
 */
#define PVLINK_BACKEND_INIT_PREFIX	"pvlink_backend_init_"

/**
 * PVLINK_BACKEND_INIT() - define the set-up function of backend @id
 * @id: the backend's name with every '-' made '_' (the @id of its
 *      PVLINK_BACKEND_NAMED()).
 *
 * Expands to the header of the definition
 * ``int pvlink_backend_init_<id>(struct boot_info *bi)``; write the body
 * after it::
 *
 *	PVLINK_BACKEND_INIT(xen_pv)
 *	{
 *		...
 *		return 0;
 *	}
 *
 * Optional.  When the stack the boot-time link chose has backends with
 * an init, the kernel calls each once, bottom of the stack first, with
 * the kernel's struct boot_info:
 *
 *  - after the stack is linked and every pv-op was found in it, and
 *    before any pv-op call site of the kernel is patched or the stack's
 *    pv-ops are installed;
 *  - on the boot CPU, interrupts (events) off, the page allocator up
 *    (alloc_pages() works), percpu areas not yet set up (no percpu
 *    access);
 *  - the kernel's pv-ops are not usable (under Xen PV none exist yet;
 *    natively the built-in native ones may be installed): the init calls
 *    its own stack's functions, which resolve inside the stack (pv_*
 *    too), and kernel exports that use no pv-op (printk writes through
 *    the entry's early console).
 *
 * Return: 0 on success, or a negative error number: the stack is then
 * refused ("stack S: backend B's init failed (error N)") and the kernel
 * falls back where it can.  So the init prints its own detail first and
 * leaves the platform as it found it where it can; the inits of the
 * backends below it have run and are not undone.
 */
#define PVLINK_BACKEND_INIT(id)						\
	int pvlink_backend_init_##id(struct boot_info *bi);		\
	int pvlink_backend_init_##id(struct boot_info *bi)

/*
 * Exports: what a backend may resolve against the kernel.  Each
 * PVLINK_EXPORT() leaves the symbol's name in section
 * PVLINK_EXPORT_SECTION of vmlinux; the build turns the list into the
 * hashed struct pvlink_export_table (scripts/pvlink-exports.sh), linked
 * in a second pass like kallsyms.  Nothing else is resolvable.
 *
 * The section is not allocated: it costs no memory at run time.
 * Each record is a NUL-terminated string "<kind><name>" where kind is
 * 'F' (function or data) or 'P' (percpu variable).
 */
#define PVLINK_EXPORT_SECTION	".pvlink.exports"

#define __PVLINK_EXPORT(sym, kind)					\
	asm(".pushsection " PVLINK_EXPORT_SECTION ", \"\", @progbits\n\t" \
	    ".asciz \"" kind #sym "\"\n\t"				\
	    ".popsection")

/** PVLINK_EXPORT() - let backends call or read @sym (a global). */
#define PVLINK_EXPORT(sym)		__PVLINK_EXPORT(sym, "F")
/** PVLINK_EXPORT_PERCPU() - let backends use percpu variable @var. */
#define PVLINK_EXPORT_PERCPU(var)	__PVLINK_EXPORT(var, "P")

/* The table the build generates (empty in the first link pass). */
extern const struct pvlink_export_table pvlink_kernel_exports;

/*
 * The site table: every reference the kernel makes to a pv-op, found by
 * scripts/pvlink-tables.py in the relocations vmlinux keeps
 * (--emit-relocs) and linked in like the export table.  The boot-time
 * link patches each call/jmp site into a direct call to the backend (or
 * its inlined body).  Sorted by address.
 */
#define PVLINK_SITE_CALL	0	/* e8 rel32: call pv_<op> */
#define PVLINK_SITE_JMP		1	/* e9 rel32: tail call */
#define PVLINK_SITE_OTHER	2	/* any other use, e.g. taking the address */

/**
 * struct pvlink_site - one reference to a pv-op
 * @addr:  address of the relocated field (for call/jmp: the rel32, one
 *         byte after the opcode).
 * @pvop:  index of the pv-op in the PV_OPS() list (asm/pvops.h).
 * @type:  x86-64 relocation type of the reference (psABI).
 * @form:  PVLINK_SITE_*.
 * @reserved: 0.
 */
struct pvlink_site {
	u64 addr;
	u32 pvop;
	u8 type;
	u8 form;
	u16 reserved;
};

/* u32 count, u32 0, then count entries. */
struct pvlink_site_table {
	u32 nr_sites;
	u32 reserved;
	struct pvlink_site sites[];
};
extern const struct pvlink_site_table pvlink_sites;

/**
 * struct pvlink_pvop_entries - where each pv-op's call sites point today
 * @nr:       number of pv-ops (the PV_OPS() list's length).
 * @reserved: 0.
 * @entry:    the address of the kernel's own pv_<op>() entry, in PV_OPS()
 *            order.
 *
 * Generated with the site table, as numbers: a table of pointers in C
 * would itself reference every pv-op, one more site each.  The patcher
 * checks that every call site it rewrites still reaches its op's entry.
 */
struct pvlink_pvop_entries {
	u32 nr;
	u32 reserved;
	u64 entry[];
};
extern const struct pvlink_pvop_entries pvlink_pvop_entries;

/*
 * Reading a pvlink image (Documentation/pvlink.rst ("The image format and the kernel tables")): an "ar"
 * archive whose first member is the index.  Shared by the kernel (which
 * gets the image from the bootloader: untrusted) and pvimage, so both
 * accept exactly the same images.  Never allocates, never writes the image.
 */
#define PVLINK_IMAGE_AR_MAGIC		"!<arch>\n"
#define PVLINK_IMAGE_AR_HDR_SIZE	60
#define PVLINK_IMAGE_IDX_MEMBER		"pvlink.idx"
#define PVLINK_IMAGE_IDX_MAGIC		"PVLNKIDX"
#define PVLINK_IMAGE_IDX_VERSION	1
#define PVLINK_IMAGE_IDX_HDR_SIZE	32
#define PVLINK_IMAGE_IDX_ENT_SIZE	136
#define PVLINK_IMAGE_MAX_BACKENDS	64
/* "<name>.o/" must fit ar's 16-byte name field. */
#define PVLINK_IMAGE_NAME_MAX		13

/**
 * struct pvlink_image_backend - one backend of an image, as its index says
 * @name:     NUL-terminated, 1 to PVLINK_IMAGE_NAME_MAX characters.
 * @requires: NUL-terminated, empty for none.
 * @cpuid:    signature at CPUID 0x40000000, NUL-padded (all NULs: any).
 * @entry:    PVLINK_ENTRY_* mask.
 * @priority: larger wins.
 * @data:     the object's bytes, inside the image.
 * @offset:   their offset in the image.
 * @size:     their size.
 * @digest:   SHA-256 of @data (checked equal to the bytes).
 */
struct pvlink_image_backend {
	char name[PVLINK_NAME_MAX + 1];
	char requires[PVLINK_NAME_MAX + 1];
	char cpuid[PVLINK_CPUID_SIG_LEN];
	u16 entry;
	s32 priority;
	const u8 *data;
	u64 offset;
	u64 size;
	u8 digest[SHA256_DIGEST_SIZE];
};

/**
 * pvlink_image_read() - check an image and list its backends
 * @img:  the image bytes (any alignment).
 * @size: their size.
 * @b:    room for @max entries, filled in index order (sorted by name).
 * @max:  entries @b holds.
 * @nr:   set to the number of backends on success.
 * @msg:  on failure, what is wrong and where (NUL-terminated).
 * @msglen: size of @msg.
 *
 * Checks the ar magic, the index header and every entry, that each entry
 * names the matching ar member with its exact offset and size, that the
 * SHA-256 of each object equals the index's, and that nothing follows the
 * last member.  It does not check that the backends are allowed for this
 * kernel (compare @digest with the allow-list) or parse the objects.
 *
 * Context: any; reads only @img (hashing every backend once).
 * Return: 0, or -1 with @msg set.
 */
int pvlink_image_read(const void *img, size_t size, struct pvlink_image_backend *b,
		      unsigned int max, unsigned int *nr, char *msg, size_t msglen);

/*
 * The kernel's binding: the SHA-256 of every backend built with this
 * kernel (scripts/pvlink-tables.py, from "pvimage digests").  The
 * boot-time link refuses an image holding any other backend.
 */
struct pvlink_digest_list {
	u32 nr;
	u32 reserved;
	u8 digest[][SHA256_DIGEST_SIZE];
};
extern const struct pvlink_digest_list pvlink_allowed_digests;

/* The boot-time link (kernel/pvlink_boot.c and friends). */
struct boot_info;

/**
 * struct pvlink_platform - what backend selection matches
 * @entry: the one PVLINK_ENTRY_* bit of how the kernel was entered.
 * @cpuid: CPUID 0x40000000 signature, all NUL if there is none.
 */
struct pvlink_platform {
	u32 entry;
	char cpuid[PVLINK_CPUID_SIG_LEN];
};

/**
 * arch_pvlink_platform() - the facts selection matches, from @bi
 * @bi: what the entry path found (it read CPUID: no pv-op is needed).
 * @p:  filled.
 *
 * Context: boot CPU, before pv-ops exist.
 */
void arch_pvlink_platform(const struct boot_info *bi, struct pvlink_platform *p);

/**
 * arch_pvlink_cycles() - a cycle counter that needs no pv-op
 *
 * For timing the boot-time link (the TSC on x86); converted to time
 * once a clock exists.
 */
u64 arch_pvlink_cycles(void);

/* Longest stack name: every name and a '+' between them. */
#define PVLINK_STACK_NAME_MAX	(PVLINK_MAX_OBJECTS * (PVLINK_NAME_MAX + 1))
#define PVLINK_REASON_MAX	(PVLINK_MSG_MAX + 128)

/**
 * struct pvlink_boot_state - what the boot-time link did (resident)
 * @linked:    a backend stack is linked and its pv-ops are installed.
 * @stack:     its name, bottom first ("native+test"); "" if not linked.
 * @image:     the image's name: the module's command line if the loader
 *             gave one, else "the boot module"; "" if there was none.
 * @image_mod: index in boot_info.mod[] of the image, -1 if none.
 * @image_freed: the image's pages went back to the allocator.
 * @reason:    why nothing was linked (what, where); "" when linked.
 * @region:    where each region of the stack lives (@addr: run-time
 *             address; percpu: offset in every CPU's area) and its size.
 * @nr_relocs: relocations applied.
 * @patch:     site counts from arch_pvlink_patch_sites().
 * @link_cycles: arch_pvlink_cycles() spent from reading the image to
 *             installing the pv-ops.
 * @link_us:   the same in microseconds (set by pvlink_boot_finish()).
 * @freed_bytes: memory given back by pvlink_boot_finish(): the image,
 *             the percpu template and the kernel's init-only memory.
 */
struct pvlink_boot_state {
	bool linked;
	char stack[PVLINK_STACK_NAME_MAX];
	char image[64];
	int image_mod;
	bool image_freed;
	char reason[PVLINK_REASON_MAX];
	struct {
		u64 addr;
		u64 size;
	} region[PVLINK_NR_REGIONS];
	u64 nr_relocs;
	struct {
		unsigned int sites;
		unsigned int inlined;
		unsigned int direct;
		unsigned int table;
	} patch;
	u64 link_cycles;
	u64 link_us;
	u64 freed_bytes;
};
extern struct pvlink_boot_state pvlink_boot_state;

/**
 * struct pvlink_import - a symbol the kernel takes from the linked stack
 * @name:  the symbol's name.
 * @value: its run-time address, or its percpu offset (PVLINK_SYM_PERCPU
 *         in @flags: use per_cpu_ptr((type *)@value, cpu)).
 * @flags: PVLINK_SYM_* bits.
 * @found: the boot-time link found it; @value is 0 otherwise.
 */
struct pvlink_import {
	const char *name;
	u64 value;
	u32 flags;
	bool found;
};

/*
 * Where PVLINK_IMPORT() records live (inside .data, bounded by the
 * linker script); the boot-time link walks them.
 */
#define PVLINK_IMPORT_SECTION	"pvlink_imports"
extern struct pvlink_import __start_pvlink_imports[], __stop_pvlink_imports[];

/**
 * PVLINK_IMPORT() - ask the boot-time link for a symbol of the stack
 * @var: the struct pvlink_import to define.
 * @sym: the symbol's name, a string ("test_io_delays").
 *
 * For things the kernel wants from the linked stack that are not pv-ops
 * (pv-ops are patched call sites), percpu variables included.  After
 * pvlink_boot(), @var.found says whether the stack defines @sym (a global
 * of any of its objects, the top one winning) and @var.value where.
 * Nothing is found when nothing was linked (no image, fallback,
 * pvlink=off): code using an import must test @var.found.
 *
 *	PVLINK_IMPORT(io_delays, "test_io_delays");
 *	if (io_delays.found)
 *		n = *per_cpu_ptr((unsigned long *)io_delays.value, cpu);
 */
#define PVLINK_IMPORT(var, sym)						\
	struct pvlink_import var					\
	__attribute__((section(PVLINK_IMPORT_SECTION), used, aligned(8))) = { \
		.name = sym,						\
	}

/**
 * pvlink_boot() - install the pv-ops for this platform
 * @bi: what the entry found (modules, command line, entry mode, CPUID).
 *
 * Finds the image among the boot modules, checks that it is bound to
 * this kernel, selects the backend stack (or takes "pvlink=<name>"),
 * links it into pages of its own, patches every pv-op call site to it,
 * installs its pv-ops and fills every PVLINK_IMPORT().  On any error, on
 * "pvlink=off" or without an image, it logs why and installs the
 * built-in native pv-ops where the kernel runs in ring 0.
 * pvlink_boot_state records the outcome.
 *
 * Context: boot CPU, once, before the first pv-op call, interrupts off.
 */
void pvlink_boot(struct boot_info *bi);

/**
 * pvlink_boot_finish() - free the image and the linker, print the summary
 *
 * Gives the image and the kernel's init-only memory (the linker among
 * it) back to the page allocator and prints the one "pvlink: linked"
 * or "pvlink: not linked" line.
 *
 * Context: boot CPU, once, at the end of boot, after the other CPUs
 * have started; no init-only code or data may be used afterwards.
 */
void pvlink_boot_finish(void);

#endif /* _LINUX_PVLINK_H */
