// SPDX-License-Identifier: GPL-2.0
/*
 * SMP and percpu on every CPU: each CPU the firmware lists came online,
 * runs a function through smp_call_on_cpu(), knows its own number and
 * reaches its own percpu area through %gs.  With the test backend linked
 * (pvlink=test), its percpu variables prove both directions of percpu
 * symbol resolution on every CPU: pv_io_delay() counts calls in the
 * backend's test_io_delays and copies the kernel's exported cpu_number
 * into the backend's test_seen_cpu (arch/x86/pvlink/test/ops.c).
 */
#include <linux/bootinfo.h>
#include <linux/kernel.h>
#include <linux/percpu.h>
#include <linux/pvlink.h>
#include <linux/selftest.h>
#include <linux/smp.h>
#include <asm/apic.h>
#include <asm/msr-index.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/processor-flags.h>
#include <asm/pvops.h>
#include <asm/setup.h>
#include <asm/smp.h>
#include <xen/pv.h>

#define SMP_TEST_PATTERN	0x5eed0000u
/* Calls in a row per CPU: the mailbox must neither lose nor repeat one. */
#define SMP_TEST_CALLS		100
/* test_seen_cpu's initial value in the test backend: no CPU yet. */
#define TEST_NO_CPU		0xffffffffu

static DEFINE_PER_CPU(u32, smp_test_init) = SMP_TEST_PATTERN;
static DEFINE_PER_CPU(u32, smp_test_value);
static DEFINE_PER_CPU(u32, smp_test_calls);

/* What one CPU found about itself, filled on that CPU. */
struct cpu_report {
	unsigned int cpu;		/* smp_processor_id() */
	u32 apic_id;
	u64 gs_base;			/* pv_rdmsr(MSR_GS_BASE) */
	unsigned long area;		/* this_cpu_off */
	u32 init;			/* smp_test_init as found */
	bool ran;
};

static struct cpu_report reports[CONFIG_NR_CPUS];

static void report_self(void *arg)
{
	struct cpu_report *r = arg;

	r->cpu = smp_processor_id();
	r->apic_id = apic_cpu_id();
	r->gs_base = pv_rdmsr(MSR_GS_BASE);
	r->area = this_cpu_read(this_cpu_off);
	r->init = this_cpu_read(smp_test_init);
	this_cpu_write(smp_test_value, SMP_TEST_PATTERN + smp_processor_id());
	r->ran = true;
}

static void test_each_cpu(void)
{
	bool values_ok = true;

	for (unsigned int cpu = 0; cpu < CONFIG_NR_CPUS; cpu++) {
		struct cpu_report *r = &reports[cpu];

		if (!cpu_online(cpu))
			continue;
		
		if (!report(smp_call_on_cpu(cpu, report_self, r) == 0 && r->ran,
			    "CPU %u: smp_call_on_cpu() runs a function there", cpu)) {
			continue;
		}
		report(r->cpu == cpu, "CPU %u: smp_processor_id() is %u", cpu, r->cpu);
		report(r->gs_base == __per_cpu_offset[cpu] && r->area == __per_cpu_offset[cpu],
		       "CPU %u: GS base %#lx and this_cpu_off %#lx are its own area %#lx",
		       cpu, (unsigned long)r->gs_base, r->area, __per_cpu_offset[cpu]);
		report(r->apic_id == smp_cpus[cpu].apic_id || cpu == 0,
		       "CPU %u: runs on APIC ID %u, the CPU it was started on", cpu, r->apic_id);
		report(r->init == SMP_TEST_PATTERN,
		       "CPU %u: its area holds the kernel's percpu template", cpu);
		if (per_cpu(smp_test_value, cpu) != SMP_TEST_PATTERN + cpu)
			values_ok = false;
	}
	report(values_ok, "each CPU's this_cpu_write() landed in its own area only");
}

static PVLINK_IMPORT(imp_io_delays, "test_io_delays");
static PVLINK_IMPORT(imp_seen_cpu, "test_seen_cpu");

static void count_call(void *arg)
{
	(void)arg;
	this_cpu_add(smp_test_calls, 1);
}

static void test_repeated_calls(void)
{
	bool ok = true;

	for (unsigned int cpu = 0; cpu < CONFIG_NR_CPUS; cpu++) {
		if (!cpu_online(cpu))
			continue;
		per_cpu(smp_test_calls, cpu) = 0;
		for (unsigned int i = 0; i < SMP_TEST_CALLS; i++)
			if (smp_call_on_cpu(cpu, count_call, NULL))
				break;
		if (per_cpu(smp_test_calls, cpu) != SMP_TEST_CALLS) {
			report_info("CPU %u ran %u of %u calls", cpu,
				    per_cpu(smp_test_calls, cpu), SMP_TEST_CALLS);
			ok = false;
		}
	}
	report(ok, "%u smp_call_on_cpu() calls in a row run exactly %u times on each CPU",
	       SMP_TEST_CALLS, SMP_TEST_CALLS);
}

#define io_delays_ptr(cpu)	per_cpu_ptr((unsigned long *)(uintptr_t)imp_io_delays.value, cpu)
#define seen_cpu_ptr(cpu)	per_cpu_ptr((unsigned int *)(uintptr_t)imp_seen_cpu.value, cpu)

/* On each CPU: count from 0, then pv_io_delay() cpu + 1 times. */
static void io_delay_n(void *arg)
{
	unsigned int n = smp_processor_id() + 1;

	(void)arg;
	*this_cpu_ptr((unsigned long *)(uintptr_t)imp_io_delays.value) = 0;
	for (unsigned int i = 0; i < n; i++)
		pv_io_delay();
}

