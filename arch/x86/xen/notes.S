/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ELF notes that make vmlinux loadable as a 64-bit Xen PV kernel.
 *
 * Xen's domain builder (libelf) reads notes of owner "Xen" from the
 * PT_NOTE segment or, failing that, from SHT_NOTE sections; the types
 * are in include/xen/elfnote.h.  The PVH entry note (PHYS32_ENTRY) sits
 * with the PVH entry code in arch/x86/boot/, not here.
 *
 * The kernel is linked at 1 MiB with virtual address == physical
 * address, so VIRT_BASE and PADDR_OFFSET are both 0: Xen then maps the
 * bootstrap region (kernel, module, p2m list, start_info, page tables,
 * stack) 1:1 from virtual 0, and pseudo-physical == virtual.
 */
#include <xen/elfnote.h>

/*
 * One note: namesz, descsz, type, name "Xen\0", desc, each padded to
 * 4 bytes (ELF gABI, "Note Section").
 */
.macro xen_note type, desc_start, desc_end
	.balign 4
	.long 4
	.long \desc_end - \desc_start
	.long \type
	.asciz "Xen"
	.balign 4
.endm

	.section .note.Xen, "a", @note

	xen_note XEN_ELFNOTE_GUEST_OS, 1f, 2f
1:	.asciz "pvlink"
2:
	xen_note XEN_ELFNOTE_XEN_VERSION, 1f, 2f
1:	.asciz "xen-3.0"
2:
	xen_note XEN_ELFNOTE_LOADER, 1f, 2f
1:	.asciz "generic"
2:
	xen_note XEN_ELFNOTE_VIRT_BASE, 1f, 2f
1:	.quad 0
2:
	xen_note XEN_ELFNOTE_PADDR_OFFSET, 1f, 2f
1:	.quad 0
2:
	xen_note XEN_ELFNOTE_ENTRY, 1f, 2f
1:	.quad xen_pv_entry
2:
	xen_note XEN_ELFNOTE_HYPERCALL_PAGE, 1f, 2f
1:	.quad xen_hypercall_page
2:
	.balign 4
