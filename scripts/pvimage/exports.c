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
 * nm's undefined lines ("U NAME", no address) are skipped, and so are local
 * symbols (a lower-case TYPE but u, v, w, i): "nm vmlinux" can be used as
 * it is.
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

/* Longest NAME an export list may hold (Documentation/pvimage.rst). */
#define EXPORT_NAME_MAX	511

/*
 * nm's type letters: upper case is a global symbol, lower case a local one
 * (a static function or variable), except u (unique global), v and w
 * (weak) and i (indirect function).  A local symbol is not an export: no
 * linker resolves another object's reference to it, and "nm vmlinux" lists
 * many of one name (every file's static "helper").
 */
static bool nm_local(const char *type)
{
	return type[0] >= 'a' && type[0] <= 'z' && !strchr("uvwi", type[0]);
}

/* nm's line for an undefined symbol: "U NAME" (or w, v), no address. */
static bool nm_undefined(const char *type)
{
	return !strcmp(type, "U") || !strcmp(type, "w") || !strcmp(type, "v");
}

/* Splits @line at blanks into at most @max words; returns how many. */
static unsigned int split_words(char *line, char **word, unsigned int max)
{
	unsigned int n = 0;
	char *p = line;

	for (;;) {
		p += strspn(p, " \t\r\n\v\f");
		if (!*p)
			return n;
		if (n == max)
			return max + 1;
		word[n++] = p;
		p += strcspn(p, " \t\r\n\v\f");
		if (*p)
			*p++ = 0;
	}
}

struct listed {
	const char *name;
	unsigned int line;
};

static int cmp_listed(const void *a, const void *b)
{
	const struct listed *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c)
		return c;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* One global name a line at most: report the first name listed twice. */
static void check_twice(const char *path, const struct pvlink_export *e,
			const unsigned int *line, unsigned int n)
{
	struct listed *l = pvimage_alloc((n ? n : 1) * sizeof(*l));
	unsigned int i;

	for (i = 0; i < n; i++) {
		l[i].name = e[i].name;
		l[i].line = line[i];
	}
	qsort(l, n, sizeof(*l), cmp_listed);
	for (i = 1; i < n; i++)
		if (!strcmp(l[i - 1].name, l[i].name))
			pvimage_die(PVIMAGE_EXIT_FORMAT, "%s:%u: global symbol %s is already "
				    "listed on line %u: a kernel defines each global name once",
				    path, l[i].line, l[i].name, l[i - 1].line);
	free(l);
}

void pvimage_exports_read(struct pvlink_export_table *t, const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = NULL, *w[4];
	size_t linecap = 0;
	struct pvlink_export *e;
	unsigned int *where;
	unsigned int n = 0, cap = 64, lineno = 0;

	if (!f)
		pvimage_die(PVIMAGE_EXIT_IO, "%s: cannot open the export list", path);
	e = pvimage_alloc(cap * sizeof(*e));
	where = pvimage_alloc(cap * sizeof(*where));
	while (getline(&line, &linecap, f) >= 0) {
		unsigned int k = split_words(line, w, 4);
		char hex[70];
		u64 v;

		lineno++;
		if (!k || w[0][0] == '#' || (k == 2 && nm_undefined(w[0])))
			continue;
		if (k < 3 || k > 4 || strlen(w[1]) != 1 || (k == 4 && strcmp(w[3], "percpu")))
			pvimage_die(PVIMAGE_EXIT_FORMAT, "%s:%u: expected \"ADDRESS TYPE NAME "
				    "[percpu]\"", path, lineno);
		if (strlen(w[2]) > EXPORT_NAME_MAX)
			pvimage_die(PVIMAGE_EXIT_FORMAT, "%s:%u: the name is %zu bytes long, more "
				    "than the %u an export list allows", path, lineno,
				    strlen(w[2]), EXPORT_NAME_MAX);
		if (strlen(w[0]) > 64 ||
		    (snprintf(hex, sizeof(hex), "0x%s", w[0]), !pvimage_parse_u64(hex, &v)))
			pvimage_die(PVIMAGE_EXIT_FORMAT, "%s:%u: \"%s\" is not a "
				    "hexadecimal address", path, lineno, w[0]);
		if (nm_local(w[1]))
			continue;
		if (n == cap) {
			cap *= 2;
			e = pvimage_realloc(e, cap * sizeof(*e));
			where = pvimage_realloc(where, cap * sizeof(*where));
		}
		e[n].name = strdup(w[2]);
		if (!e[n].name)
			pvimage_die(PVIMAGE_EXIT_IO, "out of memory");
		e[n].value = v;
		e[n].flags = k == 4 ? PVLINK_EXPORT_F_PERCPU : 0;
		where[n] = lineno;
		n++;
	}
	if (ferror(f))
		pvimage_die(PVIMAGE_EXIT_IO, "%s: read error", path);
	free(line);
	fclose(f);
	check_twice(path, e, where, n);
	free(where);
	pvimage_exports_build(t, e, pvimage_alloc((n / 2 + 2) * sizeof(u32)), n);
}
