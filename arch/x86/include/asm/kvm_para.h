/* SPDX-License-Identifier: GPL-2.0 */
/*
 * KVM's paravirtual interface for guests, as far as the kvm backend and
 * its self-tests use it: CPUID leaves, feature bits, MSRs and the
 * records those MSRs point KVM at.  The facts are KVM's ABI (Linux:
 * Documentation/virt/kvm/x86/cpuid.rst and msr.rst).
 */
#ifndef _ASM_X86_KVM_PARA_H
#define _ASM_X86_KVM_PARA_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <asm/pvclock.h>	/* kvmclock's record */

/* CPUID: the signature leaf, "KVMKVMKVM\0\0\0", then the features leaf. */
#define KVM_CPUID_SIGNATURE		0x40000000u
#define KVM_CPUID_FEATURES		0x40000001u
#define KVM_SIGNATURE_EBX		0x4b4d564bu	/* "KVMK" */
#define KVM_SIGNATURE_ECX		0x564b4d56u	/* "VMKV" */
#define KVM_SIGNATURE_EDX		0x0000004du	/* "M\0\0\0" */

/* Feature bits of leaf 0x40000001 eax. */
#define KVM_FEATURE_CLOCKSOURCE		0
#define KVM_FEATURE_NOP_IO_DELAY	1
#define KVM_FEATURE_CLOCKSOURCE2	3
#define KVM_FEATURE_STEAL_TIME		5
#define KVM_FEATURE_PV_EOI		6
#define KVM_FEATURE_CLOCKSOURCE_STABLE	24

/* The paravirtual MSRs: the guest-physical address of a record, | 1. */
#define MSR_KVM_SYSTEM_TIME		0x00000012u	/* CLOCKSOURCE */
#define MSR_KVM_SYSTEM_TIME_NEW		0x4b564d01u	/* CLOCKSOURCE2 */
#define MSR_KVM_STEAL_TIME		0x4b564d03u
#define KVM_MSR_ENABLED			1ULL

/*
 * One vCPU's steal time: how long it was runnable but not running, in
 * ns, and whether it is preempted now.  64 bytes at a 64-byte boundary;
 * @version is odd while KVM updates the record.
 */
struct kvm_steal_time {
	u64 steal;
	u32 version;
	u32 flags;
	u8 preempted;
	u8 pad8[3];
	u32 pad[11];
} __aligned(64);

_Static_assert(sizeof(struct kvm_steal_time) == 64, "struct kvm_steal_time is 64 bytes");
_Static_assert(__builtin_offsetof(struct kvm_steal_time, preempted) == 16,
	       "kvm_steal_time.preempted offset");

#endif /* _ASM_X86_KVM_PARA_H */
