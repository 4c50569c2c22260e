// SPDX-License-Identifier: GPL-2.0
/*
 * Descriptor tables under Xen PV: the trap table stands in for the IDT,
 * a GDT page Xen validates for the GDT, and there is no task register.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <asm/desc.h>
#include <asm/page.h>
#include <asm/pvops.h>
#include <asm/traps.h>
#include <xen/hypercall.h>
#include <xen/pv.h>

#include "xen-pv.h"

#define XEN_PV_NR_TRAPS		32	/* exceptions: the trap table's vectors */

/*
 * Not delivered through the trap table: NMI and #MC come through
 * callbacks, and a #DF crashes the domain in Xen (it has its own
 * stacks for them).
 */
#define X86_VEC_NMI		2
#define X86_VEC_DF		8
#define X86_VEC_MC		18

/* Descriptor bits (SDM vol. 3, 3.4.5): S (code/data), and P. */
#define DESC_S			(1ULL << 44)
#define DESC_P			(1ULL << 47)
#define GDT_MAX_ENTRIES		(PAGE_SIZE / 8)

/* The IDT last loaded: writes to its gates 0-31 go to Xen at once. */
static const struct gate_desc *loaded_idt;
static struct xen_trap_info traps[XEN_PV_NR_TRAPS + 1];

static bool trap_vector(unsigned int v)
{
	return v < XEN_PV_NR_TRAPS && v != X86_VEC_NMI && v != X86_VEC_DF &&
	       v != X86_VEC_MC;
}

/*
 * The entry for vector @v, or false if the gate is not present.  The
 * DPL says who may raise the vector with int n; int3 and into get 3,
 * so the kernel's own int3 (ring 3 under PV) is let through.  An
 * interrupt gate clears IF on entry: its entry masks events (as Linux
 * does), so that no upcall lands on the exception's frame before the
 * handler has read what it needs (a #PF's CR2 is in vcpu_info);
 * HYPERVISOR_iret restores the mask from the saved IF.
 *
 * The handler is the kernel's PV entry for the vector, not the gate's
 * own: every gate the kernel writes leads to do_trap(), and the PV entry
 * gets there too, but returns through HYPERVISOR_iret.  The gate's
 * entry would return with iretq, which a ring-3 kernel may execute on
 * real hardware, but which QEMU's TCG reads the frame for as a
 * supervisor access: on the user-accessible pages Xen gives a PV kernel,
 * with SMAP on, that is a page fault (seen with Xen 4.17 in QEMU 7.2).
 */
static bool trap_info_of(const struct gate_desc *g, unsigned int v,
			 struct xen_trap_info *t)
{
	unsigned int dpl = (g->bits >> 13) & 3;

	if (!(g->bits & GATE_PRESENT))
		return false;
	t->vector = v;
	t->flags = (v == X86_TRAP_BP || v == X86_TRAP_OF) ? TI_DPL_USER : dpl;
	if (((g->bits >> 8) & 0xf) == GATE_INTERRUPT)
		t->flags |= TI_MASK_EVENTS;
	t->cs = FLAT_KERNEL_CS;
	t->address = (unsigned long)xen_pv_trap_stubs + v * XEN_PV_TRAP_STUB_SIZE;
	return true;
}

void pv_load_idt(const struct desc_ptr *dtr)
{
	/* cppcheck's CTU pairs the PV_OPS() pv-ops with the wrong calls (a NULL here). */
	/* cppcheck-suppress ctunullpointer */
	const struct gate_desc *idt = (const struct gate_desc *)dtr->address;
	unsigned int n = 0, nr = (dtr->size + 1) / sizeof(*idt);
	long rc;

	for (unsigned int v = 0; v < XEN_PV_NR_TRAPS && v < nr; v++)
		if (trap_vector(v) && trap_info_of(&idt[v], v, &traps[n]))
			n++;
	traps[n].address = 0;			/* the terminator */
	rc = HYPERVISOR_set_trap_table(traps);
	if (rc) {
		printk(KERN_ERR "xen-pv: set_trap_table (%u vectors) failed (Xen error %ld): the previous trap table stays\n",
		       n, rc);
		return;
	}
	loaded_idt = idt;
}

