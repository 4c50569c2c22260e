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

/**
 * lapic_timer_oneshot() - interrupt LOCAL_TIMER_VECTOR once, @ns from now
 * @ns: nanoseconds; 0 cancels a timer that has not fired
 *
 * The native timer_oneshot pv-op.  The first call measures the timer's
 * rate against pv_sched_clock() (QEMU's runs at 1 GHz, hardware at its
 * bus or crystal clock); a delay beyond the 32-bit counter is cut to the
 * longest it can count.  Without a usable local APIC it warns once and
 * does nothing.
 *
 * Context: interrupts off or in the timer's own handler; this CPU only.
 */
void lapic_timer_oneshot(u64 ns);

#endif /* _ASM_X86_SETUP_H */
