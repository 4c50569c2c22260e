// SPDX-License-Identifier: GPL-2.0
/*
 * pv-op smoke test: every pv-op is called and gives a sane result.
 * (pv_shutdown is exercised by the end of every run.)
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/percpu.h>
#include <linux/selftest.h>
#include <linux/string.h>
#include <asm/desc.h>
#include <asm/msr-index.h>
#include <asm/pgtable.h>
#include <asm/processor-flags.h>
#include <asm/pvops.h>
#include <asm/setup.h>
#include <asm/traps.h>

#define EFER_LMA		(1ULL << 10)	/* long mode active */
#define COM1_SCRATCH		0x3ff		/* 8250 scratch register */
#define PCI_CONFIG_ADDRESS	0xcf8		/* PCI configuration mechanism #1 */
#define PCI_CONFIG_DATA		0xcfc
#define DMA_PAGE_CH2		0x81		/* 8237 page register, channel 2 */
#define DMA_PAGE_CH3		0x82		/* and channel 3, the next port */
#define SELFTEST_VECTOR		0xf0
#define TEST_VA			0x0000100000000000UL	/* outside the identity map */
/* The next gigabyte: a level-3 slot of TEST_VA's tables nothing maps. */
#define TEST_PT_VA		(TEST_VA + (1UL << 30))

/* A one-shot short enough to wait for, and a wait well past it. */
#define ONESHOT_NS		(100 * 1000ULL)		/* 100 us */
#define ONESHOT_WAIT_NS		(5 * 1000 * 1000ULL)	/* 5 ms */
/*
 * How long an interrupt may take to arrive once interrupts are on.  A
 * few microseconds normally; but QEMU runs its timers in a thread of
 * its own, which a loaded host may leave unscheduled for many
 * milliseconds while the vCPU's clock runs on.  The wait ends as soon
 * as the interrupt arrives, so only a failing or starved run pays it.
 */
#define ONESHOT_DELIVERY_NS	(2000 * 1000 * 1000ULL)	/* 2 s */
/*
 * One to cancel: far longer than the host may stall the guest between
 * arming and cancelling (QEMU's timers follow the host's clock).
 */
#define ONESHOT_CANCEL_NS	(1000 * 1000 * 1000ULL)	/* 1 s */

static volatile unsigned int test_irqs, timer_irqs;
/* The timer handler arms the next one-shot itself: a periodic timer. */
static volatile bool timer_rearm;
/* The one-shot was seen to fire: waiting for it cannot hang. */
static bool timer_works;

/* Interrupt handlers send no EOI: the IDT path (do_trap()) does. */
static void test_irq_handler(struct pt_regs *regs)
{
	test_irqs++;
}

static void timer_handler(struct pt_regs *regs)
{
	timer_irqs++;
	if (timer_rearm)
		pv_timer_oneshot(ONESHOT_NS);
}

/* Busy-wait @ns by the pv-op clock, whatever the interrupt flag is. */
static void spin_ns(u64 ns)
{
	u64 t0 = pv_sched_clock();

	while (pv_sched_clock() - t0 < ns)
		barrier();
}

/*
 * Wait, at most ONESHOT_DELIVERY_NS, for the timer count to leave @from,
 * and note how long that took.  An interrupt pending when interrupts come on
 * is taken at once on TCG (a few microseconds) and under Xen (the
 * backend's irq_enable raises the pending upcall), but this host's KVM,
 * emulating, injects it about half a millisecond later.
 */
static u64 delivery_ns;

static unsigned int wait_delivery(unsigned int from)
{
	u64 t0 = pv_sched_clock(), t;

	do
		t = pv_sched_clock();
	while (timer_irqs == from && t - t0 < ONESHOT_DELIVERY_NS);
	delivery_ns = t - t0;
	return timer_irqs;
}

static unsigned long read_rflags(void)
{
	unsigned long f;

	asm volatile("pushfq; popq %0" : "=r"(f));
	return f;
}

/*
 * irq_restore changes IF and nothing else, at every site (inlined or
 * called): the ID flag, which any privilege level may flip harmlessly,
 * flipped in its argument must not reach RFLAGS.
 */
