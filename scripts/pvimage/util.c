// SPDX-License-Identifier: GPL-2.0
/* pvimage: files, messages, numbers and little-endian fields. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pvimage.h"

const char *pvimage_cmd = NULL;

void pvimage_die(int code, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "pvimage%s%s: ", pvimage_cmd ? " " : "", pvimage_cmd ? pvimage_cmd : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(code);
}

void *pvimage_alloc(size_t size)
{
	void *p = calloc(1, size ? size : 1);

	if (!p)
		pvimage_die(PVIMAGE_EXIT_IO, "out of memory (%zu bytes)", size);
	return p;
}

/* realloc(), or die: the old block is never lost on a failure that returns. */
void *pvimage_realloc(void *p, size_t size)
{
	void *q = realloc(p, size ? size : 1);

	if (!q)
		pvimage_die(PVIMAGE_EXIT_IO, "out of memory (%zu bytes)", size);
	return q;
}

/*
 * pvlink_link() wants each region's staging memory aligned like its
 * run-time address (a backend's 32- or 4096-byte aligned data): malloc()
 * promises 16 bytes.  PVLINK_MAX_ALIGN bounds every region's alignment.
 */
void *pvimage_alloc_region(size_t size)
{
	void *p = NULL;

	if (posix_memalign(&p, PVLINK_MAX_ALIGN, size ? size : 1))
		pvimage_die(PVIMAGE_EXIT_IO, "out of memory (%zu bytes)", size);
	memset(p, 0, size ? size : 1);
	return p;
}

void pvimage_read(const char *path, struct pvimage_buf *b)
{
	FILE *f = fopen(path, "rb");
	long n;

	if (!f)
		pvimage_die(PVIMAGE_EXIT_IO, "%s: cannot open: %s", path, strerror(errno));
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET))
		pvimage_die(PVIMAGE_EXIT_IO, "%s: cannot size: %s", path, strerror(errno));
	b->size = n;
	b->data = pvimage_alloc(b->size);
	if (b->size && fread(b->data, 1, b->size, f) != b->size)
		pvimage_die(PVIMAGE_EXIT_IO, "%s: short read", path);
	fclose(f);
}

/* Written to a temporary name and renamed: a failed run leaves no half file. */
void pvimage_write(const char *path, const void *data, size_t size)
{
	size_t len = strlen(path) + 8;
	char *tmp = pvimage_alloc(len);
	FILE *f;

	snprintf(tmp, len, "%s.tmp", path);
	f = fopen(tmp, "wb");
	if (!f)
		pvimage_die(PVIMAGE_EXIT_IO, "%s: cannot create: %s", tmp, strerror(errno));
	if ((size && fwrite(data, 1, size, f) != size) || fclose(f)) {
		remove(tmp);
		pvimage_die(PVIMAGE_EXIT_IO, "%s: write failed: %s", tmp, strerror(errno));
	}
	if (rename(tmp, path)) {
		remove(tmp);
		pvimage_die(PVIMAGE_EXIT_IO, "%s: cannot rename to %s: %s", tmp, path,
			    strerror(errno));
	}
	free(tmp);
}

/* Decimal, or hexadecimal with 0x; the whole string must be a number. */
bool pvimage_parse_u64(const char *s, u64 *v)
{
	char *end;

	if (!s || !*s || *s == '-')
		return false;
	errno = 0;
	*v = strtoull(s, &end, 0);
	return !errno && !*end;
}


void pvimage_hex(char *out, const u8 *bytes, size_t n)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[bytes[i] >> 4];
		out[2 * i + 1] = digits[bytes[i] & 15];
	}
	out[2 * n] = 0;
}
