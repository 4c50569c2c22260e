/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sync_core() - serialise this CPU: every instruction before it has
 * completed and the next one is fetched anew.  Code written as data (the
 * pv-op patcher) must be followed by a serialising instruction before it
 * runs (Intel SDM vol. 3A, "Handling Self- and Cross-Modifying Code").
 *
 * The kernel's own cpuid, whatever backend is linked, and not pv_cpuid():
 * a backend may answer that from a cache without executing anything that
 * serialises.  cpuid serialises on every x86-64 CPU (SDM vol. 3A,
 * "Serializing Instructions"), at any privilege level.  Where it is
 * intercepted instead (a hypervisor's VM exit, or Xen's CPUID faulting
 * under PV), the exit and the return to the guest serialise too.  Its
 * answer is thrown away: it is not the platform's (Xen PV needs the
 * forced-emulation form for that), and need not be.
 *
 * An iretq to the next instruction would also serialise without an
 * exit; under Xen PV (ring 3, in QEMU TCG here) it faults.
 *
 * Clobbers %rax, %rcx and %rdx (caller-saved); %rbx is saved.
 */
	.text
	.globl	sync_core
	.type	sync_core, @function
sync_core:
	push	%rbx
	xor	%eax, %eax
	xor	%ecx, %ecx
	cpuid
	pop	%rbx
	ret
	.size	sync_core, . - sync_core
