/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Xen's CPUID leaves (public/arch-x86/cpuid.h).  The base is
 * 0x40000000, or a multiple of 0x100 above it when Xen also offers
 * another hypervisor's interface (Viridian) at the base.
 */
#ifndef _XEN_CPUID_H
#define _XEN_CPUID_H

#define XEN_CPUID_FIRST_LEAF		0x40000000u
#define XEN_CPUID_LEAF_STEP		0x100u
#define XEN_CPUID_LAST_BASE		0x40010000u

/* Base leaf: eax = highest Xen leaf, ebx:ecx:edx = "XenVMMXenVMM". */
#define XEN_CPUID_SIGNATURE_EBX		0x566e6558u /* "XenV" */
#define XEN_CPUID_SIGNATURE_ECX		0x65584d4du /* "MMXe" */
#define XEN_CPUID_SIGNATURE_EDX		0x4d4d566eu /* "nVMM" */

/* base + 1: eax = major << 16 | minor. */
#define XEN_CPUID_VERSION		1
/* base + 2: eax = hypercall pages, ebx = MSR that installs them. */
#define XEN_CPUID_HYPERCALL		2

/*
 * Forced-emulation prefix (public/arch-x86/xen.h, XEN_EMULATE_PREFIX):
 * "ud2a; .ascii \"xen\"" before cpuid makes Xen emulate the cpuid for a
 * PV guest, so it sees Xen's leaves and Xen's policy instead of the raw
 * CPU (under QEMU TCG a plain cpuid is never intercepted).
 */
#define XEN_EMULATE_PREFIX		".byte 0x0f, 0x0b, 0x78, 0x65, 0x6e; "

#endif /* _XEN_CPUID_H */
