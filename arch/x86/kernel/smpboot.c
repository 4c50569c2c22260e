// SPDX-License-Identifier: GPL-2.0
/*
 * Starting the application processors with INIT and STARTUP IPIs (SDM
 * vol. 3A, 9.4 "Multiple-Processor (MP) Initialization"; the sequence of
 * 9.4.4.1, to each AP the ACPI MADT lists): INIT, 10 ms, STARTUP, 200 us,
 * STARTUP, 200 us, then wait for every AP to answer.
 *
 * An AP starts in real mode at the trampoline page (vector << 12), enters
 * long mode on the kernel's page tables (arch/x86/boot/trampoline.S),
 * finds its slot in ap_start_slots by APIC ID and calls smp_ap_main() on
 * its own stack.  There it claims its CPU number, points %gs at its percpu
 * area, loads its own GDT and TSS and the kernel's IDT, and waits in its
 * mailbox (smp.c).
 *
 * A CPU that does not answer in time is stopped with another INIT and
 * reported; the boot continues with the CPUs that came up.  The boot CPU
 * and each AP agree on the outcome with one compare-and-exchange on the
 * CPU's state, so a late AP can never run with a CPU number the boot CPU
 * gave up on.
 */
#include <linux/bootinfo.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <asm/apic.h>
#include <asm/desc.h>
#include <asm/msr-index.h>
#include <asm/page.h>
#include <asm/pvops.h>
#include <asm/setup.h>
#include <asm/smp.h>
#include <xen/pv.h>

/* SDM vol. 3A, 9.4.4.1: the waits after INIT and after each STARTUP. */
#define INIT_DELAY_NS		(10ULL * 1000 * 1000)
#define STARTUP_DELAY_NS	(200ULL * 1000)
/*
 * How long an AP may take to claim its slot, and then to come online.
 * Real hardware needs microseconds; this host's KVM emulates every guest
 * instruction, and under TCG a vCPU thread may wait for a busy host core
 * while the guest's clock runs on.
 */
#define ALIVE_TIMEOUT_S		5
#define ONLINE_TIMEOUT_S	5
#define NSEC_PER_SEC		1000000000ULL
#define NSEC_PER_MSEC		1000000ULL

/* Each AP's stack and double-fault stack: 16 KiB, like the boot stack. */
#define AP_STACK_ORDER		2
#define AP_STACK_SIZE		(PAGE_SIZE << AP_STACK_ORDER)

/*
 * The trampoline page.  A STARTUP vector is a page number, so the page
 * lies below 1 MiB; 0xa0000-0xfffff is video memory and ROM, and the SDM
 * reserves STARTUP vectors 0xa0-0xbf (vol. 3A, 11.6.1).  Page 0 holds the
 * real-mode interrupt table and the BIOS data area.  Of the rest, we take
 * the highest page the memory map calls RAM that no boot data, module or
 * loader structure occupies: the allocator never hands out the low 1 MiB
 * (mm.h), so the page is ours, and the top of conventional memory is the
 * part loaders use least (they start low, around 0x7c00 and 0x10000).
 */
#define TRAMPOLINE_MIN_PFN	1
#define TRAMPOLINE_END		0xa0000

/* Bits the 32-bit trampoline must not write (SDM vol. 3A, 2.5 and 2.2.1). */
#define CR4_PCIDE		(1UL << 17)	/* settable only in long mode */
#define EFER_LMA_BIT		(1ULL << 10)	/* set by the CPU, not by software */
#define EFER_NXE_BIT		(1ULL << 11)	/* NX bits in page tables are valid */

struct ap_start_slot ap_start_slots[CONFIG_NR_CPUS];
struct ap_cpu_state ap_cpu_state;

