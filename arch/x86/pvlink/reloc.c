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
	/* Relaxed as GNU ld does: only mov, to lea (x86_relax_form()). */
	[R_X86_64_GOTPCREL]	 = { "R_X86_64_GOTPCREL",      4, PC | SGN | GOT | RLX },
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
#define X86_OP_TEST		0x85	/* test reg, r/m */
#define X86_OP_BINOP_MASK	0xc7	/* add/or/adc/sbb/and/sub/xor/cmp r/m, reg */
#define X86_OP_BINOP		0x03	/*   are 0x03 + 8 * n */
#define X86_OP_LEA		0x8d
#define X86_OP_MOV_IMM		0xc7	/* mov $imm32, r/m (c7 /0) */
#define X86_OP_TEST_IMM		0xf7	/* test $imm32, r/m (f7 /0) */
#define X86_OP_BINOP_IMM	0x81	/* op $imm32, r/m (81 /n) */
#define X86_OP_CALL_REL32	0xe8
#define X86_OP_JMP_REL32	0xe9
#define X86_PREFIX_ADDR32	0x67
#define X86_NOP			0x90
#define X86_MODRM_RIP_MASK	0xc7	/* mod and rm bits */
#define X86_MODRM_RIP		0x05	/* mod 00, rm 101: disp32(%rip) */
#define X86_MODRM_REG(m)	(((m) >> 3) & 7)
#define X86_MODRM_DIRECT	0xc0	/* mod 11: register operand */
#define X86_REX_MASK		0xf0
#define X86_REX			0x40
#define X86_REX_W		0x08
#define X86_REX_R		0x04
#define X86_REX_B		0x01
/* The displacement of a RIP-relative field ends the instruction: -4. */
#define X86_GOTPCREL_ADDEND	(-4)

enum x86_relax_form {
	X86_RELAX_NONE, X86_RELAX_CALL, X86_RELAX_JMP, X86_RELAX_MOV,
	X86_RELAX_LEA, X86_RELAX_TEST, X86_RELAX_BINOP,
};

/* Which instruction holds a GOTPCRELX field, from the bytes before it. */
static enum x86_relax_form x86_relax_form(u32 type, const u8 *sec, u64 offset)
{
	u8 op, modrm;

	if (offset < 2)
		return X86_RELAX_NONE;
	op = sec[offset - 2];
	modrm = sec[offset - 1];
	if (type == R_X86_64_GOTPCRELX && op == X86_OP_GROUP5) {
		if (modrm == X86_MODRM_CALL_RIP)
			return X86_RELAX_CALL;
		if (modrm == X86_MODRM_JMP_RIP)
			return X86_RELAX_JMP;
		return X86_RELAX_NONE;
	}
	if ((modrm & X86_MODRM_RIP_MASK) != X86_MODRM_RIP)
		return X86_RELAX_NONE;
	/* The plain type promises nothing: GNU ld turns only mov into lea. */
	if (type == R_X86_64_GOTPCREL)
		return op == X86_OP_MOV_LOAD ? X86_RELAX_LEA : X86_RELAX_NONE;
	/* REX_GOTPCRELX promises a REX prefix right before the opcode. */
	if (type == R_X86_64_REX_GOTPCRELX &&
	    (offset < 3 || (sec[offset - 3] & X86_REX_MASK) != X86_REX))
		return X86_RELAX_NONE;
	if (op == X86_OP_MOV_LOAD)
		return X86_RELAX_MOV;
	if (op == X86_OP_TEST)
		return X86_RELAX_TEST;
	if ((op & X86_OP_BINOP_MASK) == X86_OP_BINOP)
		return X86_RELAX_BINOP;
	return X86_RELAX_NONE;
}

bool arch_pvlink_relaxable(u32 type, const u8 *sec, u64 offset)
{
	return x86_relax_form(type, sec, offset) != X86_RELAX_NONE;
}

