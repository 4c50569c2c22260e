/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_X86_PTRACE_H
#define _ASM_X86_PTRACE_H

#include <linux/types.h>

/*
 * The register frame the exception entry builds (entry_64.S): general
 * registers pushed by the stub, then the vector and error code, then
 * what the CPU pushed.  Keep in sync with entry_64.S.
 */
struct pt_regs {
	u64 r15, r14, r13, r12, rbp, rbx, r11, r10;
	u64 r9, r8, rax, rcx, rdx, rsi, rdi;
	u64 vector;
	u64 error_code;
	/* pushed by the CPU */
	u64 rip, cs, rflags, rsp, ss;
};

#endif /* _ASM_X86_PTRACE_H */
