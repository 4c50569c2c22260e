// SPDX-License-Identifier: GPL-2.0
/*
 * The first one-shot of the boot: before any other suite, and so (on a
 * single CPU, where the SMP bring-up touches no local APIC) before
 * anything but the pv-op backend itself has set the timer up.  A
 * backend whose timer depends on someone else's earlier work (Xen PVH:
 * Xen raises the upcall vector only into a software-enabled local APIC,
 * and only when evtchn_upcall_pending goes from 0 to 1, so one event
 * lost there swallows every later one) fails here.  Two one-shots, each
 * armed with interrupts off and waited for once they are on.
 *
 * Then the far end: a one-shot U64_MAX ns away must not fire.  Now plus
 * @ns wraps; Xen compares its deadline as a signed 64-bit time, so only
 * a deadline saturated at S64_MAX is "never".
 */
#include <linux/kernel.h>
#include <linux/selftest.h>
#include <asm/pvops.h>
#include <asm/traps.h>

#define FIRST_ONESHOT_NS	(100 * 1000ULL)		/* 100 us */
#define FIRST_WAIT_NS		(5 * 1000 * 1000ULL)	/* 5 ms */
/* Ends as soon as it arrives; long only for a stalled host (pvops.c). */
#define FIRST_DELIVERY_NS	(2000 * 1000 * 1000ULL)	/* 2 s */

static volatile unsigned int first_irqs;

static void first_handler(struct pt_regs *regs)
{
	(void)regs;
	first_irqs++;
}

static void spin_ns(u64 ns)
{
	u64 t0 = pv_sched_clock();

	while (pv_sched_clock() - t0 < ns)
		barrier();
}

/* Arm with interrupts off, enable them, wait: how many arrived. */
static unsigned int one_shot(void)
{
	u64 t0;

	first_irqs = 0;
	pv_irq_disable();
	pv_timer_oneshot(FIRST_ONESHOT_NS);
	spin_ns(FIRST_WAIT_NS);
	pv_irq_enable();
	t0 = pv_sched_clock();
	while (!first_irqs && pv_sched_clock() - t0 < FIRST_DELIVERY_NS)
		barrier();
	spin_ns(FIRST_WAIT_NS);
	pv_irq_disable();
	return first_irqs;
}

/* A one-shot as far away as it can be: how many arrive within 20 ms. */
static unsigned int far_shot(void)
{
	first_irqs = 0;
	pv_irq_enable();
	pv_timer_oneshot(~0ULL);
	spin_ns(4 * FIRST_WAIT_NS);
	pv_irq_disable();
	pv_timer_oneshot(0);
	return first_irqs;
}

static void firsttimer_suite(void)
{
	unsigned int n;

	set_irq_handler(LOCAL_TIMER_VECTOR, first_handler);
	n = one_shot();
	report(n == 1, "the boot's first one-shot is delivered, once (%u)", n);
	n = one_shot();
	report(n == 1, "and the second (%u)", n);
	pv_timer_oneshot(0);
	n = far_shot();
	report(n == 0, "a one-shot U64_MAX ns away does not fire (%u arrived within %lu ms)",
	       n, (unsigned long)(4 * FIRST_WAIT_NS / 1000000));
	set_irq_handler(LOCAL_TIMER_VECTOR, NULL);
}
SELFTEST_SUITE(firsttimer, "firsttimer", firsttimer_suite, SELFTEST_NEEDS_PVOPS);
