.section .pvlink.inline, "a", @progbits
.asciz "halt"
.byte 1
hlt
.text
.globl pv_halt
.type pv_halt, @function
pv_halt: hlt; ret
.size pv_halt, . - pv_halt