void pv_write_idt_entry(struct gate_desc *idt, unsigned int vector,
			const struct gate_desc *gate)
{
	struct xen_trap_info t[2] = { 0 };
	long rc;

	/* cppcheck's CTU pairs the PV_OPS() pv-ops with the wrong calls (a NULL here). */
	/* cppcheck-suppress [ctunullpointer,ctuuninitvar] */
	idt[vector] = *gate;
	if (idt != loaded_idt || !trap_vector(vector) ||
	    !trap_info_of(gate, vector, &t[0]))
		return;
	rc = HYPERVISOR_set_trap_table(t);
	if (rc)
		printk(KERN_ERR "xen-pv: set_trap_table for vector %u failed (Xen error %ld)\n",
		       vector, rc);
}

/*
 * Xen takes a GDT only as whole pages, mapped read-only in the guest,
 * holding code and data descriptors only (it owns the TSS and validates
 * every entry of every page).  The kernel's GDT page also holds its TSS
 * descriptor, so Xen gets a copy without it, in a page of its own: the
 * kernel's selectors are in it, and Xen's flat selectors (which the
 * kernel runs on under PV) stay in Xen's reserved entries above.
 */
static u64 *gdt_copy;

static u64 gdt_entry(const u64 *gdt, unsigned int i)
{
	/* A system descriptor (TSS) and its upper half: not for Xen. */
	if (!(gdt[i] & DESC_S) && (gdt[i] & DESC_P))
		return 0;
	if (i && !(gdt[i - 1] & DESC_S) && (gdt[i - 1] & DESC_P))
		return 0;
	return gdt[i];
}

void pv_load_gdt(const struct desc_ptr *dtr)
{
	/* cppcheck's CTU pairs the PV_OPS() pv-ops with the wrong calls (a NULL here). */
	/* cppcheck-suppress ctunullpointer */
	const u64 *gdt = (const u64 *)dtr->address;
	unsigned int n = (dtr->size + 1) / 8;
	unsigned long frame;
	long rc;

	if (n > GDT_MAX_ENTRIES)
		n = GDT_MAX_ENTRIES;
	if (!gdt_copy) {
		phys_addr_t page = alloc_pages(0);

		if (!page) {
			printk(KERN_ERR "xen-pv: load_gdt: no free page for the GDT Xen validates\n");
			return;
		}
		gdt_copy = (u64 *)(unsigned long)page;
		for (unsigned int i = 0; i < GDT_MAX_ENTRIES; i++)
			gdt_copy[i] = i < n ? gdt_entry(gdt, i) : 0;
		if (xen_pv_map_ro(gdt_copy)) {
			printk(KERN_ERR "xen-pv: load_gdt: cannot map the GDT page read-only\n");
			return;
		}
	} else {
		for (unsigned int i = 0; i < n; i++) {
			u64 d = gdt_entry(gdt, i);

			if (gdt_copy[i] == d)
				continue;
			rc = HYPERVISOR_update_descriptor(xen_pv_virt_to_machine(&gdt_copy[i]), d);
			if (rc)
				printk(KERN_ERR "xen-pv: update_descriptor of GDT entry %u (%#llx) failed (Xen error %ld)\n",
				       i, (unsigned long long)d, rc);
		}
	}
	frame = xen_pv_virt_to_machine(gdt_copy) >> PAGE_SHIFT;
	rc = HYPERVISOR_set_gdt(&frame, n);
	if (rc)
		printk(KERN_ERR "xen-pv: set_gdt (%u entries) failed (Xen error %ld)\n", n, rc);
}

/*
 * Nothing to load: a PV guest has no task register.  Xen owns the TSS;
 * it runs the guest's #DF, NMI and #MC on its own stacks, and takes the
 * guest's kernel stack for ring changes from stack_switch.
 */
void pv_load_tr(u16 selector)
{
	(void)selector;
}