static void test_irq_restore_only_if(unsigned long flags)
{
	unsigned long before = read_rflags(), after;

	pv_irq_restore(flags ^ X86_EFLAGS_ID);
	after = read_rflags();
	if ((before ^ after) & X86_EFLAGS_ID)	/* put ID back as it was */
		asm volatile("pushq %0; popfq" : : "r"(after ^ X86_EFLAGS_ID) : "cc");
	pv_irq_restore(flags);
	report(!((before ^ after) & X86_EFLAGS_ID),
	       "irq_restore changes IF alone (a flipped ID bit in its argument stays out of RFLAGS)");
}

static void test_irq_flags(void)
{
	unsigned long flags;

	report_prefix_push("irq");
	flags = pv_irq_save();
	report(!(flags & X86_EFLAGS_IF), "irq_save: interrupts were off at boot");
	pv_irq_enable();
	report(pv_irq_save() & X86_EFLAGS_IF, "irq_enable, then irq_save sees IF set");
	pv_irq_enable();
	pv_irq_disable();
	report(!(pv_irq_save() & X86_EFLAGS_IF), "irq_disable clears IF");
	pv_irq_restore(X86_EFLAGS_IF);
	report(pv_irq_save() & X86_EFLAGS_IF, "irq_restore(IF) sets it");
	pv_irq_restore(flags);
	report(!(pv_irq_save() & X86_EFLAGS_IF), "irq_restore(saved) clears it again");
	test_irq_restore_only_if(flags);
	report_prefix_pop();
}

static void test_cpuid(void)
{
	struct cpuid_regs r;
	char vendor[13];
	bool printable = true;

	pv_cpuid(0, 0, &r);
	memcpy(vendor, &r.ebx, 4);
	memcpy(vendor + 4, &r.edx, 4);
	memcpy(vendor + 8, &r.ecx, 4);
	vendor[12] = '\0';
	for (int i = 0; i < 12; i++)
		if (vendor[i] < 0x20 || vendor[i] > 0x7e)
			printable = false;
	report(r.eax >= 1 && printable, "cpuid(0): max leaf %u, vendor \"%s\"",
	       r.eax, printable ? vendor : "?");
	pv_cpuid(0x80000001, 0, &r);
	report(r.edx & (1u << 29), "cpuid(0x80000001): long mode supported");
}

static void test_control_registers(void)
{
	unsigned long cr0 = pv_read_cr0(), cr3 = pv_read_cr3(), cr4 = pv_read_cr4();

	report_prefix_push("cr");
	report((cr0 & (X86_CR0_PG | X86_CR0_PE)) == (X86_CR0_PG | X86_CR0_PE),
	       "read_cr0: paging and protection on (%#lx)", cr0);
	report(cr4 & X86_CR4_PAE, "read_cr4: PAE on (%#lx)", cr4);
	report(cr3 && !(cr3 & 0xfff & ~0x18UL), "read_cr3: a page-aligned root (%#lx)", cr3);
	pv_write_cr0(cr0);
	report(pv_read_cr0() == cr0, "write_cr0(read_cr0()) keeps it");
	pv_write_cr4(cr4);
	report(pv_read_cr4() == cr4, "write_cr4(read_cr4()) keeps it");
	pv_write_cr3(cr3);
	report(pv_read_cr3() == cr3, "write_cr3(read_cr3()) keeps it");
	pv_write_cr2(0x12345000);
	report(pv_read_cr2() == 0x12345000, "write_cr2 then read_cr2");
	report_prefix_pop();
}

static void test_msr(void)
{
	u64 efer = pv_rdmsr(MSR_EFER), old = pv_rdmsr(MSR_KERNEL_GS_BASE);

	report_prefix_push("msr");
	report((efer & (EFER_LME | EFER_LMA)) == (EFER_LME | EFER_LMA),
	       "rdmsr(EFER): long mode enabled and active (%#lx)", (unsigned long)efer);
	pv_wrmsr(MSR_KERNEL_GS_BASE, 0x1234567000UL);
	report(pv_rdmsr(MSR_KERNEL_GS_BASE) == 0x1234567000UL, "wrmsr then rdmsr");
	pv_wrmsr(MSR_KERNEL_GS_BASE, old);
	report_prefix_pop();
}

