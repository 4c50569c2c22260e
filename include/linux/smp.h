/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Application processors: bring-up and running a function on one CPU.
 */
#ifndef _LINUX_SMP_H
#define _LINUX_SMP_H

#include <linux/types.h>

/**
 * smp_boot_cpus() - start every application processor the platform has
 *
 * Context: boot CPU, once, after pv-ops are installed, percpu areas are
 * set up and pv-op call sites are patched (nothing is patched after an
 * AP runs).
 */
void smp_boot_cpus(void);

/* CPUs running now, the boot CPU included (at least 1). */
unsigned int num_online_cpus(void);

/**
 * smp_call_on_cpu() - run @fn(@arg) on CPU @cpu and wait for it to return
 * @cpu: an online CPU (0 is the boot CPU: @fn runs here)
 *
 * Return: 0, or a negative value if @cpu is not online.
 */
int smp_call_on_cpu(unsigned int cpu, void (*fn)(void *arg), void *arg);

#endif /* _LINUX_SMP_H */
