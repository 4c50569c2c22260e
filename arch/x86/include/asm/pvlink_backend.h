/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86-64 part of what a backend author includes (<linux/pvlink_backend.h>
 * includes it): inline bodies for pv-op call sites.
 */
#ifndef _ASM_X86_PVLINK_BACKEND_H
#define _ASM_X86_PVLINK_BACKEND_H

#include <linux/pvlink_abi.h>

/*
 * Inline bodies.  A backend may offer, for a pv-op, the instructions its
 * function would execute, when they are so short that they fit in the
 * 5-byte call the kernel makes: then the boot-time link writes
 * them over the call and pads the rest with the recommended NOPs, and the
 * op costs what the bare instruction costs.
 *
 * PVLINK_INLINE(op, "insns") assembles @insns (GNU as syntax, AT&T) into
 * a record of the non-allocated section PVLINK_INLINE_SECTION, which the
 * linker never loads (the record's layout: <linux/pvlink_abi.h>).  The body must do exactly
 * what the object's pv_<op>() does, under the C calling convention of the
 * op (arguments in %rdi, %rsi, ..., result in %rax), and change nothing a
 * call would not be allowed to change: no callee-saved register, no stack
 * below what it pushes and pops itself.  A body longer than the call is
 * kept in the record but never inlined: the site becomes a direct call.
 * Use it in a backend's own file, with <asm/pvops.h> included: the name
 * must be a pv-op.
 */
#define PVLINK_INLINE(op, insns)					\
	extern __typeof__(pv_##op) pv_##op;				\
	asm(".pushsection " PVLINK_INLINE_SECTION ", \"\", @progbits\n\t" \
	    ".asciz \"" #op "\"\n\t"					\
	    ".byte 7702f - 7701f\n"					\
	    "7701:\n\t" insns "\n"					\
	    "7702:\n\t"							\
	    ".popsection")

#endif /* _ASM_X86_PVLINK_BACKEND_H */
