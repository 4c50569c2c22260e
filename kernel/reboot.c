// SPDX-License-Identifier: GPL-2.0
#include <linux/kernel.h>
#include <linux/reboot.h>
#include <asm/pvops.h>

static void (*machine_exit_hook)(int status);

void set_machine_exit_hook(void (*hook)(int status))
{
	machine_exit_hook = hook;
}

void machine_exit(int status)
{
	printk(KERN_INFO "machine_exit: status %d (%s)\n", status,
	       status ? "fail" : "pass");
	/*
	 * The installed pv-ops know the platform best (a backend's own
	 * shutdown); the entry's hook serves only while there are none.
	 */
	if (pvops_available())
		pv_shutdown(status);
	if (machine_exit_hook)
		machine_exit_hook(status);
	/*
	 * No pv-op and no hook, or a hook that returned: pv_shutdown()
	 * panics naming itself, and the nested panic stops the CPU.
	 */
	pv_shutdown(status);
}
