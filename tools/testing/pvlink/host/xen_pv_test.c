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
 *   carries and resumes at the fixup;
 * - xen_pv_unreserve() (arch/x86/pvlink/xen-pv/rsv.c), which gives up the
 *   PV entry's reservations by overlap as RAM is mapped: the boot's case
 *   (one range, taken back 2 MiB at a time from its start), a range
 *   inside, around and across entries, a split with no free slot, and a
 *   random walk against a model of which units are reserved;
 * - the event upcall (arch/x86/pvlink/xen-pv/events.c) over a shared_info
 *   this test writes, its init run against a hypercall page of stubs:
 *   a pending event on an unmasked port runs the timer handler once, one
 *   on a masked port stays pending and is not taken until unmasked.
 *
 * Usage: xen_pv_test [-t TEST] [PREFIX]	prints TAP lines "ok - PREFIX: TEST: ..."
 *        xen_pv_test --list		names the TESTs
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include "tap.h"

#include <linux/bootinfo.h>

/* The kernel's functions, renamed by the suite (objcopy --redefine-sym). */
uint64_t k_xen_pv_system_time(void);
uint64_t k_pv_sched_clock(void);
int k_read_u64_nofault(const uint64_t *src, uint64_t *dst);
bool k_xen_pv_unreserve(struct boot_info *bi, u64 start, u64 end);
int k_xen_pv_events_init(void);
void k_xen_pv_do_upcall(void *regs);

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

/* include/xen/shared.h's shared_info, as far as the backend reads it. */
struct shared_info {
	struct vcpu_info vcpu_info[32];
	unsigned long evtchn_pending[64];
	unsigned long evtchn_mask[64];
};

/* What the backend's other files define: shared_info, no percpu yet. */
static struct shared_info host_shared __attribute__((aligned(4096)));
#define host_vcpu_info	host_shared.vcpu_info
void *xen_pv_shared = &host_shared;
_Bool xen_pv_percpu_ready;
/* Read through %gs only once percpu is ready: never here. */
unsigned int cpu_number;
/*
 * The backend's percpu vcpu_info (vcpu.c), used once the boot vCPU's is
 * registered there: never here, where every read goes to shared_info.
 */
_Bool xen_pv_vcpu_placed;
struct vcpu_info xen_pv_vcpu_info;
/* The kernel's percpu offsets, which the backend names but never reads here. */
unsigned long this_cpu_off;
unsigned long __per_cpu_offset[64];

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
	tap_check(r >= base && r < base + SLACK,
	    "clock: system_time plus the ticks since the stamp (%llu ns past it)",
	    (unsigned long long)(r - base));

	s1 = k_pv_sched_clock();
	/* A recalibration that sets the clock a second behind. */
	set_record(base - NS_PER_S, rdtsc());
	s2 = k_pv_sched_clock();
	tap_check(s2 >= s1, "clock: sched_clock does not go back when the record steps back 1 s (%llu, then %llu)",
	    (unsigned long long)s1, (unsigned long long)s2);
	r = k_xen_pv_system_time();
	tap_check(r < s1, "clock: Xen's system time (the timer's base) is the record's, unfloored");

	/* Stamped ahead of the TSC, as a record from another physical CPU may be. */
	set_record(5000 * NS_PER_S, rdtsc() + 1000 * NS_PER_S);
	r = k_xen_pv_system_time();
	tap_check(r == 5000 * NS_PER_S, "clock: a stamp ahead of the TSC reads as system_time (%llu), not 2^64 ticks on",
	    (unsigned long long)r);
	s1 = k_pv_sched_clock();
	tap_check(s1 == 5000 * NS_PER_S, "clock: and sched_clock moves on to it");
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
		tap_check(0, "nofault: map a page and an inaccessible one");
		return;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);

	tap_check((uintptr_t)__stop___ex_table > (uintptr_t)__start___ex_table,
	    "nofault: the accessor has an exception-table entry");
	*(uint64_t *)(m + page - 8) = 0x0123456789abcdefull;
	rc = k_read_u64_nofault((const uint64_t *)(m + page - 8), &v);
	tap_check(rc == 0 && v == 0x0123456789abcdefull && faults == 0,
	    "nofault: a mapped entry reads (rc %d, %#llx)", rc, (unsigned long long)v);
	v = 0x1111;
	rc = k_read_u64_nofault((const uint64_t *)(m + page), &v);
	tap_check(rc == -1 && v == 0x1111 && faults == 1,
	    "nofault: an unmapped entry returns -1 and leaves the result alone (rc %d, %d faults)",
	    rc, faults);
	rc = k_read_u64_nofault((const uint64_t *)(m + page - 8), &v);
	tap_check(rc == 0 && v == 0x0123456789abcdefull, "nofault: and the next read works again");
	signal(SIGSEGV, SIG_DFL);
	signal(SIGBUS, SIG_DFL);
	munmap(m, 2 * page);
}

