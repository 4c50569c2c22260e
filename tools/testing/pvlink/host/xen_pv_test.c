// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit test of the xen-pv backend's clock
 * (arch/x86/pvlink/xen-pv/clock.c), compiled from the kernel source with
 * every symbol renamed k_*, over a vcpu_time_info this test writes: it
 * extrapolates the record by the TSC, a stamp ahead of the TSC reads as
 * the record's system_time (not as 2^64 ticks), and sched_clock never
 * goes back when a record steps back.
 *
 * Usage: xen_pv_test PREFIX	prints TAP lines "ok - PREFIX: ..."
 */
#include <stdint.h>

#include "tap.h"

/* The kernel's functions, renamed by the suite (objcopy --redefine-sym). */
uint64_t k_xen_pv_system_time(void);
uint64_t k_pv_sched_clock(void);

/* include/xen/shared.h, as much as the clock reads. */
struct vcpu_time_info {
	uint32_t version;
	uint32_t pad0;
	uint64_t tsc_timestamp;
	uint64_t system_time;
	uint32_t tsc_to_system_mul;
	int8_t tsc_shift;
	uint8_t flags;
	uint8_t pad1[2];
};

struct vcpu_info {
	uint8_t evtchn_upcall_pending;
	uint8_t evtchn_upcall_mask;
	unsigned long evtchn_pending_sel;
	unsigned long arch[2];
	struct vcpu_time_info time;
};

/* What the backend's other files define: shared_info's first vCPU, no percpu yet. */
struct vcpu_info host_vcpu_info[32];
void *xen_pv_shared = host_vcpu_info;
_Bool xen_pv_percpu_ready;
/* Read through %gs only once percpu is ready: never here. */
unsigned int cpu_number;

static uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return ((uint64_t)hi << 32) | lo;
}

/* A record whose scale is one ns per TSC tick (0x80000000 << 1 >> 32). */
static void set_record(uint64_t system_time, uint64_t stamp)
{
	struct vcpu_time_info *t = &host_vcpu_info[0].time;

	t->version++;			/* odd: being updated */
	__asm__ volatile("" : : : "memory");
	t->system_time = system_time;
	t->tsc_timestamp = stamp;
	t->tsc_to_system_mul = 0x80000000u;
	t->tsc_shift = 1;
	__asm__ volatile("" : : : "memory");
	t->version++;			/* even again */
}

#define NS_PER_S	1000000000ull
/* Far more ticks than this test can take between two reads. */
#define SLACK		(100 * NS_PER_S)

static void test_clock(void)
{
	uint64_t r, s1, s2, base = 1000 * NS_PER_S;

	set_record(base, rdtsc());
	r = k_xen_pv_system_time();
	tap(r >= base && r < base + SLACK,
	    "clock: system_time plus the ticks since the stamp (%llu ns past it)",
	    (unsigned long long)(r - base));

	s1 = k_pv_sched_clock();
	/* A recalibration that sets the clock a second behind. */
	set_record(base - NS_PER_S, rdtsc());
	s2 = k_pv_sched_clock();
	tap(s2 >= s1, "clock: sched_clock does not go back when the record steps back 1 s (%llu, then %llu)",
	    (unsigned long long)s1, (unsigned long long)s2);
	r = k_xen_pv_system_time();
	tap(r < s1, "clock: Xen's system time (the timer's base) is the record's, unfloored");

	/* Stamped ahead of the TSC, as a record from another physical CPU may be. */
	set_record(5000 * NS_PER_S, rdtsc() + 1000 * NS_PER_S);
	r = k_xen_pv_system_time();
	tap(r == 5000 * NS_PER_S, "clock: a stamp ahead of the TSC reads as system_time (%llu), not 2^64 ticks on",
	    (unsigned long long)r);
	s1 = k_pv_sched_clock();
	tap(s1 == 5000 * NS_PER_S, "clock: and sched_clock moves on to it");
}

int main(int argc, char **argv)
{
	prefix = argc > 1 ? argv[1] : "xen_pv";
	test_clock();
	return failures ? 1 : 0;
}
