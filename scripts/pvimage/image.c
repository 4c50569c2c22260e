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

static int cmp_backend(const void *a, const void *b)
{
	return strcmp(((const struct pvimage_backend *)a)->name,
		      ((const struct pvimage_backend *)b)->name);
}

static void ar_header(u8 *p, const char *name, u64 size)
{
	char h[PVLINK_IMAGE_AR_HDR_SIZE + 64];

	/* name/ date uid gid mode(octal) size(decimal) "`\n" */
	snprintf(h, sizeof(h), "%-16s%-12s%-6s%-6s%-8s%-10llu`\n", name, "0", "0", "0",
		 "644", (unsigned long long)size);
	memcpy(p, h, PVLINK_IMAGE_AR_HDR_SIZE);
}

void pvimage_image_write(const struct pvimage_image *img, struct pvimage_buf *out)
{
	struct pvimage_backend *b = pvimage_alloc(img->nr * sizeof(*b));
	struct pvlink_image_index h = {
		.magic = PVLINK_IMAGE_IDX_MAGIC,
		.version = PVLINK_IMAGE_IDX_VERSION,
		.nr = img->nr,
		.hdr_size = sizeof(struct pvlink_image_index),
		.ent_size = sizeof(struct pvlink_image_entry),
	};
	u64 idx_size = sizeof(h) + (u64)img->nr * sizeof(struct pvlink_image_entry);
	u64 total = 8 + PVLINK_IMAGE_AR_HDR_SIZE + idx_size, off;
	u8 *p, *idx;
	unsigned int i;
	char name[PVLINK_NAME_MAX + 8];

	memcpy(b, img->b, img->nr * sizeof(*b));
	qsort(b, img->nr, sizeof(*b), cmp_backend);
	for (i = 0; i < img->nr; i++)
		total += (total & 1) + PVLINK_IMAGE_AR_HDR_SIZE + b[i].size;
	total += total & 1;
	p = pvimage_alloc(total);
	memcpy(p, PVLINK_IMAGE_AR_MAGIC, 8);
	ar_header(p + 8, PVLINK_IMAGE_IDX_MEMBER "/", idx_size);
	idx = p + 8 + PVLINK_IMAGE_AR_HDR_SIZE;
	memcpy(idx, &h, sizeof(h));
	off = 8 + PVLINK_IMAGE_AR_HDR_SIZE + idx_size;
	for (i = 0; i < img->nr; i++) {
		struct pvlink_image_entry e = {
			.entry = b[i].entry,
			.priority = b[i].priority,
			.size = b[i].size,
		};

		if (off & 1)
			p[off++] = '\n';	/* ar pads members to even offsets */
		snprintf(name, sizeof(name), "%s.o/", b[i].name);
		ar_header(p + off, name, b[i].size);
		off += PVLINK_IMAGE_AR_HDR_SIZE;
		memcpy(p + off, b[i].data, b[i].size);
		/* The note reader checked each fits, with room for its NUL. */
		memcpy(e.name, b[i].name, strlen(b[i].name));
		memcpy(e.requires, b[i].requires, strlen(b[i].requires));
		memcpy(e.cpuid, b[i].cpuid, strlen(b[i].cpuid));
		e.offset = off;
		memcpy(e.sha256, b[i].digest, SHA256_DIGEST_SIZE);
		memcpy(idx + sizeof(h) + (u64)i * sizeof(e), &e, sizeof(e));
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
	static struct pvlink_image_backend ib[PVLINK_IMAGE_MAX_BACKENDS];
	unsigned int n, i;

	memset(img, 0, sizeof(*img));
	if (pvlink_image_read(data, size, ib, PVLINK_IMAGE_MAX_BACKENDS, &n, why, whylen))
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

/*
 * The stack under @top, bottom first, chosen by the kernel's own code
 * (lib/pvlink/select.c) as "pvlink=<top>" would choose it, for the entry
 * modes @top declares: so every backend of the chain must share one.
 */
int pvimage_stack(const struct pvimage_image *img, const struct pvimage_backend *top,
		  const struct pvimage_backend **stack, unsigned int *nr,
		  char *why, size_t whylen)
{
	static struct pvlink_image_backend ib[PVLINK_IMAGE_MAX_BACKENDS];
	struct pvlink_platform p = { .entry = top->entry };
	unsigned int idx[PVLINK_MAX_OBJECTS], i;

	for (i = 0; i < img->nr; i++) {
		memset(&ib[i], 0, sizeof(ib[i]));
		memcpy(ib[i].name, img->b[i].name, sizeof(ib[i].name));
		memcpy(ib[i].requires, img->b[i].requires, sizeof(ib[i].requires));
		memcpy(ib[i].cpuid, img->b[i].cpuid, PVLINK_CPUID_SIG_LEN);
		ib[i].entry = img->b[i].entry;
		ib[i].priority = img->b[i].priority;
	}
	if (pvlink_select(ib, img->nr, &p, top->name, idx, nr, why, whylen))
		return -1;
	for (i = 0; i < *nr; i++)
		stack[i] = &img->b[idx[i]];
	return 0;
}
