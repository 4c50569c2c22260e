// SPDX-License-Identifier: GPL-2.0
/*
 * Test backend "top": sits on "base" like kvm on native.  It overrides
 * pv_op_b, keeps base's pv_op_a and pv_op_c, and calls both base's
 * pv_op_a (resolved to the object below) and the kernel.
 */
#include "tb_kernel.h"

long top_calls TB_PERCPU;

long pv_op_b(long x)
{
	tb_this_cpu_write(top_calls, tb_this_cpu_read(top_calls) + 1);
	return pv_op_a(x) * 10;
}

long top_chain(long x)
{
	return pv_op_c(x) + kernel_add(x, x);
}

long top_calls_read(void)
{
	return tb_this_cpu_read(top_calls);
}
