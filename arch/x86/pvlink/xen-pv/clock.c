// SPDX-License-Identifier: GPL-2.0
/*
 * The clock: Xen system time from the vCPU's pvclock record
 * (<asm/pvclock.h>, which reads it as KVM's and Xen PVH's are read).
 * Xen lets PV guests
 * execute rdtsc (its default TSC mode), and the result is Xen's system
 * time, the timebase of VCPUOP_set_singleshot_timer.
 *
 * As Linux's pvclock code does where Xen does not promise a stable TSC
 * (and as xen-pvh and kvm do): the TSC is read after the record, a
 * stamp ahead of the TSC counts as no time past it, not as 2^64 ticks,
 * and sched_clock never goes back.  Each vCPU has its own record, a
 * recalibration may set system_time a little behind what the old record
 * extrapolated to, and callers compute "now - t0" unsigned: one step
 * back would read as 584 years.  The last value any CPU returned is the
 * floor for all (compare-and-exchange: CPUs read the clock at once).
 */
#include <asm/pvclock.h>
#include <asm/pvops.h>

#include "xen-pv.h"

static u64 clock_last;

u64 xen_pv_system_time(void)
{
	return pvclock_read(&xen_pv_vcpu()->time, NULL);
}

u64 pv_sched_clock(void)
{
	return pvclock_floor(&clock_last, xen_pv_system_time());
}