_Static_assert(__builtin_offsetof(struct ap_start_slot, apic_id) == AP_SLOT_APIC_ID, "slot");
_Static_assert(__builtin_offsetof(struct ap_start_slot, stack_top) == AP_SLOT_STACK, "slot");
_Static_assert(sizeof(struct ap_start_slot) == AP_SLOT_SIZE, "slot size");
_Static_assert(__builtin_offsetof(struct ap_cpu_state, cr0) == AP_STATE_CR0, "state");
_Static_assert(__builtin_offsetof(struct ap_cpu_state, cr3) == AP_STATE_CR3, "state");
_Static_assert(__builtin_offsetof(struct ap_cpu_state, cr4) == AP_STATE_CR4, "state");
_Static_assert(__builtin_offsetof(struct ap_cpu_state, efer) == AP_STATE_EFER, "state");
_Static_assert(sizeof(struct ap_cpu_state) == AP_STATE_SIZE, "state size");
_Static_assert(sizeof(struct ap_tables) <= (PAGE_SIZE << AP_TABLES_ORDER), "AP tables fit their pages");

static phys_addr_t trampoline;
static bool trampoline_exec;	/* set_memory_x() succeeded: undo it */

static void delay_ns(u64 ns)
{
	u64 start = pv_sched_clock();

	while (pv_sched_clock() - start < ns)
		asm volatile("pause");
}

/* Wait until CPU @c leaves state @from, or until sched_clock() passes @deadline. */
static u32 wait_state_change(struct smp_cpu *c, u32 from, u64 deadline)
{
	u32 s;

	while ((s = __atomic_load_n(&c->state, __ATOMIC_ACQUIRE)) == from &&
	       pv_sched_clock() < deadline)
		asm volatile("pause");
	return s;
}

static bool overlaps(u64 a, u64 alen, u64 b, u64 blen)
{
	return a < b + blen && b < a + alen;
}

static bool page_holds_boot_data(const struct boot_info *bi, phys_addr_t pa)
{
	for (unsigned int i = 0; i < bi->nr_rsv; i++)
		if (overlaps(pa, PAGE_SIZE, bi->rsv[i].start, bi->rsv[i].size))
			return true;
	for (unsigned int i = 0; i < bi->nr_mod; i++)
		if (overlaps(pa, PAGE_SIZE, bi->mod[i].start, bi->mod[i].size))
			return true;
	return false;
}

static phys_addr_t find_trampoline_page(const struct boot_info *bi)
{
	for (unsigned long pfn = PFN_DOWN(TRAMPOLINE_END) - 1; pfn >= TRAMPOLINE_MIN_PFN; pfn--)
		if (page_is_ram(pfn) && !page_holds_boot_data(bi, PFN_PHYS(pfn)))
			return PFN_PHYS(pfn);
	return 0;
}

/* Copy the trampoline below 1 MiB and record the paging state to enter. */
static bool trampoline_setup(void)
{
	unsigned long size = ap_trampoline_end - ap_trampoline_start;
	u64 cr3 = pv_read_cr3(), efer = pv_rdmsr(MSR_EFER);

	if (size > PAGE_SIZE) {
		pr_err("smp: 1 CPU online: the AP trampoline is %lu bytes, more than a page\n", size);
		return false;
	}
	if (cr3 >= IDENTITY_MAP_SIZE) {
		pr_err("smp: 1 CPU online: the page tables (CR3 %#lx) are above 4 GiB, where 32-bit trampoline code cannot load them\n",
		       (unsigned long)cr3);
		return false;
	}
	trampoline = find_trampoline_page(&boot_info);
	if (!trampoline) {
		pr_err("smp: 1 CPU online: no RAM page free of boot data below %#x for the AP trampoline\n",
		       TRAMPOLINE_END);
		return false;
	}
	/*
	 * Paging goes on inside the trampoline: with NX in use its page
	 * must be executable (and then read-only, to keep W^X).
	 */
	if (!set_memory_x((uintptr_t)phys_to_virt(trampoline), 1)) {
		trampoline_exec = true;
	} else if (efer & EFER_NXE_BIT) {
		pr_err("smp: 1 CPU online: cannot map the AP trampoline page %#lx executable (set_memory_x failed) while NX is on\n",
		       (unsigned long)trampoline);
		return false;
	}
	memcpy(phys_to_virt(trampoline), ap_trampoline_start, size);
	smp_trampoline_pa = trampoline;
	if (trampoline_exec)
		set_memory_ro((uintptr_t)phys_to_virt(trampoline), 1);

	ap_cpu_state.cr0 = (u32)pv_read_cr0();
	ap_cpu_state.cr3 = (u32)cr3;
	ap_cpu_state.cr4 = (u32)(pv_read_cr4() & ~CR4_PCIDE);
	efer &= ~EFER_LMA_BIT;
	ap_cpu_state.efer[0] = (u32)efer;
	ap_cpu_state.efer[1] = (u32)(efer >> 32);
	return true;
}

