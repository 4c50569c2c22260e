// SPDX-License-Identifier: GPL-2.0
/*
 * pvlink library: the export table's layout (struct pvlink_export_table,
 * <linux/pvlink_abi.h>), for the tools that build one: entries grouped by
 * bucket (hash modulo the bucket count), sorted by name inside a bucket,
 * so the same exports give the same bytes whatever order they came in.
 * pvlink_export_find() and pvlink_check_exports() read this layout.
 */
#ifdef __KERNEL__
#include <linux/string.h>
#else
#include <string.h>
#endif
#include <linux/pvlink_lib.h>

/* Bucket first, then name: the table's order. */
static int cmp(const struct pvlink_export *x, const struct pvlink_export *y, u32 nb)
{
	u32 bx = x->hash % nb, by = y->hash % nb;

	if (bx != by)
		return bx < by ? -1 : 1;
	return strcmp(x->name, y->name);
}

static void swap(struct pvlink_export *e, unsigned int a, unsigned int b)
{
	struct pvlink_export t = e[a];

	e[a] = e[b];
	e[b] = t;
}

/* Heap sort: in place, no allocation, no state outside the arguments. */
static void sift_down(struct pvlink_export *e, unsigned int root, unsigned int n, u32 nb)
{
	unsigned int child;

	while ((child = 2 * root + 1) < n) {
		if (child + 1 < n && cmp(&e[child], &e[child + 1], nb) < 0)
			child++;
		if (cmp(&e[root], &e[child], nb) >= 0)
			return;
		swap(e, root, child);
		root = child;
	}
}

void pvlink_export_table_layout(struct pvlink_export *e, unsigned int n, u32 nr_buckets,
				u32 *bucket)
{
	unsigned int i;
	u32 b;

	for (i = 0; i < n; i++)
		e[i].hash = pvlink_hash(e[i].name);
	for (i = n / 2; i-- > 0; )
		sift_down(e, i, n, nr_buckets);
	for (i = n; i-- > 1; ) {
		swap(e, 0, i);
		sift_down(e, 0, i, nr_buckets);
	}
	for (b = 0, i = 0; b <= nr_buckets; b++) {
		while (i < n && e[i].hash % nr_buckets < b)
			i++;
		bucket[b] = i;
	}
}
