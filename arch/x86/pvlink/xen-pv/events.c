// SPDX-License-Identifier: GPL-2.0
/*
 * Events, the PV guest's interrupts, and the one-shot timer.
 *
 * Xen raises VIRQ_TIMER on the vCPU at the time VCPUOP_set_singleshot_timer
 * asked for; the init binds it to an event channel.  An event sets the
 * port's bit in shared_info.evtchn_pending, its word's bit in the vCPU's
 * evtchn_pending_sel and evtchn_upcall_pending; while the mask is clear
 * Xen then enters xen_pv_upcall_entry (entry.S) with events masked, which
 * calls xen_pv_do_upcall() here: it takes every pending, unmasked port
 * bound to this vCPU, runs the kernel's timer handler for the timer's
 * port through handle_irq() and loops until nothing is pending.  The
 * return through HYPERVISOR_iret restores the mask the event interrupted.
 *
 * The pending and mask bitmaps are shared by all vCPUs, and the ports of
 * several vCPUs share a word: a vCPU takes only the ports bound to it
 * (as Linux's per-CPU port mask in its 2-level event code).  Another
 * vCPU's event may be pending while that vCPU has events masked; taking
 * it here would lose it there.  Every port starts as vCPU 0's, as a
 * channel Xen binds without a vCPU goes to vCPU 0; binding VIRQ_TIMER
 * or an IPI channel for vCPU n moves its port to n.
 *
 * IPIs: each vCPU has one IPI channel (EVTCHNOP_bind_ipi, bound from the
 * boot vCPU by xen_pv_vcpu_setup() before the vCPU runs).  pv_send_ipi()
 * sets the vector's bit in the target's xen_pv_ipi_vectors (percpu) and
 * signals its channel (EVTCHNOP_send); the target's upcall takes the
 * word and runs each vector's handler once.  A vector sent again before
 * the target took it is taken once, as a local APIC's IRR would.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/percpu.h>
#include <asm/page.h>
#include <asm/pvops.h>
#include <asm/traps.h>
#include <xen/callback.h>
#include <xen/event_channel.h>
#include <xen/hypercall.h>
#include <xen/vcpu.h>

#include "xen-pv.h"

#define BITS_PER_LONG		64
/* Ports of the 2-level event ABI: one bit each in shared_info. */
#define XEN_PV_NR_PORTS		(64 * BITS_PER_LONG)
#define XEN_PV_PORT_WORDS	(XEN_PV_NR_PORTS / BITS_PER_LONG)

/* The ports bound to each vCPU: only these are taken on it. */
static unsigned long cpu_ports[CONFIG_NR_CPUS][XEN_PV_PORT_WORDS];

/* Each vCPU's VIRQ_TIMER channel, bound on its first one-shot. */
static evtchn_port_t timer_port[CONFIG_NR_CPUS];
static bool timer_bound[CONFIG_NR_CPUS];

/* Each vCPU's IPI channel (xen_pv_bind_ipi()). */
static evtchn_port_t ipi_port[CONFIG_NR_CPUS];
static bool ipi_bound[CONFIG_NR_CPUS];
/* The IPI vectors sent to this vCPU and not yet taken: bit n, vector 0xc0 + n. */
DEFINE_PER_CPU(unsigned long, xen_pv_ipi_vectors);
/* Events on ports nobody bound: counted, cleared, never lost silently. */
static unsigned long stray_events;

static unsigned long xchg_ulong(unsigned long *p, unsigned long v)
{
	asm volatile("xchgq %0, %1" : "+r"(v), "+m"(*p) : : "memory");
	return v;
}

static void clear_bit_locked(unsigned int bit, unsigned long *word)
{
	asm volatile("lock btrq %1, %0" : "+m"(*word) : "Ir"((unsigned long)bit) : "memory");
}

static void set_bit_locked(unsigned int bit, unsigned long *word)
{
	asm volatile("lock btsq %1, %0" : "+m"(*word) : "Ir"((unsigned long)bit) : "memory");
}

