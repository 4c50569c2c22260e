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
#include <asm/pvclock.h>
#include <asm/pvops.h>

#include "kvm.h"

static u64 kvm_clock_last;

u64 pv_sched_clock(void)
{
	u8 flags;
	u64 ns = pvclock_read(kvm_this_clock(), &flags);

	if (flags & PVCLOCK_TSC_STABLE_BIT)
		return ns;
	return pvclock_floor(&kvm_clock_last, ns);
}
