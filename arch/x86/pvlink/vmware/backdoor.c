// SPDX-License-Identifier: GPL-2.0
/*
 * VMware's backdoor: a 32-bit read of port 0x5658 whose arguments are
 * every general register (eax = the magic, ecx = the command, edx = the
 * port) and whose answer comes back in all four.  pv_inl() cannot carry
 * that, so this file holds a raw "inl": THE ONLY PORT ACCESS OF THIS
 * BACKEND THAT IS NOT NATIVE'S PV-OPS, and the only one in any backend
 * outside native.  It is why the backend is ring 0 only (entry native
 * or PVH, backend.c), and what scripts/check-privileged must allow in
 * vmware.o, and in no other backend.
 *
 * Nothing calls it before the hypervisor bit was seen (probe.c): on
 * bare metal port 0x5658 may be a real device.
 */
#include <linux/types.h>
#include <asm/pvops.h>
#include <asm/vmware.h>

#include "vmware.h"

/**
 * vmware_backdoor() - issue one backdoor command
 * @cmd: the command (VMWARE_CMD_*), in ecx
 * @r:   the answer: eax, ebx, ecx, edx after the port read
 *
 * ebx goes in as the magic's complement: a port that nothing answers
 * leaves it so (and reads as all ones in eax), while a backdoor answers
 * GETVERSION with the magic in ebx.  VMware's backdoor may also change
 * esi and edi for some commands: they are clobbered here.
 *
 * Context: ring 0, where CPUID says a hypervisor runs.
 */
void vmware_backdoor(u32 cmd, struct vmware_regs *r)
{
	u32 eax = VMWARE_BACKDOOR_MAGIC, ebx = ~VMWARE_BACKDOOR_MAGIC;
	u32 ecx = cmd, edx = VMWARE_BACKDOOR_PORT;

	asm volatile("inl %%dx, %%eax"
		     : "+a"(eax), "+b"(ebx), "+c"(ecx), "+d"(edx)
		     : : "rsi", "rdi", "memory");
	r->eax = eax;
	r->ebx = ebx;
	r->ecx = ecx;
	r->edx = edx;
}

/* Leaf 1 through native's cpuid, resolved inside the stack. */
bool vmware_hypervisor_bit(void)
{
	struct cpuid_regs r;

	pv_cpuid(VMWARE_CPUID_FEATURES, 0, &r);
	return r.ecx & VMWARE_CPUID_ECX_HYPERVISOR;
}
