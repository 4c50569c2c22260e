/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Exception and interrupt entry: one stub per vector pushes a zero error
 * code where the CPU does not push one (SDM vol. 3, table 6-1), then the
 * vector, and jumps to the common code, which saves the general
 * registers as struct pt_regs (asm/ptrace.h) and calls do_trap(regs).
 *
 * Stack alignment: the CPU aligns %rsp to 16 and pushes 5 words; with the
 * error code, the vector and 15 registers (22 words) %rsp is 16-aligned
 * again at the call, as the psABI wants.
 */
#include <asm/ptrace.h>

	.pushsection .rodata.vector_stubs, "a"
	.balign 8
	.globl vector_stubs
vector_stubs:
	.popsection

.macro vector_stub vec
	.pushsection .rodata.vector_stubs, "a"
	.quad 1f
	.popsection
	.balign 8
1:
	.if !((\vec == 8) || ((\vec >= 10) && (\vec <= 14)) || (\vec == 17) || (\vec == 21) || (\vec == 29) || (\vec == 30))
	pushq	$0
	.endif
	pushq	$\vec
	jmp	trap_common
.endm

	.text
	.globl vector_stub_code
vector_stub_code:
vec = 0
.rept 256
	vector_stub vec
	vec = vec + 1
.endr

	.type trap_common, @function
trap_common:
	cld
	SAVE_PT_REGS
	movq	%rsp, %rdi
	call	do_trap
	RESTORE_PT_REGS
	iretq
	.size trap_common, . - trap_common
