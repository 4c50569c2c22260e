/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Event channels, the PV guest's interrupts (public/event_channel.h and
 * the VIRQ list of public/xen.h).
 *
 * An event sets a bit in shared_info.evtchn_pending (one bit per port),
 * its word's bit in the vCPU's evtchn_pending_sel and the vCPU's
 * evtchn_upcall_pending; unless evtchn_upcall_mask is set, Xen then
 * enters the guest's event callback.
 */
#ifndef _XEN_EVENT_CHANNEL_H
#define _XEN_EVENT_CHANNEL_H

#include <linux/types.h>

/* Virtual IRQs (public/xen.h): VIRQ_TIMER fires at the one-shot timeout. */
#define VIRQ_TIMER			0

#define EVTCHNOP_bind_virq		1
#define EVTCHNOP_bind_ipi		7
#define EVTCHNOP_close			3
#define EVTCHNOP_send			4
#define EVTCHNOP_unmask			9

typedef u32 evtchn_port_t;

/**
 * struct evtchn_bind_virq - argument of EVTCHNOP_bind_virq
 * @virq: VIRQ_*
 * @vcpu: the vCPU the VIRQ is for (and delivered to)
 * @port: out: the new event channel
 */
struct evtchn_bind_virq {
	u32 virq;
	u32 vcpu;
	evtchn_port_t port;
};

/**
 * struct evtchn_close - argument of EVTCHNOP_close
 * @port: the channel to close
 */
struct evtchn_close {
	evtchn_port_t port;
};

/**
 * struct evtchn_bind_ipi - argument of EVTCHNOP_bind_ipi
 * @vcpu: the vCPU the new channel notifies (for good: an IPI channel
 *        cannot be moved to another vCPU)
 * @port: out: the new event channel, which any vCPU of the domain may
 *        signal with EVTCHNOP_send
 */
struct evtchn_bind_ipi {
	u32 vcpu;
	evtchn_port_t port;
};

/**
 * struct evtchn_send - argument of EVTCHNOP_send
 * @port: the local channel to signal (its pending bit is set and its
 *        vCPU notified, unless the port is masked)
 */
struct evtchn_send {
	evtchn_port_t port;
};

#endif /* _XEN_EVENT_CHANNEL_H */
