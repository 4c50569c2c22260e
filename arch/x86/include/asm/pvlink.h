/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86-64 hooks of the pvlink library (lib/pvlink/) and of the boot-time
 * link (kernel/pvlink.c): the relocation table and the call-site patcher.
 *
 * Hooks follow the kexec purgatory pattern: every hook this header
 * provides is also defined as a macro of its own name, so the core sees
 * at compile time which optional hooks the arch supplies and uses its
 * own default for the rest.  No weak symbols are involved.
 *
 * Relocation numbers and formulas: System V x86-64 psABI, section 4.4
 * ("Relocation Types"), and Appendix B.2 for the GOTPCRELX relaxations.
 */
#ifndef _ASM_X86_PVLINK_H
#define _ASM_X86_PVLINK_H

#include <linux/types.h>
#include <linux/elf.h>
#include <linux/pvlink_lib.h>

#define PVLINK_ELF_MACHINE	EM_X86_64

/* psABI table 4.10 (numbers the core may meet; not all are supported) */
#define R_X86_64_NONE		0
#define R_X86_64_64		1
#define R_X86_64_PC32		2
#define R_X86_64_GOT32		3
#define R_X86_64_PLT32		4
#define R_X86_64_COPY		5
#define R_X86_64_GLOB_DAT	6
#define R_X86_64_JUMP_SLOT	7
#define R_X86_64_RELATIVE	8
#define R_X86_64_GOTPCREL	9
#define R_X86_64_32		10
#define R_X86_64_32S		11
#define R_X86_64_16		12
#define R_X86_64_PC16		13
#define R_X86_64_8		14
#define R_X86_64_PC8		15
#define R_X86_64_TPOFF32	23
#define R_X86_64_PC64		24
#define R_X86_64_GOTOFF64	25
#define R_X86_64_GOTPC32	26
#define R_X86_64_SIZE32		32
#define R_X86_64_SIZE64		33
#define R_X86_64_GOTPCRELX	41
#define R_X86_64_REX_GOTPCRELX	42
#define R_X86_64_NUM		43

/* struct pvlink_howto.flags */
#define PVLINK_HOWTO_PC		0x01	/* field holds value - P */
#define PVLINK_HOWTO_GOT	0x02	/* S is the symbol's GOT slot */
#define PVLINK_HOWTO_SIGNED	0x04	/* value must fit sign-extended */
#define PVLINK_HOWTO_UNSIGNED	0x08	/* value must fit zero-extended */
#define PVLINK_HOWTO_RELAX	0x10	/* GOT use may be relaxed (psABI B.2) */

/**
 * struct pvlink_howto - how one relocation type is computed and checked
 * @name:  psABI name, for messages.
 * @width: field size in bytes (0 for R_X86_64_NONE).
 * @flags: PVLINK_HOWTO_* bits.
 */
struct pvlink_howto {
	const char *name;
	u8 width;
	u8 flags;
};

/**
 * struct pvlink_reloc - one relocation, with every input resolved
 * @type:   ELF64_R_TYPE(r_info).
 * @loc:    staging address of the relocated field (unused in a dry run).
 * @orig:   the field in the unrelocated object: instruction bytes before
 *          it are read from here, never from staging memory.
 * @place:  run-time address of the field (P).
 * @sym:    run-time value of the symbol (S).
 * @addend: r_addend (A).
 * @got:    run-time address of the symbol's GOT slot (GOT-relative types).
 * @relax:  the instruction is one GNU ld would rewrite not to use the GOT
 *          (arch_pvlink_relaxable() said so).
 * @dry_run: compute and check only; write nothing.
 */
struct pvlink_reloc {
	u32 type;
	u8 *loc;
	const u8 *orig;
	u64 place;
	u64 sym;
	s64 addend;
	u64 got;
	bool relax;
	bool dry_run;
};

/**
 * arch_pvlink_howto() - look a relocation type up in the arch table
 * @type: ELF64_R_TYPE(r_info).
 *
 * Return: the table row, or NULL if the type is not supported.
 */
const struct pvlink_howto *arch_pvlink_howto(u32 type);
#define arch_pvlink_howto arch_pvlink_howto

