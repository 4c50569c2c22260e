/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The core of the Xen public ABI that pvlink uses: hypercall numbers,
 * the x86-64 PV start_info page and the console_io commands.
 *
 * Written from the facts in Xen's public headers (xen/include/public/
 * xen.h, Xen 4.17); the layout is the ABI, the text is ours.
 */
#ifndef _XEN_XEN_H
#define _XEN_XEN_H

#include <linux/const.h>

/*
 * Hypercall numbers (public/xen.h, "__HYPERVISOR_*").  Under the
 * hypercall page ABI, hypercall N lives at hypercall_page + N * 32.
 */
#define XEN_HYPERCALL_STRIDE		32

#define __HYPERVISOR_set_trap_table	0
#define __HYPERVISOR_mmu_update		1
#define __HYPERVISOR_set_gdt		2
#define __HYPERVISOR_stack_switch	3
#define __HYPERVISOR_set_callbacks	4
#define __HYPERVISOR_fpu_taskswitch	5
#define __HYPERVISOR_platform_op	7
#define __HYPERVISOR_set_debugreg	8
#define __HYPERVISOR_get_debugreg	9
#define __HYPERVISOR_update_descriptor	10
#define __HYPERVISOR_memory_op		12
#define __HYPERVISOR_multicall		13
#define __HYPERVISOR_update_va_mapping	14
#define __HYPERVISOR_set_timer_op	15
#define __HYPERVISOR_xen_version	17
#define __HYPERVISOR_console_io		18
#define __HYPERVISOR_grant_table_op	20
#define __HYPERVISOR_vm_assist		21
#define __HYPERVISOR_iret		23
#define __HYPERVISOR_vcpu_op		24
#define __HYPERVISOR_set_segment_base	25
#define __HYPERVISOR_mmuext_op		26
#define __HYPERVISOR_nmi_op		28
#define __HYPERVISOR_sched_op		29
#define __HYPERVISOR_callback_op	30
#define __HYPERVISOR_event_channel_op	32
#define __HYPERVISOR_physdev_op		33
#define __HYPERVISOR_hvm_op		34

/* console_io commands (public/xen.h). */
#define CONSOLEIO_write			0
#define CONSOLEIO_read			1

/* Magic at the start of a 64-bit PV start_info ("xen-<ver>-<platform>"). */
#define XEN_START_INFO_MAGIC_PREFIX	"xen-3.0-x86_64"

/* start_info.flags (public/xen.h, "SIF_*"). */
#define SIF_PRIVILEGED			(1u << 0) /* privileged domain */
#define SIF_INITDOMAIN			(1u << 1) /* initial control domain */
#define SIF_MULTIBOOT_MOD		(1u << 2) /* module is a multiboot mod list */
#define SIF_MOD_START_PFN		(1u << 3) /* mod_start is a PFN */
#define SIF_VIRT_P2M_4TOOLS		(1u << 4)

#define XEN_MAX_GUEST_CMDLINE		1024

/* Guest page size on x86; every start-of-day element is page aligned. */
#define XEN_PAGE_SHIFT			12
#define XEN_PAGE_SIZE			(_AC(1, UL) << XEN_PAGE_SHIFT)

/*
 * The flat 64-bit code selector Xen keeps in every PV guest's GDT
 * (public/arch-x86/xen-x86_64.h, FLAT_KERNEL_CS64 = FLAT_RING3_CS64).
 */
#define FLAT_KERNEL_CS			0xe033
/* ... and its flat stack selector (FLAT_KERNEL_SS64 = FLAT_RING3_SS64). */
#define FLAT_KERNEL_SS			0xe02b

/* set_segment_base targets (public/arch-x86/xen-x86_64.h, SEGBASE_*). */
#define SEGBASE_FS			0
#define SEGBASE_GS_USER			1	/* the MSR_KERNEL_GS_BASE of kernel mode */
#define SEGBASE_GS_KERNEL		2	/* the GS base the kernel runs with */

/*
 * HYPERVISOR_iret's flags word (public/arch-x86/xen-x86_64.h): 0 returns
 * with the whole frame; VGCF_in_syscall would discard %rcx and %r11.
 */
#define VGCF_in_syscall			(1 << 8)

/*
 * set_trap_table entry flags (public/arch-x86/xen.h, TI_*): bits 0-1 are
 * the lowest mode allowed to raise the vector with a software interrupt
 * on x86-64 (0 nobody, 1-2 kernel, 3 everyone); bit 2 masks events on
 * entry.
 */
#define TI_DPL_KERNEL			1
#define TI_DPL_USER			3
#define TI_MASK_EVENTS			4

#ifndef __ASSEMBLY__
#include <linux/types.h>

typedef unsigned long xen_pfn_t;	/* public/arch-x86/xen.h */
typedef u16 domid_t;

#define DOMID_SELF			((domid_t)0x7ff0)

/*
 * The start_info page a 64-bit PV guest finds in %rsi at its entry
 * (public/xen.h, "struct start_info").  Offsets are the ABI: they are
 * checked below so a careless edit cannot move a field.
 */
struct xen_start_info {
	char magic[32];			/* "xen-3.0-x86_64" */
	unsigned long nr_pages;		/* pages allocated to the domain */
	unsigned long shared_info;	/* machine address of shared_info */
	u32 flags;			/* SIF_* */
	xen_pfn_t store_mfn;		/* xenstore page (not for dom0) */
	u32 store_evtchn;
	union {
		struct {
			xen_pfn_t mfn;	/* console ring (domU) */
			u32 evtchn;
		} domU;
		struct {
			u32 info_off;	/* offset of dom0_vga_console_info */
			u32 info_size;
		} dom0;
	} console;
	/* Only valid on initial boot, not on resume: */
	unsigned long pt_base;		/* virtual address of the top page table */
	unsigned long nr_pt_frames;	/* bootstrap page-table frames */
	unsigned long mfn_list;		/* virtual address of the p2m list */
	unsigned long mod_start;	/* virtual address (or PFN) of module */
	unsigned long mod_len;		/* module size in bytes */
	s8 cmd_line[XEN_MAX_GUEST_CMDLINE];
	unsigned long first_p2m_pfn;	/* only with XEN_ELFNOTE_INIT_P2M */
	unsigned long nr_p2m_frames;
};

_Static_assert(__builtin_offsetof(struct xen_start_info, nr_pages) == 32,
	       "start_info.nr_pages offset (public/xen.h)");
_Static_assert(__builtin_offsetof(struct xen_start_info, flags) == 48,
	       "start_info.flags offset (public/xen.h)");
_Static_assert(__builtin_offsetof(struct xen_start_info, pt_base) == 88,
	       "start_info.pt_base offset (public/xen.h)");
_Static_assert(__builtin_offsetof(struct xen_start_info, mod_start) == 112,
	       "start_info.mod_start offset (public/xen.h)");
_Static_assert(__builtin_offsetof(struct xen_start_info, cmd_line) == 128,
	       "start_info.cmd_line offset (public/xen.h)");
_Static_assert(sizeof(struct xen_start_info) == 1168,
	       "start_info size (public/xen.h)");

/*
 * One entry of the PV trap table (public/arch-x86/xen.h, "struct
 * trap_info"); the array ends with an entry whose address is 0.
 */
struct xen_trap_info {
	u8 vector;
	u8 flags;			/* TI_* */
	u16 cs;				/* FLAT_KERNEL_CS */
	unsigned long address;		/* handler, virtual */
};

_Static_assert(sizeof(struct xen_trap_info) == 16, "trap_info is 16 bytes");

#endif /* __ASSEMBLY__ */
#endif /* _XEN_XEN_H */
