// SPDX-License-Identifier: GPL-2.0
/* A backend that uses a kernel symbol the kernel does not export (panic). */
#include <linux/pvlink_backend.h>

void panic(const char *fmt, ...) __attribute__((noreturn));
void pv_io_delay(void);

PVLINK_BACKEND(badexport, .entry = PVLINK_ENTRY_NATIVE, .priority = -10,
	       .requires = "native");

void pv_io_delay(void)
{
	panic("io_delay");
}
