// SPDX-License-Identifier: GPL-2.0
/*
 * The KVM backend's declaration.  A KVM guest runs in ring 0 with the
 * hardware virtualised: everything is native but what KVM offers better
 * through its paravirtual MSRs (Documentation/virt/kvm/x86/msr.rst in
 * Linux): the clock (kvmclock), steal time, and port 0x80 delays that
 * need not be made.  Chosen by KVM's CPUID signature, under either entry
 * a KVM guest can come in by (QEMU's -kernel enters through PVH).
 */
#include <linux/pvlink_backend.h>

PVLINK_BACKEND(kvm,
	.entry = PVLINK_ENTRY_NATIVE | PVLINK_ENTRY_PVH,
	.cpuid = "KVMKVMKVM",
	.priority = 10,
	.requires = "native");
