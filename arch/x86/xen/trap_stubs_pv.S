/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Exception entry and return for a Xen PV kernel (ring 3, no IDT).
 *
 * Entry: Xen delivers an exception registered with set_trap_table on the
 * kernel stack with the frame the CPU would push (ss, rsp, rflags, cs,
 * rip and, for the vectors that have one, the error code) plus %rcx and
 * %r11 on top, because its own entry used them (public/arch-x86/
 * xen-x86_64.h).  Each stub pops those two, pushes a zero error code
 * where the CPU has none and the vector, exactly as the native stubs do
 * (arch/x86/kernel/entry_64.S), and the common code saves struct pt_regs
 * (asm/ptrace.h) and calls do_trap(): the report and the exception table
 * are the same as natively.
 *
 * Return: iretq cannot return a PV kernel to itself (Xen presents the
 * saved %cs with RPL 0).  HYPERVISOR_iret does it: the guest pushes the
 * "flags" word on the native frame and jumps (not calls) to the iret
 * stub of the hypercall page, which pushes %rcx, %r11 and %rax and enters
 * Xen; Xen restores all of them, %rip, %rflags, %rsp and the event mask
 * from the saved IF (public/arch-x86/xen-x86_64.h, struct iret_context).
 */
#include <asm/ptrace.h>
#include <xen/xen.h>

#define XEN_PV_TRAP_STUB_ALIGN	16	/* XEN_PV_TRAP_STUB_SIZE, include/xen/pv.h */
#define VGCF_IN_SYSCALL		0	/* flags: not returning from syscall */

	.text
	.globl xen_pv_trap_stubs
xen_pv_trap_stubs:

.macro xen_pv_trap_stub vec
	.balign XEN_PV_TRAP_STUB_ALIGN
	popq	%rcx
	popq	%r11
	/* vectors with an error code: Intel SDM vol. 3, table 6-1 */
	.if !((\vec == 8) || ((\vec >= 10) && (\vec <= 14)) || (\vec == 17) || (\vec == 21) || (\vec == 29) || (\vec == 30))
	pushq	$0
	.endif
	pushq	$\vec
	jmp	xen_pv_trap_common
.endm

vec = 0
.rept 32
	xen_pv_trap_stub vec
	vec = vec + 1
.endr
	.size xen_pv_trap_stubs, . - xen_pv_trap_stubs

	.type xen_pv_trap_common, @function
xen_pv_trap_common:
	cld
	SAVE_PT_REGS
	/*
	 * Xen keeps the event mask it saved in bits 32-39 of the %cs slot
	 * (public/arch-x86/xen-x86_64.h, saved_upcall_mask); HYPERVISOR_iret
	 * takes the mask from the saved IF instead, so keep the selector only
	 * and the report shows a plain %cs.
	 */
	andq	$0xffff, PT_REGS_CS(%rsp)
	movq	%rsp, %rdi
	call	do_trap
	RESTORE_PT_REGS
	pushq	$VGCF_IN_SYSCALL
	jmp	xen_hypercall_page + __HYPERVISOR_iret * XEN_HYPERCALL_STRIDE
	.size xen_pv_trap_common, . - xen_pv_trap_common
