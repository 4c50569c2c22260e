/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the pvlink core's host tests: reading files, and
 * building a hashed export table the way the kernel build will (entries
 * grouped by bucket, sorted by name inside a bucket).
 */
#ifndef PVLINK_TESTLIB_H
#define PVLINK_TESTLIB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <linux/pvlink_lib.h>

/*
 * Results go through lib/tap.h (its state is per file: only the test
 * program's own file prints them), and so do the tests' names, -t and
 * --list (struct tap_test, tap_parse_args(), tap_run_tests()).
 */
#include "tap.h"
#define tl_check	tap_check
#define tl_diag		tap_diag
#define tl_prefix	tap_prefix

/* Whole file into malloc'd memory; exits with a message on failure. */
void *tl_read_file(const char *path, size_t *size);
int tl_write_file(const char *path, const void *data, size_t size);

struct tl_sym {
	const char *name;
	u64 value;
	u32 flags;		/* PVLINK_EXPORT_* */
};

struct tl_exports {
	struct pvlink_export_table table;
	struct pvlink_export *entries;
	u32 *bucket;
};

void tl_exports_build(struct tl_exports *t, const struct tl_sym *syms,
		      unsigned int n, unsigned int nr_buckets);
void tl_exports_free(struct tl_exports *t);

/* "name value [percpu]" lines; returns the count, fills *syms (malloc). */
unsigned int tl_read_symlist(const char *path, struct tl_sym **syms);
void tl_free_symlist(struct tl_sym *syms, unsigned int n);

/* Run plan; on success allocate staging for every region (aligned). */
enum pvlink_err tl_plan_alloc(struct pvlink_ctx *ctx, void **work);
void tl_free_regions(struct pvlink_ctx *ctx, void *work);

#endif /* PVLINK_TESTLIB_H */
