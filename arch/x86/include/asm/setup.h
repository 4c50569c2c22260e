/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_X86_SETUP_H
#define _ASM_X86_SETUP_H

#include <linux/bootinfo.h>

/**
 * arch_setup() - CPU tables and per-CPU state of the boot CPU
 * @bi: what the entry path found
 *
 * GDT, IDT, legacy interrupt controller masked, percpu areas.  All of it
 * needs pv-ops; without an implementation (Xen PV before its backend is
 * linked) it reports what it left out and returns.
 */
void arch_setup(struct boot_info *bi);

/* Count the CPUs in the ACPI MADT into nr_cpus_found (0: unknown). */
void acpi_count_cpus(u64 rsdp_pa);
extern unsigned int nr_cpus_found;

/* Mask the legacy 8259 PICs: the kernel uses the local APIC only. */
void i8259_mask_all(void);

/* Local APIC (apic.c). */
bool lapic_init(void);
/* Interrupt @vector after @count bus clocks, once or every @count. */
void lapic_timer_start(unsigned int vector, u32 count, bool periodic);
void lapic_timer_stop(void);
void lapic_send_self_ipi(unsigned int vector);
void lapic_eoi(void);

#endif /* _ASM_X86_SETUP_H */
