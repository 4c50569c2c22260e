/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Lay out a hashed export table (struct pvlink_export_table) on the host.
 * Shared by pvimage and the linker core's host tests, so the layout the
 * core checks is produced by one piece of code.
 */
#ifndef PVIMAGE_EXPORT_INDEX_H
#define PVIMAGE_EXPORT_INDEX_H

#include <linux/pvlink.h>

/**
 * pvimage_export_index() - hash, sort and bucket-index export entries
 * @e:          @n entries with @name, @value and @flags set; their @hash is
 *              filled in and they are reordered by bucket, then by name.
 * @n:          number of entries.
 * @nr_buckets: number of buckets, at least 1.
 * @bucket:     @nr_buckets + 1 indexes, filled in.
 *
 * Context: host only (uses qsort); not reentrant.
 */
void pvimage_export_index(struct pvlink_export *e, unsigned int n, u32 nr_buckets,
			  u32 *bucket);

#endif /* PVIMAGE_EXPORT_INDEX_H */