/**
 * arch_pvlink_relaxable() - is this GOT-relative field in an instruction
 *                           that can be rewritten not to use the GOT?
 * @type:   relocation type (a PVLINK_HOWTO_RELAX one).
 * @sec:    the unrelocated bytes of the section holding the field.
 * @offset: r_offset, already checked to leave room for the field.
 *
 * Reads only the instruction bytes before the field.  Whether the
 * rewrite happens also depends on the final values, so the plan always
 * reserves a GOT slot and arch_pvlink_apply() falls back to it.
 *
 * Return: true if arch_pvlink_apply() may rewrite the instruction.
 */
bool arch_pvlink_relaxable(u32 type, const u8 *sec, u64 offset);
#define arch_pvlink_relaxable arch_pvlink_relaxable

/**
 * arch_pvlink_call_field() - is this 32-bit field the target of a direct
 *                            call or jump?
 * @sec:    the unrelocated bytes of the section holding the field.
 * @offset: the field's offset; the caller checked that 4 bytes fit.
 *
 * Reads only the instruction byte before the field: call rel32 (e8) or
 * jmp rel32 (e9), whose signed field ends the instruction, so that the
 * target is the field's address + 4 + its value.  The percpu rule of
 * backend hooks (lib/pvlink/stack.c) follows such calls.
 *
 * Return: true if the byte before @offset is one of those opcodes.
 */
bool arch_pvlink_call_field(const u8 *sec, u64 offset);
#define arch_pvlink_call_field arch_pvlink_call_field

/**
 * arch_pvlink_apply() - compute, check and write one relocation
 * @howto: the type's table row.
 * @r:     the resolved relocation.
 *
 * The one place relocation arithmetic happens.  A relaxable GOT
 * relocation whose direct forms would overflow falls back to the GOT
 * slot, as GNU ld does.  The decision depends only on the resolved values
 * and the unrelocated object, so a dry run (@r->dry_run) gives the same
 * answer as the real one: the core runs every relocation dry first and
 * writes only if all of them fit.
 *
 * Return: PVLINK_OK or PVLINK_E_RELA_OVERFLOW (nothing is written).
 */
enum pvlink_err arch_pvlink_apply(const struct pvlink_howto *howto,
				  const struct pvlink_reloc *r);
#define arch_pvlink_apply arch_pvlink_apply

/**
 * struct pvlink_patch_stats - what arch_pvlink_patch_write() did
 * @sites:   entries in the kernel's site table.
 * @inlined: call sites replaced by the backend's inline body (+ NOPs).
 * @direct:  call/jmp sites retargeted to the backend's function.
 * @table:   sites left calling the kernel's pv_<op>() entry, which
 *           dispatches through the pv-op table (for example a use that
 *           takes the address of a pv-op).
 */
struct pvlink_patch_stats {
	unsigned int sites;
	unsigned int inlined;
	unsigned int direct;
	unsigned int table;
};

/**
 * arch_pvlink_patch_check() - check that every pv-op site can be patched
 * @ctx: a context on which pvlink_link() succeeded; its objects (the
 *       image) are still readable.
 * @st:  filled with what patching would do.
 * @msg: on failure, what is wrong and where (site address, pv-op, record).
 * @len: size of @msg.
 *
 * Every check of patching, and nothing written: the stack's inline
 * records, the site table's shape, and every site of pvlink_sites against
 * the kernel's text and the stack.  The boot-time link runs it before any
 * backend's init, so that no check can fail after an init has run.
 *
 * Context: boot CPU, before any other CPU runs.
 * Return: 0, or -1 with @msg set.
 */
int arch_pvlink_patch_check(const struct pvlink_ctx *ctx,
			    struct pvlink_patch_stats *st, char *msg, size_t len);

/**
 * arch_pvlink_patch_write() - rewrite every pv-op site, then serialise
 * @ctx: the context arch_pvlink_patch_check() passed.
 * @st:  filled with what was done.
 *
 * Cannot fail: it writes what the check decided, from the same inputs
 * (the kernel's text and the linked stack, which nothing changes in
 * between).
 *
 * Context: boot CPU, before any other CPU runs, kernel text writable.
 */
void arch_pvlink_patch_write(const struct pvlink_ctx *ctx, struct pvlink_patch_stats *st);

/* What a body replaces (PVLINK_INLINE(), <asm/pvlink_backend.h>). */
#define PVLINK_CALL_SIZE	5	/* e8/e9 and rel32: what a body replaces */
#define PVLINK_OPCODE_CALL	0xe8	/* call rel32 (SDM vol. 2A, CALL) */
#define PVLINK_OPCODE_JMP	0xe9	/* jmp rel32 (SDM vol. 2A, JMP) */

