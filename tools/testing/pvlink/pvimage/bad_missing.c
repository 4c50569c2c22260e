// SPDX-License-Identifier: GPL-2.0
/* A backend with no "requires" that implements one pv-op of the many. */
#include <linux/pvlink_backend.h>

void pv_io_delay(void);

PVLINK_BACKEND(lonely, .entry = PVLINK_ENTRY_NATIVE, .priority = -10);

void pv_io_delay(void)
{
}
