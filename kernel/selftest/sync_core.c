// SPDX-License-Identifier: GPL-2.0
/*
 * sync_core() (arch/x86/kernel/sync_core.S), which serialises the CPU
 * after the pv-op patcher wrote code: the kernel's own cpuid, at
 * whatever privilege level the kernel runs (ring 3 under Xen PV, where
 * Xen may intercept it).
 * It must come back to its caller with the stack pointer, the
 * callee-saved registers (cpuid writes %rbx) and the system flags as they
 * were; DF is set across the call.
 */
#include <linux/kernel.h>
#include <linux/selftest.h>
#include <asm/sync_core.h>

/* TF, IF, DF, IOPL, NT, AC */
#define SYSTEM_FLAGS	0x47700UL

static void sync_core_suite(void)
{
	unsigned long sp0, sp1, fl0, fl1, rbx = 0x5ca1ab1e5ca1ab1eUL;

	asm volatile("mov %%rsp, %[sp0]\n\t"
		     "std\n\t"
		     "pushfq\n\t"
		     "pop %[fl0]\n\t"
		     "call sync_core\n\t"
		     "pushfq\n\t"
		     "pop %[fl1]\n\t"
		     "cld\n\t"
		     "mov %%rsp, %[sp1]"
		     : [sp0] "=&r" (sp0), [sp1] "=&r" (sp1), [fl0] "=&r" (fl0),
		       [fl1] "=&r" (fl1), "+b" (rbx)
		     :
		     : "rax", "rcx", "rdx", "memory", "cc");
	report(sp0 == sp1, "the stack pointer is kept (%#lx, then %#lx)", sp0, sp1);
	report((fl0 & SYSTEM_FLAGS) == (fl1 & SYSTEM_FLAGS),
	       "the system flags are kept (%#lx, then %#lx)", fl0 & SYSTEM_FLAGS,
	       fl1 & SYSTEM_FLAGS);
	report(rbx == 0x5ca1ab1e5ca1ab1eUL, "a callee-saved register is kept (%#lx)", rbx);
}
SELFTEST_SUITE(sync_core, "sync_core", sync_core_suite, 0);