/* Is unit @u inside any reservation of @bi? */
static bool reserved(const struct boot_info *bi, u64 u)
{
	for (unsigned int i = 0; i < bi->nr_rsv; i++)
		if (u >= bi->rsv[i].start && u < bi->rsv[i].start + bi->rsv[i].size)
			return true;
	return false;
}

static void add_rsv(struct boot_info *bi, u64 start, u64 size)
{
	bi->rsv[bi->nr_rsv].start = start;
	bi->rsv[bi->nr_rsv].size = size;
	bi->rsv[bi->nr_rsv].type = BOOT_MEM_RESERVED;
	bi->nr_rsv++;
}

#define MIB		(1ull << 20)
#define WALK_UNITS	96
#define WALK_STEPS	20000

static void test_unreserve(void)
{
	static struct boot_info bi;
	bool ok = true, model[WALK_UNITS];
	unsigned int refused = 0;

	/* The boot: [8 MiB, 3 GiB) given back 2 MiB at a time, other entries kept. */
	memset(&bi, 0, sizeof(bi));
	add_rsv(&bi, 0x1ec000, 0x200000);
	add_rsv(&bi, 8 * MIB, 3072 * MIB - 8 * MIB);
	add_rsv(&bi, 0x3ed000, 0x8000);
	for (u64 a = 8 * MIB; a < 3072 * MIB && ok; a += 2 * MIB)
		ok = k_xen_pv_unreserve(&bi, a, a + 2 * MIB) &&
		     !reserved(&bi, a) && !reserved(&bi, a + 2 * MIB - 1) &&
		     (a + 2 * MIB == 3072 * MIB || reserved(&bi, a + 2 * MIB));
	tap_check(ok && bi.nr_rsv == 2 && reserved(&bi, 0x1ec000) && reserved(&bi, 0x3f4fff),
	    "unreserve: a range given back block by block from its start leaves the others (%u left)",
	    bi.nr_rsv);

	/* Exact, inside (split), over an end, across several. */
	memset(&bi, 0, sizeof(bi));
	add_rsv(&bi, 100, 100);
	tap_check(k_xen_pv_unreserve(&bi, 100, 200) && bi.nr_rsv == 0, "unreserve: an exact match goes");
	add_rsv(&bi, 100, 100);
	tap_check(k_xen_pv_unreserve(&bi, 120, 130) && bi.nr_rsv == 2 && reserved(&bi, 119) &&
	    !reserved(&bi, 120) && !reserved(&bi, 129) && reserved(&bi, 130) && reserved(&bi, 199),
	    "unreserve: a range inside an entry splits it");
	tap_check(k_xen_pv_unreserve(&bi, 50, 110) && !reserved(&bi, 109) && reserved(&bi, 110) &&
	    k_xen_pv_unreserve(&bi, 190, 300) && reserved(&bi, 189) && !reserved(&bi, 190),
	    "unreserve: a range over either end trims");
	tap_check(k_xen_pv_unreserve(&bi, 0, 1000) && bi.nr_rsv == 0, "unreserve: a range across all removes all");

	/* A split needs a free slot. */
	memset(&bi, 0, sizeof(bi));
	for (unsigned int i = 0; i < BOOT_RSV_MAX; i++)
		add_rsv(&bi, 100 * i, 50);
	tap_check(!k_xen_pv_unreserve(&bi, 110, 120) && bi.nr_rsv == BOOT_RSV_MAX &&
	    reserved(&bi, 115), "unreserve: a split with no free slot is refused and changes nothing");

	/* Random walk against a model. */
	srand(16);
	memset(&bi, 0, sizeof(bi));
	memset(model, 0, sizeof(model));
	for (unsigned int step = 0; step < WALK_STEPS && ok; step++) {
		u64 a = rand() % WALK_UNITS, b = rand() % WALK_UNITS, lo = a < b ? a : b, hi = a < b ? b : a;

		if (lo == hi)
			continue;
		if (rand() % 3 == 0 && bi.nr_rsv < BOOT_RSV_MAX) {
			add_rsv(&bi, lo, hi - lo);
			for (u64 u = lo; u < hi; u++)
				model[u] = true;
		} else if (k_xen_pv_unreserve(&bi, lo, hi)) {
			for (u64 u = lo; u < hi; u++)
				model[u] = false;
		} else {
			refused++;
			for (u64 u = 0; u < WALK_UNITS; u++)
				model[u] = reserved(&bi, u);
		}
		for (unsigned int i = 0; i < bi.nr_rsv; i++)
			if (!bi.rsv[i].size)
				ok = false;
		for (u64 u = 0; u < WALK_UNITS; u++)
			if (reserved(&bi, u) != model[u])
				ok = false;
	}
	tap_check(ok, "unreserve: %u random adds and removes agree with a model of every unit (%u splits refused)",
	    WALK_STEPS, refused);
}

