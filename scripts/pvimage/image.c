// SPDX-License-Identifier: GPL-2.0
/*
 * pvimage: the image file, an "ar" archive (Documentation/image-format.rst):
 *
 *	"!<arch>\n"
 *	member "pvlink.idx"	the index: header + one entry per backend
 *	member "<name>.o"	each backend object, in index order
 *
 * Every ar header has date 0, uid 0, gid 0 and mode 644, and the
 * backends are sorted by name: the same objects give the same bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pvimage.h"

/* Index entry field offsets (the documented byte layout). */
#define ENT_NAME	0
#define ENT_REQUIRES	32
#define ENT_CPUID	64
#define ENT_ENTRY	76
#define ENT_PRIORITY	80
#define ENT_OFFSET	88
#define ENT_SIZE	96
#define ENT_SHA256	104

static int cmp_backend(const void *a, const void *b)
{
	return strcmp(((const struct pvimage_backend *)a)->name,
		      ((const struct pvimage_backend *)b)->name);
}

static void ar_header(u8 *p, const char *name, u64 size)
{
	char h[PVIMAGE_AR_HDR_SIZE + 64];

	/* name/ date uid gid mode(octal) size(decimal) "`\n" */
	snprintf(h, sizeof(h), "%-16s%-12s%-6s%-6s%-8s%-10llu`\n", name, "0", "0", "0",
		 "644", (unsigned long long)size);
	memcpy(p, h, PVIMAGE_AR_HDR_SIZE);
}

void pvimage_image_write(const struct pvimage_image *img, struct pvimage_buf *out)
{
	struct pvimage_backend *b = pvimage_alloc(img->nr * sizeof(*b));
	u64 idx_size = PVIMAGE_IDX_HDR_SIZE + (u64)img->nr * PVIMAGE_IDX_ENT_SIZE;
	u64 total = 8 + PVIMAGE_AR_HDR_SIZE + idx_size, off;
	u8 *p, *idx;
	unsigned int i;
	char name[PVLINK_NAME_MAX + 8];

	memcpy(b, img->b, img->nr * sizeof(*b));
	qsort(b, img->nr, sizeof(*b), cmp_backend);
	for (i = 0; i < img->nr; i++)
		total += (total & 1) + PVIMAGE_AR_HDR_SIZE + b[i].size;
	total += total & 1;
	p = pvimage_alloc(total);
	memcpy(p, PVIMAGE_AR_MAGIC, 8);
	ar_header(p + 8, PVIMAGE_IDX_MEMBER "/", idx_size);
	idx = p + 8 + PVIMAGE_AR_HDR_SIZE;
	memcpy(idx, PVIMAGE_IDX_MAGIC, 8);
	put_le32(idx + 8, PVIMAGE_IDX_VERSION);
	put_le32(idx + 12, img->nr);
	put_le32(idx + 16, PVIMAGE_IDX_HDR_SIZE);
	put_le32(idx + 20, PVIMAGE_IDX_ENT_SIZE);
	off = 8 + PVIMAGE_AR_HDR_SIZE + idx_size;
	for (i = 0; i < img->nr; i++) {
		u8 *e = idx + PVIMAGE_IDX_HDR_SIZE + (u64)i * PVIMAGE_IDX_ENT_SIZE;

		if (off & 1)
			p[off++] = '\n';	/* ar pads members to even offsets */
		snprintf(name, sizeof(name), "%s.o/", b[i].name);
		ar_header(p + off, name, b[i].size);
		off += PVIMAGE_AR_HDR_SIZE;
		memcpy(p + off, b[i].data, b[i].size);
		memcpy(e + ENT_NAME, b[i].name, strlen(b[i].name));
		memcpy(e + ENT_REQUIRES, b[i].requires, strlen(b[i].requires));
		memcpy(e + ENT_CPUID, b[i].cpuid, strlen(b[i].cpuid));
		put_le16(e + ENT_ENTRY, b[i].entry);
		put_le32(e + ENT_PRIORITY, (u32)b[i].priority);
		put_le64(e + ENT_OFFSET, off);
		put_le64(e + ENT_SIZE, b[i].size);
		memcpy(e + ENT_SHA256, b[i].digest, SHA256_DIGEST_SIZE);
		off += b[i].size;
	}
	if (off & 1)
		p[off++] = '\n';
	out->data = p;
	out->size = off;
	free(b);
}

