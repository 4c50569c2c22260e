/* SPDX-License-Identifier: GPL-2.0 */
/*
 * 64-bit Xen PV entry (ELF note XEN_ELFNOTE_ENTRY).
 *
 * Xen enters here in long mode, in ring 3 with paging on, on its own
 * bootstrap page tables and stack, with %rsi = the virtual address of
 * start_info (public/xen.h, "Start-of-day memory layout").  Interrupts
 * are masked in vcpu_info, which nothing here unmasks.  The bss is
 * already zero: the domain builder zero-fills every PT_LOAD segment past
 * its file size.
 *
 * Switch to the kernel's boot stack, the one the native entry uses
 * (arch/x86/boot/head.S), so the bootstrap stack page can be reclaimed
 * later and the stack has its guard page below it (xen_pv_start() unmaps
 * it), and hand over to C.
 */

	.section .text, "ax"
	.globl xen_pv_entry
	.type xen_pv_entry, @function
xen_pv_entry:
	cld
	movq $boot_stack_top, %rsp
	xorl %ebp, %ebp			/* terminate frame-pointer stack walks */
	movq %rsi, %rdi
	call xen_pv_start		/* does not return */
1:	ud2				/* if it did: an exception report */
	jmp 1b
	.size xen_pv_entry, . - xen_pv_entry

