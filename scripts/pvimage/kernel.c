// SPDX-License-Identifier: GPL-2.0
/*
 * pvimage: what a vmlinux holds for its backends, read by the linker
 * library (lib/pvlink/vmlinux.c through the checked ELF view of
 * lib/pvlink/elffile.c); this file only takes the memory for it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/pvlink_elf.h>
#include "pvimage.h"

void pvimage_kernel_open(struct pvimage_kernel *k, const char *path)
{
	struct pvlink_kernel_info info;
	struct pvlink_elf e;
	struct pvimage_buf b;
	char why[PVLINK_MSG_MAX];
	const char *p;

	memset(k, 0, sizeof(*k));
	pvimage_read(path, &b);
	if (pvlink_elf_open(&e, b.data, b.size, why, sizeof(why)) ||
	    pvlink_kernel_read(&e, &info, why, sizeof(why)))
		pvimage_die(PVIMAGE_EXIT_FORMAT, "%s: %s", path, why);
	k->bucket = pvimage_alloc((info.nr_buckets + 1) * sizeof(u32));
	k->exports = pvimage_alloc((info.nr_exports ? info.nr_exports : 1) * sizeof(*k->exports));
	if (pvlink_kernel_read_exports(&e, &info, k->exports, k->bucket, why, sizeof(why)))
		pvimage_die(PVIMAGE_EXIT_FORMAT, "%s: %s", path, why);
	k->table.nr_buckets = info.nr_buckets;
	k->table.nr_exports = info.nr_exports;
	k->table.bucket = k->bucket;
	k->table.exports = k->exports;
	k->percpu_base = info.percpu_base;
	k->percpu_size = info.percpu_size;
	k->nr_digests = info.nr_digests;
	k->digests = info.digests;
	k->pvops = pvimage_alloc((info.nr_pvops ? info.nr_pvops : 1) * sizeof(*k->pvops));
	for (p = info.pvops; p < info.pvops + info.pvops_size; p += strlen(p) + 1)
		k->pvops[k->nr_pvops++] = p;
}
