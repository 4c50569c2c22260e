/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Xen ELF note types (public/elfnote.h).  Notes are in a section of
 * type SHT_NOTE named by the kernel, with owner name "Xen".  Usable
 * from assembly.
 */
#ifndef _XEN_ELFNOTE_H
#define _XEN_ELFNOTE_H

#define XEN_ELFNOTE_INFO		0
#define XEN_ELFNOTE_ENTRY		1  /* PV entry, virtual address */
#define XEN_ELFNOTE_HYPERCALL_PAGE	2  /* page Xen fills with stubs */
#define XEN_ELFNOTE_VIRT_BASE		3  /* virtual address of phys 0 */
#define XEN_ELFNOTE_PADDR_OFFSET	4  /* virt - paddr of the segments */
#define XEN_ELFNOTE_XEN_VERSION		5  /* "xen-3.0" */
#define XEN_ELFNOTE_GUEST_OS		6  /* free-form name */
#define XEN_ELFNOTE_GUEST_VERSION	7
#define XEN_ELFNOTE_LOADER		8  /* "generic" */
#define XEN_ELFNOTE_PAE_MODE		9
#define XEN_ELFNOTE_FEATURES		10
#define XEN_ELFNOTE_BSD_SYMTAB		11
#define XEN_ELFNOTE_HV_START_LOW	12
#define XEN_ELFNOTE_L1_MFN_VALID	13
#define XEN_ELFNOTE_SUSPEND_CANCEL	14
#define XEN_ELFNOTE_INIT_P2M		15
#define XEN_ELFNOTE_MOD_START_PFN	16
#define XEN_ELFNOTE_SUPPORTED_FEATURES	17
#define XEN_ELFNOTE_PHYS32_ENTRY	18 /* PVH 32-bit entry, physical */
#define XEN_ELFNOTE_PHYS32_RELOC	19

#endif /* _XEN_ELFNOTE_H */
