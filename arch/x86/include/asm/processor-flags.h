/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Control register, EFLAGS and EFER bits (Intel SDM vol. 3, 2.5 and 2.2.1).
 */
#ifndef _ASM_X86_PROCESSOR_FLAGS_H
#define _ASM_X86_PROCESSOR_FLAGS_H

#define X86_EFLAGS_IF		0x00000200	/* interrupts enabled */
#define X86_EFLAGS_ID		0x00200000	/* CPUID available: any CPL may flip it */

#define X86_CR0_PE		0x00000001	/* protection enable */
#define X86_CR0_WP		0x00010000	/* supervisor write-protect */
#define X86_CR0_PG		0x80000000	/* paging */

#define X86_CR4_PAE		0x00000020	/* physical address extension */
#define X86_CR4_PGE		0x00000080	/* global pages */

#define EFER_LME		0x00000100	/* long mode enable */
#define EFER_NX			0x00000800	/* no-execute enable (NXE) */

#endif /* _ASM_X86_PROCESSOR_FLAGS_H */
