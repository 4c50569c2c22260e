// SPDX-License-Identifier: GPL-2.0
/*
 * lib/sha256.c on the host, against FIPS 180-2's examples and against
 * sha256sum:
 *
 *	sha256_test [-t TEST] SUMS CHUNK...
 *	sha256_test --list
 *
 * SUMS is what "sha256sum FILE..." printed.  For each CHUNK, every file
 * it names is hashed in pieces of CHUNK bytes (so the block-buffering
 * paths of sha256_update() are exercised too) and must give the digest
 * sha256sum gave: one result per CHUNK (test "sha256sum"; test "fips" is
 * FIPS 180-2's examples).
 *
 * Prints TAP (lib/tap.h), the plan first; exit status 0, 1 if a result
 * failed, 2 if the arguments or a file cannot be read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/sha256.h>
#include "tap.h"

#define KAT_RESULTS	4
#define MAX_FILES	1024

static unsigned char buf[1 << 20];

static void hex(char *out, const u8 *d)
{
	for (int i = 0; i < SHA256_DIGEST_SIZE; i++)
		sprintf(out + 2 * i, "%02x", d[i]);
}

/* One known answer: @n bytes of @s, @repeat times, in one piece each. */
static void kat(const char *what, const char *s, size_t repeat, const char *want)
{
	struct sha256_state st;
	char got[2 * SHA256_DIGEST_SIZE + 1];
	u8 d[SHA256_DIGEST_SIZE];

	sha256_init(&st);
	while (repeat--)
		sha256_update(&st, (const u8 *)s, strlen(s));
	sha256_final(&st, d);
	hex(got, d);
	if (!tap_check(!strcmp(got, want), "FIPS 180-2: %s", what))
		tap_diag("got %s, want %s", got, want);
}

/* The digest of @path, fed to sha256_update() @chunk bytes at a time. */
static void hash_file(const char *path, size_t chunk, char *out)
{
	struct sha256_state st;
	u8 d[SHA256_DIGEST_SIZE];
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f)
		tap_bail("cannot read %s", path);
	sha256_init(&st);
	while ((n = fread(buf, 1, chunk, f)) > 0)
		sha256_update(&st, buf, n);
	if (ferror(f))
		tap_bail("cannot read %s", path);
	fclose(f);
	sha256_final(&st, d);
	hex(out, d);
}

static void test_fips(void)
{
	kat("\"\"", "", 1, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	kat("\"abc\"", "abc", 1, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	kat("the 448-bit message", "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 1,
	    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	kat("a million \"a\"", "a", 1000000,
	    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

/* The files of SUMS and their digests, and the CHUNKs: main() fills them. */
static char want[MAX_FILES][2 * SHA256_DIGEST_SIZE + 1];
static char *name[MAX_FILES];
static unsigned int nfiles;
static char **chunks;
static unsigned int nchunks;

static void test_sha256sum(void)
{
	for (unsigned int i = 0; i < nchunks; i++) {
		size_t chunk = strtoul(chunks[i], NULL, 0);
		char got[2 * SHA256_DIGEST_SIZE + 1];
		unsigned int f, wrong = 0;

		for (f = 0; f < nfiles; f++) {
			hash_file(name[f], chunk, got);
			if (strcmp(got, want[f])) {
				tap_diag("%s in pieces of %zu: got %s, sha256sum %s", name[f], chunk,
					 got, want[f]);
				wrong++;
			}
		}
		tap_check(!wrong, "lib/sha256.c equals sha256sum on %u files, fed in pieces of %zu bytes",
			  nfiles, chunk);
	}
}

/* Every test, by the name -t takes; sha256sum's count is the CHUNKs'. */
static struct tap_test tests[] = {
	{ "fips",	test_fips,	KAT_RESULTS },
	{ "sha256sum",	test_sha256sum,	0 },
};
#define NR_TESTS	(sizeof(tests) / sizeof(tests[0]))

int main(int argc, char **argv)
{
	struct tap_args a;
	char line[4096];
	FILE *sums;
	int i, rc = tap_parse_args(argc, argv, tests, NR_TESTS, 2, -1, "SUMS CHUNK...", &a);

	if (rc >= 0)
		return rc;
	chunks = a.argv + 1;
	nchunks = a.argc - 1;
	for (i = 0; i < (int)nchunks; i++) {
		unsigned long chunk = strtoul(chunks[i], NULL, 0);

		if (!chunk || chunk > sizeof(buf)) {
			fprintf(stderr, "sha256_test: chunk %s is not 1..%zu\n", chunks[i],
				sizeof(buf));
			return TAP_EXIT_ERROR;
		}
	}
	tests[1].results = nchunks;
	/* "HEX  FILE" (or "HEX *FILE") lines, as sha256sum prints them. */
	sums = fopen(a.argv[0], "r");
	if (!sums) {
		fprintf(stderr, "sha256_test: cannot read %s\n", a.argv[0]);
		return TAP_EXIT_ERROR;
	}
	while (fgets(line, sizeof(line), sums)) {
		size_t len = strcspn(line, "\n");

		line[len] = '\0';
		if (len < 2 * SHA256_DIGEST_SIZE + 3 || nfiles == MAX_FILES ||
		    strspn(line, "0123456789abcdef") != 2 * SHA256_DIGEST_SIZE ||
		    line[2 * SHA256_DIGEST_SIZE] != ' ') {
			fprintf(stderr, "sha256_test: %s: not a sha256sum line: %s\n", a.argv[0],
				line);
			return TAP_EXIT_ERROR;
		}
		memcpy(want[nfiles], line, 2 * SHA256_DIGEST_SIZE);
		name[nfiles++] = strdup(line + 2 * SHA256_DIGEST_SIZE + 2);
	}
	fclose(sums);
	if (!nfiles) {
		fprintf(stderr, "sha256_test: %s names no file\n", a.argv[0]);
		return TAP_EXIT_ERROR;
	}

	rc = tap_run_tests(tests, NR_TESTS, &a, "sha256");
	for (unsigned int f = 0; f < nfiles; f++)
		free(name[f]);
	return rc;
}
