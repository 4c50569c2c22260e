// SPDX-License-Identifier: GPL-2.0
/*
 * The x86 facts the boot-time link needs that need no pv-op: how the
 * kernel was entered and the hypervisor's CPUID signature (both read by
 * the entry code into boot_info), and a cycle counter for timing the
 * link.
 */
#include <linux/bootinfo.h>
#include <linux/kernel.h>
#include <linux/pvlink.h>
#include <linux/string.h>

void arch_pvlink_platform(const struct boot_info *bi, struct pvlink_platform *p)
{
	switch (bi->entry) {
	case BOOT_ENTRY_PVH:
		p->entry = PVLINK_ENTRY_PVH;
		break;
	case BOOT_ENTRY_XEN_PV:
		p->entry = PVLINK_ENTRY_XEN_PV;
		break;
	case BOOT_ENTRY_MULTIBOOT2:
	default:
		p->entry = PVLINK_ENTRY_NATIVE;
		break;
	}
	_Static_assert(sizeof(p->cpuid) == sizeof(bi->hv_signature),
		       "the CPUID signature has one size everywhere");
	memcpy(p->cpuid, bi->hv_signature, sizeof(p->cpuid));
}

/*
 * rdtsc is not privileged (unless CR4.TSD, which this kernel never
 * sets) and Xen PV lets guests execute it: it works before any pv-op.
 */
u64 arch_pvlink_cycles(void)
{
	u32 lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}
