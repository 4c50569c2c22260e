// SPDX-License-Identifier: GPL-2.0
/*
 * The boot CPU's GS base from the entry on: CPU 0's percpu area, before
 * the first pv-op runs.  A backend's pv-op may touch its percpu data
 * whenever it is called (the test backend counts io_delay calls), and
 * pv-ops run before setup_percpu(): with the GS base still 0 (head.S
 * loads a null %gs) those accesses wrote low memory, the real-mode IVT
 * among it.  Now they reach CPU 0's area (zeroed .bss until
 * setup_percpu() fills it from the template), as Linux points the GS
 * base at its percpu load area from the first instruction.
 *
 * Ring 0 only (a native or PVH entry): wrmsr before any pv-op exists.
 * The Xen PV entry asks Xen (arch/x86/xen/start_pv.c).
 */
#include <linux/types.h>
#include <asm/msr-index.h>
#include <asm/boot.h>

extern char __per_cpu_areas[];

void early_percpu_init(void)
{
	u64 base = (u64)(uintptr_t)__per_cpu_areas;

	asm volatile("wrmsr" : : "c"(MSR_GS_BASE), "a"((u32)base), "d"((u32)(base >> 32))
		     : "memory");
}
