// SPDX-License-Identifier: GPL-2.0
/* A backend whose percpu data (8 KiB) exceeds the kernel's reserve (4 KiB). */
#include <linux/pvlink_backend.h>

void pv_io_delay(void);

PVLINK_BACKEND(bigpercpu, .entry = PVLINK_ENTRY_NATIVE, .priority = -10,
	       .requires = "native");

__attribute__((section(".data..percpu"))) unsigned char bigpercpu_buf[8192];

void pv_io_delay(void)
{
	asm volatile("incb %%gs:%c0" : : "i"(&bigpercpu_buf[0]) : "memory");
}
