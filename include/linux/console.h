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

/*
 * struct console.flags: CON_NO_REPLAY marks a console that takes over a
 * device from an early console which has already written the log there
 * (the pv-op 8250 driver after the early COM1 console): replaying the log
 * would print every line twice.
 */
#define CON_NO_REPLAY	0x1u

struct console {
	const char *name;
	/* Write @n bytes of @s; "\n" is a line end, the driver adds "\r". */
	void (*write)(struct console *c, const char *s, unsigned int n);
	unsigned int flags;	/* CON_* */
	struct console *next;
};

/**
 * register_console() - start sending printk output to @con
 * @con: a console that stays valid while it is registered
 *
 * The log so far is written to @con first, so nothing printed before the
 * console existed is lost, unless @con has CON_NO_REPLAY.
 *
 * Context: any; needs no pv-op.
 */
void register_console(struct console *con);

/**
 * unregister_console() - stop sending printk output to @con
 * @con: a registered console
 *
 * To hand a device over from its early console to its driver without
 * losing or repeating a line, register the driver's console with
 * CON_NO_REPLAY first, then unregister the early one.
 *
 * Context: any; needs no pv-op.
 * Return: 0, or -1 if @con was not registered.
 */
int unregister_console(struct console *con);

/* Is any console registered? */
bool console_registered(void);

/**
 * serial8250_console_init() - the COM1 console through pv-op port I/O
 * @early: the early console now writing COM1 (arch/x86/boot/), or NULL
 *
 * With @early, the UART is already programmed and has printed the log:
 * the pv-op console takes over without reprogramming it (which would
 * drop bytes still in its transmit FIFO) and without replaying the log,
 * and @early is unregistered.  Without, the UART is programmed and the
 * log replayed.
 *
 * Context: boot CPU, after pv-ops are installed.
 */
void serial8250_console_init(struct console *early);

/**
 * early_console_init() - COM1 with direct port I/O, before any pv-op
 *
 * For the ring-0 entries (arch/x86/boot/): exceptions and "pv-op not
 * linked" panics during the boot-time link reach the serial port.
 */
void early_console_init(void);

/* The early console while it is registered, else NULL. */
struct console *early_console(void);

#endif /* _LINUX_CONSOLE_H */
