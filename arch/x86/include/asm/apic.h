/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Local APIC: what starting the application processors needs, on top of
 * lapic_init() and the timer in asm/setup.h.  Works in xAPIC mode (MMIO)
 * and in x2APIC mode (MSRs, through pv_rdmsr()/pv_wrmsr()).
 */
#ifndef _ASM_X86_APIC_H
#define _ASM_X86_APIC_H

#include <linux/types.h>

/**
 * apic_cpu_id() - the running CPU's APIC ID, as CPUID reports it
 *
 * The x2APIC ID of leaf 0xb where the CPU has that leaf, else the 8-bit
 * initial APIC ID of leaf 1: the same rule the AP trampoline uses to
 * find its slot.
 */
u32 apic_cpu_id(void);

/**
 * lapic_enable_this_cpu() - software-enable the running CPU's local APIC
 *
 * What lapic_init() did on the boot CPU, for an application processor:
 * set the enable bit and the spurious vector in its SVR.  Nothing when
 * lapic_init() has not succeeded (no local APIC in use, as under Xen PV).
 *
 * Context: on the CPU itself, interrupts off.
 */
void lapic_enable_this_cpu(void);

/* Is the local APIC in x2APIC mode (after lapic_init())? */
bool lapic_is_x2apic(void);

/**
 * lapic_send_init() - send an INIT IPI to one CPU
 * @apic_id: its APIC ID
 *
 * Resets the target into the wait-for-SIPI state (SDM vol. 3A, 9.4
 * "Multiple-Processor (MP) Initialization").
 *
 * Context: boot CPU, after lapic_init() succeeded.
 * Return: 0, or a negative value (with a message) if the IPI could not
 * be sent: an ID the xAPIC cannot address, or the ICR stayed busy.
 */
int lapic_send_init(u32 apic_id);

/**
 * lapic_send_startup() - send a STARTUP IPI (SIPI) to one CPU
 * @apic_id: its APIC ID
 * @vector:  the page number of the real-mode entry (below 1 MiB)
 *
 * Context and return: as lapic_send_init().
 */
int lapic_send_startup(u32 apic_id, u8 vector);

/**
 * lapic_send_ipi_cpu() - interrupt a CPU with a fixed-delivery IPI
 * @cpu:    its CPU number (its APIC ID is smp_cpus[@cpu].apic_id)
 * @vector: the interrupt vector, 32 to 255
 *
 * The native send_ipi pv-op.  The target takes @vector once its
 * interrupts are on; the IDT path sends the EOI.
 *
 * Context: any CPU, but a message on failure is printed: the boot CPU.
 * Return: 0, or a negative value if no local APIC is usable, @cpu has no
 * APIC ID or the IPI could not be sent.
 */
int lapic_send_ipi_cpu(unsigned int cpu, unsigned int vector);

#endif /* _ASM_X86_APIC_H */
