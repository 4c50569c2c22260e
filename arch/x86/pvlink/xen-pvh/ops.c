// SPDX-License-Identifier: GPL-2.0
/*
 * The console and the end of a run under Xen PVH, both by hypercall
 * through the backend's own page.
 */
#include <linux/types.h>
#include <asm/pvops.h>
#include <xen/sched.h>

#include "xen-pvh.h"

/* console_io takes an int count: bounded chunks (public/xen.h). */
#define XEN_PVH_CONSOLE_CHUNK	4096

/*
 * CONSOLEIO_write: for the hardware domain Xen prints the bytes on its
 * own console, whole, and returns 0.
 */
void pv_console_write(const char *s, unsigned int len)
{
	while (len) {
		unsigned int n = len > XEN_PVH_CONSOLE_CHUNK ? XEN_PVH_CONSOLE_CHUNK : len;

		if (HYPERVISOR_console_io(CONSOLEIO_write, (int)n, (char *)s) < 0)
			return;		/* the console is where errors would go */
		s += n;
		len -= n;
	}
}

/*
 * As dom0, shutting the domain down ends the machine (as in
 * arch/x86/xen/exit.c; Documentation/xen.rst, "Ending a run under
 * Xen"): reason reboot for a pass, which Xen
 * reports as "Hardware Dom0 shutdown: rebooting machine" and QEMU
 * -no-reboot ends with status 0; reason crash for a failure ("Hardware
 * Dom0 crashed", Xen restarts after 5 s).
 */
void pv_shutdown(int status)
{
	struct sched_shutdown s = {
		.reason = status == 0 ? SHUTDOWN_reboot : SHUTDOWN_crash,
	};

	/* Only a refused request returns: keep asking, never run on. */
	for (;;)
		HYPERVISOR_sched_op(SCHEDOP_shutdown, &s);
}
