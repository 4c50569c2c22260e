// SPDX-License-Identifier: GPL-2.0
/*
 * CPU state under Xen PV: cpuid, control registers, MSRs, port I/O.
 *
 * The kernel runs in ring 3.  Privileged instructions it executes trap
 * to Xen, which emulates the few it allows a PV kernel (mov from CR0 and
 * CR4, mov to CR4, rdmsr and wrmsr of some MSRs, in and out once the
 * virtual IOPL allows them) and injects #GP for the rest.  Where Xen has
 * a hypercall for the job (fpu_taskswitch, set_segment_base) it is used
 * instead; CR2 lives in vcpu_info, where Xen writes it on a page fault.
 */
#include <linux/kernel.h>
#include <asm/msr-index.h>
#include <asm/processor-flags.h>
#include <asm/pvops.h>
#include <xen/cpuid.h>
#include <xen/hypercall.h>

#include "xen-pv.h"

bool xen_pv_percpu_ready;

#define X86_CR0_TS		0x00000008	/* task switched (SDM vol. 3, 2.5) */

/*
 * A plain cpuid is not intercepted (under QEMU TCG it reports the host
 * CPU): the forced-emulation prefix makes Xen emulate it with the
 * domain's CPUID policy, its own leaves at 0x40000000 included.
 */
void pv_cpuid(u32 leaf, u32 subleaf, struct cpuid_regs *r)
{
	asm volatile(XEN_EMULATE_PREFIX "cpuid"
		     : "=a"(r->eax), "=b"(r->ebx), "=c"(r->ecx), "=d"(r->edx)
		     : "0"(leaf), "2"(subleaf));
}

/* Emulated by Xen: the real CR0 with the vCPU's own TS. */
unsigned long pv_read_cr0(void)
{
	unsigned long v;

	asm volatile("movq %%cr0, %0" : "=r"(v));
	return v;
}

/*
 * Only TS is the guest's to change (fpu_taskswitch); Xen owns the rest
 * of CR0 and refuses any other change, so one is reported and ignored.
 */
void pv_write_cr0(unsigned long val)
{
	unsigned long old = pv_read_cr0();

	if ((old ^ val) & X86_CR0_TS)
		HYPERVISOR_fpu_taskswitch(!!(val & X86_CR0_TS));
	if ((old ^ val) & ~(unsigned long)X86_CR0_TS)
		printk(KERN_WARNING "xen-pv: write_cr0(%#lx): only TS may change under Xen PV (CR0 is %#lx); the rest is ignored\n",
		       val, old);
}

unsigned long pv_read_cr2(void)
{
	return READ_ONCE(xen_pv_vcpu()->arch.cr2);
}

void pv_write_cr2(unsigned long val)
{
	WRITE_ONCE(xen_pv_vcpu()->arch.cr2, val);
}

/* Emulated by Xen: the guest's view of CR4. */
unsigned long pv_read_cr4(void)
{
	unsigned long v;

	asm volatile("movq %%cr4, %0" : "=r"(v));
	return v;
}

/* Emulated by Xen, which keeps the bits it owns as they are. */
void pv_write_cr4(unsigned long val)
{
	if (val == pv_read_cr4())
		return;
	asm volatile("movq %0, %%cr4" : : "r"(val) : "memory");
}

/*
 * No local APIC is visible to a PV guest (events stand in for its
 * interrupts): IA32_APIC_BASE reads as "disabled", so the kernel's APIC
 * code declines, with the reason, instead of taking a #GP.
 */
u64 pv_rdmsr(u32 msr)
{
	u32 lo, hi;

	if (msr == MSR_IA32_APIC_BASE)
		return 0;
	asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((u64)hi << 32) | lo;
}

void pv_wrmsr(u32 msr, u64 val)
{
	long rc;

	switch (msr) {
	case MSR_FS_BASE:
		rc = HYPERVISOR_set_segment_base(SEGBASE_FS, val);
		break;
	case MSR_GS_BASE:
		rc = HYPERVISOR_set_segment_base(SEGBASE_GS_KERNEL, val);
		/* The kernel's percpu areas: cpu_number is readable now. */
		if (!rc && val)
			xen_pv_percpu_ready = true;
		break;
	case MSR_KERNEL_GS_BASE:
		/* The base swapgs would load: Xen's "user" GS base. */
		rc = HYPERVISOR_set_segment_base(SEGBASE_GS_USER, val);
		break;
	case MSR_IA32_APIC_BASE:
		printk(KERN_WARNING "xen-pv: wrmsr(IA32_APIC_BASE, %#llx) ignored: no local APIC under Xen PV\n",
		       (unsigned long long)val);
		return;
	default:
		asm volatile("wrmsr" : : "c"(msr), "a"((u32)val), "d"((u32)(val >> 32)) : "memory");
		return;
	}
	if (rc)
		printk(KERN_ERR "xen-pv: set_segment_base for MSR %#x failed (Xen error %ld)\n", msr, rc);
}

/* Port I/O: Xen emulates it, since the init raised the virtual IOPL. */
u8 pv_inb(u16 port)
{
	u8 v;

	asm volatile("inb %w1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

u16 pv_inw(u16 port)
{
	u16 v;

	asm volatile("inw %w1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

u32 pv_inl(u16 port)
{
	u32 v;

	asm volatile("inl %w1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

void pv_outb(u8 val, u16 port)
{
	asm volatile("outb %0, %w1" : : "a"(val), "Nd"(port));
}

void pv_outw(u16 val, u16 port)
{
	asm volatile("outw %0, %w1" : : "a"(val), "Nd"(port));
}

void pv_outl(u32 val, u16 port)
{
	asm volatile("outl %0, %w1" : : "a"(val), "Nd"(port));
}

/*
 * The delay exists for slow ISA devices on real buses; Xen's emulation
 * of each access takes far longer already: no port 0x80 write.
 */
void pv_io_delay(void)
{
}
