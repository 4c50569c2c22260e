// SPDX-License-Identifier: GPL-2.0
/*
 * pvimage: build, inspect, verify and link pvlink images.
 * The manual is Documentation/pvimage.rst; "pvimage --help" summarises it.
 */
#include <stdio.h>
#include <string.h>
#include "pvimage.h"

static const char usage[] =
"usage: pvimage COMMAND [OPTIONS] ...\n"
"\n"
"  create -o IMAGE BACKEND.o...     pack backend objects into an image\n"
"  list IMAGE                       one line per backend: name, rules, size, digest\n"
"  dump [--backend NAME] IMAGE|OBJ  sections, symbols, relocations and notes\n"
"  digests BACKEND.o...             SHA-256 of each object (the kernel's allow-list)\n"
"  verify --kernel VMLINUX IMAGE    check the image against the kernel\n"
"  link --exports FILE --addr A -o OUT OBJ.o...\n"
"                                   link a stack (bottom first) against an nm-style list\n"
"  link --kernel VMLINUX --backend NAME --addr A -o OUT IMAGE\n"
"                                   link a backend's stack against the kernel's exports\n"
"  tables [--vmlinux VMLINUX] [--digests FILE]\n"
"                                   the kernel's pvlink tables, as assembly (the build)\n"
"\n"
"link options: --percpu-base N, --percpu-size N (defaults: 0 and 1 MiB with\n"
"--exports; the kernel's reserve with --kernel); --region NAME=ADDR places\n"
"region NAME (text, rodata, data, bss, got) at ADDR instead of after the\n"
"previous one (repeatable: what the kernel's pvlink.debug lines say).\n"
"Exit status: 0 success, 1 verify/link found a problem, 2 usage error,\n"
"3 file not readable/writable, 4 malformed input.\n"
"See Documentation/pvimage.rst.\n";

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
} commands[] = {
	{ "create", pvimage_cmd_create },
	{ "list", pvimage_cmd_list },
	{ "dump", pvimage_cmd_dump },
	{ "digests", pvimage_cmd_digests },
	{ "verify", pvimage_cmd_verify },
	{ "link", pvimage_cmd_link },
	{ "tables", pvimage_cmd_tables },
};

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage, stderr);
		return PVIMAGE_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		fputs(usage, stdout);
		return PVIMAGE_EXIT_OK;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (strcmp(argv[1], commands[i].name))
			continue;
		pvimage_cmd = commands[i].name;
		for (int a = 2; a < argc; a++)
			if (!strcmp(argv[a], "--help")) {
				fputs(usage, stdout);
				return PVIMAGE_EXIT_OK;
			}
		return commands[i].fn(argc - 1, argv + 1);
	}
	fprintf(stderr, "pvimage: unknown command \"%s\"\n\n%s", argv[1], usage);
	return PVIMAGE_EXIT_USAGE;
}
