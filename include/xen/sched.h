/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sched_op sub-commands and shutdown reasons (public/sched.h).
 */
#ifndef _XEN_SCHED_H
#define _XEN_SCHED_H

#define SCHEDOP_yield			0
#define SCHEDOP_block			1
#define SCHEDOP_shutdown		2
#define SCHEDOP_poll			3

/* struct sched_shutdown.reason */
#define SHUTDOWN_poweroff		0
#define SHUTDOWN_reboot			1
#define SHUTDOWN_suspend		2
#define SHUTDOWN_crash			3
#define SHUTDOWN_watchdog		4

#ifndef __ASSEMBLY__
struct sched_shutdown {
	unsigned int reason;		/* SHUTDOWN_* */
};
#endif

#endif /* _XEN_SCHED_H */
