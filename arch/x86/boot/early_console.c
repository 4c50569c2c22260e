// SPDX-License-Identifier: GPL-2.0
/*
 * The early console: COM1 with direct port I/O.
 *
 * The ring-0 entries (PVH, multiboot2) register it first thing, so that
 * everything before and during the boot-time link - including an
 * exception, or a pv-op called before one is installed - reaches the
 * serial port without a pv-op.  Once pv-ops are installed, the pv-op
 * 8250 console takes the port over (serial8250_console_init()).
 *
 * Its port I/O is the built-in native implementation's
 * (arch/x86/kernel/pvops_native.c), called directly.
 */
#include <linux/console.h>
#include <linux/kernel.h>
#include <asm/pvops.h>
#include <asm/uart8250.h>

/*
 * The port I/O of the built-in native pv-ops, called directly rather
 * than through the (not yet installed) pv-op table.
 */
static struct uart8250_io early_io;

static void early_write(struct console *con, const char *s, unsigned int n)
{
	uart8250_write(&early_io, s, n);
}

static struct console early_serial = {
	.name = "earlyser0",
	.write = early_write,
};

static bool early_registered;

void early_console_init(void)
{
	early_io.in = pvops_native.inb;
	early_io.out = pvops_native.outb;
	uart8250_setup(&early_io);
	register_console(&early_serial);
	early_registered = true;
}

struct console *early_console(void)
{
	return early_registered ? &early_serial : NULL;
}
