/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fixed-width types for the kernel and for code that is compiled both
 * into the kernel and into host tools (the pvlink core).  Only the
 * compiler's freestanding headers are used, so this works with
 * -ffreestanding in the kernel and with libc on the host.
 */
#ifndef _LINUX_TYPES_H
#define _LINUX_TYPES_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

typedef u64 phys_addr_t;

#endif /* _LINUX_TYPES_H */
