/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Application processors: bring-up and running a function on one CPU.
 *
 * CPU numbers are 0 (the boot CPU) to CONFIG_NR_CPUS - 1, given in the
 * order the firmware lists the CPUs; a CPU that failed to start leaves
 * its number unused, so test cpu_online() rather than counting.
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

/* Is CPU @cpu running and answering smp_call_on_cpu()? */
bool cpu_online(unsigned int cpu);

/* smp_call_on_cpu() errors. */
#define SMP_CALL_OFFLINE	(-1)	/* @cpu is not online */
#define SMP_CALL_TIMEOUT	(-2)	/* @fn did not return in time: @cpu
					 * was stopped and is now offline */

/**
 * smp_call_on_cpu() - run @fn(@arg) on CPU @cpu and wait for it to return
 * @cpu: an online CPU (the calling CPU: @fn runs here)
 * @fn: the function; on an application processor it runs with
 *      interrupts off and must not printk (the console has no lock)
 * @arg: its argument
 *
 * Context: the boot CPU; one call at a time.
 * Return: 0, SMP_CALL_OFFLINE or SMP_CALL_TIMEOUT.
 */
int smp_call_on_cpu(unsigned int cpu, void (*fn)(void *arg), void *arg);

/**
 * smp_ap_hold_irqs_off() - keep this AP's interrupts off until its next call
 *
 * For an @fn of smp_call_on_cpu() that leaves an interrupt pending on
 * purpose (a test): an AP that waits for its calls with interrupts on
 * (Xen PV: halted until the call's IPI) would take it as soon as @fn
 * returns.  After this, the AP waits for its next call with interrupts
 * still off, polling its mailbox; the call after that starts with them
 * off as always, and the AP's waits are as before once it returns.
 *
 * Context: in @fn, on an application processor.
 */
void smp_ap_hold_irqs_off(void);

/*
 * CALL_FUNCTION_VECTOR interrupts each CPU took (the wake-ups of
 * smp_call_on_cpu(), where it sends them); for the self-tests.
 */
unsigned long smp_call_ipis(unsigned int cpu);

#endif /* _LINUX_SMP_H */