/* After the last AP: no slot hands out a stack, the page is data again. */
static void trampoline_teardown(void)
{
	for (unsigned int cpu = 0; cpu < CONFIG_NR_CPUS; cpu++)
		ap_start_slots[cpu].stack_top = 0;
	if (trampoline_exec) {
		set_memory_nx((uintptr_t)phys_to_virt(trampoline), 1);
		set_memory_rw((uintptr_t)phys_to_virt(trampoline), 1);
		trampoline_exec = false;
	}
}

uintptr_t smp_alloc_ap_memory(struct smp_cpu *c, unsigned int cpu)
{
	phys_addr_t stack = alloc_pages(AP_STACK_ORDER);
	phys_addr_t df_stack = alloc_pages(AP_STACK_ORDER);
	phys_addr_t tables = alloc_pages(AP_TABLES_ORDER);

	if (!stack || !df_stack || !tables) {
		pr_err("smp: CPU %u: no memory for its stacks and tables (%lu KiB): not started\n",
		       cpu, (2 * AP_STACK_SIZE + (PAGE_SIZE << AP_TABLES_ORDER)) / 1024);
		if (stack)
			free_pages(stack, AP_STACK_ORDER);
		if (df_stack)
			free_pages(df_stack, AP_STACK_ORDER);
		if (tables)
			free_pages(tables, AP_TABLES_ORDER);
		return 0;
	}
	c->tables = phys_to_virt(tables);
	memset(c->tables, 0, sizeof(*c->tables));
	c->df_stack_top = (char *)phys_to_virt(df_stack) + AP_STACK_SIZE;
	return (uintptr_t)phys_to_virt(stack) + AP_STACK_SIZE;
}

void smp_free_ap_memory(struct smp_cpu *c, uintptr_t stack_top)
{
	free_pages(virt_to_phys((void *)(stack_top - AP_STACK_SIZE)), AP_STACK_ORDER);
	free_pages(virt_to_phys((char *)c->df_stack_top - AP_STACK_SIZE), AP_STACK_ORDER);
	free_pages(virt_to_phys(c->tables), AP_TABLES_ORDER);
	c->tables = NULL;
	c->df_stack_top = NULL;
}

static bool alloc_ap_memory(struct smp_cpu *c, unsigned int cpu)
{
	uintptr_t stack_top = smp_alloc_ap_memory(c, cpu);

	ap_start_slots[cpu].stack_top = stack_top;
	return stack_top != 0;
}

/*
 * Stop an AP that did not come up, and take its number out of use.  Its
 * memory is not freed: if the INIT was lost, it may still run there.
 */
static void give_up(struct smp_cpu *c, unsigned int cpu, const char *why, int seconds)
{
	ap_start_slots[cpu].stack_top = 0;
	lapic_send_init(c->apic_id);
	pr_err("smp: CPU %u (APIC ID %u) %s within %d s: stopped with INIT, the boot continues without it\n",
	       cpu, c->apic_id, why, seconds);
}

/* Give CPU number @cpu to the CPU with @apic_id: its memory and slot. */
static bool prepare_ap(unsigned int cpu, u32 apic_id)
{
	struct smp_cpu *c = &smp_cpus[cpu];

	c->apic_id = apic_id;
	if (!alloc_ap_memory(c, cpu))
		return false;
	ap_start_slots[cpu].apic_id = apic_id;
	__atomic_store_n(&c->state, SMP_CPU_STARTING, __ATOMIC_RELEASE);
	return true;
}

