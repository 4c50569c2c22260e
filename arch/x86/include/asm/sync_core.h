/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_X86_SYNC_CORE_H
#define _ASM_X86_SYNC_CORE_H

/**
 * sync_core() - serialise the calling CPU with an instruction of the kernel
 *
 * The kernel's own cpuid (arch/x86/kernel/sync_core.S), never the pv-op:
 * it serialises at any privilege level, natively or by the trap that
 * intercepts it.  Call it after writing code and before running it.
 */
void sync_core(void);

#endif /* _ASM_X86_SYNC_CORE_H */
