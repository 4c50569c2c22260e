// SPDX-License-Identifier: GPL-2.0
/*
 * A backend with a page-aligned percpu structure, as a per-vCPU page a
 * hypervisor is handed would be: it must link against the kernel's
 * reserve, which starts page-aligned for it.
 */
#include <linux/pvlink_backend.h>

void pv_io_delay(void);

PVLINK_BACKEND(pagepercpu, .entry = PVLINK_ENTRY_NATIVE, .priority = -10,
	       .requires = "native");

__attribute__((section(".data..percpu"), aligned(4096))) unsigned long pagepercpu_page[8];

void pv_io_delay(void)
{
	asm volatile("incq %%gs:%c0" : : "i"(&pagepercpu_page[0]) : "memory");
}
