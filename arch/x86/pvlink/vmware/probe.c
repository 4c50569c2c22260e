// SPDX-License-Identifier: GPL-2.0
/*
 * The vmware backend's probe (PVLINK_BACKEND_PROBE()): the platform is
 * VMware's when CPUID says a hypervisor runs and the backdoor answers
 * GETVERSION with the magic, as VMware and QEMU's vmport do (QEMU:
 * version 6).  Port 0x5658 is read only under a hypervisor; the read has
 * no side effect, and the probe writes nothing, not even its own data.
 *
 * vmware_backdoor_absent() is global so that the self-tests can ask the
 * same question again (kernel/selftest/vmware.c, PVLINK_IMPORT()).
 */
#include <linux/bootinfo.h>
#include <linux/pvlink_backend.h>
#include <asm/vmware.h>

#include "vmware.h"

/* What an unanswered port read gives in eax. */
#define VMWARE_NO_ANSWER	0xffffffffu

const char *vmware_backdoor_absent(void)
{
	struct vmware_regs r;

	if (!vmware_hypervisor_bit())
		return "no hypervisor bit";
	vmware_backdoor(VMWARE_CMD_GETVERSION, &r);
	if (r.ebx != VMWARE_BACKDOOR_MAGIC || r.eax == VMWARE_NO_ANSWER)
		return "no VMware backdoor";
	return NULL;
}

PVLINK_BACKEND_PROBE(vmware)
{
	(void)bi;
	return vmware_backdoor_absent();
}