/**
 * enum pvlink_patch_err - why a site or an inline record was refused
 *
 * Every check of arch_pvlink_patch_check() has its own code;
 * pvlink_patch_strerror() describes it and the message names the site
 * (address, function, pv-op) or the record (object, offset).
 */
enum pvlink_patch_err {
	PVLINK_PATCH_OK = 0,
	/* the site table */
	PVLINK_PATCH_E_TABLE,		/* reserved field not 0, or unknown form */
	PVLINK_PATCH_E_ORDER,		/* sites not sorted, or two overlap */
	PVLINK_PATCH_E_OP,		/* pv-op index beyond the PV_OPS() list */
	PVLINK_PATCH_E_RELTYPE,		/* call/jmp with a type other than PC32/PLT32 */
	/* one site against the kernel and the linked stack */
	PVLINK_PATCH_E_TEXT,		/* call/jmp site outside the kernel's text */
	PVLINK_PATCH_E_OPCODE,		/* byte before the field is not e8/e9 */
	PVLINK_PATCH_E_TARGET,		/* rel32 does not reach the kernel's pv_<op> */
	PVLINK_PATCH_E_UNRESOLVED,	/* the linked stack does not define the op */
	PVLINK_PATCH_E_OVERFLOW,	/* the backend function is out of rel32 reach */
	PVLINK_PATCH_E_NOT_FUNC,	/* the stack's pv_<op> is not a function in its text */
	/* inline records (untrusted, like the rest of the image) */
	PVLINK_PATCH_E_INL_ELF,		/* the object's section table is unreadable */
	PVLINK_PATCH_E_INL_SECTION,	/* allocated, not PROGBITS, or twice */
	PVLINK_PATCH_E_INL_TRUNC,	/* a record runs past the section's end */
	PVLINK_PATCH_E_INL_NAME,	/* a record names no pv-op */
	PVLINK_PATCH_E_INL_LEN,		/* body empty or above PVLINK_INLINE_MAX */
	PVLINK_PATCH_E_INL_DUP,		/* two records for one pv-op */
	PVLINK_PATCH_E_INL_ORPHAN,	/* a body for an op its object does not define */
	PVLINK_PATCH_E_NR
};

/**
 * enum pvlink_patched_kind - what a site became
 * @PVLINK_PATCHED_INLINE: the backend's body and NOPs replace the call.
 * @PVLINK_PATCHED_DIRECT:  the call/jmp goes straight to the backend.
 * @PVLINK_PATCHED_TABLE:   unchanged: it still uses the kernel's pv_<op>(),
 *                       which dispatches through the pv-op table.
 */
enum pvlink_patched_kind {
	PVLINK_PATCHED_INLINE,
	PVLINK_PATCHED_DIRECT,
	PVLINK_PATCHED_TABLE,
};

/**
 * struct pvlink_inline_body - one record's body
 * @bytes: the instructions (inside the object), NULL if there is none.
 * @len:   their length, 1 .. PVLINK_INLINE_MAX (0 if none).
 */
struct pvlink_inline_body {
	const u8 *bytes;
	u32 len;
};

/**
 * struct pvlink_patch_op - one pv-op, as the patcher sees it
 * @entry:    address of the kernel's own pv_<op>(), which every call site
 *            calls before patching.
 * @target:   address of the linked stack's pv_<op> (if @resolved).
 * @resolved: the stack defines pv_<op>.
 * @body:     the inline record of the object defining it, if any.
 */
struct pvlink_patch_op {
	u64 entry;
	u64 target;
	bool resolved;
	struct pvlink_inline_body body;
};

/**
 * struct pvlink_text_range - kernel text that sites may lie in
 * @start: first address.
 * @end:   one past the last.
 * @mem:   where those bytes can be read and written (the kernel: @start
 *         itself; a host test: its buffer).
 */
struct pvlink_text_range {
	u64 start;
	u64 end;
	u8 *mem;
};

/**
 * struct pvlink_patch_env - everything one patching run uses
 * @sites:    the site table's entries, sorted by address.
 * @nr_sites: how many.
 * @ops:      one entry per pv-op, in PV_OPS() order.
 * @names:    the pv-op names (without "pv_"), same order.
 * @nr_ops:   how many pv-ops.
 * @text:     the text ranges sites may lie in.
 * @nr_text:  how many.
 * @func_of:  names the function containing an address (and the offset
 *            in it) for messages, or returns NULL; may itself be NULL.
 */
