/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The hooks the generic PVH entry calls when it finds Xen
 * (arch/x86/xen/pvh.c).
 */
#ifndef _XEN_PVH_H
#define _XEN_PVH_H

#include <linux/bootinfo.h>
#include <linux/types.h>

/**
 * xen_cpuid_base() - find Xen's CPUID leaves (ring 0 only)
 *
 * Return: the base leaf, or 0 when not running under Xen.
 */
u32 xen_cpuid_base(void);

/**
 * xen_pvh_init() - set up a PVH boot under Xen: hypercall page, memory
 * map from XENMEM_memory_map if @bi has none, console_io console, exit hook
 * @bi: boot_info as the PVH entry filled it
 *
 * Context: PVH entry, ring 0, before start_kernel().
 * Return: true under Xen (BOOT_CAP_XEN set in @bi), false otherwise.
 */
bool xen_pvh_init(struct boot_info *bi);

#endif /* _XEN_PVH_H */
