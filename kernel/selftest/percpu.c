// SPDX-License-Identifier: GPL-2.0
/*
 * Percpu: %gs-relative access reaches the boot CPU's area, each CPU has
 * its own copy initialised from the template, and the backend reserve is
 * where the layout says.
 */
#include <linux/percpu.h>
#include <linux/selftest.h>
#include <asm/msr-index.h>
#include <asm/pvops.h>
#include <asm/setup.h>
#include <asm/smp.h>
#include <xen/pv.h>

static DEFINE_PER_CPU(u64, selftest_pcpu_counter);
static DEFINE_PER_CPU(u32, selftest_pcpu_init) = 0x5eed;

/* The reserve is zero except where the linked backend's percpu data is. */
static bool reserve_is_zero(unsigned int cpu)
{
	const u8 *area = (const u8 *)__per_cpu_offset[cpu];
	unsigned long start = percpu_backend_offset();
	unsigned long end = start + percpu_backend_size();

	for (unsigned long off = percpu_reserve_offset();
	     off < percpu_reserve_offset() + percpu_reserve_size(); off++)
		if ((off < start || off >= end) && area[off])
			return false;
	return true;
}

static void percpu_suite(void)
{
	bool init_ok = true, distinct = true, reserves_zero = true;

	report(percpu_early_gs_ok(),
	       "a percpu write at the start of the boot reached CPU 0's area: the GS base was set at entry, before any pv-op");
	if (!report(percpu_ready(), "percpu areas are set up"))
		return;
	report(pv_rdmsr(MSR_GS_BASE) == __per_cpu_offset[0],
	       "GS base is CPU 0's area (%#lx)", __per_cpu_offset[0]);
	report(smp_processor_id() == 0, "this_cpu_read(cpu_number) is 0 on the boot CPU");
	report(this_cpu_read(this_cpu_off) == __per_cpu_offset[0],
	       "this_cpu_off holds the area's own address");
	report((uintptr_t)&selftest_pcpu_counter < percpu_reserve_offset(),
	       "a percpu symbol's address is an offset below the reserve (%#lx)",
	       (unsigned long)(uintptr_t)&selftest_pcpu_counter);

	this_cpu_write(selftest_pcpu_counter, 0x1234);
	this_cpu_add(selftest_pcpu_counter, 1);
	report(this_cpu_read(selftest_pcpu_counter) == 0x1235, "this_cpu_write/add/read");
	report(per_cpu(selftest_pcpu_counter, 0) == 0x1235,
	       "the write landed in CPU 0's area");
	report(CONFIG_NR_CPUS < 2 || per_cpu(selftest_pcpu_counter, 1) == 0,
	       "CPU 1's copy is untouched");
	report(this_cpu_ptr(&selftest_pcpu_counter) == per_cpu_ptr(&selftest_pcpu_counter, 0),
	       "this_cpu_ptr() == per_cpu_ptr(, 0)");

	for (unsigned int cpu = 0; cpu < CONFIG_NR_CPUS; cpu++) {
		if (per_cpu(selftest_pcpu_init, cpu) != 0x5eed)
			init_ok = false;
		if (cpu && __per_cpu_offset[cpu] - __per_cpu_offset[cpu - 1] != percpu_area_stride())
			distinct = false;
		if (!reserve_is_zero(cpu))
			reserves_zero = false;
	}
	report(init_ok, "every CPU's copy starts from the template");
	report(distinct, "areas are %lu bytes apart", percpu_area_stride());
	report(percpu_reserve_offset() + percpu_reserve_size() <= percpu_area_stride(),
	       "the backend reserve (%lu bytes at offset %#lx) fits in each area",
	       percpu_reserve_size(), percpu_reserve_offset());
	report(reserves_zero, "every backend reserve is zeroed, but for the backend's data (%lu bytes at %#lx)",
	       percpu_backend_size(), percpu_backend_offset());
	report(percpu_reserve_size() == PERCPU_BACKEND_RESERVE,
	       "reserve size matches the configuration");
	/*
	 * A kernel built for fewer CPUs than the machine has runs on the
	 * first CONFIG_NR_CPUS and reports the others left out.
	 */
	if (nr_cpus_found)
		report(smp_cpus_left_out == (nr_cpus_found > CONFIG_NR_CPUS ?
					     nr_cpus_found - CONFIG_NR_CPUS : 0),
		       "every CPU the ACPI MADT lists (%u) has an area (CONFIG_NR_CPUS=%d) or is reported left out (%u)",
		       nr_cpus_found, CONFIG_NR_CPUS, smp_cpus_left_out);
	else if (xen_pv_nr_vcpus)	/* Xen PV has no MADT: Xen's vCPUs */
		report(smp_cpus_left_out == (xen_pv_nr_vcpus > CONFIG_NR_CPUS ?
					     xen_pv_nr_vcpus - CONFIG_NR_CPUS : 0),
		       "every vCPU Xen gave (%u) has an area (CONFIG_NR_CPUS=%d) or is reported left out (%u)",
		       xen_pv_nr_vcpus, CONFIG_NR_CPUS, smp_cpus_left_out);
	else
		report_skip("every CPU the ACPI MADT lists has an area",
			    "no ACPI MADT was found to count CPUs from");
}
SELFTEST_SUITE(percpu, "percpu", percpu_suite, SELFTEST_NEEDS_PVOPS);
