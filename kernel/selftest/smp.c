// SPDX-License-Identifier: GPL-2.0
/*
 * SMP and percpu on every CPU: each CPU the firmware lists came online,
 * runs a function through smp_call_on_cpu(), knows its own number and
 * reaches its own percpu area through %gs.  With the test backend linked
 * (pvlink=test), its percpu variables prove both directions of percpu
 * symbol resolution on every CPU: pv_io_delay() counts calls in the
 * backend's test_io_delays and copies the kernel's exported cpu_number
 * into the backend's test_seen_cpu (arch/x86/pvlink/test/ops.c).
 * Each application processor also arms its own one-shot timer
 * (pv_timer_oneshot()) and must take its interrupt itself, once.  Each
 * CPU is sent an IPI (pv_send_ipi()) and must take it itself, once.
 * Under Xen PV each vCPU's vcpu_info must be in its own percpu area, and
 * the interrupt-flag pv-ops must work on that copy.
 */
#include <linux/bootinfo.h>
#include <linux/kernel.h>
#include <linux/mm.h>
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
#include <asm/traps.h>
#include <xen/pv.h>
#include <xen/shared.h>

#define SMP_TEST_PATTERN	0x5eed0000u
/* Calls in a row per CPU: the mailbox must neither lose nor repeat one. */
#define SMP_TEST_CALLS		100
/* test_seen_cpu's initial value in the test backend: no CPU yet. */
#define TEST_NO_CPU		0xffffffffu

/* The one-shot on an AP: as kernel/selftest/pvops.c's on the boot CPU. */
#define AP_ONESHOT_NS		(100 * 1000ULL)		/* 100 us */
#define AP_ONESHOT_WAIT_NS	(5 * 1000 * 1000ULL)	/* 5 ms */
/* Ends as soon as it arrives; see ONESHOT_DELIVERY_NS there (host stalls). */
#define AP_ONESHOT_DELIVERY_NS	(2000 * 1000 * 1000ULL)	/* 2 s */

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

/*
 * One line for all CPUs, and one more per check a CPU failed: with 40 or
 * 64 CPUs a line per CPU and check would outgrow the suite's KTAP buffer.
 */
