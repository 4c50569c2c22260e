// SPDX-License-Identifier: GPL-2.0
/*
 * Test backend "base": what a native backend looks like to the linker.
 * Every construct here produces a relocation kind the core must handle:
 * calls to kernel exports (PLT32), kernel data (PC32), a table of
 * function pointers (64), a switch that may become a jump table (32S
 * into .rodata), strings (.rodata.str), bss, static data, and percpu
 * variables of its own and of the kernel.
 */
#include "tb_kernel.h"

long base_hits TB_PERCPU;
long base_scratch[4] TB_PERCPU = { 1, 2, 3, 4 };
static long base_bss[8];
static long base_data = 42;
static const char base_msg[] = "base backend";

static long twice(long x)
{
	return 2 * x;
}

static long thrice(long x)
{
	return 3 * x;
}

long (*const base_ops[])(long) = { twice, thrice };

long pv_op_a(long x)
{
	tb_this_cpu_write(base_hits, tb_this_cpu_read(base_hits) + 1);
	return kernel_add(x, 1);
}

long pv_op_b(long x)
{
	return kernel_apply(twice, x) + base_data;
}

long pv_op_c(long x)
{
	return x + 1000;
}

__attribute__((noinline)) long base_switch(long x)
{
	switch (x) {
	case 0: return 11;
	case 1: return 22;
	case 2: return 35;
	case 3: return 47;
	case 4: return 51;
	case 5: return 68;
	case 6: return 73;
	default: return -1;
	}
}

long base_call_ops(long i, long x)
{
	return base_ops[i & 1](x);
}

long base_bss_sum(void)
{
	long i, s = 0;

	for (i = 0; i < 8; i++) {
		base_bss[i] += i;
		s += base_bss[i];
	}
	return s;
}

long base_counter_bump(void)
{
	kernel_counter += 5;
	return kernel_counter;
}

long base_strlen(void)
{
	const char *p = base_msg;
	long n = 0;

	while (*p++)
		n++;
	return n + kernel_banner[0];
}

long base_cpu(void)
{
	return tb_this_cpu_read(kernel_cpu_id) * 100 + tb_this_cpu_read(base_hits);
}

/* The same as base_cpu(), through RIP-relative percpu fields. */
long base_cpu_rip(void)
{
	return tb_this_cpu_read_rip(kernel_cpu_id) * 100 + tb_this_cpu_read_rip(base_hits);
}

long base_scratch_sum(void)
{
	return tb_this_cpu_read(base_scratch[0]) + tb_this_cpu_read(base_scratch[3]);
}

/* Calls its own pv_op_b: binds locally even when an upper object overrides it. */
long base_calls_b(long x)
{
	return pv_op_b(x) + 0 * base_data;
}
