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
 * The library (lib/pvlink/, its sources listed once in
 * lib/pvlink/sources.mk) is compiled unchanged into the kernel
 * (freestanding, before any allocator exists), into the pvimage host tool
 * and into the host tests.
 * The design and the numbered list of validation checks are in
 * Documentation/pvlink.rst.
 */
#ifndef _LINUX_PVLINK_LIB_H
#define _LINUX_PVLINK_LIB_H

#include <linux/types.h>
#include <linux/pvlink_abi.h>

/* Limits.  Every one is checked; exceeding one is an error, never a clamp. */
#define PVLINK_MAX_OBJECTS	8u	/* objects in one stack */
#define PVLINK_MAX_SECTIONS	4096	/* e_shnum cap per object */
#define PVLINK_MAX_ALIGN	4096	/* sh_addralign cap: one page */
#define PVLINK_MSG_MAX		384	/* error message buffer, NUL included */
/* Room for one object's private parsed view (lib/pvlink/internal.h). */
#define PVLINK_OBJ_WORDS	28

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
 *         caller may set it equal to @addr.  May be NULL when @size is 0,
 *         and for PVLINK_BSS, which the link only zeroes (nothing is ever
 *         copied or relocated into bss): then the caller zeroes it at
 *         @addr itself, and a host tool need not hold it in memory.
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

	/* private: lib/pvlink/internal.h */
	unsigned int state;
	void *work;
	u64 priv[PVLINK_MAX_OBJECTS][PVLINK_OBJ_WORDS];
};

/**
 * pvlink_init() - prepare a context for one link
 * @ctx:         the context; fully overwritten.
 * @objs:        @nr_objs objects, bottom of the stack first.  The array and
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
 * Runs the validation list on every object (headers, sections, strings,
 * symbols, relocations) and fills @ctx->region[].size/.align and
 * @ctx->work_size.  The rules that need an index of names (a global name
 * once per object, every undefined global resolved) are pvlink_link()'s
 * first step, in the workspace sized here.
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
 * Assigns every section its address, indexes every object's global names
 * (refusing a name defined twice, or both defined and undefined, in one
 * object), resolves every symbol to its final value (refusing an
 * undefined one found nowhere), computes and checks every relocation
 * without writing (so every
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
 * pvlink_object_counts() - how many sections and symbols object @obj has
 * @ctx:         a context on which pvlink_plan() succeeded.
 * @obj:         object index.
 * @nr_sections: set to its sections, section 0 included.
 * @nr_symbols:  set to its symbols, the null symbol included.
 *
 * For walking an object with pvlink_section() and pvlink_global().
 *
 * Context: any.
 * Return: PVLINK_OK, PVLINK_E_ARG for a bad index, or PVLINK_E_STATE.
 */
enum pvlink_err pvlink_object_counts(const struct pvlink_ctx *ctx, unsigned int obj,
				     u32 *nr_sections, u32 *nr_symbols);

/**
 * pvlink_global() - symbol @i of object @obj, if others can see it
 * @ctx:  a context on which pvlink_link() succeeded.
 * @obj:  object index.
 * @i:    symbol index in that object.
 * @name: set to the symbol's name (inside the object).
 * @sym:  filled with its linked value, as pvlink_lookup() gives it.
 *
 * Only a global or weak definition that is not hidden, in a loaded
 * section or absolute, is found: what the objects above and
 * pvlink_lookup() can resolve to.  An upper object's definition of the
 * same name still wins in pvlink_lookup().
 *
 * Context: any.
 * Return: PVLINK_OK, PVLINK_E_NOT_FOUND for any other symbol, PVLINK_E_ARG
 * for a bad index, or PVLINK_E_STATE before a link.
 */
enum pvlink_err pvlink_global(const struct pvlink_ctx *ctx, unsigned int obj, u32 i,
			      const char **name, struct pvlink_symbol *sym);

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
 * Reading a pvlink image (Documentation/pvlink.rst, "The image format and
 * the kernel tables").  Shared by the kernel (which gets the image from
 * the bootloader: untrusted) and pvimage, so both accept exactly the same
 * images.  Never allocates, never writes the image.
 */

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

/**
 * pvlink_backend_name_ok() - a backend name field as the image allows it
 * @p:            the field (a note's or an index entry's @name/@requires).
 * @field:        its size.
 * @may_be_empty: an empty name is allowed (@requires).
 *
 * 1 to PVLINK_IMAGE_NAME_MAX characters of [a-z0-9_-], not starting with
 * '-' (it would read as an option), then NULs to the end of the field.
 *
 * Return: true if the field holds such a name.
 */
bool pvlink_backend_name_ok(const char *p, size_t field, bool may_be_empty);

/**
 * pvlink_backend_bound() - is backend @b one the kernel was built with?
 * @b:          a backend from pvlink_image_read().
 * @digests:    the kernel's allow-list: @nr_digests SHA-256 digests.
 * @nr_digests: how many.
 * @msg:        if not, why and what to do.
 * @len:        size of @msg.
 *
 * The binding (Documentation/pvlink.rst): the boot-time link and
 * "pvimage verify" refuse an image holding any backend that is not.
 *
 * Return: 0, or -1 with @msg set.
 */
