// SPDX-License-Identifier: GPL-2.0
/*
 * Ending a run under Xen: the one file of arch/x86/xen/ that does port
 * I/O (the privileged-instruction checker allows it by name).
 *
 * QEMU's isa-debug-exit device (iobase 0xf4) ends QEMU with status
 * (value << 1) | 1.  A PVH dom0 runs in ring 0 and Xen passes the port
 * through, so it writes it directly.  A PV dom0 runs in ring 3: Xen
 * emulates its port I/O only after PHYSDEVOP_set_iopl raised its virtual
 * IOPL.  If the device is absent, SCHEDOP_shutdown ends the domain, and
 * with it, as dom0, the machine: reason reboot ends QEMU -no-reboot at
 * once (status 0); reason crash makes Xen report the crash and reboot
 * after its panic timeout.
 */
#include <linux/bootinfo.h>
#include <linux/kernel.h>
#include <linux/reboot.h>
#include <linux/types.h>
#include <xen/hypercall.h>
#include <xen/physdev.h>
#include <xen/sched.h>

#include "xen-ops.h"

#define ISA_DEBUG_EXIT_PORT	0xf4	/* QEMU -device isa-debug-exit,iobase=0xf4 */
#define ISA_DEBUG_EXIT_PASS	0	/* QEMU exits 1 */
#define ISA_DEBUG_EXIT_FAIL	1	/* QEMU exits 3 */

/*
 * IOPL 3 lets every ring do port I/O; Xen compares it with the ring it
 * considers the PV kernel to be in.
 */
#define XEN_PV_IOPL		3

static void xen_debug_exit(u32 value)
{
	asm volatile("outl %0, %w1" : : "a" (value), "Nd" (ISA_DEBUG_EXIT_PORT));
}

/*
 * The machine_exit() hook under Xen: @status 0 is a pass, anything else a
 * failure.  Does not return.
 */
static void xen_machine_exit(int status)
{
	bool pass = status == 0;
	struct sched_shutdown s = {
		.reason = pass ? SHUTDOWN_reboot : SHUTDOWN_crash,
	};

	if (!boot_has(BOOT_CAP_PRIV)) {
		struct physdev_set_iopl iopl = { .iopl = XEN_PV_IOPL };
		long rc = HYPERVISOR_physdev_op(PHYSDEVOP_set_iopl, &iopl);

		if (rc < 0)
			pr_err("xen: PHYSDEVOP_set_iopl failed (%ld): no port I/O\n",
			       rc);
	}
	xen_debug_exit(pass ? ISA_DEBUG_EXIT_PASS : ISA_DEBUG_EXIT_FAIL);

	pr_info("xen: no isa-debug-exit device; SCHEDOP_shutdown(%s)\n",
		pass ? "reboot" : "crash");
	for (;;)
		HYPERVISOR_sched_op(SCHEDOP_shutdown, &s);
}

/**
 * xen_exit_install() - make machine_exit() end the run the Xen way
 *
 * Context: early boot, before start_kernel().
 */
void xen_exit_install(void)
{
	set_machine_exit_hook(xen_machine_exit);
}
