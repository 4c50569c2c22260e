/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86-64 percpu access through %gs, as in Linux: .data..percpu is linked
 * at address 0, so a percpu variable's address is its offset inside a
 * CPU's area, and %gs:var reaches the current CPU's copy (GS base = the
 * area).  The compiler's __seg_gs address space emits the %gs prefix.
 */
#ifndef _ASM_X86_PERCPU_H
#define _ASM_X86_PERCPU_H

#include <linux/types.h>

#define PER_CPU_SECTION		".data..percpu"
#define PER_CPU_FIRST_SECTION	".data..percpu..first"

/* sparse does not know the address space; it checks the rest. */
#ifdef __CHECKER__
#define __seg_gs
#endif

#define __percpu_gs(var)	\
	(*(volatile __typeof__(var) __seg_gs *)(uintptr_t)&(var))

/* Read or write the current CPU's copy of @var in one instruction. */
#define this_cpu_read(var)		(__percpu_gs(var))
#define this_cpu_write(var, val)	(__percpu_gs(var) = (val))
#define this_cpu_add(var, val)		(__percpu_gs(var) += (val))

#endif /* _ASM_X86_PERCPU_H */
