	.section .pvlink.pvops, "", @progbits
	.asciz "pv_irq_disable"
	.asciz "pv_halt"
	.section .text.pvops, "ax", @progbits
	.globl pv_irq_disable, pv_halt
	.type pv_irq_disable, @function
pv_irq_disable:
	ret
	.size pv_irq_disable, . - pv_irq_disable
	.type pv_halt, @function
pv_halt:
	ret
	.size pv_halt, . - pv_halt
	.text
	.globl _start
	.type _start, @function
_start:
	call pv_irq_disable
	lea pv_halt(%rip), %rax
	jmp pv_halt
	.size _start, . - _start
	.data
	.quad pv_halt