struct pvlink_patch_env {
	const struct pvlink_site *sites;
	u32 nr_sites;
	const struct pvlink_patch_op *ops;
	const char *const *names;
	u32 nr_ops;
	const struct pvlink_text_range *text;
	u32 nr_text;
	const char *(*func_of)(u64 addr, u64 *offset);
};

/*
 * The pure part of patching (arch/x86/pvlink/patch_site.c,
 * patch_resolve.c and patch_inline.c): no global state, no kernel service, so that the host
 * tests (tools/testing/pvlink/patch/) run exactly this code.
 */

/**
 * pvlink_nop_fill() - fill bytes with the recommended NOP forms
 * @p: where.
 * @n: how many, 0 .. PVLINK_CALL_SIZE.
 *
 * One instruction for the whole gap: 90, 66 90, 0f 1f 00, 0f 1f 40 00 or
 * 0f 1f 44 00 00 (Intel SDM vol. 2B, NOP, "Recommended Multi-Byte
 * Sequence of NOP Instruction").
 */
void pvlink_nop_fill(u8 *p, unsigned int n);

/**
 * pvlink_site_decide() - compute what one site becomes
 * @site: the site.
 * @cur:  its current PVLINK_CALL_SIZE bytes from the opcode byte
 *        (@site->addr - 1) for a call/jmp; unused (may be NULL) otherwise.
 * @op:   the site's pv-op.
 * @out:  filled with the new PVLINK_CALL_SIZE bytes for a call/jmp.
 * @kind: set to an enum pvlink_patched_kind.
 *
 * Checks the opcode, that the call reaches @op->entry today, that the op
 * is resolved and the new rel32 fits; it does not check the address range
 * or the table's shape (pvlink_patch_apply() does).  A body is inlined
 * only into a PLT32 call: a PC32 one may be GNU ld's "addr32 call"
 * (67 e8), whose prefix would then apply to the body.
 *
 * Return: PVLINK_PATCH_OK or the check that failed.
 */
enum pvlink_patch_err pvlink_site_decide(const struct pvlink_site *site, const u8 *cur,
					 const struct pvlink_patch_op *op, u8 *out,
					 unsigned int *kind);

/**
 * pvlink_patch_check() - check every site, write nothing
 * @env: the sites, the pv-ops and the text.
 * @st:  counts of what writing would do.
 * @msg: on failure, what is wrong, where and what to do.
 * @len: size of @msg.
 *
 * Return: PVLINK_PATCH_OK or the first failed check.
 */
enum pvlink_patch_err pvlink_patch_check(const struct pvlink_patch_env *env,
					 struct pvlink_patch_stats *st, char *msg,
					 size_t len);

/**
 * pvlink_patch_write() - rewrite every site pvlink_patch_check() passed
 * @env: the same as pvlink_patch_check()'s, unchanged since.
 * @st:  counts of what was done.
 * @msg: on failure (only if @env changed since the check), why.
 * @len: size of @msg.
 *
 * Return: PVLINK_PATCH_OK, or a failed check if @env changed.
 */
enum pvlink_patch_err pvlink_patch_write(const struct pvlink_patch_env *env,
					 struct pvlink_patch_stats *st, char *msg,
					 size_t len);

/**
 * pvlink_patch_apply() - check every site, then rewrite them all
 * @env: the sites, the pv-ops and the text.
 * @st:  counts of what was done (also on failure: what would have been).
 * @msg: on failure, what is wrong, where and what to do.
 * @len: size of @msg.
 *
 * Nothing is written unless every site passes every check.  The caller
 * serialises afterwards.
 *
 * Return: PVLINK_PATCH_OK or the first failed check.
 */
enum pvlink_patch_err pvlink_patch_apply(const struct pvlink_patch_env *env,
					 struct pvlink_patch_stats *st, char *msg,
					 size_t len);

