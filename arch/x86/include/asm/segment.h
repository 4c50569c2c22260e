/* SPDX-License-Identifier: GPL-2.0 */
/*
 * GDT layout.  The same layout serves the 32-bit boot path (it needs a
 * flat 32-bit code segment to reload CS before entering long mode) and
 * the kernel proper.
 */
#ifndef _ASM_X86_SEGMENT_H
#define _ASM_X86_SEGMENT_H

#define GDT_ENTRY_KERNEL_CS	1
#define GDT_ENTRY_KERNEL_DS	2
#define GDT_ENTRY_KERNEL32_CS	3
#define GDT_ENTRY_TSS		4	/* 16 bytes: takes entries 4 and 5 */
#define GDT_ENTRIES		6

#define __KERNEL_CS		(GDT_ENTRY_KERNEL_CS * 8)
#define __KERNEL_DS		(GDT_ENTRY_KERNEL_DS * 8)
#define __KERNEL32_CS		(GDT_ENTRY_KERNEL32_CS * 8)
#define __KERNEL_TSS		(GDT_ENTRY_TSS * 8)

/*
 * Descriptor images (SDM vol. 3, 3.4.5): base 0, limit 4 GiB, present,
 * DPL 0.  0xa: L=1 (64-bit code); 0xc: D/B=1, G=1 (32-bit).
 */
#define GDT_KERNEL_CS_DESC	0x00af9a000000ffffULL
#define GDT_KERNEL_DS_DESC	0x00cf92000000ffffULL
#define GDT_KERNEL32_CS_DESC	0x00cf9a000000ffffULL

#endif /* _ASM_X86_SEGMENT_H */