/*
 * The hypercall page (include/xen/hypercall.h: "call xen_hypercall_page +
 * nr * 32"): every hypercall succeeds, and EVTCHNOP_bind_virq (1) of
 * __HYPERVISOR_event_channel_op (32) gives port EV_PORT (its "port" is at
 * offset 8 of the argument).  69 is bit 5 of word 1: not the first word.
 */
#define EV_PORT		69
__asm__(".pushsection .text\n"
	".balign 4096\n"
	".globl xen_hypercall_page\n"
	"xen_hypercall_page:\n"
	".set nr, 0\n"
	".rept 128\n"
	".if nr == 32\n"
	"cmpl $1, %edi\n"
	"jne 1f\n"
	"movl $69, 8(%rsi)\n"
	"1:\n"
	".endif\n"
	"xorl %eax, %eax\n"
	"ret\n"
	".balign 32, 0xcc\n"
	".set nr, nr + 1\n"
	".endr\n"
	".popsection\n");

/* The rest of what events.c takes from the kernel and the backend. */
static unsigned char host_start_info[4096];
void *xen_pv_si = host_start_info;
_Bool xen_pv_debug;
const unsigned char xen_pv_upcall_entry[16];

uint64_t k_alloc_pages(unsigned int order)
{
	(void)order;
	return (uintptr_t)&host_shared;	/* shared_info is mapped there */
}

void k_free_pages(uint64_t pa, unsigned int order)
{
	(void)pa;
	(void)order;
}

int xen_pv_map_mfn(void *va, uint64_t mfn)
{
	(void)va;
	(void)mfn;
	return 0;
}

uint64_t xen_pv_pfn_to_mfn(uint64_t pfn)
{
	return pfn;
}

int k_printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(stderr, fmt, ap);
	va_end(ap);
	return n;
}

/* The kernel's interrupt entry: the upcall calls it for the timer's port. */
static unsigned int irqs, irq_vector;

void handle_irq(unsigned int vector, void *regs)
{
	(void)regs;
	irqs++;
	irq_vector = vector;
}

#define LOCAL_TIMER_VECTOR	0xec	/* asm/traps.h */
#define EV_WORD		(EV_PORT / 64)
#define EV_BIT		(1ul << (EV_PORT % 64))

/* Xen's side of an event on EV_PORT: pending, its word selected, upcall. */
static void raise_event(void)
{
	host_shared.evtchn_pending[EV_WORD] |= EV_BIT;
	host_vcpu_info[0].evtchn_pending_sel |= 1ul << EV_WORD;
	host_vcpu_info[0].evtchn_upcall_pending = 1;
}

static void test_events(void)
{
	bool pending;

	tap_check(k_xen_pv_events_init() == 0 && xen_pv_shared == &host_shared,
		  "events: init maps shared_info and binds VIRQ_TIMER (port %u)", EV_PORT);

	irqs = 0;
	raise_event();
	k_xen_pv_do_upcall(NULL);
	tap_check(irqs == 1 && irq_vector == LOCAL_TIMER_VECTOR &&
		  !(host_shared.evtchn_pending[EV_WORD] & EV_BIT),
		  "events: an unmasked port's event runs the timer handler once and is cleared (%u runs)",
		  irqs);

	irqs = 0;
	host_shared.evtchn_mask[EV_WORD] |= EV_BIT;
	raise_event();
	k_xen_pv_do_upcall(NULL);
	pending = host_shared.evtchn_pending[EV_WORD] & EV_BIT;
	tap_check(irqs == 0 && pending,
		  "events: a masked port's event is not taken and stays pending (%u runs, %s)",
		  irqs, pending ? "pending" : "cleared");

	/* Unmasked (EVTCHNOP_unmask selects its word again): delivered now. */
	host_shared.evtchn_mask[EV_WORD] &= ~EV_BIT;
	raise_event();
	k_xen_pv_do_upcall(NULL);
	tap_check(irqs == 1 && !(host_shared.evtchn_pending[EV_WORD] & EV_BIT),
		  "events: once unmasked, it runs the handler once (%u runs)", irqs);
}

/* Every test, by the name -t takes, with the results it prints. */
static const struct tap_test tests[] = {
	{ "clock",	test_clock,	5 },
	{ "nofault",	test_nofault,	4 },
	{ "unreserve",	test_unreserve,	7 },
	{ "events",	test_events,	4 },
};
TAP_MAIN(tests, "xen_pv")