static void test_descriptor_tables(void)
{
	unsigned long before = last_trap.count;

	report_prefix_push("tables");
	/* Reload both tables; an exception afterwards proves the IDT works. */
	gdt_init();
	idt_init();
	asm volatile("1: ud2\n2:\n" _ASM_EXTABLE(1b, 2b) : : : "memory");
	report(last_trap.count == before + 1 && last_trap.vector == X86_TRAP_UD,
	       "load_gdt, load_idt: exceptions still delivered");

	/*
	 * A self-IPI rather than "int n", which this host's KVM cannot
	 * emulate.  The gate is rewritten first to prove write_idt_entry.
	 */
	if (!lapic_init()) {
		report_skip("write_idt_entry: a self-IPI reaches its handler",
			    "no local APIC in xAPIC mode to send a self-IPI");
		report_prefix_pop();
		return;
	}
	set_intr_gate(SELFTEST_VECTOR, (void *)(uintptr_t)vector_stubs[SELFTEST_VECTOR], 0);
	set_irq_handler(SELFTEST_VECTOR, test_irq_handler);
	lapic_send_self_ipi(SELFTEST_VECTOR);
	/* Pending already: safe_halt takes it (a bare sti; cli may not, under KVM). */
	pv_safe_halt();
	pv_irq_disable();
	report(test_irqs == 1, "write_idt_entry: a self-IPI on vector %#x reaches its handler",
	       SELFTEST_VECTOR);
	set_irq_handler(SELFTEST_VECTOR, NULL);
	report_prefix_pop();
}

/*
 * outw to the ISA DMA page registers of channels 2 and 3 (0x81 and 0x82,
 * one byte each, readable, unused without ISA DMA): both bytes of the
 * word must arrive, each read back with inb.
 */
static void test_outw(void)
{
	u8 old2 = pv_inb(DMA_PAGE_CH2), old3 = pv_inb(DMA_PAGE_CH3);

	pv_outw(0x5aa5, DMA_PAGE_CH2);
	report(pv_inb(DMA_PAGE_CH2) == 0xa5 && pv_inb(DMA_PAGE_CH3) == 0x5a,
	       "outw then inb of both bytes (DMA page registers %#x, %#x)", DMA_PAGE_CH2,
	       DMA_PAGE_CH3);
	pv_outb(old2, DMA_PAGE_CH2);
	pv_outb(old3, DMA_PAGE_CH3);
}

static void test_port_io(void)
{
	u32 old;

	report_prefix_push("io");
	pv_outb(0xa5, COM1_SCRATCH);
	report(pv_inb(COM1_SCRATCH) == 0xa5, "outb then inb (8250 scratch register)");
	pv_outb(0x5a, COM1_SCRATCH);
	pv_io_delay();
	report(pv_inb(COM1_SCRATCH) == 0x5a, "io_delay between accesses");

	old = pv_inl(PCI_CONFIG_ADDRESS);
	pv_outl(0x80000000, PCI_CONFIG_ADDRESS);	/* bus 0, device 0, register 0 */
	report(pv_inl(PCI_CONFIG_ADDRESS) == 0x80000000,
	       "outl then inl (PCI configuration address)");
	report(pv_inw(PCI_CONFIG_DATA) != 0xffff,
	       "inw: the host bridge's vendor ID (%#x)", pv_inw(PCI_CONFIG_DATA));
	pv_outl(old, PCI_CONFIG_ADDRESS);
	test_outw();
	report_prefix_pop();
}

