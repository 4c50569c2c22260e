.section .pvlink.inline, "", @progbits
.asciz "irq_enable"
.byte 1
sti
.text
.globl pv_halt
.type pv_halt, @function
pv_halt: hlt; ret
.size pv_halt, . - pv_halt