static bool ap_starting(unsigned int cpu)
{
	return __atomic_load_n(&smp_cpus[cpu].state, __ATOMIC_ACQUIRE) == SMP_CPU_STARTING;
}

/*
 * INIT, 10 ms, STARTUP, 200 us, STARTUP, 200 us, to all prepared APs at
 * once: each finds its own slot by APIC ID, so they may run the
 * trampoline side by side, and the boot waits 10 ms once, not per CPU.
 * The second STARTUP is ignored by an AP that already runs.
 */
static void send_startup_sequence(void)
{
	u8 vector = (u8)PFN_DOWN(trampoline);

	/*
	 * The APs read their slots after the IPIs: a locked instruction
	 * makes every store above globally visible before the first ICR
	 * write (an x2APIC ICR write is not serialising, SDM vol. 3A,
	 * 11.12.3).  Not mfence: this host's KVM cannot emulate 0f ae.
	 */
	asm volatile("lock; orl $0, (%%rsp)" : : : "memory");
	for (unsigned int cpu = 1; cpu < CONFIG_NR_CPUS; cpu++) {
		if (ap_starting(cpu) && lapic_send_init(smp_cpus[cpu].apic_id)) {
			/* Nothing reached it: it cannot be running. */
			ap_start_slots[cpu].stack_top = 0;
			__atomic_store_n(&smp_cpus[cpu].state, SMP_CPU_FAILED, __ATOMIC_RELEASE);
		}
	}
	delay_ns(INIT_DELAY_NS);
	for (int round = 0; round < 2; round++) {
		for (unsigned int cpu = 1; cpu < CONFIG_NR_CPUS; cpu++)
			if (ap_starting(cpu))
				lapic_send_startup(smp_cpus[cpu].apic_id, vector);
		delay_ns(STARTUP_DELAY_NS);
	}
}

