// SPDX-License-Identifier: GPL-2.0
/*
 * The early IDT: exceptions are reported from the first C code of the
 * ring-0 entries on, before any pv-op exists.  idt.c fills the table in
 * memory; loading it is a privileged instruction, executed here (early
 * entry code, scripts/check-privileged.allow).  arch_setup() reloads the
 * table through pv-ops once they are installed.
 */
#include <linux/kernel.h>
#include <asm/boot.h>
#include <asm/desc.h>
#include <asm/traps.h>

void early_idt_init(void)
{
	struct desc_ptr dtr;

	idt_fill_early(&dtr);
	asm volatile("lidt %0" : : "m"(dtr) : "memory");
	mark_trap_handling_ready();
}
