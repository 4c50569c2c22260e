// SPDX-License-Identifier: GPL-2.0
#include <linux/kernel.h>
#include <linux/reboot.h>

void panic(const char *fmt, ...)
{
	static int panicking;
	va_list ap;

	/* A panic while panicking (say, the exit path is not linked): stop. */
	if (panicking++) {
		printk(KERN_EMERG "panic: nested panic, stopping here\n");
		for (;;)
			barrier();
	}
	printk(KERN_EMERG "Kernel panic: ");
	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
	printk(KERN_CONT "\n");
	dump_stack();
	machine_exit(1);
}
