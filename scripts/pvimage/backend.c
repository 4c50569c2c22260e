// SPDX-License-Identifier: GPL-2.0
/*
 * pvimage: a backend object, read the way the boot reads it.  The object
 * is planned by the linker library first (every check the boot-time link
 * applies to an object on its own), then its PVLINK_BACKEND() note is
 * read by the library's note reader: pvimage parses nothing itself.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/pvlink_elf.h>
#include "pvimage.h"

/*
 * The boot's checks of one object: a plan of the object alone, with
 * nothing exported and an unbounded percpu reserve (names are resolved
 * and the reserve is checked against a kernel by "verify" and "link").
 */
static void check_object(const char *path, const u8 *data, size_t size)
{
	struct pvlink_object obj = { .name = path, .data = data, .size = size };
	struct pvlink_ctx *ctx = pvimage_alloc(sizeof(*ctx));

	pvlink_init(ctx, &obj, 1, NULL, 0, ~(u64)0);
	if (pvlink_plan(ctx))
		pvimage_die(PVIMAGE_EXIT_FORMAT, "%s (the boot-time link refuses it too)",
			    ctx->msg);
	free(ctx);
}

void pvimage_backend_from_object(struct pvimage_backend *b, const char *path,
				 const u8 *data, size_t size)
{
	struct pvlink_backend_desc d;
	struct pvlink_elf_section s;
	struct pvlink_elf e;
	char why[PVLINK_MSG_MAX];

	memset(b, 0, sizeof(*b));
	check_object(path, data, size);
	if (pvlink_elf_open(&e, data, size, why, sizeof(why)))
		pvimage_die(PVIMAGE_EXIT_FORMAT, "%s: %s", path, why);
	if (pvlink_elf_section_by_name(&e, PVLINK_NOTE_SECTION, &s) < 0 ||
	    s.type != SHT_NOTE || !s.data)
		pvimage_die(PVIMAGE_EXIT_FORMAT, "%s: no %s note section: declare the backend "
			    "with PVLINK_BACKEND() (include/linux/pvlink_backend.h)",
			    path, PVLINK_NOTE_SECTION);
	if (pvlink_backend_note(s.data, s.size, &d, why, sizeof(why)))
		pvimage_die(PVIMAGE_EXIT_FORMAT, "%s: %s", path, why);
	memcpy(b->name, d.name, sizeof(d.name));
	memcpy(b->requires, d.requires, sizeof(d.requires));
	memcpy(b->cpuid, d.cpuid, sizeof(d.cpuid));
	b->entry = d.entry;
	b->priority = d.priority;
	b->data = data;
	b->size = size;
	sha256(data, size, b->digest);
}

const char *pvimage_entry_str(u16 entry, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s%s%s",
		 entry & PVLINK_ENTRY_NATIVE ? "native," : "",
		 entry & PVLINK_ENTRY_PVH ? "pvh," : "",
		 entry & PVLINK_ENTRY_XEN_PV ? "xen-pv," : "",
		 entry & ~PVLINK_ENTRY_ALL ? "?," : "");
	if (*buf)
		buf[strlen(buf) - 1] = 0;
	return buf;
}
