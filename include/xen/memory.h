/* SPDX-License-Identifier: GPL-2.0 */
/*
 * memory_op sub-commands pvlink uses (public/memory.h).
 */
#ifndef _XEN_MEMORY_H
#define _XEN_MEMORY_H

#include <linux/types.h>

/* The guest's (pseudo-)physical memory map, in BIOS E820 format. */
#define XENMEM_memory_map		9
/* The host's machine memory map (privileged domains only). */
#define XENMEM_machine_memory_map	10

/*
 * One map entry: the BIOS INT 15h/E820 layout, packed to 20 bytes
 * (public/memory.h refers to it; Xen's e820entry is __packed).
 */
struct xen_e820_entry {
	u64 addr;
	u64 size;
	u32 type;
} __attribute__((packed));

_Static_assert(sizeof(struct xen_e820_entry) == 20, "E820 entry is 20 bytes");

/* E820 types that matter here (ACPI spec, "Address Range Types"). */
#define XEN_E820_RAM			1
#define XEN_E820_RESERVED		2

/*
 * Argument of XENMEM_memory_map: on call nr_entries is the buffer's
 * capacity, on return the number of entries stored.
 */
struct xen_memory_map {
	unsigned int nr_entries;
	void *buffer;			/* XEN_GUEST_HANDLE(void) */
};

#endif /* _XEN_MEMORY_H */
