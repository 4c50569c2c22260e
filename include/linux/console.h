/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Consoles: where printk output goes.  A platform registers one or more
 * (the 8250 serial port natively, Xen's console_io under Xen); each
 * registered console gets every message, including the ones printed
 * before it registered (they are kept in the log buffer and replayed).
 */
#ifndef _LINUX_CONSOLE_H
#define _LINUX_CONSOLE_H

#include <linux/types.h>

struct console {
	const char *name;
	/* Write @n bytes of @s; "\n" is a line end, the driver adds "\r". */
	void (*write)(struct console *c, const char *s, unsigned int n);
	struct console *next;
};

/**
 * register_console() - start sending printk output to @con
 * @con: a console that stays valid for the life of the kernel
 *
 * The log so far is written to @con first, so nothing printed before the
 * console existed is lost.
 *
 * Context: any; needs no pv-op.
 */
void register_console(struct console *con);

/* Is any console registered? */
bool console_registered(void);

/* The 8250 UART at COM1, through pv-op port I/O (arch/x86/kernel/). */
void serial8250_console_init(void);

#endif /* _LINUX_CONSOLE_H */