/**
 * pvlink_patch_resolve() - each pv-op's target and inline body
 * @ctx:     a context on which pvlink_link() succeeded (objects readable).
 * @names:   the pv-op names (without "pv_"), PV_OPS() order.
 * @entries: the kernel's pv_<op>() addresses, same order.
 * @nr_ops:  how many.
 * @ops:     filled, one per pv-op; an op the stack does not define is
 *           left unresolved (an error at its first site).
 * @msg:     on failure, the backend and what is wrong.
 * @len:     size of @msg.
 *
 * Checks every object's inline records, looks every pv_<op> up (the
 * topmost definition wins) and takes the body from the defining object.
 * A body in an object above the definition (so that object does not
 * define the op) is an error: its author expects it to be used.
 *
 * Return: PVLINK_PATCH_OK, PVLINK_PATCH_E_NOT_FUNC, or a record error.
 */
enum pvlink_patch_err pvlink_patch_resolve(const struct pvlink_ctx *ctx,
					   const char *const *names, const u64 *entries,
					   u32 nr_ops, struct pvlink_patch_op *ops,
					   char *msg, size_t len);

/**
 * pvlink_inline_section() - find an object's inline records
 * @obj:  an ELF64 object (already validated by the linker core; checked
 *        again here, as the section's bytes are read).
 * @size: its size.
 * @sec:  set to the section's bytes, or NULL if the object has none.
 * @secsize: set to its size.
 * @msg:  on failure, what is wrong.
 * @len:  size of @msg.
 *
 * Return: PVLINK_PATCH_OK, PVLINK_PATCH_E_INL_ELF or PVLINK_PATCH_E_INL_SECTION.
 */
enum pvlink_patch_err pvlink_inline_section(const void *obj, u64 size, const u8 **sec,
					    u64 *secsize, char *msg, size_t len);

/**
 * pvlink_inline_check() - validate every record of a section
 * @sec:    the section's bytes.
 * @size:   their size.
 * @names:  the pv-op names (without "pv_").
 * @nr_ops: how many.
 * @msg:    on failure, the record's offset and what is wrong.
 * @len:    size of @msg.
 *
 * Return: PVLINK_PATCH_OK or one of the PVLINK_PATCH_E_INL_* codes.
 */
enum pvlink_patch_err pvlink_inline_check(const u8 *sec, u64 size,
					  const char *const *names, u32 nr_ops,
					  char *msg, size_t len);

/**
 * pvlink_inline_find() - the body a checked section holds for one op
 * @sec:  a section pvlink_inline_check() accepted (or NULL).
 * @size: its size.
 * @name: the pv-op name (without "pv_").
 * @body: filled; {NULL, 0} if there is no record for @name.
 */
void pvlink_inline_find(const u8 *sec, u64 size, const char *name,
			struct pvlink_inline_body *body);

/** pvlink_patch_strerror() - one line describing @err; never NULL. */
const char *pvlink_patch_strerror(enum pvlink_patch_err err);

/**
 * struct pvlink_patched_op - what patching chose for one pv-op
 * @target:   the linked stack's pv_<op>: where direct calls now go.
 * @obj:      the object defining it (index into pvlink_patch_result.objs).
 * @body_len: length of the body inlined at call sites (0: direct calls).
 * @body:     that body.
 */
struct pvlink_patched_op {
	u64 target;
	u8 obj;
	u8 body_len;
	u8 body[PVLINK_CALL_SIZE];
};

/**
 * struct pvlink_patch_result - what the boot's patching did, for self-tests
 * @done:      arch_pvlink_patch_sites() succeeded (false: nothing linked,
 *             or the kernel fell back to its built-in pv-ops).
 * @st:        its counts.
 * @text:      the linked stack's text region (address).
 * @text_size: its size.
 * @nr_objs:   objects in the stack.
 * @objs:      their names, bottom first.
 * @nr_ops:    entries in @ops (the pv-ops, PV_OPS() order).
 * @ops:       per pv-op; valid when @done.
 */
struct pvlink_patch_result {
	bool done;
	struct pvlink_patch_stats st;
	u64 text;
	u64 text_size;
	u32 nr_objs;
	char objs[PVLINK_MAX_OBJECTS][PVLINK_NAME_MAX];
	u32 nr_ops;
	const struct pvlink_patched_op *ops;
};
extern struct pvlink_patch_result pvlink_patch_result;
/* Its @ops: one per pv-op (arch/x86/pvlink/patch_result.c, resident). */
extern struct pvlink_patched_op pvlink_patched_ops[];

#endif /* _ASM_X86_PVLINK_H */
