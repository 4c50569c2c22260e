/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the test "kernel" exports to the test backends.  The host harness
 * (exec_test.c) defines these; the oracle gives them fixed addresses.
 * Percpu variables are accessed the Linux x86-64 way: %gs-relative with
 * the variable's percpu offset as a sign-extended 32-bit displacement.
 */
#ifndef TB_KERNEL_H
#define TB_KERNEL_H

/* Kernel functions and data the backends call back into. */
long kernel_add(long a, long b);
long kernel_apply(long (*fn)(long), long v);
extern long kernel_counter;
extern const char kernel_banner[];

/* A kernel percpu variable (PVLINK_EXPORT_F_PERCPU). */
extern long kernel_cpu_id;

/* pv-ops: the base backend defines all, the top one overrides some. */
long pv_op_a(long x);
long pv_op_b(long x);
long pv_op_c(long x);

/*
 * The backends' own functions the harness calls by name (exec_test.c),
 * declared as a kernel header declares them: the kernel's flags include
 * -Wmissing-prototypes.
 */
long base_switch(long x);
long base_call_ops(long i, long x);
long base_bss_sum(void);
long base_counter_bump(void);
long base_strlen(void);
long base_cpu(void);
long base_cpu_rip(void);
long base_scratch_sum(void);
long base_calls_b(long x);
long top_chain(long x);
long top_calls_read(void);
long weak_probe(long x);
long weak_default(long x);

/* %gs:var, the percpu offset as an absolute 32-bit displacement. */
#define tb_this_cpu_read(var) ({					\
	long __v;							\
	asm volatile("movq %%gs:%c1, %0" : "=r"(__v) : "i"(&(var)));	\
	__v; })
#define tb_this_cpu_write(var, val)					\
	asm volatile("movq %0, %%gs:%c1" : : "r"((long)(val)), "i"(&(var)) : "memory")

/*
 * %gs:var(%rip), what a plain "m" operand gives: a PC-relative field
 * against a percpu symbol, holding the percpu offset minus its address.
 */
#define tb_this_cpu_read_rip(var) ({					\
	long __v;							\
	asm volatile("movq %%gs:%1, %0" : "=r"(__v) : "m"(var));	\
	__v; })

#define TB_PERCPU __attribute__((section(".data..percpu")))

#endif /* TB_KERNEL_H */
