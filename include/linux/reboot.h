/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Ending the run.  Tests and fatal errors end here; the status is what
 * the test harness judges.
 */
#ifndef _LINUX_REBOOT_H
#define _LINUX_REBOOT_H

#include <linux/compiler.h>

/**
 * machine_exit() - stop the machine with a status
 * @status: 0 = pass, nonzero = fail
 *
 * Once pv-ops are installed (pvops_available()), calls pv_shutdown():
 * the linked stack's (natively isa-debug-exit, which makes QEMU exit with
 * 1 for pass and 3 for fail; under Xen SCHEDOP_shutdown) or the built-in
 * native one.  Before that, the entry's exit hook (set_machine_exit_hook())
 * ends the run.  Never returns.
 */
void __noreturn machine_exit(int status);

/**
 * set_machine_exit_hook() - let a platform end the run its own way
 * @hook: called by machine_exit() with the status while no pv-ops are
 *        installed (an early failure, a refused link without a fallback);
 *        must not return
 *
 * Context: early boot, before start_kernel().  Needs no pv-op.
 */
void set_machine_exit_hook(void (*hook)(int status));

#endif /* _LINUX_REBOOT_H */
