/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The hypercall page: one page of executable memory that Xen fills with
 * 32-byte stubs, one per hypercall number (include/xen/hypercall.h).
 *
 * Under Xen PV the domain builder fills it because the ELF note
 * XEN_ELFNOTE_HYPERCALL_PAGE points here; under PVH the kernel asks Xen
 * to fill it by writing its physical address to the MSR named in CPUID
 * leaf base+2 (arch/x86/xen/pvh.c).  Until then it holds int3, so a
 * hypercall made too early traps instead of running off into zeros.
 */
#include <xen/xen.h>

	.section .text, "ax"
	.balign XEN_PAGE_SIZE
	.globl xen_hypercall_page
	.type xen_hypercall_page, @object
xen_hypercall_page:
	.fill XEN_PAGE_SIZE, 1, 0xcc
	.size xen_hypercall_page, XEN_PAGE_SIZE
