/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel command line: space-separated "param=value" and "flag"
 * words.  A value may be quoted ("param=\"a b\"").  The last occurrence
 * of a parameter wins.
 */
#ifndef _LINUX_CMDLINE_H
#define _LINUX_CMDLINE_H

#include <linux/types.h>

/* Parse @cmdline (copied: the caller's buffer may go away). */
void cmdline_init(const char *cmdline);

/**
 * cmdline_get() - value of a command-line parameter
 * @name: parameter name, without "="
 *
 * Return: the value ("" for a flag given without "="), or NULL if
 * @name is not on the command line.
 */
const char *cmdline_get(const char *name);

/* Is @name on the command line (with or without a value)? */
bool cmdline_has(const char *name);

/* The whole command line as given. */
const char *cmdline_raw(void);

#endif /* _LINUX_CMDLINE_H */
