// SPDX-License-Identifier: GPL-2.0
/*
 * pvimage: the image file, an "ar" archive (Documentation/pvlink.rst ("The image format and the kernel tables")):
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
#include <linux/pvlink.h>
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

/*
 * The checks themselves are lib/pvlink/image.c, shared with the kernel so
 * that both accept the same images.  pvimage also checks that the index
 * repeats each object's PVLINK_BACKEND note exactly.
 */
int pvimage_image_read(struct pvimage_image *img, const u8 *data, size_t size,
		       char *why, size_t whylen)
{
	static struct pvlink_image_backend ib[PVIMAGE_MAX_BACKENDS];
	unsigned int n, i;

	memset(img, 0, sizeof(*img));
	if (pvlink_image_read(data, size, ib, PVIMAGE_MAX_BACKENDS, &n, why, whylen))
		return -1;
	for (i = 0; i < n; i++) {
		struct pvimage_backend *b = &img->b[i], nb;
		char member[PVLINK_NAME_MAX + 8];

		memcpy(b->name, ib[i].name, sizeof(ib[i].name));
		memcpy(b->requires, ib[i].requires, sizeof(ib[i].requires));
		memcpy(b->cpuid, ib[i].cpuid, PVLINK_CPUID_SIG_LEN);
		b->entry = ib[i].entry;
		b->priority = ib[i].priority;
		b->data = ib[i].data;
		b->offset = ib[i].offset;
		b->size = ib[i].size;
		memcpy(b->digest, ib[i].digest, SHA256_DIGEST_SIZE);
		snprintf(member, sizeof(member), "%s.o", b->name);
		pvimage_backend_from_object(&nb, member, b->data, b->size);
		if (strcmp(nb.name, b->name) || strcmp(nb.requires, b->requires) ||
		    strcmp(nb.cpuid, b->cpuid) || nb.entry != b->entry ||
		    nb.priority != b->priority) {
			snprintf(why, whylen, "backend %s: the index entry differs from the "
				 "object's PVLINK_BACKEND note", b->name);
			return -1;
		}
	}
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

#define FAIL(...)	do { snprintf(why, whylen, __VA_ARGS__); return -1; } while (0)

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
