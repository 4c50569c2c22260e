// SPDX-License-Identifier: GPL-2.0
/*
 * Test backend "hooks": probes, inits and exits for the percpu rule
 * (lib/pvlink/stack.c).  A hook's symbol is named after the backend, so
 * the unit test links this one object under several names, each picking
 * one case:
 *
 *	direct	 the init writes a percpu variable of its own	refused
 *	helper	 the init calls a static helper that does	refused
 *	kernel	 the init reads a kernel percpu export		refused
 *	deep	 the probe reaches one three calls down		refused
 *	exitonly the exit writes one (the init does not)	refused
 *	checked	 the init calls a PVLINK_PERCPU_CHECKED() one	accepted
 *	pvop	 the init calls a pv-op that uses percpu data	accepted
 *	clean	 the init uses ordinary data only		accepted
 */
#include <linux/pvlink_backend.h>
#include "tb_kernel.h"

#define noinline __attribute__((noinline))

static long hook_count TB_PERCPU;
long hook_deep_var TB_PERCPU;
long hook_plain;
long hook_ready;

long hook_chain1(void);
long hook_chain2(void);
long hook_chain3(void);
long pv_op_hooked(long x);

static noinline void hook_helper_write(long v)
{
	tb_this_cpu_write(hook_count, v);
}

/* Reaches percpu data only once hook_ready says the areas exist. */
static noinline long hook_checked_read(void)
{
	return hook_ready ? tb_this_cpu_read(hook_count) : 0;
}
PVLINK_PERCPU_CHECKED(hook_checked_read);

noinline long hook_chain3(void)
{
	return tb_this_cpu_read(hook_deep_var);
}

noinline long hook_chain2(void)
{
	return hook_chain3() + 1;
}

noinline long hook_chain1(void)
{
	return hook_chain2() + 1;
}

/* A pv-op: the kernel calls it before the percpu areas exist too. */
noinline long pv_op_hooked(long x)
{
	tb_this_cpu_write(hook_count, x);
	return x;
}

PVLINK_BACKEND_INIT(direct)
{
	tb_this_cpu_write(hook_count, 1);
	return 0;
}

PVLINK_BACKEND_INIT(helper)
{
	hook_helper_write(2);
	return 0;
}

PVLINK_BACKEND_INIT(kernel)
{
	return (int)tb_this_cpu_read(kernel_cpu_id);
}

PVLINK_BACKEND_PROBE(deep)
{
	return hook_chain1() ? "no" : NULL;
}

PVLINK_BACKEND_INIT(exitonly)
{
	hook_plain = 1;
	return 0;
}

PVLINK_BACKEND_EXIT(exitonly)
{
	tb_this_cpu_write(hook_count, 0);
	return 0;
}

PVLINK_BACKEND_INIT(checked)
{
	return (int)hook_checked_read();
}

PVLINK_BACKEND_INIT(pvop)
{
	return (int)pv_op_hooked(0);
}

PVLINK_BACKEND_INIT(clean)
{
	hook_plain = kernel_add(hook_plain, 1);
	return 0;
}
