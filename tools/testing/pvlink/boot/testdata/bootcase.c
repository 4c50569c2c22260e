// SPDX-License-Identifier: GPL-2.0
/*
 * Backends that only a boot can refuse (suite 21): well-formed objects
 * with nothing undefined, so the first error is one of the kernel's own
 * limits, not of the corpus driver's.
 *
 *   -DBOOTCASE_PERCPU=N  N bytes of percpu data: more than the kernel's
 *                        percpu reserve for backends
 *   -DBOOTCASE_BSS=N     an N-byte bss: more than the guest's memory
 *   neither              links, but defines no pv-op
 */

#ifdef BOOTCASE_PERCPU
__attribute__((section(".data..percpu"))) char bootcase_percpu[BOOTCASE_PERCPU] = { 1 };
#endif

#ifdef BOOTCASE_BSS
char bootcase_bss[BOOTCASE_BSS];
#endif

int bootcase_func(void);

int bootcase_func(void)
{
	return 0;
}
