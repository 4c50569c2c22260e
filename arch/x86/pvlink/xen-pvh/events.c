// SPDX-License-Identifier: GPL-2.0
/*
 * The one-shot timer under Xen PVH, through Xen's events.
 *
 * pv_timer_oneshot() arms the vCPU's Xen timer (VCPUOP_set_singleshot_timer,
 * public/vcpu.h) at Xen system time now + @ns.  When it expires Xen raises
 * VIRQ_TIMER on the vCPU's event channel: it sets the port's bit in
 * shared_info.evtchn_pending, its word's bit in the vCPU's
 * evtchn_pending_sel and the vCPU's evtchn_upcall_pending, and, as that
 * flag goes from 0 to 1, raises HYPERVISOR_CALLBACK_VECTOR in the vCPU's
 * local APIC: the vCPU asked for that with HVMOP_set_evtchn_upcall_vector
 * (public/hvm/hvm_op.h; Xen's hvm_assert_evtchn_irq()).  An interrupt of
 * the local APIC waits for RFLAGS.IF, so an event that arrives with
 * interrupts off is delivered when they are on again.  The handler,
 * xen_pvh_upcall(), clears what it consumes and runs the kernel's
 * LOCAL_TIMER_VECTOR handler through handle_irq(); the kernel's IDT path
 * then sends the EOI, as for any local APIC interrupt.
 *
 * Not the domain-wide callback (HVM_PARAM_CALLBACK_IRQ, type vector):
 * with it, Xen injects the vector into every vCPU whose
 * evtchn_upcall_pending is set, whether or not that vCPU takes events,
 * and with two vCPUs here about one boot in six hung for good (at the
 * second vCPU's start or at the first timer) under Xen 4.17 in QEMU TCG;
 * with the per-vCPU vector none did in dozens.
 *
 * Xen raises the vector only while the vCPU's local APIC is software
 * enabled (an LVT or fixed interrupt into a disabled one is dropped), and
 * only on the 0-to-1 edge of evtchn_upcall_pending: one event signalled
 * into a disabled APIC leaves the flag set with no vector, and every later
 * event on that vCPU is swallowed.  So the backend enables the APIC
 * itself first, whatever the rest of the kernel did or did not do.
 *
 * Each vCPU sets up its events the first time it arms a timer: its local
 * APIC, the vector, then VIRQ_TIMER bound to a new event channel (both need Xen's
 * vCPU id, from CPUID base+4, and percpu data, neither of which the
 * init has).  That port is the only event channel this backend binds,
 * so the upcall looks at nothing else.  Where any of it is missing the
 * timer is the local APIC's, as native's.
 */
#include <linux/compiler.h>
#include <linux/percpu.h>
#include <linux/printk.h>
#include <linux/types.h>
#include <asm/apic.h>
#include <asm/pvops.h>
#include <asm/setup.h>
#include <asm/traps.h>
#include <xen/event_channel.h>
#include <xen/vcpu.h>

#include "xen-pvh.h"

#define BITS_PER_XEN_ULONG	64	/* evtchn_pending words (xen_ulong_t) */

/* Not a vCPU id or port: not looked up yet. */
#define XEN_PVH_UNKNOWN		0xffffffffu

static DEFINE_PER_CPU(u32, xen_pvh_vcpu_id) = XEN_PVH_UNKNOWN;
static DEFINE_PER_CPU(u32, xen_pvh_timer_port) = XEN_PVH_UNKNOWN;

/**
 * xen_pvh_vcpu() - the running vCPU's id as Xen numbers it
 *
 * Read from CPUID base+4 on first use and kept in percpu data.
 *
 * Context: percpu areas set up (percpu_ready()).
 * Return: the id, or XEN_PVH_NONE where Xen does not give it or it has
 * no vcpu_info in shared_info.
 */
