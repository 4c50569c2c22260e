// SPDX-License-Identifier: GPL-2.0
/* pvimage create, list, digests and dump. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/pvlink_elf.h>
#include "pvimage.h"

static void load_image(const char *path, struct pvimage_image *img)
{
	struct pvimage_buf b;
	char why[256];

	pvimage_read(path, &b);
	if (pvimage_image_read(img, b.data, b.size, why, sizeof(why)))
		pvimage_die(PVIMAGE_EXIT_FORMAT, "%s: %s", path, why);
}

int pvimage_cmd_create(int argc, char **argv)
{
	static struct pvimage_image img;
	const char *out = NULL;
	struct pvimage_buf b;
	char why[256];
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-o")) {
			if (++i == argc)
				pvimage_die(PVIMAGE_EXIT_USAGE, "-o needs a file name");
			out = argv[i];
			continue;
		}
		if (argv[i][0] == '-')
			pvimage_die(PVIMAGE_EXIT_USAGE, "unknown option %s (see --help)", argv[i]);
		if (img.nr == PVIMAGE_MAX_BACKENDS)
			pvimage_die(PVIMAGE_EXIT_USAGE, "more than %u backends", PVIMAGE_MAX_BACKENDS);
		pvimage_read(argv[i], &b);
		pvimage_backend_from_object(&img.b[img.nr], argv[i], b.data, b.size);
		if (pvimage_image_find(&img, img.b[img.nr].name))
			pvimage_die(PVIMAGE_EXIT_FORMAT, "%s: a backend named %s is already in "
				    "the image", argv[i], img.b[img.nr].name);
		img.nr++;
	}
	if (!out || !img.nr)
		pvimage_die(PVIMAGE_EXIT_USAGE, "usage: pvimage create -o IMAGE BACKEND.o...");
	for (unsigned int j = 0; j < img.nr; j++) {
		const struct pvimage_backend *stack[PVLINK_MAX_OBJECTS];
		unsigned int nr;

		if (pvimage_stack(&img, &img.b[j], stack, &nr, why, sizeof(why)))
			pvimage_die(PVIMAGE_EXIT_FAIL, "%s", why);
	}
	pvimage_image_write(&img, &b);
	pvimage_write(out, b.data, b.size);
	return PVIMAGE_EXIT_OK;
}

int pvimage_cmd_list(int argc, char **argv)
{
	static struct pvimage_image img;
	char entry[32], hex[2 * SHA256_DIGEST_SIZE + 1];

	if (argc != 2)
		pvimage_die(PVIMAGE_EXIT_USAGE, "usage: pvimage list IMAGE");
	load_image(argv[1], &img);
	printf("%-14s %5s %-16s %-12s %-14s %8s %s\n", "NAME", "PRIO", "ENTRY", "CPUID",
	       "REQUIRES", "SIZE", "SHA256");
	for (unsigned int i = 0; i < img.nr; i++) {
		const struct pvimage_backend *b = &img.b[i];

		pvimage_hex(hex, b->digest, SHA256_DIGEST_SIZE);
		printf("%-14s %5d %-16s %-12s %-14s %8llu %s\n", b->name, b->priority,
		       pvimage_entry_str(b->entry, entry, sizeof(entry)),
		       b->cpuid[0] ? b->cpuid : "-", b->requires[0] ? b->requires : "-",
		       (unsigned long long)b->size, hex);
	}
	return PVIMAGE_EXIT_OK;
}

int pvimage_cmd_digests(int argc, char **argv)
{
	char hex[2 * SHA256_DIGEST_SIZE + 1];

	if (argc < 2)
		pvimage_die(PVIMAGE_EXIT_USAGE, "usage: pvimage digests BACKEND.o...");
	for (int i = 1; i < argc; i++) {
		struct pvimage_backend b;
		struct pvimage_buf buf;

		pvimage_read(argv[i], &buf);
		pvimage_backend_from_object(&b, argv[i], buf.data, buf.size);
		pvimage_hex(hex, b.digest, SHA256_DIGEST_SIZE);
		printf("%s %s\n", hex, b.name);
	}
	return PVIMAGE_EXIT_OK;
}

/* ---- dump ---- */

static const char *sec_type(u32 t)
{
	switch (t) {
	case SHT_NULL: return "NULL";
	case SHT_PROGBITS: return "PROGBITS";
	case SHT_SYMTAB: return "SYMTAB";
	case SHT_STRTAB: return "STRTAB";
	case SHT_RELA: return "RELA";
	case SHT_NOTE: return "NOTE";
	case SHT_NOBITS: return "NOBITS";
	case SHT_GROUP: return "GROUP";
	case SHT_X86_64_UNWIND: return "X86_64_UNWIND";
	default: return "OTHER";
	}
}

/* psABI table 4.10 (the types kernel-model code uses). */
static const char *rel_type(u32 t)
{
	static const char *const names[] = {
		[0] = "R_X86_64_NONE", [1] = "R_X86_64_64", [2] = "R_X86_64_PC32",
		[3] = "R_X86_64_GOT32", [4] = "R_X86_64_PLT32", [9] = "R_X86_64_GOTPCREL",
		[10] = "R_X86_64_32", [11] = "R_X86_64_32S", [12] = "R_X86_64_16",
		[13] = "R_X86_64_PC16", [14] = "R_X86_64_8", [15] = "R_X86_64_PC8",
		[24] = "R_X86_64_PC64", [41] = "R_X86_64_GOTPCRELX",
		[42] = "R_X86_64_REX_GOTPCRELX",
	};

	return t < sizeof(names) / sizeof(names[0]) && names[t] ? names[t] : "unknown";
}

