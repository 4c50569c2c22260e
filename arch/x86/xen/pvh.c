// SPDX-License-Identifier: GPL-2.0
/*
 * Xen PVH dom0: what the generic PVH entry cannot know by itself.
 *
 * The PVH entry (arch/x86/boot/) is shared by QEMU and Xen.  When CPUID
 * names Xen, it calls xen_pvh_init(), which installs the hypercall page,
 * takes the memory map from Xen (its hvm_start_info is version 0, with
 * no map) and moves the console and the exit path to Xen.  PVH runs in
 * ring 0, so BOOT_CAP_PRIV stays as the entry set it.
 *
 * This is an early Xen file: it executes cpuid and wrmsr itself, before
 * any pv-op exists (the privileged-instruction checker allows it).
 */
#include <linux/bootinfo.h>
#include <linux/kernel.h>
#include <linux/types.h>
#include <xen/cpuid.h>
#include <xen/hypercall.h>
#include <xen/pvh.h>

#include "xen-ops.h"

struct xen_cpuid_regs {
	u32 eax, ebx, ecx, edx;
};

static void xen_pvh_cpuid(u32 leaf, struct xen_cpuid_regs *r)
{
	/* Under HVM every cpuid exits to Xen: no forced-emulation prefix. */
	asm volatile("cpuid"
		     : "=a" (r->eax), "=b" (r->ebx), "=c" (r->ecx), "=d" (r->edx)
		     : "0" (leaf), "2" (0));
}

/**
 * xen_cpuid_base() - find Xen's CPUID leaves
 *
 * Context: ring 0 (HVM/PVH or native); a PV guest needs the
 * forced-emulation prefix instead.
 * Return: the base leaf (0x40000000 + n * 0x100), or 0 if not under Xen.
 */
u32 xen_cpuid_base(void)
{
	struct xen_cpuid_regs r;
	u32 base;

	for (base = XEN_CPUID_FIRST_LEAF; base < XEN_CPUID_LAST_BASE;
	     base += XEN_CPUID_LEAF_STEP) {
		xen_pvh_cpuid(base, &r);
		if (r.ebx == XEN_CPUID_SIGNATURE_EBX &&
		    r.ecx == XEN_CPUID_SIGNATURE_ECX &&
		    r.edx == XEN_CPUID_SIGNATURE_EDX &&
		    r.eax - base >= XEN_CPUID_HYPERCALL)
			return base;
	}
	return 0;
}

static void xen_pvh_wrmsr(u32 msr, u64 val)
{
	asm volatile("wrmsr"
		     : : "c" (msr), "a" ((u32)val), "d" ((u32)(val >> 32))
		     : "memory");
}

/*
 * Writing the hypercall page's guest-physical address to the MSR that
 * CPUID base+2 names makes Xen fill it with stubs (vmcall or vmmcall,
 * whichever this CPU has).  The kernel runs identity-mapped, so the
 * page's address is its physical address.
 */
static void xen_pvh_hypercall_page(u32 base, u32 *msr)
{
	struct xen_cpuid_regs r;

	xen_pvh_cpuid(base + XEN_CPUID_HYPERCALL, &r);
	xen_pvh_wrmsr(r.ebx, (u64)(unsigned long)xen_hypercall_page);
	*msr = r.ebx;
}

/**
 * xen_pvh_init() - take over the Xen specifics of a PVH boot
 * @bi: boot_info as the PVH entry filled it from hvm_start_info
 *
 * Context: the PVH entry's C setup, before start_kernel(); ring 0.
 * Return: true if running under Xen (@bi updated), false otherwise
 * (nothing changed).
 */
bool xen_pvh_init(struct boot_info *bi)
{
	struct xen_cpuid_regs ver;
	u32 base = xen_cpuid_base();
	u32 msr;
	int rc;

	if (!base)
		return false;

	xen_pvh_hypercall_page(base, &msr);
	bi->caps |= BOOT_CAP_XEN;

	/* console_io works from here on: printk reaches Xen's console. */
	xen_console_register();
	xen_exit_install();

	xen_pvh_cpuid(base + XEN_CPUID_VERSION, &ver);
	pr_info("xen-pvh: Xen %u.%u, CPUID base %#x, hypercall page at %p via MSR %#x\n",
		ver.eax >> 16, ver.eax & 0xffff, base, xen_hypercall_page, msr);

	/* Version 0 of hvm_start_info has no map: ask Xen. */
	if (!bi->nr_mem) {
		rc = xen_memmap_to_boot_info(bi);
		if (rc <= 0)
			pr_err("xen-pvh: XENMEM_memory_map failed (%d): no memory map\n",
			       rc);
		else
			pr_info("xen-pvh: memory map from XENMEM_memory_map, %d ranges\n",
				rc);
	}
	return true;
}
