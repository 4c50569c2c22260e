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

#endif /* _XEN_PV_H */
