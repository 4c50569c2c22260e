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
 * program's own file prints them).
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

/*
 * A program's tests, by the name -t takes, with the number of results
 * each prints: the plan is their sum, so a check lost or added without
 * its count makes tap_finish() fail the run.
 */
struct tl_test {
	const char *name;
	void (*run)(void);
	unsigned int results;
};

/* What "[-t NAME] TAG DIR" selected. */
struct tl_args {
	const char *only;	/* -t NAME, or NULL for every test */
	const char *tag;	/* starts every result's name */
	const char *dir;	/* the test backends' .o files */
	unsigned int plan;	/* results of the tests selected */
};

/*
 * Read "[-t NAME] TAG DIR" or "--list".  Returns -1 to go on (@a filled),
 * or the status main() returns: --list printed the names, or a usage or
 * unknown-name error was reported.
 */
int tl_parse_args(int argc, char **argv, const struct tl_test *tests, unsigned int n,
		  struct tl_args *a);
/*
 * Run the selected tests, each result named "TAG: TEST: ...".  Inline: the
 * TAP state it names the results in is the calling program's (lib/tap.h).
 */
static inline void tl_run_tests(const struct tl_test *tests, unsigned int n,
				const struct tl_args *a)
{
	static char prefix[256];

	for (unsigned int i = 0; i < n; i++) {
		if (a->only && strcmp(a->only, tests[i].name))
			continue;
		snprintf(prefix, sizeof(prefix), "%s: %s", a->tag, tests[i].name);
		tl_prefix = prefix;
		tests[i].run();
	}
}


#endif /* PVLINK_TESTLIB_H */
