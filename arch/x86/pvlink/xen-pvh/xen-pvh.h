/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the files of the xen-pvh backend (not an API).
 *
 * Every hypercall of this backend goes through its own hypercall page,
 * xen_pvh_hypercall_page (hypercall_page.S), never the kernel's: the
 * backend must work whatever the entry code did.
 */
#ifndef _XEN_PVH_BACKEND_H
#define _XEN_PVH_BACKEND_H

#define XEN_HYPERCALL_PAGE	xen_pvh_hypercall_page
#include <xen/hypercall.h>
#include <xen/shared.h>
#include <xen/xen.h>

/*
 * memory_op XENMEM_add_to_physmap (public/memory.h): make a page of Xen's
 * (here the domain's shared_info) appear at a guest frame of a
 * translated (HVM/PVH) guest, replacing the RAM that was there.
 */
#define XENMEM_add_to_physmap		7
#define XENMAPSPACE_shared_info		0	/* idx 0: the only page */

struct xen_add_to_physmap {
	domid_t domid;
	u16 size;			/* XENMAPSPACE_gmfn_range only */
	unsigned int space;		/* XENMAPSPACE_* */
	unsigned long idx;		/* xen_ulong_t */
	xen_pfn_t gpfn;
};

_Static_assert(sizeof(struct xen_add_to_physmap) == 24,
	       "struct xen_add_to_physmap is 24 bytes (public/memory.h)");
_Static_assert(__builtin_offsetof(struct xen_add_to_physmap, idx) == 8,
	       "xen_add_to_physmap.idx offset (public/memory.h)");

/*
 * memory_op XENMEM_remove_from_physmap (public/memory.h): take whatever
 * is mapped at guest frame @gpfn of a translated guest out of its
 * physical map (here shared_info, which stays Xen's), leaving a hole.
 */
#define XENMEM_remove_from_physmap	15

struct xen_remove_from_physmap {
	domid_t domid;
	xen_pfn_t gpfn;
};

_Static_assert(sizeof(struct xen_remove_from_physmap) == 16,
	       "struct xen_remove_from_physmap is 16 bytes (public/memory.h)");

/*
 * memory_op XENMEM_populate_physmap (public/memory.h): give the domain
 * @nr_extents new extents of 2^@extent_order pages of RAM at the guest
 * frames listed at @extent_start.  Returns how many extents it did.
 */
#define XENMEM_populate_physmap		6

struct xen_memory_reservation {
	xen_pfn_t *extent_start;	/* XEN_GUEST_HANDLE(xen_pfn_t) */
	unsigned long nr_extents;	/* xen_ulong_t */
	unsigned int extent_order;
	unsigned int mem_flags;
	domid_t domid;
};

_Static_assert(sizeof(struct xen_memory_reservation) == 32,
	       "struct xen_memory_reservation is 32 bytes (public/memory.h)");
_Static_assert(__builtin_offsetof(struct xen_memory_reservation, domid) == 24,
	       "xen_memory_reservation.domid offset (public/memory.h)");

/*
 * hvm_op (public/hvm/hvm_op.h): HVMOP_set_evtchn_upcall_vector makes Xen
 * signal a vCPU's pending events by raising @vector in that vCPU's local
 * APIC, whenever its evtchn_upcall_pending goes from 0 to 1.
 */
#define HVMOP_set_evtchn_upcall_vector	23

struct xen_hvm_evtchn_upcall_vector {
	u32 vcpu;
	u8 vector;			/* 0x10 and above */
};

_Static_assert(sizeof(struct xen_hvm_evtchn_upcall_vector) == 8,
	       "struct xen_hvm_evtchn_upcall_vector is 8 bytes (public/hvm/hvm_op.h)");

static inline long HYPERVISOR_hvm_op(int cmd, void *arg)
{
	return _xen_hypercall(__HYPERVISOR_hvm_op, cmd, arg, 0, 0, 0);
}

/*
 * CPUID base+4, "HVM-specific features" (public/arch-x86/cpuid.h): ebx
 * is the calling vCPU's id when eax has this bit.
 */
#define XEN_CPUID_HVM_FEATURES		4
#define XEN_HVM_CPUID_VCPU_ID_PRESENT	(1u << 3)

/*
 * The shared_info page, mapped onto a page of the backend's own data
 * by the init; NULL until then.
 */
extern struct shared_info *xen_pvh_shared;

/* Xen's first CPUID leaf (0x40000000 + n * 0x100), set by the init. */
extern u32 xen_pvh_cpuid_leaf;

/* clock.c */
u64 xen_pvh_system_time(void);

/* events.c */
void xen_pvh_events_init(void);
void xen_pvh_events_exit(void);
/* Not a vCPU id or port: unknown or unusable (the local APIC's timer). */
#define XEN_PVH_NONE		0xfffffffeu
u32 xen_pvh_vcpu(void);

#endif /* _XEN_PVH_BACKEND_H */