static void test_paging(void)
{
	phys_addr_t a = alloc_page(), b = alloc_page();
	volatile u64 *va = (volatile u64 *)TEST_VA;
	unsigned long before;
	u64 *pte;

	report_prefix_push("paging");
	if (!a || !b) {
		report(false, "two pages for the test");
		goto out;
	}
	*(u64 *)phys_to_virt(a) = 0xaaaa;
	*(u64 *)phys_to_virt(b) = 0xbbbb;

	report(map_page(TEST_VA, a, PTE_RW) == 0, "set_pte: map a page at %#lx", TEST_VA);
	report(*va == 0xaaaa, "the mapping reads the page");
	*va = 0xa1a1;
	report(*(u64 *)phys_to_virt(a) == 0xa1a1, "a write through it reaches the page");

	/* Retarget the PTE; without a flush the TLB may still say "a". */
	pte = lookup_pte(TEST_VA);
	/* The CPU has set the accessed and dirty bits since: not ours. */
	report(pte && (pv_read_pte(pte) & ~(PTE_ACCESSED | PTE_DIRTY)) ==
	       (a | PTE_PRESENT | PTE_RW),
	       "read_pte gives back what map_page's set_pte wrote");
	if (!pte)
		goto out;
	pv_set_pte(pte, b | PTE_PRESENT | PTE_RW);
	pv_flush_tlb_all();
	report(*va == 0xbbbb, "set_pte + flush_tlb_all: the new target is seen");

	before = last_trap.count;
	unmap_page(TEST_VA);	/* set_pte(0) + flush_tlb_one */
	asm volatile("1: movq (%0), %%rax\n2:\n" _ASM_EXTABLE(1b, 2b)
		     : : "r"(TEST_VA) : "rax", "memory");
	report(last_trap.count == before + 1 && last_trap.vector == X86_TRAP_PF,
	       "set_pte(0) + flush_tlb_one: the address faults again");
out:
	if (a)
		free_page(a);
	if (b)
		free_page(b);
	report_prefix_pop();
}

/* @va's entry in its table of @level, or NULL where no table is. */
static u64 *entry_of(unsigned long va, int level)
{
	u64 *table = phys_to_virt(pv_read_cr3() & PTE_ADDR_MASK);

	for (int l = 4; l > level; l--) {
		u64 e = pv_read_pte(&table[(va >> (PAGE_SHIFT + 9 * (l - 1))) & (PT_ENTRIES - 1)]);

		if (!(e & PTE_PRESENT) || (e & PTE_PSE))
			return NULL;
		table = phys_to_virt(e & PTE_ADDR_MASK);
	}
	return &table[(va >> (PAGE_SHIFT + 9 * (level - 1))) & (PT_ENTRIES - 1)];
}

/*
 * pt_free: map_page() makes a level-2 and a level-1 table for a gigabyte
 * nothing maps (pt_alloc: under Xen PV pinned and read-only).  Once the
 * page is unmapped and both tables unlinked, free_page_table() gives each
 * back as ordinary memory: free, writable in the direct map, poisoned by
 * the allocator's write; and the allocator hands the last one out again,
 * a page that takes a write.
 */
static void test_pt_free(void)
{
	phys_addr_t data = alloc_page(), pt[3] = { 0 }, again;
	volatile u64 *va = (volatile u64 *)TEST_PT_VA;
	u64 *l3e, *l2e;
	bool w, x;

	report_prefix_push("pt_free");
	if (!report(data != 0, "a page for the test"))
		goto out;
	*(u64 *)phys_to_virt(data) = 0x5eed;
	/* TEST_VA's tables (test_paging made them) hold TEST_PT_VA's slot. */
	if (!entry_of(TEST_PT_VA, 3) && map_page(TEST_VA, data, PTE_RW) == 0)
		unmap_page(TEST_VA);
	l3e = entry_of(TEST_PT_VA, 3);
	if (!report(l3e && !(pv_read_pte(l3e) & PTE_PRESENT),
		    "nothing maps the gigabyte at %#lx yet", TEST_PT_VA))
		goto out;
	if (!report(map_page(TEST_PT_VA, data, PTE_RW) == 0,
		    "map_page makes a level-2 and a level-1 table for it"))
		goto out;
	report(*va == 0x5eed, "the page reads through them");
	l2e = entry_of(TEST_PT_VA, 2);
	if (!report(l2e != NULL, "the level-2 entry is there"))
		goto out;
	pt[2] = pv_read_pte(l3e) & PTE_ADDR_MASK;
	pt[1] = pv_read_pte(l2e) & PTE_ADDR_MASK;

	unmap_page(TEST_PT_VA);
	pv_set_pte(l2e, 0);
	pv_set_pte(l3e, 0);
	pv_flush_tlb_all();	/* only this CPU walked them */
	for (unsigned int level = 1; level <= 2; level++) {
		unsigned long tva = (unsigned long)phys_to_virt(pt[level]);

		if (!report(free_page_table(phys_to_virt(pt[level]), level) == 0,
			    "free_page_table: the level-%u table at %#lx goes back", level, tva))
			continue;
		report(page_is_free(PFN_DOWN(pt[level])), "level %u: the page is free", level);
		report(pte_prot_of(tva, &w, &x) && w,
		       "level %u: the page is writable in the direct map again", level);
		report(page_is_poisoned(pt[level]), "level %u: the allocator's poison reached it",
		       level);
	}
	again = alloc_page();
	report(again == pt[2], "allocated again: the last table's page comes back (%#lx, %#lx)",
	       (unsigned long)again, (unsigned long)pt[2]);
	if (again) {
		*(volatile u64 *)phys_to_virt(again) = 0x1234;
		report(*(volatile u64 *)phys_to_virt(again) == 0x1234, "and it takes a write");
		free_page(again);
	}
out:
	if (data)
		free_page(data);
	report_prefix_pop();
}

