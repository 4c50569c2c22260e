// SPDX-License-Identifier: GPL-2.0
/*
 * The test backend's probe (PVLINK_BACKEND_PROBE()): the platform is its
 * own unless the command line has the word "pvlink.test_probe_refuse",
 * so that a boot test can show a stack passed over by its probe and the
 * next candidate linked instead.  It only reads the command line.
 */
#include <linux/bootinfo.h>
#include <linux/pvlink_backend.h>

#define TEST_PROBE_WORD		"pvlink.test_probe_refuse"

/* Does @line hold @word as a whole space-separated word? */
static bool has_word(const char *line, const char *word)
{
	for (const char *p = line; *p; ) {
		const char *w = word;
		const char *q = p;

		while (*w && *q == *w) {
			q++;
			w++;
		}
		if (!*w && (!*q || *q == ' '))
			return true;
		while (*p && *p != ' ')
			p++;
		while (*p == ' ')
			p++;
	}
	return false;
}

PVLINK_BACKEND_PROBE(test)
{
	if (has_word(bi->cmdline, TEST_PROBE_WORD))
		return "the command line asks it to refuse (" TEST_PROBE_WORD ")";
	return NULL;
}
