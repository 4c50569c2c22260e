// SPDX-License-Identifier: GPL-2.0
/*
 * Local APIC, in the mode the firmware left it: xAPIC (registers in a
 * 4 KiB MMIO page) or x2APIC (the same registers as MSRs 0x800 + offset/16,
 * always through pv_rdmsr()/pv_wrmsr()).  Enough for the one-shot timer
 * the native timer_oneshot pv-op arms (calibrated once against
 * pv_sched_clock()), for a self-IPI, and for the INIT and STARTUP IPIs that
 * start the application processors.
 * Register offsets: SDM vol. 3A, table 11-1; x2APIC MSRs: table 11-6.
 */
#include <linux/kernel.h>
#include <asm/apic.h>
#include <asm/msr-index.h>
#include <asm/page.h>
#include <asm/pvops.h>
#include <asm/setup.h>
#include <asm/smp.h>
#include <asm/traps.h>

#define APIC_BASE_ENABLE	(1ULL << 11)	/* IA32_APIC_BASE: APIC enabled */
#define APIC_BASE_X2APIC	(1ULL << 10)	/* ... and in x2APIC mode */
#define APIC_BASE_ADDR_MASK	0xfffff000ULL

#define APIC_EOI		0x0b0
#define APIC_SVR		0x0f0
#define APIC_SVR_ENABLE		0x100
#define APIC_ICR_LOW		0x300
#define APIC_ICR_HIGH		0x310	/* xAPIC: destination in bits 31:24 */
#define APIC_LVT_TIMER		0x320
#define APIC_LVT_MASKED		0x10000
#define APIC_LVT_PERIODIC	0x20000
#define APIC_TIMER_INIT		0x380
#define APIC_TIMER_CUR		0x390
#define APIC_TIMER_DIVIDE	0x3e0
#define APIC_DIVIDE_BY_1	0x0b
#define APIC_TIMER_MAX_COUNT	0xffffffffu	/* the counters are 32 bits wide */

/* How long the timer's rate is measured over, by pv_sched_clock(). */
#define APIC_CALIBRATE_NS	(1000 * 1000ULL)	/* 1 ms */
#define NSEC_PER_MSEC		1000000ULL

/* ICR low bits (SDM vol. 3A, 11.6.1, figure 11-12). */
#define APIC_ICR_DM_INIT	0x00500		/* delivery mode 101 */
#define APIC_ICR_DM_STARTUP	0x00600		/* delivery mode 110 */
#define APIC_ICR_BUSY		0x01000		/* xAPIC delivery status: send pending */
#define APIC_ICR_ASSERT		0x04000		/* level: 1 for all but INIT de-assert */
#define APIC_ICR_SELF		0x40000		/* destination shorthand 01: self */
#define XAPIC_MAX_ID		0xfe		/* 0xff is the broadcast address */
/* An xAPIC accepts the ICR write within microseconds; allow plenty. */
#define APIC_ICR_TIMEOUT_NS	(100 * 1000 * 1000ULL)

/* x2APIC: MSR = 0x800 + (xAPIC offset >> 4); the ICR is one 64-bit MSR. */
#define X2APIC_MSR_BASE		0x800
#define X2APIC_ICR_MSR		0x830
#define X2APIC_SELF_IPI_MSR	0x83f

/* CPUID leaves that give the APIC ID (SDM vol. 2A, CPUID). */
#define CPUID_LEAF_FEATURES	0x1	/* ebx 31:24: initial APIC ID */
#define CPUID_LEAF_TOPOLOGY	0xb	/* edx: x2APIC ID; ebx 0: leaf absent */

static volatile u32 *lapic;
static bool x2apic;
/* Timer counts per millisecond at divide-by-1; 0: not measured yet. */
static u64 lapic_timer_khz;
static bool lapic_timer_unusable;

static u32 lapic_read(unsigned int reg)
{
	if (x2apic)
		return (u32)pv_rdmsr(X2APIC_MSR_BASE + (reg >> 4));
	return lapic[reg / 4];
}

static void lapic_write(unsigned int reg, u32 v)
{
	if (x2apic)
		pv_wrmsr(X2APIC_MSR_BASE + (reg >> 4), v);
	else
		lapic[reg / 4] = v;
}

static void spurious_interrupt(struct pt_regs *regs)
{
	/* Nothing to do; do_trap() sends no EOI for this vector (SDM vol. 3, 11.9). */
}

u32 apic_cpu_id(void)
{
	struct cpuid_regs r;

	pv_cpuid(0, 0, &r);
	if (r.eax >= CPUID_LEAF_TOPOLOGY) {
		pv_cpuid(CPUID_LEAF_TOPOLOGY, 0, &r);
		if (r.ebx)
			return r.edx;
	}
	pv_cpuid(CPUID_LEAF_FEATURES, 0, &r);
	return r.ebx >> 24;
}

bool lapic_is_x2apic(void)
{
	return x2apic;
}

bool lapic_init(void)
{
	u64 base;

	if (lapic || x2apic)
		return true;
	base = pv_rdmsr(MSR_IA32_APIC_BASE);
	if (!(base & APIC_BASE_ENABLE)) {
		pr_info("apic: local APIC disabled (APIC_BASE %#lx)\n", base);
		return false;
	}
	if (base & APIC_BASE_X2APIC) {
		x2apic = true;
	} else if ((base & APIC_BASE_ADDR_MASK) >= IDENTITY_MAP_SIZE) {
		pr_info("apic: local APIC at %#lx is outside the identity map\n", base);
		return false;
	} else {
		lapic = phys_to_virt(base & APIC_BASE_ADDR_MASK);
	}
	set_irq_handler(SPURIOUS_APIC_VECTOR, spurious_interrupt);
	lapic_enable_this_cpu();
	return true;
}