static void test_clock(void)
{
	u64 t0 = pv_sched_clock(), prev = t0, t1;
	bool monotonic = true;

	for (int i = 0; i < 1000; i++) {
		u64 t = pv_sched_clock();

		if (t < prev)
			monotonic = false;
		prev = t;
	}
	t1 = pv_sched_clock();
	report(monotonic, "sched_clock is monotonic over 1000 reads");
	report(t1 > t0, "sched_clock advances (%lu ns)", (unsigned long)(t1 - t0));
}

/*
 * A one-shot that expires while interrupts are off stays pending and is
 * delivered, once, as soon as they are on again: through irq_enable, and
 * through irq_restore of flags irq_save took.  Under Xen PV this is an
 * event pending while the vCPU's upcall is masked.
 */
static void test_timer(void)
{
	unsigned int off, on, later;
	unsigned long flags;

	report_prefix_push("timer");
	set_irq_handler(LOCAL_TIMER_VECTOR, timer_handler);
	timer_rearm = false;

	timer_irqs = 0;
	pv_irq_disable();
	pv_timer_oneshot(ONESHOT_NS);
	spin_ns(ONESHOT_WAIT_NS);
	off = timer_irqs;
	pv_irq_enable();
	on = wait_delivery(off);
	spin_ns(ONESHOT_WAIT_NS);
	later = timer_irqs;
	pv_irq_disable();
	timer_works = later > 0;
	report(off == 0 && on == 1 && later == 1,
	       "a one-shot that fired with interrupts off is delivered on irq_enable, once (%u while off, %u on enable, after %lu us; %u after %lu ms)",
	       off, on, (unsigned long)(delivery_ns / 1000), later,
	       (unsigned long)(ONESHOT_WAIT_NS / 1000000));

	timer_irqs = 0;
	pv_irq_enable();
	flags = pv_irq_save();
	pv_timer_oneshot(ONESHOT_NS);
	spin_ns(ONESHOT_WAIT_NS);
	off = timer_irqs;
	pv_irq_restore(flags);
	on = wait_delivery(off);
	spin_ns(ONESHOT_WAIT_NS);
	later = timer_irqs;
	pv_irq_disable();
	report(off == 0 && on == 1 && later == 1,
	       "the same through irq_save and irq_restore (%u while saved, %u on restore, after %lu us; %u after)",
	       off, on, (unsigned long)(delivery_ns / 1000), later);

	/* Cancelled before it expires: nothing arrives. */
	timer_irqs = 0;
	pv_timer_oneshot(ONESHOT_CANCEL_NS);
	pv_timer_oneshot(0);
	pv_irq_enable();
	spin_ns(2 * ONESHOT_WAIT_NS);
	pv_irq_disable();
	report(timer_irqs == 0, "timer_oneshot(0) cancels an armed one-shot (%u arrived)",
	       timer_irqs);
	report_prefix_pop();
}

/* Not a vector the kernel uses (the smp self-test's TEST_IPI_VECTOR too). */
#define SELF_IPI_VECTOR		0xf9

static volatile unsigned int self_ipis;

