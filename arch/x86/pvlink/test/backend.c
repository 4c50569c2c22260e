// SPDX-License-Identifier: GPL-2.0
/*
 * The test backend's declaration.  Its priority is below native's, so it
 * is never chosen by the rules alone: only "pvlink=test" selects it.
 */
#include <linux/pvlink_backend.h>

PVLINK_BACKEND(test,
	.entry = PVLINK_ENTRY_NATIVE | PVLINK_ENTRY_PVH,
	.priority = -1,
	.requires = "native");
