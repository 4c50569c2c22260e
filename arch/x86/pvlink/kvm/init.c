// SPDX-License-Identifier: GPL-2.0
/*
 * The kvm backend's set-up (PVLINK_BACKEND_INIT()), run once by the
 * boot-time link before the stack's pv-ops are installed: read KVM's
 * features and register the boot CPU's clock record, which serves until
 * the percpu areas exist (cpu.c then registers each CPU's own).  Without
 * kvmclock the backend has no clock to offer and refuses the stack.
 *
 * Nothing here needs a hypercall: vmcall/vmmcall are not used anywhere
 * in this backend (they hang the vCPU under some hosts' KVM), and the
 * features that need one (PV IPIs, PV TLB flush, sched yield) are left
 * off.  cpuid and wrmsr are native's pv-ops, resolved inside the stack.
 */
#include <linux/bootinfo.h>
#include <linux/printk.h>
#include <linux/pvlink_backend.h>
#include <asm/page.h>
#include <asm/pvops.h>

#include "kvm.h"

/* Linux's ENODEV and EIO. */
#define KVM_ENODEV	19
#define KVM_EIO		5

u32 kvm_features;
struct pvclock_vcpu_time_info kvm_boot_clock __aligned(64);

u32 kvm_clock_msr(void)
{
	if (kvm_has(KVM_FEATURE_CLOCKSOURCE2))
		return MSR_KVM_SYSTEM_TIME_NEW;
	if (kvm_has(KVM_FEATURE_CLOCKSOURCE))
		return MSR_KVM_SYSTEM_TIME;
	return 0;
}

PVLINK_BACKEND_INIT(kvm)
{
	struct cpuid_regs r;
	u32 msr;

	(void)bi;
	pv_cpuid(KVM_CPUID_SIGNATURE, 0, &r);
	if (r.ebx != KVM_SIGNATURE_EBX || r.ecx != KVM_SIGNATURE_ECX ||
	    r.edx != KVM_SIGNATURE_EDX) {
		pr_err("kvm: CPUID %#x does not say KVMKVMKVM: not a KVM guest; boot without pvlink=kvm\n",
		       KVM_CPUID_SIGNATURE);
		return -KVM_ENODEV;
	}
	kvm_features = 0;
	if (r.eax >= KVM_CPUID_FEATURES) {
		pv_cpuid(KVM_CPUID_FEATURES, 0, &r);
		kvm_features = r.eax;
	}
	msr = kvm_clock_msr();
	if (!msr) {
		pr_err("kvm: KVM offers no kvmclock (CPUID %#x eax %#x): not using kvm\n",
		       KVM_CPUID_FEATURES, kvm_features);
		return -KVM_ENODEV;
	}
	/* KVM fills the record before the vCPU runs on after the write. */
	pv_wrmsr(msr, virt_to_phys(&kvm_boot_clock) | KVM_MSR_ENABLED);
	if (!READ_ONCE(kvm_boot_clock.tsc_to_system_mul)) {
		pv_wrmsr(msr, 0);
		pr_err("kvm: KVM did not fill the clock record at %#lx after a write to MSR %#x: not using kvm\n",
		       (unsigned long)virt_to_phys(&kvm_boot_clock), msr);
		return -KVM_EIO;
	}
	pr_info("kvm: features %#x: kvmclock (MSR %#x%s), steal time %s, port 0x80 delay %s\n",
		kvm_features, msr,
		kvm_has(KVM_FEATURE_CLOCKSOURCE_STABLE) ? ", stable" : "",
		kvm_has(KVM_FEATURE_STEAL_TIME) ? "on" : "not offered",
		kvm_has(KVM_FEATURE_NOP_IO_DELAY) ? "skipped" : "kept");
	return 0;
}

/*
 * A refused stack: KVM stops writing into pages that go back.  Only the
 * boot CPU's record was registered (percpu areas do not exist yet), and
 * a write of 0 to the MSR cannot be refused.
 */
PVLINK_BACKEND_EXIT(kvm)
{
	(void)bi;
	pv_wrmsr(kvm_clock_msr(), 0);
	return 0;
}
