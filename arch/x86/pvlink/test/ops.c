// SPDX-License-Identifier: GPL-2.0
/*
 * The test backend's overrides.  Every other pv-op comes from native.
 *
 *  - pv_io_delay() does no port write (as paravirtual backends do),
 *    counts its calls in a backend percpu variable and copies the
 *    kernel's percpu cpu_number into another: percpu symbols resolved in
 *    both directions, which the smp self-test checks on every CPU;
 *  - pv_cpuid() answers a private leaf with a signature, so a boot test
 *    can tell that the override, not native's cpuid, ran, and passes
 *    every other leaf to native's through PVLINK_BELOW(): an override
 *    calling the function it replaces.
 */
#include <linux/percpu.h>
#include <linux/pvlink_backend.h>
#include <asm/pvops.h>

/* A leaf in the range CPUID reserves for hypervisors, unused by them. */
#define TEST_CPUID_LEAF		0x4000ff00u
#define TEST_CPUID_EBX		0x74736574u	/* "test" */

/* Not a CPU number: a CPU that never ran pv_io_delay() keeps it. */
#define TEST_NO_CPU		0xffffffffu

DEFINE_PER_CPU(unsigned long, test_io_delays);
DEFINE_PER_CPU(unsigned int, test_seen_cpu) = TEST_NO_CPU;

/*
 * The kernel's own percpu accessors: each compiles to a %gs:var(%rip)
 * access, which the boot-time link resolves to the variable's offset in
 * the percpu area, for the backend's variables (placed in the reserve)
 * and for the kernel's exported cpu_number alike.
 */
void pv_io_delay(void)
{
	this_cpu_add(test_io_delays, 1);
	this_cpu_write(test_seen_cpu, this_cpu_read(cpu_number));
}

void pv_cpuid(u32 leaf, u32 subleaf, struct cpuid_regs *r)
{
	if (leaf == TEST_CPUID_LEAF) {
		r->eax = 0;
		r->ebx = TEST_CPUID_EBX;
		r->ecx = 0;
		r->edx = 0;
		return;
	}
	/* Every other leaf: the implementation below, native's. */
	PVLINK_BELOW(pv_cpuid)(leaf, subleaf, r);
}
