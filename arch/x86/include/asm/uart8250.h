/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The COM1 8250/16550 UART, polled, 115200 8N1, no interrupts, for two
 * consoles: the early one (arch/x86/boot/early_console.c, direct port
 * I/O, before any pv-op exists) and the pv-op one
 * (arch/x86/kernel/serial8250.c).  The register logic is written once,
 * over the port accessors each console passes.
 */
#ifndef _ASM_X86_UART8250_H
#define _ASM_X86_UART8250_H

#include <linux/types.h>

/* Port accessors with the argument order of pv_inb()/pv_outb(). */
struct uart8250_io {
	u8 (*in)(u16 port);
	void (*out)(u8 val, u16 port);
};

/* Program COM1: 115200 8N1, FIFOs on, interrupts off. */
void uart8250_setup(const struct uart8250_io *io);

/* Write @n bytes, "\n" as "\r\n", waiting (boundedly) for the transmitter. */
void uart8250_write(const struct uart8250_io *io, const char *s, unsigned int n);

#endif /* _ASM_X86_UART8250_H */
