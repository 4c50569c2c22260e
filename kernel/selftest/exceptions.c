// SPDX-License-Identifier: GPL-2.0
/*
 * Exceptions are delivered, identified and recovered: each test raises
 * one with an exception-table fixup (asm/traps.h) and checks what the
 * handler recorded.
 */
#include <linux/selftest.h>
#include <linux/string.h>
#include <asm/pvops.h>
#include <asm/traps.h>

/* Canonical-address violation: bit 63 set, bits 62:47 clear (SDM vol. 1, 3.3.7.1). */
#define NON_CANONICAL_ADDR	0x8000000000000000UL
/* Not mapped: above the 4 GiB identity map, PML4 slot 0x1b. */
#define UNMAPPED_ADDR		0x00000dead0000000UL

static bool trapped(unsigned long before, u64 vector, u64 rip)
{
	return last_trap.count == before + 1 && last_trap.vector == vector &&
	       last_trap.rip == rip;
}

static void test_ud(void)
{
	unsigned long before = last_trap.count;
	u64 at;

	asm volatile("leaq 1f(%%rip), %0\n"
		     "1: ud2\n"
		     "2:\n"
		     _ASM_EXTABLE(1b, 2b)
		     : "=r"(at) : : "memory");
	report(trapped(before, X86_TRAP_UD, at), "UD (invalid opcode) from ud2 is caught");
}

/*
 * The KVM of the test hosts runs every guest instruction through its
 * instruction emulator, which implements int3/int n only in real mode and
 * stops the guest with an emulation failure (BRIEF.md section 4).
 */
static bool kvm_guest(void)
{
	struct cpuid_regs r;
	char sig[13];

	/* Without pv-ops this is not the native path KVM would run. */
	if (!pvops_available())
		return false;
	pv_cpuid(0x40000000, 0, &r);
	memcpy(sig, &r.ebx, 4);
	memcpy(sig + 4, &r.ecx, 4);
	memcpy(sig + 8, &r.edx, 4);
	sig[12] = '\0';
	return !strcmp(sig, "KVMKVMKVM");
}

static void test_bp(void)
{
	unsigned long before = last_trap.count;
	u64 after;

	if (kvm_guest()) {
		report_skip("BP (breakpoint) from int3 is caught",
			    "KVM's instruction emulator cannot execute int3 in long mode");
		return;
	}

	/* A trap: the saved RIP is the instruction after int3. */
	asm volatile("leaq 1f(%%rip), %0\n"
		     "int3\n"
		     "1:\n"
		     _ASM_EXTABLE(1b, 1b)
		     : "=r"(after) : : "memory");
	report(trapped(before, X86_TRAP_BP, after), "BP (breakpoint) from int3 is caught");
}

static void test_gp(void)
{
	unsigned long before = last_trap.count;
	u64 at, val = 0;

	asm volatile("leaq 1f(%%rip), %0\n"
		     "1: movq (%2), %1\n"
		     "2:\n"
		     _ASM_EXTABLE(1b, 2b)
		     : "=&r"(at), "+r"(val)
		     : "r"(NON_CANONICAL_ADDR) : "memory");
	report(trapped(before, X86_TRAP_GP, at) && last_trap.error_code == 0,
	       "GP (general protection) from a non-canonical load is caught, error code 0");
}

static void test_de(void)
{
	unsigned long before = last_trap.count;
	u64 at;
	u32 eax = 1, edx = 0, zero = 0;

	asm volatile("leaq 1f(%%rip), %0\n"
		     "1: divl %3\n"
		     "2:\n"
		     _ASM_EXTABLE(1b, 2b)
		     : "=&r"(at), "+a"(eax), "+d"(edx)
		     : "r"(zero) : "memory");
	report(trapped(before, X86_TRAP_DE, at), "DE (divide error) from a division by zero is caught");
}

static void test_pf(void)
{
	unsigned long before = last_trap.count;
	u64 at, val = 0;

	asm volatile("leaq 1f(%%rip), %0\n"
		     "1: movq (%2), %1\n"
		     "2:\n"
		     _ASM_EXTABLE(1b, 2b)
		     : "=&r"(at), "+r"(val)
		     : "r"(UNMAPPED_ADDR) : "memory");
	if (!report(trapped(before, X86_TRAP_PF, at), "PF (page fault) from an unmapped read is caught"))
		return;
	if (pvops_available())
		report(last_trap.cr2 == UNMAPPED_ADDR, "PF reports the address in CR2");
	else
		report_skip("PF reports the address in CR2",
			    "CR2 is read through a pv-op and none is installed");
	/* Error code bits (SDM vol. 3, 4.7): P=0 (not present), W/R=0 (read), U/S=0 */
	report((last_trap.error_code & 7) == 0,
	       "PF error code says: not present, read, supervisor (%#lx)",
	       (unsigned long)last_trap.error_code);
}

static void test_after(void)
{
	unsigned long before = last_trap.count;

	test_ud();
	report(last_trap.count == before + 1, "the kernel continues after a recovered exception");
}

/*
 * With interrupts on, an exception's handler still runs with them off:
 * natively each gate is an interrupt gate; under Xen PV the trap table
 * must mask events, or an event lands on the exception's frame before
 * the handler has read what it needs (CR2 of a #PF is in vcpu_info).
 */
static void test_irqs_off(void)
{
	unsigned long flags;

	if (!pvops_available()) {
		report_skip("an exception's handler runs with interrupts off",
			    "interrupts are switched through pv-ops and none is installed");
		return;
	}
	flags = pv_irq_save();
	pv_irq_enable();
	test_ud();
	test_pf();
	pv_irq_restore(flags);
	report(!last_trap.irqs_on, "an exception taken with interrupts on runs its handler with them off");
}

static void exceptions_suite(void)
{
	test_ud();
	test_bp();
	test_gp();
	test_de();
	test_pf();
	test_after();
	test_irqs_off();
}
SELFTEST_SUITE(exceptions, "exceptions", exceptions_suite, SELFTEST_NEEDS_TRAPS);
