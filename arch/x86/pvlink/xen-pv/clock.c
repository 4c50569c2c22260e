// SPDX-License-Identifier: GPL-2.0
/*
 * The clock: Xen system time from the vCPU's vcpu_time_info (pvclock).
 *
 * Xen updates the record whenever it recalibrates, bumping @version to
 * odd before and to even after (public/xen.h, struct vcpu_time_info):
 * a read is good when it saw the same even version on both sides.  Then
 *
 *	ns = system_time + ((tsc - tsc_timestamp) << tsc_shift) * mul >> 32
 *
 * with a negative shift meaning a right shift.  Xen lets PV guests
 * execute rdtsc (its default TSC mode), and the result is Xen's system
 * time, the timebase of VCPUOP_set_singleshot_timer.
 */
#include <asm/pvops.h>

#include "xen-pv.h"

static u64 rdtsc(void)
{
	u32 lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

u64 xen_pv_system_time(void)
{
	const volatile struct vcpu_time_info *t = &xen_pv_vcpu()->time;
	u32 version, mul;
	u64 delta, base;
	s8 shift;

	do {
		version = t->version;
		xen_pv_barrier();
		delta = rdtsc() - t->tsc_timestamp;
		base = t->system_time;
		mul = t->tsc_to_system_mul;
		shift = t->tsc_shift;
		xen_pv_barrier();
	} while ((version & 1) || version != t->version);

	if (shift >= 0)
		delta <<= shift;
	else
		delta >>= -shift;
	return base + (u64)(((unsigned __int128)delta * mul) >> 32);
}

u64 pv_sched_clock(void)
{
	return xen_pv_system_time();
}