static void dump_object(const char *label, const u8 *data, size_t size)
{
	struct pvimage_backend b;
	struct pvlink_elf e;
	char entry[32], why[PVLINK_MSG_MAX];
	u32 i;

	/* The boot's checks first, then the library's view for printing. */
	pvimage_backend_from_object(&b, label, data, size);
	if (pvlink_elf_open(&e, data, size, why, sizeof(why)))
		pvimage_die(PVIMAGE_EXIT_FORMAT, "%s: %s", label, why);
	printf("backend %s\n", b.name);
	printf("  note: entry=%s priority=%d cpuid=%s requires=%s\n",
	       pvimage_entry_str(b.entry, entry, sizeof(entry)), b.priority,
	       b.cpuid[0] ? b.cpuid : "-", b.requires[0] ? b.requires : "-");
	printf("  sections:\n");
	for (i = 1; i < e.shnum; i++) {
		struct pvlink_elf_section s;

		pvlink_elf_section(&e, i, &s);
		printf("    [%2u] %-24s %-13s flags=%c%c%c size=%#llx align=%llu\n", i,
		       s.name, sec_type(s.type),
		       s.flags & SHF_ALLOC ? 'A' : '-', s.flags & SHF_WRITE ? 'W' : '-',
		       s.flags & SHF_EXECINSTR ? 'X' : '-', (unsigned long long)s.size,
		       (unsigned long long)s.align);
	}
	printf("  symbols:\n");
	for (i = 1; i < e.nsyms; i++) {
		struct pvlink_elf_symbol s;

		pvlink_elf_symbol(&e, i, &s);
		if (s.type == STT_SECTION || s.type == STT_FILE)
			continue;
		printf("    %016llx %6llu %-6s %-6s %-5s %s\n", (unsigned long long)s.value,
		       (unsigned long long)s.size,
		       s.type == STT_FUNC ? "FUNC" : s.type == STT_OBJECT ? "OBJECT" : "NOTYPE",
		       s.bind == STB_LOCAL ? "LOCAL" : s.bind == STB_WEAK ? "WEAK" : "GLOBAL",
		       s.shndx == SHN_UNDEF ? "UND" : s.shndx == SHN_ABS ? "ABS" : "",
		       s.name);
	}
	printf("  relocations:\n");
	for (i = 1; i < e.shnum; i++) {
		struct pvlink_elf_section rs, target;
		struct pvlink_elf_rela r;

		pvlink_elf_section(&e, i, &rs);
		/* Relocations of debug information are not applied. */
		if (rs.type != SHT_RELA || pvlink_elf_section(&e, rs.info, &target) ||
		    !(target.flags & SHF_ALLOC))
			continue;
		for (u64 j = 0; !pvlink_elf_rela(&e, &rs, j, &r); j++) {
			struct pvlink_elf_symbol s;

			printf("    %-20s %08llx %-22s %s%+lld\n", target.name,
			       (unsigned long long)r.offset, rel_type(r.type),
			       pvlink_elf_symbol(&e, r.sym, &s) ? "<bad symbol>" : s.name,
			       (long long)r.addend);
		}
	}
}

int pvimage_cmd_dump(int argc, char **argv)
{
	static struct pvimage_image img;
	const char *only = NULL, *path = NULL;
	struct pvimage_buf b;
	char why[256];
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--backend") && i + 1 < argc)
			only = argv[++i];
		else if (argv[i][0] == '-' || path)
			pvimage_die(PVIMAGE_EXIT_USAGE, "usage: pvimage dump [--backend NAME] "
				    "IMAGE|OBJECT");
		else
			path = argv[i];
	}
	if (!path)
		pvimage_die(PVIMAGE_EXIT_USAGE, "usage: pvimage dump [--backend NAME] IMAGE|OBJECT");
	pvimage_read(path, &b);
	if (b.size >= 4 && !memcmp(b.data, ELFMAG, SELFMAG)) {
		dump_object(path, b.data, b.size);
		return PVIMAGE_EXIT_OK;
	}
	if (pvimage_image_read(&img, b.data, b.size, why, sizeof(why)))
		pvimage_die(PVIMAGE_EXIT_FORMAT, "%s: %s", path, why);
	if (only && !pvimage_image_find(&img, only))
		pvimage_die(PVIMAGE_EXIT_FAIL, "%s: no backend named %s", path, only);
	for (unsigned int j = 0; j < img.nr; j++) {
		char hex[2 * SHA256_DIGEST_SIZE + 1];

		if (only && strcmp(only, img.b[j].name))
			continue;
		pvimage_hex(hex, img.b[j].digest, SHA256_DIGEST_SIZE);
		printf("member %s.o offset %llu size %llu sha256 %s\n", img.b[j].name,
		       (unsigned long long)img.b[j].offset, (unsigned long long)img.b[j].size, hex);
		dump_object(img.b[j].name, img.b[j].data, img.b[j].size);
	}
	return PVIMAGE_EXIT_OK;
}
