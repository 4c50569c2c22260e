/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Included in front of every kernel source file by the build: the
 * configuration and the IS_ENABLED() test that lets both branches of an
 * option compile.
 */
#ifndef _LINUX_KCONFIG_H
#define _LINUX_KCONFIG_H

#include <generated/autoconf.h>

/*
 * IS_ENABLED(CONFIG_FOO) is 1 if CONFIG_FOO is defined to 1, else 0,
 * usable in C expressions and in #if.  The trick: a defined option turns
 * the placeholder into "0," which shifts 1 into the second argument.
 */
#define __ARG_PLACEHOLDER_1 0,
#define __take_second_arg(__ignored, val, ...) val
#define __is_defined(x)			___is_defined(x)
#define ___is_defined(val)		____is_defined(__ARG_PLACEHOLDER_##val)
#define ____is_defined(arg1_or_junk)	__take_second_arg(arg1_or_junk 1, 0)
#define IS_ENABLED(option)		__is_defined(option)

#endif /* _LINUX_KCONFIG_H */
