// SPDX-License-Identifier: GPL-2.0
/*
 * The native pv-ops as a pvlink backend: the kernel's built-in fallback
 * (arch/x86/kernel/pvops_native.c) compiled a second time, each op
 * exported under its pv-op name so the kernel's call sites bind to it.
 *
 * The implementations are static and called once, so the compiler
 * inlines each into its pv_<op> definition: no extra call.
 */
#define PVOPS_NATIVE_BACKEND
#include "../../kernel/pvops_native.c"

/* One global definition per pv-op: a missing native_<op> fails the build. */
#define NATIVE_PV_OP(type, name, params, args)				\
	type pv_##name params						\
	{								\
		return native_##name args;				\
	}
#define NATIVE_PV_VOP(name, params, args)				\
	void pv_##name params						\
	{								\
		native_##name args;					\
	}
#define NATIVE_PV_NOP(name, params, args)				\
	void pv_##name params						\
	{								\
		native_##name args;					\
		__builtin_unreachable();				\
	}
PV_OPS(NATIVE_PV_OP, NATIVE_PV_VOP, NATIVE_PV_NOP)
