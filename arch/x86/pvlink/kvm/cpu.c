// SPDX-License-Identifier: GPL-2.0
/*
 * Each CPU's own records, in its percpu area: its kvmclock record and
 * its steal time.  A CPU registers them with KVM the first time it asks
 * for its clock once the percpu areas exist (no CPU runs kernel code
 * that long without reading the clock); until then only the boot CPU
 * runs, on the record the init registered.
 *
 * The records are global so that the self-tests can find them
 * (PVLINK_IMPORT()): kernel/selftest/kvm.c checks every CPU's.
 */
#include <linux/percpu.h>
#include <asm/page.h>
#include <asm/pvops.h>

#include "kvm.h"

struct kvm_cpu_clock {
	struct pvclock_vcpu_time_info t;
} __aligned(64);

DEFINE_PER_CPU(struct kvm_cpu_clock, kvm_cpu_clock);
DEFINE_PER_CPU(struct kvm_steal_time, kvm_steal_time);
static DEFINE_PER_CPU(bool, kvm_cpu_on);

static void kvm_cpu_setup(void)
{
	pv_wrmsr(kvm_clock_msr(),
		 virt_to_phys(&this_cpu_ptr(&kvm_cpu_clock)->t) | KVM_MSR_ENABLED);
	if (kvm_has(KVM_FEATURE_STEAL_TIME))
		pv_wrmsr(MSR_KVM_STEAL_TIME,
			 virt_to_phys(this_cpu_ptr(&kvm_steal_time)) | KVM_MSR_ENABLED);
	this_cpu_write(kvm_cpu_on, true);
}

const struct pvclock_vcpu_time_info *kvm_this_clock(void)
{
	if (!percpu_ready())
		return &kvm_boot_clock;
	if (!this_cpu_read(kvm_cpu_on))
		kvm_cpu_setup();
	return &this_cpu_ptr(&kvm_cpu_clock)->t;
}
