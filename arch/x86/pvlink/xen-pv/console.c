// SPDX-License-Identifier: GPL-2.0
/*
 * The console and the end of a run under Xen PV.
 *
 * console_io CONSOLEIO_write prints straight to Xen's console for the
 * hardware domain.  SCHEDOP_shutdown ends the domain, and with dom0 the
 * machine: reason reboot for a pass (Xen prints "Hardware Dom0 shutdown:
 * rebooting machine"; QEMU -no-reboot exits at once), reason crash for
 * a failure (Xen prints "Hardware Dom0 crashed" and reboots after its
 * panic timeout) - the lines the harness judges a Xen run by.
 */
#include <asm/pvops.h>
#include <xen/hypercall.h>
#include <xen/sched.h>

#include "xen-pv.h"

/* The ABI's count is an int: write in bounded chunks. */
#define XEN_PV_CONSOLE_CHUNK	4096u

void pv_console_write(const char *s, unsigned int len)
{
	while (len) {
		unsigned int n = len > XEN_PV_CONSOLE_CHUNK ? XEN_PV_CONSOLE_CHUNK : len;

		if (HYPERVISOR_console_io(CONSOLEIO_write, (int)n, (char *)s) < 0)
			return;		/* there is no other console to say so on */
		s += n;
		len -= n;
	}
}

void pv_shutdown(int status)
{
	struct sched_shutdown s = {
		.reason = status ? SHUTDOWN_crash : SHUTDOWN_reboot,
	};

	for (;;)
		HYPERVISOR_sched_op(SCHEDOP_shutdown, &s);
}
