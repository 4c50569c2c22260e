// SPDX-License-Identifier: GPL-2.0
/*
 * The Xen PVH backend's declaration.  A PVH dom0 runs in ring 0 on
 * hardware-assisted paging: interrupts, page tables, control registers,
 * MSRs and port I/O work natively, so the backend sits on native and
 * overrides only what Xen does better or alone: the clock (pvclock),
 * the console (console_io) and the end of a run (SCHEDOP_shutdown).
 * Its init (init.c) installs its own hypercall page and maps
 * shared_info first.
 */
#include <linux/pvlink_backend.h>

PVLINK_BACKEND_NAMED(xen_pvh, "xen-pvh",
	.entry = PVLINK_ENTRY_PVH,
	.cpuid = "XenVMMXenVMM",
	.priority = 10,
	.requires = "native");
