// SPDX-License-Identifier: GPL-2.0
/*
 * pvimage: a backend object's PVLINK_BACKEND() note (layout in
 * include/linux/pvlink.h and Documentation/pvlink.rst ("The image format and the kernel tables")).
 */
#include <stdio.h>
#include <string.h>
#include "pvimage.h"

/* Offsets of the descriptor's fields: the documented byte layout. */
#define DESC_VERSION	0
#define DESC_ENTRY	2
#define DESC_PRIORITY	4
#define DESC_NAME	8
#define DESC_REQUIRES	40
#define DESC_CPUID	72
#define DESC_SIZE	84

_Static_assert(sizeof(struct pvlink_backend_desc) == DESC_SIZE, "note layout");

/* A NUL-padded field: printable, padded with NULs only, and terminated. */
static bool field_ok(const u8 *p, size_t len, size_t max, bool need_nul)
{
	size_t n = strnlen((const char *)p, len);

	if (need_nul && n == len)
		return false;
	if (n > max)
		return false;
	for (size_t i = 0; i < n; i++)
		if (p[i] < 0x21 || p[i] > 0x7e)
			return false;
	for (size_t i = n; i < len; i++)
		if (p[i])
			return false;
	return true;
}

/* The image reader's rule (lib/pvlink/image.c): [a-z0-9_-], no leading '-'. */
static bool name_ok(const char *s)
{
	if (!*s || *s == '-')
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_' ||
		      *s == '-'))
			return false;
	return true;
}

void pvimage_backend_from_object(struct pvimage_backend *b, const char *path,
				 const u8 *data, size_t size)
{
	struct pvimage_elf e;
	const char *why;
	const Elf64_Shdr *s;
	const u8 *p, *d = NULL;
	u64 off = 0;
	unsigned int found = 0;

	memset(b, 0, sizeof(*b));
	if (pvimage_elf_open(&e, path, data, size, &why))
		pvimage_die(PVIMAGE_EXIT_FORMAT, "%s: %s", path, why);
	if (e.eh->e_type != ET_REL)
		pvimage_die(PVIMAGE_EXIT_FORMAT, "%s: not a relocatable object (ET_REL): "
			    "a backend is built with \"ld -r\"", path);
	s = pvimage_elf_section(&e, PVLINK_NOTE_SECTION);
	if (!s || s->sh_type != SHT_NOTE || !(p = pvimage_elf_secdata(&e, s)))
		pvimage_die(PVIMAGE_EXIT_FORMAT, "%s: no %s note section: declare the backend "
			    "with PVLINK_BACKEND() (include/linux/pvlink.h)",
			    path, PVLINK_NOTE_SECTION);
	/* gABI notes: namesz, descsz, type, name and desc each 4-aligned. */
	while (off + 12 <= s->sh_size) {
		u32 namesz = get_le32(p + off), descsz = get_le32(p + off + 4);
		u32 type = get_le32(p + off + 8);
		u64 name_off = off + 12, desc_off = name_off + ((namesz + 3ull) & ~3ull);
		u64 next = desc_off + ((descsz + 3ull) & ~3ull);

		if (next > s->sh_size)
			pvimage_die(PVIMAGE_EXIT_FORMAT, "%s: %s: note at offset %#llx runs past "
				    "the section", path, PVLINK_NOTE_SECTION,
				    (unsigned long long)off);
		if (namesz == sizeof(PVLINK_NOTE_OWNER) &&
		    !memcmp(p + name_off, PVLINK_NOTE_OWNER, namesz) &&
		    type == PVLINK_NOTE_BACKEND) {
			if (descsz != DESC_SIZE)
				pvimage_die(PVIMAGE_EXIT_FORMAT, "%s: backend note of %u bytes, "
					    "expected %u", path, descsz, DESC_SIZE);
			d = p + desc_off;
			found++;
		}
		off = next;
	}
	if (found != 1)
		pvimage_die(PVIMAGE_EXIT_FORMAT, "%s: %u PVLINK_BACKEND() notes, expected one",
			    path, found);
	if (get_le16(d + DESC_VERSION) != PVLINK_NOTE_VERSION)
		pvimage_die(PVIMAGE_EXIT_FORMAT, "%s: backend note version %u, this pvimage "
			    "reads version %u", path, get_le16(d + DESC_VERSION),
			    PVLINK_NOTE_VERSION);
	if (!field_ok(d + DESC_NAME, PVLINK_NAME_MAX, PVIMAGE_MEMBER_NAME_MAX, true) ||
	    !field_ok(d + DESC_REQUIRES, PVLINK_NAME_MAX, PVIMAGE_MEMBER_NAME_MAX, true) ||
	    !field_ok(d + DESC_CPUID, PVLINK_CPUID_SIG_LEN, PVLINK_CPUID_SIG_LEN, false))
		pvimage_die(PVIMAGE_EXIT_FORMAT, "%s: backend note: name and requires must be "
			    "at most %u printable characters, NUL-padded; cpuid at most %u",
			    path, PVIMAGE_MEMBER_NAME_MAX, PVLINK_CPUID_SIG_LEN);
	memcpy(b->name, d + DESC_NAME, PVLINK_NAME_MAX);
	memcpy(b->requires, d + DESC_REQUIRES, PVLINK_NAME_MAX);
	memcpy(b->cpuid, d + DESC_CPUID, PVLINK_CPUID_SIG_LEN);
	if (!name_ok(b->name) || (b->requires[0] && !name_ok(b->requires)))
		pvimage_die(PVIMAGE_EXIT_FORMAT, "%s: backend name \"%s\" / requires \"%s\": "
			    "use lower-case letters, digits, '_' and '-' (not first)", path, b->name, b->requires);
	if (!strcmp(b->name, b->requires))
		pvimage_die(PVIMAGE_EXIT_FORMAT, "%s: backend %s requires itself", path, b->name);
	b->entry = get_le16(d + DESC_ENTRY);
	if (!b->entry || (b->entry & ~PVLINK_ENTRY_ALL))
		pvimage_die(PVIMAGE_EXIT_FORMAT, "%s: backend %s: entry modes %#x: need at "
			    "least one of native (1), pvh (2), xen-pv (4), nothing else",
			    path, b->name, b->entry);
	b->priority = (s32)get_le32(d + DESC_PRIORITY);
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
