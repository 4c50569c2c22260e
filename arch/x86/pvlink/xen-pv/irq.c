// SPDX-License-Identifier: GPL-2.0
/*
 * The interrupt flag under Xen PV: vcpu_info.evtchn_upcall_mask.
 *
 * Each vCPU's vcpu_info is in its own percpu area (vcpu.c), so the mask
 * and the pending flag are one %gs-relative access each: no vCPU id, no
 * shared_info slot (only the boot vCPU, before its vcpu_info is placed,
 * uses shared_info's slot 0).
 *
 * A PV kernel cannot execute cli/sti (ring 3); Xen delivers events, the
 * PV interrupts, through the event callback only while the vCPU's mask
 * byte is 0.  The mask is "interrupts off", so flags carry
 * X86_EFLAGS_IF exactly when the mask was clear.  Only this vCPU writes
 * its mask: no lock prefix is needed (public/xen.h, struct vcpu_info).
 *
 * Unmasking with an event already pending must deliver it now, as sti
 * would: Xen checks for pending events on every return to the guest, so
 * any hypercall does; xen_version(0) is the cheapest.
 */
#include <asm/processor-flags.h>
#include <asm/pvops.h>
#include <xen/hypercall.h>
#include <xen/sched.h>

#include "xen-pv.h"

static void force_pending_upcall(void)
{
	HYPERVISOR_xen_version(XENVER_version, NULL);
}

unsigned long pv_irq_save(void)
{
	unsigned long flags = xen_pv_mask() ? 0 : X86_EFLAGS_IF;

	xen_pv_set_mask(1);
	xen_pv_barrier();
	return flags;
}

void pv_irq_disable(void)
{
	xen_pv_set_mask(1);
	xen_pv_barrier();
}

void pv_irq_enable(void)
{
	xen_pv_barrier();
	xen_pv_set_mask(0);
	/*
	 * The store must be visible before the load of the pending flag
	 * (Xen sets it from another CPU).  A locked instruction orders
	 * them (SDM vol. 3A, 9.2.3.1); not mfence, the 0f ae group this
	 * project keeps out of guest code (BRIEF.md, KVM's emulator).
	 */
	asm volatile("lock; orl $0, (%%rsp)" : : : "memory", "cc");
	if (xen_pv_upcall_pending())
		force_pending_upcall();
}

void pv_irq_restore(unsigned long flags)
{
	if (flags & X86_EFLAGS_IF)
		pv_irq_enable();
	else
		pv_irq_disable();
}

/*
 * SCHEDOP_block clears the mask and checks for pending events atomically
 * (Xen does not block the vCPU when one is pending), so no wake-up is
 * lost between "enable" and "wait"; the event is delivered on the way
 * back.  Events stay enabled after it, as after sti; hlt.
 */
void pv_safe_halt(void)
{
	HYPERVISOR_sched_op(SCHEDOP_block, NULL);
}

/*
 * With events enabled, wait for one (block would leave them enabled, as
 * they were).  With events masked nothing may be delivered and block
 * would unmask them: give the physical CPU back to Xen once instead
 * (a hlt with interrupts off would never end at all).
 */
void pv_halt(void)
{
	if (xen_pv_mask())
		HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
	else
		HYPERVISOR_sched_op(SCHEDOP_block, NULL);
}