/* Port @port is bound to vCPU @cpu now: only @cpu takes its events. */
static void bind_port_to(evtchn_port_t port, unsigned int cpu)
{
	unsigned int w = port / BITS_PER_LONG, b = port % BITS_PER_LONG;

	for (unsigned int c = 0; c < CONFIG_NR_CPUS; c++)
		if (c != cpu)
			clear_bit_locked(b, &cpu_ports[c][w]);
	set_bit_locked(b, &cpu_ports[cpu][w]);
}

/* Each IPI vector sent to this vCPU since it last looked, once. */
static void take_ipis(struct pt_regs *regs)
{
	unsigned long v = xchg_ulong(this_cpu_ptr(&xen_pv_ipi_vectors), 0);

	while (v) {
		unsigned int b = __builtin_ctzl(v);

		v &= v - 1;
		handle_irq(XEN_PV_IPI_FIRST_VECTOR + b, regs);
	}
}

static void dispatch(evtchn_port_t port, struct pt_regs *regs)
{
	unsigned int cpu = xen_pv_cpu();

	if (timer_bound[cpu] && port == timer_port[cpu]) {
		handle_irq(LOCAL_TIMER_VECTOR, regs);
		return;
	}
	if (ipi_bound[cpu] && port == ipi_port[cpu]) {
		take_ipis(regs);
		return;
	}
	stray_events++;
}

/**
 * xen_pv_bind_ipi() - give vCPU @cpu its IPI channel
 * @cpu: the vCPU: the running one, or one not yet up
 *
 * Context: the boot vCPU (it prints), before @cpu takes IPIs.
 * Return: 0, or -1 (said) if Xen refused or gave a port past the 2-level
 * ABI's.  A bound channel stays: Xen closes it with the domain.
 */
int xen_pv_bind_ipi(unsigned int cpu)
{
	struct evtchn_bind_ipi bind = { .vcpu = cpu };
	long rc;

	if (cpu >= CONFIG_NR_CPUS)
		return -1;
	if (ipi_bound[cpu])
		return 0;
	rc = HYPERVISOR_event_channel_op(EVTCHNOP_bind_ipi, &bind);
	if (rc) {
		printk(KERN_ERR "xen-pv: EVTCHNOP_bind_ipi for vCPU %u failed (Xen error %ld): no IPI to it\n",
		       cpu, rc);
		return -1;
	}
	if (bind.port >= XEN_PV_NR_PORTS) {
		printk(KERN_ERR "xen-pv: the IPI channel of vCPU %u got port %u, beyond the 2-level ABI's %u\n",
		       cpu, bind.port, XEN_PV_NR_PORTS);
		return -1;
	}
	bind_port_to(bind.port, cpu);
	ipi_port[cpu] = bind.port;
	__atomic_store_n(&ipi_bound[cpu], true, __ATOMIC_RELEASE);
	return 0;
}

/*
 * The vector's bit first, then the event: the target's upcall clears the
 * port's pending bit before it takes the word, so a bit set after that
 * comes with an event of its own.  From any vCPU; no message (an AP
 * must not print): the caller reports a failure.
 */
int pv_send_ipi(unsigned int cpu, unsigned int vector)
{
	struct evtchn_send send;

	if (cpu >= CONFIG_NR_CPUS || !__atomic_load_n(&ipi_bound[cpu], __ATOMIC_ACQUIRE) ||
	    vector < XEN_PV_IPI_FIRST_VECTOR ||
	    vector >= XEN_PV_IPI_FIRST_VECTOR + XEN_PV_IPI_VECTORS)
		return -1;
	set_bit_locked(vector - XEN_PV_IPI_FIRST_VECTOR, per_cpu_ptr(&xen_pv_ipi_vectors, cpu));
	send.port = ipi_port[cpu];
	return HYPERVISOR_event_channel_op(EVTCHNOP_send, &send) ? -1 : 0;
}

/*
 * Bind VIRQ_TIMER of the running vCPU to a channel (it is delivered to
 * that vCPU) and stop Xen's default 100 Hz periodic timer, which would
 * raise it too: only one-shots here.
 */
