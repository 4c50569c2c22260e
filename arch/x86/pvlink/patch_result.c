// SPDX-License-Identifier: GPL-2.0
/*
 * What patching did, kept for the self-tests (kernel/selftest/sites.c)
 * after the rest of the patching code, which is init-only, is freed.
 */
#include <linux/kernel.h>
#include <asm/pvlink.h>
#include <asm/pvops.h>

#define COUNT_OP(type, name, params, args)	+ 1
#define COUNT_VOP(name, params, args)		+ 1

struct pvlink_patched_op pvlink_patched_ops[0 PV_OPS(COUNT_OP, COUNT_VOP, COUNT_VOP)];

struct pvlink_patch_result pvlink_patch_result = {
	.nr_ops = ARRAY_SIZE(pvlink_patched_ops),
	.ops = pvlink_patched_ops,
};
