// SPDX-License-Identifier: GPL-2.0
/*
 * sched_clock from Xen's pvclock: the vcpu_time_info record Xen keeps
 * for each vCPU in shared_info's vcpu_info[] (public/xen.h).  Xen
 * rewrites it at each calibration; a reader takes a consistent copy
 * between two equal, even values of @version (odd: an update is under
 * way), then extrapolates from the TSC:
 *
 *	ns = system_time + (((tsc - tsc_timestamp) << tsc_shift)
 *			    * tsc_to_system_mul) >> 32
 *
 * (a negative tsc_shift shifts right).  Natively the kernel would have
 * to calibrate the TSC against a PIT, which a PVH dom0 does not have.
 *
 * Each CPU reads its own vCPU's record, which Xen keeps current for the
 * physical CPU that vCPU runs on (at each calibration and each time it
 * schedules the vCPU there), and extrapolates it with its own TSC.  Its
 * Xen vCPU id comes from CPUID base+4 (events.c keeps it per CPU); where
 * that is unknown, and before percpu areas exist (only the boot CPU, vCPU
 * 0, runs then), vCPU 0's record serves.  The floor below hides what
 * small differences remain between the records.
 */
#include <linux/compiler.h>
#include <linux/percpu.h>
#include <linux/types.h>
#include <asm/pvclock.h>
#include <asm/pvops.h>

#include "xen-pvh.h"

/*
 * Xen's recalibration may set system_time a little behind what the old
 * record extrapolated to; sched_clock must not go back.  The last value
 * any CPU returned is the floor for all (pvclock_floor()).
 */
static u64 xen_pvh_clock_last;

/* The running vCPU's time record, or vCPU 0's where its id is unknown. */
static const struct pvclock_vcpu_time_info *xen_pvh_time_info(void)
{
	u32 vcpu = percpu_ready() ? xen_pvh_vcpu() : XEN_PVH_NONE;

	return &xen_pvh_shared->vcpu_info[vcpu == XEN_PVH_NONE ? 0 : vcpu].time;
}

/**
 * xen_pvh_system_time() - Xen's system time now, in ns
 *
 * What Xen compares its timers with (VCPUOP_set_singleshot_timer takes
 * an absolute time in it); pv_sched_clock() is the same, floored.
 */
u64 xen_pvh_system_time(void)
{
	return pvclock_read(xen_pvh_time_info(), NULL);
}

u64 pv_sched_clock(void)
{
	return pvclock_floor(&xen_pvh_clock_last, xen_pvh_system_time());
}