#define FAIL(...)	do { snprintf(why, whylen, __VA_ARGS__); return -1; } while (0)

/* An ar header at @off naming @want ("x/"), with a decimal size; returns it. */
static int ar_member(const u8 *data, size_t size, u64 off, const char *want, u64 *msize,
		     char *why, size_t whylen)
{
	char field[11];
	u64 v;
	size_t n = strlen(want);

	if (off > size || size - off < PVIMAGE_AR_HDR_SIZE)
		FAIL("ar header of member %s at offset %llu: file truncated", want,
		     (unsigned long long)off);
	if (memcmp(data + off, want, n) || (n < 16 && data[off + n] != ' ') ||
	    memcmp(data + off + 58, "`\n", 2))
		FAIL("ar header at offset %llu: expected member \"%.*s\"", (unsigned long long)off,
		     (int)n - 1, want);
	/* ar_size: decimal digits, space-padded on the right. */
	memcpy(field, data + off + 48, 10);
	field[10] = 0;
	v = 0;
	for (int i = 0; i < 10 && field[i] != ' '; i++) {
		if (field[i] < '0' || field[i] > '9' || (i && field[i - 1] == ' '))
			FAIL("ar header of %s: bad size field \"%s\"", want, field);
		v = v * 10 + (field[i] - '0');
	}
	if (field[0] == ' ')
		FAIL("ar header of %s: empty size field", want);
	if (v > size - off - PVIMAGE_AR_HDR_SIZE)
		FAIL("member %s: size %llu runs past the end of the image", want,
		     (unsigned long long)v);
	*msize = v;
	return 0;
}