/* Wait for a started AP to come online; stop it if it does not in time. */
static void wait_ap(unsigned int cpu, u64 started)
{
	struct smp_cpu *c = &smp_cpus[cpu];
	u32 expected = SMP_CPU_STARTING;
	u32 state;

	state = wait_state_change(c, SMP_CPU_STARTING, started + ALIVE_TIMEOUT_S * NSEC_PER_SEC);
	if (state == SMP_CPU_STARTING &&
	    __atomic_compare_exchange_n(&c->state, &expected, SMP_CPU_FAILED, false,
					__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		give_up(c, cpu, "did not answer INIT and STARTUP", ALIVE_TIMEOUT_S);
		return;
	}
	state = wait_state_change(c, SMP_CPU_ALIVE,
				  started + (ALIVE_TIMEOUT_S + ONLINE_TIMEOUT_S) * NSEC_PER_SEC);
	if (state != SMP_CPU_ONLINE) {
		__atomic_store_n(&c->state, SMP_CPU_FAILED, __ATOMIC_RELEASE);
		give_up(c, cpu, "started but did not come online", ONLINE_TIMEOUT_S);
		return;
	}
	if (c->seen_cpu != cpu || c->seen_area != __per_cpu_offset[cpu])
		pr_err("smp: CPU %u (APIC ID %u) sees cpu_number %u and its area at %#lx through %%gs, expected %u and %#lx\n",
		       cpu, c->apic_id, c->seen_cpu, (unsigned long)c->seen_area, cpu,
		       __per_cpu_offset[cpu]);
}

void __noreturn smp_ap_main(unsigned int cpu)
{
	struct smp_cpu *c = &smp_cpus[cpu];
	u32 expected = SMP_CPU_STARTING;

	/* The boot CPU may have given up on this CPU: then stop here. */
	if (cpu == 0 || cpu >= CONFIG_NR_CPUS ||
	    !__atomic_compare_exchange_n(&c->state, &expected, SMP_CPU_ALIVE, false,
					 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		smp_ap_park();

	/* No percpu access before this. */
	pv_wrmsr(MSR_GS_BASE, __per_cpu_offset[cpu]);
	gdt_load_cpu(c->tables->gdt, &c->tables->tss, c->df_stack_top);
	idt_load();
	lapic_enable_this_cpu();
	c->seen_cpu = this_cpu_read(cpu_number);
	c->seen_area = this_cpu_read(this_cpu_off);
	__atomic_store_n(&c->state, SMP_CPU_ONLINE, __ATOMIC_RELEASE);
	smp_ap_idle(c);
}

/* Why this boot cannot start application processors, or NULL. */
static const char *smp_unavailable(void)
{
	/* Under Xen PVH the vLAPIC takes INIT/STARTUP (Xen's docs/misc/pvh.pandoc). */
	if (!boot_has(BOOT_CAP_PRIV))
		return "the kernel does not run in ring 0: it cannot send INIT/STARTUP IPIs";
	if (!percpu_ready())
		return "no percpu areas";
	if (!nr_cpus_found)
		return "no ACPI MADT lists the other CPUs";
	if (acpi_nr_cpu_ids < 2)
		return "the ACPI MADT lists no other CPU";
	if (!lapic_init())
		return "no usable local APIC to send INIT/STARTUP IPIs from";
	return NULL;
}

void smp_boot_cpus(void)
{
	const char *why = smp_unavailable();
	unsigned int cpu = 1, not_started = 0;
	u64 begin, started;
	u32 self;

	for (unsigned int i = 0; i < CONFIG_NR_CPUS; i++)
		ap_start_slots[i].apic_id = AP_SLOT_UNUSED;
	smp_ipi_init();
	/* Xen PV: no INIT/STARTUP, VCPUOP hypercalls (arch/x86/xen/smp_pv.c). */
	if (boot_has(BOOT_CAP_XEN) && !boot_has(BOOT_CAP_PRIV)) {
		xen_pv_smp_boot_cpus();
		return;
	}
	/* Where an IPI to CPU 0 goes, with other CPUs or without. */
	self = apic_cpu_id();
	smp_cpus[0].apic_id = self;
	if (why) {
		pr_info("smp: 1 CPU online: %s\n", why);
		return;
	}
	/* The boot CPU's slot has no stack: an AP with its ID would halt. */
	ap_start_slots[0].apic_id = self;
	if (!trampoline_setup())
		return;
	pr_info("smp: AP trampoline at %#lx (STARTUP vector %#lx), boot CPU APIC ID %u, %s mode\n",
		(unsigned long)trampoline, (unsigned long)PFN_DOWN(trampoline), self,
		lapic_is_x2apic() ? "x2APIC" : "xAPIC");

	for (unsigned int i = 0; i < acpi_nr_cpu_ids; i++) {
		u32 id = acpi_cpu_apic_id[i];

		if (id == self)
			continue;
		if (cpu >= CONFIG_NR_CPUS) {
			not_started++;
			continue;
		}
		/* Without memory the number stays free for the next CPU. */
		if (prepare_ap(cpu, id))
			cpu++;
	}
	begin = pv_sched_clock();
	send_startup_sequence();
	started = pv_sched_clock();
	for (unsigned int n = 1; n < cpu; n++)
		if (smp_cpus[n].state != SMP_CPU_FAILED)
			wait_ap(n, started);
	trampoline_teardown();
	smp_cpus_left_out = not_started;
	if (not_started)
		pr_warn("smp: %u more CPUs in the ACPI MADT not started: CONFIG_NR_CPUS is %d\n",
			not_started, CONFIG_NR_CPUS);
	pr_info("smp: %u CPU%s online, started in %llu ms\n", num_online_cpus(),
		num_online_cpus() == 1 ? "" : "s", (pv_sched_clock() - begin) / NSEC_PER_MSEC);
}
