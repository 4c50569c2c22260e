// SPDX-License-Identifier: GPL-2.0
/*
 * The test backend's overrides.  Every other pv-op comes from native.
 *
 *  - pv_io_delay() does no port write (as paravirtual backends do) and
 *    counts its calls in a backend percpu variable;
 *  - pv_cpuid() answers a private leaf with a signature, so a boot test
 *    can tell that the override, not native's cpuid, ran.
 */
#include <linux/percpu.h>
#include <asm/pvops.h>

/* A leaf in the range CPUID reserves for hypervisors, unused by them. */
#define TEST_CPUID_LEAF		0x4000ff00u
#define TEST_CPUID_EBX		0x74736574u	/* "test" */

DEFINE_PER_CPU(unsigned long, test_io_delays);

/*
 * this_cpu_add() would emit %gs:test_io_delays(%rip), a PC-relative
 * relocation against a percpu symbol, which the linker core refuses
 * (PVLINK_E_RELA_PERCPU).  The absolute form (R_X86_64_32S, the percpu
 * offset) is what the core resolves.
 */
void pv_io_delay(void)
{
	asm volatile("addq $1, %%gs:%c0" : : "i"(&test_io_delays) : "memory");
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
	asm volatile("cpuid"
		     : "=a"(r->eax), "=b"(r->ebx), "=c"(r->ecx), "=d"(r->edx)
		     : "a"(leaf), "c"(subleaf));
}
