.data
.globl pv_halt
.type pv_halt, @object
pv_halt: .quad 0
.size pv_halt, 8
