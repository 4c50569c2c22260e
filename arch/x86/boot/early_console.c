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
 * Port I/O is privileged: this file lives under arch/x86/boot/, which
 * scripts/check-privileged.allow allows as early entry code.
 */
#include <linux/console.h>
#include <linux/kernel.h>
#include <asm/uart8250.h>

static u8 early_inb(u16 port)
{
	u8 v;

	asm volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static void early_outb(u8 val, u16 port)
{
	asm volatile("outb %0, %1" : : "a"(val), "Nd"(port));
}

static const struct uart8250_io early_io = {
	.in = early_inb,
	.out = early_outb,
};

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
	uart8250_setup(&early_io);
	register_console(&early_serial);
	early_registered = true;
}

struct console *early_console(void)
{
	return early_registered ? &early_serial : NULL;
}
