// SPDX-License-Identifier: GPL-2.0
/*
 * Local APIC in xAPIC (MMIO) mode: enough for a one-shot timer interrupt,
 * which the pv-op smoke test needs to wake safe_halt().  Register offsets
 * from the SDM vol. 3, table 11-1.
 */
#include <linux/kernel.h>
#include <asm/msr-index.h>
#include <asm/page.h>
#include <asm/pvops.h>
#include <asm/setup.h>
#include <asm/traps.h>

#define APIC_BASE_ENABLE	(1ULL << 11)	/* IA32_APIC_BASE: xAPIC enabled */
#define APIC_BASE_X2APIC	(1ULL << 10)
#define APIC_BASE_ADDR_MASK	0xfffff000ULL

#define APIC_EOI		0x0b0
#define APIC_SVR		0x0f0
#define APIC_SVR_ENABLE		0x100
#define APIC_ICR_LOW		0x300
#define APIC_ICR_SELF		0x40000
#define APIC_LVT_TIMER		0x320
#define APIC_LVT_MASKED		0x10000
#define APIC_LVT_PERIODIC	0x20000
#define APIC_TIMER_INIT		0x380
#define APIC_TIMER_DIVIDE	0x3e0
#define APIC_DIVIDE_BY_1	0x0b

static volatile u32 *lapic;

static void lapic_write(unsigned int reg, u32 v)
{
	lapic[reg / 4] = v;
}

static void spurious_interrupt(struct pt_regs *regs)
{
	/* No EOI for the spurious vector (SDM vol. 3, 11.9). */
}

bool lapic_init(void)
{
	u64 base;

	if (lapic)
		return true;
	base = pv_rdmsr(MSR_IA32_APIC_BASE);
	if (!(base & APIC_BASE_ENABLE) || (base & APIC_BASE_X2APIC)) {
		pr_info("apic: local APIC not in xAPIC mode (APIC_BASE %#lx)\n", base);
		return false;
	}
	if ((base & APIC_BASE_ADDR_MASK) >= IDENTITY_MAP_SIZE) {
		pr_info("apic: local APIC at %#lx is outside the identity map\n", base);
		return false;
	}
	lapic = phys_to_virt(base & APIC_BASE_ADDR_MASK);
	set_irq_handler(SPURIOUS_APIC_VECTOR, spurious_interrupt);
	lapic_write(APIC_SVR, APIC_SVR_ENABLE | SPURIOUS_APIC_VECTOR);
	return true;
}

void lapic_timer_start(unsigned int vector, u32 count, bool periodic)
{
	lapic_write(APIC_TIMER_DIVIDE, APIC_DIVIDE_BY_1);
	lapic_write(APIC_LVT_TIMER, vector | (periodic ? APIC_LVT_PERIODIC : 0));
	lapic_write(APIC_TIMER_INIT, count);
}

void lapic_timer_stop(void)
{
	lapic_write(APIC_LVT_TIMER, APIC_LVT_MASKED);
	lapic_write(APIC_TIMER_INIT, 0);
}

void lapic_send_self_ipi(unsigned int vector)
{
	/* ICR low: fixed delivery, destination shorthand "self" (bits 19:18 = 01). */
	lapic_write(APIC_ICR_LOW, APIC_ICR_SELF | vector);
}

void lapic_eoi(void)
{
	lapic_write(APIC_EOI, 0);
}