u32 xen_pvh_vcpu(void)
{
	u32 id = this_cpu_read(xen_pvh_vcpu_id);
	struct cpuid_regs r;

	if (id != XEN_PVH_UNKNOWN)
		return id;
	pv_cpuid(xen_pvh_cpuid_leaf + XEN_CPUID_HVM_FEATURES, 0, &r);
	id = r.eax & XEN_HVM_CPUID_VCPU_ID_PRESENT ? r.ebx : XEN_PVH_NONE;
	/* Its vcpu_info must be one of shared_info's. */
	if (id != XEN_PVH_NONE && id >= XEN_LEGACY_MAX_VCPUS) {
		pr_warn("xen-pvh: vCPU %u has no vcpu_info in shared_info (the first %d have): its timer is the local APIC's\n",
			id, XEN_LEGACY_MAX_VCPUS);
		id = XEN_PVH_NONE;
	}
	this_cpu_write(xen_pvh_vcpu_id, id);
	return id;
}

/*
 * Have Xen signal vCPU @vcpu's events through HYPERVISOR_CALLBACK_VECTOR,
 * bind its VIRQ_TIMER to a new event channel and unmask it; stop Xen's
 * periodic timer on that vCPU, which would raise the same VIRQ on its
 * own.  Called on that vCPU.
 */
static u32 xen_pvh_bind_timer(u32 vcpu)
{
	struct xen_hvm_evtchn_upcall_vector up = {
		.vcpu = vcpu,
		.vector = HYPERVISOR_CALLBACK_VECTOR,
	};
	struct evtchn_bind_virq bind = { .virq = VIRQ_TIMER, .vcpu = vcpu };
	long rc;

	/* Before the vector: an event must never find the APIC disabled. */
	if (!lapic_init()) {
		pr_err("xen-pvh: vCPU %u has no usable local APIC for the event vector: its timer is the local APIC's\n",
		       vcpu);
		return XEN_PVH_NONE;
	}
	lapic_enable_this_cpu();	/* an AP: lapic_init() ran on the boot CPU */

	/* Xen raises the vector once at once: the upcall finds nothing. */
	rc = HYPERVISOR_hvm_op(HVMOP_set_evtchn_upcall_vector, &up);
	if (rc < 0) {
		pr_err("xen-pvh: HVMOP_set_evtchn_upcall_vector(vCPU %u, %#x) failed (%ld): its timer is the local APIC's\n",
		       vcpu, HYPERVISOR_CALLBACK_VECTOR, rc);
		return XEN_PVH_NONE;
	}
	rc = HYPERVISOR_vcpu_op(VCPUOP_stop_periodic_timer, vcpu, NULL);
	if (rc < 0)
		pr_warn("xen-pvh: VCPUOP_stop_periodic_timer on vCPU %u failed (%ld)\n", vcpu, rc);
	rc = HYPERVISOR_event_channel_op(EVTCHNOP_bind_virq, &bind);
	if (rc < 0) {
		pr_err("xen-pvh: EVTCHNOP_bind_virq(VIRQ_TIMER, vCPU %u) failed (%ld): its timer is the local APIC's\n",
		       vcpu, rc);
		return XEN_PVH_NONE;
	}
	/* struct evtchn_unmask is one port (public/event_channel.h). */
	rc = HYPERVISOR_event_channel_op(EVTCHNOP_unmask, &bind.port);
	if (rc < 0) {
		pr_err("xen-pvh: EVTCHNOP_unmask(port %u) failed (%ld): vCPU %u's timer is the local APIC's\n",
		       bind.port, rc, vcpu);
		return XEN_PVH_NONE;
	}
	pr_info("xen-pvh: vCPU %u: VIRQ_TIMER on event channel %u, signalled through vector %#x\n",
		vcpu, bind.port, HYPERVISOR_CALLBACK_VECTOR);
	return bind.port;
}