static void self_ipi_handler(struct pt_regs *regs)
{
	(void)regs;
	self_ipis++;
}

/*
 * An IPI to this CPU, sent twice with interrupts off: held back, then
 * taken once when they are on (two sends before it is taken are one, as
 * in a local APIC's IRR; Xen PV: one pending event on the IPI channel).
 * The smp self-test sends one to every CPU.
 */
static void test_send_ipi(void)
{
	unsigned int cpu = percpu_ready() ? smp_processor_id() : 0;
	unsigned int off, on, later;
	int s1, s2;

	report_prefix_push("send_ipi");
	set_irq_handler(SELF_IPI_VECTOR, self_ipi_handler);
	self_ipis = 0;
	pv_irq_disable();
	s1 = pv_send_ipi(cpu, SELF_IPI_VECTOR);
	s2 = pv_send_ipi(cpu, SELF_IPI_VECTOR);
	spin_ns(ONESHOT_WAIT_NS);
	off = self_ipis;
	pv_irq_enable();
	{
		u64 t0 = pv_sched_clock(), t;

		do
			t = pv_sched_clock();
		while (self_ipis == off && t - t0 < ONESHOT_DELIVERY_NS);
		delivery_ns = t - t0;
	}
	on = self_ipis;
	spin_ns(ONESHOT_WAIT_NS);
	later = self_ipis;
	pv_irq_disable();
	set_irq_handler(SELF_IPI_VECTOR, NULL);
	report(!s1 && !s2 && off == 0 && on == 1 && later == 1,
	       "two IPIs sent to this CPU (%u) with interrupts off are taken once on irq_enable (sent: %d, %d; %u while off, %u on enable, after %lu us; %u after %lu ms)",
	       cpu, s1, s2, off, on, (unsigned long)(delivery_ns / 1000), later,
	       (unsigned long)(ONESHOT_WAIT_NS / 1000000));
	report(pv_send_ipi(CONFIG_NR_CPUS, SELF_IPI_VECTOR) != 0,
	       "send_ipi refuses a CPU number past CONFIG_NR_CPUS");
	report_prefix_pop();
}

static void test_halt(void)
{
	report_prefix_push("halt");
	if (!timer_works) {
		report_skip("safe_halt and halt return after a timer interrupt",
			    "the one-shot timer never fired (see the timer tests): nothing would wake the CPU");
		report_prefix_pop();
		return;
	}

	timer_irqs = 0;
	pv_timer_oneshot(ONESHOT_NS);
	pv_safe_halt();		/* no wake-up lost between enabling and halting */
	pv_irq_disable();
	report(timer_irqs == 1, "safe_halt returns after the one-shot");

	/*
	 * halt with interrupts on: the handler re-arms, so a one-shot that
	 * fires before the halt is followed by another that wakes it.
	 */
	timer_irqs = 0;
	timer_rearm = true;
	pv_timer_oneshot(ONESHOT_NS);
	pv_irq_enable();
	pv_halt();
	pv_irq_disable();
	timer_rearm = false;
	pv_timer_oneshot(0);
	report(timer_irqs >= 1, "halt returns after a timer interrupt");
	/* One may have fired after the disable: take it before the handler goes. */
	pv_irq_enable();
	spin_ns(ONESHOT_WAIT_NS);
	pv_irq_disable();
	set_irq_handler(LOCAL_TIMER_VECTOR, NULL);
	report_prefix_pop();
}

/*
 * console_write writes straight to the platform console, which the
 * kernel cannot read back: the boot harness checks that this line is on
 * the console whenever the announcement before it is (run-env.sh,
 * "console_write's line").  No result here: it could not fail.
 */
static void test_console(void)
{
	static const char msg[] = "# pv_console_write: this line comes from the pv-op\n";

	report_info("console_write: writing one line through the pv-op");
	pv_console_write(msg, sizeof(msg) - 1);
}

/*
 * Where each pv-op is exercised: always through an ordinary call of
 * pv_<op>(), here or in the kernel code a test calls (gdt_init(),
 * idt_init(), unmap_page()), so the call sites the boot-time link
 * patched (inlined or direct) are what runs.  A pv-op added to PV_OPS()
 * without a line here fails "every pv-op has a test".
 */
