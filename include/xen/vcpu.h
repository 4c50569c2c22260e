/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vcpu_op sub-commands pvlink uses (public/vcpu.h): the per-vCPU timers.
 */
#ifndef _XEN_VCPU_H
#define _XEN_VCPU_H

#include <linux/types.h>

#define VCPUOP_initialise		0
#define VCPUOP_up			1
#define VCPUOP_is_up			3
#define VCPUOP_stop_periodic_timer	7	/* arg: NULL */
#define VCPUOP_set_singleshot_timer	8
#define VCPUOP_stop_singleshot_timer	9	/* arg: NULL */

/*
 * Fail with -ETIME instead of firing at once when the timeout is
 * already past.
 */
#define VCPU_SSHOTTMR_future		(1u << 0)

/**
 * struct vcpu_set_singleshot_timer - argument of VCPUOP_set_singleshot_timer
 * @timeout_abs_ns: Xen system time (vcpu_time_info) to fire at
 * @flags:          VCPU_SSHOTTMR_*
 *
 * VIRQ_TIMER is raised on the vCPU at the timeout.
 */
struct vcpu_set_singleshot_timer {
	u64 timeout_abs_ns;
	u32 flags;
};

_Static_assert(sizeof(struct vcpu_set_singleshot_timer) == 16,
	       "vcpu_set_singleshot_timer is 16 bytes (public/vcpu.h)");

#endif /* _XEN_VCPU_H */
