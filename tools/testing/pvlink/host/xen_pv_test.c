// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit test of two pieces of the xen-pv backend, compiled from the
 * kernel source with every symbol renamed k_*:
 *
 * - the clock (arch/x86/pvlink/xen-pv/clock.c) over a vcpu_time_info
 *   this test writes: it extrapolates the record by the TSC, a stamp
 *   ahead of the TSC reads as the record's system_time (not as 2^64
 *   ticks), and sched_clock never goes back when a record steps back;
 * - read_u64_nofault() (arch/x86/mm/nofault.c), with which xen-pv reads
 *   the M2P table that Xen leaves unmapped over holes: on a mapped page
 *   it reads, on a PROT_NONE page it returns -1 and leaves the result
 *   alone.  A SIGSEGV handler plays the kernel's do_trap(): it looks
 *   the faulting instruction up in the __ex_table entries the object
 *   carries and resumes at the fixup.
 *
 * Usage: xen_pv_test PREFIX	prints TAP lines "ok - PREFIX: ..."
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include "tap.h"

/* The kernel's functions, renamed by the suite (objcopy --redefine-sym). */
uint64_t k_xen_pv_system_time(void);
uint64_t k_pv_sched_clock(void);
int k_read_u64_nofault(const uint64_t *src, uint64_t *dst);

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

/* The __ex_table entries of the kernel objects: { insn, fixup }. */
struct extable_entry {
	uint64_t insn, fixup;
};
extern const struct extable_entry __start___ex_table[], __stop___ex_table[];

static int faults;

static void on_segv(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	uint64_t rip = uc->uc_mcontext.gregs[REG_RIP];

	(void)sig;
	(void)si;
	for (const struct extable_entry *e = __start___ex_table; e < __stop___ex_table; e++) {
		if (e->insn == rip) {
			faults++;
			uc->uc_mcontext.gregs[REG_RIP] = e->fixup;
			return;
		}
	}
	/* Not an expected fault: die of it. */
	signal(SIGSEGV, SIG_DFL);
}

static void test_nofault(void)
{
	struct sigaction sa;
	long page = sysconf(_SC_PAGESIZE);
	uint8_t *m = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint64_t v = 0x1111;
	int rc;

	if (m == MAP_FAILED || mprotect(m + page, page, PROT_NONE)) {
		tap(0, "nofault: map a page and an inaccessible one");
		return;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);

	tap((uintptr_t)__stop___ex_table > (uintptr_t)__start___ex_table,
	    "nofault: the accessor has an exception-table entry");
	*(uint64_t *)(m + page - 8) = 0x0123456789abcdefull;
	rc = k_read_u64_nofault((const uint64_t *)(m + page - 8), &v);
	tap(rc == 0 && v == 0x0123456789abcdefull && faults == 0,
	    "nofault: a mapped entry reads (rc %d, %#llx)", rc, (unsigned long long)v);
	v = 0x1111;
	rc = k_read_u64_nofault((const uint64_t *)(m + page), &v);
	tap(rc == -1 && v == 0x1111 && faults == 1,
	    "nofault: an unmapped entry returns -1 and leaves the result alone (rc %d, %d faults)",
	    rc, faults);
	rc = k_read_u64_nofault((const uint64_t *)(m + page - 8), &v);
	tap(rc == 0 && v == 0x0123456789abcdefull, "nofault: and the next read works again");
	signal(SIGSEGV, SIG_DFL);
	signal(SIGBUS, SIG_DFL);
	munmap(m, 2 * page);
}

int main(int argc, char **argv)
{
	prefix = argc > 1 ? argv[1] : "xen_pv";
	test_clock();
	test_nofault();
	return failures ? 1 : 0;
}
