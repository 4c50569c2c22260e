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
 *
 * As Linux's pvclock code does where Xen does not promise a stable TSC
 * (and as xen-pvh does): the TSC is read after the record (lfence), a
 * stamp ahead of the TSC counts as no time past it, not as 2^64 ticks,
 * and sched_clock never goes back.  Each vCPU has its own record, a
 * recalibration may set system_time a little behind what the old record
 * extrapolated to, and callers compute "now - t0" unsigned: one step
 * back would read as 584 years.  The last value any CPU returned is the
 * floor for all (compare-and-exchange: CPUs read the clock at once).
 */
#include <asm/pvops.h>

#include "xen-pv.h"

static u64 clock_last;

static u64 rdtsc_ordered(void)
{
	u32 lo, hi;

	/* lfence: the TSC is read after the record (SDM vol. 2B, RDTSC). */
	asm volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return ((u64)hi << 32) | lo;
}

u64 xen_pv_system_time(void)
{
	const volatile struct pvclock_vcpu_time_info *t = &xen_pv_vcpu()->time;
	u32 version, mul;
	u64 stamp, base, tsc;
	s64 delta;
	s8 shift;

	do {
		version = t->version;
		xen_pv_barrier();
		stamp = t->tsc_timestamp;
		base = t->system_time;
		mul = t->tsc_to_system_mul;
		shift = t->tsc_shift;
		tsc = rdtsc_ordered();
		xen_pv_barrier();
	} while ((version & 1) || version != t->version);

	delta = (s64)(tsc - stamp);
	if (delta <= 0)
		return base;
	if (shift >= 0)
		delta = (s64)((u64)delta << shift);
	else
		delta = (s64)((u64)delta >> -shift);
	return base + (u64)(((unsigned __int128)(u64)delta * mul) >> 32);
}

u64 pv_sched_clock(void)
{
	u64 ns = xen_pv_system_time(), last;

	last = __atomic_load_n(&clock_last, __ATOMIC_RELAXED);
	do {
		if (ns <= last)
			return last;
	} while (!__atomic_compare_exchange_n(&clock_last, &last, ns, false,
					      __ATOMIC_RELAXED, __ATOMIC_RELAXED));
	return ns;
}
