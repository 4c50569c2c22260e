/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where Xen enters the xen-pv backend: the event callback.  (Exceptions
 * enter the kernel's own PV entries, arch/x86/xen/trap_stubs_pv.S.)
 *
 * Xen builds the frame an exception would push (ss, rsp, rflags, cs,
 * rip, and the error code where the CPU has one) and puts %rcx and %r11
 * on top (public/arch-x86/xen-x86_64.h).  In the saved cs it clears the
 * RPL (the kernel "was in ring 0") and keeps the event mask it saved in
 * bits 32-39; the saved rflags.IF is the inverse of that mask.
 */
#include <asm/ptrace.h>
#include <asm/traps.h>
#include <xen/xen.h>

/*
 * The event callback, registered with CALLBACKF_mask_events: Xen enters
 * it with events masked.  The frame becomes struct pt_regs, as an
 * interrupt's would, for the kernel's handlers.  The return is
 * HYPERVISOR_iret: jumped to (not called) with its flags word pushed on
 * the frame, the hypercall page's stub pushes %rcx, %r11 and %rax, and
 * Xen restores every one of them, the frame and the event mask from the
 * saved rflags.IF, atomically: no event slips in before the return.
 */
	.text
	.globl xen_pv_upcall_entry
	.type xen_pv_upcall_entry, @function
xen_pv_upcall_entry:
	popq	%rcx
	popq	%r11
	pushq	$0				/* error code */
	pushq	$LOCAL_TIMER_VECTOR		/* the one vector events stand for */
	cld
	SAVE_PT_REGS
	andq	$0xffff, PT_REGS_CS(%rsp)	/* the selector, not the saved mask */
	movq	%rsp, %rdi
	call	xen_pv_do_upcall
	RESTORE_PT_REGS
	pushq	$0				/* not VGCF_in_syscall: the whole frame */
	jmp	xen_hypercall_page + __HYPERVISOR_iret * XEN_HYPERCALL_STRIDE
	.size xen_pv_upcall_entry, . - xen_pv_upcall_entry
