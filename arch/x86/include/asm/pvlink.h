/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86-64 hooks of the pvlink core (kernel/pvlink.c).
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
#include <linux/pvlink.h>

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
 * struct pvlink_patch_stats - what arch_pvlink_patch_sites() did
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
 * arch_pvlink_patch_sites() - point every pv-op site at the linked stack
 * @ctx: a context on which pvlink_link() succeeded; its objects (the
 *       image) are still readable.
 * @st:  filled with what was done.
 * @msg: on failure, what is wrong and where (site address, pv-op).
 * @len: size of @msg.
 *
 * Checks every site of pvlink_sites first and writes nothing if one
 * cannot be patched; then rewrites the sites and serialises.
 *
 * Context: boot CPU, before any other CPU runs, kernel text writable.
 * Return: 0, or -1 with @msg set.
 */
int arch_pvlink_patch_sites(const struct pvlink_ctx *ctx,
			    struct pvlink_patch_stats *st, char *msg, size_t len);

#endif /* _ASM_X86_PVLINK_H */