static int bind_timer(unsigned int cpu)
{
	struct evtchn_bind_virq bind = { .virq = VIRQ_TIMER, .vcpu = cpu };
	long rc;

	rc = HYPERVISOR_vcpu_op(VCPUOP_stop_periodic_timer, cpu, NULL);
	if (rc) {
		printk(KERN_ERR "xen-pv: VCPUOP_stop_periodic_timer on vCPU %u failed (Xen error %ld)\n",
		       cpu, rc);
		return -1;
	}
	rc = HYPERVISOR_event_channel_op(EVTCHNOP_bind_virq, &bind);
	if (rc) {
		printk(KERN_ERR "xen-pv: EVTCHNOP_bind_virq(VIRQ_TIMER) for vCPU %u failed (Xen error %ld): no timer\n",
		       cpu, rc);
		return -1;
	}
	if (bind.port >= XEN_PV_NR_PORTS) {
		printk(KERN_ERR "xen-pv: VIRQ_TIMER for vCPU %u got port %u, beyond the 2-level ABI's %u\n",
		       cpu, bind.port, XEN_PV_NR_PORTS);
		return -1;
	}
	bind_port_to(bind.port, cpu);
	timer_port[cpu] = bind.port;
	timer_bound[cpu] = true;
	return 0;
}

void xen_pv_do_upcall(struct pt_regs *regs)
{
	struct vcpu_info *v = xen_pv_vcpu();
	struct shared_info *s = xen_pv_shared;
	const unsigned long *mine = cpu_ports[xen_pv_cpu()];

	do {
		unsigned long sel;

		/* Cleared before the scan: a new event sets it again. */
		v->evtchn_upcall_pending = 0;
		sel = xchg_ulong(&v->evtchn_pending_sel, 0);
		while (sel) {
			unsigned int w = __builtin_ctzl(sel);
			unsigned long pending;

			sel &= sel - 1;
			pending = s->evtchn_pending[w] & ~s->evtchn_mask[w] & mine[w];
			while (pending) {
				unsigned int b = __builtin_ctzl(pending);

				pending &= pending - 1;
				clear_bit_locked(b, &s->evtchn_pending[w]);
				dispatch(w * BITS_PER_LONG + b, regs);
			}
		}
		xen_pv_barrier();
	} while (v->evtchn_upcall_pending);
}

/*
 * Arm the timer @ns from now in Xen system time (pvclock), or cancel it.
 * A timeout already past fires at once (no VCPU_SSHOTTMR_future).
 */
void pv_timer_oneshot(u64 ns)
{
	struct vcpu_set_singleshot_timer t = { 0 };
	unsigned int cpu = xen_pv_cpu();
	long rc;

	if (!timer_bound[cpu] && bind_timer(cpu))
		return;
	if (!ns) {
		rc = HYPERVISOR_vcpu_op(VCPUOP_stop_singleshot_timer, cpu, NULL);
		if (rc)
			printk(KERN_ERR "xen-pv: VCPUOP_stop_singleshot_timer failed (Xen error %ld)\n", rc);
		return;
	}
	/* Saturated: a deadline that wraps would fire at once. */
	t.timeout_abs_ns = xen_timeout_after(xen_pv_system_time(), ns);
	rc = HYPERVISOR_vcpu_op(VCPUOP_set_singleshot_timer, cpu, &t);
	if (rc)
		printk(KERN_ERR "xen-pv: VCPUOP_set_singleshot_timer(+%llu ns) failed (Xen error %ld): no timer interrupt\n",
		       (unsigned long long)ns, rc);
}

static int map_shared_info(void)
{
	phys_addr_t page = alloc_pages(0);

	if (!page) {
		printk(KERN_ERR "xen-pv: no free page to map shared_info at\n");
		return -1;
	}
	if (xen_pv_map_mfn((void *)(unsigned long)page, xen_pv_si->shared_info >> PAGE_SHIFT)) {
		printk(KERN_ERR "xen-pv: cannot map shared_info (machine address %#lx)\n",
		       xen_pv_si->shared_info);
		free_pages(page, 0);
		return -1;
	}
	xen_pv_shared = (struct shared_info *)(unsigned long)page;
	return 0;
}

/*
 * The page gets its own frame back and goes back to the allocator;
 * false if Xen refused (reported; the page is lost rather than reused).
 */
