// SPDX-License-Identifier: GPL-2.0
/*
 * x86-64 relocations for the pvlink core: one table, one apply function.
 *
 * Every type the compilers emit for kernel-model (-mcmodel=kernel
 * -fno-pic) objects is a row.  Adding a type is adding a row, unless its
 * formula is new.  Formulas and overflow rules: x86-64 psABI 4.4.1 and
 * table 4.10; "word32" fields of R_X86_64_32 are zero-extended, those of
 * 32S, PC32, PLT32 and GOTPCREL* are sign-extended (psABI: "the
 * calculated value must fit in the field after sign/zero extension").
 */
#include <linux/types.h>
#include <asm/pvlink.h>

#define PC	PVLINK_HOWTO_PC
#define GOT	PVLINK_HOWTO_GOT
#define SGN	PVLINK_HOWTO_SIGNED
#define UNS	PVLINK_HOWTO_UNSIGNED
#define RLX	PVLINK_HOWTO_RELAX

static const struct pvlink_howto x86_howto[R_X86_64_NUM] = {
	[R_X86_64_NONE]		 = { "R_X86_64_NONE",	       0, 0 },
	[R_X86_64_64]		 = { "R_X86_64_64",	       8, 0 },
	[R_X86_64_PC64]		 = { "R_X86_64_PC64",	       8, PC },
	[R_X86_64_32]		 = { "R_X86_64_32",	       4, UNS },
	[R_X86_64_32S]		 = { "R_X86_64_32S",	       4, SGN },
	[R_X86_64_PC32]		 = { "R_X86_64_PC32",	       4, PC | SGN },
	/* No PLT in a static link: L is S (psABI 4.4.1). */
	[R_X86_64_PLT32]	 = { "R_X86_64_PLT32",	       4, PC | SGN },
	[R_X86_64_GOTPCREL]	 = { "R_X86_64_GOTPCREL",      4, PC | SGN | GOT },
	[R_X86_64_GOTPCRELX]	 = { "R_X86_64_GOTPCRELX",     4, PC | SGN | GOT | RLX },
	[R_X86_64_REX_GOTPCRELX] = { "R_X86_64_REX_GOTPCRELX", 4, PC | SGN | GOT | RLX },
};

const struct pvlink_howto *arch_pvlink_howto(u32 type)
{
	if (type >= R_X86_64_NUM || !x86_howto[type].name)
		return NULL;
	return &x86_howto[type];
}

/* Instruction bytes before a GOTPCRELX field (psABI B.2) */
#define X86_OP_GROUP5		0xff	/* call/jmp r/m64 */
#define X86_MODRM_CALL_RIP	0x15	/* ff /2, mod 00 rm 101 */
#define X86_MODRM_JMP_RIP	0x25	/* ff /4, mod 00 rm 101 */
#define X86_OP_MOV_LOAD		0x8b	/* mov r/m, reg */
#define X86_OP_LEA		0x8d
#define X86_OP_CALL_REL32	0xe8
#define X86_OP_JMP_REL32	0xe9
#define X86_PREFIX_ADDR32	0x67
#define X86_NOP			0x90
#define X86_MODRM_RIP_MASK	0xc7	/* mod and rm bits */
#define X86_MODRM_RIP		0x05	/* mod 00, rm 101: disp32(%rip) */

enum x86_relax_form { X86_RELAX_NONE, X86_RELAX_CALL, X86_RELAX_JMP, X86_RELAX_MOV };

/*
 * Which relaxation applies.  Only the forms that turn a GOT load into a
 * PC-relative reference of the same length are used; the immediate forms
 * (test/binop) stay on the GOT.  A percpu symbol is an offset, not an
 * address, so a PC-relative form would be wrong: it keeps its GOT slot.
 */
