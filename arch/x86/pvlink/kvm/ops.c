// SPDX-License-Identifier: GPL-2.0
/*
 * The delay legacy devices need between port accesses: natively a write
 * to port 0x80, which under KVM is an exit to the host for nothing when
 * KVM says the delay is not needed (KVM_FEATURE_NOP_IO_DELAY).  The
 * write goes through native's outb, resolved inside the stack.
 */
#include <asm/pvops.h>

#include "kvm.h"

#define KVM_IO_DELAY_PORT	0x80

void pv_io_delay(void)
{
	if (!kvm_has(KVM_FEATURE_NOP_IO_DELAY))
		pv_outb(0, KVM_IO_DELAY_PORT);
}
