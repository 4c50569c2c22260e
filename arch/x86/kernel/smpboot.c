// SPDX-License-Identifier: GPL-2.0
/*
 * Application processors.  Not started yet: every CPU but the boot CPU
 * stays parked where the firmware left it.
 */
#include <linux/kernel.h>
#include <linux/smp.h>

void smp_boot_cpus(void)
{
	pr_info("smp: application processors are not started: 1 CPU online\n");
}

unsigned int num_online_cpus(void)
{
	return 1;
}

int smp_call_on_cpu(unsigned int cpu, void (*fn)(void *arg), void *arg)
{
	if (cpu != 0)
		return -1;
	fn(arg);
	return 0;
}
