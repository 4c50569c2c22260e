/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_X86_PTRACE_H
#define _ASM_X86_PTRACE_H

/*
 * The register frame the exception entry builds (arch/x86/kernel/
 * entry_64.S natively, arch/x86/xen/trap_stubs_pv.S under Xen PV):
 * general registers pushed by SAVE_PT_REGS, under the vector and error
 * code the stub pushed, under what the CPU (or Xen) pushed.  The macros
 * and the structure are kept together so the layout is written once.
 */
#define PT_REGS_CS	144	/* offsetof(struct pt_regs, cs) */

#ifdef __ASSEMBLER__

.macro SAVE_PT_REGS
	pushq	%rdi
	pushq	%rsi
	pushq	%rdx
	pushq	%rcx
	pushq	%rax
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%rbx
	pushq	%rbp
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
.endm

/* Restores the registers and drops the vector and error code. */
.macro RESTORE_PT_REGS
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbp
	popq	%rbx
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rax
	popq	%rcx
	popq	%rdx
	popq	%rsi
	popq	%rdi
	addq	$16, %rsp
.endm

#else

#include <linux/types.h>

struct pt_regs {
	u64 r15, r14, r13, r12, rbp, rbx, r11, r10;
	u64 r9, r8, rax, rcx, rdx, rsi, rdi;
	u64 vector;
	u64 error_code;
	/* pushed by the CPU */
	u64 rip, cs, rflags, rsp, ss;
};

_Static_assert(offsetof(struct pt_regs, cs) == PT_REGS_CS,
	       "PT_REGS_CS does not match struct pt_regs");

#endif /* __ASSEMBLER__ */
#endif /* _ASM_X86_PTRACE_H */
