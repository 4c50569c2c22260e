// SPDX-License-Identifier: GPL-2.0
/*
 * The xen-pvh backend's set-up (PVLINK_BACKEND_INIT()), run once by the
 * boot-time link before the stack's pv-ops are installed:
 *
 *  1. find Xen's CPUID leaves, at 0x40000000 or a multiple of 0x100
 *     above it (public/arch-x86/cpuid.h: Xen moves up when it also
 *     offers Viridian at the base);
 *  2. have Xen fill the backend's own hypercall page: its
 *     guest-physical address written to the MSR that leaf base+2 names
 *     in ebx;
 *  3. map the domain's shared_info page onto a page of the backend's
 *     data with XENMEM_add_to_physmap (XENMAPSPACE_shared_info): the
 *     pvclock the clock reads lives in its vcpu_info[0].time;
 *  4. route the vector Xen will signal events through to the backend's
 *     upcall (events.c; each vCPU asks Xen for it when it first arms a
 *     timer).
 *
 * A step that fails refuses the stack with a message saying what is
 * missing; the kernel then goes on with the native pv-ops alone.  The
 * mapping is the last step that can fail, so nothing is left half done
 * behind a refusal: an unused hypercall page harms nobody.
 *
 * When the link refuses the stack after the init succeeded, the exit
 * (PVLINK_BACKEND_EXIT()) undoes step 3, which would otherwise leave Xen
 * writing time records into a page of the stack's data, and step 4; the
 * hypercall page is written once by Xen and never again.
 *
 * cpuid and wrmsr are native's pv-ops, which the stack resolves inside
 * itself: this backend executes no privileged instruction of its own.
 */
#include <linux/bootinfo.h>
#include <linux/compiler.h>
#include <linux/printk.h>
#include <linux/pvlink_backend.h>
#include <linux/types.h>
#include <asm/page.h>
#include <asm/pvops.h>
#include <asm/traps.h>
#include <xen/cpuid.h>

#include "xen-pvh.h"

/* Errors the init returns: Linux's ENODEV and EIO. */
#define XEN_PVH_ENODEV		19
#define XEN_PVH_EIO		5

/* What hypercall_page.S fills the page with before Xen does (int3). */
#define XEN_PVH_HYPERCALL_UNFILLED	0xcc

struct shared_info *xen_pvh_shared;
u32 xen_pvh_cpuid_leaf;

/*
 * The page shared_info is mapped onto.  Its RAM leaves the domain when
 * Xen puts shared_info there; the page is the backend's for as long as
 * the kernel runs.
 */
static union {
	struct shared_info info;
	u8 bytes[XEN_PAGE_SIZE];
} xen_pvh_shared_page __aligned(XEN_PAGE_SIZE);

static bool xen_signature(const struct cpuid_regs *r)
{
	return r->ebx == XEN_CPUID_SIGNATURE_EBX &&
	       r->ecx == XEN_CPUID_SIGNATURE_ECX &&
	       r->edx == XEN_CPUID_SIGNATURE_EDX;
}

/*
 * Xen's first CPUID leaf: 0x40000000 + n * 0x100 where Xen's signature
 * is and its leaves reach base+2 (the hypercall leaf), or 0 when Xen is
 * not there.
 */
static u32 xen_pvh_cpuid_base(void)
{
	struct cpuid_regs r;
	u32 base;

	for (base = XEN_CPUID_FIRST_LEAF; base < XEN_CPUID_LAST_BASE;
	     base += XEN_CPUID_LEAF_STEP) {
		pv_cpuid(base, 0, &r);
		if (xen_signature(&r) && r.eax - base >= XEN_CPUID_HYPERCALL)
			return base;
	}
	return 0;
}

static int xen_pvh_install_hypercall_page(u32 base, u32 *msr)
{
	struct cpuid_regs r;
	u64 pa = virt_to_phys(xen_pvh_hypercall_page);

	pv_cpuid(base + XEN_CPUID_HYPERCALL, 0, &r);
	if (!r.eax || !r.ebx) {
		pr_err("xen-pvh: CPUID %#x offers %u hypercall pages through MSR %#x: no hypercalls; not using xen-pvh\n",
		       base + XEN_CPUID_HYPERCALL, r.eax, r.ebx);
		return -XEN_PVH_ENODEV;
	}
	*msr = r.ebx;
	/* Low 12 bits: which page of the blob (page 0: the only one we need). */
	pv_wrmsr(r.ebx, pa);
	if (READ_ONCE(xen_pvh_hypercall_page[0]) == XEN_PVH_HYPERCALL_UNFILLED) {
		pr_err("xen-pvh: Xen did not fill the hypercall page at %#lx after a write to MSR %#x; not using xen-pvh\n",
		       (unsigned long)pa, r.ebx);
		return -XEN_PVH_EIO;
	}
	return 0;
}