/* This CPU's timer port, bound on first use, or XEN_PVH_NONE. */
static u32 xen_pvh_timer(void)
{
	u32 port = this_cpu_read(xen_pvh_timer_port), vcpu;

	if (port != XEN_PVH_UNKNOWN)
		return port;
	vcpu = xen_pvh_vcpu();
	port = vcpu == XEN_PVH_NONE ? XEN_PVH_NONE : xen_pvh_bind_timer(vcpu);
	this_cpu_write(xen_pvh_timer_port, port);
	return port;
}

/* Clear @port's pending bit; true if it was set. */
static bool xen_pvh_take_pending(u32 port)
{
	unsigned long bit = 1ul << (port % BITS_PER_XEN_ULONG);
	unsigned long *word = &xen_pvh_shared->evtchn_pending[port / BITS_PER_XEN_ULONG];

	return __atomic_fetch_and(word, ~bit, __ATOMIC_SEQ_CST) & bit;
}

/*
 * HYPERVISOR_CALLBACK_VECTOR.  Xen raises it when the vCPU's
 * evtchn_upcall_pending goes from 0 to 1, so the summary flags are
 * cleared first: an event that arrives while we look sets them again
 * and raises the vector once more.
 */
static void xen_pvh_upcall(struct pt_regs *regs)
{
	u32 vcpu = xen_pvh_vcpu();
	u32 port = this_cpu_read(xen_pvh_timer_port);
	struct vcpu_info *vi;

	if (vcpu == XEN_PVH_NONE)
		return;		/* no vcpu_info of ours: Xen signals nothing here */
	vi = &xen_pvh_shared->vcpu_info[vcpu];
	WRITE_ONCE(vi->evtchn_upcall_pending, 0);
	__atomic_exchange_n(&vi->evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);
	if (port < XEN_PVH_NONE && xen_pvh_take_pending(port))
		handle_irq(LOCAL_TIMER_VECTOR, regs);
}

/**
 * xen_pvh_events_init() - route HYPERVISOR_CALLBACK_VECTOR to the upcall
 *
 * Context: the backend's init.  No vCPU asks Xen for the vector before
 * its first pv_timer_oneshot(), so none arrives before then.
 */
void xen_pvh_events_init(void)
{
	set_irq_handler(HYPERVISOR_CALLBACK_VECTOR, xen_pvh_upcall);
}

/**
 * xen_pvh_events_exit() - give HYPERVISOR_CALLBACK_VECTOR back
 *
 * Context: the backend's exit.  The init asked Xen for nothing (each
 * vCPU does on its first one-shot, after the stack is installed), so the
 * kernel's handler table is all there is to undo: no handler in the
 * stack's text stays reachable.
 */
void xen_pvh_events_exit(void)
{
	set_irq_handler(HYPERVISOR_CALLBACK_VECTOR, NULL);
}

void pv_timer_oneshot(u64 ns)
{
	struct vcpu_set_singleshot_timer t = { .flags = 0 };
	u32 port = xen_pvh_timer();
	u32 vcpu = this_cpu_read(xen_pvh_vcpu_id);
	long rc;

	if (port == XEN_PVH_NONE) {
		lapic_timer_oneshot(ns);
		return;
	}
	if (!ns) {
		HYPERVISOR_vcpu_op(VCPUOP_stop_singleshot_timer, vcpu, NULL);
		/* One that fired already is cancelled too. */
		xen_pvh_take_pending(port);
		return;
	}
	/*
	 * Without VCPU_SSHOTTMR_future a time already past fires at once:
	 * saturated, at Xen's latest deadline (not ~0, which Xen reads as -1).
	 */
	t.timeout_abs_ns = xen_timeout_after(xen_pvh_system_time(), ns);
	rc = HYPERVISOR_vcpu_op(VCPUOP_set_singleshot_timer, vcpu, &t);
	if (rc < 0)
		pr_err("xen-pvh: VCPUOP_set_singleshot_timer on vCPU %u failed (%ld): the one-shot will not fire\n",
		       vcpu, rc);
}
