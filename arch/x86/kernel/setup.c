// SPDX-License-Identifier: GPL-2.0
#include <linux/console.h>
#include <linux/kernel.h>
#include <linux/percpu.h>
#include <asm/desc.h>
#include <asm/pvops.h>
#include <asm/setup.h>
#include <asm/traps.h>

void arch_setup(struct boot_info *bi)
{
	if (!pvops_available()) {
		pr_warn("setup: no pv-op implementation installed: no GDT, IDT or percpu areas; %s\n",
			trap_handling_ready() ? "exceptions go through the platform's trap table" :
			"exceptions are not reported");
		return;
	}
	/* COM1 through the pv-ops from now on, not the early console. */
	if (early_console())
		serial8250_console_init(early_console());
	gdt_init();
	idt_init();
	i8259_mask_all();
	setup_percpu();
	acpi_count_cpus(bi->rsdp);
}
