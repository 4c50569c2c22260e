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
	if (machine_exit_hook)
		machine_exit_hook(status);
	/* A hook must not return; if it did, the pv-op is the fallback. */
	pv_shutdown(status);
}
