/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The shared_info page and per-vCPU vcpu_info (public/xen.h and
 * public/arch-x86/xen-x86_64.h): event-channel state, the event mask
 * that stands in for EFLAGS.IF under Xen PV, the PV CR2 and the pvclock
 * time record.  Offsets are the ABI and are checked below.
 *
 * A PV guest maps the page from the machine address in start_info; an
 * HVM/PVH guest asks for it with XENMEM_add_to_physmap.
 */
#ifndef _XEN_SHARED_H
#define _XEN_SHARED_H

#include <linux/types.h>
#include <asm/pvclock.h>

/* vCPUs whose vcpu_info lives in shared_info (XEN_LEGACY_MAX_VCPUS). */
#define XEN_LEGACY_MAX_VCPUS		32

/* Each vCPU's time record is a pvclock (<asm/pvclock.h>). */
#define XEN_PVCLOCK_GUEST_STOPPED	(1u << 1)

struct vcpu_info {
	u8 evtchn_upcall_pending;	/* set by Xen, cleared by the guest */
	u8 evtchn_upcall_mask;		/* PV: the virtual "interrupts off" */
	unsigned long evtchn_pending_sel;
	struct {
		unsigned long cr2;	/* PV: the faulting address of a #PF */
		unsigned long pad;
	} arch;
	struct pvclock_vcpu_time_info time;
};

struct shared_info {
	struct vcpu_info vcpu_info[XEN_LEGACY_MAX_VCPUS];
	unsigned long evtchn_pending[64];
	unsigned long evtchn_mask[64];
	u32 wc_version;			/* wall clock, like vcpu_time_info */
	u32 wc_sec;
	u32 wc_nsec;
	u32 wc_sec_hi;
	/* struct arch_shared_info follows (p2m list anchors) */
};

_Static_assert(__builtin_offsetof(struct vcpu_info, arch.cr2) == 16,
	       "vcpu_info.arch.cr2 offset (public/xen.h)");
_Static_assert(__builtin_offsetof(struct vcpu_info, time) == 32,
	       "vcpu_info.time offset (public/xen.h)");
_Static_assert(sizeof(struct vcpu_info) == 64, "vcpu_info is 64 bytes");
_Static_assert(__builtin_offsetof(struct shared_info, evtchn_pending) == 2048,
	       "shared_info.evtchn_pending offset (public/xen.h)");
_Static_assert(__builtin_offsetof(struct shared_info, wc_version) == 3072,
	       "shared_info.wc_version offset (public/xen.h)");

#endif /* _XEN_SHARED_H */
