/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the kernel's Xen PV entry code (arch/x86/xen/) offers the xen-pv
 * pvlink backend.
 */
#ifndef _XEN_PV_H
#define _XEN_PV_H

#include <linux/types.h>

/*
 * The PV exception entries (arch/x86/xen/trap_stubs_pv.S): one per
 * vector 0-31, XEN_PV_TRAP_STUB_SIZE bytes apart, for the trap table.
 * Each takes Xen's frame (%rcx and %r11 above the hardware frame),
 * builds struct pt_regs, calls do_trap() and returns through
 * HYPERVISOR_iret.
 */
#define XEN_PV_TRAP_STUB_SIZE	16
extern const u8 xen_pv_trap_stubs[];

/**
 * xen_pv_smp_boot_cpus() - start the other vCPUs Xen gave this PV domain
 *
 * Each becomes the CPU with its vCPU number, through VCPUOP_initialise
 * and VCPUOP_up, and joins the kernel in smp_ap_main().
 *
 * Context: boot CPU, pv-ops installed, percpu areas set up.
 */
void xen_pv_smp_boot_cpus(void);

/* vCPUs Xen gave the domain, counted by xen_pv_smp_boot_cpus() (0: not yet). */
extern unsigned int xen_pv_nr_vcpus;

#endif /* _XEN_PV_H */