#define PVOP_INDEX(type, name, params, args)	PVOP_##name,
#define PVOP_VINDEX(name, params, args)		PVOP_##name,
enum { PV_OPS(PVOP_INDEX, PVOP_VINDEX, PVOP_VINDEX) PVOP_NR };

static const char *const exercised_by[PVOP_NR] = {
	[PVOP_irq_save]		= "irq",
	[PVOP_irq_restore]	= "irq",
	[PVOP_irq_disable]	= "irq",
	[PVOP_irq_enable]	= "irq",
	[PVOP_safe_halt]	= "tables (self-IPI), halt (after the one-shot)",
	[PVOP_halt]		= "halt",
	[PVOP_cpuid]		= "cpuid",
	[PVOP_read_cr0]		= "cr",
	[PVOP_write_cr0]	= "cr",
	[PVOP_read_cr2]		= "cr",
	[PVOP_write_cr2]	= "cr",
	[PVOP_read_cr3]		= "cr",
	[PVOP_write_cr3]	= "cr",
	[PVOP_read_cr4]		= "cr",
	[PVOP_write_cr4]	= "cr",
	[PVOP_load_idt]		= "tables (idt_init)",
	[PVOP_load_gdt]		= "tables (gdt_init)",
	[PVOP_load_tr]		= "tables (gdt_init)",
	[PVOP_write_idt_entry]	= "tables (idt_init, set_intr_gate)",
	[PVOP_rdmsr]		= "msr",
	[PVOP_wrmsr]		= "msr",
	[PVOP_io_delay]		= "io",
	[PVOP_inb]		= "io",
	[PVOP_inw]		= "io",
	[PVOP_inl]		= "io",
	[PVOP_outb]		= "io",
	[PVOP_outw]		= "io",
	[PVOP_outl]		= "io",
	[PVOP_flush_tlb_all]	= "paging",
	[PVOP_flush_tlb_one]	= "paging (unmap_page)",
	[PVOP_set_pte]		= "paging (map_page, set_pte)",
	[PVOP_read_pte]		= "paging (lookup_pte, read_pte)",
	[PVOP_pt_alloc]		= "paging (map_page's new tables at TEST_VA)",
	[PVOP_pt_free]		= "pt_free (free_page_table, allocated again)",
	[PVOP_sched_clock]	= "clock",
	[PVOP_timer_oneshot]	= "timer, halt",
	[PVOP_send_ipi]		= "send_ipi (to this CPU; the smp suite: to each)",
	[PVOP_console_write]	= "console",
	/*
	 * Not called here: it ends the run, so the suites after this one
	 * would never report.  Every boot calls it last (machine_exit()),
	 * and the boot tests check the exit status it gives QEMU or Xen.
	 */
	[PVOP_shutdown]		= "the end of every run (machine_exit)",
};

static void test_coverage(void)
{
	unsigned int missing = 0;

#define PVOP_COVERED(name)						\
	if (!exercised_by[PVOP_##name]) {				\
		report_info("pv_%s has no test in this suite", #name);	\
		missing++;						\
	}
#define PVOP_COVERED_OP(type, name, params, args)	PVOP_COVERED(name)
#define PVOP_COVERED_VOP(name, params, args)		PVOP_COVERED(name)
	PV_OPS(PVOP_COVERED_OP, PVOP_COVERED_VOP, PVOP_COVERED_VOP)
#undef PVOP_COVERED_OP
#undef PVOP_COVERED_VOP
#undef PVOP_COVERED
	report(!missing, "every pv-op of PV_OPS() has a test (%u of %u do not)",
	       missing, (unsigned int)PVOP_NR);
}

static void pvops_suite(void)
{
	report_info("pv-op implementation: %s", pvops_name());
	test_coverage();
	test_irq_flags();
	test_cpuid();
	test_control_registers();
	test_msr();
	test_descriptor_tables();
	test_port_io();
	test_paging();
	test_pt_free();
	test_clock();
	test_timer();
	test_send_ipi();
	test_halt();
	test_console();
}
SELFTEST_SUITE(pvops, "pvops", pvops_suite, SELFTEST_NEEDS_PVOPS);
