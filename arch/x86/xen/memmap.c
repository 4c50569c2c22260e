// SPDX-License-Identifier: GPL-2.0
/*
 * The domain's memory map from XENMEM_memory_map.
 *
 * A PV guest has no firmware, and Xen gives a PVH dom0 a version 0
 * hvm_start_info without a memory map: in both cases the map of the
 * domain's (pseudo-)physical address space comes from this hypercall,
 * in BIOS E820 format.
 */
#include <linux/bootinfo.h>
#include <asm/boot.h>
#include <xen/hypercall.h>
#include <xen/memory.h>

#include "xen-ops.h"

/* Xen keeps at most E820MAX (1024) entries; a dom0 map is far smaller. */
#define XEN_MEMMAP_MAX		128

/* Static: this runs before any allocator exists. */
static struct xen_e820_entry xen_e820[XEN_MEMMAP_MAX];

/**
 * xen_memmap_to_boot_info() - fill boot_info.mem[] from XENMEM_memory_map
 * @bi: the boot_info being built; its mem[] is replaced
 *
 * Context: early boot, hypercall page ready.
 * Return: the number of ranges stored, or a negative Xen errno.
 */
int xen_memmap_to_boot_info(struct boot_info *bi)
{
	struct xen_memory_map map = {
		.nr_entries = XEN_MEMMAP_MAX,
		.buffer = xen_e820,
	};
	unsigned int i;
	long rc;

	rc = HYPERVISOR_memory_op(XENMEM_memory_map, &map);
	if (rc < 0)
		return (int)rc;
	if (map.nr_entries > XEN_MEMMAP_MAX)	/* never trust a count */
		map.nr_entries = XEN_MEMMAP_MAX;

	bi->nr_mem = 0;
	for (i = 0; i < map.nr_entries; i++)
		if (xen_e820[i].size)
			boot_add_mem(bi, xen_e820[i].addr, xen_e820[i].size,
				     xen_e820[i].type == XEN_E820_RAM ?
				     BOOT_MEM_RAM : BOOT_MEM_RESERVED);
	return (int)bi->nr_mem;
}
