// SPDX-License-Identifier: GPL-2.0
/*
 * pv-op dispatch.
 *
 * Every pv_<name>() is a real global function calling through
 * pvops_table.  Until an implementation is installed each entry is a
 * "not linked" handler that panics naming the op, so a pv-op used too
 * early (for instance by a Xen PV kernel before its backend is linked)
 * is reported, not executed as a native privileged instruction.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/pvops.h>

static void __noreturn pvops_not_linked(const char *op)
{
	panic("pv-op %s called before the boot-time link installed any pv-op: "
	      "call it after pvlink_boot() (see the trace for the caller)", op);
}

#define NL_OP(type, name, params, args) \
	static type notlinked_##name params { pvops_not_linked(#name); }
#define NL_VOP(name, params, args) \
	static void notlinked_##name params { pvops_not_linked(#name); }
PV_OPS(NL_OP, NL_VOP, NL_VOP)

#define NL_INIT(type, name, params, args)	.name = notlinked_##name,
#define NL_VINIT(name, params, args)		.name = notlinked_##name,
static struct pvops pvops_table = {
	PV_OPS(NL_INIT, NL_VINIT, NL_VINIT)
};

/* A copy: the caller's string may live in init memory, freed after boot. */
static char pvops_impl[PVOPS_NAME_MAX] = "none";
static bool pvops_installed;

void pvops_install(const struct pvops *ops, const char *name)
{
	pvops_table = *ops;
	strlcpy(pvops_impl, name, sizeof(pvops_impl));
	pvops_installed = true;
}

bool pvops_available(void)
{
	return pvops_installed;
}

const char *pvops_name(void)
{
	return pvops_impl;
}

void pvops_get(struct pvops *ops)
{
	*ops = pvops_table;
}

#define DEF_OP(type, name, params, args) \
	type pv_##name params { return pvops_table.name args; }
#define DEF_VOP(name, params, args) \
	void pv_##name params { pvops_table.name args; }
/*
 * An implementation's shutdown must not return; if one does, spinning is
 * all that is left that needs no pv-op.
 */
#define DEF_NOP(name, params, args)					\
	void pv_##name params						\
	{								\
		pvops_table.name args;					\
		for (;;)						\
			barrier();					\
	}
PV_OPS(DEF_OP, DEF_VOP, DEF_NOP)
