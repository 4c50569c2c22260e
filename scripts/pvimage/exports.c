// SPDX-License-Identifier: GPL-2.0
/*
 * pvimage: export tables.  The same layout the kernel build emits
 * (struct pvlink_export_table): entries grouped by bucket, sorted by name
 * inside a bucket, so the result does not depend on input order.
 *
 * An export list is nm-style text, one symbol a line:
 *	ADDRESS TYPE NAME [percpu]
 * ADDRESS is hexadecimal (as nm prints it), TYPE one nm letter, and the
 * optional word "percpu" marks a percpu variable (ADDRESS is then its
 * offset in the percpu area).  Lines starting with '#', blank lines and
 * nm's undefined lines ("U NAME", no address) are skipped.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pvimage.h"
#include <linux/pvlink_lib.h>

/* One bucket per two names: short chains, a small table. */
void pvimage_exports_build(struct pvlink_export_table *t, struct pvlink_export *e,
			   u32 *bucket, unsigned int n)
{
	u32 nb = n / 2 + 1, i;

	pvlink_export_table_layout(e, n, nb, bucket);
	/* Equal names hash alike, so a duplicate sits next to its twin. */
	for (i = 1; i < n; i++)
		if (!strcmp(e[i - 1].name, e[i].name))
			pvimage_die(PVIMAGE_EXIT_FORMAT, "symbol %s is exported twice", e[i].name);
	t->nr_buckets = nb;
	t->nr_exports = n;
	t->bucket = bucket;
	t->exports = e;
}

void pvimage_exports_read(struct pvlink_export_table *t, const char *path)
{
	FILE *f = fopen(path, "r");
	char line[1024], addr[64], type[16], name[512], mark[32];
	struct pvlink_export *e;
	unsigned int n = 0, cap = 64, lineno = 0;

	if (!f)
		pvimage_die(PVIMAGE_EXIT_IO, "%s: cannot open the export list", path);
	e = pvimage_alloc(cap * sizeof(*e));
	while (fgets(line, sizeof(line), f)) {
		int k;
		u64 v;

		lineno++;
		if (!strchr(line, '\n') && !feof(f))
			pvimage_die(PVIMAGE_EXIT_FORMAT, "%s:%u: line too long", path, lineno);
		k = sscanf(line, "%63s %15s %511s %31s", addr, type, name, mark);
		if (k <= 0 || addr[0] == '#' || (k == 2 && (type[0] == 'U' || type[0] == 'w')))
			continue;
		if (k < 3 || strlen(type) != 1 || (k == 4 && strcmp(mark, "percpu")))
			pvimage_die(PVIMAGE_EXIT_FORMAT, "%s:%u: expected \"ADDRESS TYPE NAME "
				    "[percpu]\"", path, lineno);
		{
			char hex[70];

			snprintf(hex, sizeof(hex), "0x%s", addr);
			if (!pvimage_parse_u64(hex, &v))
				pvimage_die(PVIMAGE_EXIT_FORMAT, "%s:%u: \"%s\" is not a "
					    "hexadecimal address", path, lineno, addr);
		}
		if (n == cap) {
			e = realloc(e, (cap *= 2) * sizeof(*e));
			if (!e)
				pvimage_die(PVIMAGE_EXIT_IO, "out of memory");
		}
		e[n].name = strdup(name);
		e[n].value = v;
		e[n].flags = k == 4 ? PVLINK_EXPORT_F_PERCPU : 0;
		n++;
	}
	fclose(f);
	pvimage_exports_build(t, e, pvimage_alloc((n / 2 + 2) * sizeof(u32)), n);
}
