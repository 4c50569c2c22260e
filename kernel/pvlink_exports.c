// SPDX-License-Identifier: GPL-2.0
/*
 * What backends may use from the kernel, and what the kernel needs from
 * them.
 *
 * Exports: only the symbols marked here are in the kernel's export table
 * ("pvimage tables" builds it in the link); a backend using any
 * other kernel symbol fails the build ("pvimage verify") and, if it ever
 * got that far, the boot-time link.  Keep the list short: every entry
 * is an interface backends depend on.
 *
 * pv-ops: the names of every pv-op the kernel calls, in the
 * non-allocated section .pvlink.pvops, so that "pvimage verify" can check
 * that each backend stack implements all of them.  (The site table will
 * refine this to the pv-ops that have call sites.)
 */
#include <linux/percpu.h>
#include <linux/printk.h>
#include <linux/pvlink.h>
#include <asm/pvops.h>
#include <asm/setup.h>
#include <asm/traps.h>

/* native: sched_clock() warns when no PIT can calibrate the TSC. */
PVLINK_EXPORT(printk);
/* Backends may keep per-CPU state indexed by the CPU number. */
PVLINK_EXPORT_PERCPU(cpu_number);
/* ... and reach their own with this_cpu_ptr() (kvm: a record's address for KVM). */
PVLINK_EXPORT_PERCPU(this_cpu_off);
/*
 * Which pv-op implementation is installed: the test backend's init
 * records it to show that inits run before the stack's pv-ops are.
 */
PVLINK_EXPORT(pvops_name);
/* native: its timer_oneshot is the local APIC timer the kernel drives. */
PVLINK_EXPORT(lapic_timer_oneshot);
/* native: its send_ipi is the local APIC's fixed IPI. */
PVLINK_EXPORT(lapic_send_ipi_cpu);
/*
 * xen-pv: per-vCPU state another CPU sets up or signals (the vcpu_info it
 * registers for a vCPU not yet running, the IPI vectors it sends), in
 * that CPU's area: per_cpu_ptr().
 */
PVLINK_EXPORT(__per_cpu_offset);
/*
 * Backends that deliver interrupts their own way (the Xen PV event
 * upcall) run the kernel's handler for a vector with it.
 */
PVLINK_EXPORT(handle_irq);
/*
 * xen-pvh: Xen signals its events through an interrupt vector of the
 * backend's choosing, whose handler the backend registers.
 */
PVLINK_EXPORT(set_irq_handler);
/*
 * xen-pvh: its clock reads the running vCPU's own record, whose id it
 * keeps in percpu data; until the areas exist it reads vCPU 0's.
 */
PVLINK_EXPORT(percpu_ready);

#define PVLINK_PVOP_NAME(name)						\
	asm(".pushsection " PVLINK_PVOPS_SECTION ", \"\", @progbits\n\t" \
	    ".asciz \"pv_" #name "\"\n\t"				\
	    ".popsection");
#define PVLINK_PVOP(type, name, params, args)	PVLINK_PVOP_NAME(name)
#define PVLINK_VPVOP(name, params, args)	PVLINK_PVOP_NAME(name)
PV_OPS(PVLINK_PVOP, PVLINK_VPVOP, PVLINK_VPVOP)
