// SPDX-License-Identifier: GPL-2.0
/*
 * The other vCPUs of a Xen PV domain.
 *
 * A PV vCPU has no INIT/STARTUP: the domain gives it a whole register
 * state with VCPUOP_initialise and lets it run with VCPUOP_up (public/
 * vcpu.h).  It starts in long mode, in ring 3 on the same page tables,
 * at xen_pv_ap_start() with its CPU number in %rdi and its own stack,
 * GS base already at its percpu area; from there it joins the kernel
 * exactly as an application processor started by the trampoline does,
 * in smp_ap_main().  vCPU n is CPU n.
 *
 * Before a vCPU runs, the xen-pv backend sets up what it keeps per vCPU
 * (xen_pv_vcpu_setup(), imported from the stack): it places the vCPU's
 * vcpu_info in the vCPU's percpu area (VCPUOP_register_vcpu_info: the
 * vCPUs past the 32 of shared_info have no other) and binds its IPI event
 * channel.  The boot vCPU comes first, here: its percpu area is set up
 * and the link can no longer fail (nothing of it has to be undone).  An
 * AP whose set-up fails is not started; one that has it waits for its
 * calls halted and is woken by an IPI (smp_cpus[].wake_by_ipi).
 */
#include <linux/bootinfo.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/percpu.h>
#include <linux/pvlink.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <asm/apic.h>
#include <asm/page.h>
#include <asm/processor-flags.h>
#include <asm/pvops.h>
#include <asm/smp.h>
#include <xen/hypercall.h>
#include <xen/pv.h>
#include <xen/shared.h>
#include <xen/vcpu.h>

#include "xen-ops.h"

/* How long a started vCPU may take to come online. */
#define XEN_PV_AP_TIMEOUT_NS	(5ULL * 1000 * 1000 * 1000)
#define NSEC_PER_MSEC		1000000ULL
/* EFLAGS.IOPL = 3 (SDM vol. 1, 3.4.3.3: bits 13:12). */
#define XEN_PV_AP_IOPL		(3ul << 12)

unsigned int xen_pv_nr_vcpus;

/*
 * Xen's ids run to a few thousand vCPUs (MAX_VIRT_CPUS); past this many
 * the domain's vCPUs are not counted, only said to be more.
 */
#define XEN_PV_MAX_VCPUS_COUNTED	4096

/* The backend's event callback: the new vCPU gets events there too. */
static PVLINK_IMPORT(xen_pv_upcall, "xen_pv_upcall_entry");
/* int xen_pv_vcpu_setup(unsigned int cpu): the backend's per-vCPU set-up. */
static PVLINK_IMPORT(xen_pv_setup, "xen_pv_vcpu_setup");

/* Large (5 KiB): static, one vCPU is started at a time. */
static struct vcpu_guest_context ctxt;

/*
 * The first C code of a new vCPU.  Its APIC ID is what its CPUID says,
 * which Xen chooses (public/arch-x86/cpuid.h has no rule for PV): the
 * vCPU records it for the boot CPU before it claims its number.
 */
static void __noreturn xen_pv_ap_start(unsigned int cpu)
{
	smp_cpus[cpu].apic_id = apic_cpu_id();
	smp_ap_main(cpu);
}

static unsigned int count_vcpus(void)
{
	unsigned int n = 0;

	/* -ENOENT for the first number the domain has no vCPU for. */
	while (n < XEN_PV_MAX_VCPUS_COUNTED && HYPERVISOR_vcpu_op(VCPUOP_is_up, n, NULL) >= 0)
		n++;
	return n;
}

/*
 * The backend's set-up of vCPU @cpu (its messages say what failed), on
 * the boot vCPU, for itself or for a vCPU not yet up: 0 or -1.
 */
static int vcpu_setup(unsigned int cpu)
{
	if (!xen_pv_setup.found || !(xen_pv_setup.flags & PVLINK_SYM_FUNC)) {
		pr_err("smp: vCPU %u: the stack has no function xen_pv_vcpu_setup: no vcpu_info in percpu data, no IPI\n",
		       cpu);
		return -1;
	}
	return ((int (*)(unsigned int))(uintptr_t)xen_pv_setup.value)(cpu);
}

