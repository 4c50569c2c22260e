// SPDX-License-Identifier: GPL-2.0
/*
 * Platform facts backend selection reads (kernel/pvlink_boot.c), gathered
 * by the ring-0 entries with their own cpuid: selection must not need a
 * pv-op, since choosing the pv-ops is what it is for.
 */
#include <linux/bootinfo.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/boot.h>

/*
 * CPUID leaf 1, ECX bit 31: set by hypervisors to say that leaves
 * 0x40000000 and up are theirs (reserved for this use by Intel and AMD;
 * Linux's X86_FEATURE_HYPERVISOR).  On bare metal those leaves return
 * whatever the highest basic leaf holds, so they are not read.
 */
#define CPUID_FEATURES_LEAF		1
#define CPUID_ECX_HYPERVISOR		(1u << 31)
#define CPUID_HYPERVISOR_BASE		0x40000000u

static void early_cpuid(u32 leaf, u32 *a, u32 *b, u32 *c, u32 *d)
{
	asm volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
		     : "0"(leaf), "2"(0));
}

void early_platform_facts(struct boot_info *bi)
{
	u32 a, b, c, d;

	memset(bi->hv_signature, 0, sizeof(bi->hv_signature));
	early_cpuid(CPUID_FEATURES_LEAF, &a, &b, &c, &d);
	if (!(c & CPUID_ECX_HYPERVISOR))
		return;
	early_cpuid(CPUID_HYPERVISOR_BASE, &a, &b, &c, &d);
	/* The signature is ebx, ecx, edx in that order (12 ASCII bytes). */
	memcpy(bi->hv_signature, &b, 4);
	memcpy(bi->hv_signature + 4, &c, 4);
	memcpy(bi->hv_signature + 8, &d, 4);
}