bool arch_pvlink_call_field(const u8 *sec, u64 offset)
{
	return offset >= 1 && (sec[offset - 1] == X86_OP_CALL_REL32 ||
			       sec[offset - 1] == X86_OP_JMP_REL32);
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

/*
 * What one relocation writes: optionally new instruction bytes in the
 * three bytes before the field (bit i of @op_mask: byte at field - 3 + i),
 * then @value, @width bytes wide, at field + @shift, then optionally a
 * NOP at field + 3.  Deciding fills this; writing is separate, so a dry
 * run can check every relocation before anything is written.
 */
struct x86_edit {
	u8 op[3];
	u8 op_mask;
	s8 shift;
	u8 width;
	bool nop;
	u64 value;
};

#define X86_EDIT_REX	0x1	/* byte at field - 3 */
#define X86_EDIT_OP	0x2	/* byte at field - 2 */
#define X86_EDIT_MODRM	0x4	/* byte at field - 1 */

static void x86_write(u8 *loc, const struct x86_edit *e)
{
	u32 v32 = (u32)e->value;
	int i;

	for (i = 0; i < 3; i++)
		if (e->op_mask & (1u << i))
			loc[i - 3] = e->op[i];
	if (e->width == 8)
		__builtin_memcpy(loc + e->shift, &e->value, 8);
	else if (e->width == 4)
		__builtin_memcpy(loc + e->shift, &v32, 4);
	if (e->nop)
		loc[3] = X86_NOP;
}

/*
 * "op sym@GOTPCREL(%rip), %reg" as "op $sym, %reg": the register moves
 * from ModRM.reg to ModRM.rm, so REX.R becomes REX.B.  The immediate is
 * sign-extended to 64 bits with REX.W (checked as 32S) and is the whole
 * operand without it (checked as 32).
 */
static bool x86_to_imm(const struct pvlink_reloc *r, u8 new_op, u8 digit,
		       struct x86_edit *e)
{
	static const struct pvlink_howto imm32s = { "imm32s", 4, PVLINK_HOWTO_SIGNED };
	static const struct pvlink_howto imm32 = { "imm32", 4, PVLINK_HOWTO_UNSIGNED };
	bool rex = r->type == R_X86_64_REX_GOTPCRELX;
	u8 prefix = rex ? r->orig[-3] : 0;

	if (!x86_fits(rex && (prefix & X86_REX_W) ? &imm32s : &imm32, r->sym))
		return false;
	e->op[0] = prefix & X86_REX_R ? (prefix & ~X86_REX_R) | X86_REX_B : prefix;
	e->op[1] = new_op;
	e->op[2] = X86_MODRM_DIRECT | (digit << 3) | X86_MODRM_REG(r->orig[-1]);
	e->op_mask = (rex ? X86_EDIT_REX : 0) | X86_EDIT_OP | X86_EDIT_MODRM;
	e->value = r->sym;
	return true;
}

/*
 * Avoid the GOT as GNU ld does in a non-PIC link (psABI B.2, and ld's
 * choices so the oracle can compare bytes):
 *   call *f@GOTPCREL(%rip)       -> addr32 call f
 *   jmp *f@GOTPCREL(%rip)        -> jmp f; nop   (rel32 one byte earlier)
 *   mov v@GOTPCREL(%rip), %reg   -> mov $v, %reg        if v fits the
 *                                   immediate (as ld prefers without PIC),
 *                                -> lea v(%rip), %reg   otherwise, if the
 *                                   PC-relative form fits (ld keeps the
 *                                   GOT for an absolute v here: see
 *                                   Documentation/pvlink.rst)
 *   test/binop v@GOTPCREL(%rip), %reg -> test/binop $v, %reg
 * and, for a plain R_X86_64_GOTPCREL, only
 *   mov v@GOTPCREL(%rip), %reg   -> lea v(%rip), %reg   if it fits (ld
 *                                   fails the link where it does not)
 * Only the usual addend (-4) is relaxed: with another one the GOT slot's
 * address, not the symbol's, is offset.  The instruction is read from the
 * unrelocated object, so a dry run and the real run decide alike.
 * Return: false if no direct form fits (then the GOT slot is used).
 */
static bool x86_relax(const struct pvlink_howto *howto, const struct pvlink_reloc *r,
		      struct x86_edit *e)
{
	unsigned int before = r->type == R_X86_64_REX_GOTPCRELX ? 3 : 2;
	u64 v = r->sym + r->addend - r->place;

	if (r->addend != X86_GOTPCREL_ADDEND)
		return false;
	e->value = v;
	switch (x86_relax_form(r->type, r->orig - before, before)) {
	case X86_RELAX_CALL:
		e->op[1] = X86_PREFIX_ADDR32;
		e->op[2] = X86_OP_CALL_REL32;
		e->op_mask = X86_EDIT_OP | X86_EDIT_MODRM;
		return x86_fits(howto, v);
	case X86_RELAX_JMP:
		e->op[1] = X86_OP_JMP_REL32;
		e->op_mask = X86_EDIT_OP;
		e->shift = -1;
		e->value = v + 1;
		e->nop = true;
		return x86_fits(howto, v + 1);
	case X86_RELAX_MOV:
		if (x86_to_imm(r, X86_OP_MOV_IMM, 0, e))
			return true;
		/* fall through */
	case X86_RELAX_LEA:
		e->op[1] = X86_OP_LEA;
		e->op_mask = X86_EDIT_OP;
		e->value = v;
		return x86_fits(howto, v);
	case X86_RELAX_TEST:
		return x86_to_imm(r, X86_OP_TEST_IMM, 0, e);
	case X86_RELAX_BINOP:
		return x86_to_imm(r, X86_OP_BINOP_IMM, X86_MODRM_REG(r->orig[-2]), e);
	default:
		return false;
	}
}

enum pvlink_err arch_pvlink_apply(const struct pvlink_howto *howto,
				  const struct pvlink_reloc *r)
{
	struct x86_edit e = { .width = howto->width };
	u64 s = r->sym;

	if (!howto->width)
		return PVLINK_OK;
	if ((howto->flags & PVLINK_HOWTO_GOT) && r->relax && x86_relax(howto, r, &e))
		goto write;
	if (howto->flags & PVLINK_HOWTO_GOT)
		s = r->got;
	e = (struct x86_edit){ .width = howto->width };
	e.value = s + (u64)r->addend;
	if (howto->flags & PVLINK_HOWTO_PC)
		e.value -= r->place;
	if (!x86_fits(howto, e.value))
		return PVLINK_E_RELA_OVERFLOW;
write:
	if (!r->dry_run)
		x86_write(r->loc, &e);
	return PVLINK_OK;
}