static bool unmap_shared_info(void)
{
	void *va = xen_pv_shared;

	if (!va)
		return true;
	xen_pv_shared = NULL;
	if (xen_pv_map_mfn(va, xen_pv_pfn_to_mfn((unsigned long)va >> PAGE_SHIFT)))
		return false;
	free_pages((unsigned long)va, 0);
	return true;
}

int xen_pv_events_init(void)
{
	struct callback_register cb = {
		.type = CALLBACKTYPE_event,
		.flags = CALLBACKF_mask_events,
		.address = (unsigned long)xen_pv_upcall_entry,
	};
	long rc;

	/* Every port is vCPU 0's until bound elsewhere. */
	for (unsigned int w = 0; w < XEN_PV_PORT_WORDS; w++) {
		cpu_ports[0][w] = ~0UL;
		xen_pv_barrier();	/* no memset call made of the loop */
	}
	if (map_shared_info())
		return -1;
	if (xen_pv_debug)
		printk(KERN_INFO "xen-pv: shared_info (machine %#lx) mapped at %p\n",
		       xen_pv_si->shared_info, xen_pv_shared);

	/*
	 * On a failure below the page gets its frame back; the rest stays
	 * harmless with events masked (the periodic timer only sets a
	 * pending bit).  A registered callback would point into the stack:
	 * this one is the last step that can fail.
	 */
	rc = HYPERVISOR_callback_op(CALLBACKOP_register, &cb);
	if (rc) {
		printk(KERN_ERR "xen-pv: registering the event callback failed (Xen error %ld)\n", rc);
		goto fail;
	}
	if (bind_timer(0))
		goto fail;
	if (xen_pv_debug)
		printk(KERN_INFO "xen-pv: event callback at %p, VIRQ_TIMER on port %u, periodic timer stopped\n",
		       xen_pv_upcall_entry, timer_port[0]);
	return 0;

fail:
	unmap_shared_info();
	return -1;
}

/**
 * xen_pv_events_exit() - undo xen_pv_events_init(), for the backend's exit
 * @port:  set to the VIRQ_TIMER port that was closed
 * @clean: cleared when a step Xen refused leaves something behind that
 *         does not reach into the stack's pages (reported)
 *
 * On the boot vCPU, the only one running, events masked, as the init ran.
 * The one-shot is cancelled and VIRQ_TIMER's channel closed
 * (EVTCHNOP_close), after which Xen drops the virq: the periodic timer
 * stays stopped and raises nothing.  Xen cannot unregister an event
 * callback (CALLBACKOP_unregister refuses CALLBACKTYPE_event): it is
 * registered again at address 0, which is what a PV vCPU starts with, so
 * that nothing of Xen's points into the stack's text any more.  Then
 * shared_info's page gets its own frame back.
 *
 * Return: 0, or -1 when the callback could not be cleared: Xen may then
 * still enter the stack's text, whose pages must stay reserved.
 */
int xen_pv_events_exit(unsigned int *port, bool *clean)
{
	struct callback_register cb = { .type = CALLBACKTYPE_event, .address = 0 };
	int err = 0;
	long rc;

	*port = timer_port[0];
	if (timer_bound[0]) {
		struct evtchn_close close = { .port = timer_port[0] };

		rc = HYPERVISOR_vcpu_op(VCPUOP_stop_singleshot_timer, 0, NULL);
		if (rc) {
			printk(KERN_ERR "xen-pv: exit: VCPUOP_stop_singleshot_timer failed (Xen error %ld)\n",
			       rc);
			*clean = false;
		}
		rc = HYPERVISOR_event_channel_op(EVTCHNOP_close, &close);
		if (rc) {
			printk(KERN_ERR "xen-pv: exit: EVTCHNOP_close(port %u) failed (Xen error %ld): VIRQ_TIMER stays bound\n",
			       close.port, rc);
			*clean = false;
		}
		timer_bound[0] = false;
	}
	rc = HYPERVISOR_callback_op(CALLBACKOP_register, &cb);
	if (rc) {
		printk(KERN_ERR "xen-pv: exit: clearing the event callback failed (Xen error %ld): it still points at %p\n",
		       rc, xen_pv_upcall_entry);
		*clean = false;
		err = -1;
	}
	if (!unmap_shared_info())
		*clean = false;
	return err;
}
