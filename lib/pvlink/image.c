// SPDX-License-Identifier: GPL-2.0
/*
 * Reading a pvlink image: see include/linux/pvlink_abi.h and
 * Documentation/pvlink.rst ("The image format and the kernel tables").  One check per step, each failure with
 * its own message.  Compiled into the kernel and into pvimage.
 */
#ifdef __KERNEL__
#include <linux/kernel.h>
#include <linux/string.h>
#else
#include <stdio.h>
#include <string.h>
#endif
#include <linux/pvlink_lib.h>

/* ar member header fields (System V / GNU ar). */
#define AR_NAME		0
#define AR_NAME_LEN	16
#define AR_SIZE		48
#define AR_SIZE_LEN	10
#define AR_FMAG		58

#define FAIL(...)	do { snprintf(msg, msglen, __VA_ARGS__); return -1; } while (0)

/* The ar header at @off must name @want ("x/", space-padded); gives the size. */
static int ar_member(const u8 *img, size_t size, u64 off, const char *want, u64 *msize,
		     char *msg, size_t msglen)
{
	size_t n = strlen(want), i;
	const u8 *h;
	u64 v = 0;

	if (off > size || size - off < PVLINK_IMAGE_AR_HDR_SIZE)
		FAIL("member %s: ar header at offset %llu is past the end of the image", want,
		     (unsigned long long)off);
	h = img + off;
	if (memcmp(h + AR_NAME, want, n))
		FAIL("ar header at offset %llu: expected member %s", (unsigned long long)off, want);
	for (i = n; i < AR_NAME_LEN; i++)
		if (h[AR_NAME + i] != ' ')
			FAIL("ar header at offset %llu: expected member %s", (unsigned long long)off,
			     want);
	if (h[AR_FMAG] != '`' || h[AR_FMAG + 1] != '\n')
		FAIL("member %s: ar header magic is not \"`\\n\"", want);
	/* Decimal digits, then spaces only. */
	for (i = 0; i < AR_SIZE_LEN && h[AR_SIZE + i] != ' '; i++) {
		if (h[AR_SIZE + i] < '0' || h[AR_SIZE + i] > '9')
			FAIL("member %s: ar size field is not a decimal number", want);
		v = v * 10 + (h[AR_SIZE + i] - '0');
	}
	if (!i)
		FAIL("member %s: ar size field is empty", want);
	for (; i < AR_SIZE_LEN; i++)
		if (h[AR_SIZE + i] != ' ')
			FAIL("member %s: ar size field is not a decimal number", want);
	if (v > size - off - PVLINK_IMAGE_AR_HDR_SIZE)
		FAIL("member %s: its %llu bytes run past the end of the image", want,
		     (unsigned long long)v);
	*msize = v;
	return 0;
}

bool pvlink_backend_name_ok(const char *p, size_t field, bool may_be_empty)
{
	size_t n = strnlen(p, field), i;

	/* NUL-terminated inside the field: the longest name leaves one NUL. */
	if (n > PVLINK_IMAGE_NAME_MAX || n == field || (!n && !may_be_empty))
		return false;
	for (i = 0; i < n; i++)
		if (!((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= '0' && p[i] <= '9') ||
		      p[i] == '_' || (p[i] == '-' && i)))
			return false;
	for (; i < field; i++)
		if (p[i])
			return false;
	return true;
}

/*
 * The index header and entries are read by copying them out (the image
 * may have any alignment); the fields are little-endian, as on every
 * machine pvlink runs on (x86-64, and the hosts that build its images).
 */
