// SPDX-License-Identifier: GPL-2.0
/*
 * Console on the 8250/16550 UART at COM1, polled, 115200 8N1, no
 * interrupts.  The register logic takes its port accessors as arguments:
 * the early console (arch/x86/boot/early_console.c) passes direct port
 * I/O, the console here passes the pv-ops and takes over from it once
 * they are installed.
 */
#include <linux/console.h>
#include <linux/kernel.h>
#include <asm/pvops.h>
#include <asm/uart8250.h>

#define COM1_BASE	0x3f8
#define UART_TX		0	/* transmit holding (DLAB=0) */
#define UART_DLL	0	/* divisor latch low (DLAB=1) */
#define UART_IER	1	/* interrupt enable (DLAB=0) */
#define UART_DLM	1	/* divisor latch high (DLAB=1) */
#define UART_FCR	2	/* FIFO control */
#define UART_LCR	3	/* line control */
#define UART_MCR	4	/* modem control */
#define UART_LSR	5	/* line status */

#define UART_LCR_DLAB	0x80
#define UART_LCR_8N1	0x03
#define UART_FCR_ENABLE	0xc7	/* enable and clear FIFOs, 14-byte trigger */
#define UART_MCR_DTR_RTS_OUT2 0x0b
#define UART_LSR_THRE	0x20
#define UART_DIVISOR	1	/* 115200 baud = 1.8432 MHz / 16 / 1 */

/* A real UART at 115200 drains a byte in ~87 us; give up long after. */
#define UART_SPIN_MAX	100000

void uart8250_setup(const struct uart8250_io *io)
{
	io->out(0, COM1_BASE + UART_IER);
	io->out(UART_LCR_DLAB, COM1_BASE + UART_LCR);
	io->out(UART_DIVISOR & 0xff, COM1_BASE + UART_DLL);
	io->out(UART_DIVISOR >> 8, COM1_BASE + UART_DLM);
	io->out(UART_LCR_8N1, COM1_BASE + UART_LCR);
	io->out(UART_FCR_ENABLE, COM1_BASE + UART_FCR);
	io->out(UART_MCR_DTR_RTS_OUT2, COM1_BASE + UART_MCR);
}

static void uart8250_putc(const struct uart8250_io *io, char c)
{
	for (int spin = 0; spin < UART_SPIN_MAX; spin++)
		if (io->in(COM1_BASE + UART_LSR) & UART_LSR_THRE)
			break;
	io->out(c, COM1_BASE + UART_TX);
}

void uart8250_write(const struct uart8250_io *io, const char *s, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		if (s[i] == '\n')
			uart8250_putc(io, '\r');
		uart8250_putc(io, s[i]);
	}
}

static const struct uart8250_io pvops_io = {
	.in = pv_inb,
	.out = pv_outb,
};

static void serial_write(struct console *con, const char *s, unsigned int n)
{
	uart8250_write(&pvops_io, s, n);
}

static struct console serial_console = {
	.name = "ttyS0",
	.write = serial_write,
};

void serial8250_console_init(struct console *early)
{
	if (!early) {
		uart8250_setup(&pvops_io);
		register_console(&serial_console);
		return;
	}
	/* Register before unregistering: no line can fall in between. */
	serial_console.flags |= CON_NO_REPLAY;
	register_console(&serial_console);
	unregister_console(early);
}
