/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Between the 32-bit entry code (arch/x86/boot/head.S) and its C side.
 */
#ifndef _ASM_X86_BOOT_H
#define _ASM_X86_BOOT_H

/* Which loader entered: the first argument of x86_native_start(). */
#define X86_BOOT_PVH		0	/* %ebx = hvm_start_info */
#define X86_BOOT_MULTIBOOT2	1	/* %ebx = multiboot2 information */

/* Multiboot2 specification, 3.1.1 and 3.3 (version 2.0). */
#define MB2_HEADER_MAGIC	0xe85250d6
#define MB2_ARCH_I386		0
#define MB2_BOOTLOADER_MAGIC	0x36d76289
#define MB2_HEADER_TAG_ADDRESS	2
#define MB2_HEADER_TAG_ENTRY_ADDRESS 3

/* Page-table entry bits (SDM vol. 3, 4.5). */
#define _PAGE_PRESENT		0x001
#define _PAGE_RW		0x002
#define _PAGE_PSE		0x080	/* 2 MiB page in a PD entry */

#define BOOT_STACK_SIZE		(16 * 1024)

#ifndef __ASSEMBLY__
#include <linux/bootinfo.h>
#include <linux/types.h>

void x86_native_start(u32 kind, u32 info);
void pvh_parse(u32 start_info, struct boot_info *bi);
void multiboot2_parse(u32 info, struct boot_info *bi);
void boot_add_mem(struct boot_info *bi, u64 start, u64 size, u32 type);
void boot_add_rsv(struct boot_info *bi, u64 start, u64 size);
void boot_add_module(struct boot_info *bi, u64 start, u64 size, const char *cmdline);

/*
 * What the ring-0 entries set up before the boot-time link, without a
 * pv-op (arch/x86/boot/early_*.c): an exit path, an IDT, and the
 * platform facts backend selection reads.
 */
void early_exit_init(void);
void early_idt_init(void);
void early_platform_facts(struct boot_info *bi);
/* The boot CPU's GS base at CPU 0's percpu area, before any pv-op runs. */
void early_percpu_init(void);

/* The kernel's own boot page tables (head.S), for the mm code. */
extern u64 boot_pml4[512];
extern char boot_stack_guard[], boot_stack[], boot_stack_top[];
#endif

#endif /* _ASM_X86_BOOT_H */
