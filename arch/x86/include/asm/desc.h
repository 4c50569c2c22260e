/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Descriptor tables: GDT, IDT gates and the TSS (Intel SDM vol. 3,
 * 6.14.1 "64-Bit Mode IDT" and 8.7 "Task Management in 64-bit Mode").
 */
#ifndef _ASM_X86_DESC_H
#define _ASM_X86_DESC_H

#include <linux/types.h>

/* Operand of lgdt/lidt. */
struct desc_ptr {
	u16 size;		/* limit: bytes - 1 */
	u64 address;
} __attribute__((packed));

/* A 64-bit interrupt/trap gate, 16 bytes. */
struct gate_desc {
	u16 offset_low;
	u16 segment;
	u16 bits;		/* IST index (2:0), type (11:8), DPL (14:13), P (15) */
	u16 offset_middle;
	u32 offset_high;
	u32 reserved;
} __attribute__((packed));

#define GATE_INTERRUPT		0xe	/* IF cleared on entry */
#define GATE_TRAP		0xf	/* IF kept */
#define GATE_PRESENT		0x8000
#define GATE_DPL(dpl)		((dpl) << 13)

/* 64-bit TSS (SDM vol. 3, figure 8-11): only the stack pointers matter. */
struct tss {
	u32 reserved0;
	u64 rsp[3];
	u64 reserved1;
	u64 ist[7];
	u64 reserved2;
	u16 reserved3;
	u16 io_bitmap_base;
} __attribute__((packed));

#define NR_VECTORS		256
#define IST_DOUBLE_FAULT	1	/* a fresh stack for #DF */

/*
 * Every GDT fills one page of its own, page-aligned: Xen PV maps the
 * frames of a GDT it is given read-only (set_gdt, xen/include/public/
 * xen.h), so nothing else may share them.  Only the first GDT_ENTRIES
 * entries are used (the limit says so).
 */
#define GDT_PAGE_BYTES		4096
#define GDT_PAGE_ENTRIES	(GDT_PAGE_BYTES / 8)

void gdt_init(void);
void idt_init(void);

/**
 * gdt_load_cpu() - give the running CPU its own GDT and TSS and load them
 * @gdt: a page-aligned page of its own (GDT_PAGE_ENTRIES entries); the
 *       first GDT_ENTRIES are filled here (the kernel's selectors)
 * @t: the CPU's TSS, filled here
 * @df_stack_top: top of the CPU's double-fault stack (IST_DOUBLE_FAULT)
 *
 * gdt_init() does this for the boot CPU; each application processor
 * does it with its own tables, since a TSS descriptor is marked busy by
 * the CPU that loads it.
 */
void gdt_load_cpu(u64 *gdt, struct tss *t, void *df_stack_top);
/* Load the kernel's IDT (built by idt_init()) on the running CPU. */
void idt_load(void);
/*
 * Fill the IDT in memory without a pv-op and describe it in @dtr, for
 * the ring-0 entry code to load before pv-ops exist (no IST stacks).
 */
void idt_fill_early(struct desc_ptr *dtr);
void set_intr_gate(unsigned int vector, void *handler, unsigned int ist);

#endif /* _ASM_X86_DESC_H */
