// SPDX-License-Identifier: GPL-2.0
/*
 * The test backend's reading of the kernel command line (its init and
 * its probe obey flags there): no kernel export needed.
 */
#include <linux/types.h>

#include "test.h"

/* Is @word one of the blank-separated words of @s? */
bool test_has_word(const char *s, const char *word)
{
	while (*s) {
		const char *w = word;

		while (*s == ' ')
			s++;
		while (*w && *s == *w) {
			s++;
			w++;
		}
		if (!*w && (!*s || *s == ' '))
			return true;
		while (*s && *s != ' ')
			s++;
	}
	return false;
}