int pvlink_image_read(const void *image, size_t size, struct pvlink_image_backend *b,
		      unsigned int max, unsigned int *nr, char *msg, size_t msglen)
{
	const u8 *img = image, *idx;
	char member[PVLINK_NAME_MAX + 4];
	struct pvlink_image_index h;
	u64 isize, off, n, i;
	u8 digest[SHA256_DIGEST_SIZE];

	if (size < 8 || memcmp(img, PVLINK_IMAGE_AR_MAGIC, 8))
		FAIL("not a pvlink image (no \"!<arch>\" magic)");
	if (ar_member(img, size, 8, PVLINK_IMAGE_IDX_MEMBER "/", &isize, msg, msglen))
		return -1;
	idx = img + 8 + PVLINK_IMAGE_AR_HDR_SIZE;
	if (isize < sizeof(h))
		FAIL("index: bad magic (expected \"%s\")", PVLINK_IMAGE_IDX_MAGIC);
	memcpy(&h, idx, sizeof(h));
	if (memcmp(h.magic, PVLINK_IMAGE_IDX_MAGIC, sizeof(h.magic)))
		FAIL("index: bad magic (expected \"%s\")", PVLINK_IMAGE_IDX_MAGIC);
	if (h.version != PVLINK_IMAGE_IDX_VERSION)
		FAIL("index: version %u, this kernel reads version %u", h.version,
		     (unsigned int)PVLINK_IMAGE_IDX_VERSION);
	if (h.hdr_size != sizeof(struct pvlink_image_index) ||
	    h.ent_size != sizeof(struct pvlink_image_entry))
		FAIL("index: header/entry sizes %u/%u, expected %u/%u", h.hdr_size,
		     h.ent_size, PVLINK_IMAGE_IDX_HDR_SIZE, PVLINK_IMAGE_IDX_ENT_SIZE);
	for (i = 0; i < sizeof(h.reserved); i++)
		if (h.reserved[i])
			FAIL("index: reserved header byte %u is not zero",
			     (unsigned int)(__builtin_offsetof(struct pvlink_image_index, reserved) + i));
	n = h.nr;
	if (!n || n > PVLINK_IMAGE_MAX_BACKENDS)
		FAIL("index: %u backends (1 to %u allowed)", (unsigned int)n,
		     PVLINK_IMAGE_MAX_BACKENDS);
	if (n > max)
		FAIL("index: %u backends, room for %u", (unsigned int)n, max);
	if (isize != sizeof(h) + n * sizeof(struct pvlink_image_entry))
		FAIL("index: member of %llu bytes does not hold %u entries",
		     (unsigned long long)isize, (unsigned int)n);
	off = 8 + PVLINK_IMAGE_AR_HDR_SIZE + isize;
	for (i = 0; i < n; i++) {
		struct pvlink_image_backend *be = &b[i];
		struct pvlink_image_entry e;
		u64 msize;

		memcpy(&e, idx + sizeof(h) + i * sizeof(e), sizeof(e));
		if (!pvlink_backend_name_ok(e.name, sizeof(e.name), false) ||
		    !pvlink_backend_name_ok(e.requires, sizeof(e.requires), true))
			FAIL("index entry %u: name or requires is not 1 to %u characters of "
			     "[a-z0-9_-] (no leading '-'), NUL-padded", (unsigned int)i, PVLINK_IMAGE_NAME_MAX);
		if (e.reserved1 || e.reserved2)
			FAIL("index entry %u: reserved bytes are not zero", (unsigned int)i);
		memcpy(be->name, e.name, PVLINK_NAME_MAX);
		be->name[PVLINK_NAME_MAX] = 0;
		memcpy(be->requires, e.requires, PVLINK_NAME_MAX);
		be->requires[PVLINK_NAME_MAX] = 0;
		memcpy(be->cpuid, e.cpuid, PVLINK_CPUID_SIG_LEN);
		if (i && strcmp(b[i - 1].name, be->name) >= 0)
			FAIL("index entry %u (%s): names are not sorted, or repeated",
			     (unsigned int)i, be->name);
		be->entry = e.entry;
		if (!be->entry || (be->entry & ~PVLINK_ENTRY_ALL))
			FAIL("backend %s: entry modes %#x invalid", be->name, be->entry);
		be->priority = e.priority;
		be->offset = e.offset;
		be->size = e.size;
		memcpy(be->digest, e.sha256, SHA256_DIGEST_SIZE);
		off += off & 1;		/* ar pads members to an even offset */
		snprintf(member, sizeof(member), "%s.o/", be->name);
		if (ar_member(img, size, off, member, &msize, msg, msglen))
			return -1;
		if (be->offset != off + PVLINK_IMAGE_AR_HDR_SIZE || be->size != msize)
			FAIL("backend %s: the index says offset %llu size %llu, the archive "
			     "%llu and %llu", be->name, (unsigned long long)be->offset,
			     (unsigned long long)be->size,
			     (unsigned long long)(off + PVLINK_IMAGE_AR_HDR_SIZE),
			     (unsigned long long)msize);
		be->data = img + be->offset;
		sha256(be->data, be->size, digest);
		if (memcmp(digest, be->digest, SHA256_DIGEST_SIZE))
			FAIL("backend %s: SHA-256 of the object does not match the index: "
			     "the image is corrupt or was modified", be->name);
		off = be->offset + be->size;
	}
	off += off & 1;
	if (off != size)
		FAIL("%llu bytes follow the last member", (unsigned long long)(size - off));
	*nr = n;
	return 0;
}

int pvlink_backend_bound(const struct pvlink_image_backend *b, const u8 *digests,
			 u32 nr_digests, char *msg, size_t msglen)
{
	const u8 *d = b->digest;

	for (u32 i = 0; i < nr_digests; i++)
		if (!memcmp(digests + (u64)i * SHA256_DIGEST_SIZE, d, SHA256_DIGEST_SIZE))
			return 0;
	FAIL("backend %s is not bound to this kernel: its SHA-256 %02x%02x%02x%02x%02x%02x%02x%02x... is not among the %u digests this kernel was built with (use the pvlink.img built with this vmlinux)",
	     b->name, d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], nr_digests);
}
