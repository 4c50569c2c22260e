/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The parts of VMware's guest ABI that pvlink uses: the "backdoor" I/O
 * port and its commands, and the hypervisor CPUID leaf that carries the
 * TSC frequency.  Facts from VMware's published backdoor description (as
 * Linux's arch/x86/kernel/cpu/vmware.c and open-vm-tools use it) and
 * from QEMU's implementation (hw/i386/vmport.c); where the two differ,
 * the comment says so.
 *
 * The backdoor is a port read with every general register an argument:
 * eax = VMWARE_BACKDOOR_MAGIC, ecx = the command, edx = the port, and
 * the answer in eax, ebx, ecx, edx.  Only the vmware backend issues it
 * (arch/x86/pvlink/vmware/backdoor.c); the kernel never does.
 */
#ifndef _ASM_X86_VMWARE_H
#define _ASM_X86_VMWARE_H

#include <linux/types.h>

#define VMWARE_BACKDOOR_PORT		0x5658
#define VMWARE_BACKDOOR_MAGIC		0x564D5868u	/* "VMXh" */

/* eax = the backdoor's version (QEMU: 6), ebx = the magic, ecx = the product type. */
#define VMWARE_CMD_GETVERSION		10
/*
 * eax = the guest's RAM: megabytes says VMware's documentation, bytes
 * (truncated to 32 bits) says QEMU 7.2, which also puts 0x1177 in ebx.
 */
#define VMWARE_CMD_GETRAMSIZE		20
/*
 * eax (low), ebx (high) = TSC Hz, ecx = the bus (APIC timer) Hz;
 * ebx = VMWARE_GETHZ_UNSUPPORTED when the hypervisor does not know the
 * rate (QEMU under TCG).
 */
#define VMWARE_CMD_GETHZ		45
#define VMWARE_GETHZ_UNSUPPORTED	0xffffffffu

/*
 * Hypervisor CPUID leaf with the TSC frequency (eax, kHz) and the bus
 * frequency (ebx, kHz), present when leaf 0x40000000's eax reaches it
 * (VMware; QEMU under KVM with invtsc and vmware-cpuid-freq, its default).
 */
#define VMWARE_CPUID_BASE		0x40000000u
#define VMWARE_CPUID_FREQ		0x40000010u

/* CPUID leaf 1, ecx bit 31: a hypervisor is present (Linux's X86_FEATURE_HYPERVISOR). */
#define VMWARE_CPUID_FEATURES		1
#define VMWARE_CPUID_ECX_HYPERVISOR	(1u << 31)

/* A backdoor command's answer: the four registers after the port read. */
struct vmware_regs {
	u32 eax, ebx, ecx, edx;
};

#endif /* _ASM_X86_VMWARE_H */
