/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Test backend "got": the GOT-relative forms Clang and newer GCC emit
 * (psABI B.2), written out so every form is present whatever the
 * compiler picks: relaxable call/jmp/mov through GOTPCRELX and
 * REX_GOTPCRELX, a non-relaxable GOTPCREL (an add), and 64-bit absolute
 * and PC-relative data.
 */
	.text
	.globl	got_call
	.type	got_call, @function
got_call:			/* kernel_add(rdi, rsi) through the GOT */
	call	*kernel_add@GOTPCREL(%rip)
	ret
	.size	got_call, .-got_call

	.globl	got_jmp
	.type	got_jmp, @function
got_jmp:			/* tail call kernel_add(rdi, rsi) */
	jmp	*kernel_add@GOTPCREL(%rip)
	.size	got_jmp, .-got_jmp

	.globl	got_load
	.type	got_load, @function
got_load:			/* return kernel_counter */
	movq	kernel_counter@GOTPCREL(%rip), %rax
	movq	(%rax), %rax
	ret
	.size	got_load, .-got_load

	.globl	got_local
	.type	got_local, @function
got_local:			/* return got_value through its GOT-loaded address */
	movq	got_value@GOTPCREL(%rip), %rax
	movl	(%rax), %eax
	ret
	.size	got_local, .-got_local

	.globl	got_add
	.type	got_add, @function
got_add:			/* rdi + &got_value - &got_value: add, test, cmp */
	movq	%rdi, %rax
	addq	got_value@GOTPCREL(%rip), %rax
	leaq	got_value(%rip), %rdx
	subq	%rdx, %rax
	testq	%r9, kernel_counter@GOTPCREL(%rip)
	cmpq	kernel_counter@GOTPCREL(%rip), %r10
	ret
	.size	got_add, .-got_add

	.globl	got_percpu
	.type	got_percpu, @function
got_percpu:			/* percpu offset of kernel_cpu_id via the GOT */
	movq	kernel_cpu_id@GOTPCREL(%rip), %rax
	movq	%gs:(%rax), %rax
	ret
	.size	got_percpu, .-got_percpu

	.globl	got_abs64
	.type	got_abs64, @function
got_abs64:			/* 64-bit absolute and PC64 data agree */
	movq	got_ptr(%rip), %rax
	leaq	got_pc64(%rip), %rdx
	addq	got_pc64(%rip), %rdx
	subq	%rdx, %rax
	ret
	.size	got_abs64, .-got_abs64

	.data
	.align	8
	.globl	got_value
got_value:
	.long	0x1234
	.long	0
got_ptr:
	.quad	got_value
got_pc64:
	.quad	got_value - .

	.section .note.GNU-stack,"",@progbits
