// SPDX-License-Identifier: GPL-2.0
/*
 * Output through Xen's console_io hypercall.
 *
 * For the hardware domain Xen prints every byte written with
 * CONSOLEIO_write straight to its own console (here: the serial port Xen
 * owns), so this works from the first instruction after the hypercall
 * page is filled, under PV and PVH alike, with no device to set up.
 */
#include <linux/types.h>
#include <linux/console.h>
#include <xen/hypercall.h>

#include "xen-ops.h"

/**
 * xen_console_write() - write bytes to the Xen console
 * @s:   the bytes
 * @len: how many
 *
 * Context: any, once the hypercall page is filled.
 */
void xen_console_write(const char *s, size_t len)
{
	while (len) {
		/*
		 * Xen writes the whole count (continuing the hypercall as
		 * needed) and returns 0; the count is an int in the ABI, so
		 * pass bounded chunks.
		 */
		int chunk = len > 4096 ? 4096 : (int)len;

		if (HYPERVISOR_console_io(CONSOLEIO_write, chunk, (char *)s) < 0)
			return;		/* nowhere else to report it */
		s += chunk;
		len -= (size_t)chunk;
	}
}

static void xen_console_con_write(struct console *c, const char *s,
				  unsigned int n)
{
	/* Xen's serial driver already turns "\n" into "\r\n". */
	xen_console_write(s, n);
}

static struct console xen_console = {
	.name = "xen",
	.write = xen_console_con_write,
};

/**
 * xen_console_register() - send printk output to the Xen console
 *
 * Context: early boot, hypercall page filled; replays the log so far.
 */
void xen_console_register(void)
{
	register_console(&xen_console);
}
