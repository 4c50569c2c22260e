/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Page tables of a 64-bit Xen PV guest (public/xen.h, "mmu_update" and
 * "mmuext_op"; public/arch-x86/xen-x86_64.h for the address space).
 *
 * A PV guest's page tables hold machine frame numbers and are mapped
 * read-only in the guest: every write goes through Xen, which validates
 * it.  The guest keeps its own pseudo-physical view (pfn) and converts
 * with the p2m list start_info gives it (pfn -> mfn) and the M2P table
 * Xen maps read-only for every PV guest (mfn -> pfn).
 */
#ifndef _XEN_MMU_H
#define _XEN_MMU_H

#include <linux/const.h>

/*
 * Xen's part of the 64-bit address space: the guest must neither map
 * nor walk [HYPERVISOR_VIRT_START, HYPERVISOR_VIRT_END).  The M2P table
 * (one unsigned long per machine frame) is at its start.
 */
#define HYPERVISOR_VIRT_START		_AC(0xffff800000000000, UL)
#define HYPERVISOR_VIRT_END		_AC(0xffff880000000000, UL)
#define MACH2PHYS_VIRT_START		_AC(0xffff800000000000, UL)
#define MACH2PHYS_VIRT_END		_AC(0xffff804000000000, UL)
#define MACH2PHYS_NR_ENTRIES		((MACH2PHYS_VIRT_END - MACH2PHYS_VIRT_START) >> 3)

/* mmu_update: the command is in bits 1:0 of the entry's machine address. */
#define MMU_NORMAL_PT_UPDATE		0	/* checked *ptr = val */
#define MMU_MACHPHYS_UPDATE		1	/* M2P[ptr >> 12] = val */
#define MMU_PT_UPDATE_PRESERVE_AD	2

/* mmuext_op commands. */
#define MMUEXT_PIN_L1_TABLE		0
#define MMUEXT_PIN_L2_TABLE		1
#define MMUEXT_PIN_L3_TABLE		2
#define MMUEXT_PIN_L4_TABLE		3
#define MMUEXT_UNPIN_TABLE		4
#define MMUEXT_NEW_BASEPTR		5	/* load the root (the guest's CR3) */
#define MMUEXT_TLB_FLUSH_LOCAL		6
#define MMUEXT_INVLPG_LOCAL		7
#define MMUEXT_TLB_FLUSH_MULTI		8
#define MMUEXT_INVLPG_MULTI		9
#define MMUEXT_TLB_FLUSH_ALL		10
#define MMUEXT_INVLPG_ALL		11

/* memory_op: the highest machine frame number of the host (public/memory.h). */
#define XENMEM_maximum_ram_page		2

#ifndef __ASSEMBLY__
#include <linux/types.h>

/**
 * struct mmu_update - one request of HYPERVISOR_mmu_update()
 * @ptr: machine address of the entry to write, MMU_* in bits 1:0
 * @val: the new entry (machine frame number and flags)
 */
struct mmu_update {
	u64 ptr;
	u64 val;
};

/**
 * struct mmuext_op - one request of HYPERVISOR_mmuext_op()
 * @cmd:  MMUEXT_*
 * @arg1: a machine frame (pin, unpin, NEW_BASEPTR) or a virtual address
 *        (INVLPG_*)
 * @arg2: a vCPU mask pointer (the *_MULTI commands), else unused
 */
struct mmuext_op {
	unsigned int cmd;
	union {
		unsigned long mfn;
		unsigned long linear_addr;
	} arg1;
	union {
		unsigned int nr_ents;
		const void *vcpumask;
		unsigned long src_mfn;
	} arg2;
};

_Static_assert(sizeof(struct mmu_update) == 16, "mmu_update is 16 bytes");
_Static_assert(sizeof(struct mmuext_op) == 24, "mmuext_op is 24 bytes (public/xen.h)");

#endif /* __ASSEMBLY__ */
#endif /* _XEN_MMU_H */
