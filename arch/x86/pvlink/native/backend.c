// SPDX-License-Identifier: GPL-2.0
/*
 * The native backend's declaration: it runs wherever the kernel has
 * ring 0 (bare metal, QEMU, KVM, Xen PVH), on any hypervisor, and is the
 * bottom of every stack that is not Xen PV.
 */
#include <linux/pvlink_backend.h>

PVLINK_BACKEND(native,
	.entry = PVLINK_ENTRY_NATIVE | PVLINK_ENTRY_PVH,
	.priority = 0);
