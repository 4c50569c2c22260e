// SPDX-License-Identifier: GPL-2.0
/*
 * sched_clock from the TSC at the rate the hypervisor gives (init.c):
 * nothing to calibrate against a PIT, and the rate is the one the
 * hypervisor runs the guest's TSC at.  Where it gives none (QEMU under
 * TCG: GETHZ unsupported, no CPUID 0x40000010), the clock is native's,
 * reached through PVLINK_BELOW(): the stack behaves as native does.
 *
 * The TSC is read as native's sched_clock reads it (from reset, not
 * from boot), so both clocks count from the same point.
 */
#include <linux/types.h>
#include <asm/pvops.h>
#include <linux/pvlink_backend.h>

#include "vmware.h"

u64 vmware_tsc_hz;
u64 vmware_ns_per_tick;

static inline u64 vmware_rdtsc(void)
{
	u32 lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

u64 pv_sched_clock(void)
{
	if (!vmware_ns_per_tick)
		return PVLINK_BELOW(pv_sched_clock)();
	/* ns = ticks * (10^9 / Hz), the factor in 32.32 fixed point */
	return (u64)(((unsigned __int128)vmware_rdtsc() * vmware_ns_per_tick) >> 32);
}
