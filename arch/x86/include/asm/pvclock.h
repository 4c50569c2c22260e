/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pvclock: the per-vCPU time record KVM (kvmclock) and Xen (each
 * vcpu_info's time) both keep for their guests, and its reading.  The
 * hypervisor rewrites a record at each calibration, its @version odd
 * while it does; a reader takes a consistent copy between two equal,
 * even versions and extrapolates from the TSC:
 *
 *	ns = system_time + (((tsc - tsc_timestamp) << tsc_shift)
 *			    * tsc_to_system_mul) >> 32
 *
 * (a negative tsc_shift shifts right).  Where the record does not say
 * the TSC is stable across vCPUs (PVCLOCK_TSC_STABLE_BIT), readings on
 * different vCPUs may step back a little: pvclock_floor() keeps a clock
 * monotonic across all of them.
 *
 * Header-only: each backend that reads a pvclock compiles its own copy
 * (backends share no code but through the kernel's exports).
 */
#ifndef _ASM_X86_PVCLOCK_H
#define _ASM_X86_PVCLOCK_H

#include <linux/compiler.h>
#include <linux/types.h>

struct pvclock_vcpu_time_info {
	u32 version;
	u32 pad0;
	u64 tsc_timestamp;
	u64 system_time;
	u32 tsc_to_system_mul;
	s8 tsc_shift;
	u8 flags;			/* PVCLOCK_* */
	u8 pad[2];
};

/* flags: the TSC is stable across vCPUs: no floor is needed. */
#define PVCLOCK_TSC_STABLE_BIT		(1u << 0)

_Static_assert(sizeof(struct pvclock_vcpu_time_info) == 32,
	       "struct pvclock_vcpu_time_info is 32 bytes");
_Static_assert(__builtin_offsetof(struct pvclock_vcpu_time_info, tsc_to_system_mul) == 24,
	       "pvclock_vcpu_time_info.tsc_to_system_mul offset");

/* The TSC, read after the record, not before (lfence: SDM vol. 2B, RDTSC). */
static inline u64 pvclock_rdtsc_ordered(void)
{
	u32 lo, hi;

	asm volatile("lfence; rdtsc" : "=a" (lo), "=d" (hi) : : "memory");
	return (u64)hi << 32 | lo;
}

static inline u64 pvclock_scale(u64 delta, u32 mul, s8 shift)
{
	if (shift >= 0)
		delta <<= shift;
	else
		delta >>= -shift;
	return (u64)(((unsigned __int128)delta * mul) >> 32);
}

/**
 * pvclock_read() - the time a pvclock record gives now, in ns
 * @t:     the record (the running vCPU's).
 * @flags: if not NULL, gets the record's flags.
 *
 * The stamp may lie "before zero" (the hypervisor took it on the host's
 * TSC and offset it to the guest's): the difference is right modulo
 * 2^64, and a negative one extrapolates nothing.
 */
static inline u64 pvclock_read(const struct pvclock_vcpu_time_info *t, u8 *flags)
{
	u64 tsc, stamp, ns;
	u32 version, mul;
	u8 fl;
	s8 shift;

	do {
		version = READ_ONCE(t->version);
		barrier();
		stamp = READ_ONCE(t->tsc_timestamp);
		ns = READ_ONCE(t->system_time);
		mul = READ_ONCE(t->tsc_to_system_mul);
		shift = READ_ONCE(t->tsc_shift);
		fl = READ_ONCE(t->flags);
		tsc = pvclock_rdtsc_ordered();
		barrier();
	} while ((version & 1) || version != READ_ONCE(t->version));

	if (flags)
		*flags = fl;
	if ((s64)(tsc - stamp) > 0)
		ns += pvclock_scale(tsc - stamp, mul, shift);
	return ns;
}

/**
 * pvclock_floor() - @ns, or the last value any CPU returned if larger
 * @last: the clock's shared floor.
 * @ns:   a reading.
 *
 * A compare-and-exchange: other CPUs read the clock at the same time.
 */
static inline u64 pvclock_floor(u64 *last, u64 ns)
{
	u64 old = __atomic_load_n(last, __ATOMIC_RELAXED);

	do {
		if (ns <= old)
			return old;
	} while (!__atomic_compare_exchange_n(last, &old, ns, false,
					      __ATOMIC_RELAXED, __ATOMIC_RELAXED));
	return ns;
}

#endif /* _ASM_X86_PVCLOCK_H */
