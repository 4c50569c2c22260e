// SPDX-License-Identifier: GPL-2.0
/*
 * The export table's layout: entries grouped by bucket (hash modulo the
 * bucket count), sorted by name inside a bucket so the result does not
 * depend on input order, and a bucket array of nr_buckets + 1 starts.
 */
#include <stdlib.h>
#include <string.h>
#include "export_index.h"

static u32 sort_buckets;

static int cmp_export(const void *a, const void *b)
{
	const struct pvlink_export *x = a, *y = b;
	u32 bx = x->hash % sort_buckets, by = y->hash % sort_buckets;

	if (bx != by)
		return bx < by ? -1 : 1;
	return strcmp(x->name, y->name);
}

void pvimage_export_index(struct pvlink_export *e, unsigned int n, u32 nr_buckets,
			  u32 *bucket)
{
	unsigned int i;
	u32 b;

	for (i = 0; i < n; i++)
		e[i].hash = pvlink_hash(e[i].name);
	sort_buckets = nr_buckets;
	qsort(e, n, sizeof(*e), cmp_export);
	for (b = 0, i = 0; b <= nr_buckets; b++) {
		while (i < n && e[i].hash % nr_buckets < b)
			i++;
		bucket[b] = i;
	}
}
