/* SPDX-License-Identifier: GPL-2.0 */
/*
 * physdev_op sub-commands pvlink uses (public/physdev.h).
 */
#ifndef _XEN_PHYSDEV_H
#define _XEN_PHYSDEV_H

#include <linux/types.h>

/*
 * Set the virtual I/O privilege level of the calling vCPU: a PV kernel
 * runs outside ring 0, so Xen emulates its port I/O only when the IOPL
 * it set here allows the access.
 */
#define PHYSDEVOP_set_iopl		6

struct physdev_set_iopl {
	u32 iopl;			/* 0..3 */
};

#endif /* _XEN_PHYSDEV_H */
