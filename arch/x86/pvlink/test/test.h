/* SPDX-License-Identifier: GPL-2.0 */
/* Shared by the files of the test backend (not an API). */
#ifndef _TEST_BACKEND_H
#define _TEST_BACKEND_H

#include <linux/types.h>

/* Is @word one of the blank-separated words of @s (the command line)? */
bool test_has_word(const char *s, const char *word);

#endif /* _TEST_BACKEND_H */
