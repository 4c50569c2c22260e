/* SPDX-License-Identifier: GPL-2.0 */
/*
 * callback_op (public/callback.h): where Xen enters a PV guest for
 * events, failsafe returns, system calls and NMIs.
 */
#ifndef _XEN_CALLBACK_H
#define _XEN_CALLBACK_H

#include <linux/types.h>

#define CALLBACKTYPE_event		0	/* the event-channel upcall */
#define CALLBACKTYPE_failsafe		1	/* a bad segment on return to the guest */
#define CALLBACKTYPE_syscall		2
#define CALLBACKTYPE_nmi		4

/* Xen sets vcpu_info.evtchn_upcall_mask before entering the callback. */
#define CALLBACKF_mask_events		(1u << 0)

#define CALLBACKOP_register		0
#define CALLBACKOP_unregister		1

/**
 * struct callback_register - argument of CALLBACKOP_register
 * @type:    CALLBACKTYPE_*
 * @flags:   CALLBACKF_*
 * @address: the entry point (xen_callback_t: a virtual address on x86-64)
 */
struct callback_register {
	u16 type;
	u16 flags;
	unsigned long address;
};

_Static_assert(sizeof(struct callback_register) == 16,
	       "callback_register is 16 bytes (public/callback.h)");

#endif /* _XEN_CALLBACK_H */
