// SPDX-License-Identifier: GPL-2.0
/*
 * sched_clock from kvmclock: the running CPU's pvclock record (cpu.c),
 * read between two equal, even versions and extrapolated with the TSC.
 * When KVM does not promise a TSC stable across vCPUs (the record's
 * PVCLOCK_TSC_STABLE_BIT), the last value any CPU returned is a floor
 * for all, as for Xen's pvclock; with it, each CPU reads its own record
 * and nothing is shared.
 */
#include <linux/compiler.h>
#include <linux/types.h>
#include <asm/pvops.h>

#include "kvm.h"

static u64 kvm_clock_last;

static inline u64 kvm_rdtsc(void)
{
	u32 lo, hi;

	/* lfence: the TSC is read after the record, not before (SDM vol. 2B, RDTSC). */
	asm volatile("lfence; rdtsc" : "=a" (lo), "=d" (hi) : : "memory");
	return (u64)hi << 32 | lo;
}

static u64 kvm_scale(u64 delta, u32 mul, s8 shift)
{
	if (shift >= 0)
		delta <<= shift;
	else
		delta >>= -shift;
	return (u64)(((unsigned __int128)delta * mul) >> 32);
}

u64 pv_sched_clock(void)
{
	const struct pvclock_vcpu_time_info *t = kvm_this_clock();
	u64 tsc, stamp, ns, last;
	u32 version, mul;
	u8 flags;
	s8 shift;

	do {
		version = READ_ONCE(t->version);
		barrier();
		stamp = READ_ONCE(t->tsc_timestamp);
		ns = READ_ONCE(t->system_time);
		mul = READ_ONCE(t->tsc_to_system_mul);
		shift = READ_ONCE(t->tsc_shift);
		flags = READ_ONCE(t->flags);
		tsc = kvm_rdtsc();
		barrier();
	} while ((version & 1) || version != READ_ONCE(t->version));

	if ((s64)(tsc - stamp) > 0)
		ns += kvm_scale(tsc - stamp, mul, shift);
	if (flags & PVCLOCK_TSC_STABLE_BIT)
		return ns;

	last = __atomic_load_n(&kvm_clock_last, __ATOMIC_RELAXED);
	do {
		if (ns <= last)
			return last;
	} while (!__atomic_compare_exchange_n(&kvm_clock_last, &last, ns, false,
					      __ATOMIC_RELAXED, __ATOMIC_RELAXED));
	return ns;
}
