// SPDX-License-Identifier: GPL-2.0
/*
 * Per-vCPU set-up: each vCPU's vcpu_info in its own percpu area, and its
 * IPI channel.
 *
 * shared_info holds the vcpu_info of the first 32 vCPUs only
 * (XEN_LEGACY_MAX_VCPUS); a vCPU past them has its events, its event
 * mask and its time record only once the guest gives it a place with
 * VCPUOP_register_vcpu_info (public/vcpu.h).  Every vCPU gets one here,
 * xen_pv_vcpu_info in its percpu area, so that the interrupt-flag
 * pv-ops reach the running vCPU's mask through %gs alone.
 *
 * When, and in which order:
 *  - the kernel calls xen_pv_vcpu_setup() from its Xen PV SMP bring-up
 *    (arch/x86/xen/smp_pv.c), for the boot vCPU first and then for each
 *    AP before VCPUOP_up: the percpu areas are filled by then
 *    (setup_percpu() copies the template over every area, which would
 *    wipe a vcpu_info registered earlier), and the link can no longer
 *    fail.  A registration cannot be undone (Xen has no operation for
 *    it), and made in the backend's init it would point Xen into pages
 *    a refused stack gives back; made here, the exit has nothing of it
 *    to undo.
 *  - Xen copies the vcpu_info in use to the new place (the mask, the
 *    pending flags and selector carry over) and then marks every
 *    selector pending: one spurious upcall, no lost event.  The boot
 *    vCPU registers itself with events masked, so no upcall runs between
 *    the copy and the switch of xen_pv_vcpu_placed: before it the
 *    pv-ops read shared_info's slot 0, after it their percpu copy, whose
 *    mask Xen copied (masked) and irq_restore then sets as it was.
 *  - an AP is registered while it is down (Xen allows it for the running
 *    vCPU or one that is down): it runs on its own vcpu_info from its
 *    first instruction, events masked, as Xen copied them.
 */
#include <linux/kernel.h>
#include <linux/percpu.h>
#include <asm/page.h>
#include <asm/pvops.h>
#include <xen/hypercall.h>
#include <xen/vcpu.h>

#include "xen-pv.h"

/* 64 bytes, 64-aligned: never across a page, as Xen requires. */
DEFINE_PER_CPU(struct vcpu_info, xen_pv_vcpu_info) __aligned(64);
/*
 * The address each vCPU's vcpu_info was registered at (0: not yet), in
 * the vCPU's own percpu data, for the smp self-test (PVLINK_IMPORT).
 */
DEFINE_PER_CPU(unsigned long, xen_pv_vcpu_info_addr);
bool xen_pv_vcpu_placed;

static int register_vcpu_info(unsigned int cpu)
{
	struct vcpu_info *v = per_cpu_ptr(&xen_pv_vcpu_info, cpu);
	struct vcpu_register_vcpu_info info = {
		.mfn = xen_pv_virt_to_machine(v) >> PAGE_SHIFT,
		.offset = (unsigned long)v & (PAGE_SIZE - 1),
	};
	unsigned long flags = 0;
	long rc;

	if (cpu == 0)
		flags = pv_irq_save();
	rc = HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_info, cpu, &info);
	if (!rc && cpu == 0)
		__atomic_store_n(&xen_pv_vcpu_placed, true, __ATOMIC_RELEASE);
	if (cpu == 0)
		pv_irq_restore(flags);
	if (rc) {
		printk(KERN_ERR "xen-pv: VCPUOP_register_vcpu_info for vCPU %u at %p (machine frame %#llx + %#x) failed (Xen error %ld)\n",
		       cpu, v, (unsigned long long)info.mfn, info.offset, rc);
		return -1;
	}
	per_cpu(xen_pv_vcpu_info_addr, cpu) = (unsigned long)v;
	if (xen_pv_debug)
		printk(KERN_INFO "xen-pv: vCPU %u: vcpu_info at %p in its percpu area\n", cpu, v);
	return 0;
}

/**
 * xen_pv_vcpu_setup() - place vCPU @cpu's vcpu_info and bind its IPI channel
 * @cpu: the vCPU (the CPU number): 0, the running boot vCPU, first; then
 *       each AP before it is brought up
 *
 * Called by the kernel's Xen PV SMP bring-up, which imports it
 * (arch/x86/xen/smp_pv.c), after the link and setup_percpu().  No AP is
 * set up before the boot vCPU's vcpu_info is placed: each AP reads its
 * own through %gs from its first instruction.
 *
 * Context: the boot vCPU; it prints what failed.
 * Return: 0, or -1 if Xen refused the vcpu_info or the IPI channel: an AP
 * must then not be started (the boot vCPU runs on, on shared_info's slot).
 */
int xen_pv_vcpu_setup(unsigned int cpu);
int xen_pv_vcpu_setup(unsigned int cpu)
{
	if (cpu >= CONFIG_NR_CPUS || xen_pv_cpu() != 0)
		return -1;
	if (cpu != 0 && !xen_pv_vcpu_placed) {
		printk(KERN_ERR "xen-pv: vCPU %u: the boot vCPU's vcpu_info is not placed yet\n", cpu);
		return -1;
	}
	if (!per_cpu(xen_pv_vcpu_info_addr, cpu) && register_vcpu_info(cpu))
		return -1;
	return xen_pv_bind_ipi(cpu);
}
