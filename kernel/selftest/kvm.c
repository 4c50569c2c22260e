// SPDX-License-Identifier: GPL-2.0
/*
 * The kvm backend (arch/x86/pvlink/kvm/), where it is linked:
 *  - each CPU's kvmclock record and steal-time record are registered with
 *    KVM at that CPU's own percpu copy (read back from KVM's MSRs on the
 *    CPU itself): the backend's percpu data, on a real hypervisor;
 *  - each steal-time record's version is even, and advances when the
 *    vCPU goes out to the host and back (a port write QEMU handles);
 *  - sched_clock (kvmclock) never goes back across CPUs: a value read on
 *    one CPU after another CPU's is not smaller.
 * Skipped, with the reason, when the stack has no kvm backend.
 */
#include <linux/kernel.h>
#include <linux/percpu.h>
#include <linux/pvlink.h>
#include <linux/selftest.h>
#include <linux/smp.h>
#include <asm/kvm_para.h>
#include <asm/page.h>
#include <asm/pvops.h>

/* A port QEMU handles in user space (the POST port): a full exit. */
#define KVM_TEST_EXIT_PORT	0x80
#define KVM_TEST_ROUNDS		50

static PVLINK_IMPORT(imp_features, "kvm_features");
static PVLINK_IMPORT(imp_clock, "kvm_cpu_clock");
static PVLINK_IMPORT(imp_steal, "kvm_steal_time");

struct kvm_cpu_result {
	u64 clock_msr, steal_msr;
	u32 version0, version1;
};

static struct kvm_cpu_result kvm_results[CONFIG_NR_CPUS];
static u64 kvm_stamp;

static u32 features(void)
{
	return *(const u32 *)(uintptr_t)imp_features.value;
}

static u32 clock_msr(void)
{
	if (features() & (1u << KVM_FEATURE_CLOCKSOURCE2))
		return MSR_KVM_SYSTEM_TIME_NEW;
	return MSR_KVM_SYSTEM_TIME;
}

static volatile struct kvm_steal_time *steal_of(unsigned int cpu)
{
	return per_cpu_ptr((struct kvm_steal_time *)(uintptr_t)imp_steal.value, cpu);
}

/* On each CPU: what KVM was told, and the steal version around an exit. */
static void read_cpu(void *arg)
{
	struct kvm_cpu_result *r = &kvm_results[smp_processor_id()];

	(void)arg;
	pv_sched_clock();	/* the backend registers this CPU's records on first use */
	r->clock_msr = pv_rdmsr(clock_msr());
	r->version0 = steal_of(smp_processor_id())->version;
	pv_outb(0, KVM_TEST_EXIT_PORT);
	r->version1 = steal_of(smp_processor_id())->version;
	r->steal_msr = pv_rdmsr(MSR_KVM_STEAL_TIME);
}

static void test_records(void)
{
	bool clock_ok = true, steal_ok = true, version_ok = true, called = true;
	bool steal = features() & (1u << KVM_FEATURE_STEAL_TIME);

	for (unsigned int cpu = 0; cpu < CONFIG_NR_CPUS; cpu++) {
		struct kvm_cpu_result *r = &kvm_results[cpu];
		u64 clock_pa, steal_pa;

		if (!cpu_online(cpu))
			continue;
		if (smp_call_on_cpu(cpu, read_cpu, NULL)) {
			called = false;
			continue;
		}
		clock_pa = virt_to_phys(per_cpu_ptr((void *)(uintptr_t)imp_clock.value, cpu));
		steal_pa = virt_to_phys((const void *)steal_of(cpu));
		if (r->clock_msr != (clock_pa | KVM_MSR_ENABLED)) {
			report_info("CPU %u: clock MSR %#x is %#llx, its record is at %#llx",
				    cpu, clock_msr(), (unsigned long long)r->clock_msr,
				    (unsigned long long)clock_pa);
			clock_ok = false;
		}
		if (!steal)
			continue;
		if (r->steal_msr != (steal_pa | KVM_MSR_ENABLED)) {
			report_info("CPU %u: MSR_KVM_STEAL_TIME is %#llx, its record is at %#llx",
				    cpu, (unsigned long long)r->steal_msr,
				    (unsigned long long)steal_pa);
			steal_ok = false;
		}
		if ((r->version0 & 1) || (r->version1 & 1) || r->version1 <= r->version0) {
			report_info("CPU %u: steal time version %u, then %u after an exit",
				    cpu, r->version0, r->version1);
			version_ok = false;
		}
	}
	report(called, "every online CPU ran the check (%u CPUs)", num_online_cpus());
	report(clock_ok, "each CPU's kvmclock record is registered at its own percpu copy");
	if (!steal) {
		report_skip("each CPU's steal-time record is registered at its own percpu copy",
			    "KVM does not offer steal time (features %#x)", features());
		return;
	}
	report(steal_ok, "each CPU's steal-time record is registered at its own percpu copy");
	report(version_ok, "each steal-time version is even and advances across an exit to the host");
}

static void stamp_clock(void *arg)
{
	u64 *t = arg;

	*t = pv_sched_clock();
}

/* CPU 0, then @cpu, then CPU 0 again: each reading at least the one before. */
static void test_monotonic(void)
{
	unsigned int other = 0, bad = 0;

	for (unsigned int cpu = 1; cpu < CONFIG_NR_CPUS && !other; cpu++)
		if (cpu_online(cpu))
			other = cpu;
	if (!other) {
		report_skip("sched_clock never goes back across CPUs", "only the boot CPU is online");
		return;
	}
	for (unsigned int i = 0; i < KVM_TEST_ROUNDS; i++) {
		u64 before = pv_sched_clock(), after;

		if (smp_call_on_cpu(other, stamp_clock, &kvm_stamp)) {
			bad++;
			break;
		}
		after = pv_sched_clock();
		if (kvm_stamp < before || after < kvm_stamp) {
			if (!bad)
				report_info("round %u: CPU 0 %llu, CPU %u %llu, CPU 0 %llu", i,
					    (unsigned long long)before, other,
					    (unsigned long long)kvm_stamp,
					    (unsigned long long)after);
			bad++;
		}
	}
	report(!bad, "sched_clock never goes back across CPUs (CPU 0 and CPU %u, %u rounds, %u bad)",
	       other, KVM_TEST_ROUNDS, bad);
}

static void kvm_suite(void)
{
	if (!imp_features.found || !imp_clock.found || !imp_steal.found) {
		report_skip("kvm", "the linked stack has no kvm backend");
		return;
	}
	test_records();
	test_monotonic();
}
SELFTEST_SUITE(kvm, "kvm", kvm_suite, SELFTEST_NEEDS_PVOPS);
