// SPDX-License-Identifier: GPL-2.0
/*
 * pvlink library: reading a backend's PVLINK_BACKEND() note (the layout:
 * <linux/pvlink_abi.h>), for the host tools that build and check images.
 * The same rules as the image reader's index entries, so what pvimage
 * puts into an index the kernel accepts.
 */
#ifdef __KERNEL__
#include <linux/kernel.h>
#include <linux/string.h>
#else
#include <stdio.h>
#include <string.h>
#endif
#include <linux/pvlink_lib.h>

#define FAIL(...)	do { snprintf(msg, len, __VA_ARGS__); return -1; } while (0)

/* gABI notes: namesz, descsz, type, then name and desc, each 4-aligned. */
#define NOTE_HDR	12
#define NOTE_ALIGN(n)	(((u64)(n) + 3) & ~(u64)3)

/* The CPUID signature: printable, NUL-padded, need not end with a NUL. */
static bool sig_ok(const char *p, size_t field)
{
	size_t n = strnlen(p, field), i;

	for (i = 0; i < n; i++)
		if (p[i] < 0x21 || p[i] > 0x7e)
			return false;
	for (; i < field; i++)
		if (p[i])
			return false;
	return true;
}

int pvlink_backend_note(const u8 *sec, u64 size, struct pvlink_backend_desc *d,
			char *msg, size_t len)
{
	unsigned int found = 0;
	u64 off = 0;

	while (size - off >= NOTE_HDR) {
		u32 hdr[3];
		u64 name_off, desc_off, next;

		memcpy(hdr, sec + off, sizeof(hdr));
		name_off = off + NOTE_HDR;
		desc_off = name_off + NOTE_ALIGN(hdr[0]);
		next = desc_off + NOTE_ALIGN(hdr[1]);
		if (desc_off > size || next > size)
			FAIL("%s: the note at offset %llu runs past the section",
			     PVLINK_NOTE_SECTION, (unsigned long long)off);
		if (hdr[0] == sizeof(PVLINK_NOTE_OWNER) &&
		    !memcmp(sec + name_off, PVLINK_NOTE_OWNER, hdr[0]) &&
		    hdr[2] == PVLINK_NOTE_BACKEND) {
			if (hdr[1] != sizeof(*d))
				FAIL("backend note of %u bytes, expected %u", hdr[1],
				     (unsigned int)sizeof(*d));
			memcpy(d, sec + desc_off, sizeof(*d));
			found++;
		}
		off = next;
	}
	if (found != 1)
		FAIL("%u PVLINK_BACKEND() notes, expected one", found);
	if (d->version != PVLINK_NOTE_VERSION)
		FAIL("backend note version %u, this tool reads version %u", d->version,
		     PVLINK_NOTE_VERSION);
	/* The image index's rule for names (pvlink_image_read()). */
	if (!pvlink_backend_name_ok(d->name, sizeof(d->name), false) ||
	    !pvlink_backend_name_ok(d->requires, sizeof(d->requires), true))
		FAIL("backend name \"%.*s\" / requires \"%.*s\": at most %u of lower-case letters, digits, '_' and '-' (not first), NUL-padded",
		     (int)sizeof(d->name), d->name, (int)sizeof(d->requires), d->requires,
		     PVLINK_IMAGE_NAME_MAX);
	if (!sig_ok(d->cpuid, sizeof(d->cpuid)))
		FAIL("backend %s: cpuid must be at most %u printable characters, NUL-padded",
		     d->name, PVLINK_CPUID_SIG_LEN);
	if (!strcmp(d->name, d->requires))
		FAIL("backend %s requires itself", d->name);
	if (!d->entry || (d->entry & ~PVLINK_ENTRY_ALL))
		FAIL("backend %s: entry modes %#x: need at least one of native (1), pvh (2), xen-pv (4), nothing else",
		     d->name, d->entry);
	return 0;
}