static bool import_ok(const struct pvlink_import *imp, unsigned long size)
{
	return report(imp->found && (imp->flags & PVLINK_SYM_PERCPU) &&
		      imp->value >= percpu_backend_offset() &&
		      imp->value + size <= percpu_backend_offset() + percpu_backend_size(),
		      "backend: %s is a percpu symbol inside the backend's percpu data (offset %#lx)",
		      imp->name, (unsigned long)imp->value);
}

static void test_backend_percpu(void)
{
	bool template_ok = true, counts_ok = true, seen_ok = true;
	unsigned int calls_failed = 0;

	if (!imp_io_delays.found && !imp_seen_cpu.found) {
		report_skip("backend percpu variables on every CPU",
			    "the test backend is not linked (boot with pvlink=test and its image)");
		return;
	}
	if (!import_ok(&imp_io_delays, sizeof(unsigned long)) ||
	    !import_ok(&imp_seen_cpu, sizeof(unsigned int)))
		return;

	/* No AP has called pv_io_delay() yet: each still has the template. */
	for (unsigned int cpu = 1; cpu < CONFIG_NR_CPUS; cpu++)
		if (cpu_online(cpu) && (*io_delays_ptr(cpu) != 0 || *seen_cpu_ptr(cpu) != TEST_NO_CPU))
			template_ok = false;
	if (num_online_cpus() > 1)
		report(template_ok, "backend: every AP's copy starts from the backend's template");
	else
		report_skip("backend: every AP's copy starts from the backend's template",
			    "only the boot CPU is online");

	for (unsigned int cpu = 0; cpu < CONFIG_NR_CPUS; cpu++)
		if (cpu_online(cpu) && smp_call_on_cpu(cpu, io_delay_n, NULL))
			calls_failed++;
	report(!calls_failed, "backend: every online CPU ran pv_io_delay() cpu + 1 times");

	for (unsigned int cpu = 0; cpu < CONFIG_NR_CPUS; cpu++) {
		if (!cpu_online(cpu))
			continue;
		if (*io_delays_ptr(cpu) != cpu + 1) {
			report_info("CPU %u: test_io_delays is %lu, expected %u",
				    cpu, *io_delays_ptr(cpu), cpu + 1);
			counts_ok = false;
		}
		if (*seen_cpu_ptr(cpu) != cpu) {
			report_info("CPU %u: test_seen_cpu is %#x, expected %u",
				    cpu, *seen_cpu_ptr(cpu), cpu);
			seen_ok = false;
		}
	}
	report(counts_ok, "backend: each CPU's test_io_delays is exactly cpu + 1 (%u CPUs)",
	       num_online_cpus());
	report(seen_ok, "backend: each CPU's test_seen_cpu is the kernel's cpu_number there");
}

/* After bring-up the trampoline page is plain data again (W^X). */
static void test_trampoline_page(void)
{
	unsigned long va = (uintptr_t)phys_to_virt(smp_trampoline_pa);
	bool nx_on = pv_rdmsr(MSR_EFER) & EFER_NX;
	bool writable, executable;

	if (!smp_trampoline_pa) {
		report_skip("the AP trampoline page is data again",
			    boot_has(BOOT_CAP_XEN) && !boot_has(BOOT_CAP_PRIV) ?
			    "Xen PV starts vCPUs with VCPUOP hypercalls, without a trampoline" :
			    "no AP was started");
		return;
	}
	if (!report(pte_prot_of(va, &writable, &executable),
		    "the AP trampoline page %#lx is mapped", va))
		return;
	report(writable && (!executable || !nx_on),
	       "the AP trampoline page %#lx is writable and%s executable again (NX %s)",
	       va, nx_on ? " not" : "", nx_on ? "on" : "off");
}

static void smp_suite(void)
{
	unsigned int expected = min(nr_cpus_found, (unsigned int)CONFIG_NR_CPUS);

	if (boot_has(BOOT_CAP_XEN) && !boot_has(BOOT_CAP_PRIV))
		/* No MADT under Xen PV: the vCPUs Xen gave are the CPUs. */
		report(num_online_cpus() == min(xen_pv_nr_vcpus, (unsigned int)CONFIG_NR_CPUS),
		       "all %u vCPUs Xen gave came online (%u online, CONFIG_NR_CPUS=%d)",
		       xen_pv_nr_vcpus, num_online_cpus(), CONFIG_NR_CPUS);
	else if (!nr_cpus_found)
		report_skip("every CPU came online", "no ACPI MADT lists the CPUs");
	else
		report(num_online_cpus() == expected,
		       "all %u CPUs the ACPI MADT lists came online (%u online, CONFIG_NR_CPUS=%d)",
		       expected, num_online_cpus(), CONFIG_NR_CPUS);
	report(smp_call_on_cpu(CONFIG_NR_CPUS, report_self, &reports[0]) == SMP_CALL_OFFLINE,
	       "smp_call_on_cpu() refuses a CPU that does not exist");
	if (num_online_cpus() < CONFIG_NR_CPUS)
		report(smp_call_on_cpu(CONFIG_NR_CPUS - 1, report_self, &reports[0]) == SMP_CALL_OFFLINE,
		       "smp_call_on_cpu() refuses CPU %d, which is not online", CONFIG_NR_CPUS - 1);
	test_trampoline_page();

	test_each_cpu();
	test_repeated_calls();
	test_backend_percpu();
}
SELFTEST_SUITE(smp, "smp", smp_suite, SELFTEST_NEEDS_PVOPS);