static int xen_pvh_map_shared_info(void)
{
	struct xen_add_to_physmap xatp = {
		.domid = DOMID_SELF,
		.space = XENMAPSPACE_shared_info,
		.idx = 0,
		.gpfn = virt_to_phys(&xen_pvh_shared_page) >> XEN_PAGE_SHIFT,
	};
	long rc = HYPERVISOR_memory_op(XENMEM_add_to_physmap, &xatp);

	if (rc < 0) {
		pr_err("xen-pvh: XENMEM_add_to_physmap(shared_info, gpfn %#lx) failed (%ld); not using xen-pvh\n",
		       xatp.gpfn, rc);
		return -XEN_PVH_EIO;
	}
	xen_pvh_shared = &xen_pvh_shared_page.info;
	return 0;
}

PVLINK_BACKEND_INIT(xen_pvh)
{
	u32 base = xen_pvh_cpuid_base(), msr = 0;
	const struct pvclock_vcpu_time_info *t;
	long ver;
	int err;

	(void)bi;
	if (!base) {
		pr_err("xen-pvh: no Xen CPUID leaves between %#x and %#x: not running under Xen; boot without pvlink=xen-pvh\n",
		       XEN_CPUID_FIRST_LEAF, XEN_CPUID_LAST_BASE - 1);
		return -XEN_PVH_ENODEV;
	}
	err = xen_pvh_install_hypercall_page(base, &msr);
	if (err)
		return err;
	ver = HYPERVISOR_xen_version(XENVER_version, NULL);
	if (ver < 0) {
		pr_err("xen-pvh: XENVER_version failed (%ld) through the hypercall page: not using xen-pvh\n",
		       ver);
		return -XEN_PVH_EIO;
	}
	err = xen_pvh_map_shared_info();
	if (err)
		return err;
	xen_pvh_cpuid_leaf = base;
	xen_pvh_events_init();

	t = &xen_pvh_shared->vcpu_info[0].time;
	pr_info("xen-pvh: Xen %lu.%lu, CPUID base %#x, hypercall page %p (MSR %#x), shared_info at %p, pvclock version %u mul %u shift %d\n",
		(unsigned long)ver >> 16, (unsigned long)ver & 0xffff, base,
		xen_pvh_hypercall_page, msr, xen_pvh_shared, READ_ONCE(t->version),
		READ_ONCE(t->tsc_to_system_mul), READ_ONCE(t->tsc_shift));
	return 0;
}

/*
 * Take shared_info off the backend's page and give the domain RAM there
 * again: XENMEM_add_to_physmap put Xen's page at that frame and gave the
 * RAM that was there back to Xen, so removing shared_info alone would
 * leave a hole where the allocator expects a page.  0, or -1 when the
 * frame is still shared_info or a hole (reported): its pages must then
 * never be freed.
 */
static int xen_pvh_unmap_shared_info(xen_pfn_t gpfn)
{
	struct xen_remove_from_physmap xrfp = { .domid = DOMID_SELF, .gpfn = gpfn };
	struct xen_memory_reservation res = {
		.extent_start = &gpfn,
		.nr_extents = 1,
		.extent_order = 0,
		.domid = DOMID_SELF,
	};
	long rc = HYPERVISOR_memory_op(XENMEM_remove_from_physmap, &xrfp);

	if (rc < 0) {
		pr_err("xen-pvh: exit: XENMEM_remove_from_physmap(gpfn %#lx) failed (%ld): shared_info stays there\n",
		       gpfn, rc);
		return -1;
	}
	rc = HYPERVISOR_memory_op(XENMEM_populate_physmap, &res);
	if (rc != 1) {
		pr_err("xen-pvh: exit: XENMEM_populate_physmap(gpfn %#lx) gave %ld of 1 pages: that frame has no RAM now\n",
		       gpfn, rc);
		return -1;
	}
	return 0;
}

PVLINK_BACKEND_EXIT(xen_pvh)
{
	xen_pfn_t gpfn = virt_to_phys(&xen_pvh_shared_page) >> XEN_PAGE_SHIFT;

	(void)bi;
	xen_pvh_events_exit();
	xen_pvh_shared = NULL;
	xen_pvh_cpuid_leaf = 0;
	if (xen_pvh_unmap_shared_info(gpfn))
		return -XEN_PVH_EIO;
	pr_info("xen-pvh: exit: shared_info taken off gpfn %#lx and RAM put back, upcall vector %#x released\n",
		(unsigned long)gpfn, HYPERVISOR_CALLBACK_VECTOR);
	return 0;
}