static enum x86_relax_form x86_relax_form(u32 type, const u8 *sec, u64 offset,
					  bool percpu)
{
	u8 op, modrm;

	if (percpu || offset < 2)
		return X86_RELAX_NONE;
	op = sec[offset - 2];
	modrm = sec[offset - 1];
	if (type == R_X86_64_GOTPCRELX && op == X86_OP_GROUP5) {
		if (modrm == X86_MODRM_CALL_RIP)
			return X86_RELAX_CALL;
		if (modrm == X86_MODRM_JMP_RIP)
			return X86_RELAX_JMP;
	}
	if (op == X86_OP_MOV_LOAD && (modrm & X86_MODRM_RIP_MASK) == X86_MODRM_RIP)
		return X86_RELAX_MOV;
	return X86_RELAX_NONE;
}

bool arch_pvlink_relaxable(u32 type, const u8 *sec, u64 offset, bool percpu)
{
	return x86_relax_form(type, sec, offset, percpu) != X86_RELAX_NONE;
}

static bool x86_fits(const struct pvlink_howto *howto, u64 v)
{
	if (howto->width != 4)
		return true;
	if (howto->flags & PVLINK_HOWTO_SIGNED)
		return (s64)v == (s64)(s32)(u32)v;
	if (howto->flags & PVLINK_HOWTO_UNSIGNED)
		return v == (u64)(u32)v;
	return true;
}

static void x86_store(u8 *loc, unsigned int width, u64 v)
{
	u32 v32 = (u32)v;

	if (width == 8)
		__builtin_memcpy(loc, &v, 8);
	else if (width == 4)
		__builtin_memcpy(loc, &v32, 4);
}

/*
 * Rewrite a relaxable GOT load into its direct form, as GNU ld does for a
 * non-PIC link: "call *f@GOTPCREL(%rip)" becomes "addr32 call f",
 * "jmp *f@GOTPCREL(%rip)" becomes "jmp f; nop", and "mov v@GOTPCREL(%rip),
 * %reg" becomes "lea v(%rip), %reg".  The jmp form moves its rel32 one
 * byte earlier, so its value is taken from one byte earlier too.
 * Return: false if the direct form would not fit (then the GOT is used).
 */
static bool x86_relax(const struct pvlink_howto *howto, const struct pvlink_reloc *r)
{
	enum x86_relax_form form;
	u8 *insn = r->loc - 2;
	u64 v = r->sym + r->addend - r->place;

	if (!x86_fits(howto, v))
		return false;
	/* Re-derive the form from the still unrelocated opcode bytes. */
	form = x86_relax_form(r->type, insn, 2, false);
	switch (form) {
	case X86_RELAX_CALL:
		insn[0] = X86_PREFIX_ADDR32;
		insn[1] = X86_OP_CALL_REL32;
		x86_store(r->loc, 4, v);
		return true;
	case X86_RELAX_JMP:
		v += 1;
		if (!x86_fits(howto, v))
			return false;
		insn[0] = X86_OP_JMP_REL32;
		x86_store(r->loc - 1, 4, v);
		r->loc[3] = X86_NOP;
		return true;
	case X86_RELAX_MOV:
		insn[0] = X86_OP_LEA;
		x86_store(r->loc, 4, v);
		return true;
	default:
		return false;
	}
}

enum pvlink_err arch_pvlink_apply(const struct pvlink_howto *howto,
				  const struct pvlink_reloc *r)
{
	u64 s = r->sym;
	u64 v;

	if (!howto->width)
		return PVLINK_OK;
	if (howto->flags & PVLINK_HOWTO_GOT) {
		if (r->relax && x86_relax(howto, r))
			return PVLINK_OK;
		s = r->got;
	}
	v = s + (u64)r->addend;
	if (howto->flags & PVLINK_HOWTO_PC)
		v -= r->place;
	if (!x86_fits(howto, v))
		return PVLINK_E_RELA_OVERFLOW;
	x86_store(r->loc, howto->width, v);
	return PVLINK_OK;
}
