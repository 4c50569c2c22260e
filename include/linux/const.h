/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Constants shared by C, assembly and linker scripts: _AC(1, UL) is 1UL
 * in C and plain 1 where a suffix would be a syntax error.
 */
#ifndef _LINUX_CONST_H
#define _LINUX_CONST_H

#ifdef __ASSEMBLY__
#define _AC(x, suffix)	x
#else
#define __AC(x, suffix)	x##suffix
#define _AC(x, suffix)	__AC(x, suffix)
#endif

#endif /* _LINUX_CONST_H */
