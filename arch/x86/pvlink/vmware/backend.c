// SPDX-License-Identifier: GPL-2.0
/*
 * The VMware backend's declaration.  A guest with VMware's backdoor port
 * runs in ring 0 with the hardware virtualised: everything is native but
 * the clock, whose TSC rate the hypervisor tells through the backdoor
 * (GETHZ) or CPUID 0x40000010, so nothing has to calibrate it.
 *
 * No CPUID signature: QEMU's vmport answers under a CPUID that says
 * "TCGTCGTCGTCG" or "KVMKVMKVM", never "VMwareVMware".  The backend
 * matches every ring-0 entry and its probe (probe.c) decides.  Priority
 * 5, in the band Documentation/pvlink.rst gives backends found by a
 * probe: above native, below the hypervisors that name themselves, so
 * that under KVM with vmport on (QEMU's default) kvm wins.
 *
 * Ring 0 only (entry native or PVH): the backdoor is a port read
 * (backdoor.c), which a Xen PV kernel in ring 3 cannot make.
 */
#include <linux/pvlink_backend.h>

PVLINK_BACKEND(vmware,
	.entry = PVLINK_ENTRY_NATIVE | PVLINK_ENTRY_PVH,
	.priority = 5,
	.requires = "native");
