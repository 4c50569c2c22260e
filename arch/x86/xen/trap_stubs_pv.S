/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Exception entry for a Xen PV kernel (ring 3, no IDT).
 *
 * Xen delivers an exception registered with set_trap_table on the kernel
 * stack with the frame the CPU would push (ss, rsp, rflags, cs, rip and,
 * for vectors that have one, the error code) plus %rcx and %r11 on top,
 * because its own entry used them (public/arch-x86/xen-x86_64.h).  Pop
 * those two and continue in the kernel's ordinary per-vector stub
 * (vector_stubs[], arch/x86/kernel/entry_64.S): the report, the
 * exception table and the return are then the same as natively.
 */
	.text
	.globl xen_pv_trap_stubs
xen_pv_trap_stubs:

.macro xen_pv_trap_stub vec
	.balign 16
	popq	%rcx
	popq	%r11
	jmp	*vector_stubs + 8 * \vec
.endm

vec = 0
.rept 32
	xen_pv_trap_stub vec
	vec = vec + 1
.endr
	.size xen_pv_trap_stubs, . - xen_pv_trap_stubs
