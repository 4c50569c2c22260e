/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading a pvlink image (Documentation/image-format.rst): an "ar"
 * archive whose first member is the index.  Shared by the kernel (which
 * gets the image from the bootloader: untrusted) and pvimage, so both
 * accept exactly the same images.  Never allocates, never writes the image.
 */
#ifndef _LINUX_PVLINK_IMAGE_H
#define _LINUX_PVLINK_IMAGE_H

#include <linux/types.h>
#include <linux/pvlink_backend.h>
#include <linux/sha256.h>

#define PVLINK_IMAGE_AR_MAGIC		"!<arch>\n"
#define PVLINK_IMAGE_AR_HDR_SIZE	60
#define PVLINK_IMAGE_IDX_MEMBER		"pvlink.idx"
#define PVLINK_IMAGE_IDX_MAGIC		"PVLNKIDX"
#define PVLINK_IMAGE_IDX_VERSION	1
#define PVLINK_IMAGE_IDX_HDR_SIZE	32
#define PVLINK_IMAGE_IDX_ENT_SIZE	136
#define PVLINK_IMAGE_MAX_BACKENDS	64
/* "<name>.o/" must fit ar's 16-byte name field. */
#define PVLINK_IMAGE_NAME_MAX		13

/**
 * struct pvlink_image_backend - one backend of an image, as its index says
 * @name:     NUL-terminated, 1 to PVLINK_IMAGE_NAME_MAX characters.
 * @requires: NUL-terminated, empty for none.
 * @cpuid:    signature at CPUID 0x40000000, NUL-padded (all NULs: any).
 * @entry:    PVLINK_ENTRY_* mask.
 * @priority: larger wins.
 * @data:     the object's bytes, inside the image.
 * @offset:   their offset in the image.
 * @size:     their size.
 * @digest:   SHA-256 of @data (checked equal to the bytes).
 */
struct pvlink_image_backend {
	char name[PVLINK_NAME_MAX + 1];
	char requires[PVLINK_NAME_MAX + 1];
	char cpuid[PVLINK_CPUID_SIG_LEN];
	u16 entry;
	s32 priority;
	const u8 *data;
	u64 offset;
	u64 size;
	u8 digest[SHA256_DIGEST_SIZE];
};

/**
 * pvlink_image_read() - check an image and list its backends
 * @img:  the image bytes (any alignment).
 * @size: their size.
 * @b:    room for @max entries, filled in index order (sorted by name).
 * @max:  entries @b holds.
 * @nr:   set to the number of backends on success.
 * @msg:  on failure, what is wrong and where (NUL-terminated).
 * @msglen: size of @msg.
 *
 * Checks the ar magic, the index header and every entry, that each entry
 * names the matching ar member with its exact offset and size, that the
 * SHA-256 of each object equals the index's, and that nothing follows the
 * last member.  It does not check that the backends are allowed for this
 * kernel (compare @digest with the allow-list) or parse the objects.
 *
 * Context: any; reads only @img (hashing every backend once).
 * Return: 0, or -1 with @msg set.
 */
int pvlink_image_read(const void *img, size_t size, struct pvlink_image_backend *b,
		      unsigned int max, unsigned int *nr, char *msg, size_t msglen);

#endif /* _LINUX_PVLINK_IMAGE_H */
