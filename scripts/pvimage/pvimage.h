/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pvimage: build, inspect, verify and link pvlink images on the host.
 * Usage and exit codes: Documentation/pvimage.rst.  The image format:
 * Documentation/pvlink.rst ("The image format and the kernel tables").
 */
#ifndef PVIMAGE_H
#define PVIMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>
#include <linux/elf.h>
#include <linux/pvlink_lib.h>
#include <linux/sha256.h>

/* Exit codes (documented in Documentation/pvimage.rst). */
#define PVIMAGE_EXIT_OK		0	/* success */
#define PVIMAGE_EXIT_FAIL	1	/* verify or link found a problem */
#define PVIMAGE_EXIT_USAGE	2	/* bad command line */
#define PVIMAGE_EXIT_IO		3	/* a file could not be read or written */
#define PVIMAGE_EXIT_FORMAT	4	/* an input is malformed */

/* ---- util.c ---- */
struct pvimage_buf {
	u8 *data;
	size_t size;
};

extern const char *pvimage_cmd;		/* "create", "verify", ... */

void pvimage_die(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));
void pvimage_read(const char *path, struct pvimage_buf *b);
void pvimage_write(const char *path, const void *data, size_t size);
bool pvimage_parse_u64(const char *s, u64 *v);
void *pvimage_alloc(size_t size);
void *pvimage_realloc(void *p, size_t size);
/* Zeroed staging memory for a region: aligned as the region's addresses are. */
void *pvimage_alloc_region(size_t size);
void pvimage_hex(char *out, const u8 *bytes, size_t n);

/* ---- backend.c: the metadata of a backend object ---- */
struct pvimage_backend {
	char name[PVLINK_NAME_MAX + 1];
	char requires[PVLINK_NAME_MAX + 1];
	char cpuid[PVLINK_CPUID_SIG_LEN + 1];
	u16 entry;
	s32 priority;
	const u8 *data;		/* the object */
	u64 size;
	u64 offset;		/* in the image, when read from one */
	u8 digest[SHA256_DIGEST_SIZE];
};

/* Checks an object, then reads its PVLINK_BACKEND note; dies naming @path. */
void pvimage_backend_from_object(struct pvimage_backend *b, const char *path,
				 const u8 *data, size_t size);
const char *pvimage_entry_str(u16 entry, char *buf, size_t len);

/* ---- image.c ---- */
/* The format is <linux/pvlink_abi.h>'s; reading it is lib/pvlink/image.c. */
#define PVIMAGE_MAX_BACKENDS	PVLINK_IMAGE_MAX_BACKENDS

struct pvimage_image {
	unsigned int nr;
	struct pvimage_backend b[PVIMAGE_MAX_BACKENDS];
};

/* Serialises @img (backends sorted by name) into malloc'd memory. */
void pvimage_image_write(const struct pvimage_image *img, struct pvimage_buf *out);
/* Parses and checks an image; on error returns -1 with a message in @why. */
int pvimage_image_read(struct pvimage_image *img, const u8 *data, size_t size,
		       char *why, size_t whylen);
const struct pvimage_backend *pvimage_image_find(const struct pvimage_image *img,
						 const char *name);
/*
 * The stack of @top, bottom first, as the kernel's selection builds it for
 * "pvlink=<top>" under the entry modes @top declares; -1 with @why if the
 * boot would refuse it.
 */
int pvimage_stack(const struct pvimage_image *img, const struct pvimage_backend *top,
		  const struct pvimage_backend **stack, unsigned int *nr,
		  char *why, size_t whylen);

/* ---- kernel.c: what a vmlinux tells pvimage ---- */
struct pvimage_kernel {
	struct pvlink_export_table table;
	struct pvlink_export *exports;
	u32 *bucket;
	u64 percpu_base;
	u64 percpu_size;
	unsigned int nr_digests;
	const u8 *digests;		/* nr_digests * 32 bytes */
	unsigned int nr_pvops;
	const char **pvops;		/* names of the pv-ops the kernel calls */
};

void pvimage_kernel_open(struct pvimage_kernel *k, const char *path);

/* ---- exports.c: nm-style lists ---- */
void pvimage_exports_build(struct pvlink_export_table *t, struct pvlink_export *e,
			   u32 *bucket, unsigned int n);
void pvimage_exports_read(struct pvlink_export_table *t, const char *path);

/* ---- link.c ---- */
/* region_addr[] entry of a region placed after the previous one. */
#define PVIMAGE_ADDR_AUTO	(~(u64)0)
/*
 * pvlink_link() on a planned @ctx whose regions have their addresses:
 * stages every region but bss (never allocated: no output holds it) and
 * returns the core's error, the message in @ctx->msg.  Whatever the
 * result, pvimage_link_release() frees the staging memory and *@work.
 */
enum pvlink_err pvimage_link_staged(struct pvlink_ctx *ctx, void **work);
void pvimage_link_release(struct pvlink_ctx *ctx, void *work);
int pvimage_link_stack(const struct pvlink_object *objs, unsigned int nr,
		       const struct pvlink_export_table *exports, u64 addr,
		       const u64 region_addr[PVLINK_NR_REGIONS],
		       u64 percpu_base, u64 percpu_size, const char *out);

/* ---- commands ---- */
int pvimage_cmd_create(int argc, char **argv);
int pvimage_cmd_list(int argc, char **argv);
int pvimage_cmd_dump(int argc, char **argv);
int pvimage_cmd_verify(int argc, char **argv);
int pvimage_cmd_link(int argc, char **argv);
int pvimage_cmd_digests(int argc, char **argv);
int pvimage_cmd_tables(int argc, char **argv);

#endif /* PVIMAGE_H */
