// SPDX-License-Identifier: GPL-2.0
/*
 * The xen-pv backend's declaration and set-up.
 *
 * It is chosen only for the Xen PV entry (ring 3, start_info in %rsi)
 * under a hypervisor whose CPUID signature is Xen's, and sits on nothing:
 * under Xen PV no native pv-op could run.
 *
 * The init (contract: include/linux/pvlink_backend.h,
 * PVLINK_BACKEND_INIT) runs after the link, before any call site is
 * patched, events masked, with no kernel pv-op usable.  Each step prints
 * one line under pvlink.debug; a failure always prints what failed and
 * Xen's error, and refuses the stack.  The exit undoes what the init
 * set up with Xen when the link refuses the stack after it.
 */
#include <linux/bootinfo.h>
#include <linux/kernel.h>
#include <linux/pvlink_backend.h>
#include <asm/pgtable.h>
#include <asm/pvops.h>
#include <xen/hypercall.h>
#include <xen/physdev.h>

#include "xen-pv.h"

PVLINK_BACKEND_NAMED(xen_pv, "xen-pv",
	.entry = PVLINK_ENTRY_XEN_PV,
	.cpuid = "XenVMMXenVMM",
	.priority = 10);

/*
 * IOPL 3: Xen emulates the PV kernel's in/out instructions only when
 * the virtual IOPL it keeps for the vCPU allows them
 * (public/physdev.h, PHYSDEVOP_set_iopl).
 */
#define XEN_PV_IOPL		3

struct shared_info *xen_pv_shared;
struct xen_start_info *xen_pv_si;
bool xen_pv_debug;

/* Does @cmdline hold the word @w (alone, or as "w=...")? */
static bool cmdline_word(const char *cmdline, const char *w)
{
	const char *p = cmdline;

	while (*p) {
		unsigned int i = 0;

		while (*p == ' ')
			p++;
		while (w[i] && p[i] == w[i])
			i++;
		if (!w[i] && (!p[i] || p[i] == ' ' || p[i] == '='))
			return true;
		while (*p && *p != ' ')
			p++;
	}
	return false;
}

/* CPUID leaves for NX (AMD64 APM vol. 3, E.4.1; asm/pgtable.h). */
static u64 xen_pv_nx(void)
{
	struct cpuid_regs r;

	pv_cpuid(CPUID_EXT_MAX, 0, &r);
	if (r.eax < CPUID_EXT_FEATURES)
		return 0;
	pv_cpuid(CPUID_EXT_FEATURES, 0, &r);
	return r.edx & (1u << CPUID_EXT_EDX_NX) ? PTE_NX : 0;
}

#define step(fmt, ...)							\
	do {								\
		if (xen_pv_debug)					\
			printk(KERN_INFO "xen-pv: " fmt "\n", ##__VA_ARGS__); \
	} while (0)

PVLINK_BACKEND_INIT(xen_pv)
{
	struct physdev_set_iopl iopl = { .iopl = XEN_PV_IOPL };
	struct xen_start_info *si = bi->platform;
	long rc;

	xen_pv_debug = cmdline_word(bi->cmdline, "pvlink.debug");
	if (!si) {
		printk(KERN_ERR "xen-pv: no start_info from the PV entry: not a Xen PV boot?\n");
		return -1;
	}
	xen_pv_si = si;

	rc = xen_pv_mmu_init(si);
	if (rc)
		return -1;
	step("p2m list at %#lx for %lu pages, root page table at %#lx",
	     si->mfn_list, si->nr_pages, si->pt_base);

	rc = HYPERVISOR_physdev_op(PHYSDEVOP_set_iopl, &iopl);
	if (rc) {
		printk(KERN_ERR "xen-pv: PHYSDEVOP_set_iopl(%d) failed (Xen error %ld): no port I/O\n",
		       XEN_PV_IOPL, rc);
		return -1;
	}
	step("port I/O allowed (PHYSDEVOP_set_iopl %d)", XEN_PV_IOPL);

	xen_pv_map_ram(bi, si->nr_pages, xen_pv_nx());

	rc = xen_pv_events_init();
	if (rc)
		return -1;
	return 0;
}

/*
 * Undo the init when the link refuses the stack after it: events.c
 * takes back the event callback, VIRQ_TIMER's channel and the
 * shared_info mapping, and the IOPL goes back to 0, the level a PV vCPU
 * starts at (the reason the init raises it).  The RAM the init mapped
 * stays mapped and the allocator's: its tables are the kernel's own
 * pages, pinned in the kernel's page tables, and nothing of them is in
 * the stack's pages.  No vcpu_info is registered and no IPI channel is
 * bound before the link is over (vcpu.c: the kernel's SMP bring-up calls
 * xen_pv_vcpu_setup() after setup_percpu()), so none is undone here: a
 * registration cannot be (Xen has no operation for it), and made in the
 * init it would leave Xen writing into the stack's pages.  One line says it all went; a step Xen refused says
 * so instead.
 */
PVLINK_BACKEND_EXIT(xen_pv)
{
	struct physdev_set_iopl iopl = { .iopl = 0 };
	unsigned int port;
	bool clean = true;
	int err;
	long rc;

	(void)bi;
	err = xen_pv_events_exit(&port, &clean);
	rc = HYPERVISOR_physdev_op(PHYSDEVOP_set_iopl, &iopl);
	if (rc) {
		printk(KERN_ERR "xen-pv: exit: PHYSDEVOP_set_iopl(0) failed (Xen error %ld)\n", rc);
		clean = false;
	}
	if (clean)
		printk(KERN_INFO "xen-pv: exit: VIRQ_TIMER port %u closed, event callback cleared, shared_info unmapped, IOPL 0\n",
		       port);
	return err;
}