int pvlink_backend_bound(const struct pvlink_image_backend *b, const u8 *digests,
			 u32 nr_digests, char *msg, size_t len);

/* The rules of a linked stack (lib/pvlink/stack.c). */

/* Longest stack name: every name and a '+' between them. */
#define PVLINK_STACK_NAME_MAX	(PVLINK_MAX_OBJECTS * (PVLINK_NAME_MAX + 1))

/**
 * pvlink_stack_name() - "native+test": the objects' names, bottom first
 * @objs: the stack, bottom first.
 * @nr:   its objects.
 * @buf:  filled, NUL-terminated.
 * @len:  its size (PVLINK_STACK_NAME_MAX holds any stack).
 *
 * What the boot's messages, pvimage and the boot state call a stack.
 */
void pvlink_stack_name(const struct pvlink_object *objs, unsigned int nr, char *buf,
		       size_t len);

/**
 * pvlink_stack_pvops() - every pv-op the kernel calls, from a linked stack
 * @ctx:   a context on which pvlink_link() succeeded.
 * @syms:  the pv-ops' symbol names ("pv_irq_disable", ...).
 * @nr:    how many.
 * @value: if not NULL, filled with each one's address.
 * @msg:   on failure, the first pv-op the stack lacks, or that is not a
 *         function in its text region.
 * @len:   size of @msg.
 *
 * Context: any.  The boot-time link and "pvimage verify" both call this.
 * Return: 0, or -1 with @msg set.
 */
int pvlink_stack_pvops(const struct pvlink_ctx *ctx, const char *const *syms,
		       unsigned int nr, u64 *value, char *msg, size_t len);

/**
 * pvlink_stack_pvops_hint() - what a stack missing pv-ops probably lacks
 * @ctx:   the stack pvlink_stack_pvops() refused; objects named as their
 *         backends.
 * @b:     the image's backends (pvlink_image_read()).
 * @nr:    how many.
 * @entry: the one PVLINK_ENTRY_* bit the stack was chosen for.
 * @msg:   filled with one line, "hint: ...": the backend the stack's
 *         bottom probably needs as its .requires (one of the image that
 *         sits on none and runs under @entry, else native, or xen-pv
 *         under Xen PV), or that the bottom must define every pv-op.
 * @len:   size of @msg.
 *
 * A backend that overrides a few pv-ops but forgot its .requires is
 * refused for each pv-op it lacks: this says the one likely fix once.
 * The boot-time link and "pvimage verify" both print it after the refusal.
 */
void pvlink_stack_pvops_hint(const struct pvlink_ctx *ctx, const struct pvlink_image_backend *b,
			     unsigned int nr, u32 entry, char *msg, size_t len);

/**
 * pvlink_stack_probes() - each backend's probe, checked
 * @ctx:   a context on which pvlink_link() succeeded; objects named as
 *         their backends.
 * @probe: filled, per object: its PVLINK_BACKEND_PROBE()'s address, or 0.
 * @msg:   on failure: a probe defined by another backend of the stack,
 *         or not a function of the text region, or one that touches
 *         percpu data, itself or in a function it calls (the percpu rule,
 *         lib/pvlink/stack.c: the objects must still be readable).
 * @len:   size of @msg.
 *
 * Context: any.  Runs nothing: the caller runs the probes, bottom first.
 * Return: 0, or -1 with @msg set.
 */
int pvlink_stack_probes(const struct pvlink_ctx *ctx, u64 probe[PVLINK_MAX_OBJECTS],
			char *msg, size_t len);

/**
 * pvlink_stack_inits() - each backend's init and exit, checked
 * @ctx:  a context on which pvlink_link() succeeded; objects named as
 *        their backends.
 * @init: filled, per object: its PVLINK_BACKEND_INIT()'s address, or 0.
 * @undo: filled, per object: its PVLINK_BACKEND_EXIT()'s address, or 0.
 * @msg:  on failure: a hook defined by another backend of the stack, or
 *        not a function of the text region, or an exit without an init,
 *        or an init or exit that touches percpu data (as for probes).
 * @len:  size of @msg.
 *
 * Context: any.  Runs nothing: the caller runs the inits, bottom first.
 * Return: 0, or -1 with @msg set.
 */
int pvlink_stack_inits(const struct pvlink_ctx *ctx, u64 init[PVLINK_MAX_OBJECTS],
		       u64 undo[PVLINK_MAX_OBJECTS], char *msg, size_t len);

/* Choosing the backend stack (lib/pvlink/select.c). */

/**
 * struct pvlink_platform - what backend selection matches
 * @entry: the one PVLINK_ENTRY_* bit of how the kernel was entered.
 * @cpuid: CPUID 0x40000000 signature, all NUL if there is none.
 */
