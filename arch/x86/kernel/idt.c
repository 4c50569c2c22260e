// SPDX-License-Identifier: GPL-2.0
/*
 * The IDT: every vector goes to its stub in entry_64.S.
 *
 * Twice per boot: the ring-0 entry code fills the table in memory with
 * idt_fill_early() and loads it itself (arch/x86/boot/early_idt.c), so
 * that exceptions before and during the boot-time link are reported;
 * idt_init() then rewrites every entry and loads the table through the
 * installed pv-ops, with the double-fault stack the TSS now provides.
 */
#include <linux/kernel.h>
#include <asm/desc.h>
#include <asm/pvops.h>
#include <asm/segment.h>
#include <asm/traps.h>

static struct gate_desc idt_table[NR_VECTORS] __aligned(16);

static void make_gate(struct gate_desc *g, u64 handler, unsigned int ist)
{
	g->offset_low = handler & 0xffff;
	g->segment = __KERNEL_CS;
	g->bits = GATE_PRESENT | GATE_DPL(0) | (GATE_INTERRUPT << 8) | (ist & 7);
	g->offset_middle = (handler >> 16) & 0xffff;
	g->offset_high = handler >> 32;
	g->reserved = 0;
}

void set_intr_gate(unsigned int vector, void *handler, unsigned int ist)
{
	struct gate_desc g;

	make_gate(&g, (uintptr_t)handler, ist);
	pv_write_idt_entry(idt_table, vector, &g);
}

void idt_fill_early(struct desc_ptr *dtr)
{
	/*
	 * IST 0 everywhere: no TSS is loaded yet (gdt_init() loads it), and
	 * an IST index would make the CPU read a stack pointer from
	 * whatever the task register holds.
	 */
	for (unsigned int v = 0; v < NR_VECTORS; v++)
		make_gate(&idt_table[v], vector_stubs[v], 0);
	dtr->size = sizeof(idt_table) - 1;
	dtr->address = (uintptr_t)idt_table;
}

void idt_load(void)
{
	struct desc_ptr dtr = {
		.size = sizeof(idt_table) - 1,
		.address = (uintptr_t)idt_table,
	};

	pv_load_idt(&dtr);
}

void idt_init(void)
{
	for (unsigned int v = 0; v < NR_VECTORS; v++)
		set_intr_gate(v, (void *)(uintptr_t)vector_stubs[v],
			      v == X86_TRAP_DF ? IST_DOUBLE_FAULT : 0);
	idt_load();
	mark_trap_handling_ready();
}
