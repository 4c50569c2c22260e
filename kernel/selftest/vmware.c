// SPDX-License-Identifier: GPL-2.0
/*
 * The vmware backend (arch/x86/pvlink/vmware/), where it is linked:
 *  - its probe, asked again, still finds the backdoor, and GETVERSION
 *    answers with the magic and the version the init saw (the backdoor
 *    is the backend's: the kernel reaches it only through the backend's
 *    vmware_backdoor(), imported, never with a port access of its own);
 *  - GETRAMSIZE means a RAM size within a sixteenth of the usable RAM of
 *    the memory map, counted here again, in the unit the init chose;
 *  - where the hypervisor offers a TSC rate (CPUID 0x40000010 or GETHZ),
 *    it still says the rate the init took, and sched_clock runs at it:
 *    TSC ticks against sched_clock nanoseconds over 50 ms.
 * Skipped, with the reason, when the stack has no vmware backend.
 */
#include <linux/bootinfo.h>
#include <linux/kernel.h>
#include <linux/pvlink.h>
#include <linux/selftest.h>
#include <asm/pvclock.h>
#include <asm/pvops.h>
#include <asm/vmware.h>

#define VMW_TEST_NS		50000000ull	/* the rate is measured over 50 ms */
#define VMW_NSEC_PER_SEC	1000000000ull
/* The scale's 32.32 rounding, with margin: a millionth. */
#define VMW_RATE_SLACK_SHIFT	20
#define VMW_MIB			(1ull << 20)
#define VMW_4GIB		(1ull << 32)

static PVLINK_IMPORT(imp_probe, "pvlink_backend_probe_vmware");
static PVLINK_IMPORT(imp_backdoor, "vmware_backdoor");
static PVLINK_IMPORT(imp_version, "vmware_version");
static PVLINK_IMPORT(imp_ram_answer, "vmware_ram_answer");
static PVLINK_IMPORT(imp_ram_in_mb, "vmware_ram_in_mb");
static PVLINK_IMPORT(imp_ram_bytes, "vmware_ram_bytes");
static PVLINK_IMPORT(imp_tsc_hz, "vmware_tsc_hz");
static PVLINK_IMPORT(imp_tsc_source, "vmware_tsc_source");

#define IMPORTED(imp, type)	(*(type const *)(uintptr_t)(imp).value)

static void backdoor(u32 cmd, struct vmware_regs *r)
{
	void (*fn)(u32 cmd, struct vmware_regs *r) =
		(void (*)(u32, struct vmware_regs *))(uintptr_t)imp_backdoor.value;

	fn(cmd, r);
}

static void test_probe(void)
{
	const char *(*probe)(const struct boot_info *bi) =
		(const char *(*)(const struct boot_info *))(uintptr_t)imp_probe.value;
	const char *why = probe(&boot_info);
	struct vmware_regs r;

	if (why)
		report_info("the probe says: %s", why);
	report(!why, "the probe, asked again, finds the backdoor");
	backdoor(VMWARE_CMD_GETVERSION, &r);
	report(r.ebx == VMWARE_BACKDOOR_MAGIC && r.eax == IMPORTED(imp_version, u32),
	       "GETVERSION answers ebx %#x (the magic is %#x), version %u (the init saw %u)",
	       r.ebx, VMWARE_BACKDOOR_MAGIC, r.eax, IMPORTED(imp_version, u32));
}

static void test_ram(void)
{
	u32 answer = IMPORTED(imp_ram_answer, u32);
	bool in_mb = IMPORTED(imp_ram_in_mb, bool);
	u64 bytes = IMPORTED(imp_ram_bytes, u64), map = 0;
	struct vmware_regs r;
	bool unit_ok;

	for (unsigned int i = 0; i < boot_info.nr_mem; i++)
		if (boot_info.mem[i].type == BOOT_MEM_RAM)
			map += boot_info.mem[i].size;
	backdoor(VMWARE_CMD_GETRAMSIZE, &r);
	report(r.eax == answer, "GETRAMSIZE answers %#x again (the init read %#x)", r.eax, answer);
	/* The size the init made of the answer is the answer, in its unit. */
	unit_ok = in_mb ? bytes == answer * VMW_MIB : bytes % VMW_4GIB == answer;
	report(unit_ok, "GETRAMSIZE's %#x means %llu bytes, read as %s", answer,
	       (unsigned long long)bytes, in_mb ? "megabytes" : "bytes");
	report(map <= bytes + VMW_MIB && bytes - bytes / 16 <= map,
	       "GETRAMSIZE's %llu MiB is within a sixteenth of the memory map's %llu MiB of RAM",
	       (unsigned long long)(bytes >> 20), (unsigned long long)(map >> 20));
}

/* The rate the hypervisor offers now, from where the init took it. */
static u64 offered_hz(const char *source)
{
	struct vmware_regs r;
	struct cpuid_regs c;

	if (source[0] == 'C') {		/* "CPUID 0x40000010" */
		pv_cpuid(VMWARE_CPUID_FREQ, 0, &c);
		return c.eax * 1000ull;
	}
	backdoor(VMWARE_CMD_GETHZ, &r);
	if (r.ebx == VMWARE_GETHZ_UNSUPPORTED)
		return 0;
	return ((u64)r.ebx << 32) | r.eax;
}

/*
 * sched_clock's own TSC reads lie between the two around each call: the
 * rate it runs at is bracketed by the two ratios those bounds give.
 */
static void test_rate(void)
{
	u64 hz = IMPORTED(imp_tsc_hz, u64), lo, hi, slack, dns;
	const char *source = IMPORTED(imp_tsc_source, const char *);
	u64 t0, t0b, t1, t1b, s0, s1;

	if (!hz || !source) {
		report_skip("sched_clock runs at the TSC rate the hypervisor offers",
			    "no TSC rate offered (GETHZ unsupported, no CPUID 0x40000010): sched_clock is native's");
		return;
	}
	report(offered_hz(source) == hz, "%s still says %llu Hz", source,
	       (unsigned long long)offered_hz(source));

	t0 = pvclock_rdtsc_ordered();
	s0 = pv_sched_clock();
	t0b = pvclock_rdtsc_ordered();
	do {
		s1 = pv_sched_clock();
	} while (s1 - s0 < VMW_TEST_NS);
	t1 = pvclock_rdtsc_ordered();
	s1 = pv_sched_clock();
	t1b = pvclock_rdtsc_ordered();

	dns = s1 - s0;
	lo = (t1 - t0b) * VMW_NSEC_PER_SEC / dns;
	hi = (t1b - t0) * VMW_NSEC_PER_SEC / dns;
	slack = (hz >> VMW_RATE_SLACK_SHIFT) + 1;
	report(lo <= hz + slack && hz <= hi + slack,
	       "sched_clock runs at the TSC rate %s offers: %llu Hz within [%llu, %llu] over %llu ns",
	       source, (unsigned long long)hz, (unsigned long long)lo,
	       (unsigned long long)hi, (unsigned long long)dns);
}

static void vmware_suite(void)
{
	if (!imp_probe.found || !imp_backdoor.found || !imp_version.found ||
	    !imp_ram_answer.found || !imp_ram_in_mb.found || !imp_ram_bytes.found ||
	    !imp_tsc_hz.found || !imp_tsc_source.found) {
		report_skip("vmware", "the linked stack has no vmware backend");
		return;
	}
	test_probe();
	test_ram();
	test_rate();
}
SELFTEST_SUITE(vmware, "vmware", vmware_suite, SELFTEST_NEEDS_PVOPS);
