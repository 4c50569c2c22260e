// SPDX-License-Identifier: GPL-2.0
/*
 * The vmware backend's set-up (PVLINK_BACKEND_INIT()), run after its
 * probe found the backdoor:
 *  - GETVERSION again, for the log;
 *  - GETRAMSIZE against the memory map (ram.c): a backdoor that does not
 *    describe this machine's RAM is not this machine's hypervisor's, and
 *    the stack is refused;
 *  - the TSC rate, from CPUID 0x40000010 where the hypervisor leaves
 *    reach it, else from GETHZ, for sched_clock (clock.c).  Neither
 *    offered: sched_clock stays native's.
 * One log line says what was seen, including the unit GETRAMSIZE
 * answered in.  The init only reads the platform: its exit has nothing
 * to hand back.
 */
#include <linux/bootinfo.h>
#include <linux/printk.h>
#include <linux/pvlink_backend.h>
#include <asm/pvops.h>
#include <asm/vmware.h>

#include "vmware.h"

/* Linux's ENODEV. */
#define VMWARE_ENODEV		19
#define VMWARE_NSEC_PER_SEC	1000000000ull
#define VMWARE_KHZ		1000ull
/* A TSC slower than this is not believed (and would overflow the scale). */
#define VMWARE_TSC_MIN_HZ	1000000ull

/* The backdoor's version (GETVERSION eax), for the self-tests. */
u32 vmware_version;
/* Where the TSC rate came from ("GETHZ", "CPUID 0x40000010"), or NULL. */
const char *vmware_tsc_source;

/* CPUID 0x40000010's TSC kHz, in Hz; 0 when the leaf range stops short. */
static u64 vmware_cpuid_tsc_hz(void)
{
	struct cpuid_regs r;

	pv_cpuid(VMWARE_CPUID_BASE, 0, &r);
	if (r.eax < VMWARE_CPUID_FREQ)
		return 0;
	pv_cpuid(VMWARE_CPUID_FREQ, 0, &r);
	return r.eax * VMWARE_KHZ;
}

/* GETHZ's TSC Hz (ebx:eax); 0 when unsupported. */
static u64 vmware_gethz(void)
{
	struct vmware_regs r;

	vmware_backdoor(VMWARE_CMD_GETHZ, &r);
	if (r.ebx == VMWARE_GETHZ_UNSUPPORTED)
		return 0;
	return ((u64)r.ebx << 32) | r.eax;
}

static void vmware_tsc_setup(void)
{
	u64 hz = vmware_cpuid_tsc_hz();

	vmware_tsc_source = "CPUID 0x40000010";
	if (hz < VMWARE_TSC_MIN_HZ) {
		hz = vmware_gethz();
		vmware_tsc_source = "GETHZ";
	}
	if (hz < VMWARE_TSC_MIN_HZ) {
		vmware_tsc_source = NULL;
		vmware_tsc_hz = 0;
		vmware_ns_per_tick = 0;
		return;
	}
	vmware_tsc_hz = hz;
	vmware_ns_per_tick = (VMWARE_NSEC_PER_SEC << 32) / hz;
}

PVLINK_BACKEND_INIT(vmware)
{
	struct vmware_regs r;
	u64 map;

	vmware_backdoor(VMWARE_CMD_GETVERSION, &r);
	if (r.ebx != VMWARE_BACKDOOR_MAGIC) {
		pr_err("vmware: the backdoor stopped answering GETVERSION (ebx %#x): not using vmware\n",
		       r.ebx);
		return -VMWARE_ENODEV;
	}
	vmware_version = r.eax;

	vmware_backdoor(VMWARE_CMD_GETRAMSIZE, &r);
	map = vmware_map_ram(bi);
	if (!vmware_ram_read(r.eax, map)) {
		pr_err("vmware: GETRAMSIZE answers %#x (%llu MiB read as %s), the memory map has %llu MiB: the backdoor is not this machine's; not using vmware\n",
		       vmware_ram_answer, (unsigned long long)(vmware_ram_bytes >> 20),
		       vmware_ram_in_mb ? "megabytes" : "bytes",
		       (unsigned long long)(map >> 20));
		return -VMWARE_ENODEV;
	}

	vmware_tsc_setup();
	if (vmware_tsc_source)
		pr_info("vmware: backdoor version %u; RAM %llu MiB (GETRAMSIZE in %s), memory map %llu MiB; TSC %llu Hz from %s: sched_clock\n",
			vmware_version, (unsigned long long)(vmware_ram_bytes >> 20),
			vmware_ram_in_mb ? "megabytes, as VMware" : "bytes, as QEMU",
			(unsigned long long)(map >> 20),
			(unsigned long long)vmware_tsc_hz, vmware_tsc_source);
	else
		pr_info("vmware: backdoor version %u; RAM %llu MiB (GETRAMSIZE in %s), memory map %llu MiB; no TSC rate offered: native sched_clock\n",
			vmware_version, (unsigned long long)(vmware_ram_bytes >> 20),
			vmware_ram_in_mb ? "megabytes, as VMware" : "bytes, as QEMU",
			(unsigned long long)(map >> 20));
	return 0;
}

/*
 * A refused stack: the init registered nothing with the hypervisor, so
 * there is nothing to hand back and the stack's pages can go.
 */
PVLINK_BACKEND_EXIT(vmware)
{
	(void)bi;
	vmware_tsc_hz = 0;
	vmware_ns_per_tick = 0;
	return 0;
}
