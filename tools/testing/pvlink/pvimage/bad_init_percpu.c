// SPDX-License-Identifier: GPL-2.0
/*
 * A backend whose init writes its percpu data through a helper, before
 * the percpu areas exist: refused by the percpu rule of inits.
 */
#include <linux/percpu.h>
#include <linux/pvlink_backend.h>

PVLINK_BACKEND(initpcpu, .entry = PVLINK_ENTRY_NATIVE, .priority = -10,
	       .requires = "native");

DEFINE_PER_CPU(unsigned long, initpcpu_started);

static __attribute__((noinline)) void initpcpu_mark(void)
{
	this_cpu_write(initpcpu_started, 1);
}

PVLINK_BACKEND_INIT(initpcpu)
{
	(void)bi;
	initpcpu_mark();
	return 0;
}
