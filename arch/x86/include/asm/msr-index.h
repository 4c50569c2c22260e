/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Architectural MSR numbers (Intel SDM vol. 4, "Architectural MSRs").
 */
#ifndef _ASM_X86_MSR_INDEX_H
#define _ASM_X86_MSR_INDEX_H

#define MSR_IA32_APIC_BASE	0x0000001b
#define MSR_EFER		0xc0000080
#define MSR_FS_BASE		0xc0000100
#define MSR_GS_BASE		0xc0000101
#define MSR_KERNEL_GS_BASE	0xc0000102

#endif /* _ASM_X86_MSR_INDEX_H */
