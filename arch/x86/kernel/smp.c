// SPDX-License-Identifier: GPL-2.0
/*
 * Running a function on another CPU.
 *
 * Each CPU number has a mailbox in smp_cpus[].  The boot CPU writes the
 * function and its argument, then bumps call_seq; the AP runs the function,
 * interrupts off, and publishes done_seq = call_seq.  x86 keeps stores in
 * order (SDM vol. 3A, 9.2.2), so release stores and acquire loads are
 * plain moves; the atomics only stop the compiler from reordering or
 * caching them.
 *
 * How an AP waits for its next call depends on how it was started:
 *  - by default it spins on its mailbox with pause, interrupts off, and
 *    the caller sends nothing: natively a call costs no IPI;
 *  - where the bring-up set smp_cpus[].wake_by_ipi (Xen PV: each vCPU has
 *    an IPI event channel), it halts with interrupts on (safe_halt), and
 *    the caller wakes it with pv_send_ipi(CALL_FUNCTION_VECTOR) after
 *    bumping call_seq.  The AP loads call_seq with interrupts off and
 *    safe_halt enables them and waits atomically, so an IPI sent in
 *    between ends the wait at once: no call is missed.  A halted vCPU
 *    leaves its physical CPU to the others.
 */
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include <asm/apic.h>
#include <asm/pvops.h>
#include <asm/smp.h>
#include <asm/traps.h>

/*
 * How long the boot CPU waits for a call to return.  Generous: under this
 * host's KVM every guest instruction is emulated (BRIEF.md section 4).
 */
#define SMP_CALL_TIMEOUT_NS	(10ULL * 1000 * 1000 * 1000)

phys_addr_t smp_trampoline_pa;
unsigned int smp_cpus_left_out;

/* CPU 0 is the boot CPU: online from the start. */
struct smp_cpu smp_cpus[CONFIG_NR_CPUS] = {
	[0] = { .state = SMP_CPU_ONLINE },
};

/* CALL_FUNCTION_VECTOR interrupts this CPU took. */
static DEFINE_PER_CPU(unsigned long, call_ipis);
/* smp_ap_hold_irqs_off() was called in the call running here. */
static DEFINE_PER_CPU(bool, hold_irqs_off);

static inline void cpu_relax(void)
{
	asm volatile("pause" : : : "memory");
}

bool cpu_online(unsigned int cpu)
{
	return cpu < CONFIG_NR_CPUS &&
	       __atomic_load_n(&smp_cpus[cpu].state, __ATOMIC_ACQUIRE) == SMP_CPU_ONLINE;
}

unsigned int num_online_cpus(void)
{
	unsigned int n = 0;

	for (unsigned int cpu = 0; cpu < CONFIG_NR_CPUS; cpu++)
		n += cpu_online(cpu);
	return n;
}

/* The CPU running this, or 0 before percpu areas exist (only CPU 0 runs then). */
static unsigned int this_cpu(void)
{
	return percpu_ready() ? smp_processor_id() : 0;
}

int smp_call_on_cpu(unsigned int cpu, void (*fn)(void *arg), void *arg)
{
	struct smp_cpu *c;
	bool ipi_failed = false;
	u32 seq;
	u64 start;

	if (!cpu_online(cpu))
		return SMP_CALL_OFFLINE;
	if (cpu == this_cpu()) {
		fn(arg);
		return 0;
	}
	c = &smp_cpus[cpu];
	c->fn = fn;
	c->arg = arg;
	seq = c->call_seq + 1;
	__atomic_store_n(&c->call_seq, seq, __ATOMIC_RELEASE);
	/* Not sent: the AP waits on, and the timeout below reports it. */
	if (c->wake_by_ipi && pv_send_ipi(cpu, CALL_FUNCTION_VECTOR))
		ipi_failed = true;

	start = pv_sched_clock();
	while (__atomic_load_n(&c->done_seq, __ATOMIC_ACQUIRE) != seq) {
		if (pv_sched_clock() - start > SMP_CALL_TIMEOUT_NS) {
			/*
			 * Never used again: stop it with INIT, so that it
			 * cannot run the call late, into memory the caller
			 * has moved on from.
			 */
			unsigned long off;
			const char *name = kallsyms_lookup((uintptr_t)fn, &off);

			__atomic_store_n(&c->state, SMP_CPU_FAILED, __ATOMIC_RELEASE);
			lapic_send_init(c->apic_id);
			pr_err("smp: CPU %u (APIC ID %u) did not return from %s (%p) within %llu s%s: stopped with INIT, now offline\n",
			       cpu, c->apic_id, name ? name : "?", (void *)(uintptr_t)fn,
			       SMP_CALL_TIMEOUT_NS / 1000000000,
			       ipi_failed ? " (the IPI to wake it could not be sent)" : "");
			return SMP_CALL_TIMEOUT;
		}
		cpu_relax();
	}
	return 0;
}

static void call_ipi(struct pt_regs *regs)
{
	(void)regs;
	this_cpu_add(call_ipis, 1);
}

void smp_ipi_init(void)
{
	set_irq_handler(CALL_FUNCTION_VECTOR, call_ipi);
}

unsigned long smp_call_ipis(unsigned int cpu)
{
	return cpu < CONFIG_NR_CPUS ? per_cpu(call_ipis, cpu) : 0;
}

void smp_ap_hold_irqs_off(void)
{
	this_cpu_write(hold_irqs_off, true);
}

/* Entered with interrupts off; each call runs with them off. */
void __noreturn smp_ap_idle(struct smp_cpu *c)
{
	u32 done = __atomic_load_n(&c->done_seq, __ATOMIC_RELAXED);
	bool hold = false;

	for (;;) {
		u32 seq = __atomic_load_n(&c->call_seq, __ATOMIC_ACQUIRE);

		if (seq == done) {
			if (c->wake_by_ipi && !hold) {
				pv_safe_halt();
				pv_irq_disable();
			} else {
				cpu_relax();
			}
			continue;
		}
		c->fn(c->arg);
		hold = this_cpu_read(hold_irqs_off);
		this_cpu_write(hold_irqs_off, false);
		done = seq;
		__atomic_store_n(&c->done_seq, done, __ATOMIC_RELEASE);
	}
}

void __noreturn smp_ap_park(void)
{
	pv_irq_disable();
	for (;;)
		pv_halt();
}
