/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the files of the vmware backend (not an API).  VMware's ABI
 * is <asm/vmware.h>.
 */
#ifndef _VMWARE_BACKEND_H
#define _VMWARE_BACKEND_H

#include <linux/types.h>
#include <asm/vmware.h>

struct boot_info;

/* Issue backdoor command @cmd (backdoor.c: the backend's only port access). */
void vmware_backdoor(u32 cmd, struct vmware_regs *r);

/* CPUID leaf 1 ecx bit 31: without it no port is probed. */
bool vmware_hypervisor_bit(void);

/* The probe's question: NULL if the backdoor answers, else why not. */
const char *vmware_backdoor_absent(void);

/*
 * GETRAMSIZE as the init read it (ram.c), global for the self-tests:
 * eax as the backdoor gave it, whether it was read as megabytes (VMware)
 * rather than bytes (QEMU), and the RAM it means.
 */
extern u32 vmware_ram_answer;
extern bool vmware_ram_in_mb;
extern u64 vmware_ram_bytes;

bool vmware_ram_read(u32 answer, u64 map_bytes);
u64 vmware_map_ram(const struct boot_info *bi);

/*
 * The TSC rate sched_clock uses, in Hz, and its scale (ns per tick, in
 * 32.32 fixed point); 0 when the hypervisor offers none and native's
 * sched_clock serves.  Set by the init.
 */
extern u64 vmware_tsc_hz;
extern u64 vmware_ns_per_tick;

#endif /* _VMWARE_BACKEND_H */