int pvimage_image_read(struct pvimage_image *img, const u8 *data, size_t size,
		       char *why, size_t whylen)
{
	u64 isize, off, n, i;
	const u8 *idx;

	memset(img, 0, sizeof(*img));
	if (size < 8 || memcmp(data, PVIMAGE_AR_MAGIC, 8))
		FAIL("not a pvlink image (no \"!<arch>\" magic)");
	if (ar_member(data, size, 8, PVIMAGE_IDX_MEMBER "/", &isize, why, whylen))
		return -1;
	idx = data + 8 + PVIMAGE_AR_HDR_SIZE;
	if (isize < PVIMAGE_IDX_HDR_SIZE || memcmp(idx, PVIMAGE_IDX_MAGIC, 8))
		FAIL("index: bad magic (expected \"%s\")", PVIMAGE_IDX_MAGIC);
	if (get_le32(idx + 8) != PVIMAGE_IDX_VERSION)
		FAIL("index: version %u, this pvimage reads version %u", get_le32(idx + 8),
		     PVIMAGE_IDX_VERSION);
	n = get_le32(idx + 12);
	if (get_le32(idx + 16) != PVIMAGE_IDX_HDR_SIZE ||
	    get_le32(idx + 20) != PVIMAGE_IDX_ENT_SIZE)
		FAIL("index: header/entry size %u/%u, expected %u/%u", get_le32(idx + 16),
		     get_le32(idx + 20), PVIMAGE_IDX_HDR_SIZE, PVIMAGE_IDX_ENT_SIZE);
	for (i = 24; i < PVIMAGE_IDX_HDR_SIZE; i++)
		if (idx[i])
			FAIL("index: reserved header byte %llu is not zero", (unsigned long long)i);
	if (!n || n > PVIMAGE_MAX_BACKENDS)
		FAIL("index: %llu backends (1 to %u allowed)", (unsigned long long)n,
		     PVIMAGE_MAX_BACKENDS);
	if (isize != PVIMAGE_IDX_HDR_SIZE + n * PVIMAGE_IDX_ENT_SIZE)
		FAIL("index: member size %llu does not match %llu entries",
		     (unsigned long long)isize, (unsigned long long)n);
	off = 8 + PVIMAGE_AR_HDR_SIZE + isize;
	for (i = 0; i < n; i++) {
		const u8 *e = idx + PVIMAGE_IDX_HDR_SIZE + i * PVIMAGE_IDX_ENT_SIZE;
		struct pvimage_backend *b = &img->b[i], nb;
		char member[PVLINK_NAME_MAX + 8];
		u8 digest[SHA256_DIGEST_SIZE];
		u64 msize;

		if (!memchr(e + ENT_NAME, 0, 32) || !memchr(e + ENT_REQUIRES, 0, 32) ||
		    get_le16(e + 78) || get_le32(e + 84))
			FAIL("index entry %llu: name/requires not NUL-terminated or reserved "
			     "bytes set", (unsigned long long)i);
		memcpy(b->name, e + ENT_NAME, 32);
		memcpy(b->requires, e + ENT_REQUIRES, 32);
		memcpy(b->cpuid, e + ENT_CPUID, PVLINK_CPUID_SIG_LEN);
		if (strlen(b->name) > PVIMAGE_MEMBER_NAME_MAX || !b->name[0])
			FAIL("index entry %llu: bad backend name", (unsigned long long)i);
		if (i && strcmp(img->b[i - 1].name, b->name) >= 0)
			FAIL("index entry %llu (%s): names not sorted or repeated",
			     (unsigned long long)i, b->name);
		b->entry = get_le16(e + ENT_ENTRY);
		b->priority = (s32)get_le32(e + ENT_PRIORITY);
		b->offset = get_le64(e + ENT_OFFSET);
		b->size = get_le64(e + ENT_SIZE);
		memcpy(b->digest, e + ENT_SHA256, SHA256_DIGEST_SIZE);
		off += off & 1;
		snprintf(member, sizeof(member), "%s.o/", b->name);
		if (ar_member(data, size, off, member, &msize, why, whylen))
			return -1;
		if (b->offset != off + PVIMAGE_AR_HDR_SIZE || b->size != msize)
			FAIL("backend %s: index says offset %llu size %llu, the archive %llu/%llu",
			     b->name, (unsigned long long)b->offset, (unsigned long long)b->size,
			     (unsigned long long)(off + PVIMAGE_AR_HDR_SIZE),
			     (unsigned long long)msize);
		b->data = data + b->offset;
		sha256(b->data, b->size, digest);
		if (memcmp(digest, b->digest, SHA256_DIGEST_SIZE))
			FAIL("backend %s: SHA-256 of the object does not match the index: "
			     "the image is corrupt or was modified", b->name);
		/* The index repeats the object's note: they must agree. */
		pvimage_backend_from_object(&nb, member, b->data, b->size);
		if (strcmp(nb.name, b->name) || strcmp(nb.requires, b->requires) ||
		    strcmp(nb.cpuid, b->cpuid) || nb.entry != b->entry ||
		    nb.priority != b->priority)
			FAIL("backend %s: index entry differs from the object's PVLINK_BACKEND note",
			     b->name);
		off = b->offset + b->size;
	}
	off += off & 1;
	if (off != size)
		FAIL("%llu bytes after the last member", (unsigned long long)(size - off));
	img->nr = n;
	return 0;
}

const struct pvimage_backend *pvimage_image_find(const struct pvimage_image *img,
						 const char *name)
{
	for (unsigned int i = 0; i < img->nr; i++)
		if (!strcmp(img->b[i].name, name))
			return &img->b[i];
	return NULL;
}

int pvimage_stack(const struct pvimage_image *img, const struct pvimage_backend *top,
		  const struct pvimage_backend **stack, unsigned int *nr,
		  char *why, size_t whylen)
{
	const struct pvimage_backend *chain[PVLINK_MAX_OBJECTS];
	unsigned int n = 0;

	for (const struct pvimage_backend *b = top; b; ) {
		if (n == PVLINK_MAX_OBJECTS)
			FAIL("backend %s: requires chain longer than %u (a cycle?)", top->name,
			     PVLINK_MAX_OBJECTS);
		chain[n++] = b;
		if (!b->requires[0])
			break;
		b = pvimage_image_find(img, b->requires);
		if (!b)
			FAIL("backend %s requires %s, which is not in the image",
			     chain[n - 1]->name, chain[n - 1]->requires);
	}
	for (unsigned int i = 0; i < n; i++)
		stack[i] = chain[n - 1 - i];
	*nr = n;
	return 0;
}