/*
 * Each local APIC leaves INIT software-disabled (SVR 0xff), and while it
 * is every LVT entry stays masked (SDM vol. 3A, 11.4.7.2): an AP's timer,
 * or under Xen PVH the event vector its vLAPIC takes, would never fire.
 */
void lapic_enable_this_cpu(void)
{
	if (lapic || x2apic)
		lapic_write(APIC_SVR, APIC_SVR_ENABLE | SPURIOUS_APIC_VECTOR);
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
	if (x2apic)
		pv_wrmsr(X2APIC_SELF_IPI_MSR, vector);
	else
		lapic_write(APIC_ICR_LOW, APIC_ICR_SELF | vector);
}

void lapic_eoi(void)
{
	if (lapic || x2apic)
		lapic_write(APIC_EOI, 0);
}

/*
 * Let the timer count down from its maximum, masked, for about a
 * millisecond of pv_sched_clock() and see how far it got.
 */
static u64 lapic_timer_measure(void)
{
	u64 t0, t1;
	u32 left;

	lapic_write(APIC_TIMER_DIVIDE, APIC_DIVIDE_BY_1);
	lapic_write(APIC_LVT_TIMER, APIC_LVT_MASKED | LOCAL_TIMER_VECTOR);
	lapic_write(APIC_TIMER_INIT, APIC_TIMER_MAX_COUNT);
	t0 = pv_sched_clock();
	do
		t1 = pv_sched_clock();
	while (t1 - t0 < APIC_CALIBRATE_NS);
	left = lapic_read(APIC_TIMER_CUR);
	lapic_write(APIC_TIMER_INIT, 0);
	/* Not counting, or it ran out (above 4 THz): no usable rate. */
	if (left == APIC_TIMER_MAX_COUNT || !left)
		return 0;
	return (u64)(APIC_TIMER_MAX_COUNT - left) * NSEC_PER_MSEC / (t1 - t0);
}

static bool lapic_timer_ready(void)
{
	if (lapic_timer_khz)
		return true;
	if (lapic_timer_unusable)
		return false;
	if (!lapic_init()) {
		pr_warn("apic: no local APIC: the one-shot timer cannot be armed (nothing will wake a halted CPU)\n");
		lapic_timer_unusable = true;
		return false;
	}
	lapic_timer_khz = lapic_timer_measure();
	if (!lapic_timer_khz) {
		pr_warn("apic: the local APIC timer does not count: the one-shot timer cannot be armed\n");
		lapic_timer_unusable = true;
		return false;
	}
	pr_info("apic: timer runs at %lu kHz (measured against sched_clock)\n",
		(unsigned long)lapic_timer_khz);
	return true;
}

void lapic_timer_oneshot(u64 ns)
{
	u64 count;

	if (!lapic_timer_ready())
		return;
	if (!ns) {
		lapic_timer_stop();
		return;
	}
	if (ns > ~0ULL / lapic_timer_khz)
		count = APIC_TIMER_MAX_COUNT;
	else
		count = ns * lapic_timer_khz / NSEC_PER_MSEC;
	if (count > APIC_TIMER_MAX_COUNT)
		count = APIC_TIMER_MAX_COUNT;
	lapic_timer_start(LOCAL_TIMER_VECTOR, count ? (u32)count : 1, false);
}

/* Send one IPI to @dest and wait until the local APIC has taken it. */
static int lapic_send_ipi(u32 dest, u32 icr_low, const char *what)
{
	u64 start;

	if (x2apic) {
		/* x2APIC has no delivery status: the write sends the IPI. */
		pv_wrmsr(X2APIC_ICR_MSR, ((u64)dest << 32) | icr_low);
		return 0;
	}
	if (!lapic) {
		pr_err("apic: %s IPI to APIC ID %u: lapic_init() has not run\n", what, dest);
		return -1;
	}
	if (dest > XAPIC_MAX_ID) {
		pr_err("apic: %s IPI to APIC ID %u: an xAPIC addresses IDs up to %u only (x2APIC mode is off)\n",
		       what, dest, XAPIC_MAX_ID);
		return -1;
	}
	lapic_write(APIC_ICR_HIGH, dest << 24);
	lapic_write(APIC_ICR_LOW, icr_low);
	start = pv_sched_clock();
	while (lapic_read(APIC_ICR_LOW) & APIC_ICR_BUSY) {
		if (pv_sched_clock() - start > APIC_ICR_TIMEOUT_NS) {
			pr_err("apic: %s IPI to APIC ID %u still pending after %llu ms\n",
			       what, dest, APIC_ICR_TIMEOUT_NS / 1000000);
			return -1;
		}
		asm volatile("pause");
	}
	return 0;
}

int lapic_send_ipi_cpu(unsigned int cpu, unsigned int vector)
{
	/* Vectors 0-31 are exceptions; 0-15 are not delivered at all. */
	if (cpu >= CONFIG_NR_CPUS || vector < NR_EXCEPTION_VECTORS || vector > 0xff)
		return -1;
	if (!lapic_init())
		return -1;
	/* Delivery mode 000 (fixed), physical destination, edge. */
	return lapic_send_ipi(smp_cpus[cpu].apic_id, APIC_ICR_ASSERT | vector, "fixed");
}

int lapic_send_init(u32 apic_id)
{
	return lapic_send_ipi(apic_id, APIC_ICR_DM_INIT | APIC_ICR_ASSERT, "INIT");
}

int lapic_send_startup(u32 apic_id, u8 vector)
{
	return lapic_send_ipi(apic_id, APIC_ICR_DM_STARTUP | APIC_ICR_ASSERT | vector,
			      "STARTUP");
}
