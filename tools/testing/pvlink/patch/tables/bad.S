	.section .pvlink.pvops, "", @progbits
	.asciz "pv_irq_disable"
	.section .text.pvops, "ax", @progbits
	.globl pv_irq_disable
	.type pv_irq_disable, @function
pv_irq_disable:
	ret
	.size pv_irq_disable, . - pv_irq_disable
	.text
	.globl _start
	.type _start, @function
_start:
	ret
	.size _start, . - _start
	.type odd_user, @function
odd_user:
	nop
	/* a 64-bit PC-relative use: R_X86_64_PC64, no site form describes it */
	.quad pv_irq_disable - .
	.size odd_user, . - odd_user
