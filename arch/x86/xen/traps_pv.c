// SPDX-License-Identifier: GPL-2.0
/*
 * The PV trap table: Xen PV's replacement for the IDT.
 *
 * Registered from the PV entry, before start_kernel(), so that a fault
 * anywhere in the kernel is reported by the kernel (do_trap) rather than
 * crashing dom0 inside Xen, and so that code expecting a fault (the
 * exception table) works under PV too.  Every entry masks events, as
 * the kernel's interrupt gates clear IF natively.
 */
#include <linux/types.h>
#include <asm/traps.h>
#include <xen/hypercall.h>
#include <xen/pv.h>
#include <xen/xen.h>

#include "xen-ops.h"

#define XEN_PV_NR_TRAPS		32	/* the exception vectors */

/* Vectors Xen does not deliver through the trap table. */
#define X86_VEC_NMI		2	/* through callback_op */
#define X86_VEC_DF		8	/* Xen crashes the domain */
#define X86_VEC_MC		18	/* through callback_op */

/* int3 and into may be raised on purpose by the kernel itself. */
#define X86_VEC_BP		3
#define X86_VEC_OF		4

static struct xen_trap_info xen_pv_traps[XEN_PV_NR_TRAPS + 1];

/**
 * xen_pv_trap_init() - register the exception handlers with Xen
 *
 * Context: PV entry, before start_kernel().
 * Return: 0 or a negative Xen errno.
 */
long xen_pv_trap_init(void)
{
	unsigned int v, n = 0;
	long rc;

	for (v = 0; v < XEN_PV_NR_TRAPS; v++) {
		struct xen_trap_info *t;

		if (v == X86_VEC_NMI || v == X86_VEC_DF || v == X86_VEC_MC)
			continue;
		t = &xen_pv_traps[n++];
		t->vector = v;
		t->flags = ((v == X86_VEC_BP || v == X86_VEC_OF) ?
			    TI_DPL_USER : 0) | TI_MASK_EVENTS;
		t->cs = FLAT_KERNEL_CS;
		t->address = (unsigned long)xen_pv_trap_stubs +
			     v * XEN_PV_TRAP_STUB_SIZE;
	}
	/* xen_pv_traps[n] stays zero: the terminator. */
	rc = HYPERVISOR_set_trap_table(xen_pv_traps);
	if (!rc)
		mark_trap_handling_ready();
	return rc;
}

/**
 * xen_pv_trap_ctxt() - the trap table, indexed by vector, for a new vCPU
 * @ctxt: 256 entries, filled where xen_pv_trap_init() registered one
 *
 * Context: after xen_pv_trap_init().
 */
void xen_pv_trap_ctxt(struct xen_trap_info *ctxt)
{
	for (const struct xen_trap_info *t = xen_pv_traps; t->address; t++)
		ctxt[t->vector] = *t;
}