struct pvlink_platform {
	u32 entry;
	char cpuid[PVLINK_CPUID_SIG_LEN];
};

/* Name of one PVLINK_ENTRY_* bit, for messages ("native", "pvh", "xen-pv"). */
const char *pvlink_entry_name(u32 entry);

/**
 * pvlink_select() - choose the backend stack among an image's backends
 * @b:      the image's backends (pvlink_image_read()).
 * @nr:     how many.
 * @p:      the platform.
 * @force:  the "pvlink=<name>" value, or NULL to apply the rules.
 * @stack:  filled with indexes into @b, bottom of the stack first.
 * @depth:  set to the number of entries in @stack.
 * @msg:    on failure, why (NUL-terminated).
 * @len:    size of @msg.
 *
 * Return: 0, or -1 with @msg set.
 */
int pvlink_select(const struct pvlink_image_backend *b, unsigned int nr,
		  const struct pvlink_platform *p, const char *force,
		  unsigned int stack[PVLINK_MAX_OBJECTS], unsigned int *depth,
		  char *msg, size_t len);

/**
 * struct pvlink_candidate - one stack the boot may try
 * @stack: indexes into the image's backends, bottom first.
 * @depth: entries in @stack; 0 when the stack cannot be formed.
 * @why:   when @depth is 0, why (a requires chain that breaks, a backend
 *         that does not run under the entry mode); "" otherwise.
 */
struct pvlink_candidate {
	unsigned int stack[PVLINK_MAX_OBJECTS];
	unsigned int depth;
	char why[PVLINK_MSG_MAX];
};

/* At most one candidate per backend of the image, and pvlink=<name>'s. */
#define PVLINK_MAX_CANDIDATES	(PVLINK_IMAGE_MAX_BACKENDS + 1)

/**
 * pvlink_candidates() - every stack to try on this platform, in order
 * @b:     the image's backends (pvlink_image_read()).
 * @nr:    how many.
 * @p:     the platform.
 * @force: the "pvlink=<name>" value, or NULL.
 * @c:     filled with the candidates, first to try first.
 * @max:   room in @c.
 * @n:     set to the number of candidates.
 * @msg:   when there is none, why (NUL-terminated).
 * @len:   size of @msg.
 *
 * The order: the backend @force names (its entry mode and chain checked,
 * its signature and priority not); then every backend the rules match
 * (entry mode, CPUID signature) with a priority of 0 or more, highest
 * first, a tie going to the first by name; native, at priority 0, comes
 * last of those.  A negative priority is never chosen by the rules: such
 * a backend (test) is linked only when named.  A stack that appeared
 * already is not repeated; one that cannot be formed is kept, with
 * @why, so that the boot can say it was passed over.
 *
 * Return: 0 with at least one candidate that can be formed, or -1 with
 * @msg set (an unknown @force, no backend matching, or none formed: the
 * reason of the first).
 */
int pvlink_candidates(const struct pvlink_image_backend *b, unsigned int nr,
		      const struct pvlink_platform *p, const char *force,
		      struct pvlink_candidate *c, unsigned int max, unsigned int *n,
		      char *msg, size_t len);

/* A CPUID signature as printable text: no NUL padding, odd bytes as '?'. */
void pvlink_sig_text(const char sig[PVLINK_CPUID_SIG_LEN],
		     char out[PVLINK_CPUID_SIG_LEN + 1]);

/* The host tools' readers and writers (lib/pvlink/note.c, export_table.c). */

/**
 * pvlink_backend_note() - read and check a backend's PVLINK_BACKEND() note
 * @sec:  the bytes of the object's PVLINK_NOTE_SECTION.
 * @size: their number.
 * @d:    filled on success; @d->name and @d->requires are NUL-terminated.
 * @msg:  on failure, what is wrong (NUL-terminated).
 * @len:  size of @msg.
 *
 * Exactly one note of owner PVLINK_NOTE_OWNER and type PVLINK_NOTE_BACKEND,
 * of this version, with names the image index accepts and valid entry
 * modes.
 *
 * Return: 0, or -1 with @msg set.
 */
int pvlink_backend_note(const u8 *sec, u64 size, struct pvlink_backend_desc *d,
			char *msg, size_t len);

/**
 * pvlink_export_table_layout() - hash, sort and bucket-index export entries
 * @e:          @n entries with @name, @value and @flags set; their @hash is
 *              filled in and they are reordered by bucket, then by name.
 * @n:          number of entries.
 * @nr_buckets: number of buckets, at least 1.
 * @bucket:     @nr_buckets + 1 indexes, filled in.
 *
 * The one producer of the layout pvlink_export_find() reads: pvimage, the
 * kernel build's tables and the tests all lay their tables out here.
 *
 * Context: any; in place, no allocation.
 */
void pvlink_export_table_layout(struct pvlink_export *e, unsigned int n, u32 nr_buckets,
				u32 *bucket);

#endif /* _LINUX_PVLINK_LIB_H */
