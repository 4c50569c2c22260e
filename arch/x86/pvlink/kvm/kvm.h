/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the files of the kvm backend (not an API).  KVM's ABI is
 * <asm/kvm_para.h>.
 */
#ifndef _KVM_BACKEND_H
#define _KVM_BACKEND_H

#include <linux/compiler.h>
#include <linux/types.h>

#include <asm/kvm_para.h>

/* KVM's features (CPUID 0x40000001 eax), read by the init. */
extern u32 kvm_features;

static inline bool kvm_has(unsigned int feature)
{
	return kvm_features & (1u << feature);
}

/* The clock MSR the features offer (CLOCKSOURCE2 first), or 0. */
u32 kvm_clock_msr(void);

/* The boot CPU's clock record, registered by the init until percpu areas exist. */
extern struct pvclock_vcpu_time_info kvm_boot_clock;

/* This CPU's clock record; registers this CPU's records on first use. */
const struct pvclock_vcpu_time_info *kvm_this_clock(void);

#endif /* _KVM_BACKEND_H */