/* The register state vCPU @cpu starts in, with @stack_top as its stack. */
static void fill_context(unsigned int cpu, unsigned long stack_top)
{
	const struct xen_start_info *si = boot_info.platform;
	const unsigned long *p2m = (const unsigned long *)si->mfn_list;
	unsigned long root_pfn = PFN_DOWN(pv_read_cr3());

	memset(&ctxt, 0, sizeof(ctxt));
	ctxt.flags = VGCF_in_kernel;
	ctxt.user_regs.rip = (unsigned long)xen_pv_ap_start;
	ctxt.user_regs.rdi = cpu;
	/* As after a call: the psABI wants %rsp + 8 16-byte aligned at entry. */
	ctxt.user_regs.rsp = stack_top - 8;
	ctxt.user_regs.cs = FLAT_KERNEL_CS;
	ctxt.user_regs.ss = FLAT_KERNEL_SS;
	/*
	 * Events stay masked in vcpu_info until the kernel enables them;
	 * rflags.IOPL becomes the vCPU's virtual IOPL (Xen's
	 * arch_set_info_guest()): 3, as the xen-pv backend's init gives the
	 * boot vCPU, so port I/O works on every CPU.
	 */
	ctxt.user_regs.rflags = XEN_PV_AP_IOPL;
	xen_pv_trap_ctxt(ctxt.trap_ctxt);	/* until its idt_load() */
	ctxt.kernel_ss = FLAT_KERNEL_SS;
	ctxt.kernel_sp = stack_top;
	ctxt.ctrlreg[3] = p2m[root_pfn] << PAGE_SHIFT;	/* the same root, as a machine address */
	ctxt.event_callback_eip = xen_pv_upcall.found ? xen_pv_upcall.value : 0;
	ctxt.gs_base_kernel = __per_cpu_offset[cpu];
}

static bool wait_online(unsigned int cpu)
{
	u64 t0 = pv_sched_clock();

	while (__atomic_load_n(&smp_cpus[cpu].state, __ATOMIC_ACQUIRE) != SMP_CPU_ONLINE)
		if (pv_sched_clock() - t0 > XEN_PV_AP_TIMEOUT_NS)
			return false;
	return true;
}

static bool start_vcpu(unsigned int cpu)
{
	struct smp_cpu *c = &smp_cpus[cpu];
	uintptr_t stack_top = smp_alloc_ap_memory(c, cpu);
	u32 expected = SMP_CPU_STARTING;
	long rc;

	if (!stack_top)
		return false;
	/* Its vcpu_info and IPI channel before it runs: it never runs without. */
	if (vcpu_setup(cpu)) {
		pr_err("smp: vCPU %u: not started (no vcpu_info in its percpu area, or no IPI channel)\n",
		       cpu);
		smp_free_ap_memory(c, stack_top);
		return false;
	}
	c->wake_by_ipi = 1;
	__atomic_store_n(&c->state, SMP_CPU_STARTING, __ATOMIC_RELEASE);

	fill_context(cpu, stack_top);
	rc = HYPERVISOR_vcpu_op(VCPUOP_initialise, cpu, &ctxt);
	if (!rc)
		rc = HYPERVISOR_vcpu_op(VCPUOP_up, cpu, NULL);
	if (rc) {
		pr_err("smp: vCPU %u: VCPUOP_initialise/VCPUOP_up failed (Xen error %ld): not started\n",
		       cpu, rc);
		__atomic_store_n(&c->state, SMP_CPU_FAILED, __ATOMIC_RELEASE);
		smp_free_ap_memory(c, stack_top);
		return false;
	}
	if (wait_online(cpu))
		return true;
	/* Too late from now on: smp_ap_main() parks it if it still comes. */
	if (!__atomic_compare_exchange_n(&c->state, &expected, SMP_CPU_FAILED, false,
					 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		__atomic_store_n(&c->state, SMP_CPU_FAILED, __ATOMIC_RELEASE);
	HYPERVISOR_vcpu_op(VCPUOP_down, cpu, NULL);
	pr_err("smp: vCPU %u did not come online within %llu ms: taken down, the boot continues without it\n",
	       cpu, XEN_PV_AP_TIMEOUT_NS / NSEC_PER_MSEC);
	return false;	/* its memory stays: it may have run there */
}

void xen_pv_smp_boot_cpus(void)
{
	u64 begin = pv_sched_clock();
	unsigned int n = count_vcpus();

	xen_pv_nr_vcpus = n;
	/*
	 * The boot vCPU's own vcpu_info and IPI channel.  Without them it
	 * runs on (on shared_info's slot 0), but no AP is started: an AP
	 * reads its own vcpu_info through %gs and waits for an IPI.
	 */
	if (vcpu_setup(0)) {
		pr_err("smp: 1 CPU online: the boot vCPU's set-up failed, no AP is started\n");
		return;
	}
	if (n < 2) {
		pr_info("smp: 1 CPU online: Xen gave this domain %u vCPU (Xen's dom0_max_vcpus= for more)\n", n);
		return;
	}
	if (n > CONFIG_NR_CPUS) {
		smp_cpus_left_out = n - CONFIG_NR_CPUS;
		pr_warn("smp: %u of Xen's %u vCPUs not started: CONFIG_NR_CPUS is %d\n",
			n - CONFIG_NR_CPUS, n, CONFIG_NR_CPUS);
	}
	for (unsigned int cpu = 1; cpu < n && cpu < CONFIG_NR_CPUS; cpu++)
		start_vcpu(cpu);
	pr_info("smp: %u CPUs online (Xen PV vCPUs, VCPUOP_initialise and VCPUOP_up), started in %llu ms\n",
		num_online_cpus(), (pv_sched_clock() - begin) / NSEC_PER_MSEC);
}
