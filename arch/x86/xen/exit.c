// SPDX-License-Identifier: GPL-2.0
/*
 * Ending a run under Xen: the machine_exit() hook of both Xen entries,
 * for as long as no backend's pv_shutdown() can serve.
 *
 * Our kernel is Xen's hardware domain (dom0), so shutting the domain down
 * ends the machine.  SCHEDOP_shutdown with reason reboot makes Xen print
 * "Hardware Dom0 shutdown: rebooting machine" and restart at once, which
 * QEMU -no-reboot turns into exit status 0; reason crash makes it print
 * "Hardware Dom0 crashed" and restart after its 5 s delay
 * (xen/common/shutdown.c, hwdom_shutdown()).  The boot tests judge a Xen
 * run by those lines.  Poweroff would halt Xen and hang QEMU: not used.
 *
 * The same hypercall serves PV (ring 3) and PVH (ring 0) dom0: no port
 * I/O, nothing privileged.
 */
#include <linux/kernel.h>
#include <linux/reboot.h>
#include <linux/types.h>
#include <xen/hypercall.h>
#include <xen/sched.h>

#include "xen-ops.h"

/*
 * The machine_exit() hook under Xen: @status 0 is a pass, anything else a
 * failure.  Does not return.
 */
static void xen_machine_exit(int status)
{
	struct sched_shutdown s = {
		.reason = status == 0 ? SHUTDOWN_reboot : SHUTDOWN_crash,
	};
	long rc;

	rc = HYPERVISOR_sched_op(SCHEDOP_shutdown, &s);
	/*
	 * Only a refused request returns.  Nothing else can end the run:
	 * say so once, then keep asking rather than run on.
	 */
	pr_err("xen: SCHEDOP_shutdown(%s) failed (%ld): the run cannot end; retrying\n",
	       s.reason == SHUTDOWN_reboot ? "reboot" : "crash", rc);
	for (;;)
		HYPERVISOR_sched_op(SCHEDOP_shutdown, &s);
}

/**
 * xen_exit_install() - make machine_exit() end the run the Xen way
 *
 * Context: early boot, before start_kernel(), once the hypercall page is
 * filled.
 */
void xen_exit_install(void)
{
	set_machine_exit_hook(xen_machine_exit);
}
