// SPDX-License-Identifier: GPL-2.0
/*
 * The legacy 8259A pair.  The BIOS leaves IRQ 0 (the PIT, ticking)
 * mapped to vector 8, which would look like a double fault as soon as
 * interrupts are enabled: mask every line.  (A PVH guest under Xen has no
 * PIC; the writes then go nowhere.)
 */
#include <asm/pvops.h>
#include <asm/setup.h>

#define PIC_MASTER_IMR	0x21
#define PIC_SLAVE_IMR	0xa1

void i8259_mask_all(void)
{
	pv_outb(0xff, PIC_MASTER_IMR);
	pv_io_delay();
	pv_outb(0xff, PIC_SLAVE_IMR);
	pv_io_delay();
}
