// SPDX-License-Identifier: GPL-2.0
/*
 * GETRAMSIZE against the kernel's memory map.  VMware documents the
 * answer in megabytes; QEMU 7.2 answers in bytes, truncated to 32 bits
 * (0x10000000 for -m 256).  Which one a hypervisor speaks is told by the
 * size of the number: any RAM size in bytes is at least 1 MiB, 2^20,
 * while 2^20 megabytes would be a terabyte.  A byte count that wrapped
 * (4 GiB and more under QEMU) is put back above 4 GiB by the memory map.
 *
 * The check tells whether the backdoor speaks for the machine the kernel
 * runs on: it does not when the kernel is a guest of a hypervisor that
 * itself runs inside QEMU (a Xen PVH dom0 reaches the outer QEMU's
 * vmport), and the RAM sizes then disagree.
 */
#include <linux/bootinfo.h>
#include <linux/types.h>

#include "vmware.h"

#define VMWARE_MIB		(1ull << 20)
#define VMWARE_4GIB		(1ull << 32)
/* Answers below this are megabytes; from here on, bytes. */
#define VMWARE_RAM_MB_LIMIT	(1u << 20)
/*
 * What the memory map may lack of the RAM the hypervisor gave: the hole
 * below 1 MiB, firmware and ACPI tables, rounding (a sixteenth: 16 MiB
 * of 256 MiB); and what it may show more (a megabyte rounded off).
 */
#define VMWARE_RAM_SLACK_SHIFT	4
#define VMWARE_RAM_OVER		VMWARE_MIB

u32 vmware_ram_answer;
bool vmware_ram_in_mb;
u64 vmware_ram_bytes;

/* The usable RAM of @bi's memory map, in bytes. */
u64 vmware_map_ram(const struct boot_info *bi)
{
	u64 total = 0;

	for (unsigned int i = 0; i < bi->nr_mem && i < BOOT_MEM_MAX; i++)
		if (bi->mem[i].type == BOOT_MEM_RAM)
			total += bi->mem[i].size;
	return total;
}

/**
 * vmware_ram_read() - read a GETRAMSIZE answer and check it against the map
 * @answer:    eax of GETRAMSIZE
 * @map_bytes: the usable RAM of the kernel's memory map
 *
 * Sets vmware_ram_answer, vmware_ram_in_mb and vmware_ram_bytes.
 *
 * Return: true if the RAM the answer means is within a sane distance of
 * the memory map: the map at most a megabyte more, at least all but a
 * sixteenth of it.
 */
bool vmware_ram_read(u32 answer, u64 map_bytes)
{
	u64 bytes;

	vmware_ram_answer = answer;
	vmware_ram_in_mb = answer && answer < VMWARE_RAM_MB_LIMIT;
	if (vmware_ram_in_mb) {
		bytes = answer * VMWARE_MIB;
	} else {
		/* Bytes, modulo 4 GiB: the map says how many times it wrapped. */
		bytes = (map_bytes & ~(VMWARE_4GIB - 1)) + answer;
		if (bytes + VMWARE_4GIB / 2 < map_bytes)
			bytes += VMWARE_4GIB;
	}
	vmware_ram_bytes = bytes;
	return map_bytes <= bytes + VMWARE_RAM_OVER &&
	       bytes - (bytes >> VMWARE_RAM_SLACK_SHIFT) <= map_bytes;
}
