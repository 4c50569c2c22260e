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
		/* The ABI count is an int: write in bounded chunks. */
		int chunk = len > 4096 ? 4096 : (int)len;
		long rc = HYPERVISOR_console_io(CONSOLEIO_write, chunk,
						(char *)s);

		if (rc <= 0)
			return;		/* nowhere else to report it */
		s += rc;
		len -= (size_t)rc;
	}
}

/**
 * xen_console_puts() - write a NUL-terminated string to the Xen console
 * @s: the string
 *
 * Context: any, once the hypercall page is filled; used before printk.
 */
void xen_console_puts(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	xen_console_write(s, n);
}

/**
 * xen_console_put_hex() - write "<label>0x<hex>\n" without printk
 * @label: text before the number
 * @val:   the number
 *
 * Context: for the few messages the PV entry prints before printk works.
 */
void xen_console_put_hex(const char *label, u64 val)
{
	char buf[2 + 16 + 1];
	int i;

	buf[0] = '0';
	buf[1] = 'x';
	for (i = 0; i < 16; i++)
		buf[2 + i] = "0123456789abcdef"[(val >> (60 - 4 * i)) & 0xf];
	buf[18] = '\n';
	xen_console_puts(label);
	xen_console_write(buf, sizeof(buf));
}
