/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The backend's own hypercall page (include/xen/hypercall.h): a whole,
 * page-aligned page of its text that Xen fills with one 32-byte stub per
 * hypercall when the init writes the page's guest-physical address to
 * the MSR that CPUID leaf base+2 names (init.c).  Xen writes it through
 * that address, whatever the page's protection in our page tables.
 * Until then it holds int3: a hypercall made too early traps.
 */
#include <xen/xen.h>

	.section .text, "ax"
	.balign XEN_PAGE_SIZE
	.globl xen_pvh_hypercall_page
	.type xen_pvh_hypercall_page, @object
xen_pvh_hypercall_page:
	.fill XEN_PAGE_SIZE, 1, 0xcc
	.size xen_pvh_hypercall_page, XEN_PAGE_SIZE