static void test_each_cpu(void)
{
	unsigned int cpus = 0, failed = 0;
	bool values_ok = true;

	for (unsigned int cpu = 0; cpu < CONFIG_NR_CPUS; cpu++) {
		struct cpu_report *r = &reports[cpu];
		bool ok;

		if (!cpu_online(cpu))
			continue;
		cpus++;
		if (smp_call_on_cpu(cpu, report_self, r) != 0 || !r->ran) {
			report(false, "CPU %u: smp_call_on_cpu() runs a function there", cpu);
			failed++;
			continue;
		}
		/* Each check that fails says so; report() returns its verdict. */
		ok = r->cpu == cpu ||
		     report(false, "CPU %u: smp_processor_id() is %u", cpu, r->cpu);
		ok &= (r->gs_base == __per_cpu_offset[cpu] && r->area == __per_cpu_offset[cpu]) ||
		      report(false, "CPU %u: GS base %#lx and this_cpu_off %#lx are its own area %#lx",
			     cpu, (unsigned long)r->gs_base, r->area, __per_cpu_offset[cpu]);
		ok &= r->apic_id == smp_cpus[cpu].apic_id || cpu == 0 ||
		      report(false, "CPU %u: runs on APIC ID %u, the CPU it was started on (%u)",
			     cpu, r->apic_id, smp_cpus[cpu].apic_id);
		ok &= r->init == SMP_TEST_PATTERN ||
		      report(false, "CPU %u: its area holds the kernel's percpu template", cpu);
		failed += !ok;
		if (per_cpu(smp_test_value, cpu) != SMP_TEST_PATTERN + cpu)
			values_ok = false;
	}
	report(!failed, "each of the %u CPUs runs a function through smp_call_on_cpu() and finds there its own number, GS base and area, its APIC ID and the percpu template (%u did not)",
	       cpus, failed);
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

/* LOCAL_TIMER_VECTOR handler: counts on the CPU that takes it. */
static volatile unsigned int ap_timer_irqs[CONFIG_NR_CPUS];

/* What one AP's one-shot did, filled on that AP (no printk there). */
struct timer_report {
	unsigned int off;	/* interrupts taken while they were off */
	unsigned int on;	/* ... once on, when the wait ended */
	unsigned int later;	/* ... AP_ONESHOT_WAIT_NS after that */
	u64 delivery_ns;	/* how long the wait took */
	bool ran;
};

static struct timer_report timer_reports[CONFIG_NR_CPUS];

static void ap_timer_handler(struct pt_regs *regs)
{
	(void)regs;
	ap_timer_irqs[smp_processor_id()]++;
}

/* Busy-wait @ns by the pv-op clock, whatever the interrupt flag is. */
static void ap_spin_ns(u64 ns)
{
	u64 t0 = pv_sched_clock();

	while (pv_sched_clock() - t0 < ns)
		barrier();
}

/* On an AP, interrupts off (and left off in its idle loop): arm its one-shot. */
static void arm_here(void *arg)
{
	(void)arg;
	ap_timer_irqs[smp_processor_id()] = 0;
	pv_irq_disable();
	pv_timer_oneshot(AP_ONESHOT_NS);
	/* An AP woken by IPIs would otherwise wait with interrupts on. */
	smp_ap_hold_irqs_off();
}

/* On an AP: enable interrupts, take what is pending, see no second one. */
static void deliver_here(void *arg)
{
	struct timer_report *r = arg;
	volatile unsigned int *count = &ap_timer_irqs[smp_processor_id()];
	u64 t0, t;

	r->off = *count;
	pv_irq_enable();
	t0 = pv_sched_clock();
	do
		t = pv_sched_clock();
	while (*count == r->off && t - t0 < AP_ONESHOT_DELIVERY_NS);
	r->on = *count;
	r->delivery_ns = t - t0;
	ap_spin_ns(AP_ONESHOT_WAIT_NS);
	r->later = *count;
	pv_irq_disable();
	pv_timer_oneshot(0);
	r->ran = true;
}

/*
 * On one AP, interrupts off (as smp_call_on_cpu() runs it): arm, see it
 * held back, enable interrupts, wait for it, see no second one.
 */
static void oneshot_here(void *arg)
{
	arm_here(NULL);
	ap_spin_ns(AP_ONESHOT_WAIT_NS);
	/* One that never came must not come later, into another test. */
	deliver_here(arg);
}

static void test_ap_timers(void)
{
	const char *what = "a one-shot armed there is delivered there, on irq_enable, once";
	unsigned int aps = 0, failed = 0;

	if (num_online_cpus() < 2) {
		report_skip(what, "only the boot CPU is online");
		return;
	}
	/*
	 * Arm and cancel one on the boot CPU first: whatever the timer sets
	 * up once (native calibrates the local APIC timer) and may print
	 * about is done here, where printk is allowed.
	 */
	pv_timer_oneshot(0);
	set_irq_handler(LOCAL_TIMER_VECTOR, ap_timer_handler);
	/* One line for all APs, and one more per AP that failed (KTAP buffer). */
	for (unsigned int cpu = 1; cpu < CONFIG_NR_CPUS; cpu++) {
		struct timer_report *r = &timer_reports[cpu];
		int rc;

		if (!cpu_online(cpu))
			continue;
		aps++;
		rc = smp_call_on_cpu(cpu, oneshot_here, r);
		if (rc || !r->ran) {
			report(false, "CPU %u: %s (smp_call_on_cpu() returned %d)", cpu, what, rc);
			failed++;
			continue;
		}
		if (r->off == 0 && r->on == 1 && r->later == 1)
			continue;
		report(false, "CPU %u: %s (%u while off, %u on enable, after %lu us; %u after %lu ms)",
		       cpu, what, r->off, r->on, (unsigned long)(r->delivery_ns / 1000),
		       r->later, (unsigned long)(AP_ONESHOT_WAIT_NS / 1000000));
		failed++;
	}
	set_irq_handler(LOCAL_TIMER_VECTOR, NULL);
	report(!failed, "each of the %u APs: %s (%u did not)", aps, what, failed);
}

/*
 * Every CPU's one-shot armed at once, the boot CPU's too: each AP's
 * fires while its interrupts are off, then the boot CPU takes its own.
 * Under Xen PV all these timer events may share one word of the event
 * bitmap: the boot CPU must take only its own, and each AP then gets
 * exactly its own when it enables interrupts.
 */
static void test_timers_at_once(void)
{
	const char *what = "with every CPU's one-shot armed at once, this CPU's is delivered here, once";
	volatile unsigned int *boot_count = &ap_timer_irqs[0];
	unsigned int aps = 0, failed = 0;
	unsigned long flags;
	u64 t0, t;

	if (num_online_cpus() < 2) {
		report_skip(what, "only the boot CPU is online");
		return;
	}
	set_irq_handler(LOCAL_TIMER_VECTOR, ap_timer_handler);
	for (unsigned int cpu = 1; cpu < CONFIG_NR_CPUS; cpu++) {
		timer_reports[cpu].ran = false;
		if (cpu_online(cpu) && smp_call_on_cpu(cpu, arm_here, NULL))
			report(false, "CPU %u: %s (could not arm it there)", cpu, what);
	}
	flags = pv_irq_save();
	*boot_count = 0;
	/* Every AP's event is pending (held back there) before the boot CPU's fires. */
	ap_spin_ns(AP_ONESHOT_WAIT_NS);
	pv_timer_oneshot(AP_ONESHOT_NS);
	ap_spin_ns(AP_ONESHOT_WAIT_NS);
	pv_irq_enable();
	t0 = pv_sched_clock();
	do
		t = pv_sched_clock();
	while (*boot_count == 0 && t - t0 < AP_ONESHOT_DELIVERY_NS);
	ap_spin_ns(AP_ONESHOT_WAIT_NS);
	pv_irq_restore(flags);
	pv_timer_oneshot(0);
	report(*boot_count == 1, "CPU 0: %s (%u)", what, *boot_count);

	/*
	 * One line for all APs, and one more per AP that failed: with 32 or
	 * 64 CPUs a line each would outgrow the suite's KTAP buffer.
	 */
	for (unsigned int cpu = 1; cpu < CONFIG_NR_CPUS; cpu++) {
		struct timer_report *r = &timer_reports[cpu];
		int rc;

		if (!cpu_online(cpu))
			continue;
		aps++;
		rc = smp_call_on_cpu(cpu, deliver_here, r);
		if (rc || !r->ran) {
			report(false, "CPU %u: %s (smp_call_on_cpu() returned %d)", cpu, what, rc);
			failed++;
			continue;
		}
		if (r->off == 0 && r->on == 1 && r->later == 1)
			continue;
		report(false, "CPU %u: %s (%u before enable, %u on enable, after %lu us; %u after %lu ms)",
		       cpu, what, r->off, r->on, (unsigned long)(r->delivery_ns / 1000),
		       r->later, (unsigned long)(AP_ONESHOT_WAIT_NS / 1000000));
		failed++;
	}
	report(!failed, "each of the %u APs: %s (%u did not)", aps, what, failed);
	set_irq_handler(LOCAL_TIMER_VECTOR, NULL);
}

/* Not a vector the kernel uses; xen-pv carries 0xc0-0xff. */
#define TEST_IPI_VECTOR		0xf9

/* TEST_IPI_VECTOR interrupts each CPU took. */
static volatile unsigned int ipi_irqs[CONFIG_NR_CPUS];

static void test_ipi_handler(struct pt_regs *regs)
{
	(void)regs;
	ipi_irqs[smp_processor_id()]++;
}

/* What the target of one IPI saw, filled on it. */
struct ipi_report {
	unsigned int before;	/* ipi_irqs[cpu] when the test sent it */
	unsigned int on;	/* ... once interrupts were on, when it came */
	unsigned int later;	/* ... AP_ONESHOT_WAIT_NS after that */
	u64 delivery_ns;
	bool ran;
};

static struct ipi_report ipi_reports[CONFIG_NR_CPUS];

/*
 * On the target, after the IPI was sent: interrupts on until it came
 * (an AP halted with interrupts on may have taken it already), a while
 * more for a second one, then as they were.
 */
static void take_ipi_here(void *arg)
{
	struct ipi_report *r = arg;
	volatile unsigned int *count = &ipi_irqs[smp_processor_id()];
	unsigned long flags = pv_irq_save();
	u64 t0, t;

	pv_irq_enable();
	t0 = pv_sched_clock();
	do
		t = pv_sched_clock();
	while (*count == r->before && t - t0 < AP_ONESHOT_DELIVERY_NS);
	r->on = *count;
	r->delivery_ns = t - t0;
	ap_spin_ns(AP_ONESHOT_WAIT_NS);
	r->later = *count;
	pv_irq_restore(flags);
	r->ran = true;
}

/*
 * One IPI to each online CPU, the boot CPU included, one CPU at a time:
 * it arrives on that CPU, once, and on no other.  Under Xen PV it is an
 * event on the target's IPI channel; natively a fixed IPI of the local
 * APIC.  One line for all, and one per CPU that failed.
 */
static void test_ipis(void)
{
	const char *what = "an IPI sent to it is taken there, once, and nowhere else";
	unsigned int snap[CONFIG_NR_CPUS];
	unsigned int cpus = 0, failed = 0;

	set_irq_handler(TEST_IPI_VECTOR, test_ipi_handler);
	for (unsigned int cpu = 0; cpu < CONFIG_NR_CPUS; cpu++) {
		struct ipi_report *r = &ipi_reports[cpu];
		bool others_ok = true;
		int sent, rc;

		if (!cpu_online(cpu))
			continue;
		cpus++;
		for (unsigned int c = 0; c < CONFIG_NR_CPUS; c++)
			snap[c] = ipi_irqs[c];
		r->before = snap[cpu];
		r->ran = false;
		sent = pv_send_ipi(cpu, TEST_IPI_VECTOR);
		rc = smp_call_on_cpu(cpu, take_ipi_here, r);
		for (unsigned int c = 0; c < CONFIG_NR_CPUS; c++)
			if (c != cpu && ipi_irqs[c] != snap[c])
				others_ok = false;
		if (!sent && !rc && r->ran && r->on == r->before + 1 &&
		    r->later == r->before + 1 && others_ok)
			continue;
		report(false, "CPU %u: %s (send %d, call %d; %u before, %u once on, after %lu us, %u after %lu ms; %s)",
		       cpu, what, sent, rc, r->before, r->on,
		       (unsigned long)(r->delivery_ns / 1000), r->later,
		       (unsigned long)(AP_ONESHOT_WAIT_NS / 1000000),
		       others_ok ? "no other CPU took one" : "another CPU took one");
		failed++;
	}
	set_irq_handler(TEST_IPI_VECTOR, NULL);
	report(!failed, "each of the %u CPUs: %s (%u did not)", cpus, what, failed);
}

/* smp_call_on_cpu() woke Xen PV APs with IPIs: each took some. */
static void test_call_ipis(void)
{
	const char *what = "smp_call_on_cpu() wakes each AP that halts with an IPI";
	unsigned int aps = 0, woken = 0;

	for (unsigned int cpu = 1; cpu < CONFIG_NR_CPUS; cpu++) {
		if (!cpu_online(cpu) || !smp_cpus[cpu].wake_by_ipi)
			continue;
		aps++;
		if (smp_call_ipis(cpu))
			woken++;
		else
			report_info("CPU %u took no CALL_FUNCTION_VECTOR interrupt", cpu);
	}
	if (!aps) {
		report_skip(what, "no AP halts between calls (they poll their mailbox)");
		return;
	}
	report(woken == aps, "%s (%u of %u took CALL_FUNCTION_VECTOR)", what, woken, aps);
}

static PVLINK_IMPORT(imp_vcpu_info_addr, "xen_pv_vcpu_info_addr");

/* On each CPU, through its registered vcpu_info: what the irq pv-ops did to it. */
struct mask_report {
	u8 saved, enabled, disabled;	/* the mask after irq_save, _enable, _disable */
	bool ran;
};

static struct mask_report mask_reports[CONFIG_NR_CPUS];

static void mask_here(void *arg)
{
	struct mask_report *r = arg;
	const volatile struct vcpu_info *v = (const volatile struct vcpu_info *)
		*this_cpu_ptr((unsigned long *)(uintptr_t)imp_vcpu_info_addr.value);
	unsigned long flags = pv_irq_save();

	r->saved = v->evtchn_upcall_mask;
	pv_irq_enable();
	r->enabled = v->evtchn_upcall_mask;
	pv_irq_disable();
	r->disabled = v->evtchn_upcall_mask;
	pv_irq_restore(flags);
	r->ran = true;
}

/*
 * Xen PV: each vCPU's vcpu_info was registered inside its own percpu
 * area (xen_pv_vcpu_info_addr, the backend's percpu record of it), does
 * not cross a page, and the interrupt-flag pv-ops set and clear the
 * mask there, on that vCPU.  (Events and IPIs arriving on each vCPU are
 * the tests above.)
 */
static void test_vcpu_info(void)
{
	const char *what = "its vcpu_info is registered in its own percpu area";
	unsigned int cpus = 0, failed = 0;

	if (!boot_has(BOOT_CAP_XEN) || boot_has(BOOT_CAP_PRIV)) {
		report_skip("each vCPU's vcpu_info in its percpu area", "not a Xen PV boot");
		return;
	}
	if (!report(imp_vcpu_info_addr.found && (imp_vcpu_info_addr.flags & PVLINK_SYM_PERCPU),
		    "xen-pv keeps each vCPU's registered vcpu_info address in percpu data (%s)",
		    imp_vcpu_info_addr.name))
		return;
	for (unsigned int cpu = 0; cpu < CONFIG_NR_CPUS; cpu++) {
		unsigned long a, area = __per_cpu_offset[cpu];
		struct mask_report *r = &mask_reports[cpu];
		int rc;

		if (!cpu_online(cpu))
			continue;
		cpus++;
		a = *per_cpu_ptr((unsigned long *)(uintptr_t)imp_vcpu_info_addr.value, cpu);
		if (!a || a < area || a + sizeof(struct vcpu_info) > area + percpu_area_stride() ||
		    (a & (PAGE_SIZE - 1)) + sizeof(struct vcpu_info) > PAGE_SIZE) {
			report(false, "CPU %u: %s (%#lx; its area is [%#lx, %#lx))", cpu, what, a,
			       area, area + percpu_area_stride());
			failed++;
			continue;
		}
		r->ran = false;
		rc = smp_call_on_cpu(cpu, mask_here, r);
		if (!rc && r->ran && r->saved == 1 && r->enabled == 0 && r->disabled == 1)
			continue;
		report(false, "CPU %u: irq_save, irq_enable, irq_disable set its registered mask at %#lx to 1, 0, 1 (call %d: %u, %u, %u)",
		       cpu, a, rc, r->saved, r->enabled, r->disabled);
		failed++;
	}
	report(!failed, "each of the %u vCPUs: %s, and the irq pv-ops mask events there (%u did not)",
	       cpus, what, failed);
}

struct root_switch {
	unsigned long to;	/* the CR3 value to load */
	unsigned long before;	/* read_cr3 there before loading it */
	unsigned long seen;	/* read_cr3 there after loading it */
};

static void load_root(void *arg)
{
	struct root_switch *s = arg;

	s->before = pv_read_cr3();
	pv_write_cr3(s->to);
	s->seen = pv_read_cr3();
}

/* The virtual address page-map level-4 slot @i maps (canonical form). */
static unsigned long slot_va(unsigned int i)
{
	unsigned long va = (unsigned long)i << PGDIR_SHIFT;

	return i >= PT_ENTRIES / 2 ? va | 0xffff000000000000UL : va;
}

/*
 * CR3 is per CPU: an AP that loads another root (a copy of the current
 * one: the same mappings, so it runs on) reads it back, and the boot
 * CPU still reads its own.  Once the AP is back on the first root, the
 * copy goes back to the allocator (free_page_table(): pt_free).
 */
static void test_per_cpu_root(void)
{
	const char *what = "read_cr3 is per CPU";
	unsigned long cr3 = pv_read_cr3(), va;
	const u64 *root = phys_to_virt(cr3 & PTE_ADDR_MASK);
	struct root_switch s;
	unsigned int cpu;
	phys_addr_t pa;
	u64 *copy;

	for (cpu = 1; cpu < CONFIG_NR_CPUS && !cpu_online(cpu); cpu++)
		;
	if (cpu == CONFIG_NR_CPUS) {
		report_skip(what, "only the boot CPU is online");
		return;
	}
	pa = alloc_page();
	if (!report(pa != 0, "a page for a second root"))
		return;
	copy = phys_to_virt(pa);
	for (unsigned int i = 0; i < PT_ENTRIES; i++)
		copy[i] = 0;
	pv_pt_alloc(copy, 4);
	for (unsigned int i = 0; i < PT_ENTRIES; i++) {
		u64 e;

		va = slot_va(i);
		/* The hypervisor's own slots are its to fill (Xen PV). */
		if (va >= boot_info.hv_va_start && va < boot_info.hv_va_end)
			continue;
		e = pv_read_pte(&root[i]);
		if (e & PTE_PRESENT)
			pv_set_pte(&copy[i], e);
	}

	s.to = pa | (cr3 & ~PTE_ADDR_MASK);
	if (smp_call_on_cpu(cpu, load_root, &s)) {
		report(false, "CPU %u: %s (could not run there)", cpu, what);
		return;
	}
	report(s.before == cr3, "CPU %u runs on the boot CPU's root (%#lx, %#lx)", cpu, s.before, cr3);
	report(s.seen == s.to, "CPU %u loads a copy of the root and reads it back (%#lx, %#lx)",
	       cpu, s.to, s.seen);
	va = pv_read_cr3();
	report(va == cr3, "%s: the boot CPU still reads its own root (%#lx; %#lx expected, CPU %u loaded %#lx)",
	       what, va, cr3, cpu, s.to);
	s.to = cr3;
	if (report(!smp_call_on_cpu(cpu, load_root, &s) && s.seen == cr3,
		   "CPU %u goes back to the first root", cpu))
		report(free_page_table(copy, 4) == 0, "the copy of the root is freed (pt_free)");
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
	test_ap_timers();
	test_timers_at_once();
	test_ipis();
	test_call_ipis();
	test_vcpu_info();
	test_per_cpu_root();
}
SELFTEST_SUITE(smp, "smp", smp_suite, SELFTEST_NEEDS_PVOPS);
