// SPDX-License-Identifier: GPL-2.0
/*
 * What the Xen pvlink backends use from the kernel (kernel/pvlink_exports.c
 * explains the export table).  Keep it short.
 */
#include <linux/mm.h>
#include <asm/apic.h>
#include <asm/nofault.h>
#include <asm/setup.h>
#include <linux/pvlink.h>
#include <xen/hypercall.h>
#include <xen/pv.h>

/* The hypercall page the domain builder filled: every hypercall goes through it. */
PVLINK_EXPORT(xen_hypercall_page);
/* The PV exception entries the backend's trap table points at. */
PVLINK_EXPORT(xen_pv_trap_stubs);
/* Pages Xen must type (shared_info's place, the GDT page it validates). */
PVLINK_EXPORT(alloc_pages);
PVLINK_EXPORT(free_pages);
/* The RAM above Xen's bootstrap mapping, once the backend mapped it. */
PVLINK_EXPORT(add_unused_pages_range);
/*
 * Xen PVH raises the event vector only into a software-enabled local
 * APIC: the backend enables each vCPU's before it asks for the vector.
 */
PVLINK_EXPORT(lapic_init);
PVLINK_EXPORT(lapic_enable_this_cpu);
/* The M2P table has holes Xen leaves unmapped: xen-pv reads it through this. */
PVLINK_EXPORT(read_u64_nofault);
