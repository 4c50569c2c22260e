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
#include <asm/pvops.h>

#include "xen-pvh.h"

/*
 * Xen's recalibration may set system_time a little behind what the old
 * record extrapolated to; sched_clock must not go back.  The last value
 * any CPU returned is the floor for all (compare-and-exchange, as other
 * CPUs read the clock at the same time).
 */
static u64 xen_pvh_clock_last;

static inline u64 xen_pvh_rdtsc(void)
{
	u32 lo, hi;

	/* lfence: the TSC is read after the record, not before (SDM vol. 2B, RDTSC). */
	asm volatile("lfence; rdtsc" : "=a" (lo), "=d" (hi) : : "memory");
	return (u64)hi << 32 | lo;
}

/* The running vCPU's time record, or vCPU 0's where its id is unknown. */
static const struct vcpu_time_info *xen_pvh_time_info(void)
{
	u32 vcpu = percpu_ready() ? xen_pvh_vcpu() : XEN_PVH_NONE;

	return &xen_pvh_shared->vcpu_info[vcpu == XEN_PVH_NONE ? 0 : vcpu].time;
}

static u64 xen_pvh_scale(u64 delta, u32 mul, s8 shift)
{
	if (shift >= 0)
		delta <<= shift;
	else
		delta >>= -shift;
	return (u64)(((unsigned __int128)delta * mul) >> 32);
}

/**
 * xen_pvh_system_time() - Xen's system time now, in ns
 *
 * What Xen compares its timers with (VCPUOP_set_singleshot_timer takes
 * an absolute time in it); pv_sched_clock() is the same, floored.
 */
u64 xen_pvh_system_time(void)
{
	const struct vcpu_time_info *t = xen_pvh_time_info();
	u64 tsc, stamp, system_time;
	u32 version, mul;
	s64 delta;
	s8 shift;

	do {
		version = READ_ONCE(t->version);
		barrier();
		stamp = READ_ONCE(t->tsc_timestamp);
		system_time = READ_ONCE(t->system_time);
		mul = READ_ONCE(t->tsc_to_system_mul);
		shift = READ_ONCE(t->tsc_shift);
		tsc = xen_pvh_rdtsc();
		barrier();
	} while ((version & 1) || version != READ_ONCE(t->version));

	/*
	 * The stamp may lie "before zero": Xen took it on the host's TSC
	 * and offset it to the guest's, which started near 0 when the
	 * domain was built.  The difference is right modulo 2^64.
	 */
	delta = (s64)(tsc - stamp);
	return system_time + (delta > 0 ? xen_pvh_scale((u64)delta, mul, shift) : 0);
}

u64 pv_sched_clock(void)
{
	u64 ns = xen_pvh_system_time(), last;

	last = __atomic_load_n(&xen_pvh_clock_last, __ATOMIC_RELAXED);
	do {
		if (ns <= last)
			return last;
	} while (!__atomic_compare_exchange_n(&xen_pvh_clock_last, &last, ns, false,
					      __ATOMIC_RELAXED, __ATOMIC_RELAXED));
	return ns;
}
