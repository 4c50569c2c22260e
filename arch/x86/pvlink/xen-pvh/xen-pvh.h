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
 * The shared_info page, mapped onto a page of the backend's own data
 * by the init; NULL until then.
 */
extern struct shared_info *xen_pvh_shared;

#endif /* _XEN_PVH_BACKEND_H */
