// SPDX-License-Identifier: GPL-2.0
#include <linux/kernel.h>
#include <linux/percpu.h>
#include <asm/desc.h>
#include <asm/pvops.h>
#include <asm/setup.h>

void arch_setup(struct boot_info *bi)
{
	if (!pvops_available()) {
		pr_warn("setup: no pv-op implementation installed: no GDT/IDT, no percpu; exceptions are not reported\n");
		return;
	}
	gdt_init();
	idt_init();
	i8259_mask_all();
	setup_percpu();
	acpi_count_cpus(bi->rsdp);
}
