/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Function names for addresses, from the table the second link adds
 * (scripts/kallsyms.sh).
 */
#ifndef _LINUX_KALLSYMS_H
#define _LINUX_KALLSYMS_H

#include <linux/types.h>

/**
 * kallsyms_lookup() - the function containing @addr
 * @addr: a code address
 * @offset: set to @addr minus the function's start
 *
 * Return: the function's name, or NULL if @addr is not in the kernel's
 * code.
 */
const char *kallsyms_lookup(unsigned long addr, unsigned long *offset);

#endif /* _LINUX_KALLSYMS_H */
