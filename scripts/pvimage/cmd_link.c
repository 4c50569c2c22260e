// SPDX-License-Identifier: GPL-2.0
/* pvimage link: see link.c for the output and Documentation/pvimage.rst. */
#include <stdio.h>
#include <string.h>
#include "pvimage.h"

/* "--opt VALUE": true and *val set when argv[*i] is @opt. */
static bool opt_arg(int argc, char **argv, int *i, const char *opt, const char **val)
{
	if (strcmp(argv[*i], opt))
		return false;
	if (*i + 1 >= argc)
		pvimage_die(PVIMAGE_EXIT_USAGE, "%s needs a value (see --help)", opt);
	*val = argv[++*i];
	return true;
}

static u64 num_arg(const char *opt, const char *s)
{
	u64 v;

	if (!pvimage_parse_u64(s, &v))
		pvimage_die(PVIMAGE_EXIT_USAGE, "%s %s: not a number (decimal or 0x hex)", opt, s);
	return v;
}

/*
 * "--region NAME=ADDR": where the kernel placed one region (each on pages
 * of its own: pvlink.debug prints them), so that the offline link can
 * reproduce the boot-time one byte for byte.
 */
static void region_arg(const char *s, u64 region_addr[PVLINK_NR_REGIONS])
{
	const char *eq = strchr(s, '=');

	for (unsigned int r = 0; eq && r < PVLINK_NR_REGIONS; r++) {
		const char *name = pvlink_region_name(r);

		if (strlen(name) != (size_t)(eq - s) || strncmp(s, name, eq - s))
			continue;
		if (r == PVLINK_PERCPU)
			pvimage_die(PVIMAGE_EXIT_USAGE, "--region %s: the percpu region is an "
				    "offset in the percpu area: use --percpu-base", s);
		region_addr[r] = num_arg("--region", eq + 1);
		if (region_addr[r] == PVIMAGE_ADDR_AUTO)
			pvimage_die(PVIMAGE_EXIT_USAGE, "--region %s: no region ends below 2^64", s);
		return;
	}
	pvimage_die(PVIMAGE_EXIT_USAGE, "--region %s: want NAME=ADDR, NAME one of text, "
		    "rodata, data, bss, got", s);
}

int pvimage_cmd_link(int argc, char **argv)
{
	u64 region_addr[PVLINK_NR_REGIONS];
	const char *exports = NULL, *kernel = NULL, *backend = NULL, *addr_s = NULL;
	const char *out = NULL, *pbase_s = NULL, *psize_s = NULL, *val;
	const char *inputs[PVLINK_MAX_OBJECTS * 8];
	struct pvlink_object objs[PVLINK_MAX_OBJECTS];
	struct pvlink_export_table table;
	const struct pvlink_export_table *tp;
	unsigned int nin = 0, nr = 0;
	u64 pbase = 0, psize = 1 << 20, addr;
	int i;

	for (i = 0; i < PVLINK_NR_REGIONS; i++)
		region_addr[i] = PVIMAGE_ADDR_AUTO;
	for (i = 1; i < argc; i++) {
		if (opt_arg(argc, argv, &i, "--region", &val))
			region_arg(val, region_addr);
		else if (opt_arg(argc, argv, &i, "--exports", &val))
			exports = val;
		else if (opt_arg(argc, argv, &i, "--kernel", &val))
			kernel = val;
		else if (opt_arg(argc, argv, &i, "--backend", &val))
			backend = val;
		else if (opt_arg(argc, argv, &i, "--addr", &val))
			addr_s = val;
		else if (opt_arg(argc, argv, &i, "-o", &val))
			out = val;
		else if (opt_arg(argc, argv, &i, "--percpu-base", &val))
			pbase_s = val;
		else if (opt_arg(argc, argv, &i, "--percpu-size", &val))
			psize_s = val;
		else if (argv[i][0] == '-')
			pvimage_die(PVIMAGE_EXIT_USAGE, "unknown option %s (see --help)", argv[i]);
		else if (nin < sizeof(inputs) / sizeof(inputs[0]))
			inputs[nin++] = argv[i];
		else
			pvimage_die(PVIMAGE_EXIT_USAGE, "too many inputs");
	}
	if (!out || !addr_s || !!exports == !!kernel)
		pvimage_die(PVIMAGE_EXIT_USAGE, "needs -o OUT, --addr A and exactly one of "
			    "--exports FILE or --kernel VMLINUX (see --help)");
	addr = num_arg("--addr", addr_s);
	/* Documentation/pvimage.rst: at or above --addr, for every region. */
	for (i = 0; i < PVLINK_NR_REGIONS; i++)
		if (region_addr[i] != PVIMAGE_ADDR_AUTO && region_addr[i] < addr)
			pvimage_die(PVIMAGE_EXIT_USAGE, "--region %s=%#llx is below --addr "
				    "%#llx, where OUT starts: give an address at or above it",
				    pvlink_region_name(i), (unsigned long long)region_addr[i],
				    (unsigned long long)addr);
	if (exports) {
		if (backend)
			pvimage_die(PVIMAGE_EXIT_USAGE, "--backend goes with --kernel and an image");
		if (!nin || nin > PVLINK_MAX_OBJECTS)
			pvimage_die(PVIMAGE_EXIT_USAGE, "give 1 to %u objects, bottom of the stack "
				    "first", PVLINK_MAX_OBJECTS);
		pvimage_exports_read(&table, exports);
		tp = &table;
		for (nr = 0; nr < nin; nr++) {
			struct pvimage_buf b;

			pvimage_read(inputs[nr], &b);
			objs[nr].name = inputs[nr];
			objs[nr].data = b.data;
			objs[nr].size = b.size;
		}
	} else {
		static struct pvimage_kernel k;
		static struct pvimage_image img;
		const struct pvimage_backend *stack[PVLINK_MAX_OBJECTS];
		struct pvimage_buf b;
		char why[256];

		if (!backend || nin != 1)
			pvimage_die(PVIMAGE_EXIT_USAGE, "--kernel needs --backend NAME and one image");
		pvimage_kernel_open(&k, kernel);
		pvimage_read(inputs[0], &b);
		if (pvimage_image_read(&img, b.data, b.size, why, sizeof(why)))
			pvimage_die(PVIMAGE_EXIT_FORMAT, "%s: %s", inputs[0], why);
		if (!pvimage_image_find(&img, backend))
			pvimage_die(PVIMAGE_EXIT_FAIL, "%s: no backend named %s", inputs[0], backend);
		if (pvimage_stack(&img, pvimage_image_find(&img, backend), stack, &nr,
				  why, sizeof(why)))
			pvimage_die(PVIMAGE_EXIT_FAIL, "%s: %s", inputs[0], why);
		for (unsigned int j = 0; j < nr; j++) {
			objs[j].name = stack[j]->name;
			objs[j].data = stack[j]->data;
			objs[j].size = stack[j]->size;
		}
		tp = &k.table;
		pbase = k.percpu_base;
		psize = k.percpu_size;
	}
	if (pbase_s)
		pbase = num_arg("--percpu-base", pbase_s);
	if (psize_s)
		psize = num_arg("--percpu-size", psize_s);
	return pvimage_link_stack(objs, nr, tp, addr, region_addr, pbase, psize, out);
}
